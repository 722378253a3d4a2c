import { Badge, Button, makeStyles, tokens } from '@fluentui/react-components';
import { Delete20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import { api } from '../api/client.js';
import { useCan } from '../auth/can.js';
import { ConfirmDialog } from '../admin/ConfirmDialog.js';
import { t } from '../i18n/strings.js';
import { Card, CardState, Fact, Panel } from '../records/Card.js';
import { formatDecimal } from '../records/format.js';
import type { RecordData } from '../records/meta.js';
import { RecordForm } from '../records/RecordForm.js';
import { useResource } from '../records/useRecord.js';
import { navigate, useLocation } from '../shell/router.js';
import { useNotify } from '../shell/toast.js';
import { mainPrice, type Price } from './price.js';
import { PricesEditor } from './PricesEditor.js';
import { ReadOnlyRecord } from './ReadOnlyRecord.js';

type Product = RecordData & { name: string; sku: string | null; unit: string | null; vatRate: string | null; active: boolean; categoryId: number | null; categoryName: string | null; prices: Price[] };

const useStyles = makeStyles({
  heading: { margin: '0 0 8px', fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
});

/** #/catalog/products/:id — a product's details, custom fields and prices per price type. */
export function ProductCard({ params }: { params: Record<string, string> }) {
  const styles = useStyles();
  const can = useCan();
  const notify = useNotify();
  const res = useResource<Product>(`/products/${encodeURIComponent(params.id ?? '')}`);
  const [deleting, setDeleting] = useState(false);
  const product = res.data;
  if (!product) return <CardState loading={res.loading} error={res.error} />;
  const canEdit = can('catalog', 'edit');
  // Back to the category the product is in, where the user most likely came from.
  const back = product.categoryId !== null ? `/catalog?category=${product.categoryId}` : '/catalog';

  return (
    <Card
      title={product.name}
      subtitle={[product.sku, product.categoryName].filter(Boolean).join(' · ') || undefined}
      back={back}
      actions={can('catalog', 'delete') && <Button icon={<Delete20Regular />} onClick={() => setDeleting(true)}>{t('form.delete')}</Button>}
      facts={
        <>
          <Fact label={t('catalog.price')} value={mainPrice(product) || t('form.none')} />
          <Fact label={t('catalog.product.vat')} value={product.vatRate !== null ? `${formatDecimal(product.vatRate)} %` : t('form.none')} />
          <Fact label={t('catalog.product.unit')} value={product.unit ?? t('form.none')} />
          {!product.active && <Badge appearance="tint" color="warning">{t('catalog.product.inactive')}</Badge>}
        </>
      }
    >
      <Panel>
        <h2 className={styles.heading}>{t('catalog.prices')}</h2>
        <PricesEditor
          product={product}
          canEdit={canEdit}
          onSaved={(saved) => {
            res.set(saved as Product);
            notify(t('catalog.prices.saved'));
          }}
        />
      </Panel>
      <Panel>
        <h2 className={styles.heading}>{t('catalog.product.details')}</h2>
        {canEdit ? (
          <RecordForm
            entity="product"
            path="/products"
            record={product}
            onSaved={(saved) => {
              res.set(saved as Product);
              notify(t('form.saved'));
            }}
          />
        ) : (
          <ReadOnlyRecord entity="product" record={product} />
        )}
      </Panel>
      <ConfirmDialog
        open={deleting}
        title={t('catalog.product.deleteTitle', { name: product.name })}
        confirmLabel={t('form.delete')}
        danger
        onClose={() => setDeleting(false)}
        onConfirm={async () => {
          await api.delete(`/products/${product.id}`);
          notify(t('catalog.product.deleted'));
          navigate('/catalog', { category: product.categoryId ?? undefined });
        }}
      >
        {t('catalog.product.deleteConfirm')}
      </ConfirmDialog>
    </Card>
  );
}

/** #/catalog/products/new (?category= preselects the category being looked at). */
export function ProductNew() {
  const { query } = useLocation();
  const raw = query.get('category');
  const categoryId = raw && /^\d+$/.test(raw) ? Number(raw) : undefined;
  const notify = useNotify();
  return (
    <Card title={t('catalog.product.new')} back="/catalog">
      <Panel>
        <RecordForm
          entity="product"
          path="/products"
          initial={{ kind: 'good', active: true, ...(categoryId ? { categoryId } : {}) }}
          saveLabel={t('catalog.product.create')}
          onSaved={(r) => {
            notify(t('catalog.product.created'));
            navigate(`/catalog/products/${r.id}`);
          }}
          onCancel={() => navigate('/catalog', { category: categoryId })}
        />
      </Panel>
    </Card>
  );
}
