import {
  Button, Dropdown, Field, Input, MessageBar, MessageBarActions, MessageBarBody, Option, Spinner, Tab, TabList, Title3, makeStyles, tokens,
} from '@fluentui/react-components';
import { Add20Regular, ChevronLeft20Regular, ChevronRight20Regular, Search20Regular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import { api, type ListPage } from '../api/client.js';
import { useUser } from '../auth/session.js';
import { can, seesAll } from '../auth/can.js';
import { addDays, isDate, startOf } from '../agenda/time.js';
import { t } from '../i18n/strings.js';
import type { RecordData } from '../records/meta.js';
import { navigate, useLocation } from '../shell/router.js';
import { TaskRow, type TaskLike } from './TaskRow.js';
import { useComplete } from './useComplete.js';

const PAGE = 50;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '8px', minWidth: 0 },
  head: { display: 'flex', flexWrap: 'wrap', gap: '8px', alignItems: 'center', justifyContent: 'space-between' },
  filters: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(140px, 1fr))', gap: '8px', padding: '8px', backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium },
  control: { minWidth: 0, '& .fui-Dropdown, & .fui-Input': { minWidth: 0, width: '100%' } },
  list: { margin: 0, padding: 0, listStyleType: 'none', backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium },
  empty: { padding: '24px', textAlign: 'center', color: tokens.colorNeutralForeground3, backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium },
  pager: { display: 'flex', alignItems: 'center', gap: '8px', justifyContent: 'flex-end', color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  tabs: { overflowX: 'auto' },
});

type Scope = 'mine' | 'given' | 'all';
type Status = 'open' | 'done' | 'cancelled' | 'any';

const STATUS_QUERY: Record<Status, Record<string, string>> = {
  open: { 'status[in]': 'open,in_progress' },
  done: { status: 'done' },
  cancelled: { status: 'cancelled' },
  any: {},
};

/**
 * #/tasks — the user's tasks: theirs, the ones they gave others, or
 * everyone's (for those who see all), by status, priority and due dates.
 * The filters live in the address, so a reload or a shared link keeps them.
 * Ticking a task completes it; a repeating task then shows its next date.
 */
export function TaskList() {
  const styles = useStyles();
  const user = useUser();
  const { query, path } = useLocation();
  const all = seesAll(user);
  const scope: Scope = query.get('scope') === 'given' ? 'given' : query.get('scope') === 'all' && all ? 'all' : 'mine';
  const status = (['open', 'done', 'cancelled', 'any'].includes(query.get('status') ?? '') ? query.get('status') : 'open') as Status;
  const priority = ['low', 'normal', 'high'].includes(query.get('priority') ?? '') ? query.get('priority')! : '';
  const from = isDate(query.get('from')) ? query.get('from')! : '';
  const to = isDate(query.get('to')) ? query.get('to')! : '';
  const [q, setQ] = useState(query.get('q') ?? '');
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<ListPage<RecordData> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [tick, setTick] = useState(0);
  const { busy, toggle } = useComplete(() => setTick((n) => n + 1));

  const set = (changes: Record<string, string>) => {
    const next: Record<string, string> = { scope, status, priority, from, to, q };
    Object.assign(next, changes);
    if (next.scope === 'mine') delete next.scope;
    if (next.status === 'open') delete next.status;
    setOffset(0);
    navigate(path, next, { replace: true });
  };

  const params: Record<string, string | number> = {
    ...(scope === 'mine' ? { assigneeId: user.id } : scope === 'given' ? { createdById: user.id, 'assigneeId[ne]': user.id } : {}),
    ...STATUS_QUERY[status],
    ...(priority ? { priority } : {}),
    ...(from ? { 'dueAt[gte]': startOf(from).toISOString() } : {}),
    ...(to ? { 'dueAt[lt]': startOf(addDays(to, 1)).toISOString() } : {}),
    ...(q.trim() ? { q: q.trim() } : {}),
    sort: status === 'done' ? '-completedAt' : 'dueAt',
  };
  const key = JSON.stringify(params);

  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setLoading(true);
      api
        .get<ListPage<RecordData>>('/tasks', { ...params, limit: PAGE, offset }, controller.signal)
        .then((p) => {
          setPage(p);
          setError(null);
        })
        .catch((err: Error) => err.name !== 'AbortError' && setError(err.message))
        .finally(() => setLoading(false));
    }, q ? 250 : 0);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [key, offset, tick]);

  const items = (page?.items ?? []) as unknown as TaskLike[];
  const filtered = status !== 'open' || priority || from || to || q.trim();
  const statusLabel: Record<Status, string> = { open: t('tasks.filter.open'), done: t('tasks.status.done'), cancelled: t('tasks.status.cancelled'), any: t('tasks.filter.any') };
  const priorityLabel: Record<string, string> = { '': t('tasks.filter.any'), high: t('tasks.priority.high'), normal: t('tasks.priority.normal'), low: t('tasks.priority.low') };

  return (
    <div className={styles.root}>
      <div className={styles.head}>
        <Title3 as="h1">{t('tasks.title')}</Title3>
        {can(user, 'tasks', 'create') && (
          <Button appearance="primary" icon={<Add20Regular />} onClick={() => navigate('/tasks/new')}>{t('tasks.new')}</Button>
        )}
      </div>
      <TabList className={styles.tabs} size="small" selectedValue={scope} onTabSelect={(_, d) => set({ scope: String(d.value) })} aria-label={t('tasks.scope')}>
        <Tab value="mine">{t('tasks.scope.mine')}</Tab>
        <Tab value="given">{t('tasks.scope.given')}</Tab>
        {all && <Tab value="all">{t('tasks.scope.all')}</Tab>}
      </TabList>
      <div className={styles.filters} role="group" aria-label={t('list.filters')}>
        <Field label={t('tasks.filter.status')} className={styles.control}>
          <Dropdown value={statusLabel[status]} selectedOptions={[status]} onOptionSelect={(_, d) => set({ status: d.optionValue ?? 'open' })}>
            {(Object.keys(statusLabel) as Status[]).map((s) => <Option key={s} value={s}>{statusLabel[s]}</Option>)}
          </Dropdown>
        </Field>
        <Field label={t('tasks.filter.priority')} className={styles.control}>
          <Dropdown value={priorityLabel[priority]} selectedOptions={[priority]} onOptionSelect={(_, d) => set({ priority: d.optionValue ?? '' })}>
            {Object.keys(priorityLabel).map((p) => <Option key={p || 'any'} value={p}>{priorityLabel[p]!}</Option>)}
          </Dropdown>
        </Field>
        <Field label={t('tasks.filter.dueFrom')} className={styles.control}>
          <Input type="date" value={from} onChange={(_, d) => set({ from: d.value })} />
        </Field>
        <Field label={t('tasks.filter.dueTo')} className={styles.control}>
          <Input type="date" value={to} onChange={(_, d) => set({ to: d.value })} />
        </Field>
        <Field label={t('tasks.filter.search')} className={styles.control}>
          <Input contentBefore={<Search20Regular />} value={q} onChange={(_, d) => { setQ(d.value); set({ q: d.value }); }} />
        </Field>
      </div>
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{t('error.generic', { message: error })}</MessageBarBody>
          <MessageBarActions><Button onClick={() => setTick((n) => n + 1)}>{t('app.retry')}</Button></MessageBarActions>
        </MessageBar>
      )}
      {!page && !error && <Spinner label={t('app.loading')} />}
      {page && items.length === 0 && !loading && (
        <div className={styles.empty}>
          {filtered ? t('tasks.emptyFiltered') : scope === 'given' ? t('tasks.emptyGiven') : t('tasks.empty')}{' '}
          {filtered && <Button size="small" onClick={() => { setQ(''); set({ status: 'open', priority: '', from: '', to: '', q: '' }); }}>{t('list.clearFilters')}</Button>}
        </div>
      )}
      {items.length > 0 && (
        <ul className={styles.list} aria-label={t('tasks.title')} aria-busy={loading}>
          {items.map((task) => (
            <TaskRow key={task.id} task={task} busy={busy.has(task.id)} showAssignee={scope !== 'mine'} onToggle={can(user, 'tasks', 'edit') ? (done) => void toggle(task, done) : undefined} />
          ))}
        </ul>
      )}
      {page && items.length > 0 && (
        <div className={styles.pager}>
          <span aria-live="polite">{t('list.page', { from: offset + 1, to: offset + items.length, total: page.total })}</span>
          <Button size="small" icon={<ChevronLeft20Regular />} aria-label={t('list.prev')} disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))} />
          <Button size="small" icon={<ChevronRight20Regular />} aria-label={t('list.next')} disabled={offset + items.length >= page.total} onClick={() => setOffset(offset + PAGE)} />
        </div>
      )}
    </div>
  );
}
