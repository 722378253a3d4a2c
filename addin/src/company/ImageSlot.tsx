import { Button, Caption1, MessageBar, MessageBarBody, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowUpload20Regular, Delete20Regular } from '@fluentui/react-icons';
import { useEffect, useId, useRef, useState } from 'react';
import { api } from '../api/client.js';
import { ConfirmDialog } from '../admin/ConfirmDialog.js';
import { t } from '../i18n/strings.js';
import { IMAGE_TYPES, imageProblem, kilobytes, type FileInfo } from './images.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '6px', minWidth: 0 },
  title: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  frame: {
    height: '120px', display: 'flex', alignItems: 'center', justifyContent: 'center', borderRadius: tokens.borderRadiusMedium,
    border: `1px dashed ${tokens.colorNeutralStroke1}`, backgroundColor: tokens.colorNeutralBackground3, overflow: 'hidden',
  },
  image: { maxWidth: '100%', maxHeight: '100%', objectFit: 'contain' },
  empty: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, padding: '8px', textAlign: 'center' },
  actions: { display: 'flex', gap: '4px', flexWrap: 'wrap' },
  file: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' },
  meta: { color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
});

/**
 * One image of a record (a logo, a stamp, a signature): shows it, uploads a
 * replacement with a preview while it is sent, and removes it. Images are
 * fetched through the API client, so they show in task panes that sign in
 * with a token as well as in a browser with a cookie.
 */
export function ImageSlot(props: {
  /** API path of the image, e.g. /companies/1/images/logo. */
  path: string;
  title: string;
  hint?: string;
  info: FileInfo | null;
  canEdit: boolean;
  onChange: (info: FileInfo | null) => void;
}) {
  const styles = useStyles();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [src, setSrc] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState(false);
  const sha = props.info?.sha256 ?? null;

  useEffect(() => {
    if (!sha) {
      setSrc(null);
      return;
    }
    let url: string | null = null;
    let live = true;
    setLoading(true);
    api
      .request<Response>('GET', props.path, { raw: true })
      .then((res) => res.blob())
      .then((blob) => {
        if (!live) return;
        url = URL.createObjectURL(blob);
        setSrc(url);
      })
      .catch((err: Error) => live && setError(t('company.image.loadFailed', { message: err.message })))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [props.path, sha]);

  async function upload(file: File) {
    const problem = imageProblem(file);
    if (problem) {
      setError(problem);
      return;
    }
    setError(null);
    setBusy(true);
    const previous = src;
    const preview = URL.createObjectURL(file);
    setSrc(preview);
    try {
      const info = await api.request<FileInfo>('PUT', props.path, { body: new Blob([file], { type: file.type }), query: { name: file.name } });
      props.onChange(info);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      // The stored image (or none) shows again after a refused upload.
      setSrc(previous);
    } finally {
      URL.revokeObjectURL(preview);
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  }

  return (
    <section className={styles.root} aria-label={props.title}>
      <h3 className={styles.title}>{props.title}</h3>
      <div className={styles.frame}>
        {src ? <img className={styles.image} src={src} alt={props.title} /> : loading ? <Spinner size="small" /> : <span className={styles.empty}>{props.hint ?? t('company.image.none')}</span>}
      </div>
      {props.info && <Caption1 className={styles.meta}>{props.info.name} · {kilobytes(props.info.size)}</Caption1>}
      {error && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {props.canEdit && (
        <div className={styles.actions}>
          <input
            ref={input}
            id={inputId}
            className={styles.file}
            type="file"
            accept={IMAGE_TYPES.join(',')}
            aria-label={t('company.image.choose', { what: props.title })}
            tabIndex={-1}
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void upload(file);
            }}
          />
          <Button size="small" icon={busy ? <Spinner size="tiny" /> : <ArrowUpload20Regular />} disabled={busy} onClick={() => input.current?.click()}>
            {busy ? t('company.image.uploading') : props.info ? t('company.image.replace') : t('company.image.upload')}
          </Button>
          {props.info && (
            <Button size="small" icon={<Delete20Regular />} disabled={busy} onClick={() => setConfirm(true)} aria-label={t('company.image.removeWhat', { what: props.title })}>
              {t('form.remove')}
            </Button>
          )}
        </div>
      )}
      <ConfirmDialog
        open={confirm}
        title={t('company.image.removeWhat', { what: props.title })}
        confirmLabel={t('form.remove')}
        danger
        onClose={() => setConfirm(false)}
        onConfirm={async () => {
          await api.delete(props.path);
          props.onChange(null);
        }}
      >
        {t('company.image.removeConfirm')}
      </ConfirmDialog>
    </section>
  );
}
