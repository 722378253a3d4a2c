import { Button, Link, MessageBar, MessageBarActions, MessageBarBody, Spinner, Title2, makeStyles, tokens } from '@fluentui/react-components';
import { ApiError } from '../api/client.js';
import { fileSize } from '../documents/size.js';
import { SheetMarks } from '../excel/SheetMarks.js';
import { useHost } from '../hosts/context.js';
import { t } from '../i18n/strings.js';
import { idFrom } from '../lines/today.js';
import { href, navigate, useLocation } from '../shell/router.js';
import { isActive } from './api.js';
import { ColumnsStep } from './ColumnsStep.js';
import { targetLabel } from './ImportStart.js';
import { PreviewStep } from './PreviewStep.js';
import { Progress } from './Progress.js';
import { ResultStep } from './ResultStep.js';
import { RunStep } from './RunStep.js';
import { Steps, type StepKey } from './Steps.js';
import { useJob } from './useJob.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '12px', minWidth: 0 },
  head: { display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', justifyContent: 'space-between', gap: '4px 12px' },
  file: { color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
});

/**
 * #/import/:id — one import, from its mapping to its result. Before it runs
 * the step is in the address (?step=columns|preview|run), so the browser's
 * back button and a reload keep the user's place; once it runs, the job's
 * status decides what is shown.
 */
export function ImportJobScreen({ params }: { params: Record<string, string> }) {
  const styles = useStyles();
  const host = useHost();
  const id = idFrom(params.id);
  const { query } = useLocation();
  const { job, error, set, reload } = useJob(id);

  if (id === null || (error instanceof ApiError && error.status === 404)) {
    return (
      <MessageBar intent="warning">
        <MessageBarBody>{t('imports.notFound')} <Link href={href('/import/jobs')}>{t('imports.jobs.title')}</Link></MessageBarBody>
      </MessageBar>
    );
  }
  if (error && !job) {
    return (
      <MessageBar intent="error">
        <MessageBarBody>{t('error.generic', { message: error.message })}</MessageBarBody>
        <MessageBarActions><Button onClick={reload}>{t('app.retry')}</Button></MessageBarActions>
      </MessageBar>
    );
  }
  if (!job) return <Spinner label={t('app.loading')} />;

  const go = (step: StepKey) => navigate(`/import/${id}`, { step });
  const asked = query.get('step') as StepKey | null;
  const unreadable = job.status === 'failed' && job.error !== null && job.progress.lastRow === 0 && job.counts.created + job.counts.updated + job.counts.failed === 0;
  const step: StepKey = job.status === 'ready' ? (asked === 'preview' || asked === 'run' ? asked : 'columns') : isActive(job.status) ? 'run' : 'result';

  let body;
  if (unreadable) {
    body = (
      <MessageBar intent="error">
        <MessageBarBody>{t('imports.unreadable', { message: job.error?.message ?? job.error?.code ?? '' })}</MessageBarBody>
        <MessageBarActions><Button onClick={() => navigate('/import', { target: job.target })}>{t('imports.chooseOther')}</Button></MessageBarActions>
      </MessageBar>
    );
  } else if (step === 'columns') body = <ColumnsStep job={job} onJob={set} onNext={() => go('preview')} />;
  else if (step === 'preview') body = <PreviewStep job={job} onBack={() => go('columns')} onNext={() => go('run')} />;
  else if (step === 'run' && job.status === 'ready') body = <RunStep job={job} onJob={set} onBack={() => go('preview')} />;
  else if (step === 'run') body = <Progress job={job} onJob={set} />;
  else body = <ResultStep job={job} onJob={set} sheetActions={host.kind === 'excel' && job.format === 'json' ? <SheetMarks host={host} job={job} /> : undefined} />;

  return (
    <div className={styles.root}>
      <div className={styles.head}>
        <Title2 as="h1">{t('imports.jobTitle', { target: targetLabel(job.target) })}</Title2>
        <Link href={href('/import/jobs')}>{t('imports.jobs.title')}</Link>
      </div>
      <span className={styles.file}>
        {job.fileName}{job.format !== 'json' ? ` · ${fileSize(job.size)}` : ''}
        {job.options.sheet && job.structure.sheets.length > 1 ? ` · ${job.options.sheet}` : ''}
      </span>
      <Steps current={unreadable ? 'file' : step} />
      {body}
    </div>
  );
}
