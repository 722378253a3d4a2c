import { t } from '../i18n/strings.js';
import { CatalogPage } from './CatalogTabs.js';
import { ReferenceTable } from './ReferenceTable.js';

/** #/catalog/client-categories — a client's category sets their discount and price type. */
export function ClientCategories() {
  return (
    <CatalogPage current="/catalog/client-categories">
      <ReferenceTable
        entity="client-category"
        path="/client-categories"
        columns={['name', 'discount', 'priceTypeId', 'description']}
        intro={t('catalog.clientCategories.intro')}
        newLabel={t('catalog.clientCategory.new')}
        deleteConfirm={t('catalog.clientCategory.deleteConfirm')}
      />
    </CatalogPage>
  );
}
