import { Button, Link, MessageBar, MessageBarBody, MessageBarTitle, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { Warning16Regular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { api } from '../api/client.js';
import { t, type StringKey } from '../i18n/strings.js';
import type { DuplicateCandidate, DuplicateDraft } from './duplicates.js';

const useStyles = makeStyles({
  list: { margin: '4px 0 0', paddingLeft: '18px', display: 'flex', flexDirection: 'column', gap: '4px' },
  who: { color: tokens.colorNeutralForeground2 },
  reasons: { display: 'block', fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3 },
  reminder: { display: 'flex', alignItems: 'center', gap: '6px', color: tokens.colorPaletteDarkOrangeForeground1, fontSize: tokens.fontSizeBase200 },
  checking: { display: 'flex', alignItems: 'center', gap: '6px', color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

const REASON: Record<DuplicateCandidate['reasons'][number]['code'], StringKey> = {
  tax_id: 'clients.duplicates.reason.tax_id',
  email: 'clients.duplicates.reason.email',
  phone: 'clients.duplicates.reason.phone',
  same_name: 'clients.duplicates.reason.same_name',
  similar_name: 'clients.duplicates.reason.similar_name',
};

/** Waits this long after the last keystroke before asking the server. */
const DEBOUNCE_MS = 400;

/**
 * Likely duplicates of the record being typed, found across all managers,
 * so nobody adds a client who is already someone else's. It only warns:
 * saving stays possible (two companies can share a name).
 */
export function DuplicateWarning({ resource, draft, slot }: { resource: 'clients' | 'contacts'; draft: DuplicateDraft | null; slot?: HTMLElement | null }) {
  const styles = useStyles();
  const [items, setItems] = useState<DuplicateCandidate[]>([]);
  const [checking, setChecking] = useState(false);
  const key = draft ? JSON.stringify(draft) : '';

  useEffect(() => {
    if (!key) {
      setItems([]);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setChecking(true);
      api
        .request<{ items: DuplicateCandidate[] }>('POST', `/${resource}/duplicates`, { body: JSON.parse(key) as unknown, signal: controller.signal })
        .then((r) => setItems(r.items))
        // The check is advice: when it fails, creating the record still works, so it stays quiet.
        .catch(() => undefined)
        .finally(() => {
          if (!controller.signal.aborted) setChecking(false);
        });
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [resource, key]);

  if (!key) return null;
  if (items.length === 0) {
    return checking ? (
      <div className={styles.checking} aria-live="polite">
        <Spinner size="extra-tiny" /> {t('clients.duplicates.checking')}
      </div>
    ) : null;
  }
  const warning = (
    <MessageBar intent="warning" layout="multiline" aria-live="polite">
      <MessageBarBody>
        <MessageBarTitle>{t(resource === 'clients' ? 'clients.duplicates.titleClients' : 'clients.duplicates.titleContacts', { count: items.length })}</MessageBarTitle>
        {t('clients.duplicates.hint')}
        <ul className={styles.list} aria-label={t('clients.duplicates.listLabel')}>
          {items.map((d, i) => (
            <li key={`${d.entity}-${d.id ?? i}`}>
              {d.accessible && d.id !== undefined ? (
                <Link href={`#/${d.entity === 'client' ? 'clients' : 'contacts'}/${d.id}`} target="_blank" rel="noopener">{d.name}</Link>
              ) : (
                <strong>{d.name}</strong>
              )}{' '}
              <span className={styles.who}>
                {d.entity === 'contact' ? t('clients.duplicates.contact') : t('clients.duplicates.client')}
                {d.clientName ? ` · ${d.clientName}` : ''} · {t('clients.duplicates.manager', { name: d.managerName })}
                {!d.accessible ? ` · ${t('clients.duplicates.notYours')}` : ''}
              </span>
              <span className={styles.reasons}>{d.reasons.map((r) => t(REASON[r.code], { value: r.value })).join('; ')}</span>
            </li>
          ))}
        </ul>
      </MessageBarBody>
    </MessageBar>
  );
  if (!slot) return warning;
  // The full warning goes to the top of the form, where the name and tax id
  // are typed; beside the Save button a one-line reminder points to it.
  return (
    <>
      {createPortal(warning, slot)}
      <div className={styles.reminder}>
        <Warning16Regular />
        <span>{t('clients.duplicates.reminder', { count: items.length })}</span>
        <Button size="small" appearance="transparent" onClick={() => slot.scrollIntoView({ behavior: 'smooth', block: 'start' })}>{t('clients.duplicates.show')}</Button>
      </div>
    </>
  );
}
