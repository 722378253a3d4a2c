import { ToolbarButton } from '@fluentui/react-components';
import { TableArrowUp20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import { api, type ListPage } from '../api/client.js';
import type { Cell, ExcelHost } from '../hosts/host.js';
import { t } from '../i18n/strings.js';
import { metaCell, META_PREFIX } from '../excel/push.js';
import { useNotify } from '../shell/toast.js';
import { formatValue } from './format.js';
import type { FieldMeta, RecordData } from './meta.js';

const PAGE = 500;
/** A list pulled into a sheet stops here; bigger lists go through export. */
export const PULL_LIMIT = 50_000;

/** A value as an Excel cell: numbers stay numbers, dates stay ISO text Excel recognises. */
export function cellOf(field: FieldMeta, record: RecordData): Cell {
  const v = record[field.key];
  if (v === null || v === undefined) return null;
  if ((field.type === 'money' || field.type === 'number') && /^-?\d+(\.\d+)?$/.test(String(v))) return Number(v);
  if (field.type === 'boolean') return v === true;
  if (field.type === 'date') return String(v);
  return formatValue(field, record);
}

/** In Excel: the list as shown (filters, sort, columns) into a new sheet as a table. */
export function ExcelPull({ host, path, query, columns, title }: { host: ExcelHost; path: string; query: Record<string, unknown>; columns: FieldMeta[]; title: string }) {
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  async function pull() {
    setBusy(true);
    try {
      const rows: Cell[][] = [];
      for (let offset = 0; offset < PULL_LIMIT; offset += PAGE) {
        const page = await api.get<ListPage<RecordData>>(path, { ...query, limit: PAGE, offset });
        for (const r of page.items) {
          const cells = columns.map((c) => cellOf(c, r));
          rows.push([...cells, metaCell(r, cells)]);
        }
        if (page.items.length < PAGE) break;
      }
      // The hidden last column keeps each row's id, version and pulled values for "Push changes".
      const sheet = await host.pullTable({ title, columns: [...columns.map((c) => c.label), `${META_PREFIX}${path}`], rows, hiddenColumns: 1 });
      notify(t('excel.pulled', { count: rows.length, sheet }));
    } catch (err) {
      notify(t('error.generic', { message: (err as Error).message }), 'error');
    } finally {
      setBusy(false);
    }
  }
  return (
    <ToolbarButton icon={<TableArrowUp20Regular />} disabled={busy} onClick={() => void pull()}>
      {t('excel.pull')}
    </ToolbarButton>
  );
}
