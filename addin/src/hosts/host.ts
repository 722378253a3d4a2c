/**
 * What the app may ask of the Office application it runs in. Only the
 * adapters in this folder touch office.js; screens ask `host.kind` and call
 * the capabilities that host has, so host-specific actions appear only in
 * their host and the browser build never needs office.js.
 */
export type HostKind = 'browser' | 'excel' | 'word' | 'outlook';

export type Cell = string | number | boolean | null;

export interface SheetTable {
  /** Worksheet and table name base, e.g. "Clients". */
  title: string;
  columns: string[];
  rows: Cell[][];
}

export interface MessageInfo {
  subject: string;
  from: { name: string; email: string } | null;
  to: { name: string; email: string }[];
  cc: { name: string; email: string }[];
  /** Exchange item id (EWS form) of the open message, when Outlook gives one. */
  itemId: string | null;
  received: string | null;
}

export interface ExcelHost {
  kind: 'excel';
  /** Writes a list into a new worksheet as an Excel table; answers the sheet's name. */
  pullTable(table: SheetTable): Promise<string>;
}

export interface WordHost {
  kind: 'word';
  /** Inserts paragraphs of text at the cursor (replacing the selection). */
  insertParagraphs(paragraphs: string[]): Promise<void>;
  /** Inserts text at the cursor (replacing the selection), e.g. a merge field. */
  insertTextAtCursor(text: string): Promise<void>;
  /** Replaces the whole open document with a .docx (base64), its headers and footers included. */
  insertFileFromBase64(base64: string): Promise<void>;
  /** Opens a .docx (base64) as a new document in its own window. */
  createDocument(base64: string): Promise<void>;
  /** The open document as .docx bytes, as Word would save it. */
  getDocumentBytes(): Promise<Uint8Array>;
}

export interface OutlookHost {
  kind: 'outlook';
  /** The message open in the reading pane, or null when none is. */
  currentMessage(): Promise<MessageInfo | null>;
}

export interface BrowserHost {
  kind: 'browser';
}

export type Host = BrowserHost | ExcelHost | WordHost | OutlookHost;
