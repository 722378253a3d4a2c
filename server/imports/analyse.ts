import type { AppContext } from '../context.js';
import { AppError } from '../errors/app-error.js';
import { importFields, type ImportField, type Target } from './fields.js';
import { readRows, type Structure } from './read/source.js';
import type { Cell } from './read/table.js';
import { detectHeaderRow, rebaseMapping, suggestMapping, type Mapping } from './suggest.js';

/** Rows read to find the header and suggest a mapping. */
const HEAD_ROWS = 40;

export async function headRows(file: string, structure: Structure, sheet: string | undefined, count = HEAD_ROWS): Promise<[number, Cell[]][]> {
  const rows: [number, Cell[]][] = [];
  for await (const row of readRows(file, structure, sheet)) {
    rows.push(row);
    if (rows.length >= count) break;
  }
  return rows;
}

export interface Analysis {
  header: Cell[];
  mapping: Mapping;
  fields: ImportField[];
}

/** Finds the header row (or takes the one given) and suggests a mapping, or rebases a saved one. */
export async function analyse(ctx: AppContext, target: Target, file: string, structure: Structure, options: { sheet?: string; headerRow?: number; saved?: Mapping }): Promise<Analysis> {
  const rows = await headRows(file, structure, options.sheet);
  if (!rows.length) throw new AppError('import_empty', options.sheet ? `The sheet "${options.sheet}" is empty.` : 'The file has no rows.');
  const headerRow = options.headerRow ?? options.saved?.headerRow ?? detectHeaderRow(rows);
  const header = rows.find(([n]) => n === headerRow)?.[1] ?? [];
  const sample = rows.filter(([n]) => n > headerRow).map(([, cells]) => cells);
  const fields = await importFields(ctx, ctx.db, target);
  const mapping = options.saved
    ? { ...rebaseMapping(options.saved, header), headerRow, ...(options.sheet ? { sheet: options.sheet } : {}) }
    : { ...suggestMapping(target, fields, header, sample, headerRow), ...(options.sheet ? { sheet: options.sheet } : {}) };
  return { header, mapping, fields };
}
