import { Button, Field, Input, MessageBar, MessageBarBody, Select, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowUpload20Regular, Delete16Regular, DocumentTable20Regular, DocumentText20Regular } from '@fluentui/react-icons';
import { useRef, useState } from 'react';
import type { TemplateInfo } from '../documents/api.js';
import { t } from '../i18n/strings.js';
import { useResource } from '../records/useRecord.js';
import { mailApi, type MailAttachment, type MailTemplate } from './api.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '8px', padding: '10px', backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium, minWidth: 0 },
  h2: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '4px' },
  item: { display: 'flex', alignItems: 'center', gap: '8px', flexWrap: 'wrap' },
  name: { overflowWrap: 'anywhere', flex: '1 1 160px' },
  kind: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3 },
  row: { display: 'flex', flexWrap: 'wrap', gap: '8px', alignItems: 'flex-end' },
  empty: { margin: 0, color: tokens.colorNeutralForeground3 },
});

const kindLabel = (a: MailAttachment) =>
  a.kind === 'file' ? t('mailTemplates.att.kind.file') : a.kind === 'price_list' ? t('mailTemplates.att.kind.priceList') : t('mailTemplates.att.kind.document', { format: (a.format ?? 'docx').toUpperCase() });

/** The attachments: uploaded files, the price list made from the catalog, or a Word form made for each recipient's client. */
export function AttachmentList({ template, mayEdit, onChanged }: { template: MailTemplate; mayEdit: boolean; onChanged: (t: MailTemplate) => void }) {
  const styles = useStyles();
  const fileInput = useRef<HTMLInputElement>(null);
  const forms = useResource<{ items: TemplateInfo[] }>(mayEdit ? '/templates' : null, { recordType: 'client' });
  const [formId, setFormId] = useState('');
  const [format, setFormat] = useState<'docx' | 'pdf'>('docx');
  const [priceName, setPriceName] = useState('price-list.xlsx');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (action: () => Promise<MailTemplate | void>) => {
    setBusy(true);
    setError(null);
    try {
      const changed = await action();
      onChanged(changed ?? (await mailApi.get(template.id)));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className={styles.root} aria-labelledby="mail-attachments">
      <h2 id="mail-attachments" className={styles.h2}>{t('mailTemplates.att.title')}</h2>
      {error && <MessageBar intent="error"><MessageBarBody>{error}</MessageBarBody></MessageBar>}
      {template.attachments.length === 0 ? (
        <p className={styles.empty}>{t('mailTemplates.att.none')}</p>
      ) : (
        <ul className={styles.list}>
          {template.attachments.map((a) => (
            <li key={a.id} className={styles.item}>
              <span className={styles.name}>{a.fileName}</span>
              <span className={styles.kind}>{kindLabel(a)}</span>
              {mayEdit && (
                <Button size="small" appearance="subtle" icon={<Delete16Regular />} disabled={busy} aria-label={t('mailTemplates.att.remove', { name: a.fileName })}
                  onClick={() => run(() => mailApi.removeAttachment(template.id, a.id))} />
              )}
            </li>
          ))}
        </ul>
      )}
      {mayEdit && (
        <>
          <div className={styles.row}>
            <input ref={fileInput} type="file" hidden onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void run(() => mailApi.upload(template.id, file));
            }} />
            <Button icon={<ArrowUpload20Regular />} disabled={busy} onClick={() => fileInput.current?.click()}>{t('mailTemplates.att.upload')}</Button>
          </div>
          <div className={styles.row}>
            <Field label={t('mailTemplates.att.priceName')}>
              <Input value={priceName} onChange={(_, d) => setPriceName(d.value)} maxLength={200} />
            </Field>
            <Button icon={<DocumentTable20Regular />} disabled={busy || !priceName.trim()} onClick={() => run(() => mailApi.addGenerated(template.id, { kind: 'price_list', fileName: priceName.trim() }))}>
              {t('mailTemplates.att.addPriceList')}
            </Button>
          </div>
          <div className={styles.row}>
            <Field label={t('mailTemplates.att.form')}>
              <Select value={formId} onChange={(_, d) => setFormId(d.value)}>
                <option value="">{t('mailTemplates.att.chooseForm')}</option>
                {(forms.data?.items ?? []).map((f) => <option key={f.id} value={String(f.id)}>{f.title}</option>)}
              </Select>
            </Field>
            <Field label={t('mailTemplates.att.format')}>
              <Select value={format} onChange={(_, d) => setFormat(d.value as 'docx' | 'pdf')}>
                <option value="docx">.docx</option>
                <option value="pdf">PDF</option>
              </Select>
            </Field>
            <Button icon={<DocumentText20Regular />} disabled={busy || !formId} onClick={() => run(() => mailApi.addGenerated(template.id, { kind: 'document', documentTemplateId: Number(formId), format }))}>
              {t('mailTemplates.att.addForm')}
            </Button>
          </div>
        </>
      )}
    </section>
  );
}
