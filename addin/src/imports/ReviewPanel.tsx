import { Button, Dropdown, Link, MessageBar, MessageBarBody, Option, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { useUser } from '../auth/session.js';
import { t, type StringKey } from '../i18n/strings.js';
import { href } from '../shell/router.js';
import { allRows, imports, RECORD_PATHS, type ImportJob, type ImportRow } from './api.js';
import { previewText } from './format.js';
import { mayImport } from './rights.js';

type Action = 'skip' | 'create' | 'update';
const ACTIONS: Action[] = ['update', 'create', 'skip'];
const ACTION_LABEL: Record<Action, StringKey> = { update: 'imports.review.update', create: 'imports.review.create', skip: 'imports.review.skip' };

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '8px' },
  list: { display: 'flex', flexDirection: 'column', gap: '6px', listStyleType: 'none', margin: 0, padding: 0 },
  item: { display: 'flex', flexWrap: 'wrap', gap: '8px', alignItems: 'center', justifyContent: 'space-between', padding: '8px', backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium },
  text: { display: 'flex', flexDirection: 'column', minWidth: 0, flex: '1 1 200px', overflowWrap: 'anywhere' },
  dim: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  bar: { display: 'flex', flexWrap: 'wrap', gap: '8px', alignItems: 'center' },
});

/**
 * Rows held for review (policy "review"): each met an existing record. The
 * user decides per row — update that record, create a new one anyway, or
 * skip the row — and applies the decisions in one go.
 */
export function ReviewPanel({ job, onJob }: { job: ImportJob; onJob: (j: ImportJob) => void }) {
  const styles = useStyles();
  const user = useUser();
  const mayEdit = mayImport(user, job.target, 'edit');
  const [rows, setRows] = useState<ImportRow[] | null>(null);
  const [decisions, setDecisions] = useState<Record<number, Action>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    allRows(job.id, 'held', 2000).then(setRows, (err: Error) => setError(err.message));
  }, [job.id, job.counts.held]);

  if (error && !rows) return <MessageBar intent="error"><MessageBarBody>{error}</MessageBarBody></MessageBar>;
  if (!rows) return <Spinner size="small" label={t('app.loading')} />;
  if (rows.length === 0) return null;
  const path = RECORD_PATHS[rows[0]?.entity ?? ''] ?? '/clients';
  const name = (r: ImportRow) => {
    const nameColumn = job.options.mapping.columns.find((c) => c.field === 'name' || c.field === 'lastName');
    return nameColumn ? previewText(r.cells?.[nameColumn.column]) : '';
  };

  async function apply(list: { rowNumber: number; action: Action }[]) {
    if (!list.length) return;
    setBusy(true);
    setError(null);
    try {
      onJob(await imports.review(job.id, list));
      setDecisions({});
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const chosen = Object.entries(decisions).map(([rowNumber, action]) => ({ rowNumber: Number(rowNumber), action }));
  return (
    <section className={styles.root} aria-labelledby="review-title">
      <h2 id="review-title" style={{ margin: 0, fontSize: 16 }}>{t('imports.review.title', { count: rows.length })}</h2>
      <span className={styles.dim}>{t('imports.review.hint')}</span>
      <ul className={styles.list}>
        {rows.map((r) => {
          const reason = r.problems[0]?.message;
          const label = t('imports.review.decision', { n: r.rowNumber });
          const value = decisions[r.rowNumber];
          return (
            <li key={r.rowNumber} className={styles.item}>
              <span className={styles.text}>
                <strong>{t('imports.preview.rowN', { n: r.rowNumber })}{name(r) ? ` · ${name(r)}` : ''}</strong>
                {reason && <span className={styles.dim}>{reason}</span>}
                {r.recordId !== null && <Link href={href(`${path}/${r.recordId}`)} target="_blank">{t('imports.review.existing', { id: r.recordId })}</Link>}
              </span>
              <Dropdown
                aria-label={label}
                placeholder={t('imports.review.choose')}
                value={value ? t(ACTION_LABEL[value]) : ''}
                selectedOptions={value ? [value] : []}
                disabled={busy}
                onOptionSelect={(_, d) => d.optionValue && setDecisions((x) => ({ ...x, [r.rowNumber]: d.optionValue as Action }))}
              >
                {ACTIONS.filter((a) => a !== 'update' || mayEdit).map((a) => <Option key={a} value={a}>{t(ACTION_LABEL[a])}</Option>)}
              </Dropdown>
            </li>
          );
        })}
      </ul>
      {error && <MessageBar intent="error"><MessageBarBody>{error}</MessageBarBody></MessageBar>}
      <div className={styles.bar}>
        <Button appearance="primary" disabled={busy || chosen.length === 0} onClick={() => void apply(chosen)}>{t('imports.review.apply', { count: chosen.length })}</Button>
        <Button disabled={busy} onClick={() => void apply(rows.map((r) => ({ rowNumber: r.rowNumber, action: 'skip' as const })))}>{t('imports.review.skipAll')}</Button>
        {mayEdit && <Button disabled={busy} onClick={() => void apply(rows.map((r) => ({ rowNumber: r.rowNumber, action: 'update' as const })))}>{t('imports.review.updateAll')}</Button>}
        {busy && <Spinner size="tiny" />}
      </div>
    </section>
  );
}
