import { Link, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { t, type StringKey } from '../i18n/strings.js';
import { formatValue } from '../records/format.js';
import { STRUCTURED, type FieldMeta } from '../records/meta.js';
import type { FormSection } from '../records/RecordForm.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '16px' },
  title: { margin: '0 0 6px', fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground2 },
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', gap: '10px 16px', margin: 0 },
  item: { display: 'flex', flexDirection: 'column', minWidth: 0, margin: 0 },
  wide: { gridColumn: '1 / -1' },
  label: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3 },
  value: { margin: 0, overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' },
  channels: { display: 'flex', flexDirection: 'column', gap: '2px' },
  type: { color: tokens.colorNeutralForeground3 },
  empty: { color: tokens.colorNeutralForeground3 },
});

/** Where a link field's record opens, for the entities that have a card here. */
const CARD_PATHS: Record<string, string> = { client: 'clients', contact: 'contacts', contract: 'contracts', invoice: 'invoices' };

const CHANNEL_TYPES = new Set(['work', 'mobile', 'home', 'fax', 'personal', 'other']);

function channelType(type: string | undefined): string {
  if (!type) return '';
  return CHANNEL_TYPES.has(type) ? t(`clients.channels.${type}` as StringKey) : type.charAt(0).toUpperCase() + type.slice(1);
}

function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

/** A field's value for reading: phones dial, e-mails open mail, linked records open their card. */
function renderValue(field: FieldMeta, record: Record<string, unknown>, styles: ReturnType<typeof useStyles>): ReactNode {
  const value = record[field.key];
  switch (field.type) {
    case 'phones':
      return (
        <span className={styles.channels}>
          {(value as { type?: string; number: string }[]).map((p, i) => (
            <span key={i}>
              <span className={styles.type}>{channelType(p.type)}: </span>
              <Link href={`tel:${p.number.replace(/[^\d+]/g, '')}`}>{p.number}</Link>
            </span>
          ))}
        </span>
      );
    case 'emails':
      return (
        <span className={styles.channels}>
          {(value as { type?: string; address: string }[]).map((e, i) => (
            <span key={i}>
              <span className={styles.type}>{channelType(e.type)}: </span>
              <Link href={`mailto:${e.address}`}>{e.address}</Link>
            </span>
          ))}
        </span>
      );
    case 'messengers':
      return (
        <span className={styles.channels}>
          {(value as { type?: string; handle: string }[]).map((m, i) => (
            <span key={i}>
              <span className={styles.type}>{channelType(m.type)}: </span>
              {m.handle}
            </span>
          ))}
        </span>
      );
    case 'url':
      return /^https?:\/\//i.test(String(value)) ? <Link href={String(value)} target="_blank" rel="noopener noreferrer">{String(value)}</Link> : String(value);
    case 'email':
      return <Link href={`mailto:${String(value)}`}>{String(value)}</Link>;
    case 'phone':
      return <Link href={`tel:${String(value).replace(/[^\d+]/g, '')}`}>{String(value)}</Link>;
    case 'link': {
      const path = CARD_PATHS[field.options.entity ?? ''];
      const text = formatValue(field, record);
      return path ? <Link href={`#/${path}/${String(value)}`}>{text}</Link> : text;
    }
    default:
      return formatValue(field, record);
  }
}

/**
 * A record's fields to read, in the same sections as its form, leaving out
 * empty ones; custom fields come last under "More".
 */
export function ReadView({ fields, record, sections, hidden, emptyText }: {
  fields: FieldMeta[];
  record: Record<string, unknown>;
  sections: FormSection[];
  hidden?: (field: FieldMeta, values: Record<string, unknown>) => boolean;
  emptyText?: string;
}) {
  const styles = useStyles();
  const shown = fields.filter((f) => !f.hidden && f.type !== 'lines' && f.type !== 'prices' && !['id', 'version', 'createdAt', 'updatedAt'].includes(f.key) && !(hidden?.(f, record) ?? false));
  const byKey = new Map(shown.map((f) => [f.key, f]));
  const listed = new Set(sections.flatMap((s) => s.keys));
  const rest = shown.filter((f) => !listed.has(f.key)).map((f) => f.key);
  const all = [...sections, ...(rest.length ? [{ title: t('clients.section.more'), keys: rest }] : [])];
  const blocks = all
    .map((s) => ({ title: s.title, fields: s.keys.map((k) => byKey.get(k)).filter((f): f is FieldMeta => f !== undefined && !isEmpty(record[f.key])) }))
    .filter((s) => s.fields.length > 0);
  if (!blocks.length) return <p className={styles.empty}>{emptyText ?? t('clients.read.empty')}</p>;
  return (
    <div className={styles.root}>
      {blocks.map((s, i) => (
        <section key={s.title ?? i} aria-label={s.title}>
          {s.title && <h3 className={styles.title}>{s.title}</h3>}
          <dl className={styles.grid}>
            {s.fields.map((f) => (
              <div key={f.key} className={mergeClasses(styles.item, (f.type === 'long_text' || STRUCTURED.has(f.type)) && styles.wide)}>
                <dt className={styles.label}>{f.label}</dt>
                <dd className={styles.value}>{renderValue(f, record, styles)}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </div>
  );
}
