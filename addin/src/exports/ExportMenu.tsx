import {
  Button, Checkbox, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, Menu, MenuItem, MenuList, MenuPopover, MenuTrigger, Radio, RadioGroup, Spinner, ToolbarButton, makeStyles,
} from '@fluentui/react-components';
import { ArrowExportUp20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import { useUser } from '../auth/session.js';
import { can } from '../auth/can.js';
import { t } from '../i18n/strings.js';
import type { FieldMeta } from '../records/meta.js';
import { useNotify } from '../shell/toast.js';
import { useWide } from '../shell/useWide.js';
import { downloadFile } from './download.js';

const useStyles = makeStyles({ csvOptions: { display: 'flex', flexDirection: 'column', gap: '12px' } });

/** Lists the export API serves, by list path, with the resource whose `export` right it needs. */
export const EXPORTABLE: Record<string, string> = {
  '/clients': 'clients', '/contacts': 'contacts', '/products': 'catalog', '/contracts': 'contracts', '/invoices': 'invoices', '/payments': 'payments',
};

export type Delimiter = ',' | ';' | 'tab';

/** The export request for a list as shown: its query (filters, sort, search) and its visible columns. */
export function exportQuery(query: Record<string, unknown>, columns: FieldMeta[], format: 'xlsx' | 'csv' | 'html', csv?: { bom: boolean; delimiter: Delimiter }): Record<string, unknown> {
  const q: Record<string, unknown> = { ...query, format };
  if (columns.length) q.columns = columns.map((c) => c.key).join(',');
  if (format === 'csv' && csv) {
    if (csv.bom) q.bom = '1';
    q.delimiter = csv.delimiter;
  }
  return q;
}

/**
 * "Export" on a list's toolbar: the list as filtered, sorted and with the
 * columns shown, as an Excel workbook, CSV or a web page. The file is
 * fetched with the session's credentials (a task pane's bearer token
 * included) and saved as a download.
 */
export function ExportMenu({ path, query, columns }: { path: string; query: Record<string, unknown>; columns: FieldMeta[] }) {
  const styles = useStyles();
  const user = useUser();
  const notify = useNotify();
  const wide = useWide(600);
  const [busy, setBusy] = useState(false);
  const [csvOpen, setCsvOpen] = useState(false);
  const [bom, setBom] = useState(true);
  const [delimiter, setDelimiter] = useState<Delimiter>(',');
  const resource = EXPORTABLE[path];
  if (!resource || !can(user, resource, 'export')) return null;

  async function run(format: 'xlsx' | 'csv' | 'html') {
    setBusy(true);
    try {
      const name = await downloadFile(`/exports${path}`, exportQuery(query, columns, format, { bom, delimiter }), `${path.slice(1)}.${format}`);
      notify(t('exports.saved', { name }));
    } catch (err) {
      notify(t('error.generic', { message: (err as Error).message }), 'error');
    } finally {
      setBusy(false);
    }
  }

  /** Contacts for an address book (Outlook's CSV, vCard): the list's filters apply, the columns are the format's. */
  async function addressBook(format: 'outlook-csv' | 'vcard', vcardVersion?: '3.0') {
    setBusy(true);
    try {
      const name = await downloadFile(`/exports${path}`, { ...query, format, ...(vcardVersion ? { vcardVersion } : {}) }, format === 'vcard' ? 'contacts.vcf' : 'contacts.csv');
      notify(t('exports.saved', { name }));
    } catch (err) {
      notify(t('error.generic', { message: (err as Error).message }), 'error');
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Menu>
        <MenuTrigger disableButtonEnhancement>
          <ToolbarButton icon={busy ? <Spinner size="tiny" /> : <ArrowExportUp20Regular />} aria-label={t('exports.button')} disabled={busy}>{wide ? t('exports.button') : undefined}</ToolbarButton>
        </MenuTrigger>
        <MenuPopover>
          <MenuList>
            <MenuItem onClick={() => void run('xlsx')}>{t('exports.xlsx')}</MenuItem>
            <MenuItem onClick={() => setCsvOpen(true)}>{t('exports.csv')}</MenuItem>
            <MenuItem onClick={() => void run('html')}>{t('exports.html')}</MenuItem>
            {path === '/contacts' && (
              <>
                <MenuItem onClick={() => void addressBook('outlook-csv')}>{t('exports.outlookCsv')}</MenuItem>
                <MenuItem onClick={() => void addressBook('vcard')}>{t('exports.vcard')}</MenuItem>
                <MenuItem onClick={() => void addressBook('vcard', '3.0')}>{t('exports.vcard3')}</MenuItem>
              </>
            )}
          </MenuList>
        </MenuPopover>
      </Menu>
      <Dialog open={csvOpen} onOpenChange={(_, d) => setCsvOpen(d.open)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{t('exports.csvTitle')}</DialogTitle>
            <DialogContent className={styles.csvOptions}>
              <Field label={t('exports.delimiter')}>
                <RadioGroup value={delimiter} onChange={(_, d) => setDelimiter(d.value as Delimiter)}>
                  <Radio value="," label={t('exports.comma')} />
                  <Radio value=";" label={t('exports.semicolon')} />
                  <Radio value="tab" label={t('exports.tab')} />
                </RadioGroup>
              </Field>
              <Checkbox checked={bom} onChange={(_, d) => setBom(d.checked === true)} label={t('exports.bom')} />
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" onClick={() => { setCsvOpen(false); void run('csv'); }}>{t('exports.download')}</Button>
              <Button onClick={() => setCsvOpen(false)}>{t('form.cancel')}</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </>
  );
}
