import {
  Badge, Button, Card, CardHeader, Dropdown, Field, Input, Link, MessageBar, MessageBarBody, Option, Radio, RadioGroup, Spinner,
  Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, Title3, makeStyles, tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { ApiError } from '../api/client.js';
import { useCan } from '../auth/can.js';
import { t, type StringKey } from '../i18n/strings.js';
import { useNotify } from '../shell/toast.js';
import { POLICIES, syncApi, type DeletionPolicy, type SyncConflict, type SyncRun, type SyncStatus } from './api.js';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: '12px', minWidth: 0, maxWidth: '900px' },
  body: { display: 'flex', flexDirection: 'column', gap: '8px' },
  row: { display: 'flex', gap: '8px', alignItems: 'center', flexWrap: 'wrap' },
  muted: { color: tokens.colorNeutralForeground2 },
  table: { overflowX: 'auto' },
});

const fieldLabel = (field: string) => t(`contactSync.field.${field}` as StringKey) || field;
const when = (iso: string) => new Date(iso).toLocaleString();

function RunSummary({ run }: { run: SyncRun }) {
  const styles = useStyles();
  const intent = run.status === 'failed' ? 'danger' : run.status === 'running' ? 'informative' : 'success';
  return (
    <div className={styles.body}>
      <div className={styles.row}>
        <Badge appearance="tint" color={intent}>{t(`contactSync.status.${run.status}`)}</Badge>
        <Text>{t('contactSync.runAt', { date: when(run.startedAt), trigger: t(`contactSync.trigger.${run.trigger}`) })}</Text>
        {run.full && <Text className={styles.muted}>{t('contactSync.full')}</Text>}
      </div>
      <Text>{t('contactSync.side.kontora')}: {t('contactSync.counts', { created: run.kontoraCreated, updated: run.kontoraUpdated, deleted: run.kontoraDeleted })}</Text>
      <Text>{t('contactSync.side.outlook')}: {t('contactSync.counts', { created: run.outlookCreated, updated: run.outlookUpdated, deleted: run.outlookDeleted })}</Text>
      {(run.linked > 0 || run.conflicts > 0) && (
        <Text className={styles.muted}>
          {[run.linked ? t('contactSync.matched', { count: run.linked }) : '', run.conflicts ? t('contactSync.conflictCount', { count: run.conflicts }) : ''].filter(Boolean).join(' · ')}
        </Text>
      )}
      {run.error && <MessageBar intent="error"><MessageBarBody>{run.error.message}</MessageBarBody></MessageBar>}
      {run.problems.length > 0 && (
        <MessageBar intent="warning">
          <MessageBarBody>
            <Text weight="semibold">{t('contactSync.problems')}</Text>
            <ul>{run.problems.map((p, i) => <li key={i}>{p.contactId ? <Link href={`#/contacts/${p.contactId}`}>{p.message}</Link> : p.message}</li>)}</ul>
          </MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}

function SettingsCard({ status, onSaved }: { status: SyncStatus; onSaved: () => void }) {
  const styles = useStyles();
  const notify = useNotify();
  const [folders, setFolders] = useState<{ id: string; name: string }[] | null>(null);
  const [folderId, setFolderId] = useState<string | null>(status.settings.folderId);
  const [category, setCategory] = useState(status.settings.category ?? '');
  const [policy, setPolicy] = useState<DeletionPolicy>(status.settings.deletionPolicy);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    syncApi.folders().then((r) => setFolders(r.items), () => setFolders([]));
  }, []);
  const scopeChanges = folderId !== status.settings.folderId || (category.trim() || null) !== status.settings.category;

  async function save() {
    setBusy(true);
    setError(null);
    try {
      await syncApi.saveSettings({ folderId, category: category.trim() || null, deletionPolicy: policy, version: status.settings.version });
      notify(t('contactSync.saved'));
      onSaved();
    } catch (err) {
      setError(err instanceof ApiError && err.details.length ? err.details.map((d) => d.message).join(' ') : (err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const folderName = (id: string | null) => (id === null ? t('contactSync.folder.default') : folders?.find((f) => f.id === id)?.name ?? id);
  return (
    <Card>
      <CardHeader header={<Text weight="semibold">{t('contactSync.settings')}</Text>} />
      <div className={styles.body}>
        <Field label={t('contactSync.folder')}>
          <Dropdown
            value={folderName(folderId)}
            selectedOptions={[folderId ?? '']}
            onOptionSelect={(_, d) => setFolderId(d.optionValue ? d.optionValue : null)}
          >
            <Option value="">{t('contactSync.folder.default')}</Option>
            {(folders ?? []).map((f) => <Option key={f.id} value={f.id}>{f.name}</Option>)}
          </Dropdown>
        </Field>
        <Field label={t('contactSync.category')} hint={t('contactSync.category.hint')}>
          <Input value={category} maxLength={255} onChange={(_, d) => setCategory(d.value)} />
        </Field>
        <Field label={t('contactSync.policy')}>
          <RadioGroup value={policy} onChange={(_, d) => setPolicy(d.value as DeletionPolicy)}>
            {POLICIES.map((p) => <Radio key={p} value={p} label={t(`contactSync.policy.${p}`)} />)}
          </RadioGroup>
        </Field>
        {scopeChanges && status.settings.version > 0 && <MessageBar intent="info"><MessageBarBody>{t('contactSync.scopeChange')}</MessageBarBody></MessageBar>}
        {error && <MessageBar intent="error"><MessageBarBody>{error}</MessageBarBody></MessageBar>}
        <div className={styles.row}>
          <Button appearance="secondary" disabled={busy} onClick={() => void save()}>{t('contactSync.save')}</Button>
        </div>
      </div>
    </Card>
  );
}

function ConflictsCard() {
  const styles = useStyles();
  const [items, setItems] = useState<SyncConflict[] | null>(null);
  const [total, setTotal] = useState(0);
  useEffect(() => {
    syncApi.conflicts(0).then((r) => { setItems(r.items); setTotal(r.total); }, () => setItems([]));
  }, []);
  async function more() {
    const r = await syncApi.conflicts(items?.length ?? 0);
    setItems([...(items ?? []), ...r.items]);
    setTotal(r.total);
  }
  const value = (v: string | null) => v ?? t('contactSync.empty');
  return (
    <Card>
      <CardHeader header={<Text weight="semibold">{t('contactSync.conflicts')}</Text>} description={<Text className={styles.muted}>{t('contactSync.conflicts.intro')}</Text>} />
      {items === null ? <Spinner size="tiny" /> : items.length === 0 ? <Text className={styles.muted}>{t('contactSync.conflicts.none')}</Text> : (
        <div className={styles.table}>
          <Table size="small" aria-label={t('contactSync.conflicts')}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t('contactSync.when')}</TableHeaderCell>
                <TableHeaderCell>{t('contactSync.contact')}</TableHeaderCell>
                <TableHeaderCell>{t('contactSync.field')}</TableHeaderCell>
                <TableHeaderCell>{t('contactSync.kontoraValue')}</TableHeaderCell>
                <TableHeaderCell>{t('contactSync.outlookValue')}</TableHeaderCell>
                <TableHeaderCell>{t('contactSync.kept')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {items.map((c) => (
                <TableRow key={c.id}>
                  <TableCell>{when(c.at)}</TableCell>
                  <TableCell>{c.contactName ? <Link href={`#/contacts/${c.contactId}`}>{c.contactName}</Link> : `#${c.contactId}`}</TableCell>
                  <TableCell>{fieldLabel(c.field)}</TableCell>
                  <TableCell>{c.winner === 'kontora' ? <strong>{value(c.kontoraValue)}</strong> : value(c.kontoraValue)}</TableCell>
                  <TableCell>{c.winner === 'outlook' ? <strong>{value(c.outlookValue)}</strong> : value(c.outlookValue)}</TableCell>
                  <TableCell>{c.winner === 'kontora' ? t('contactSync.kontoraValue') : t('contactSync.outlookValue')}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {items.length < total && <Button appearance="subtle" onClick={() => void more()}>{t('contactSync.more')}</Button>}
        </div>
      )}
    </Card>
  );
}

/**
 * #/contact-sync — the user's Outlook contact sync: "Sync now", what the
 * last syncs did (counts each side, problems), the settings (folder,
 * category, deletion policy) and the conflicts log. Without a connected
 * mailbox it points to the Microsoft 365 page.
 */
export function ContactSyncScreen() {
  const styles = useStyles();
  const notify = useNotify();
  const can = useCan();
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [generation, setGeneration] = useState(0);
  const load = () => syncApi.status().then(setStatus, (err: Error) => setError(err.message));
  useEffect(() => {
    void load();
  }, []);
  const mayRun = can('contacts', 'edit');

  async function syncNow() {
    setBusy(true);
    setError(null);
    try {
      await syncApi.run();
      notify(t('contactSync.done'));
    } catch (err) {
      setError(err instanceof ApiError && err.code === 'sync_running' ? t('contactSync.alreadyRunning') : (err as Error).message);
    } finally {
      setBusy(false);
      await load();
      setGeneration((g) => g + 1);
    }
  }

  if (!status) return error ? <MessageBar intent="error"><MessageBarBody>{error}</MessageBarBody></MessageBar> : <Spinner size="small" />;
  return (
    <div className={styles.page}>
      <Title3 as="h1">{t('contactSync.title')}</Title3>
      <Text className={styles.muted}>{t('contactSync.intro')}</Text>
      {!status.mailbox ? (
        <MessageBar intent="info">
          <MessageBarBody>
            {t('contactSync.noMailbox')} <Link href="#/microsoft">{t('contactSync.connectLink')}</Link>
          </MessageBarBody>
        </MessageBar>
      ) : (
        <>
          <Card>
            <CardHeader header={<Text weight="semibold">{t('contactSync.mailbox', { address: status.mailbox.address })}</Text>} description={<Text className={styles.muted}>{t('contactSync.linked', { count: status.linked })}</Text>} />
            <div className={styles.body}>
              {error && <MessageBar intent="error"><MessageBarBody>{error}</MessageBarBody></MessageBar>}
              {mayRun && (
                <div className={styles.row}>
                  <Button appearance="primary" disabled={busy || status.running} icon={busy ? <Spinner size="tiny" /> : undefined} onClick={() => void syncNow()}>
                    {busy || status.running ? t('contactSync.syncing') : t('contactSync.syncNow')}
                  </Button>
                </div>
              )}
              <Text weight="semibold">{t('contactSync.lastRun')}</Text>
              {status.lastRun ? <RunSummary run={status.lastRun} /> : <Text className={styles.muted}>{t('contactSync.never')}</Text>}
            </div>
          </Card>
          {mayRun && <SettingsCard key={`${status.settings.version}`} status={status} onSaved={() => void load()} />}
          {status.runs.length > 1 && (
            <Card>
              <CardHeader header={<Text weight="semibold">{t('contactSync.runs')}</Text>} />
              <div className={styles.table}>
                <Table size="small" aria-label={t('contactSync.runs')}>
                  <TableHeader>
                    <TableRow>
                      <TableHeaderCell>{t('contactSync.when')}</TableHeaderCell>
                      <TableHeaderCell>{t('contactSync.side.kontora')}</TableHeaderCell>
                      <TableHeaderCell>{t('contactSync.side.outlook')}</TableHeaderCell>
                      <TableHeaderCell>{t('contactSync.result')}</TableHeaderCell>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {status.runs.map((r) => (
                      <TableRow key={r.id}>
                        <TableCell>{when(r.startedAt)}</TableCell>
                        <TableCell>+{r.kontoraCreated} ~{r.kontoraUpdated} −{r.kontoraDeleted}</TableCell>
                        <TableCell>+{r.outlookCreated} ~{r.outlookUpdated} −{r.outlookDeleted}</TableCell>
                        <TableCell>{r.error ? r.error.message : t(`contactSync.status.${r.status}`)}{r.problems.length ? ` (${r.problems.length})` : ''}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </div>
            </Card>
          )}
          <ConflictsCard key={generation} />
        </>
      )}
    </div>
  );
}
