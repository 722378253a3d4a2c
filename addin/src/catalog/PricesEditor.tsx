import {
  Button, Field, Input, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Spinner, makeStyles, tokens,
} from '@fluentui/react-components';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { api, ApiError, type ListPage } from '../api/client.js';
import { t } from '../i18n/strings.js';
import { formatMoney } from '../records/format.js';
import type { RecordData } from '../records/meta.js';
import { useResource } from '../records/useRecord.js';
import { href } from '../shell/router.js';
import type { Price } from './price.js';

interface PriceType {
  id: number;
  name: string;
  currency: string;
  isDefault: boolean;
}

type Product = RecordData & { prices: Price[] };

const AMOUNT = /^\d+(\.\d{1,4})?$/;

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: '8px' },
  rows: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))', gap: '8px 16px' },
  actions: { display: 'flex', gap: '8px', flexWrap: 'wrap' },
  list: { display: 'flex', flexDirection: 'column', gap: '4px', margin: 0, padding: 0, listStyle: 'none' },
  amount: { fontVariantNumeric: 'tabular-nums', fontWeight: tokens.fontWeightSemibold },
  empty: { color: tokens.colorNeutralForeground3 },
});

function amountsOf(product: Product): Record<number, string> {
  return Object.fromEntries((product.prices ?? []).map((p) => [p.priceTypeId, p.amount]));
}

function amountProblem(value: string): string | null {
  if (value === '') return null;
  if (value.startsWith('-')) return t('catalog.prices.negative');
  return AMOUNT.test(value) ? null : t('form.invalidMoney');
}

/**
 * A product's price in each price type. An empty amount means the product
 * has no price of that type. Saved on its own, with the product's version,
 * so a change someone else made meanwhile is never overwritten unseen.
 */
export function PricesEditor({ product, canEdit, onSaved }: { product: Product; canEdit: boolean; onSaved: (p: Product) => void }) {
  const styles = useStyles();
  const types = useResource<ListPage<PriceType>>('/price-types', { limit: 500 });
  const [amounts, setAmounts] = useState<Record<number, string>>(() => amountsOf(product));
  const [dirty, setDirty] = useState(false);
  const [touched, setTouched] = useState<Set<number>>(new Set());
  const [serverErrors, setServerErrors] = useState<Record<number, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Product | null>(null);
  const [busy, setBusy] = useState(false);

  // A newer product from elsewhere (its details saved) shows its prices unless the user is typing here.
  useEffect(() => {
    if (!dirty) setAmounts(amountsOf(product));
  }, [product]);

  const list = useMemo(
    () => [...(types.data?.items ?? [])].sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.name.localeCompare(b.name)),
    [types.data],
  );

  if (!types.data) {
    if (types.error) return <MessageBar intent="error"><MessageBarBody>{t('error.generic', { message: types.error.message })}</MessageBarBody></MessageBar>;
    return <Spinner size="small" label={t('app.loading')} />;
  }

  if (!list.length) {
    return (
      <p className={styles.empty}>
        {t('catalog.prices.noTypes')} <a href={href('/catalog/price-types')}>{t('catalog.priceTypes')}</a>
      </p>
    );
  }

  if (!canEdit) {
    return (
      <ul className={styles.list}>
        {list.map((pt) => (
          <li key={pt.id}>
            {pt.name}: <span className={styles.amount}>{amounts[pt.id] ? formatMoney(amounts[pt.id], pt.currency) : t('catalog.prices.none')}</span>
          </li>
        ))}
      </ul>
    );
  }

  function set(id: number, value: string) {
    setAmounts((a) => ({ ...a, [id]: value.replace(',', '.').replace(/\s/g, '') }));
    setDirty(true);
    setTouched((s) => new Set(s).add(id));
    setServerErrors(({ [id]: _, ...rest }) => rest);
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    setTouched(new Set(list.map((pt) => pt.id)));
    const invalid = list.find((pt) => amountProblem(amounts[pt.id] ?? ''));
    if (invalid) {
      setGeneral(t('form.fixErrors'));
      document.getElementById(`price-${invalid.id}`)?.focus();
      return;
    }
    const sent = list.filter((pt) => (amounts[pt.id] ?? '') !== '').map((pt) => ({ priceTypeId: pt.id, amount: amounts[pt.id]! }));
    setBusy(true);
    setGeneral(null);
    setConflict(null);
    try {
      const saved = await api.patch<Product>(`/products/${product.id}`, { version: product.version, prices: sent });
      setDirty(false);
      setTouched(new Set());
      setServerErrors({});
      setAmounts(amountsOf(saved));
      onSaved(saved);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'version_conflict') {
        setConflict(((err.body as { error?: { current?: Product } })?.error?.current) ?? null);
        if (!(err.body as { error?: { current?: Product } })?.error?.current) setGeneral(err.message);
      } else if (err instanceof ApiError) {
        // Details name the sent list's index ("prices.1.amount"); map them back to the price type.
        const mapped: Record<number, string> = {};
        const rest: string[] = [];
        for (const d of err.details) {
          const m = /^prices\.(\d+)\./.exec(d.field ?? '');
          const item = m ? sent[Number(m[1])] : undefined;
          if (item) mapped[item.priceTypeId] ??= d.message;
          else rest.push(d.message);
        }
        setServerErrors(mapped);
        setGeneral(rest.length ? rest.join(' ') : Object.keys(mapped).length ? t('form.fixErrors') : err.message);
      } else {
        setGeneral(String(err));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className={styles.form} onSubmit={save} noValidate aria-label={t('catalog.prices')}>
      {conflict && (
        <MessageBar intent="warning" layout="multiline" role="alert">
          <MessageBarBody>
            <MessageBarTitle>{t('form.conflict')}</MessageBarTitle>
          </MessageBarBody>
          <MessageBarActions>
            <Button onClick={() => { onSaved(conflict); setConflict(null); }}>{t('form.conflictKeep')}</Button>
            <Button onClick={() => { setDirty(false); setAmounts(amountsOf(conflict)); onSaved(conflict); setConflict(null); }}>{t('form.conflictReload')}</Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {general && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{general}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.rows}>
        {list.map((pt) => {
          const value = amounts[pt.id] ?? '';
          const message = serverErrors[pt.id] ?? (touched.has(pt.id) ? amountProblem(value) : null);
          return (
            <Field
              key={pt.id}
              label={pt.name}
              hint={pt.isDefault ? t('catalog.prices.defaultHint') : undefined}
              validationState={message ? 'error' : 'none'}
              validationMessage={message ?? undefined}
            >
              <Input id={`price-${pt.id}`} inputMode="decimal" value={value} placeholder={t('catalog.prices.none')} contentAfter={<span>{pt.currency}</span>} onChange={(_, d) => set(pt.id, d.value)} />
            </Field>
          );
        })}
      </div>
      <div className={styles.actions}>
        <Button appearance="primary" type="submit" disabled={busy || !dirty} icon={busy ? <Spinner size="tiny" /> : undefined}>
          {busy ? t('form.saving') : t('catalog.prices.save')}
        </Button>
        {dirty && (
          <Button disabled={busy} onClick={() => { setAmounts(amountsOf(product)); setDirty(false); setTouched(new Set()); setServerErrors({}); setGeneral(null); }}>
            {t('catalog.prices.undo')}
          </Button>
        )}
      </div>
    </form>
  );
}
