import { Button, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowDownload20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import { saveFile, templateContent, type TemplateDetail } from '../documents/api.js';
import { fileSize } from '../documents/size.js';
import { t } from '../i18n/strings.js';
import { formatDateTime } from '../records/format.js';
import { useNotify } from '../shell/toast.js';

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '4px' },
  item: { display: 'flex', alignItems: 'center', gap: '8px', padding: '8px 10px', backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium },
  text: { display: 'flex', flexDirection: 'column', minWidth: 0, flex: '1 1 auto' },
  name: { fontWeight: tokens.fontWeightSemibold },
  line: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
});

/** A template's versions, newest first; any of them can be downloaded to compare or to bring back as a new version. */
export function VersionList({ template }: { template: TemplateDetail }) {
  const styles = useStyles();
  const notify = useNotify();
  const [busy, setBusy] = useState<number | null>(null);
  const versions = [...template.versions].sort((a, b) => b.number - a.number);

  async function download(number: number) {
    setBusy(number);
    try {
      saveFile(await templateContent(template.id, number));
    } catch (err) {
      notify(t('templates.downloadFailed', { message: (err as Error).message }), 'error');
    } finally {
      setBusy(null);
    }
  }

  return (
    <ul className={styles.list} aria-label={t('templates.tab.versions')}>
      {versions.map((v) => (
        <li key={v.number} className={styles.item}>
          <span className={styles.text}>
            <span className={styles.name}>
              {t('templates.versionN', { number: v.number })}
              {v.number === template.currentVersion ? ` · ${t('templates.current')}` : ''}
            </span>
            <span className={styles.line}>{formatDateTime(v.createdAt)} · {fileSize(v.size)}</span>
            {v.comment && <span className={styles.line}>{v.comment}</span>}
          </span>
          <Button size="small" icon={busy === v.number ? <Spinner size="extra-tiny" /> : <ArrowDownload20Regular />} disabled={busy === v.number}
            onClick={() => void download(v.number)} aria-label={t('templates.downloadVersion', { number: v.number })} title={t('templates.downloadVersion', { number: v.number })} />
        </li>
      ))}
    </ul>
  );
}
