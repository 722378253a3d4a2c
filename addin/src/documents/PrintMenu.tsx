import {
  Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Menu, MenuDivider, MenuGroup, MenuGroupHeader, MenuItem, MenuList, MenuPopover, MenuTrigger, Spinner,
} from '@fluentui/react-components';
import { DocumentPdf20Regular, DocumentText20Regular, Open20Regular, Print20Regular } from '@fluentui/react-icons';
import { Fragment, useState } from 'react';
import { ApiError } from '../api/client.js';
import { useHost } from '../hosts/context.js';
import { t } from '../i18n/strings.js';
import { useResource } from '../records/useRecord.js';
import { useNotify } from '../shell/toast.js';
import { blobToBase64 } from './bytes.js';
import { issueDocument, saveFile, sortTemplates, type RecordType, type TemplateInfo } from './api.js';
import { documentIssued, markPdfUnavailable, pdfKnownUnavailable } from './events.js';

type Action = 'docx' | 'pdf' | 'word';

interface Failure {
  message: string;
  /** Set when PDF is impossible on this server: the dialog offers the .docx of the same template. */
  docxInstead?: TemplateInfo;
}

/**
 * "Print" on a record's card: the templates for its type (the default
 * first), each as a Word document or a PDF. The document is issued on the
 * server (and archived with the record) and downloaded — or, inside Word,
 * opened as a new document.
 */
export function PrintMenu({ recordType, recordId }: { recordType: RecordType; recordId: number }) {
  const host = useHost();
  const notify = useNotify();
  const templates = useResource<{ items: TemplateInfo[] }>('/templates', { recordType });
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [, setPdfHidden] = useState(pdfKnownUnavailable());
  const items = templates.data ? sortTemplates(templates.data.items) : [];

  async function run(template: TemplateInfo, action: Action) {
    setBusy(true);
    setFailure(null);
    try {
      const file = await issueDocument({ recordType, recordId, template: template.id, format: action === 'pdf' ? 'pdf' : 'docx' });
      if (action === 'word' && host.kind === 'word') {
        await host.createDocument(await blobToBase64(file.blob));
        notify(t('documents.print.opened', { name: file.fileName }));
      } else {
        saveFile(file);
        notify(t('documents.print.downloaded', { name: file.fileName }));
      }
      documentIssued(recordType, recordId);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'pdf_unavailable') {
        markPdfUnavailable();
        setPdfHidden(true);
        setFailure({ message: t('documents.print.pdfUnavailable'), docxInstead: template });
      } else {
        setFailure({ message: err instanceof Error ? err.message : String(err) });
      }
    } finally {
      setBusy(false);
    }
  }

  const pdf = !pdfKnownUnavailable();
  let content;
  if (templates.error) {
    content = <MenuItem onClick={templates.reload}>{t('documents.print.loadFailed', { message: templates.error.message })}</MenuItem>;
  } else if (!templates.data) {
    content = <MenuItem disabled>{t('app.loading')}</MenuItem>;
  } else if (items.length === 0) {
    content = <MenuItem disabled>{t('documents.print.none')}</MenuItem>;
  } else {
    content = items.map((tpl, i) => (
      <Fragment key={tpl.id}>
        {i > 0 && <MenuDivider />}
        <MenuGroup>
          <MenuGroupHeader>{tpl.isDefault ? t('documents.print.defaultTitle', { title: tpl.title }) : tpl.title}</MenuGroupHeader>
          {host.kind === 'word' && (
            <MenuItem icon={<Open20Regular />} onClick={() => void run(tpl, 'word')}>{t('documents.print.openInWord')}</MenuItem>
          )}
          <MenuItem icon={<DocumentText20Regular />} onClick={() => void run(tpl, 'docx')} aria-label={t('documents.print.docxLabel', { title: tpl.title })}>
            {t('documents.print.docx')}
          </MenuItem>
          {pdf && (
            <MenuItem icon={<DocumentPdf20Regular />} onClick={() => void run(tpl, 'pdf')} aria-label={t('documents.print.pdfLabel', { title: tpl.title })}>
              {t('documents.print.pdf')}
            </MenuItem>
          )}
        </MenuGroup>
      </Fragment>
    ));
  }

  return (
    <>
      <Menu>
        <MenuTrigger disableButtonEnhancement>
          <Button icon={busy ? <Spinner size="tiny" /> : <Print20Regular />} disabled={busy} aria-busy={busy}>
            {busy ? t('documents.print.busy') : t('documents.print.button')}
          </Button>
        </MenuTrigger>
        <MenuPopover>
          <MenuList>{content}</MenuList>
        </MenuPopover>
      </Menu>
      <Dialog open={failure !== null} onOpenChange={(_, d) => !d.open && setFailure(null)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{t('documents.print.failedTitle')}</DialogTitle>
            <DialogContent role="alert">{failure?.message}</DialogContent>
            <DialogActions>
              {failure?.docxInstead && (
                <Button appearance="primary" onClick={() => void run(failure.docxInstead!, host.kind === 'word' ? 'word' : 'docx')}>
                  {host.kind === 'word' ? t('documents.print.openInWordInstead') : t('documents.print.docxInstead')}
                </Button>
              )}
              <Button onClick={() => setFailure(null)}>{t('documents.close')}</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </>
  );
}
