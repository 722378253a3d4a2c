import { Link, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { TaskListLtr20Regular } from '@fluentui/react-icons';
import { formatTime } from '../agenda/time.js';
import { typeLabel, type EventType } from '../events/useEventTypes.js';
import { href } from '../shell/router.js';
import { t } from '../i18n/strings.js';
import type { CalendarEntry } from './items.js';

const useStyles = makeStyles({
  entry: { display: 'flex', flexDirection: 'column', padding: '4px 6px', borderRadius: tokens.borderRadiusMedium, borderLeft: `3px solid ${tokens.colorBrandStroke1}`, backgroundColor: tokens.colorBrandBackground2, minWidth: 0, listStyleType: 'none' },
  task: { borderLeftColor: tokens.colorPaletteMarigoldBorderActive, backgroundColor: tokens.colorPaletteMarigoldBackground1 },
  done: { opacity: 0.65 },
  line: { display: 'flex', gap: '4px', alignItems: 'center', fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, overflow: 'hidden', whiteSpace: 'nowrap', textOverflow: 'ellipsis' },
  title: { fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
});

/** An event or task in the calendar: time, title (opens it), type or client. */
export function Entry({ entry, types }: { entry: CalendarEntry; types: EventType[] | Error | undefined }) {
  const styles = useStyles();
  if (entry.kind === 'event') {
    const e = entry.item;
    return (
      <li className={mergeClasses(styles.entry, e.status === 'done' && styles.done)}>
        <span className={styles.line}>{formatTime(e.startsAt)} · {typeLabel(types, e.type)}{e.status === 'done' ? ` · ${t('events.status.done')}` : ''}</span>
        <Link className={styles.title} href={href(`/events/${e.id}`)}>{e.subject}</Link>
        {e.clientName && <span className={styles.line}>{e.clientName}</span>}
      </li>
    );
  }
  const task = entry.item;
  const done = task.status === 'done' || task.status === 'cancelled';
  return (
    <li className={mergeClasses(styles.entry, styles.task, done && styles.done)}>
      <span className={styles.line}><TaskListLtr20Regular aria-hidden /> {formatTime(entry.at)} · {t('calendar.task')}{done ? ` · ${t('tasks.status.done')}` : ''}</span>
      <Link className={styles.title} href={href(`/tasks/${task.id}`)}>{task.title}</Link>
      {task.clientName && <span className={styles.line}>{task.clientName}</span>}
    </li>
  );
}
