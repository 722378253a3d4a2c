import {
  Button, Caption1, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, Input, Link, MessageBar, MessageBarBody, Radio, RadioGroup, Spinner, makeStyles,
} from '@fluentui/react-components';
import { useState } from 'react';
import { api, ApiError } from '../api/client.js';
import { t } from '../i18n/strings.js';
import type { RecordData } from '../records/meta.js';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: '12px' },
  dates: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(140px, 1fr))', gap: '8px' },
});

/**
 * Renewing makes the next term as a new contract (POST /contracts/:id/renew):
 * the user picks whether the lines keep their prices, and may change the
 * dates and number the server would choose.
 */
export function RenewDialog({ contract, open, onClose, onRenewed }: { contract: RecordData; open: boolean; onClose: () => void; onRenewed: (renewal: RecordData) => void }) {
  const styles = useStyles();
  const [prices, setPrices] = useState<'keep' | 'current'>('keep');
  const [startDate, setStartDate] = useState('');
  const [endDate, setEndDate] = useState('');
  const [number, setNumber] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | Error | null>(null);

  const datesError = startDate && endDate && endDate < startDate ? t('contracts.renewEndBeforeStart') : null;
  const fieldErrors = error instanceof ApiError ? error.fieldErrors() : {};
  const renewalId = error instanceof ApiError ? (error.details.find((d) => 'renewalId' in d) as { renewalId?: number } | undefined)?.renewalId : undefined;

  async function submit() {
    if (datesError) return;
    setBusy(true);
    setError(null);
    try {
      const body: Record<string, unknown> = { prices };
      if (startDate) body.startDate = startDate;
      if (endDate) body.endDate = endDate;
      if (number.trim()) body.number = number.trim();
      onRenewed(await api.post<RecordData>(`/contracts/${contract.id}/renew`, body));
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  }

  const general = error && !Object.keys(fieldErrors).length ? error.message : null;
  return (
    <Dialog open={open} onOpenChange={(_, d) => !d.open && !busy && onClose()}>
      <DialogSurface>
        <form onSubmit={(e) => { e.preventDefault(); void submit(); }} noValidate>
          <DialogBody>
            <DialogTitle>{t('contracts.renewTitle', { number: String(contract.number ?? `#${contract.id}`) })}</DialogTitle>
            <DialogContent className={styles.content}>
              <span>{t('contracts.renewIntro')}</span>
              {general && (
                <MessageBar intent="error" role="alert">
                  <MessageBarBody>
                    {general}{' '}
                    {renewalId && <Link href={`#/contracts/${renewalId}`} onClick={onClose}>{t('contracts.renewOpen')}</Link>}
                  </MessageBarBody>
                </MessageBar>
              )}
              <Field label={t('contracts.renewPrices')}>
                <RadioGroup value={prices} onChange={(_, d) => setPrices(d.value as 'keep' | 'current')}>
                  <Radio value="keep" label={t('contracts.renewKeep')} />
                  <Radio value="current" label={t('contracts.renewCurrent')} />
                </RadioGroup>
              </Field>
              <div className={styles.dates}>
                <Field label={t('contracts.renewStart')} validationMessage={fieldErrors.startDate} validationState={fieldErrors.startDate ? 'error' : 'none'}>
                  <Input type="date" value={startDate} onChange={(_, d) => setStartDate(d.value)} />
                </Field>
                <Field label={t('contracts.renewEnd')} validationMessage={datesError ?? fieldErrors.endDate} validationState={datesError || fieldErrors.endDate ? 'error' : 'none'}>
                  <Input type="date" value={endDate} onChange={(_, d) => setEndDate(d.value)} />
                </Field>
              </div>
              <Caption1>{t('contracts.renewDatesHint')}</Caption1>
              <Field label={t('contracts.renewNumber')} hint={t('contracts.renewNumberHint')} validationMessage={fieldErrors.number} validationState={fieldErrors.number ? 'error' : 'none'}>
                <Input value={number} maxLength={60} onChange={(_, d) => setNumber(d.value)} />
              </Field>
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" type="submit" disabled={busy || !!datesError} icon={busy ? <Spinner size="tiny" /> : undefined}>
                {busy ? t('contracts.renewBusy') : t('contracts.renewSubmit')}
              </Button>
              <Button onClick={onClose} disabled={busy}>{t('form.cancel')}</Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
