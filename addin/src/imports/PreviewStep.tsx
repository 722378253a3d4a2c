import { Badge, Button, Link, MessageBar, MessageBarActions, MessageBarBody, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import { t, type StringKey } from '../i18n/strings.js';
import { href } from '../shell/router.js';
import { useWide } from '../shell/useWide.js';
import { imports, RECORD_PATHS, type ImportField, type ImportJob, type PreviewRow } from './api.js';
import { previewText } from './format.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px', minWidth: 0 },
  tableWrap: { overflowX: 'auto', backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium },
  bad: { backgroundColor: tokens.colorPaletteRedBackground1 },
  problem: { color: tokens.colorPaletteRedForeground1, fontSize: tokens.fontSizeBase200, display: 'block' },
  dup: { color: tokens.colorPaletteDarkOrangeForeground1, fontSize: tokens.fontSizeBase200, display: 'block' },
  cell: { maxWidth: '260px', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  cards: { display: 'flex', flexDirection: 'column', gap: '6px' },
  card: { display: 'flex', flexDirection: 'column', gap: '2px', padding: '8px', backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium, overflowWrap: 'anywhere' },
  line: { fontSize: tokens.fontSizeBase200 },
  key: { color: tokens.colorNeutralForeground3 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: '8px', alignItems: 'center' },
  summary: { color: tokens.colorNeutralForeground2 },
});

const REASONS: Record<string, StringKey> = { tax_id: 'imports.dup.taxId', email: 'imports.dup.email', phone: 'imports.dup.phone', same_name: 'imports.dup.name', sku: 'imports.dup.sku' };

/** Why a row meets an existing record, in words. */
export function duplicateText(d: NonNullable<PreviewRow['duplicate']>): string {
  const reason = REASONS[d.reason] ? t(REASONS[d.reason]!, { value: d.value }) : `${d.reason}: ${d.value}`;
  return t('imports.dup.matches', { name: d.name ?? `#${d.id}`, reason });
}

/** Labels for the keys a preview row carries (body keys and the import's own: category, contact). */
function labelFor(key: string, fields: Map<string, ImportField>): string {
  if (key === 'contact') return t('imports.preview.contact');
  if (key === 'categoryId' || key === 'category') return fields.get('category')?.label ?? key;
  if (key === 'managerId') return fields.get('manager')?.label ?? key;
  if (key === 'clientId') return fields.get('client')?.label ?? key;
  if (key === 'prices') return t('imports.preview.prices');
  return fields.get(key)?.label ?? key;
}

/**
 * Step 3: the first rows exactly as they will be saved, each with its
 * problems (a row with one is not imported) and the existing record it
 * would meet. Nothing is written yet.
 */
export function PreviewStep({ job, onBack, onNext }: { job: ImportJob; onBack: () => void; onNext: () => void }) {
  const styles = useStyles();
  const wide = useWide(600);
  const [rows, setRows] = useState<PreviewRow[] | null>(null);
  const [fields, setFields] = useState<Map<string, ImportField>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    setError(null);
    imports.preview(job.id, 20).then((p) => setRows(p.items), (err: Error) => setError(err.message));
    imports.fields(job.target).then((r) => setFields(new Map(r.items.map((f) => [f.key, f]))), () => undefined);
  }, [job.id, job.version, reload]);

  const keys = useMemo(() => {
    const seen: string[] = [];
    for (const r of rows ?? []) for (const k of Object.keys(r.values)) if (!seen.includes(k) && k !== 'kind') seen.push(k);
    return seen;
  }, [rows]);

  if (error) {
    return (
      <MessageBar intent="error">
        <MessageBarBody>{error}</MessageBarBody>
        <MessageBarActions><Button onClick={() => setReload((n) => n + 1)}>{t('app.retry')}</Button></MessageBarActions>
      </MessageBar>
    );
  }
  if (!rows) return <Spinner label={t('imports.preview.loading')} />;

  const bad = rows.filter((r) => r.problems.length > 0).length;
  const dups = rows.filter((r) => r.duplicate).length;
  const recordPath = RECORD_PATHS[job.target === 'clients' ? 'client' : job.target === 'contacts' ? 'contact' : 'product']!;
  const notes = (r: PreviewRow) => (
    <>
      {r.problems.map((p, i) => (
        <span key={i} className={styles.problem}>⚠ {p.field ? `${labelFor(p.field.split('.')[0]!, fields)}: ` : ''}{p.message}</span>
      ))}
      {r.duplicate && (
        <span className={styles.dup}>
          <Link href={href(`${recordPath}/${r.duplicate.id}`)} target="_blank">{duplicateText(r.duplicate)}</Link>
        </span>
      )}
    </>
  );

  return (
    <div className={styles.root}>
      <span className={styles.summary} role="status">
        {rows.length === 0 ? t('imports.preview.none') : t('imports.preview.summary', { count: rows.length, bad, dups })}
      </span>
      {rows.length > 0 && wide && (
        <div className={styles.tableWrap}>
          <Table size="small" aria-label={t('imports.preview.table')}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t('imports.preview.row')}</TableHeaderCell>
                {keys.map((k) => <TableHeaderCell key={k}>{labelFor(k, fields)}</TableHeaderCell>)}
                <TableHeaderCell>{t('imports.preview.notes')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((r) => (
                <TableRow key={r.rowNumber} className={r.problems.length ? styles.bad : undefined}>
                  <TableCell>{r.rowNumber}{r.problems.length > 0 && <Badge appearance="tint" color="danger" size="small"> {t('imports.preview.invalid')}</Badge>}</TableCell>
                  {keys.map((k) => {
                    const text = previewText(r.values[k]);
                    return <TableCell key={k}><span className={styles.cell} title={text}>{text}</span></TableCell>;
                  })}
                  <TableCell>{notes(r)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      {rows.length > 0 && !wide && (
        <div className={styles.cards} role="list" aria-label={t('imports.preview.table')}>
          {rows.map((r) => (
            <div key={r.rowNumber} role="listitem" className={styles.card}>
              <strong>{t('imports.preview.rowN', { n: r.rowNumber })}{r.problems.length > 0 && <> <Badge appearance="tint" color="danger" size="small">{t('imports.preview.invalid')}</Badge></>}</strong>
              {keys.map((k) => {
                const text = previewText(r.values[k]);
                return text ? <span key={k} className={styles.line}><span className={styles.key}>{labelFor(k, fields)}:</span> {text}</span> : null;
              })}
              {notes(r)}
            </div>
          ))}
        </div>
      )}
      <div className={styles.actions}>
        <Button onClick={onBack}>{t('imports.back.columns')}</Button>
        <Button appearance="primary" onClick={onNext} disabled={rows.length === 0}>{t('imports.next.run')}</Button>
      </div>
    </div>
  );
}
