/**
 * "A document was issued for this record": the Print menu announces it and
 * the record's Documents list reloads, without the card that holds both
 * having to pass state between them.
 */
type Listener = (recordType: string, recordId: number) => void;

const listeners = new Set<Listener>();

export function onDocumentIssued(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function documentIssued(recordType: string, recordId: number): void {
  for (const l of listeners) l(recordType, recordId);
}

/**
 * Whether this server can make PDFs. There is no flag for it: the first
 * pdf_unavailable answer says no, and the menus stop offering PDF for the
 * rest of the session instead of failing again on every click.
 */
let pdfUnavailable = false;

export function pdfKnownUnavailable(): boolean {
  return pdfUnavailable;
}

export function markPdfUnavailable(): void {
  pdfUnavailable = true;
}
