import {
  Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, MessageBar, MessageBarActions, MessageBarBody,
  Radio, RadioGroup, Spinner, Textarea, makeStyles,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { api, ApiError } from '../api/client.js';
import { t } from '../i18n/strings.js';
import type { RecordData } from '../records/meta.js';
import { useEventTypes } from './useEventTypes.js';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: '12px' },
});

/**
 * "Done — write the result": marks a planned call or meeting done with one
 * of its type's results and notes. What was typed survives a failed save
 * and a version conflict (someone changed the event meanwhile).
 */
export function ResultDialog(props: { eventId: number; open: boolean; onClose: () => void; onSaved: (event: RecordData) => void }) {
  const styles = useStyles();
  const types = useEventTypes();
  const [event, setEvent] = useState<RecordData | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [result, setResult] = useState('');
  const [notes, setNotes] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [busy, setBusy] = useState(false);

  function load() {
    setLoadError(null);
    api.get<RecordData>(`/events/${props.eventId}`).then(
      (e) => {
        setEvent(e);
        setConflict(false);
        if (e.result) setResult((r) => r || String(e.result));
        if (e.resultNotes) setNotes((n) => n || String(e.resultNotes));
      },
      (err: Error) => setLoadError(err.message),
    );
  }

  useEffect(() => {
    if (props.open) load();
  }, [props.open, props.eventId]);

  const type = Array.isArray(types) && event ? types.find((x) => x.key === event.type) : undefined;
  const results = type?.results ?? [];

  async function save() {
    if (!event) return;
    if (results.length > 0 && !result) {
      setErrors({ result: t('events.result.pick') });
      return;
    }
    setBusy(true);
    setGeneral(null);
    setErrors({});
    try {
      const saved = await api.patch<RecordData>(`/events/${event.id}`, {
        version: event.version, status: 'done', result: result || null, resultNotes: notes.trim() ? notes : null,
      });
      props.onSaved(saved);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'version_conflict') setConflict(true);
      else if (err instanceof ApiError && err.details.some((d) => d.field)) {
        const fields = err.fieldErrors();
        setErrors(fields);
        const elsewhere = err.details.filter((d) => d.field !== 'result' && d.field !== 'resultNotes').map((d) => d.message);
        setGeneral(elsewhere.length ? elsewhere.join(' ') : null);
      } else setGeneral(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog open={props.open} onOpenChange={(_, d) => !d.open && props.onClose()}>
      <DialogSurface aria-describedby={undefined}>
        <DialogBody>
          <DialogTitle>{event ? t('events.result.titleOf', { subject: String(event.subject) }) : t('events.result.title')}</DialogTitle>
          <DialogContent className={styles.content}>
            {loadError && (
              <MessageBar intent="error">
                <MessageBarBody>{loadError}</MessageBarBody>
                <MessageBarActions><Button onClick={load}>{t('app.retry')}</Button></MessageBarActions>
              </MessageBar>
            )}
            {!event && !loadError && <Spinner size="small" label={t('app.loading')} />}
            {conflict && (
              <MessageBar intent="warning" role="alert">
                <MessageBarBody>{t('events.result.conflict')}</MessageBarBody>
                <MessageBarActions><Button onClick={load}>{t('form.conflictReload')}</Button></MessageBarActions>
              </MessageBar>
            )}
            {general && (
              <MessageBar intent="error" role="alert">
                <MessageBarBody>{general}</MessageBarBody>
              </MessageBar>
            )}
            {event && results.length > 0 && (
              <Field label={t('events.field.result')} required validationState={errors.result ? 'error' : 'none'} validationMessage={errors.result}>
                <RadioGroup value={result} onChange={(_, d) => { setResult(d.value); setErrors(({ result: _r, ...rest }) => rest); }}>
                  {results.map((r) => <Radio key={r.key} value={r.key} label={r.label} />)}
                </RadioGroup>
              </Field>
            )}
            {event && (
              <Field label={t('events.field.resultNotes')} validationState={errors.resultNotes ? 'error' : 'none'} validationMessage={errors.resultNotes}>
                <Textarea value={notes} onChange={(_, d) => setNotes(d.value)} resize="vertical" rows={4} />
              </Field>
            )}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" disabled={!event || busy} onClick={() => void save()} icon={busy ? <Spinner size="tiny" /> : undefined}>
              {t('events.result.save')}
            </Button>
            <Button onClick={props.onClose} disabled={busy}>{t('form.cancel')}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
