import {
  Button, Dialog, DialogBody, DialogContent, DialogSurface, DialogTitle, MessageBar, MessageBarBody, Spinner,
  Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, makeStyles, tokens,
} from '@fluentui/react-components';
import { Add20Regular, Delete20Regular, Edit20Regular } from '@fluentui/react-icons';
import { useState, type ReactNode } from 'react';
import { api, type ListPage } from '../api/client.js';
import { useCan } from '../auth/can.js';
import { ConfirmDialog } from '../admin/ConfirmDialog.js';
import { t } from '../i18n/strings.js';
import { formatValue } from '../records/format.js';
import { useFields, type FieldMeta, type RecordData } from '../records/meta.js';
import { recordLabel } from '../records/RecordPicker.js';
import { RecordForm } from '../records/RecordForm.js';
import { useResource } from '../records/useRecord.js';
import { useNotify } from '../shell/toast.js';
import { useWide } from '../shell/useWide.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '8px', minWidth: 0 },
  intro: { margin: 0, color: tokens.colorNeutralForeground2 },
  tableWrap: { overflowX: 'auto', backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium },
  numeric: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  rowActions: { display: 'flex', gap: '4px', justifyContent: 'flex-end' },
  cards: { display: 'flex', flexDirection: 'column', gap: '4px', margin: 0, padding: 0, listStyle: 'none' },
  card: { display: 'flex', flexDirection: 'column', gap: '2px', padding: '8px 10px', backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium },
  cardTitle: { fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  cardLine: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
  empty: { padding: '24px', textAlign: 'center', color: tokens.colorNeutralForeground3, backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium },
});

/**
 * A short list of reference records (price types, client categories) edited
 * in place: add and edit in a dialog with the metadata-driven form, delete
 * after a confirmation that shows the server's refusal if the record is in use.
 */
export function ReferenceTable(props: {
  entity: string;
  path: string;
  columns: string[];
  intro: ReactNode;
  newLabel: string;
  deleteConfirm: string;
  /** Extra columns computed from the record. */
  extra?: { key: string; label: string; render: (r: RecordData) => ReactNode }[];
}) {
  const styles = useStyles();
  const can = useCan();
  const notify = useNotify();
  const wide = useWide(600);
  const fields = useFields(props.entity);
  const list = useResource<ListPage<RecordData>>(props.path, { limit: 500 });
  const [editing, setEditing] = useState<RecordData | 'new' | null>(null);
  const [deleting, setDeleting] = useState<RecordData | null>(null);

  const byKey = new Map((fields ?? []).map((f) => [f.key, f]));
  const columns = props.columns.map((k) => byKey.get(k)).filter((f): f is FieldMeta => f !== undefined);
  const numeric = (f: FieldMeta) => f.type === 'number' || f.type === 'money';
  const items = list.data?.items ?? [];
  const canEdit = can('catalog', 'edit');
  const canDelete = can('catalog', 'delete');

  const actions = (r: RecordData) => (
    <span className={styles.rowActions}>
      {canEdit && <Button size="small" icon={<Edit20Regular />} aria-label={t('catalog.ref.edit', { name: recordLabel(r) })} onClick={() => setEditing(r)} />}
      {canDelete && <Button size="small" icon={<Delete20Regular />} aria-label={t('catalog.ref.delete', { name: recordLabel(r) })} onClick={() => setDeleting(r)} />}
    </span>
  );

  return (
    <div className={styles.root}>
      <p className={styles.intro}>{props.intro}</p>
      {can('catalog', 'create') && (
        <div>
          <Button appearance="primary" icon={<Add20Regular />} onClick={() => setEditing('new')}>{props.newLabel}</Button>
        </div>
      )}
      {list.error && (
        <MessageBar intent="error">
          <MessageBarBody>
            {t('error.generic', { message: list.error.message })} <Button size="small" onClick={list.reload}>{t('app.retry')}</Button>
          </MessageBarBody>
        </MessageBar>
      )}
      {(!fields || (!list.data && list.loading)) && <Spinner label={t('app.loading')} />}
      {fields && list.data && items.length === 0 && <div className={styles.empty}>{t('list.empty')}</div>}
      {fields && items.length > 0 && wide && (
        <div className={styles.tableWrap}>
          <Table size="small" aria-label={props.newLabel}>
            <TableHeader>
              <TableRow>
                {columns.map((f) => (
                  <TableHeaderCell key={f.key} className={numeric(f) ? styles.numeric : undefined}>{f.label}</TableHeaderCell>
                ))}
                {props.extra?.map((c) => <TableHeaderCell key={c.key}>{c.label}</TableHeaderCell>)}
                {(canEdit || canDelete) && <TableHeaderCell aria-label={t('catalog.ref.actions')} />}
              </TableRow>
            </TableHeader>
            <TableBody>
              {items.map((r) => (
                <TableRow key={r.id}>
                  {columns.map((f) => (
                    <TableCell key={f.key} className={numeric(f) ? styles.numeric : undefined}>{formatValue(f, r)}</TableCell>
                  ))}
                  {props.extra?.map((c) => <TableCell key={c.key}>{c.render(r)}</TableCell>)}
                  {(canEdit || canDelete) && <TableCell>{actions(r)}</TableCell>}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      {fields && items.length > 0 && !wide && (
        <ul className={styles.cards}>
          {items.map((r) => (
            <li key={r.id} className={styles.card}>
              <span className={styles.cardTitle}>{columns[0] ? formatValue(columns[0], r) : recordLabel(r)}</span>
              {columns.slice(1).map((f) => {
                const v = formatValue(f, r);
                return v ? <span key={f.key} className={styles.cardLine}>{f.label}: {v}</span> : null;
              })}
              {props.extra?.map((c) => <span key={c.key} className={styles.cardLine}>{c.label}: {c.render(r)}</span>)}
              {actions(r)}
            </li>
          ))}
        </ul>
      )}
      <Dialog open={editing !== null} onOpenChange={(_, d) => !d.open && setEditing(null)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{editing === 'new' ? props.newLabel : editing ? recordLabel(editing) : ''}</DialogTitle>
            <DialogContent>
              {editing !== null && (
                <RecordForm
                  entity={props.entity}
                  path={props.path}
                  record={editing === 'new' ? undefined : editing}
                  onCancel={() => setEditing(null)}
                  onSaved={() => {
                    setEditing(null);
                    list.reload();
                    notify(t('form.saved'));
                  }}
                />
              )}
            </DialogContent>
          </DialogBody>
        </DialogSurface>
      </Dialog>
      <ConfirmDialog
        open={deleting !== null}
        title={t('catalog.ref.deleteTitle', { name: deleting ? recordLabel(deleting) : '' })}
        confirmLabel={t('form.delete')}
        danger
        onClose={() => setDeleting(null)}
        onConfirm={async () => {
          await api.delete(`${props.path}/${deleting!.id}`);
          list.reload();
          notify(t('catalog.ref.deleted'));
        }}
      >
        {props.deleteConfirm}
      </ConfirmDialog>
    </div>
  );
}
