import { Badge, Button, MessageBar, MessageBarBody, Spinner, Tab, TabList, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import {
  Add20Regular, Archive20Regular, ArchiveArrowBack20Regular, ArrowDown20Regular, ArrowUp20Regular, Delete20Regular, Edit20Regular, Eye20Regular, EyeOff20Regular,
} from '@fluentui/react-icons';
import { useEffect, useRef, useState } from 'react';
import { api, ApiError } from '../api/client.js';
import { t } from '../i18n/strings.js';
import { invalidateFields, type FieldMeta } from '../records/meta.js';
import { navigate, useLocation } from '../shell/router.js';
import { useNotify } from '../shell/toast.js';
import { AdminPage } from './AdminPage.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { FieldDialog } from './FieldDialog.js';
import { CUSTOMIZABLE, entityName, typeName } from './fieldTypes.js';

/** Bookkeeping columns every record has; nothing to arrange or rename. */
const SYSTEM = new Set(['id', 'version']);

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '8px', minWidth: 0 },
  intro: { margin: 0, color: tokens.colorNeutralForeground2 },
  bar: { display: 'flex', gap: '8px', flexWrap: 'wrap', alignItems: 'center' },
  tabs: { overflowX: 'auto', maxWidth: '100%' },
  list: { display: 'flex', flexDirection: 'column', gap: '2px', margin: 0, padding: 0, listStyle: 'none' },
  row: {
    display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '4px 8px', padding: '6px 8px',
    backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium,
  },
  muted: { opacity: 0.75 },
  info: { flex: '1 1 200px', minWidth: 0, display: 'flex', flexDirection: 'column' },
  label: { fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  meta: { display: 'flex', flexWrap: 'wrap', gap: '4px', alignItems: 'center', fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3 },
  key: { fontFamily: tokens.fontFamilyMonospace },
  actions: { display: 'flex', flexWrap: 'wrap', gap: '2px' },
  heading: { margin: '8px 0 0', fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
});

/**
 * #/admin/fields?entity=client — the fields of an entity in their order:
 * add custom fields, rename, move up and down, hide, archive, restore and
 * delete. Every change is applied to open forms and lists at once.
 */
export function FieldsAdmin() {
  const styles = useStyles();
  const notify = useNotify();
  const { query } = useLocation();
  const [entities, setEntities] = useState<string[]>(CUSTOMIZABLE.filter((e) => e !== 'event'));
  const wanted = query.get('entity') ?? 'client';
  const entity = entities.includes(wanted) ? wanted : 'client';
  const [fields, setFields] = useState<FieldMeta[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const [editing, setEditing] = useState<FieldMeta | 'new' | null>(null);
  const [deleting, setDeleting] = useState<FieldMeta | null>(null);
  const [tick, setTick] = useState(0);
  const focusAfter = useRef<string | null>(null);

  // Events take custom fields once the server has them; ask rather than assume.
  useEffect(() => {
    api.get<{ items: FieldMeta[] }>('/fields').then((r) => r.items.some((f) => f.entity === 'event') && setEntities([...CUSTOMIZABLE]), () => undefined);
  }, []);

  useEffect(() => {
    let live = true;
    api
      .get<{ items: FieldMeta[] }>('/fields', { entity, includeArchived: true, limit: 500 })
      .then((r) => {
        if (!live) return;
        setFields(r.items.filter((f) => !SYSTEM.has(f.key)).sort((a, b) => a.position - b.position));
        setError(null);
      })
      .catch((err: Error) => live && setError(err.message));
    return () => {
      live = false;
    };
  }, [entity, tick]);

  // Keeps the keyboard where it was after a move re-renders the list.
  useEffect(() => {
    if (!focusAfter.current) return;
    const el = document.getElementById(focusAfter.current) as HTMLButtonElement | null;
    if (el && !el.disabled) el.focus();
    focusAfter.current = null;
  }, [fields]);

  function changed(message: string) {
    invalidateFields(entity);
    setTick((n) => n + 1);
    notify(message);
  }

  async function run(field: FieldMeta, action: () => Promise<unknown>, message: string) {
    setBusy(field.id);
    try {
      await action();
      changed(message);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'version_conflict') {
        notify(t('admin.field.changedMeanwhile'), 'warning');
        setTick((n) => n + 1);
      } else {
        notify(err instanceof Error ? err.message : String(err), 'error');
      }
    } finally {
      setBusy(null);
    }
  }

  const active = (fields ?? []).filter((f) => !f.archived);
  const archived = (fields ?? []).filter((f) => f.archived);

  function move(field: FieldMeta, by: -1 | 1) {
    const i = active.indexOf(field);
    const neighbour = active[i + by];
    if (!neighbour) return;
    focusAfter.current = `${by < 0 ? 'up' : 'down'}-${field.id}`;
    void run(field, () => api.patch(`/fields/${field.id}`, { version: field.version, position: neighbour.position }), t('admin.field.moved', { name: field.label }));
  }

  function row(field: FieldMeta, i: number) {
    const disabled = busy !== null;
    return (
      <li key={field.id} className={mergeClasses(styles.row, (field.hidden || field.archived) && styles.muted)}>
        <div className={styles.info}>
          <span className={styles.label}>{field.label}</span>
          <span className={styles.meta}>
            <span>{typeName(field.type)}</span>·<span className={styles.key}>{field.key}</span>
            {field.custom ? <Badge size="small" appearance="tint" color="brand">{t('admin.field.custom')}</Badge> : <Badge size="small" appearance="outline">{t('admin.field.builtInBadge')}</Badge>}
            {field.required && <Badge size="small" appearance="tint" color="warning">{t('admin.field.requiredBadge')}</Badge>}
            {field.hidden && <Badge size="small" appearance="tint" color="subtle">{t('admin.field.hiddenBadge')}</Badge>}
            {field.readOnly && <Badge size="small" appearance="outline">{t('admin.field.readOnlyBadge')}</Badge>}
          </span>
        </div>
        <div className={styles.actions}>
          {busy === field.id && <Spinner size="tiny" />}
          {!field.archived && (
            <>
              <Button id={`up-${field.id}`} size="small" appearance="subtle" icon={<ArrowUp20Regular />} disabled={disabled || i === 0} aria-label={t('admin.field.up', { name: field.label })} title={t('admin.field.up', { name: field.label })} onClick={() => move(field, -1)} />
              <Button id={`down-${field.id}`} size="small" appearance="subtle" icon={<ArrowDown20Regular />} disabled={disabled || i === active.length - 1} aria-label={t('admin.field.down', { name: field.label })} title={t('admin.field.down', { name: field.label })} onClick={() => move(field, 1)} />
              <Button size="small" appearance="subtle" icon={<Edit20Regular />} disabled={disabled} aria-label={t('admin.field.edit', { name: field.label })} title={t('admin.field.edit', { name: field.label })} onClick={() => setEditing(field)} />
              <Button
                size="small"
                appearance="subtle"
                icon={field.hidden ? <Eye20Regular /> : <EyeOff20Regular />}
                disabled={disabled}
                aria-label={t(field.hidden ? 'admin.field.show' : 'admin.field.hide', { name: field.label })}
                title={t(field.hidden ? 'admin.field.show' : 'admin.field.hide', { name: field.label })}
                onClick={() => void run(field, () => api.patch(`/fields/${field.id}`, { version: field.version, hidden: !field.hidden }), t(field.hidden ? 'admin.field.shown' : 'admin.field.hidden', { name: field.label }))}
              />
              {field.custom && (
                <Button size="small" appearance="subtle" icon={<Archive20Regular />} disabled={disabled} aria-label={t('admin.field.archive', { name: field.label })} title={t('admin.field.archive', { name: field.label })} onClick={() => void run(field, () => api.post(`/fields/${field.id}/archive`), t('admin.field.archived', { name: field.label }))} />
              )}
            </>
          )}
          {field.archived && (
            <Button size="small" icon={<ArchiveArrowBack20Regular />} disabled={disabled} onClick={() => void run(field, () => api.post(`/fields/${field.id}/restore`), t('admin.field.restored', { name: field.label }))}>
              {t('admin.field.restore')}
            </Button>
          )}
          {field.custom && (
            <Button size="small" appearance="subtle" icon={<Delete20Regular />} disabled={disabled} aria-label={t('admin.field.delete', { name: field.label })} title={t('admin.field.delete', { name: field.label })} onClick={() => setDeleting(field)} />
          )}
        </div>
      </li>
    );
  }

  return (
    <AdminPage current="/admin/fields">
      <div className={styles.root}>
        <p className={styles.intro}>{t('admin.fields.intro')}</p>
        <div className={styles.bar}>
          <TabList className={styles.tabs} size="small" selectedValue={entity} onTabSelect={(_, d) => navigate('/admin/fields', { entity: String(d.value) }, { replace: true })} aria-label={t('admin.fields.entity')}>
            {entities.map((e) => (
              <Tab key={e} value={e}>{entityName(e)}</Tab>
            ))}
          </TabList>
          <Button appearance="primary" icon={<Add20Regular />} onClick={() => setEditing('new')}>{t('admin.field.new')}</Button>
        </div>
        {error && (
          <MessageBar intent="error">
            <MessageBarBody>
              {t('error.generic', { message: error })} <Button size="small" onClick={() => setTick((n) => n + 1)}>{t('app.retry')}</Button>
            </MessageBarBody>
          </MessageBar>
        )}
        {!fields && !error && <Spinner label={t('app.loading')} />}
        {fields && (
          <>
            <ul className={styles.list} aria-label={t('admin.fields.of', { entity: entityName(entity) })}>{active.map((f, i) => row(f, i))}</ul>
            {archived.length > 0 && (
              <>
                <h2 className={styles.heading}>{t('admin.fields.archived')}</h2>
                <ul className={styles.list} aria-label={t('admin.fields.archived')}>{archived.map((f, i) => row(f, i))}</ul>
              </>
            )}
          </>
        )}
      </div>
      <FieldDialog
        entity={entity}
        field={editing === 'new' ? null : editing}
        open={editing !== null}
        onClose={() => setEditing(null)}
        onDone={(saved) => {
          setEditing(null);
          changed(editing === 'new' ? t('admin.field.added', { name: saved.label }) : t('form.saved'));
        }}
      />
      <ConfirmDialog
        open={deleting !== null}
        title={t('admin.field.deleteTitle', { name: deleting?.label ?? '' })}
        confirmLabel={t('admin.field.deleteForever')}
        danger
        requireCheck={t('admin.field.deleteCheck')}
        onClose={() => setDeleting(null)}
        onConfirm={async () => {
          const field = deleting!;
          await api.delete(`/fields/${field.id}`);
          changed(t('admin.field.deleted', { name: field.label }));
        }}
      >
        {t('admin.field.deleteConfirm', { entity: entityName(entity) })}
      </ConfirmDialog>
    </AdminPage>
  );
}
