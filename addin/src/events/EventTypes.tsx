import {
  Badge, Button, Field, Input, MessageBar, MessageBarActions, MessageBarBody, Spinner, Title3, makeStyles, tokens,
} from '@fluentui/react-components';
import { Add20Regular, Delete20Regular } from '@fluentui/react-icons';
import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api/client.js';
import { useUser } from '../auth/session.js';
import { can } from '../auth/can.js';
import { t } from '../i18n/strings.js';
import { AdminPage } from '../admin/AdminPage.js';
import { Panel } from '../records/Card.js';
import { useNotify } from '../shell/toast.js';
import { invalidateEventTypes, type EventType } from './useEventTypes.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px', maxWidth: '760px' },
  type: { display: 'flex', flexDirection: 'column', gap: '8px' },
  head: { display: 'flex', flexWrap: 'wrap', gap: '8px', alignItems: 'flex-end' },
  grow: { flex: '1 1 180px', minWidth: 0 },
  results: { display: 'flex', flexDirection: 'column', gap: '4px', margin: 0, padding: 0, listStyleType: 'none' },
  result: { display: 'flex', gap: '4px', alignItems: 'center' },
  key: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: '8px' },
  hint: { color: tokens.colorNeutralForeground3, margin: 0 },
});

interface Draft {
  label: string;
  results: { key?: string; label: string }[];
}

function errorText(err: unknown): string {
  if (err instanceof ApiError) return [err.message, ...err.details.map((d) => d.message)].filter((m, i, all) => all.indexOf(m) === i).join(' ');
  return err instanceof Error ? err.message : String(err);
}

/** One event type: its name, its results (added, renamed, removed) and archiving. */
function TypeEditor({ type, editable, onChanged }: { type: EventType; editable: boolean; onChanged: (next: EventType | null) => void }) {
  const styles = useStyles();
  const notify = useNotify();
  const [draft, setDraft] = useState<Draft>({ label: type.label, results: type.results });
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [busy, setBusy] = useState(false);
  const dirty = JSON.stringify(draft) !== JSON.stringify({ label: type.label, results: type.results });

  async function send(body: Record<string, unknown>) {
    setBusy(true);
    setError(null);
    try {
      const saved = await api.patch<EventType>(`/event-types/${type.id}`, { version: type.version, ...body });
      invalidateEventTypes();
      setDraft({ label: saved.label, results: saved.results });
      setConflict(false);
      onChanged(saved);
      notify(t('form.saved'));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'version_conflict') setConflict(true);
      else setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    setBusy(true);
    setError(null);
    try {
      await api.delete(`/event-types/${type.id}`);
      invalidateEventTypes();
      onChanged(null);
    } catch (err) {
      setError(err instanceof ApiError && err.code === 'in_use' ? t('eventTypes.inUse') : errorText(err));
    } finally {
      setBusy(false);
    }
  }

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!draft.label.trim() || draft.results.some((r) => !r.label.trim())) {
      setError(t('eventTypes.emptyLabel'));
      return;
    }
    void send({ label: draft.label, results: draft.results.map((r) => (r.key ? r : { label: r.label })) });
  }

  return (
    <Panel>
      <form className={styles.type} onSubmit={submit} aria-label={type.label}>
        <div className={styles.head}>
          <Field className={styles.grow} label={t('eventTypes.name')} required validationState={!draft.label.trim() ? 'error' : 'none'} validationMessage={!draft.label.trim() ? t('form.required') : undefined}>
            <Input value={draft.label} disabled={!editable} onChange={(_, d) => setDraft({ ...draft, label: d.value })} />
          </Field>
          <span className={styles.key}>{t('eventTypes.key', { key: type.key })}</span>
          {type.archived && <Badge appearance="tint" color="subtle">{t('eventTypes.archived')}</Badge>}
        </div>
        <span className={styles.key}>{t('eventTypes.results')}</span>
        {draft.results.length === 0 && <p className={styles.hint}>{t('eventTypes.noResults')}</p>}
        <ul className={styles.results}>
          {draft.results.map((r, i) => (
            <li key={r.key ?? `new-${i}`} className={styles.result}>
              <Input
                className={styles.grow}
                aria-label={t('eventTypes.resultLabel', { n: i + 1, type: type.label })}
                value={r.label}
                disabled={!editable}
                onChange={(_, d) => setDraft({ ...draft, results: draft.results.map((x, j) => (j === i ? { ...x, label: d.value } : x)) })}
              />
              {editable && (
                <Button appearance="subtle" icon={<Delete20Regular />} aria-label={t('eventTypes.removeResult', { label: r.label || String(i + 1) })}
                  onClick={() => setDraft({ ...draft, results: draft.results.filter((_, j) => j !== i) })} />
              )}
            </li>
          ))}
        </ul>
        {conflict && (
          <MessageBar intent="warning" role="alert">
            <MessageBarBody>{t('eventTypes.conflict')}</MessageBarBody>
            <MessageBarActions><Button onClick={() => onChanged({ ...type, version: -1 })}>{t('form.conflictReload')}</Button></MessageBarActions>
          </MessageBar>
        )}
        {error && (
          <MessageBar intent="error" role="alert">
            <MessageBarBody>{error}</MessageBarBody>
          </MessageBar>
        )}
        {editable && (
          <div className={styles.actions}>
            <Button icon={<Add20Regular />} onClick={() => setDraft({ ...draft, results: [...draft.results, { label: '' }] })}>{t('eventTypes.addResult')}</Button>
            <Button appearance="primary" type="submit" disabled={!dirty || busy}>{t('form.save')}</Button>
            {dirty && <Button onClick={() => setDraft({ label: type.label, results: type.results })} disabled={busy}>{t('form.cancel')}</Button>}
            <Button onClick={() => void send({ archived: !type.archived })} disabled={busy}>{type.archived ? t('eventTypes.restore') : t('eventTypes.archive')}</Button>
            <Button appearance="subtle" icon={<Delete20Regular />} onClick={() => void remove()} disabled={busy}>{t('form.delete')}</Button>
          </div>
        )}
      </form>
    </Panel>
  );
}

/**
 * #/admin/event-types — the kinds of events (call, meeting, …) and the
 * results each allows. Administrators change them; others can read them.
 * A type or result still used by events is archived, not removed.
 */
export function EventTypes() {
  const styles = useStyles();
  const user = useUser();
  const editable = can(user, 'fields', 'create');
  const [types, setTypes] = useState<EventType[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [addError, setAddError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    setError(null);
    api.get<{ items: EventType[] }>('/event-types').then((r) => setTypes(r.items), (err: Error) => setError(err.message));
  }, [tick]);

  async function add(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) {
      setAddError(t('form.required'));
      return;
    }
    try {
      await api.post('/event-types', { label: name.trim() });
      invalidateEventTypes();
      setName('');
      setAddError(null);
      setTick((n) => n + 1);
    } catch (err) {
      setAddError(errorText(err));
    }
  }

  return (
    <AdminPage current="/admin/event-types">
    <div className={styles.root}>
      <Title3 as="h2">{t('eventTypes.title')}</Title3>
      <p className={styles.hint}>{t('eventTypes.hint')}</p>
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
          <MessageBarActions><Button onClick={() => setTick((n) => n + 1)}>{t('app.retry')}</Button></MessageBarActions>
        </MessageBar>
      )}
      {!types && !error && <Spinner label={t('app.loading')} />}
      {types?.map((type) => (
        <TypeEditor
          key={`${type.id}-${type.version}`}
          type={type}
          editable={editable}
          onChanged={(next) => {
            if (!next || next.version < 0) setTick((n) => n + 1);
            else setTypes((all) => all?.map((x) => (x.id === next.id ? next : x)) ?? null);
          }}
        />
      ))}
      {editable && types && (
        <Panel>
          <form className={styles.head} onSubmit={add}>
            <Field className={styles.grow} label={t('eventTypes.newName')} validationState={addError ? 'error' : 'none'} validationMessage={addError ?? undefined}>
              <Input value={name} onChange={(_, d) => { setName(d.value); setAddError(null); }} />
            </Field>
            <Button type="submit" icon={<Add20Regular />}>{t('eventTypes.add')}</Button>
          </form>
        </Panel>
      )}
    </div>
    </AdminPage>
  );
}
