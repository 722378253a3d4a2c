import { Button, Field, MessageBar, MessageBarBody, MessageBarTitle, ProgressBar, Radio, RadioGroup, Title2, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowSync20Regular, TableArrowUp20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import { useUser } from '../auth/session.js';
import { useHost } from '../hosts/context.js';
import type { ExcelHost } from '../hosts/host.js';
import { t } from '../i18n/strings.js';
import { TARGETS, type Target } from '../imports/api.js';
import { targetLabel } from '../imports/ImportStart.js';
import { mayImport } from '../imports/rights.js';
import { ENTITY_PATHS, loadFields } from '../records/meta.js';
import { href, navigate } from '../shell/router.js';
import { EmptySheetError, importFromSheet } from './sheetImport.js';
import { parsePulled, pushChanges, type PushOutcome } from './push.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '16px', maxWidth: '720px', minWidth: 0 },
  section: { display: 'flex', flexDirection: 'column', gap: '8px', padding: '12px', backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium },
  h2: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  bar: { display: 'flex', flexWrap: 'wrap', gap: '8px' },
  list: { margin: 0, paddingLeft: '18px', overflowWrap: 'anywhere', fontSize: tokens.fontSizeBase200 },
});

/** The list path → entity, for reading the fields of a pulled list. */
const ENTITY_OF_PATH = new Map(Object.entries(ENTITY_PATHS).map(([entity, path]) => [`/${path}`, entity]));

/**
 * #/excel — what Kontora does with the open workbook: import the sheet (or
 * the selection) through the same steps as a file, and push edits of a
 * pulled list back to Kontora. Lists are pulled from their own screens
 * ("To sheet").
 */
export function ExcelPane() {
  const host = useHost();
  if (host.kind !== 'excel') {
    return (
      <MessageBar intent="info">
        <MessageBarBody>{t('excel.onlyInExcel')} <a href={href('/import')}>{t('excel.useWizard')}</a></MessageBarBody>
      </MessageBar>
    );
  }
  return <Pane host={host} />;
}

function Pane({ host }: { host: ExcelHost }) {
  const styles = useStyles();
  const user = useUser();
  const allowed = TARGETS.filter((x) => mayImport(user, x));
  const [target, setTarget] = useState<Target | undefined>(allowed[0]);
  const [reading, setReading] = useState<{ sent: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pushing, setPushing] = useState<{ done: number; total: number } | null>(null);
  const [pushed, setPushed] = useState<(PushOutcome & { unknown: number }) | null>(null);
  const [pushError, setPushError] = useState<string | null>(null);

  async function start(source: 'used' | 'selection') {
    if (!target) return;
    setError(null);
    setReading({ sent: 0, total: 0 });
    try {
      const { job } = await importFromSheet(host, source, target, (sent, total) => setReading({ sent, total }));
      navigate(`/import/${job.id}`);
    } catch (err) {
      setError(err instanceof EmptySheetError ? t('excel.import.empty') : t('error.generic', { message: (err as Error).message }));
    } finally {
      setReading(null);
    }
  }

  async function push() {
    setPushError(null);
    setPushed(null);
    setPushing({ done: 0, total: 0 });
    try {
      const area = await host.sheetArea('used');
      const cells = await host.readRows(area, 0, area.rowCount);
      const sheet = parsePulled(cells, area.firstRow);
      if (!sheet) {
        setPushError(t('excel.push.notPulled'));
        return;
      }
      const entity = ENTITY_OF_PATH.get(sheet.path);
      if (!entity) {
        setPushError(t('excel.push.notPulled'));
        return;
      }
      const fields = await loadFields(entity);
      const outcome = await pushChanges(host, area, sheet, fields, (done, total) => setPushing({ done, total }));
      setPushed({ ...outcome, unknown: sheet.unknown });
    } catch (err) {
      setPushError(t('error.generic', { message: (err as Error).message }));
    } finally {
      setPushing(null);
    }
  }

  return (
    <div className={styles.root}>
      <Title2 as="h1">{t('excel.title')}</Title2>
      {target && (
        <section className={styles.section} aria-labelledby="excel-import">
          <h2 id="excel-import" className={styles.h2}>{t('excel.import.title')}</h2>
          <span className={styles.hint}>{t('excel.import.hint')}</span>
          <Field label={t('imports.target.label')}>
            <RadioGroup value={target} onChange={(_, d) => setTarget(d.value as Target)} disabled={!!reading}>
              {allowed.map((x) => <Radio key={x} value={x} label={targetLabel(x)} />)}
            </RadioGroup>
          </Field>
          <div className={styles.bar}>
            <Button appearance="primary" disabled={!!reading} onClick={() => void start('used')}>{t('excel.import.sheet')}</Button>
            <Button disabled={!!reading} onClick={() => void start('selection')}>{t('excel.import.selection')}</Button>
          </div>
          {reading && (
            <Field label={t('excel.import.reading')} validationState="none" validationMessage={reading.total ? t('excel.import.rows', { sent: reading.sent, total: reading.total }) : undefined}>
              <ProgressBar value={reading.total ? reading.sent / reading.total : undefined} aria-label={t('excel.import.reading')} />
            </Field>
          )}
          {error && <MessageBar intent="error"><MessageBarBody>{error}</MessageBarBody></MessageBar>}
        </section>
      )}
      <section className={styles.section} aria-labelledby="excel-push">
        <h2 id="excel-push" className={styles.h2}>{t('excel.push.title')}</h2>
        <span className={styles.hint}>{t('excel.push.hint')}</span>
        <div className={styles.bar}>
          <Button appearance="primary" icon={<ArrowSync20Regular />} disabled={!!pushing} onClick={() => void push()}>{t('excel.push.button')}</Button>
        </div>
        {pushing && (
          <Field label={t('excel.push.running')} validationState="none" validationMessage={pushing.total ? `${pushing.done} / ${pushing.total}` : undefined}>
            <ProgressBar value={pushing.total ? pushing.done / pushing.total : undefined} aria-label={t('excel.push.running')} />
          </Field>
        )}
        {pushError && <MessageBar intent="error"><MessageBarBody>{pushError}</MessageBarBody></MessageBar>}
        {pushed && (
          <MessageBar intent={pushed.conflicts.length || pushed.failed.length ? 'warning' : 'success'}>
            <MessageBarBody>
              <MessageBarTitle>{pushed.saved + pushed.conflicts.length + pushed.failed.length === 0 ? t('excel.push.nothing') : t('excel.push.saved', { count: pushed.saved })}</MessageBarTitle>
              {pushed.unknown > 0 && <div>{t('excel.push.unknownRows', { count: pushed.unknown })}</div>}
              {pushed.conflicts.length > 0 && (
                <>
                  <div>{t('excel.push.conflicts', { count: pushed.conflicts.length })}</div>
                  <ul className={styles.list} aria-label={t('excel.push.conflictList')}>
                    {pushed.conflicts.map((c) => <li key={c.row}>{t('excel.push.rowN', { n: c.row })}: {c.note}</li>)}
                  </ul>
                </>
              )}
              {pushed.failed.length > 0 && (
                <>
                  <div>{t('excel.push.failed', { count: pushed.failed.length })}</div>
                  <ul className={styles.list} aria-label={t('excel.push.failedList')}>
                    {pushed.failed.map((c) => <li key={c.row}>{t('excel.push.rowN', { n: c.row })}: {c.note}</li>)}
                  </ul>
                </>
              )}
            </MessageBarBody>
          </MessageBar>
        )}
      </section>
      <section className={styles.section} aria-labelledby="excel-pull">
        <h2 id="excel-pull" className={styles.h2}>{t('excel.pullTitle')}</h2>
        <span className={styles.hint}><TableArrowUp20Regular style={{ verticalAlign: 'middle' }} /> {t('excel.pullHint')}</span>
        <div className={styles.bar}>
          <a href={href('/clients')}>{t('nav.clients')}</a>
          <a href={href('/contacts')}>{t('nav.contacts')}</a>
          <a href={href('/invoices')}>{t('nav.invoices')}</a>
          <a href={href('/catalog')}>{t('nav.catalog')}</a>
        </div>
      </section>
    </div>
  );
}
