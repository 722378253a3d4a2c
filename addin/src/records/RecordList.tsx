import {
  Button, Dropdown, Input, Menu, MenuDivider, MenuItem, MenuItemCheckbox, MenuList, MenuPopover, MenuTrigger, MessageBar, MessageBarBody,
  Option, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Toolbar, ToolbarButton, makeStyles, tokens,
} from '@fluentui/react-components';
import { Add20Regular, ArrowClockwise20Regular, ChevronLeft20Regular, ChevronRight20Regular, ColumnTriple20Regular, Filter20Regular, Save20Regular, Search20Regular } from '@fluentui/react-icons';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, type ListPage } from '../api/client.js';
import { useUser } from '../auth/session.js';
import { useHost } from '../hosts/context.js';
import { t } from '../i18n/strings.js';
import { navigate } from '../shell/router.js';
import { useWide } from '../shell/useWide.js';
import { filterKind, filterParams } from './filters.js';
import { fillLinkNames } from './linkNames.js';
import { formatDecimal, formatValue } from './format.js';
import { isSortable, SEARCHABLE, STRUCTURED, useFields, type FieldMeta, type RecordData } from './meta.js';
import { ExportMenu } from '../exports/ExportMenu.js';
import { ExcelPull } from './ExcelPull.js';
import { RecordPicker } from './RecordPicker.js';
import { loadLast, loadViews, saveLast, saveViews, type ListView } from './views.js';

const PAGE = 50;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '8px', minWidth: 0 },
  bar: { display: 'flex', flexWrap: 'wrap', gap: '4px', alignItems: 'center' },
  search: { flex: '1 1 160px', minWidth: '120px', maxWidth: '320px' },
  filters: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))', gap: '8px', padding: '8px', backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium },
  filterLabel: { display: 'flex', flexDirection: 'column', gap: '2px', fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  range: { display: 'flex', gap: '4px' },
  tableWrap: { overflowX: 'auto', backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium },
  row: { cursor: 'pointer' },
  link: { color: tokens.colorNeutralForeground1, textDecoration: 'none', fontWeight: tokens.fontWeightSemibold, ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` } },
  numeric: { textAlign: 'right', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
  cards: { display: 'flex', flexDirection: 'column', gap: '4px' },
  card: { display: 'block', padding: '8px 10px', backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium, textDecoration: 'none', color: tokens.colorNeutralForeground1, ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover } },
  cardTitle: { fontWeight: tokens.fontWeightSemibold, display: 'block' },
  cardLine: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3, display: 'block', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  pager: { display: 'flex', alignItems: 'center', gap: '8px', justifyContent: 'flex-end', color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  empty: { padding: '24px', textAlign: 'center', color: tokens.colorNeutralForeground3, backgroundColor: tokens.colorNeutralBackground1, borderRadius: tokens.borderRadiusMedium },
});

export interface ListColumn {
  key: string;
  label: string;
  render: (r: RecordData) => ReactNode;
  numeric?: boolean;
  sortKey?: string;
}

/**
 * A list of any entity, driven by its field metadata: columns the user
 * picks (custom fields included), filters on any field, sorting, paging
 * over bases of any size, and saved views. Rows open their card.
 */
export function RecordList(props: {
  entity: string;
  path: string;
  /** Identifies the list for saved views ("clients", "client-42-invoices"). */
  listId: string;
  defaultColumns: string[];
  /** Filters offered before the user adds others. */
  defaultFilters?: string[];
  defaultSort?: string;
  /** Query always sent (e.g. the client of a card's tab). */
  fixed?: Record<string, string | number>;
  rowHref: (r: RecordData) => string;
  onNew?: () => void;
  newLabel?: string;
  /** Columns computed here rather than from a field (e.g. a balance). */
  extraColumns?: ListColumn[];
  /** Compact: no saved views or filter panel (tabs of a card). */
  compact?: boolean;
  toolbar?: (state: { query: Record<string, unknown>; columns: FieldMeta[]; items: RecordData[] }) => ReactNode;
  /** Shown instead of the generic text when the list has no records and no filters. */
  emptyText?: ReactNode;
  /** Told of each page loaded (e.g. to show the count beside a screen's title). */
  onLoaded?: (page: ListPage<RecordData>) => void;
}) {
  const styles = useStyles();
  const user = useUser();
  const host = useHost();
  const wide = useWide(600);
  const fields = useFields(props.entity);
  const last = props.compact ? null : loadLast(user.id, props.listId);
  const [columns, setColumns] = useState<string[]>(last?.columns ?? props.defaultColumns);
  const [filters, setFilters] = useState<Record<string, string>>(last?.filters ?? {});
  const [sort, setSort] = useState(last?.sort ?? props.defaultSort ?? '');
  const [q, setQ] = useState('');
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<ListPage<RecordData> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [showFilters, setShowFilters] = useState(Object.keys(last?.filters ?? {}).length > 0);
  const [filterKeys, setFilterKeys] = useState<string[]>(() => [...new Set([...(props.defaultFilters ?? []), ...Object.keys(last?.filters ?? {}).map((k) => k.split('.')[0]!)])]);
  const [views, setViews] = useState<ListView[]>(() => loadViews(user.id, props.listId));
  const [reload, setReload] = useState(0);

  const usable = useMemo(() => (fields ?? []).filter((f) => !f.hidden && !STRUCTURED.has(f.type) || f.type === 'phones' || f.type === 'emails'), [fields]);
  const byKey = useMemo(() => new Map((fields ?? []).map((f) => [f.key, f])), [fields]);
  const shown: FieldMeta[] = columns.map((k) => byKey.get(k)).filter((f): f is FieldMeta => f !== undefined);
  const query = useMemo(
    () => ({ ...(props.fixed ?? {}), ...filterParams(fields ?? [], filters), ...(q.trim() ? { q: q.trim() } : {}), ...(sort ? { sort } : {}) }),
    [props.fixed, fields, filters, q, sort],
  );
  const queryKey = JSON.stringify(query);

  useEffect(() => setOffset(0), [queryKey]);
  useEffect(() => {
    if (!props.compact) saveLast(user.id, props.listId, { columns, filters, sort });
  }, [columns, filters, sort]);

  useEffect(() => {
    if (!fields) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setBusy(true);
      api
        .get<ListPage<RecordData>>(props.path, { ...query, limit: PAGE, offset }, controller.signal)
        .then(async (p) => ({ ...p, items: await fillLinkNames(fields.filter((f) => columns.includes(f.key)), p.items, controller.signal) }))
        .then((p) => {
          setPage(p);
          setError(null);
          props.onLoaded?.(p);
        })
        .catch((err: Error) => {
          if (err.name === 'AbortError') return;
          setError(err instanceof ApiError && err.code === 'forbidden' ? t('error.forbidden') : err.message);
        })
        .finally(() => setBusy(false));
    }, q ? 200 : 0);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [queryKey, offset, fields, reload, columns.join()]);

  if (!fields) return <Spinner label={t('app.loading')} />;

  function toggleSort(key: string) {
    setSort((s) => (s === key ? `-${key}` : s === `-${key}` ? '' : key));
  }

  function setFilter(name: string, value: string) {
    setFilters((f) => {
      const next = { ...f };
      if (value === '') delete next[name];
      else next[name] = value;
      return next;
    });
  }

  function applyView(v: ListView) {
    setColumns(v.columns);
    setFilters(v.filters);
    setSort(v.sort);
    setFilterKeys([...new Set([...(props.defaultFilters ?? []), ...Object.keys(v.filters).map((k) => k.split('.')[0]!)])]);
  }

  function saveView() {
    const name = window.prompt(t('list.viewName'))?.trim();
    if (!name) return;
    const next = [...views.filter((v) => v.name !== name), { name, columns, filters, sort }];
    setViews(next);
    saveViews(user.id, props.listId, next);
  }

  function deleteView(name: string) {
    const next = views.filter((v) => v.name !== name);
    setViews(next);
    saveViews(user.id, props.listId, next);
  }

  const items = page?.items ?? [];
  const extra = props.extraColumns ?? [];
  const numeric = (f: FieldMeta) => f.type === 'money' || f.type === 'number';
  const from = items.length ? offset + 1 : 0;
  const to = offset + items.length;
  const hasMore = page ? offset + items.length < page.total || (!page.totalExact && items.length === PAGE) : false;
  const activeFilters = Object.keys(filters).length + (q ? 1 : 0);

  const filterPanel = showFilters && (
    <div className={styles.filters}>
      {filterKeys.map((key) => {
        const f = byKey.get(key);
        if (!f) return null;
        const kind = filterKind(f);
        return (
          <label key={key} className={styles.filterLabel}>
            {f.label}
            {kind === 'choice' && (
              <Dropdown aria-label={f.label} clearable value={f.options.choices?.find((c) => c.key === filters[key])?.label ?? ''} selectedOptions={filters[key] ? [filters[key]!] : []} onOptionSelect={(_, d) => setFilter(key, d.optionValue ?? '')}>
                {(f.options.choices ?? []).map((c) => (
                  <Option key={c.key} value={c.key}>{c.label}</Option>
                ))}
              </Dropdown>
            )}
            {kind === 'link' && <RecordPicker aria-label={f.label} entity={f.options.entity ?? ''} value={filters[key] ? Number(filters[key]) : null} onChange={(id) => setFilter(key, id === null ? '' : String(id))} />}
            {(kind === 'text' || kind === 'tags') && <Input aria-label={f.label} value={filters[key] ?? ''} onChange={(_, d) => setFilter(key, d.value)} />}
            {kind === 'boolean' && (
              <Dropdown aria-label={f.label} clearable value={filters[key] === 'true' ? t('form.yes') : filters[key] === 'false' ? t('form.no') : ''} selectedOptions={filters[key] ? [filters[key]!] : []} onOptionSelect={(_, d) => setFilter(key, d.optionValue ?? '')}>
                <Option value="true">{t('form.yes')}</Option>
                <Option value="false">{t('form.no')}</Option>
              </Dropdown>
            )}
            {kind === 'range' && (
              <span className={styles.range}>
                <Input aria-label={`${f.label} from`} type={f.type === 'date' || f.type === 'datetime' ? 'date' : 'text'} placeholder="from" value={filters[`${key}.from`] ?? ''} onChange={(_, d) => setFilter(`${key}.from`, d.value)} />
                <Input aria-label={`${f.label} to`} type={f.type === 'date' || f.type === 'datetime' ? 'date' : 'text'} placeholder="to" value={filters[`${key}.to`] ?? ''} onChange={(_, d) => setFilter(`${key}.to`, d.value)} />
              </span>
            )}
          </label>
        );
      })}
      <label className={styles.filterLabel}>
        {t('list.filters')} +
        <Dropdown aria-label="Add a filter" placeholder="Add a filter…" value="" selectedOptions={[]} onOptionSelect={(_, d) => d.optionValue && setFilterKeys((k) => [...new Set([...k, d.optionValue!])])}>
          {usable.filter((f) => filterKind(f) && !filterKeys.includes(f.key)).map((f) => (
            <Option key={f.key} value={f.key}>{f.label}</Option>
          ))}
        </Dropdown>
      </label>
    </div>
  );

  return (
    <div className={styles.root}>
      <Toolbar className={styles.bar} aria-label={props.listId}>
        {props.onNew && (
          <Button appearance="primary" icon={<Add20Regular />} onClick={props.onNew}>
            {props.newLabel ?? t('list.new')}
          </Button>
        )}
        {SEARCHABLE.has(props.entity) && (
          <Input className={styles.search} contentBefore={<Search20Regular />} placeholder={t('list.search')} aria-label={t('list.search')} value={q} onChange={(_, d) => setQ(d.value)} />
        )}
        {!props.compact && (
          <ToolbarButton icon={<Filter20Regular />} aria-pressed={showFilters} onClick={() => setShowFilters((s) => !s)}>
            {t('list.filters')}{activeFilters ? ` (${activeFilters})` : ''}
          </ToolbarButton>
        )}
        <Menu>
          <MenuTrigger disableButtonEnhancement>
            <ToolbarButton icon={<ColumnTriple20Regular />} aria-label={t('list.columns')}>{wide ? t('list.columns') : undefined}</ToolbarButton>
          </MenuTrigger>
          <MenuPopover>
            <MenuList checkedValues={{ columns }} onCheckedValueChange={(_, d) => setColumns(usable.map((f) => f.key).filter((k) => d.checkedItems.includes(k)))}>
              {usable.map((f) => (
                <MenuItemCheckbox key={f.key} name="columns" value={f.key}>{f.label}</MenuItemCheckbox>
              ))}
            </MenuList>
          </MenuPopover>
        </Menu>
        {!props.compact && (
          <Menu>
            <MenuTrigger disableButtonEnhancement>
              <ToolbarButton icon={<Save20Regular />} aria-label={t('list.views')}>{wide ? t('list.views') : undefined}</ToolbarButton>
            </MenuTrigger>
            <MenuPopover>
              <MenuList>
                <MenuItem onClick={() => applyView({ name: '', columns: props.defaultColumns, filters: {}, sort: props.defaultSort ?? '' })}>{t('list.defaultView')}</MenuItem>
                {views.map((v) => (
                  <MenuItem key={v.name} onClick={() => applyView(v)}>{v.name}</MenuItem>
                ))}
                <MenuDivider />
                <MenuItem onClick={saveView}>{t('list.saveView')}</MenuItem>
                {views.map((v) => (
                  <MenuItem key={`del-${v.name}`} onClick={() => deleteView(v.name)}>{t('list.deleteView', { name: v.name })}</MenuItem>
                ))}
              </MenuList>
            </MenuPopover>
          </Menu>
        )}
        <ToolbarButton icon={<ArrowClockwise20Regular />} aria-label="Reload" onClick={() => setReload((r) => r + 1)} />
        {host.kind === 'excel' && <ExcelPull host={host} path={props.path} query={query} columns={shown} title={props.listId} />}
        {!props.compact && <ExportMenu path={props.path} query={query} columns={shown} />}
        {props.toolbar?.({ query, columns: shown, items })}
        {busy && <Spinner size="tiny" />}
      </Toolbar>
      {filterPanel}
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {page && items.length === 0 && !busy && (
        <div className={styles.empty}>
          {activeFilters ? t('list.emptyFiltered') : (props.emptyText ?? t('list.empty'))}{' '}
          {activeFilters > 0 && (
            <Button size="small" onClick={() => { setFilters({}); setQ(''); }}>{t('list.clearFilters')}</Button>
          )}
        </div>
      )}
      {items.length > 0 && wide && (
        <div className={styles.tableWrap}>
          <Table size="small" aria-label={props.listId} sortable>
            <TableHeader>
              <TableRow>
                {shown.map((f) => (
                  <TableHeaderCell
                    key={f.key}
                    className={numeric(f) ? styles.numeric : undefined}
                    sortable={isSortable(f)}
                    sortDirection={sort === f.key ? 'ascending' : sort === `-${f.key}` ? 'descending' : undefined}
                    onClick={isSortable(f) ? () => toggleSort(f.key) : undefined}
                  >
                    {f.label}
                  </TableHeaderCell>
                ))}
                {extra.map((c) => (
                  <TableHeaderCell key={c.key} className={c.numeric ? styles.numeric : undefined} sortable={!!c.sortKey} sortDirection={c.sortKey && sort === c.sortKey ? 'ascending' : c.sortKey && sort === `-${c.sortKey}` ? 'descending' : undefined} onClick={c.sortKey ? () => toggleSort(c.sortKey!) : undefined}>
                    {c.label}
                  </TableHeaderCell>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {items.map((r) => (
                <TableRow key={r.id} className={styles.row} onClick={(e) => { if (!(e.target as HTMLElement).closest('a,button')) navigate(props.rowHref(r).replace(/^#/, '')); }}>
                  {shown.map((f, i) => (
                    <TableCell key={f.key} className={numeric(f) ? styles.numeric : undefined}>
                      {i === 0 ? <a className={styles.link} href={props.rowHref(r)}>{formatValue(f, r) || `#${r.id}`}</a> : formatValue(f, r)}
                    </TableCell>
                  ))}
                  {extra.map((c) => (
                    <TableCell key={c.key} className={c.numeric ? styles.numeric : undefined}>{c.render(r)}</TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      {items.length > 0 && !wide && (
        <div className={styles.cards} role="list" aria-label={props.listId}>
          {items.map((r) => (
            <a key={r.id} role="listitem" className={styles.card} href={props.rowHref(r)}>
              <span className={styles.cardTitle}>{shown[0] ? formatValue(shown[0], r) || `#${r.id}` : `#${r.id}`}</span>
              {shown.slice(1, 4).map((f) => {
                const v = formatValue(f, r);
                return v ? <span key={f.key} className={styles.cardLine}>{f.label}: {v}</span> : null;
              })}
              {extra.map((c) => <span key={c.key} className={styles.cardLine}>{c.label}: {c.render(r)}</span>)}
            </a>
          ))}
        </div>
      )}
      {page && items.length > 0 && (
        <div className={styles.pager}>
          <span aria-live="polite">
            {page.totalExact ? t('list.page', { from, to, total: formatDecimal(page.total) }) : t('list.pageMore', { from, to, total: formatDecimal(page.total) })}
          </span>
          <Button size="small" icon={<ChevronLeft20Regular />} aria-label={t('list.prev')} disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))} />
          <Button size="small" icon={<ChevronRight20Regular />} aria-label={t('list.next')} disabled={!hasMore} onClick={() => setOffset(offset + PAGE)} />
        </div>
      )}
    </div>
  );
}

