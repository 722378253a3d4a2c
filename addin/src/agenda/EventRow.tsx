import { Button, Link, makeStyles, tokens } from '@fluentui/react-components';
import { CheckmarkCircle20Regular } from '@fluentui/react-icons';
import { t } from '../i18n/strings.js';
import { href } from '../shell/router.js';
import { typeLabel, type EventType } from '../events/useEventTypes.js';
import { formatTime, formatWhen } from './time.js';
import type { EventItem } from './types.js';

const useStyles = makeStyles({
  row: { display: 'flex', gap: '8px', alignItems: 'center', padding: '6px 8px', borderBottom: `1px solid ${tokens.colorNeutralStroke3}`, minWidth: 0 },
  time: { flex: '0 0 auto', minWidth: '44px', fontVariantNumeric: 'tabular-nums', fontWeight: tokens.fontWeightSemibold, color: tokens.colorBrandForeground1 },
  late: { color: tokens.colorPaletteRedForeground1 },
  body: { display: 'flex', flexDirection: 'column', minWidth: 0, flex: '1 1 auto' },
  subject: { fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  meta: { display: 'flex', flexWrap: 'wrap', gap: '2px 10px', fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3 },
});

/** A planned call or meeting: time, what, with whom, and "Done" to write the result. */
export function EventRow({ event: e, types, late, onDone }: { event: EventItem; types: EventType[] | Error | undefined; late?: boolean; onDone?: () => void }) {
  const styles = useStyles();
  return (
    <li className={styles.row}>
      <span className={late ? `${styles.time} ${styles.late}` : styles.time}>{late ? formatWhen(e.startsAt) : formatTime(e.startsAt)}</span>
      <div className={styles.body}>
        <Link className={styles.subject} href={href(`/events/${e.id}`)}>{e.subject}</Link>
        <span className={styles.meta}>
          <span>{typeLabel(types, e.type)}</span>
          <Link href={href(`/clients/${e.clientId}`)}>{e.clientName ?? `#${e.clientId}`}</Link>
          {e.contactId && <Link href={href(`/contacts/${e.contactId}`)}>{e.contactName ?? `#${e.contactId}`}</Link>}
        </span>
      </div>
      {onDone && e.status === 'planned' && (
        <Button size="small" icon={<CheckmarkCircle20Regular />} onClick={onDone} aria-label={t('agenda.doneFor', { subject: e.subject })}>
          {t('agenda.done')}
        </Button>
      )}
    </li>
  );
}
