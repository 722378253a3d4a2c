import {
  Button, Dropdown, Field, Input, MessageBar, MessageBarBody, Option, OptionGroup, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, makeStyles, tokens,
} from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import { ApiError } from '../api/client.js';
import { t, type StringKey } from '../i18n/strings.js';
import { useNotify } from '../shell/toast.js';
import { useWide } from '../shell/useWide.js';
import { imports, type ImportField, type ImportJob, type MappedColumn, type Mapping, type SavedMapping } from './api.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px', minWidth: 0 },
  row: { display: 'flex', flexWrap: 'wrap', gap: '8px', alignItems: 'flex-end' },
  grow: { flex: '1 1 200px', minWidth: 0 },
  tableWrap: { overflowX: 'auto', backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium },
  header: { fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  cards: { display: 'flex', flexDirection: 'column', gap: '8px' },
  card: { display: 'flex', flexDirection: 'column', gap: '4px', padding: '8px', backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium },
  dim: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  select: { minWidth: '0', width: '100%' },
});

export const IGNORE = '';
const PHONE_TYPES = ['work', 'mobile', 'home', 'fax', 'other'];
const EMAIL_TYPES = ['work', 'personal', 'other'];
const CHANNEL_LABEL: Record<string, StringKey> = {
  work: 'imports.channel.work', mobile: 'imports.channel.mobile', home: 'imports.channel.home', fax: 'imports.channel.fax', other: 'imports.channel.other', personal: 'imports.channel.personal',
};

/** The mapping with one column's field changed (or the column ignored). */
export function remap(mapping: Mapping, column: number, header: string | undefined, field: string, fields: ImportField[]): Mapping {
  const rest = mapping.columns.filter((c) => c.column !== column);
  if (field === IGNORE) return { ...mapping, columns: rest };
  const kind = fields.find((f) => f.key === field)?.kind;
  const prior = mapping.columns.find((c) => c.column === column);
  const next: MappedColumn = { column, field, ...(header ? { header } : {}) };
  if (kind === 'phones' || kind === 'emails') next.type = prior?.field === field && prior.type ? prior.type : 'work';
  return { ...mapping, columns: [...rest, next].sort((a, b) => a.column - b.column) };
}

/** Fields several columns may share (phones, e-mails, tags); any other field takes one column. */
export function sharable(field: ImportField | undefined): boolean {
  return field?.kind === 'phones' || field?.kind === 'emails' || field?.kind === 'tags';
}

/**
 * Step 2: the sheet, the row with the headers and what each column becomes.
 * The server suggested a mapping; every change is saved on the job at once,
 * so leaving and coming back keeps it. Mappings can be saved by name and
 * applied to the next file of the same shape.
 */
export function ColumnsStep({ job, onJob, onNext }: { job: ImportJob; onJob: (j: ImportJob) => void; onNext: () => void }) {
  const styles = useStyles();
  const notify = useNotify();
  const wide = useWide(600);
  const [fields, setFields] = useState<ImportField[] | null>(null);
  const [saved, setSaved] = useState<SavedMapping[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);

  useEffect(() => {
    imports.fields(job.target).then((r) => setFields(r.items), (err: Error) => setError(err.message));
    imports.mappings(job.target).then(setSaved, () => setSaved([]));
  }, [job.target]);

  const byKey = useMemo(() => new Map((fields ?? []).map((f) => [f.key, f])), [fields]);
  const mapping = job.options.mapping;
  const width = Math.max(job.header.length, ...mapping.columns.map((c) => c.column + 1));
  const used = new Map<string, number>();
  for (const c of mapping.columns) used.set(c.field, (used.get(c.field) ?? 0) + 1);

  async function change(body: Parameters<typeof imports.update>[1]) {
    setBusy(true);
    setError(null);
    try {
      onJob(await imports.update(job.id, body));
    } catch (err) {
      setError(err instanceof ApiError && err.details.length ? `${err.message} ${err.details.map((d) => d.message).join(' ')}` : (err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  async function saveAs() {
    const n = name.trim();
    if (!n) {
      setNameError(t('imports.mapping.nameRequired'));
      return;
    }
    try {
      const s = await imports.saveMapping(job.target, n, { ...mapping, ...(job.options.sheet ? { sheet: job.options.sheet } : {}) });
      setSaved((list) => [...list.filter((m) => m.name !== s.name), s].sort((a, b) => a.name.localeCompare(b.name)));
      setName('');
      setNameError(null);
      notify(t('imports.mapping.saved', { name: s.name }));
    } catch (err) {
      setNameError(err instanceof ApiError ? Object.values(err.fieldErrors())[0] ?? err.message : (err as Error).message);
    }
  }

  if (!fields && !error) return <Spinner label={t('app.loading')} />;

  const fieldOptions = (
    <>
      <Option value={IGNORE} text={t('imports.mapping.ignore')}>{t('imports.mapping.ignore')}</Option>
      <OptionGroup label={t('imports.mapping.fields')}>
        {(fields ?? []).filter((f) => !f.custom).map((f) => <Option key={f.key} value={f.key} text={f.label}>{f.label}</Option>)}
      </OptionGroup>
      {(fields ?? []).some((f) => f.custom) && (
        <OptionGroup label={t('imports.mapping.customFields')}>
          {(fields ?? []).filter((f) => f.custom).map((f) => <Option key={f.key} value={f.key} text={f.label}>{f.label}</Option>)}
        </OptionGroup>
      )}
    </>
  );

  const columns = Array.from({ length: width }, (_, i) => {
    const header = job.header[i] ?? null;
    const mapped = mapping.columns.find((c) => c.column === i);
    const field = mapped ? byKey.get(mapped.field) : undefined;
    const label = header?.trim() ? header : t('imports.mapping.untitled', { n: i + 1 });
    const twice = mapped && !sharable(field) && (used.get(mapped.field) ?? 0) > 1;
    const select = (
      <Field validationState={twice ? 'warning' : 'none'} validationMessage={twice ? t('imports.mapping.twice') : undefined}>
        <Dropdown
          className={styles.select}
          aria-label={t('imports.mapping.columnField', { column: label })}
          value={mapped ? field?.label ?? mapped.field : t('imports.mapping.ignore')}
          selectedOptions={[mapped?.field ?? IGNORE]}
          disabled={busy}
          onOptionSelect={(_, d) => d.optionValue !== undefined && void change({ mapping: remap(mapping, i, header ?? undefined, d.optionValue, fields ?? []) })}
        >
          {fieldOptions}
        </Dropdown>
      </Field>
    );
    const types = field?.kind === 'phones' ? PHONE_TYPES : field?.kind === 'emails' ? EMAIL_TYPES : null;
    const type = types && mapped && (
      <Dropdown
        className={styles.select}
        aria-label={t('imports.mapping.columnType', { column: label })}
        value={t(CHANNEL_LABEL[mapped.type ?? 'work'] ?? 'imports.channel.work')}
        selectedOptions={[mapped.type ?? 'work']}
        disabled={busy}
        onOptionSelect={(_, d) => d.optionValue && void change({ mapping: { ...mapping, columns: mapping.columns.map((c) => (c.column === i ? { ...c, type: d.optionValue } : c)) } })}
      >
        {types.map((x) => <Option key={x} value={x}>{t(CHANNEL_LABEL[x]!)}</Option>)}
      </Dropdown>
    );
    return { i, label, select, type };
  });

  const sheets = job.structure.sheets;
  const headerRows = Array.from({ length: Math.max(20, mapping.headerRow) }, (_, i) => i + 1);

  return (
    <div className={styles.root}>
      <div className={styles.row}>
        {sheets.length > 1 && (
          <Field label={t('imports.structure.sheet')} className={styles.grow}>
            <Dropdown value={job.options.sheet ?? ''} selectedOptions={job.options.sheet ? [job.options.sheet] : []} disabled={busy} onOptionSelect={(_, d) => d.optionValue && void change({ sheet: d.optionValue })}>
              {sheets.map((s) => (
                <Option key={s.name} value={s.name} text={s.name}>
                  {s.rowsEstimate !== null ? t('imports.structure.sheetRows', { name: s.name, rows: s.rowsEstimate }) : s.name}
                </Option>
              ))}
            </Dropdown>
          </Field>
        )}
        <Field label={t('imports.structure.headerRow')} hint={t('imports.structure.headerRowHint')} className={styles.grow}>
          <Dropdown value={String(mapping.headerRow)} selectedOptions={[String(mapping.headerRow)]} disabled={busy} onOptionSelect={(_, d) => d.optionValue && void change({ headerRow: Number(d.optionValue) })}>
            {headerRows.map((n) => <Option key={n} value={String(n)}>{String(n)}</Option>)}
          </Dropdown>
        </Field>
        {saved.length > 0 && (
          <Field label={t('imports.mapping.apply')} className={styles.grow}>
            <Dropdown placeholder={t('imports.mapping.choose')} value="" selectedOptions={[]} disabled={busy} onOptionSelect={(_, d) => d.optionValue && void change({ mappingName: d.optionValue })}>
              {saved.map((m) => <Option key={m.id} value={m.name}>{m.name}</Option>)}
            </Dropdown>
          </Field>
        )}
      </div>
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {width === 0 && (
        <MessageBar intent="warning">
          <MessageBarBody>{t('imports.mapping.noColumns')}</MessageBarBody>
        </MessageBar>
      )}
      {wide ? (
        <div className={styles.tableWrap}>
          <Table size="small" aria-label={t('imports.mapping.table')}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t('imports.mapping.column')}</TableHeaderCell>
                <TableHeaderCell>{t('imports.mapping.field')}</TableHeaderCell>
                <TableHeaderCell>{t('imports.mapping.type')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {columns.map((c) => (
                <TableRow key={c.i}>
                  <TableCell className={styles.header}>{c.label}</TableCell>
                  <TableCell>{c.select}</TableCell>
                  <TableCell>{c.type}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      ) : (
        <div className={styles.cards} role="list" aria-label={t('imports.mapping.table')}>
          {columns.map((c) => (
            <div key={c.i} role="listitem" className={styles.card}>
              <span className={styles.header}>{c.label}</span>
              {c.select}
              {c.type}
            </div>
          ))}
        </div>
      )}
      <div className={styles.row}>
        <Field label={t('imports.mapping.saveAs')} className={styles.grow} validationState={nameError ? 'error' : 'none'} validationMessage={nameError ?? undefined}>
          <Input value={name} maxLength={100} onChange={(_, d) => { setName(d.value); setNameError(null); }} onKeyDown={(e) => e.key === 'Enter' && void saveAs()} />
        </Field>
        <Button onClick={() => void saveAs()} disabled={busy || mapping.columns.length === 0}>{t('imports.mapping.save')}</Button>
      </div>
      <div className={styles.row}>
        <Button appearance="primary" disabled={busy || mapping.columns.length === 0} onClick={onNext}>{t('imports.next.preview')}</Button>
        {mapping.columns.length === 0 && <span className={styles.dim}>{t('imports.mapping.noneMapped')}</span>}
        {busy && <Spinner size="tiny" />}
      </div>
    </div>
  );
}
