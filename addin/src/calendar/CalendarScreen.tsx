import {
  Button, Link, MessageBar, MessageBarActions, MessageBarBody, Spinner, Tab, TabList, Title3, makeStyles, mergeClasses, tokens,
} from '@fluentui/react-components';
import { ChevronLeft20Regular, ChevronRight20Regular } from '@fluentui/react-icons';
import { useUser } from '../auth/session.js';
import { seesAll } from '../auth/can.js';
import { addDays, atLocal, formatDay, isDate, localDate, mondayOf } from '../agenda/time.js';
import type { CalendarRange } from '../agenda/types.js';
import { useEventTypes } from '../events/useEventTypes.js';
import { t } from '../i18n/strings.js';
import { idFrom } from '../lines/today.js';
import { RecordPicker } from '../records/RecordPicker.js';
import { useResource } from '../records/useRecord.js';
import { href, navigate, useLocation } from '../shell/router.js';
import { useWide } from '../shell/useWide.js';
import { Entry } from './Entry.js';
import { FeedPanel } from './FeedPanel.js';
import { byDay, FIRST_HOUR, LAST_HOUR, type CalendarEntry } from './items.js';
import { SlotMenu } from './SlotMenu.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '8px', minWidth: 0 },
  bar: { display: 'flex', flexWrap: 'wrap', gap: '8px', alignItems: 'center', justifyContent: 'space-between' },
  nav: { display: 'flex', gap: '4px', alignItems: 'center', flexWrap: 'wrap' },
  range: { fontWeight: tokens.fontWeightSemibold },
  who: { minWidth: '180px', maxWidth: '260px' },
  week: { display: 'grid', gridTemplateColumns: 'repeat(7, minmax(0, 1fr))', gap: '4px' },
  weekList: { display: 'flex', flexDirection: 'column', gap: '8px' },
  day: { display: 'flex', flexDirection: 'column', gap: '4px', padding: '6px', minHeight: '120px', minWidth: 0, backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium },
  today: { outline: `2px solid ${tokens.colorBrandStroke1}` },
  dayHead: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: '4px', fontWeight: tokens.fontWeightSemibold },
  entries: { display: 'flex', flexDirection: 'column', gap: '4px', margin: 0, padding: 0 },
  none: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  slots: { display: 'flex', flexDirection: 'column', backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium },
  slot: { display: 'grid', gridTemplateColumns: '52px 1fr auto', gap: '6px', alignItems: 'start', padding: '4px 6px', borderBottom: `1px solid ${tokens.colorNeutralStroke3}`, minHeight: '36px' },
  hour: { fontVariantNumeric: 'tabular-nums', color: tokens.colorNeutralForeground3, paddingTop: '4px' },
});

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * #/calendar?view=week|day&date=…: the user's events and tasks by day.
 * Week view shows seven days (a list of days in a narrow pane); day view
 * shows the working hours as slots with "+" to plan a call or meeting
 * then. Users who see everyone's work can look at a colleague's calendar.
 */
export function CalendarScreen() {
  const styles = useStyles();
  const user = useUser();
  const wide = useWide(900);
  const types = useEventTypes();
  const { query, path } = useLocation();
  const view = query.get('view') === 'day' ? 'day' : 'week';
  const today = localDate(new Date());
  const date = isDate(query.get('date')) ? query.get('date')! : today;
  const userId = (seesAll(user) && idFrom(query.get('userId'))) || undefined;
  const from = view === 'week' ? mondayOf(date) : date;
  const to = view === 'week' ? addDays(from, 6) : date;
  const range = useResource<CalendarRange>('/calendar', { from, to, ...(userId ? { userId } : {}) });
  const go = (changes: Record<string, string | number | undefined>) =>
    navigate(path, { view, date, userId, ...changes }, { replace: true });
  const step = view === 'week' ? 7 : 1;
  const back = `/calendar?${new URLSearchParams({ view, date }).toString()}`;
  const days = byDay(range.data?.events ?? [], range.data?.tasks ?? []);

  const dayBlock = (day: string) => {
    const entries = days.get(day) ?? [];
    return (
      <section key={day} className={mergeClasses(styles.day, day === today && styles.today)} aria-label={formatDay(day, true)}>
        <div className={styles.dayHead}>
          <Link href={href('/calendar', { view: 'day', date: day, userId })}>{formatDay(day)}</Link>
          {!userId && <SlotMenu at={atLocal(day, 10 * 60)} label={`${formatDay(day)} 10:00`} back={back} />}
        </div>
        {entries.length === 0 ? <span className={styles.none}>{t('calendar.free')}</span> : (
          <ul className={styles.entries}>{entries.map((e) => <Entry key={`${e.kind}${e.item.id}`} entry={e} types={types} />)}</ul>
        )}
      </section>
    );
  };

  const dayView = () => {
    const entries = days.get(date) ?? [];
    const hours = new Set<number>();
    for (let h = FIRST_HOUR; h <= LAST_HOUR; h++) hours.add(h);
    for (const e of entries) hours.add(new Date(e.at).getHours());
    const at = (h: number) => entries.filter((e: CalendarEntry) => new Date(e.at).getHours() === h);
    return (
      <div className={styles.slots} role="list" aria-label={formatDay(date, true)}>
        {[...hours].sort((a, b) => a - b).map((h) => (
          <div key={h} className={styles.slot} role="listitem">
            <span className={styles.hour}>{pad(h)}:00</span>
            <ul className={styles.entries}>{at(h).map((e) => <Entry key={`${e.kind}${e.item.id}`} entry={e} types={types} />)}</ul>
            {!userId && <SlotMenu at={atLocal(date, h * 60)} label={`${pad(h)}:00`} back={back} />}
          </div>
        ))}
      </div>
    );
  };

  const weekDays = Array.from({ length: 7 }, (_, i) => addDays(from, i));
  return (
    <div className={styles.root}>
      <Title3 as="h1">{t('calendar.title')}</Title3>
      <div className={styles.bar}>
        <div className={styles.nav}>
          <Button icon={<ChevronLeft20Regular />} aria-label={view === 'week' ? t('calendar.prevWeek') : t('calendar.prevDay')} onClick={() => go({ date: addDays(date, -step) })} />
          <Button onClick={() => go({ date: today })}>{t('calendar.today')}</Button>
          <Button icon={<ChevronRight20Regular />} aria-label={view === 'week' ? t('calendar.nextWeek') : t('calendar.nextDay')} onClick={() => go({ date: addDays(date, step) })} />
          <span className={styles.range} aria-live="polite">{view === 'week' ? `${formatDay(from)} – ${formatDay(to)}` : formatDay(date, true)}</span>
          {range.loading && <Spinner size="tiny" />}
        </div>
        <TabList size="small" selectedValue={view} onTabSelect={(_, d) => go({ view: String(d.value) })} aria-label={t('calendar.view')}>
          <Tab value="day">{t('calendar.day')}</Tab>
          <Tab value="week">{t('calendar.week')}</Tab>
        </TabList>
        {seesAll(user) && (
          <div className={styles.who}>
            <RecordPicker entity="user" aria-label={t('calendar.whose')} placeholder={t('calendar.mine')} value={userId ?? null} onChange={(id) => go({ userId: id && id !== user.id ? id : undefined })} />
          </div>
        )}
      </div>
      {range.error && (
        <MessageBar intent="error">
          <MessageBarBody>{t('error.generic', { message: range.error.message })}</MessageBarBody>
          <MessageBarActions><Button onClick={range.reload}>{t('app.retry')}</Button></MessageBarActions>
        </MessageBar>
      )}
      {!range.data && !range.error && <Spinner label={t('app.loading')} />}
      {range.data && view === 'week' && <div className={wide ? styles.week : styles.weekList}>{weekDays.map(dayBlock)}</div>}
      {range.data && view === 'day' && dayView()}
      {range.data && days.size === 0 && <span className={styles.none}>{view === 'week' ? t('calendar.emptyWeek') : t('calendar.emptyDay')}</span>}
      {!userId && <FeedPanel />}
    </div>
  );
}
