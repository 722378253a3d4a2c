import { Badge, Button, Link, MessageBar, MessageBarActions, MessageBarBody, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Title2, makeStyles, tokens } from '@fluentui/react-components';
import { Add20Regular, ChevronLeft20Regular, ChevronRight20Regular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import type { ListPage } from '../api/client.js';
import { t, type StringKey } from '../i18n/strings.js';
import { formatDateTime } from '../records/format.js';
import { href, navigate } from '../shell/router.js';
import { useWide } from '../shell/useWide.js';
import { imports, isActive, type ImportJob, type JobStatus } from './api.js';
import { formatCount } from './format.js';
import { targetLabel } from './ImportStart.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px', minWidth: 0 },
  head: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: '8px' },
  tableWrap: { overflowX: 'auto', backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium },
  cards: { display: 'flex', flexDirection: 'column', gap: '4px', listStyleType: 'none', margin: 0, padding: 0 },
  card: { display: 'flex', flexDirection: 'column', gap: '2px', padding: '8px 10px', backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium, overflowWrap: 'anywhere' },
  dim: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  pager: { display: 'flex', gap: '8px', alignItems: 'center', justifyContent: 'flex-end' },
  empty: { padding: '24px', textAlign: 'center', backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium, display: 'flex', flexDirection: 'column', alignItems: 'center', gap: '8px' },
});

const STATUS: Record<JobStatus, { label: StringKey; color: 'informative' | 'success' | 'warning' | 'danger' | 'brand' | 'subtle' }> = {
  ready: { label: 'imports.status.ready', color: 'informative' },
  running: { label: 'imports.status.running', color: 'brand' },
  cancelling: { label: 'imports.status.cancelling', color: 'brand' },
  cancelled: { label: 'imports.status.cancelled', color: 'warning' },
  interrupted: { label: 'imports.status.interrupted', color: 'warning' },
  done: { label: 'imports.status.done', color: 'success' },
  failed: { label: 'imports.status.failed', color: 'danger' },
  undone: { label: 'imports.status.undone', color: 'subtle' },
};

export function StatusBadge({ job }: { job: ImportJob }) {
  const s = STATUS[job.status];
  const text = isActive(job.status) && job.progress.percent !== null ? `${t(s.label)} ${job.progress.percent}%` : t(s.label);
  return <Badge appearance="tint" color={s.color}>{text}</Badge>;
}

function countsText(job: ImportJob): string {
  const c = job.counts;
  return t('imports.jobs.counts', { created: formatCount(c.created), updated: formatCount(c.updated), skipped: formatCount(c.skipped), failed: formatCount(c.failed), held: formatCount(c.held) });
}

const PAGE = 50;

/**
 * #/import/jobs — the user's imports, newest first, with status and counts.
 * A job stopped by a server restart shows as interrupted; its page offers
 * resume and undo. Running jobs refresh themselves.
 */
export function JobList() {
  const styles = useStyles();
  const wide = useWide(600);
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<ListPage<ImportJob> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    imports.list(offset, PAGE).then((p) => {
      setPage(p);
      setError(null);
      if (p.items.some((j) => isActive(j.status))) timer = setTimeout(() => setTick((n) => n + 1), 1500);
    }, (err: Error) => setError(err.message));
    return () => clearTimeout(timer);
  }, [offset, tick]);

  const head = (
    <div className={styles.head}>
      <Title2 as="h1">{t('imports.jobs.title')}</Title2>
      <Button appearance="primary" icon={<Add20Regular />} onClick={() => navigate('/import')}>{t('imports.jobs.new')}</Button>
    </div>
  );
  if (error && !page) {
    return (
      <div className={styles.root}>
        {head}
        <MessageBar intent="error">
          <MessageBarBody>{t('error.generic', { message: error })}</MessageBarBody>
          <MessageBarActions><Button onClick={() => setTick((n) => n + 1)}>{t('app.retry')}</Button></MessageBarActions>
        </MessageBar>
      </div>
    );
  }
  if (!page) return <div className={styles.root}>{head}<Spinner label={t('app.loading')} /></div>;

  const items = page.items;
  return (
    <div className={styles.root}>
      {head}
      {items.length === 0 && (
        <div className={styles.empty}>
          <span>{t('imports.jobs.empty')}</span>
          <Button appearance="primary" onClick={() => navigate('/import')}>{t('imports.jobs.first')}</Button>
        </div>
      )}
      {items.length > 0 && wide && (
        <div className={styles.tableWrap}>
          <Table size="small" aria-label={t('imports.jobs.title')}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t('imports.jobs.file')}</TableHeaderCell>
                <TableHeaderCell>{t('imports.jobs.target')}</TableHeaderCell>
                <TableHeaderCell>{t('imports.jobs.status')}</TableHeaderCell>
                <TableHeaderCell>{t('imports.jobs.result')}</TableHeaderCell>
                <TableHeaderCell>{t('imports.jobs.date')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {items.map((j) => (
                <TableRow key={j.id}>
                  <TableCell><Link href={href(`/import/${j.id}`)}>{j.fileName}</Link></TableCell>
                  <TableCell>{targetLabel(j.target)}</TableCell>
                  <TableCell><StatusBadge job={j} /></TableCell>
                  <TableCell>{countsText(j)}</TableCell>
                  <TableCell>{formatDateTime(j.createdAt)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      {items.length > 0 && !wide && (
        <ul className={styles.cards} aria-label={t('imports.jobs.title')}>
          {items.map((j) => (
            <li key={j.id} className={styles.card}>
              <Link href={href(`/import/${j.id}`)}>{j.fileName}</Link>
              <span><StatusBadge job={j} /> <span className={styles.dim}>{targetLabel(j.target)} · {formatDateTime(j.createdAt)}</span></span>
              <span className={styles.dim}>{countsText(j)}</span>
            </li>
          ))}
        </ul>
      )}
      {page.total > PAGE && (
        <div className={styles.pager}>
          <span>{t('list.page', { from: offset + 1, to: offset + items.length, total: page.total })}</span>
          <Button size="small" icon={<ChevronLeft20Regular />} aria-label={t('list.prev')} disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))} />
          <Button size="small" icon={<ChevronRight20Regular />} aria-label={t('list.next')} disabled={offset + items.length >= page.total} onClick={() => setOffset(offset + PAGE)} />
        </div>
      )}
    </div>
  );
}
