import { Button } from '@fluentui/react-components';
import { PaintBucket20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { ExcelHost, RowMark } from '../hosts/host.js';
import { t } from '../i18n/strings.js';
import { allRows, type ImportJob, type ImportRow } from '../imports/api.js';
import { useNotify } from '../shell/toast.js';
import { originOf, sheetRowOf, type SheetOrigin } from './sheetImport.js';

/** The marks for an import's refused and held rows: a fill and the reason beside the row. */
export function marksFor(origin: Pick<SheetOrigin, 'firstRow'>, failed: ImportRow[], held: ImportRow[]): RowMark[] {
  const reason = (r: ImportRow) => r.problems.map((p) => p.message).join(' · ');
  return [
    ...failed.map((r) => ({ row: sheetRowOf(origin, r.rowNumber), kind: 'rejected' as const, note: reason(r) })),
    ...held.map((r) => ({ row: sheetRowOf(origin, r.rowNumber), kind: 'conflict' as const, note: t('excel.marks.held', { reason: reason(r) }) })),
  ].sort((a, b) => a.row - b.row);
}

/**
 * In Excel, on the result of an import from a sheet: marks the rows the
 * import refused (light red) or held for review (amber) in the sheet they
 * came from, with the reason in a column beside the data, so they can be
 * fixed where they were typed.
 */
export function SheetMarks({ host, job }: { host: ExcelHost; job: ImportJob }) {
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const origin = originOf(job.id);
  if (!origin || job.counts.failed + job.counts.held === 0) return null;
  async function mark() {
    setBusy(true);
    try {
      const [failed, held] = await Promise.all([allRows(job.id, 'failed'), allRows(job.id, 'held')]);
      const marks = marksFor(origin!, failed, held);
      const lastColumn = origin!.firstColumn + origin!.columnCount - 1;
      await host.markRows(origin!.sheet, { firstColumn: origin!.firstColumn, lastColumn, noteColumn: lastColumn + 1, headerRow: origin!.firstRow + job.options.mapping.headerRow - 1, noteHeader: t('excel.marks.header') }, marks);
      notify(t('excel.marks.done', { count: marks.length, sheet: origin!.sheet }));
    } catch (err) {
      notify(t('error.generic', { message: (err as Error).message }), 'error');
    } finally {
      setBusy(false);
    }
  }
  return (
    <Button icon={<PaintBucket20Regular />} disabled={busy} onClick={() => void mark()}>
      {t('excel.marks.button')}
    </Button>
  );
}
