import { Button, Caption1, Field, Input, Label, MessageBar, MessageBarBody, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { Add20Regular, Delete20Regular } from '@fluentui/react-icons';
import { useRef, type ReactNode } from 'react';
import { api } from '../api/client.js';
import { t } from '../i18n/strings.js';
import { formatMoney } from '../records/format.js';
import { RecordPicker } from '../records/RecordPicker.js';
import { useWide } from '../shell/useWide.js';
import { previewLine, type VatMode } from './amounts.js';
import { currencyScale, sumDecimals } from './decimal.js';
import { emptyLine, lineErrors, type LineDraft, type LineField } from './draft.js';
import type { LinesState } from './useLines.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '8px' },
  title: { margin: '4px 0 0', fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground2 },
  table: { display: 'grid', gridTemplateColumns: 'minmax(180px, 3fr) minmax(64px, 0.8fr) minmax(56px, 0.6fr) minmax(80px, 1fr) minmax(56px, 0.6fr) minmax(56px, 0.6fr) minmax(96px, 1fr) 32px', gap: '4px 8px', alignItems: 'start' },
  head: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3, fontWeight: tokens.fontWeightSemibold, padding: '0 2px' },
  numericHead: { textAlign: 'right' },
  product: { display: 'flex', flexDirection: 'column', gap: '4px', minWidth: 0, '& .fui-Combobox': { minWidth: 0, width: '100%' } },
  amount: { textAlign: 'right', fontVariantNumeric: 'tabular-nums', paddingTop: '6px', whiteSpace: 'nowrap' },
  card: { display: 'flex', flexDirection: 'column', gap: '6px', padding: '8px', border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, backgroundColor: tokens.colorNeutralBackground1 },
  cardHead: { display: 'flex', justifyContent: 'space-between', alignItems: 'center', fontWeight: tokens.fontWeightSemibold },
  pair: { display: 'grid', gridTemplateColumns: '1fr 1fr', gap: '6px' },
  totals: { display: 'flex', flexWrap: 'wrap', gap: '4px 16px', justifyContent: 'flex-end', alignItems: 'baseline', fontVariantNumeric: 'tabular-nums' },
  total: { fontWeight: tokens.fontWeightSemibold },
  note: { color: tokens.colorNeutralForeground3 },
  numeric: { textAlign: 'right' },
  // Fluent inputs keep a minimum width of their own; in grid cells they must shrink to the cell.
  cell: { minWidth: 0, width: '100%' },
  empty: { color: tokens.colorNeutralForeground3, padding: '8px 0' },
});

/**
 * The lines of a contract or invoice: a product (its name, unit, VAT rate,
 * and the client's price and discount are filled in) or a free description,
 * quantity, unit, price, discount and VAT rate. A grid on wide screens,
 * one card per line in a narrow task pane. Amounts are previewed exactly
 * as the server rounds them; the saved document shows the server's figures.
 */
export function LinesEditor(props: {
  state: LinesState;
  clientId: number | null;
  currency: string | null;
  vatMode: VatMode;
  disabled?: boolean;
  title?: ReactNode;
}) {
  const styles = useStyles();
  const wide = useWide(900);
  const { state, vatMode } = props;
  const scale = currencyScale(props.currency);
  const touched = useRef(new Set<string>());
  const request = useRef(new Map<string, number>());

  function update(key: string, patch: Partial<LineDraft>, field?: LineField) {
    if (field) {
      touched.current.add(`${key}.${field}`);
      state.clearServerError(`${key}.${field}`);
    }
    state.setLines((lines) => lines.map((l) => (l.key === key ? { ...l, ...patch, saved: undefined } : l)));
  }

  async function pickProduct(key: string, productId: number | null, label: string | null) {
    if (productId === null) {
      update(key, { productId: null, productName: null, priceNote: undefined }, 'productId');
      return;
    }
    update(key, { productId, productName: label, description: label ?? '', priceNote: undefined }, 'productId');
    // A slow answer for a product picked before must not overwrite a newer pick.
    const ticket = (request.current.get(key) ?? 0) + 1;
    request.current.set(key, ticket);
    const [product, offer] = await Promise.all([
      api.get<{ name: string; unit: string; vatRate: string }>(`/products/${productId}`).catch(() => null),
      api.get<{ currency: string; price: string; discount: string }>(`/products/${productId}/price`, props.clientId ? { clientId: props.clientId } : {}).catch(() => null),
    ]);
    if (request.current.get(key) !== ticket) return;
    const patch: Partial<LineDraft> = {};
    if (product) {
      patch.unit = product.unit;
      if (vatMode !== 'none') patch.vatRate = product.vatRate;
      patch.description = product.name;
    }
    if (!offer) {
      // No price of the client's price type (or none at all): the user types it.
      patch.price = '';
      patch.priceNote = t('lines.noPrice');
    } else {
      if (props.currency && offer.currency !== props.currency) {
        patch.price = '';
        patch.priceNote = t('lines.otherCurrency', { currency: offer.currency });
      } else {
        patch.price = offer.price;
        patch.discount = offer.discount === '0' ? '' : offer.discount;
        patch.priceNote = undefined;
      }
    }
    state.setLines((lines) => lines.map((l) => (l.key === key ? { ...l, ...patch, saved: undefined } : l)));
  }

  function add() {
    const line = emptyLine();
    state.setLines((lines) => [...lines, line]);
    // Focus the new line's product, so adding lines needs no mouse.
    setTimeout(() => document.getElementById(`${line.key}-product`)?.focus(), 0);
  }

  function remove(index: number) {
    const next = state.lines[index + 1] ?? state.lines[index - 1];
    state.setLines((lines) => lines.filter((_, i) => i !== index));
    setTimeout(() => (next ? document.getElementById(`${next.key}-remove`) : document.getElementById('lines-add'))?.focus(), 0);
  }

  const previews = state.lines.map((l) => l.saved ?? previewLine(l, vatMode, scale));
  const complete = previews.every((p) => p !== null);
  const shown = (p: { net: string; gross: string } | null) => (p ? (vatMode === 'inclusive' ? p.gross : p.net) : '');

  function message(l: LineDraft, field: LineField, errors: Partial<Record<LineField, string>>): string | undefined {
    const server = state.serverErrors[`${l.key}.${field}`];
    if (server) return server;
    if (state.showAll || touched.current.has(`${l.key}.${field}`)) return errors[field];
    return undefined;
  }

  /**
   * In the narrow layout each input shows its label; the accessible name
   * stays "Line 2 Price" in both layouts (a Field label would replace it).
   */
  function labelled(id: string, label: string, control: ReactNode) {
    if (wide) return control;
    return (
      <div className={styles.cell}>
        <Label htmlFor={id} size="small">{label}</Label>
        {control}
      </div>
    );
  }

  function input(l: LineDraft, index: number, field: Exclude<LineField, 'productId' | 'description'>, errors: Partial<Record<LineField, string>>, label: string, extra: { numeric?: boolean; placeholder?: string; after?: string } = {}) {
    const msg = message(l, field, errors);
    const hint = field === 'price' && !msg ? l.priceNote : undefined;
    return labelled(`${l.key}-${field}`, label,
      <Field className={styles.cell} validationState={msg ? 'error' : hint ? 'warning' : 'none'} validationMessage={msg ?? hint} size="small">
        <Input
          className={styles.cell}
          id={`${l.key}-${field}`}
          aria-label={t('lines.aria', { n: index + 1, field: label })}
          size="small"
          disabled={props.disabled}
          value={l[field]}
          inputMode={extra.numeric ? 'decimal' : undefined}
          placeholder={extra.placeholder}
          contentAfter={extra.after}
          input={{ className: extra.numeric ? styles.numeric : undefined }}
          onChange={(_, d) => update(l.key, { [field]: d.value, ...(field === 'price' ? { priceNote: undefined } : {}) }, field)}
        />
      </Field>,
    );
  }

  function product(l: LineDraft, index: number, errors: Partial<Record<LineField, string>>) {
    const msgProduct = message(l, 'productId', errors);
    const msgDesc = message(l, 'description', errors);
    return (
      <div className={styles.product}>
        {labelled(`${l.key}-product`, t('lines.product'), <Field className={styles.cell} validationState={msgProduct ? 'error' : 'none'} validationMessage={msgProduct} size="small">
          <RecordPicker
            id={`${l.key}-product`}
            aria-label={t('lines.aria', { n: index + 1, field: t('lines.product') })}
            entity="product"
            query={{ active: 'true' }}
            value={l.productId}
            valueLabel={l.productName}
            placeholder={t('lines.productPlaceholder')}
            disabled={props.disabled}
            onChange={(id, label) => void pickProduct(l.key, id, label)}
          />
        </Field>)}
        {labelled(`${l.key}-description`, t('lines.description'), <Field className={styles.cell} validationState={msgDesc ? 'error' : 'none'} validationMessage={msgDesc} size="small">
          <Input
            className={styles.cell}
            id={`${l.key}-description`}
            aria-label={t('lines.aria', { n: index + 1, field: t('lines.description') })}
            size="small"
            disabled={props.disabled}
            placeholder={t('lines.descriptionPlaceholder')}
            value={l.description}
            onChange={(_, d) => update(l.key, { description: d.value }, 'description')}
          />
        </Field>)}
      </div>
    );
  }

  const removeButton = (l: LineDraft, index: number) => (
    <Button id={`${l.key}-remove`} appearance="subtle" size="small" icon={<Delete20Regular />} aria-label={t('lines.remove', { n: index + 1 })} title={t('lines.remove', { n: index + 1 })} disabled={props.disabled} onClick={() => remove(index)} />
  );

  const rows = state.lines.map((l, index) => {
    const errors = lineErrors(l, scale);
    const amount = shown(previews[index] ?? null);
    const amountText = amount ? formatMoney(amount, props.currency) : '—';
    if (wide) {
      return (
        <div key={l.key} role="row" style={{ display: 'contents' }}>
          {product(l, index, errors)}
          {input(l, index, 'quantity', errors, t('lines.quantity'), { numeric: true })}
          {input(l, index, 'unit', errors, t('lines.unit'), { placeholder: 'pcs' })}
          {input(l, index, 'price', errors, t('lines.price'), { numeric: true })}
          {input(l, index, 'discount', errors, t('lines.discount'), { numeric: true, placeholder: '0' })}
          {input(l, index, 'vatRate', errors, t('lines.vatRate'), { numeric: true })}
          <span className={styles.amount} aria-label={t('lines.aria', { n: index + 1, field: t('lines.amount') })}>{amountText}</span>
          {removeButton(l, index)}
        </div>
      );
    }
    return (
      <section key={l.key} className={styles.card} aria-label={t('lines.lineN', { n: index + 1 })}>
        <div className={styles.cardHead}>
          <span>{t('lines.lineN', { n: index + 1 })}</span>
          {removeButton(l, index)}
        </div>
        {product(l, index, errors)}
        <div className={styles.pair}>
          {input(l, index, 'quantity', errors, t('lines.quantity'), { numeric: true })}
          {input(l, index, 'unit', errors, t('lines.unit'), { placeholder: 'pcs' })}
        </div>
        <div className={styles.pair}>
          {input(l, index, 'price', errors, t('lines.price'), { numeric: true })}
          {input(l, index, 'discount', errors, t('lines.discount'), { numeric: true, placeholder: '0' })}
        </div>
        <div className={styles.pair}>
          {vatMode !== 'none' ? input(l, index, 'vatRate', errors, t('lines.vatRate'), { numeric: true }) : <span />}
          <span className={styles.amount}>
            <Caption1 className={styles.note}>{t('lines.amount')}: </Caption1>
            {amountText}
          </span>
        </div>
      </section>
    );
  });

  const net = complete ? sumDecimals(previews.map((p) => p!.net)) : null;
  const vat = complete ? sumDecimals(previews.map((p) => p!.vat)) : null;
  const gross = complete ? sumDecimals(previews.map((p) => p!.gross)) : null;

  return (
    <section className={styles.root} aria-label={t('lines.title')}>
      <h3 className={styles.title}>{props.title ?? t('lines.title')}</h3>
      {state.serverErrors._ && (
        <MessageBar intent="error">
          <MessageBarBody>{state.serverErrors._}</MessageBarBody>
        </MessageBar>
      )}
      {state.lines.length === 0 && <div className={styles.empty}>{t('lines.empty')}</div>}
      {state.lines.length > 0 && wide && (
        <div className={styles.table} role="table" aria-label={t('lines.title')}>
          <div role="row" style={{ display: 'contents' }}>
            <span role="columnheader" className={styles.head}>{t('lines.productOrDescription')}</span>
            <span role="columnheader" className={mergeClasses(styles.head, styles.numericHead)}>{t('lines.quantity')}</span>
            <span role="columnheader" className={styles.head}>{t('lines.unit')}</span>
            <span role="columnheader" className={mergeClasses(styles.head, styles.numericHead)}>{t('lines.price')}</span>
            <span role="columnheader" className={mergeClasses(styles.head, styles.numericHead)}>{t('lines.discount')}</span>
            <span role="columnheader" className={mergeClasses(styles.head, styles.numericHead)}>{t('lines.vatRate')}</span>
            <span role="columnheader" className={mergeClasses(styles.head, styles.numericHead)}>{vatMode === 'inclusive' ? t('lines.amountGross') : t('lines.amount')}</span>
            <span />
          </div>
          {rows}
        </div>
      )}
      {state.lines.length > 0 && !wide && rows}
      <div>
        <Button id="lines-add" icon={<Add20Regular />} disabled={props.disabled} onClick={add}>
          {t('lines.add')}
        </Button>
      </div>
      {state.lines.length > 0 && (
        <div className={styles.totals} aria-live="polite">
          {net !== null && gross !== null && vat !== null ? (
            <>
              {vatMode !== 'none' && <span>{t('lines.net')}: {formatMoney(net, props.currency)}</span>}
              {vatMode !== 'none' && <span>{t('lines.vat')}: {formatMoney(vat, props.currency)}</span>}
              <span className={styles.total}>{t('lines.total')}: {formatMoney(gross, props.currency)}</span>
              {state.dirty && <Caption1 className={styles.note}>{t('lines.preview')}</Caption1>}
            </>
          ) : (
            <Caption1 className={styles.note}>{t('lines.incomplete')}</Caption1>
          )}
        </div>
      )}
    </section>
  );
}
