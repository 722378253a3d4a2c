import {
  Button, CounterBadge, Link, Popover, PopoverSurface, PopoverTrigger, Toast, ToastBody, ToastFooter, ToastTitle, makeStyles, tokens,
  useToastController,
} from '@fluentui/react-components';
import { Alert20Regular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import type { Reminder } from '../agenda/types.js';
import { t } from '../i18n/strings.js';
import { href } from '../shell/router.js';
import { TOASTER_ID } from '../shell/toast.js';
import { reminderPath } from './links.js';
import { ReminderItem, reminderBody } from './ReminderItem.js';
import { reminders, useReminders } from './store.js';
import { useReminderActions } from './useReminderActions.js';

const useStyles = makeStyles({
  wrap: { position: 'relative', display: 'inline-flex' },
  badge: { position: 'absolute', top: '0', right: '0', pointerEvents: 'none' },
  surface: { width: 'min(360px, calc(100vw - 24px))', maxHeight: '70vh', overflowY: 'auto', padding: '12px', boxSizing: 'border-box' },
  head: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: '8px', marginBottom: '4px' },
  title: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  list: { margin: 0, padding: 0, listStyleType: 'none' },
  empty: { color: tokens.colorNeutralForeground3, margin: '8px 0' },
  footer: { display: 'flex', gap: '12px' },
});

/**
 * The bell in the top bar: how many reminders are unread, a panel to
 * open, snooze or dismiss them, and a toast as each one fires.
 */
export function Bell() {
  const styles = useStyles();
  const { reminders: items } = useReminders();
  const [open, setOpen] = useState(false);
  const act = useReminderActions();
  const { dispatchToast } = useToastController(TOASTER_ID);

  useEffect(
    () =>
      reminders.start((r: Reminder) => {
        const path = reminderPath(r);
        const body = reminderBody(r);
        dispatchToast(
          <Toast>
            <ToastTitle>{t('notifications.toastTitle', { title: r.title })}</ToastTitle>
            {body && <ToastBody>{body}</ToastBody>}
            <ToastFooter>
              {path && <Link href={href(path)}>{t('notifications.open')}</Link>}
              <Link onClick={() => act(r, { kind: 'snooze', body: { minutes: 10 } })}>{t('notifications.snooze10')}</Link>
              <Link onClick={() => act(r, { kind: 'dismiss' })}>{t('notifications.dismiss')}</Link>
            </ToastFooter>
          </Toast>,
          { intent: 'info', timeout: 15_000, politeness: 'assertive' },
        );
      }),
    [],
  );

  const count = items.length;
  const label = count ? t('notifications.bellCount', { n: count }) : t('notifications.bell');
  return (
    <span className={styles.wrap}>
    <Popover open={open} onOpenChange={(_, d) => setOpen(d.open)} positioning="below-end" trapFocus>
      <PopoverTrigger disableButtonEnhancement>
        <Button appearance="subtle" icon={<Alert20Regular />} aria-label={label} title={label} />
      </PopoverTrigger>
      <PopoverSurface className={styles.surface} aria-label={t('notifications.title')}>
        <div className={styles.head}>
          <h2 className={styles.title}>{t('notifications.title')}</h2>
          {count > 0 && <Button size="small" onClick={() => reminders.dismissAll().catch(() => undefined)}>{t('notifications.dismissAll')}</Button>}
        </div>
        {count === 0 && <p className={styles.empty}>{t('notifications.empty')}</p>}
        <ul className={styles.list}>
          {items.map((r) => (
            <ReminderItem key={r.id} reminder={r} onAct={(a) => act(r, a)} onOpen={() => setOpen(false)} />
          ))}
        </ul>
      </PopoverSurface>
    </Popover>
      {count > 0 && <CounterBadge className={styles.badge} count={count} size="small" color="danger" overflowCount={99} aria-hidden />}
    </span>
  );
}
