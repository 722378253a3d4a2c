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
  /** How many of the last columns to hide (e.g. the id and version kept for pushing changes back). */
  hiddenColumns?: number;
}

/** A block of a worksheet: its position (1-based) and size, not its values. */
export interface SheetArea {
  sheet: string;
  firstRow: number;
  firstColumn: number;
  rowCount: number;
  columnCount: number;
}

/** A row to mark in a sheet: a fill and a note beside it, or `clear` to take both away. */
export interface RowMark {
  /** 1-based sheet row. */
  row: number;
  kind: 'rejected' | 'conflict' | 'clear';
  note?: string;
}

export interface MessageInfo {
  subject: string;
  from: { name: string; email: string } | null;
  to: { name: string; email: string }[];
  cc: { name: string; email: string }[];
  /** Exchange item id (EWS form) of the open message, when Outlook gives one. */
  itemId: string | null;
  received: string | null;
  /** The Internet Message-ID header: the same message in every mailbox, to log it once. */
  internetMessageId: string | null;
  /** The item id in REST form (Outlook REST v2.0 / Graph), kept on the logged event to find the message again. */
  restId: string | null;
  /** File attachments shown to the reader (inline pictures and attached items left out). */
  attachments: MessageAttachment[];
}

export interface MessageAttachment {
  id: string;
  name: string;
  size: number;
  contentType: string;
}

export interface ExcelHost {
  kind: 'excel';
  /** Writes a list into a new worksheet as an Excel table; answers the sheet's name. */
  pullTable(table: SheetTable): Promise<string>;
  /** The used range of the active sheet, or the selection: where it is and how big, without its values. */
  sheetArea(source: 'used' | 'selection'): Promise<SheetArea>;
  /** Rows `offset`…`offset + count - 1` of an area, read in blocks below Excel's payload limit; date cells as ISO text. */
  readRows(area: SheetArea, offset: number, count: number): Promise<Cell[][]>;
  /** Fills rows (columns `firstColumn`…`lastColumn`) and writes each row's note in `noteColumn`, titled `noteHeader` in `headerRow`. */
  markRows(sheet: string, layout: { firstColumn: number; lastColumn: number; noteColumn: number; headerRow: number; noteHeader: string }, marks: RowMark[]): Promise<void>;
  /** Writes single cells (1-based row and column), as text where Excel would read a formula. */
  writeCells(sheet: string, cells: { row: number; column: number; value: Cell }[]): Promise<void>;
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
  /** The open message's body as plain text (Outlook converts HTML), at most maxChars characters. */
  bodyText(maxChars: number): Promise<string>;
  /** Whether attachment contents can be read (Mailbox 1.8; older Outlook can only list them). */
  canReadAttachments(): boolean;
  /** One attachment's content, base64, as Outlook gives it. */
  attachmentContent(id: string): Promise<string>;
  /** The signed-in mailbox's own address, to leave out of "other recipients". */
  mailboxAddress(): string | null;
  /** Calls back when the reader moves to another message while the pane stays pinned; returns a function that stops it. */
  onMessageChanged(listener: () => void): () => void;
  /** Opens a message of this mailbox by its REST id; false when this Outlook cannot. */
  openMessage(restId: string): boolean;
}

export interface BrowserHost {
  kind: 'browser';
}

export type Host = BrowserHost | ExcelHost | WordHost | OutlookHost;
