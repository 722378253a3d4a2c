import { Button, Field, Link, MessageBar, MessageBarBody, ProgressBar, Radio, RadioGroup, Title2, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { ArrowUpload24Regular, History20Regular } from '@fluentui/react-icons';
import { useEffect, useRef, useState, type DragEvent } from 'react';
import { ApiError } from '../api/client.js';
import { useUser } from '../auth/session.js';
import { t, type StringKey } from '../i18n/strings.js';
import { href, navigate, useLocation } from '../shell/router.js';
import { imports, TARGETS, uploadFile, type Target } from './api.js';
import { fileSize } from '../documents/size.js';
import { mayImport } from './rights.js';
import { Steps } from './Steps.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '16px', maxWidth: '720px', minWidth: 0 },
  head: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: '8px' },
  drop: {
    display: 'flex', flexDirection: 'column', alignItems: 'center', gap: '8px', padding: '24px 12px', textAlign: 'center',
    border: `2px dashed ${tokens.colorNeutralStroke1}`, borderRadius: tokens.borderRadiusLarge, backgroundColor: tokens.colorNeutralBackground1,
  },
  over: { border: `2px dashed ${tokens.colorBrandStroke1}`, backgroundColor: tokens.colorBrandBackground2 },
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  hidden: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)' },
});

const TARGET_HINT: Record<Target, StringKey> = { clients: 'imports.target.clientsHint', contacts: 'imports.target.contactsHint', products: 'imports.target.productsHint' };
const TARGET_LABEL: Record<Target, StringKey> = { clients: 'imports.target.clients', contacts: 'imports.target.contacts', products: 'imports.target.products' };

export function targetLabel(target: Target): string {
  return t(TARGET_LABEL[target]);
}

/**
 * #/import — the first step: what to import and the file. The file goes up
 * as soon as it is chosen (or dropped); the server detects its structure
 * and suggests a mapping, and the wizard continues on the job's own page.
 */
export function ImportStart() {
  const styles = useStyles();
  const user = useUser();
  const { query } = useLocation();
  const allowed = TARGETS.filter((x) => mayImport(user, x));
  const asked = query.get('target') as Target | null;
  const [target, setTarget] = useState<Target | undefined>(asked && allowed.includes(asked) ? asked : allowed[0]);
  const [limit, setLimit] = useState<number | null>(null);
  const [over, setOver] = useState(false);
  const [progress, setProgress] = useState<{ name: string; sent: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const abort = useRef<AbortController | null>(null);

  useEffect(() => {
    if (!target) return;
    imports.fields(target).then((r) => setLimit(typeof r.uploadLimit === 'number' ? r.uploadLimit : null), () => setLimit(null));
  }, [target]);
  useEffect(() => () => abort.current?.abort(), []);

  if (!target) {
    return (
      <MessageBar intent="warning">
        <MessageBarBody>{t('imports.noRight')}</MessageBarBody>
      </MessageBar>
    );
  }

  async function send(file: File) {
    setError(null);
    if (limit !== null && file.size > limit) {
      setError(t('imports.upload.tooLarge', { name: file.name, size: fileSize(file.size), limit: fileSize(limit) }));
      return;
    }
    if (file.size === 0) {
      setError(t('imports.upload.empty', { name: file.name }));
      return;
    }
    abort.current = new AbortController();
    setProgress({ name: file.name, sent: 0, total: file.size });
    try {
      const job = await uploadFile(target!, file, (sent, total) => setProgress({ name: file.name, sent, total }), abort.current.signal);
      navigate(`/import/${job.id}`);
    } catch (err) {
      if ((err as Error).name === 'AbortError') setError(t('imports.upload.cancelled'));
      else setError(err instanceof ApiError && err.status === 413 ? t('imports.upload.refusedSize', { message: err.message }) : t('error.generic', { message: (err as Error).message }));
      setProgress(null);
    }
  }

  function onDrop(e: DragEvent) {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (file && !progress) void send(file);
  }

  return (
    <div className={styles.root}>
      <div className={styles.head}>
        <Title2 as="h1">{t('imports.title')}</Title2>
        <Link href={href('/import/jobs')}><History20Regular style={{ verticalAlign: 'middle' }} /> {t('imports.jobs.title')}</Link>
      </div>
      <Steps current="file" />
      <Field label={t('imports.target.label')}>
        <RadioGroup value={target} onChange={(_, d) => setTarget(d.value as Target)} disabled={!!progress}>
          {allowed.map((x) => (
            <Radio key={x} value={x} label={<>{t(TARGET_LABEL[x])} <span className={styles.hint}>— {t(TARGET_HINT[x])}</span></>} />
          ))}
        </RadioGroup>
      </Field>
      <div
        className={mergeClasses(styles.drop, over && styles.over)}
        onDragOver={(e) => { e.preventDefault(); setOver(true); }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <ArrowUpload24Regular aria-hidden />
        <span>{t('imports.upload.drop')}</span>
        <input
          ref={input}
          id="import-file"
          className={styles.hidden}
          type="file"
          accept=".xlsx,.csv,.txt,.vcf,text/csv,text/vcard,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-label={t('imports.upload.choose')}
          disabled={!!progress}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void send(file);
          }}
        />
        <Button appearance="primary" disabled={!!progress} onClick={() => input.current?.click()}>{t('imports.upload.choose')}</Button>
        <span className={styles.hint}>
          {t('imports.upload.formats')}
          {limit !== null && <> {t('imports.upload.limit', { limit: fileSize(limit) })}</>}
        </span>
      </div>
      {progress && (
        <Field label={t('imports.upload.sending', { name: progress.name })} validationState="none" validationMessage={`${fileSize(progress.sent)} / ${fileSize(progress.total)}`}>
          <ProgressBar value={progress.total ? progress.sent / progress.total : undefined} aria-label={t('imports.upload.sending', { name: progress.name })} />
        </Field>
      )}
      {progress && <div><Button onClick={() => abort.current?.abort()}>{t('imports.upload.cancel')}</Button></div>}
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
