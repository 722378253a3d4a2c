import { Button, Link, MessageBar, MessageBarBody, MessageBarTitle, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowDownload20Regular, ArrowUndo20Regular, Play20Regular } from '@fluentui/react-icons';
import { useEffect, useState, type ReactNode } from 'react';
import { useUser } from '../auth/session.js';
import { downloadFile } from '../exports/download.js';
import { t } from '../i18n/strings.js';
import { href, navigate } from '../shell/router.js';
import { useNotify } from '../shell/toast.js';
import { imports, RECORD_PATHS, type ImportJob, type ImportRow, type UndoResult } from './api.js';
import { Counts } from './Counts.js';
import { formatCount } from './format.js';
import { ReviewPanel } from './ReviewPanel.js';
import { mayImport } from './rights.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px', minWidth: 0 },
  bar: { display: 'flex', flexWrap: 'wrap', gap: '8px', alignItems: 'center' },
  list: { display: 'flex', flexDirection: 'column', gap: '4px', listStyleType: 'none', margin: 0, padding: 0 },
  item: { padding: '6px 8px', backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium, overflowWrap: 'anywhere', fontSize: tokens.fontSizeBase200 },
  h2: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
});

/** Whether the import left records undo could take back. */
function undoable(job: ImportJob): boolean {
  return ['done', 'cancelled', 'interrupted', 'failed'].includes(job.status) && job.counts.created + job.counts.updated > 0;
}

/**
 * Step 5: what the import did. Counts, the error report, the first failed
 * rows with their reasons, rows held for review, resume of a stopped
 * import, and undo of the whole import (with each record it had to leave).
 */
export function ResultStep({ job, onJob, sheetActions }: { job: ImportJob; onJob: (j: ImportJob) => void; sheetActions?: ReactNode }) {
  const styles = useStyles();
  const user = useUser();
  const notify = useNotify();
  const [failed, setFailed] = useState<ImportRow[] | null>(null);
  const [undo, setUndo] = useState<UndoResult | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (job.counts.failed > 0) imports.rows(job.id, 'failed', 0, 50).then((p) => setFailed(p.items), () => setFailed([]));
    else setFailed([]);
  }, [job.id, job.counts.failed]);

  async function act(name: string, fn: () => Promise<void>) {
    setBusy(name);
    setError(null);
    try {
      await fn();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(null);
    }
  }

  const notImported = job.counts.failed + job.counts.skipped + job.counts.held;
  const resumable = job.status === 'interrupted' || job.status === 'cancelled' || (job.status === 'failed' && job.error?.code === 'internal');
  const status = {
    done: { intent: 'success' as const, title: t('imports.result.done') },
    cancelled: { intent: 'warning' as const, title: t('imports.result.cancelled', { row: formatCount(job.progress.lastRow) }) },
    interrupted: { intent: 'warning' as const, title: t('imports.result.interrupted', { row: formatCount(job.progress.lastRow) }) },
    failed: { intent: 'error' as const, title: t('imports.result.failed') },
    undone: { intent: 'info' as const, title: t('imports.result.undone') },
  }[job.status as 'done'] ?? { intent: 'info' as const, title: job.status };
  const path = RECORD_PATHS[job.target === 'clients' ? 'client' : job.target === 'contacts' ? 'contact' : 'product']!;

  return (
    <div className={styles.root}>
      <MessageBar intent={status.intent}>
        <MessageBarBody>
          <MessageBarTitle>{status.title}</MessageBarTitle>
          {job.error?.message && ` ${job.error.message}`}
        </MessageBarBody>
      </MessageBar>
      <Counts counts={job.counts} />
      <div className={styles.bar}>
        {notImported > 0 && (
          <Button icon={<ArrowDownload20Regular />} disabled={busy !== null} onClick={() => void act('report', async () => {
            const name = await downloadFile(`/imports/${job.id}/report`, {}, `import-${job.id}-report.xlsx`);
            notify(t('imports.result.reportSaved', { name }));
          })}>
            {t('imports.result.report')}
          </Button>
        )}
        {resumable && mayImport(user, job.target) && (
          <Button appearance="primary" icon={<Play20Regular />} disabled={busy !== null} onClick={() => void act('resume', async () => onJob(await imports.resume(job.id)))}>
            {t('imports.result.resume')}
          </Button>
        )}
        {undoable(job) && mayImport(user, job.target, 'delete') && !confirming && (
          <Button icon={<ArrowUndo20Regular />} disabled={busy !== null} onClick={() => setConfirming(true)}>{t('imports.undo.button')}</Button>
        )}
        {sheetActions}
        <Button appearance="subtle" onClick={() => navigate('/import', { target: job.target })}>{t('imports.result.another')}</Button>
        <Link href={href(path === '/catalog/products' ? '/catalog' : path)}>{t('imports.result.open')}</Link>
        {busy && <Spinner size="tiny" />}
      </div>
      {confirming && (
        <MessageBar intent="warning">
          <MessageBarBody>
            <MessageBarTitle>{t('imports.undo.confirmTitle')}</MessageBarTitle>
            {t('imports.undo.confirm', { created: job.counts.created, updated: job.counts.updated })}
            <div className={styles.bar} style={{ marginTop: 8 }}>
              <Button appearance="primary" disabled={busy !== null} onClick={() => void act('undo', async () => {
                const r = await imports.undo(job.id);
                setUndo(r);
                setConfirming(false);
                onJob(r.job);
              })}>{t('imports.undo.yes')}</Button>
              <Button disabled={busy !== null} onClick={() => setConfirming(false)}>{t('imports.undo.no')}</Button>
            </div>
          </MessageBarBody>
        </MessageBar>
      )}
      {error && <MessageBar intent="error"><MessageBarBody>{error}</MessageBarBody></MessageBar>}
      {undo && (
        <section aria-labelledby="undo-title" className={styles.root}>
          <h2 id="undo-title" className={styles.h2}>{t('imports.undo.result', { removed: undo.removed, restored: undo.restored })}</h2>
          {undo.refused.length > 0 && (
            <>
              <span>{t('imports.undo.refused', { count: undo.refused.length })}</span>
              <ul className={styles.list} aria-label={t('imports.undo.refusedList')}>
                {undo.refused.map((r) => (
                  <li key={`${r.entity}-${r.recordId}`} className={styles.item}>
                    <a href={href(`${RECORD_PATHS[r.entity] ?? path}/${r.recordId}`)}>{t('imports.preview.rowN', { n: r.rowNumber })}</a> — {r.message}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
      {job.counts.held > 0 && job.status !== 'undone' && <ReviewPanel job={job} onJob={onJob} />}
      {failed && failed.length > 0 && (
        <section aria-labelledby="failed-title" className={styles.root}>
          <h2 id="failed-title" className={styles.h2}>{t('imports.result.failedRows', { count: formatCount(job.counts.failed) })}</h2>
          <ul className={styles.list}>
            {failed.map((r) => (
              <li key={r.rowNumber} className={styles.item}>
                <strong>{t('imports.preview.rowN', { n: r.rowNumber })}</strong>: {r.problems.map((p) => p.message).join(' · ')}
              </li>
            ))}
          </ul>
          {job.counts.failed > failed.length && <span>{t('imports.result.moreInReport', { count: formatCount(job.counts.failed - failed.length) })}</span>}
        </section>
      )}
    </div>
  );
}
