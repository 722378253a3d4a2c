import { Button, Link, Menu, MenuItem, MenuList, MenuPopover, MenuTrigger, makeStyles, tokens } from '@fluentui/react-components';
import { Dismiss16Regular, Snooze16Regular } from '@fluentui/react-icons';
import type { Reminder } from '../agenda/types.js';
import { formatWhen } from '../agenda/time.js';
import { t } from '../i18n/strings.js';
import { href } from '../shell/router.js';
import { reminderPath, tomorrowMorning } from './links.js';

const useStyles = makeStyles({
  item: { display: 'flex', gap: '4px', alignItems: 'flex-start', padding: '6px 4px', borderBottom: `1px solid ${tokens.colorNeutralStroke3}` },
  text: { display: 'flex', flexDirection: 'column', flex: '1 1 auto', minWidth: 0 },
  title: { fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  body: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  when: { fontSize: tokens.fontSizeBase100, color: tokens.colorNeutralForeground3 },
  actions: { display: 'flex', flex: '0 0 auto' },
});

/** The body of a reminder: the server writes ISO times ("Due 2026-11-27T12:00:00.000Z"); they are shown in the user's format. */
export function reminderBody(r: Reminder): string {
  return (r.body ?? '').replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/g, (iso) => formatWhen(iso));
}

/** One reminder: what it is about (a link to it), when it fired, snooze and dismiss. */
export function ReminderItem({ reminder: r, onAct, onOpen }: {
  reminder: Reminder;
  onAct: (action: { kind: 'dismiss' } | { kind: 'snooze'; body: { minutes: number } | { until: string } }) => void;
  onOpen?: () => void;
}) {
  const styles = useStyles();
  const path = reminderPath(r);
  const body = reminderBody(r);
  return (
    <li className={styles.item}>
      <div className={styles.text}>
        {path ? <Link className={styles.title} href={href(path)} onClick={onOpen}>{r.title}</Link> : <span className={styles.title}>{r.title}</span>}
        {body && <span className={styles.body}>{body}</span>}
        {r.firedAt && <span className={styles.when}>{formatWhen(r.firedAt)}</span>}
      </div>
      <div className={styles.actions}>
        <Menu>
          <MenuTrigger disableButtonEnhancement>
            <Button appearance="subtle" size="small" icon={<Snooze16Regular />} aria-label={t('notifications.snoozeOne', { title: r.title })} />
          </MenuTrigger>
          <MenuPopover>
            <MenuList>
              <MenuItem onClick={() => onAct({ kind: 'snooze', body: { minutes: 10 } })}>{t('notifications.snooze10')}</MenuItem>
              <MenuItem onClick={() => onAct({ kind: 'snooze', body: { minutes: 60 } })}>{t('notifications.snooze60')}</MenuItem>
              <MenuItem onClick={() => onAct({ kind: 'snooze', body: { until: tomorrowMorning() } })}>{t('notifications.snoozeTomorrow')}</MenuItem>
            </MenuList>
          </MenuPopover>
        </Menu>
        <Button appearance="subtle" size="small" icon={<Dismiss16Regular />} aria-label={t('notifications.dismissOne', { title: r.title })} onClick={() => onAct({ kind: 'dismiss' })} />
      </div>
    </li>
  );
}
