import { Link, MessageBar, MessageBarBody, Radio, RadioGroup, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import { useHost } from '../hosts/context.js';
import type { OutlookHost } from '../hosts/host.js';
import { t } from '../i18n/strings.js';
import { formatDateTime } from '../records/format.js';
import { lookupPeople, type LoggedMessage, type SenderLookup, type SenderMatch } from './api.js';
import { LogMessage } from './LogMessage.js';
import { readOpenMessage, type OpenMessage } from './message.js';
import { NewContact } from './NewContact.js';
import { SenderCardView } from './SenderCardView.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px', maxWidth: '640px', minWidth: 0 },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightBase500 },
  section: { display: 'flex', flexDirection: 'column', gap: '6px', minWidth: 0, paddingTop: '8px', borderTop: `1px solid ${tokens.colorNeutralStroke2}` },
  h2: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  address: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  people: { margin: 0, padding: 0, listStyle: 'none', display: 'flex', flexDirection: 'column', gap: '4px' },
  person: { display: 'flex', flexDirection: 'column', minWidth: 0, overflowWrap: 'anywhere' },
  quiet: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

const matchKey = (m: SenderMatch, i: number) => `${m.entity}:${m.id ?? `x${i}`}`;

/**
 * #/outlook — beside a read message (Outlook opens the pane here): who the
 * sender is in Kontora and what is open with them, the other people on the
 * message, "add to Kontora" for an unknown sender, and logging the message.
 * Re-reads when a pinned pane moves to another message.
 */
export function OutlookPane() {
  const styles = useStyles();
  const host = useHost();
  if (host.kind !== 'outlook') {
    return (
      <div className={styles.root}>
        <h1 className={styles.title}>{t('outlook.title')}</h1>
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>{t('outlook.needsOutlook')}</MessageBarBody>
        </MessageBar>
      </div>
    );
  }
  return <MessagePane host={host} />;
}

type State =
  | { phase: 'reading' }
  | { phase: 'none' }
  | { phase: 'looking'; open: OpenMessage }
  | { phase: 'ready'; open: OpenMessage; items: SenderLookup[]; logged: LoggedMessage[] }
  | { phase: 'failed'; message: string };

function MessagePane({ host }: { host: OutlookHost }) {
  const styles = useStyles();
  const [state, setState] = useState<State>({ phase: 'reading' });
  const [generation, setGeneration] = useState(0);
  const [chosen, setChosen] = useState<string | null>(null);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  useEffect(() => host.onMessageChanged(() => {
    setChosen(null);
    reload();
  }), [host, reload]);

  useEffect(() => {
    const controller = new AbortController();
    void (async () => {
      try {
        const open = await readOpenMessage(host);
        if (controller.signal.aborted) return;
        if (!open || open.people.length === 0) return setState({ phase: 'none' });
        setState((s) => (s.phase === 'ready' && s.open.message.itemId === open.message.itemId ? s : { phase: 'looking', open }));
        const { items, logged } = await lookupPeople(open.people, open.message.internetMessageId, controller.signal);
        if (!controller.signal.aborted) setState({ phase: 'ready', open, items, logged });
      } catch (err) {
        if (!controller.signal.aborted) setState({ phase: 'failed', message: (err as Error).message });
      }
    })();
    return () => controller.abort();
  }, [host, generation]);

  return (
    <div className={styles.root}>
      <h1 className={styles.title}>{t('outlook.title')}</h1>
      {state.phase === 'reading' && <Spinner size="tiny" label={t('outlook.reading')} />}
      {state.phase === 'none' && <p className={styles.quiet}>{t('outlook.noMessage')}</p>}
      {state.phase === 'looking' && <Spinner size="tiny" label={t('outlook.looking')} />}
      {state.phase === 'failed' && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{t('outlook.failed', { message: state.message })}</MessageBarBody>
        </MessageBar>
      )}
      {state.phase === 'ready' && <Ready host={host} open={state.open} items={state.items} logged={state.logged} chosen={chosen} choose={setChosen} reload={reload} />}
    </div>
  );
}

function Ready({ host, open, items, logged, chosen, choose, reload }: {
  host: OutlookHost; open: OpenMessage; items: SenderLookup[]; logged: LoggedMessage[]; chosen: string | null; choose: (key: string) => void; reload: () => void;
}) {
  const styles = useStyles();
  const [sender, ...others] = items;
  if (!sender) return null;
  const senderPerson = open.people[0]!;
  const matches = sender.matches;
  const index = Math.max(0, matches.findIndex((m, i) => matchKey(m, i) === chosen));
  const match = matches[index];
  const clientId = match?.accessible ? (match.client?.id ?? null) : null;
  const loggedHere = clientId !== null && logged.some((l) => l.clientId === clientId);

  return (
    <>
      {logged.length > 0 && (
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>
            {logged.map((l) => (
              <div key={l.eventId}>
                <Link href={`#/events/${l.eventId}`}>{t('outlook.logged', { client: l.clientName, who: l.loggedBy, when: formatDateTime(l.loggedAt) })}</Link>
              </div>
            ))}
          </MessageBarBody>
        </MessageBar>
      )}
      <section className={styles.section} aria-label={t(senderPerson.role === 'from' ? 'outlook.from' : senderPerson.role === 'to' ? 'outlook.role.to' : 'outlook.role.cc')}>
        <h2 className={styles.h2}>
          {t(senderPerson.role === 'from' ? 'outlook.from' : senderPerson.role === 'to' ? 'outlook.role.to' : 'outlook.role.cc')}: {senderPerson.name || sender.email}
        </h2>
        <span className={styles.address}>{sender.email}</span>
        {matches.length > 1 && (
          <RadioGroup value={match ? matchKey(match, index) : ''} onChange={(_, d) => choose(d.value)} aria-label={t('outlook.several')}>
            <span className={styles.quiet}>{t('outlook.several')}</span>
            {matches.map((m, i) => (
              <Radio key={matchKey(m, i)} value={matchKey(m, i)} label={`${m.name} · ${t(m.entity === 'client' ? 'outlook.client' : 'outlook.contact')} · ${m.managerName}`} />
            ))}
          </RadioGroup>
        )}
        {match && <SenderCardView match={match} />}
        {!match && sender.draft && <NewContact draft={sender.draft} onCreated={reload} />}
      </section>
      {match?.accessible && clientId === null && <p className={styles.quiet}>{t('outlook.noClient')}</p>}
      {clientId !== null && !loggedHere && (
        <div className={styles.section}>
          <LogMessage key={`${open.message.itemId}:${clientId}`} host={host} open={open} who={{ clientId, contactId: match?.contact?.id ?? null }} onLogged={reload} />
        </div>
      )}
      {others.length > 0 && (
        <section className={styles.section} aria-label={t('outlook.others')}>
          <h2 className={styles.h2}>{t('outlook.others')}</h2>
          <ul className={styles.people}>
            {others.map((o, i) => {
              const person = open.people[i + 1];
              const first = o.matches[0];
              return (
                <li key={o.email} className={styles.person}>
                  <span>
                    {person?.role === 'cc' ? `${t('outlook.role.cc')}: ` : person?.role === 'to' ? `${t('outlook.role.to')}: ` : ''}
                    {person?.name || o.email}
                  </span>
                  <span className={styles.address}>
                    {o.email} ·{' '}
                    {!first ? t('outlook.unknownPerson')
                      : first.accessible && first.id !== undefined
                        ? <Link href={`#/${first.entity === 'client' ? 'clients' : 'contacts'}/${first.id}`}>{first.client && first.contact ? `${first.name}, ${first.client.name}` : first.name}</Link>
                        : t('outlook.notYours', { name: first.name, manager: first.managerName })}
                  </span>
                </li>
              );
            })}
          </ul>
        </section>
      )}
    </>
  );
}
