import { Button, MessageBar, MessageBarBody, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowDownload20Regular, Open20Regular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import { useHost } from '../hosts/context.js';
import { t } from '../i18n/strings.js';
import { formatDateTime } from '../records/format.js';
import { useResource } from '../records/useRecord.js';
import { useNotify } from '../shell/toast.js';
import { useWide } from '../shell/useWide.js';
import { downloadIssued, saveFile, type IssuedDocument } from './api.js';
import { blobToBase64 } from './bytes.js';
import { onDocumentIssued } from './events.js';
import { fileSize } from './size.js';

const useStyles = makeStyles({
  wrap: { overflowX: 'auto', backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium },
  cards: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '4px' },
  card: { display: 'flex', alignItems: 'center', gap: '8px', padding: '8px 10px', backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium },
  cardText: { display: 'flex', flexDirection: 'column', minWidth: 0, flex: '1 1 auto' },
  name: { fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  line: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3 },
  empty: { color: tokens.colorNeutralForeground3, margin: '8px 0' },
});

/**
 * The documents issued for a record, newest first, each downloadable with
 * the very bytes that were sent (inside Word, a .docx opens as a new
 * document instead). Reloads when the Print menu issues a new one.
 */
export function RecordDocuments({ recordType, recordId }: { recordType: string; recordId: number }) {
  const styles = useStyles();
  const wide = useWide(600);
  const host = useHost();
  const notify = useNotify();
  const { data, error, loading, reload } = useResource<{ items: IssuedDocument[] }>('/documents', { recordType, recordId });
  const [busy, setBusy] = useState<number | null>(null);

  useEffect(() => onDocumentIssued((type, id) => type === recordType && id === recordId && reload()), [recordType, recordId, reload]);

  async function open(doc: IssuedDocument) {
    setBusy(doc.id);
    try {
      const file = await downloadIssued(doc);
      if (host.kind === 'word' && doc.format === 'docx') await host.createDocument(await blobToBase64(file.blob));
      else saveFile(file);
    } catch (err) {
      notify(t('documents.list.downloadFailed', { message: err instanceof Error ? err.message : String(err) }), 'error');
    } finally {
      setBusy(null);
    }
  }

  if (error) {
    return (
      <MessageBar intent="error">
        <MessageBarBody>
          {t('documents.list.loadFailed', { message: error.message })} <Button size="small" onClick={reload}>{t('app.retry')}</Button>
        </MessageBarBody>
      </MessageBar>
    );
  }
  if (!data) return loading ? <Spinner size="small" label={t('app.loading')} /> : null;
  if (data.items.length === 0) return <p className={styles.empty}>{t('documents.list.empty')}</p>;

  const inWord = host.kind === 'word';
  const button = (doc: IssuedDocument) => {
    const label = inWord && doc.format === 'docx' ? t('documents.list.openLabel', { name: doc.fileName }) : t('documents.list.downloadLabel', { name: doc.fileName });
    return (
      <Button size="small" icon={busy === doc.id ? <Spinner size="extra-tiny" /> : inWord && doc.format === 'docx' ? <Open20Regular /> : <ArrowDownload20Regular />}
        disabled={busy === doc.id} onClick={() => void open(doc)} aria-label={label} title={label}>
        {wide ? (inWord && doc.format === 'docx' ? t('documents.list.open') : t('documents.list.download')) : undefined}
      </Button>
    );
  };
  const version = (doc: IssuedDocument) => t('documents.list.templateVersion', { name: doc.templateName, version: doc.templateVersion });

  if (!wide) {
    return (
      <ul className={styles.cards} aria-label={t('documents.list.title')}>
        {data.items.map((doc) => (
          <li key={doc.id} className={styles.card}>
            <span className={styles.cardText}>
              <span className={styles.name}>{doc.fileName}</span>
              <span className={styles.line}>{formatDateTime(doc.createdAt)} · {doc.format.toUpperCase()} · {fileSize(doc.size)}</span>
              <span className={styles.line}>{version(doc)}</span>
            </span>
            {button(doc)}
          </li>
        ))}
      </ul>
    );
  }
  return (
    <div className={styles.wrap}>
      <Table size="small" aria-label={t('documents.list.title')}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t('documents.list.file')}</TableHeaderCell>
            <TableHeaderCell>{t('documents.list.template')}</TableHeaderCell>
            <TableHeaderCell>{t('documents.list.issued')}</TableHeaderCell>
            <TableHeaderCell>{t('documents.list.size')}</TableHeaderCell>
            <TableHeaderCell aria-label={t('documents.list.actions')} />
          </TableRow>
        </TableHeader>
        <TableBody>
          {data.items.map((doc) => (
            <TableRow key={doc.id}>
              <TableCell>{doc.fileName}</TableCell>
              <TableCell>{version(doc)}</TableCell>
              <TableCell>{formatDateTime(doc.createdAt)}</TableCell>
              <TableCell>{doc.format.toUpperCase()} · {fileSize(doc.size)}</TableCell>
              <TableCell>{button(doc)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
