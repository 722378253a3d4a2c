import { api, ApiError, type ErrorDetail, type ListPage } from '../api/client.js';

/** What an import makes: clients, contacts or products (a price list). */
export type Target = 'clients' | 'contacts' | 'products';
export const TARGETS: Target[] = ['clients', 'contacts', 'products'];

export type Policy = 'skip' | 'update' | 'create' | 'review';
export const POLICIES: Policy[] = ['skip', 'update', 'create', 'review'];

export type JobStatus = 'ready' | 'running' | 'cancelling' | 'cancelled' | 'interrupted' | 'done' | 'failed' | 'undone';

export interface MappedColumn {
  /** 0-based column of the sheet. */
  column: number;
  header?: string;
  field: string;
  /** Phone or e-mail type (work, mobile…). */
  type?: string;
  labelColumn?: number;
}

export interface Mapping {
  sheet?: string;
  /** 1-based row holding the headers. */
  headerRow: number;
  columns: MappedColumn[];
  dateOrder?: 'dmy' | 'mdy';
}

export interface Counts {
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  held: number;
}

export interface ImportJob {
  id: number;
  target: Target;
  status: JobStatus;
  fileName: string;
  format: 'xlsx' | 'csv' | 'vcard' | 'json';
  size: number;
  structure: { format: string; sheets: { name: string; rowsEstimate: number | null }[]; text?: { encoding?: string; delimiter?: string } };
  options: { sheet: string | null; mapping: Mapping; onDuplicate: Policy };
  header: (string | null)[];
  progress: { lastRow: number; rowsEstimate: number | null; percent: number | null };
  counts: Counts;
  error: { code: string; message: string | null } | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface ImportField {
  key: string;
  label: string;
  kind: string;
  type: string | null;
  custom: boolean;
}

export interface Problem {
  field?: string;
  code: string;
  message: string;
}

export interface PreviewRow {
  rowNumber: number;
  values: Record<string, unknown>;
  problems: Problem[];
  duplicate: { id: number; name: string | null; reason: string; value: string } | null;
}

export interface ImportRow {
  rowNumber: number;
  outcome: 'created' | 'updated' | 'skipped' | 'failed' | 'held';
  entity: string | null;
  recordId: number | null;
  cells: unknown[] | null;
  problems: Problem[];
  undo: string | null;
}

export interface SavedMapping {
  id: number;
  target: Target;
  name: string;
  mapping: Mapping;
  version: number;
}

export interface Refusal {
  rowNumber: number;
  entity: string;
  recordId: number;
  code: string;
  message: string;
}

export interface UndoResult {
  removed: number;
  restored: number;
  refused: Refusal[];
  job: ImportJob;
}

/** Whether a job's runner is still at work (poll it). */
export function isActive(status: JobStatus): boolean {
  return status === 'running' || status === 'cancelling';
}

/** The record path a target's records open at. */
export const RECORD_PATHS: Record<string, string> = { client: '/clients', contact: '/contacts', product: '/catalog/products' };

/**
 * Uploads a file as the body of POST /imports, reporting progress. Uses
 * XMLHttpRequest because fetch cannot tell how much of a body has gone out;
 * a 100-MB price list should not look frozen.
 */
export function uploadFile(target: Target, file: File, onProgress: (sent: number, total: number) => void, signal?: AbortSignal): Promise<ImportJob> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', api.url('/imports', { target, fileName: file.name }));
    for (const [k, v] of Object.entries(api.authHeaders('POST'))) xhr.setRequestHeader(k, v);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.withCredentials = true;
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onerror = () => reject(new ApiError(0, 'network', 'The server cannot be reached. Check your connection and try again.'));
    xhr.onabort = () => reject(new DOMException('Upload cancelled', 'AbortError'));
    xhr.onload = () => {
      let body: { error?: { code?: string; message?: string; details?: ErrorDetail[] } } | ImportJob | undefined;
      try {
        body = JSON.parse(xhr.responseText) as typeof body;
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300 && body) return resolve(body as ImportJob);
      const e = (body as { error?: { code?: string; message?: string; details?: ErrorDetail[] } } | undefined)?.error;
      if (xhr.status === 401) api.expired();
      reject(new ApiError(xhr.status, e?.code ?? `http_${xhr.status}`, e?.message ?? `The server answered ${xhr.status}.`, e?.details ?? [], body));
    };
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(file);
  });
}

export const imports = {
  get: (id: number) => api.get<ImportJob>(`/imports/${id}`),
  list: (offset = 0, limit = 50) => api.get<ListPage<ImportJob>>('/imports', { offset, limit }),
  fields: (target: Target) => api.get<{ items: ImportField[]; uploadLimit: number }>(`/import-fields/${target}`),
  update: (id: number, body: { sheet?: string; headerRow?: number; mapping?: Mapping; mappingName?: string; onDuplicate?: Policy }) => api.patch<ImportJob>(`/imports/${id}`, body),
  preview: (id: number, limit = 20) => api.get<{ items: PreviewRow[]; mapping: Mapping; header: (string | null)[] }>(`/imports/${id}/preview`, { limit }),
  run: (id: number, onDuplicate: Policy) => api.post<ImportJob>(`/imports/${id}/run`, { onDuplicate }),
  cancel: (id: number) => api.post<ImportJob>(`/imports/${id}/cancel`),
  resume: (id: number) => api.post<ImportJob>(`/imports/${id}/resume`),
  undo: (id: number) => api.post<UndoResult>(`/imports/${id}/undo`),
  remove: (id: number) => api.delete(`/imports/${id}`),
  rows: (id: number, outcome: ImportRow['outcome'], offset = 0, limit = 100) => api.get<ListPage<ImportRow>>(`/imports/${id}/rows`, { outcome, offset, limit }),
  review: (id: number, decisions: { rowNumber: number; action: 'skip' | 'create' | 'update' }[]) => api.post<ImportJob>(`/imports/${id}/review`, { decisions }),
  mappings: (target: Target) => api.get<{ items: SavedMapping[] }>('/import-mappings', { target }).then((r) => r.items),
  saveMapping: (target: Target, name: string, mapping: Mapping) => api.post<SavedMapping>('/import-mappings', { target, name, mapping }),
  deleteMapping: (id: number) => api.delete(`/import-mappings/${id}`),
  /** Starts an import from rows (the Excel pane): the header row first. */
  startRows: (target: Target, fileName: string, rows: unknown[][]) => api.post<ImportJob>('/imports/rows', { target, fileName, rows }),
  addRows: (id: number, rows: unknown[][]) => api.post<ImportJob>(`/imports/${id}/rows`, { rows }),
};

/** Every row of an outcome, page by page (held rows to review, failed rows to mark in a sheet). */
export async function allRows(id: number, outcome: ImportRow['outcome'], max = 100_000): Promise<ImportRow[]> {
  const out: ImportRow[] = [];
  for (let offset = 0; offset < max; offset += 500) {
    const page = await imports.rows(id, outcome, offset, 500);
    out.push(...page.items);
    if (page.items.length < 500) break;
  }
  return out;
}
