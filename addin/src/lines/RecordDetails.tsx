import { Link, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { t } from '../i18n/strings.js';
import { formatValue } from '../records/format.js';
import { fillLinkNames } from '../records/linkNames.js';
import { linkNameKey, useFields, type FieldMeta, type RecordData } from '../records/meta.js';

const useStyles = makeStyles({
  list: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))', gap: '10px 16px', margin: 0 },
  item: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  wide: { gridColumn: '1 / -1' },
  term: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3 },
  value: { margin: 0, overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' },
  empty: { color: tokens.colorNeutralForeground4 },
});

/** Where a linked record's card lives, by entity. */
const CARDS: Record<string, string> = { client: '/clients', contact: '/contacts', contract: '/contracts', invoice: '/invoices', payment: '/payments', company: '/company' };

/**
 * A record's fields as a read-only list, from the metadata (custom fields
 * included): linked records by name, with a link to their card.
 */
export function RecordDetails({ entity, record, exclude = [] }: { entity: string; record: RecordData; exclude?: string[] }) {
  const styles = useStyles();
  const fields = useFields(entity);
  const [named, setNamed] = useState<RecordData>(record);

  useEffect(() => {
    setNamed(record);
    if (!fields) return;
    const controller = new AbortController();
    fillLinkNames(fields, [record], controller.signal).then(([r]) => r && setNamed(r), () => undefined);
    return () => controller.abort();
  }, [fields, record]);

  if (!fields) return <Spinner size="tiny" label={t('app.loading')} />;
  const skip = new Set(['id', 'lines', 'state', 'status', ...exclude]);
  const shown = fields.filter((f) => !f.hidden && !skip.has(f.key) && f.type !== 'prices');

  function value(f: FieldMeta) {
    const text = formatValue(f, named);
    if (!text) return <span className={styles.empty}>{t('form.none')}</span>;
    const id = named[f.key];
    const card = f.type === 'link' && f.options.entity ? CARDS[f.options.entity] : undefined;
    if (card && typeof id === 'number') {
      const label = (named[linkNameKey(f.key)] as string | null | undefined) ?? text;
      return <Link href={f.options.entity === 'company' ? `#${card}` : `#${card}/${id}`}>{label}</Link>;
    }
    return text;
  }

  return (
    <dl className={styles.list}>
      {shown.map((f) => (
        <div key={f.key} className={`${styles.item} ${f.type === 'long_text' ? styles.wide : ''}`}>
          <dt className={styles.term}>{f.label}</dt>
          <dd className={styles.value}>{value(f)}</dd>
        </div>
      ))}
    </dl>
  );
}
