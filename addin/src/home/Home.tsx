import { Button, Link, MessageBar, MessageBarActions, MessageBarBody, Spinner, Title2, makeStyles, tokens } from '@fluentui/react-components';
import { Add20Regular, CalendarLtr20Regular, Call20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import { useUser } from '../auth/session.js';
import { EventRow } from '../agenda/EventRow.js';
import { ContractRow, InvoiceRow } from '../agenda/OverdueRows.js';
import { can } from '../auth/can.js';
import { Section } from '../agenda/Section.js';
import { formatDay, localDate } from '../agenda/time.js';
import type { Today } from '../agenda/types.js';
import { useEventTypes } from '../events/useEventTypes.js';
import { ResultDialog } from '../events/ResultDialog.js';
import { t } from '../i18n/strings.js';
import { ReminderItem } from '../notifications/ReminderItem.js';
import { useReminders } from '../notifications/store.js';
import { useReminderActions } from '../notifications/useReminderActions.js';
import { useResource } from '../records/useRecord.js';
import { href, navigate } from '../shell/router.js';
import { useNotify } from '../shell/toast.js';
import { TaskRow } from '../tasks/TaskRow.js';
import { useComplete } from '../tasks/useComplete.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px', minWidth: 0 },
  head: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: '8px' },
  titles: { display: 'flex', flexDirection: 'column', '& h1': { margin: 0 } },
  date: { color: tokens.colorNeutralForeground3 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: '8px' },
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 340px), 1fr))', gap: '12px', alignItems: 'start' },
  column: { display: 'flex', flexDirection: 'column', gap: '12px', minWidth: 0 },
  sub: { margin: '6px 8px 0', fontSize: tokens.fontSizeBase200, fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground2, listStyleType: 'none' },
});

/**
 * The home screen: the user's day. Calls and meetings planned today (with
 * "Done" to write how they went), tasks due today, what is overdue, the
 * contracts of their clients that end soon and their unread reminders.
 */
export function Home() {
  const styles = useStyles();
  const user = useUser();
  const notify = useNotify();
  const types = useEventTypes();
  const today = useResource<Today>('/agenda/today');
  const { reminders } = useReminders();
  const act = useReminderActions();
  const [writing, setWriting] = useState<number | null>(null);
  const { busy, toggle } = useComplete(() => today.reload());
  const canEvents = can(user, 'events', 'edit');
  const canTasks = can(user, 'tasks', 'edit');

  const head = (
    <div className={styles.head}>
      <div className={styles.titles}>
        <Title2 as="h1">{t('agenda.title', { name: user.name })}</Title2>
        <span className={styles.date}>{formatDay(today.data?.date ?? localDate(new Date()), true)}</span>
      </div>
      <div className={styles.actions}>
        {can(user, 'events', 'create') && <Button icon={<Call20Regular />} onClick={() => navigate('/events/new', { type: 'call', back: '/' })}>{t('agenda.planCall')}</Button>}
        {can(user, 'tasks', 'create') && <Button icon={<Add20Regular />} onClick={() => navigate('/tasks/new')}>{t('tasks.new')}</Button>}
        <Button appearance="subtle" icon={<CalendarLtr20Regular />} onClick={() => navigate('/calendar')}>{t('calendar.title')}</Button>
      </div>
    </div>
  );

  if (!today.data) {
    return (
      <div className={styles.root}>
        {head}
        {today.error ? (
          <MessageBar intent="error">
            <MessageBarBody>{t('error.generic', { message: today.error.message })}</MessageBarBody>
            <MessageBarActions><Button onClick={today.reload}>{t('app.retry')}</Button></MessageBarActions>
          </MessageBar>
        ) : (
          <Spinner label={t('app.loading')} />
        )}
      </div>
    );
  }

  const d = today.data;
  const overdueCount = d.overdue.tasks.length + d.overdue.events.length + d.overdue.invoices.length;
  return (
    <div className={styles.root}>
      {head}
      <div className={styles.grid}>
        <div className={styles.column}>
          <Section id="today-events" title={t('agenda.events')} count={d.events.length}
            empty={<>{t('agenda.eventsEmpty')} <Link href={href('/calendar')}>{t('agenda.openCalendar')}</Link></>}>
            {d.events.map((e) => <EventRow key={e.id} event={e} types={types} onDone={canEvents ? () => setWriting(e.id) : undefined} />)}
          </Section>
          <Section id="today-tasks" title={t('agenda.tasks')} count={d.tasks.length}
            empty={<>{t('agenda.tasksEmpty')} <Link href={href('/tasks')}>{t('agenda.openTasks')}</Link></>}>
            {d.tasks.map((task) => <TaskRow key={task.id} task={task} busy={busy.has(task.id)} onToggle={canTasks ? (done) => void toggle(task, done) : undefined} />)}
          </Section>
        </div>
        <div className={styles.column}>
          <Section id="today-overdue" title={t('agenda.overdue')} count={overdueCount} empty={t('agenda.overdueEmpty')}>
            {d.overdue.events.length > 0 && <li className={styles.sub}>{t('agenda.overdueEvents')}</li>}
            {d.overdue.events.map((e) => <EventRow key={`e${e.id}`} event={e} types={types} late onDone={canEvents ? () => setWriting(e.id) : undefined} />)}
            {d.overdue.tasks.length > 0 && <li className={styles.sub}>{t('agenda.overdueTasks')}</li>}
            {d.overdue.tasks.map((task) => <TaskRow key={`t${task.id}`} task={task} busy={busy.has(task.id)} onToggle={canTasks ? (done) => void toggle(task, done) : undefined} />)}
            {d.overdue.invoices.length > 0 && <li className={styles.sub}>{t('agenda.overdueInvoices')}</li>}
            {d.overdue.invoices.map((i) => <InvoiceRow key={`i${i.id}`} invoice={i} />)}
          </Section>
          <Section id="today-contracts" title={t('agenda.contracts')} count={d.contractsEnding.length} empty={t('agenda.contractsEmpty')}>
            {d.contractsEnding.map((c) => <ContractRow key={c.id} contract={c} />)}
          </Section>
          <Section id="today-reminders" title={t('agenda.reminders')} count={reminders.length} empty={t('agenda.remindersEmpty')}>
            {reminders.map((r) => <ReminderItem key={r.id} reminder={r} onAct={(a) => act(r, a)} />)}
          </Section>
        </div>
      </div>
      {writing !== null && (
        <ResultDialog
          eventId={writing}
          open
          onClose={() => setWriting(null)}
          onSaved={() => {
            setWriting(null);
            notify(t('events.resultSaved'));
            today.reload();
          }}
        />
      )}
    </div>
  );
}
