import { Input, Spinner, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { Search20Regular } from '@fluentui/react-icons';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { api } from '../api/client.js';
import { t, type StringKey } from '../i18n/strings.js';
import { navigate } from '../shell/router.js';

export interface SearchHit {
  entity: string;
  id: number;
  title: string;
  subtitle: string;
}

/** Where a search result opens. */
export function hitPath(hit: { entity: string; id: number }): string {
  const paths: Record<string, string> = { client: 'clients', contact: 'contacts', contract: 'contracts', invoice: 'invoices', product: 'catalog/products', payment: 'payments' };
  return `/${paths[hit.entity] ?? hit.entity + 's'}/${hit.id}`;
}

const ORDER = ['client', 'contact', 'contract', 'invoice', 'payment', 'product'];

const useStyles = makeStyles({
  root: { position: 'relative', flex: '1 1 auto', minWidth: 0, maxWidth: '640px' },
  input: { width: '100%' },
  panel: { position: 'absolute', top: 'calc(100% + 4px)', left: 0, right: 0, zIndex: 100, maxHeight: '70vh', overflowY: 'auto', backgroundColor: tokens.colorNeutralBackground1, boxShadow: tokens.shadow16, borderRadius: tokens.borderRadiusMedium, padding: '4px 0' },
  group: { padding: '6px 12px 2px', fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3, fontWeight: tokens.fontWeightSemibold, textTransform: 'uppercase' },
  hit: { display: 'block', padding: '6px 12px', cursor: 'pointer', textDecoration: 'none', color: tokens.colorNeutralForeground1 },
  active: { backgroundColor: tokens.colorNeutralBackground1Selected },
  title: { display: 'block', fontWeight: tokens.fontWeightSemibold, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  sub: { display: 'block', fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  note: { padding: '8px 12px', color: tokens.colorNeutralForeground3 },
});

/**
 * The search box in the top bar. Ctrl+K (or /) focuses it from anywhere;
 * arrows move through the results, grouped by type; Enter opens one.
 */
export function QuickSearch() {
  const styles = useStyles();
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      const inField = e.target instanceof HTMLElement && (e.target.tagName === 'INPUT' || e.target.tagName === 'TEXTAREA' || e.target.isContentEditable);
      if (((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') || (e.key === '/' && !inField)) {
        e.preventDefault();
        input.current?.focus();
        input.current?.select();
        setOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    const text = q.trim();
    if (text.length < 2) {
      setHits(null);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setBusy(true);
      api
        .get<{ items: SearchHit[] }>('/search', { q: text, limit: 20 }, controller.signal)
        .then((r) => {
          setHits(r.items);
          setActive(0);
        })
        .catch((err: Error) => {
          if (err.name !== 'AbortError') setHits([]);
        })
        .finally(() => setBusy(false));
    }, 150);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [q]);

  // Grouped by type in a fixed order; `flat` is the keyboard order.
  const groups = useMemo(() => {
    const by = new Map<string, SearchHit[]>();
    for (const h of hits ?? []) by.set(h.entity, [...(by.get(h.entity) ?? []), h]);
    return [...by.entries()].sort(([a], [b]) => (ORDER.indexOf(a) + 99) % 99 - (ORDER.indexOf(b) + 99) % 99);
  }, [hits]);
  const flat = groups.flatMap(([, items]) => items);

  function openHit(hit: SearchHit) {
    setOpen(false);
    setQ('');
    input.current?.blur();
    navigate(hitPath(hit));
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => Math.min(a + 1, flat.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter' && flat[active]) {
      e.preventDefault();
      openHit(flat[active]!);
    } else if (e.key === 'Escape') {
      setOpen(false);
      input.current?.blur();
    }
  }

  const showPanel = open && q.trim().length > 0;
  let index = -1;
  return (
    <div className={styles.root} role="search">
      <Input
        ref={input}
        className={styles.input}
        value={q}
        placeholder={t('search.placeholder')}
        aria-label={t('search.label')}
        contentBefore={<Search20Regular />}
        contentAfter={busy ? <Spinner size="tiny" /> : undefined}
        onChange={(_, d) => {
          setQ(d.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={onKeyDown}
        aria-expanded={showPanel}
        aria-controls="quick-search-results"
        role="combobox"
        aria-activedescendant={flat[active] ? `qs-${flat[active]!.entity}-${flat[active]!.id}` : undefined}
      />
      {showPanel && (
        <div className={styles.panel} id="quick-search-results" role="listbox">
          {q.trim().length < 2 && <div className={styles.note}>{t('search.hint')}</div>}
          {hits && hits.length === 0 && <div className={styles.note}>{t('search.none', { q: q.trim() })}</div>}
          {groups.map(([entity, items]) => (
            <div key={entity} role="group" aria-label={t(`search.group.${entity}` as StringKey)}>
              <div className={styles.group}>{t(`search.group.${entity}` as StringKey)}</div>
              {items.map((hit) => {
                index += 1;
                const i = index;
                return (
                  <a
                    key={`${hit.entity}-${hit.id}`}
                    id={`qs-${hit.entity}-${hit.id}`}
                    role="option"
                    aria-selected={i === active}
                    className={mergeClasses(styles.hit, i === active && styles.active)}
                    href={`#${hitPath(hit)}`}
                    onMouseDown={(e) => {
                      e.preventDefault();
                      openHit(hit);
                    }}
                    onMouseEnter={() => setActive(i)}
                  >
                    <span className={styles.title}>{hit.title}</span>
                    <span className={styles.sub}>{hit.subtitle}</span>
                  </a>
                );
              })}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
