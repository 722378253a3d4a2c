import { Button, MessageBar, MessageBarBody, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowDownload20Regular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import { api } from '../api/client.js';
import { onDocumentIssued } from '../documents/events.js';
import { t } from '../i18n/strings.js';
import { formatDateTime } from '../records/format.js';
import { useResource } from '../records/useRecord.js';
import { useNotify } from '../shell/toast.js';
import { useWide } from '../shell/useWide.js';

/** An issued document as GET /documents lists it. */
interface IssuedDocument {
  id: number;
  templateName: string;
  templateVersion: number;
  format: 'docx' | 'pdf';
  fileName: string;
  size: number;
  createdAt: string;
}

const useStyles = makeStyles({
  wrap: { overflowX: 'auto', backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium },
  cards: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '4px' },
  card: { display: 'flex', alignItems: 'center', gap: '8px', padding: '8px 10px', backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium },
  cardText: { display: 'flex', flexDirection: 'column', minWidth: 0, flex: '1 1 auto' },
  name: { fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  line: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3 },
  empty: { color: tokens.colorNeutralForeground3 },
});

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * The documents issued for a record (contracts, invoices, letters printed
 * from templates), newest first, each downloadable exactly as it was sent.
 */
export function DocumentsList({ recordType, recordId }: { recordType: string; recordId: number }) {
  const styles = useStyles();
  const wide = useWide(600);
  const notify = useNotify();
  const { data, error, loading, reload } = useResource<{ items: IssuedDocument[] }>('/documents', { recordType, recordId });
  const [busy, setBusy] = useState<number | null>(null);
  // A letter printed from the card's Print menu appears here at once.
  useEffect(() => onDocumentIssued((type, id) => type === recordType && id === recordId && reload()), [recordType, recordId, reload]);

  // Through fetch rather than a plain link: a task pane authenticates with a bearer token a link would not carry.
  async function download(doc: IssuedDocument) {
    setBusy(doc.id);
    try {
      const res = await api.request<Response>('GET', `/documents/${doc.id}/content`, { raw: true });
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = doc.fileName;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      notify(err instanceof Error ? err.message : String(err), 'error');
    } finally {
      setBusy(null);
    }
  }

  if (error) {
    return (
      <MessageBar intent="error">
        <MessageBarBody>
          {t('error.generic', { message: error.message })} <Button size="small" onClick={reload}>{t('app.retry')}</Button>
        </MessageBarBody>
      </MessageBar>
    );
  }
  if (!data) return loading ? <Spinner label={t('app.loading')} /> : null;
  if (data.items.length === 0) return <p className={styles.empty}>{t('clients.documents.empty')}</p>;

  const button = (doc: IssuedDocument) => (
    <Button size="small" icon={busy === doc.id ? <Spinner size="extra-tiny" /> : <ArrowDownload20Regular />} disabled={busy === doc.id} onClick={() => void download(doc)} aria-label={t('clients.documents.download', { name: doc.fileName })}>
      {wide ? t('clients.documents.downloadShort') : undefined}
    </Button>
  );

  if (!wide) {
    return (
      <ul className={styles.cards} aria-label={t('clients.tab.documents')}>
        {data.items.map((doc) => (
          <li key={doc.id} className={styles.card}>
            <span className={styles.cardText}>
              <span className={styles.name}>{doc.fileName}</span>
              <span className={styles.line}>{doc.templateName} · {formatDateTime(doc.createdAt)} · {size(doc.size)}</span>
            </span>
            {button(doc)}
          </li>
        ))}
      </ul>
    );
  }
  return (
    <div className={styles.wrap}>
      <Table size="small" aria-label={t('clients.tab.documents')}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t('clients.documents.file')}</TableHeaderCell>
            <TableHeaderCell>{t('clients.documents.template')}</TableHeaderCell>
            <TableHeaderCell>{t('clients.documents.issued')}</TableHeaderCell>
            <TableHeaderCell>{t('clients.documents.size')}</TableHeaderCell>
            <TableHeaderCell />
          </TableRow>
        </TableHeader>
        <TableBody>
          {data.items.map((doc) => (
            <TableRow key={doc.id}>
              <TableCell>{doc.fileName}</TableCell>
              <TableCell>{t('clients.documents.templateVersion', { name: doc.templateName, version: doc.templateVersion })}</TableCell>
              <TableCell>{formatDateTime(doc.createdAt)}</TableCell>
              <TableCell>{size(doc.size)}</TableCell>
              <TableCell>{button(doc)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
