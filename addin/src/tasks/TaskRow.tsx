import { Badge, Checkbox, Link, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { ArrowRepeatAll16Regular } from '@fluentui/react-icons';
import { formatWhen } from '../agenda/time.js';
import { t, type StringKey } from '../i18n/strings.js';
import { href } from '../shell/router.js';

const useStyles = makeStyles({
  row: { display: 'flex', gap: '8px', alignItems: 'flex-start', padding: '6px 8px', borderBottom: `1px solid ${tokens.colorNeutralStroke3}`, minWidth: 0 },
  body: { display: 'flex', flexDirection: 'column', minWidth: 0, flex: '1 1 auto', paddingTop: '6px' },
  title: { fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  done: { textDecorationLine: 'line-through', color: tokens.colorNeutralForeground3 },
  meta: { display: 'flex', flexWrap: 'wrap', gap: '4px 12px', alignItems: 'center', fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3 },
  late: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
});

export interface TaskLike {
  id: number;
  version?: number;
  title: string;
  status: string;
  priority: string;
  dueAt: string | null;
  clientId: number | null;
  clientName: string | null;
  assigneeName?: string | null;
  repeat?: string | null;
}

/** One task with a checkbox to complete it: title, due time (red when late), priority, client. */
export function TaskRow({ task, busy, onToggle, showAssignee }: { task: TaskLike; busy?: boolean; onToggle?: (done: boolean) => void; showAssignee?: boolean }) {
  const styles = useStyles();
  const done = task.status === 'done' || task.status === 'cancelled';
  const late = !done && task.dueAt !== null && new Date(task.dueAt).getTime() < Date.now();
  return (
    <li className={styles.row}>
      {onToggle && (
        <Checkbox
          // Shown flipped while the change is saved, so the tick answers the click at once.
          checked={busy ? task.status !== 'done' : task.status === 'done'}
          disabled={busy || task.status === 'cancelled'}
          aria-label={task.status === 'done' ? t('tasks.reopenOne', { title: task.title }) : t('tasks.completeOne', { title: task.title })}
          onChange={(_, d) => onToggle(d.checked === true)}
        />
      )}
      <div className={styles.body}>
        <Link href={href(`/tasks/${task.id}`)} className={mergeClasses(styles.title, done && styles.done)}>{task.title}</Link>
        <span className={styles.meta}>
          {task.dueAt && <span className={late ? styles.late : undefined}>{late ? t('tasks.lateSince', { when: formatWhen(task.dueAt) }) : t('tasks.dueAt', { when: formatWhen(task.dueAt) })}</span>}
          {task.priority === 'high' && <Badge size="small" appearance="tint" color="danger">{t('tasks.priority.high')}</Badge>}
          {task.priority === 'low' && <Badge size="small" appearance="tint" color="subtle">{t('tasks.priority.low')}</Badge>}
          {task.status === 'in_progress' && <Badge size="small" appearance="tint" color="informative">{t('tasks.status.in_progress')}</Badge>}
          {task.status === 'cancelled' && <Badge size="small" appearance="tint" color="subtle">{t('tasks.status.cancelled')}</Badge>}
          {task.repeat && <span title={t(`tasks.repeat.${task.repeat}` as StringKey)}><ArrowRepeatAll16Regular aria-label={t(`tasks.repeat.${task.repeat}` as StringKey)} /></span>}
          {task.clientId && <Link href={href(`/clients/${task.clientId}`)}>{task.clientName ?? `#${task.clientId}`}</Link>}
          {showAssignee && task.assigneeName && <span>{task.assigneeName}</span>}
        </span>
      </div>
    </li>
  );
}
