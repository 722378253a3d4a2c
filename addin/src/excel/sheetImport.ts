import type { Cell, ExcelHost, SheetArea } from '../hosts/host.js';
import { imports, type ImportJob, type Target } from '../imports/api.js';

/**
 * Rows per request to the server: a block of the sheet read from Excel is
 * sent on as it is, so neither Excel's ~5 MB limit nor the server's JSON
 * limit is met, however big the sheet.
 */
export const ROWS_PER_SEND = 1000;

/** Where an import from a sheet came from, so rejected rows can be marked in that sheet afterwards. */
export interface SheetOrigin {
  sheet: string;
  firstRow: number;
  firstColumn: number;
  columnCount: number;
}

const KEY = 'kontora.sheetImports';

export function rememberOrigin(jobId: number, origin: SheetOrigin): void {
  try {
    const all = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Record<string, SheetOrigin>;
    all[jobId] = origin;
    // The last 50 imports are enough to mark rows of; older entries go.
    const keep = Object.keys(all).map(Number).sort((a, b) => b - a).slice(0, 50);
    localStorage.setItem(KEY, JSON.stringify(Object.fromEntries(keep.map((k) => [k, all[k]]))));
  } catch {
    // Without storage the rows cannot be marked later; the import itself is unaffected.
  }
}

export function originOf(jobId: number): SheetOrigin | null {
  try {
    return (JSON.parse(localStorage.getItem(KEY) ?? '{}') as Record<string, SheetOrigin>)[jobId] ?? null;
  } catch {
    return null;
  }
}

/** The 1-based sheet row of an import row (the job numbers rows from 1 at the first row sent). */
export function sheetRowOf(origin: Pick<SheetOrigin, 'firstRow'>, rowNumber: number): number {
  return origin.firstRow + rowNumber - 1;
}

function trimmed(rows: Cell[][]): Cell[][] {
  return rows.map((r) => {
    let end = r.length;
    while (end > 0 && (r[end - 1] === null || r[end - 1] === '')) end--;
    return r.slice(0, end);
  });
}

/**
 * Reads the used range (or the selection) block by block and sends each
 * block to the server: the first starts the job (header row first), the
 * others are added to it. Answers the job, ready for mapping.
 */
export async function importFromSheet(
  host: ExcelHost,
  source: 'used' | 'selection',
  target: Target,
  onProgress: (sent: number, total: number) => void,
  signal?: AbortSignal,
): Promise<{ job: ImportJob; area: SheetArea }> {
  const area = await host.sheetArea(source);
  let job: ImportJob | null = null;
  for (let offset = 0; offset < area.rowCount; offset += ROWS_PER_SEND) {
    if (signal?.aborted) throw new DOMException('Cancelled', 'AbortError');
    const rows = trimmed(await host.readRows(area, offset, ROWS_PER_SEND));
    if (offset === 0 && !rows.some((r) => r.length > 0)) throw new EmptySheetError();
    // Empty rows are kept so row numbers stay the sheet's rows.
    job = job ? await imports.addRows(job.id, rows) : await imports.startRows(target, `${area.sheet} (Excel)`, rows);
    onProgress(Math.min(area.rowCount, offset + ROWS_PER_SEND), area.rowCount);
  }
  if (!job) throw new EmptySheetError();
  rememberOrigin(job.id, { sheet: area.sheet, firstRow: area.firstRow, firstColumn: area.firstColumn, columnCount: area.columnCount });
  return { job, area };
}

export class EmptySheetError extends Error {
  constructor() {
    super('The sheet or selection is empty.');
    this.name = 'EmptySheetError';
  }
}
