import { t } from '../i18n/strings.js';
import { CatalogPage } from './CatalogTabs.js';
import { ReferenceTable } from './ReferenceTable.js';

/** #/catalog/price-types — retail, wholesale…: each product has a price in each. */
export function PriceTypes() {
  return (
    <CatalogPage current="/catalog/price-types">
      <ReferenceTable
        entity="price-type"
        path="/price-types"
        columns={['name', 'currency', 'isDefault']}
        intro={t('catalog.priceTypes.intro')}
        newLabel={t('catalog.priceType.new')}
        deleteConfirm={t('catalog.priceType.deleteConfirm')}
      />
    </CatalogPage>
  );
}
