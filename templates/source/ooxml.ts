/**
 * A small WordprocessingML writer for Kontora's shipped print forms. The
 * forms are code (templates/source/forms.ts) so a change to them is
 * reviewable line by line; `npm run templates` writes the .docx files.
 * Only what business forms need: styles, paragraphs with runs, tables
 * with borders, a header and a footer with page numbers, A4 margins.
 */
import PizZip from 'pizzip';

export const esc = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

export interface RunOptions {
  bold?: boolean;
  italic?: boolean;
  size?: number; // points
  color?: string;
  caps?: boolean;
}

export type Inline = string | { text: string } & RunOptions | { field: 'PAGE' | 'NUMPAGES' } | { tab: true } | { br: true };

export interface ParaOptions {
  style?: string;
  align?: 'left' | 'center' | 'right' | 'both';
  spaceBefore?: number; // points
  spaceAfter?: number; // points
  keepNext?: boolean;
  /** A right-aligned tab stop at this many twips (for "name ........ date" lines). */
  tabRight?: number;
  indentFirst?: number; // twips
}

function run(item: Inline): string {
  if (typeof item === 'string') return `<w:r><w:t xml:space="preserve">${esc(item)}</w:t></w:r>`;
  if ('field' in item) {
    return `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> ${item.field} </w:instrText></w:r>`
      + '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>';
  }
  if ('tab' in item) return '<w:r><w:tab/></w:r>';
  if ('br' in item) return '<w:r><w:br/></w:r>';
  const props = [
    item.bold ? '<w:b/><w:bCs/>' : '',
    item.italic ? '<w:i/><w:iCs/>' : '',
    item.caps ? '<w:caps/>' : '',
    item.color ? `<w:color w:val="${item.color}"/>` : '',
    item.size ? `<w:sz w:val="${item.size * 2}"/><w:szCs w:val="${item.size * 2}"/>` : '',
  ].join('');
  return `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}<w:t xml:space="preserve">${esc(item.text)}</w:t></w:r>`;
}

export function p(content: Inline | Inline[] = [], options: ParaOptions = {}): string {
  const items = Array.isArray(content) ? content : [content];
  const props = [
    options.style ? `<w:pStyle w:val="${options.style}"/>` : '',
    options.keepNext ? '<w:keepNext/>' : '',
    options.tabRight ? `<w:tabs><w:tab w:val="right" w:pos="${options.tabRight}"/></w:tabs>` : '',
    options.spaceBefore !== undefined || options.spaceAfter !== undefined
      ? `<w:spacing${options.spaceBefore !== undefined ? ` w:before="${options.spaceBefore * 20}"` : ''}${options.spaceAfter !== undefined ? ` w:after="${options.spaceAfter * 20}"` : ''}/>`
      : '',
    options.indentFirst ? `<w:ind w:firstLine="${options.indentFirst}"/>` : '',
    options.align ? `<w:jc w:val="${options.align}"/>` : '',
  ].join('');
  return `<w:p>${props ? `<w:pPr>${props}</w:pPr>` : ''}${items.map(run).join('')}</w:p>`;
}

export const b = (text: string, more: RunOptions = {}): Inline => ({ text, bold: true, ...more });

export interface Cell {
  /** Paragraph XML (from p()), or plain text for one paragraph. */
  content: string | string[];
  width?: number; // twips
  span?: number;
  shade?: string;
  align?: ParaOptions['align'];
  bold?: boolean;
  /** Borders for this cell: none hides them (signature blocks, requisites side by side). */
  borders?: 'none';
  valign?: 'top' | 'center' | 'bottom';
}

export interface TableOptions {
  widths: number[]; // twips per column
  /** Header rows repeat on every page. */
  headerRows?: number;
  borders?: boolean;
  style?: string;
}

function cell(c: Cell | string, width: number): string {
  const spec: Cell = typeof c === 'string' ? { content: c } : c;
  const paras = Array.isArray(spec.content)
    ? spec.content
    : spec.content.startsWith('<w:') ? [spec.content] : [p(spec.bold ? b(spec.content) : spec.content, { style: 'TableText', ...(spec.align ? { align: spec.align } : {}) })];
  const props = [
    `<w:tcW w:w="${spec.width ?? width}" w:type="dxa"/>`,
    spec.span && spec.span > 1 ? `<w:gridSpan w:val="${spec.span}"/>` : '',
    spec.borders === 'none' ? '<w:tcBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/></w:tcBorders>' : '',
    spec.shade ? `<w:shd w:val="clear" w:color="auto" w:fill="${spec.shade}"/>` : '',
    spec.valign ? `<w:vAlign w:val="${spec.valign}"/>` : '',
  ].join('');
  return `<w:tc><w:tcPr>${props}</w:tcPr>${paras.join('')}</w:tc>`;
}

export function table(rows: (Cell | string)[][], options: TableOptions): string {
  const total = options.widths.reduce((a, w) => a + w, 0);
  const borders = options.borders === false
    ? '<w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/><w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders>'
    : '';
  const grid = `<w:tblGrid>${options.widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>`;
  const body = rows.map((cells, index) => {
    let column = 0;
    const tcs = cells.map((c) => {
      const span = typeof c === 'string' ? 1 : (c.span ?? 1);
      const width = options.widths.slice(column, column + span).reduce((a, w) => a + w, 0);
      column += span;
      return cell(c, width);
    });
    const header = options.headerRows && index < options.headerRows ? '<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>' : '<w:trPr><w:cantSplit/></w:trPr>';
    return `<w:tr>${header}${tcs.join('')}</w:tr>`;
  });
  return `<w:tbl><w:tblPr><w:tblStyle w:val="${options.style ?? 'FormTable'}"/><w:tblW w:w="${total}" w:type="dxa"/>${borders}<w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>${grid}${body.join('')}</w:tbl>`;
}

/** A4 portrait: 210 × 297 mm; 1 mm = 56.7 twips. */
export const PAGE = { width: 11906, height: 16838, top: 1134, bottom: 1134, left: 1418, right: 850 };
export const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles ${W_NS}>
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:eastAsia="Arial" w:cs="Arial"/><w:sz w:val="20"/><w:szCs w:val="20"/><w:lang w:val="en-GB" w:eastAsia="en-US" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr><w:spacing w:after="80" w:line="252" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="120" w:after="60"/><w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val="30"/><w:szCs w:val="30"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="240"/><w:jc w:val="center"/></w:pPr><w:rPr><w:color w:val="444444"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="200" w:after="80"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val="22"/><w:szCs w:val="22"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:before="20" w:after="20" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Small"><w:name w:val="Small"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="0"/></w:pPr><w:rPr><w:color w:val="555555"/><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Normal"/><w:pPr><w:tabs><w:tab w:val="right" w:pos="${TEXT_WIDTH}"/></w:tabs><w:spacing w:after="0"/></w:pPr><w:rPr><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/><w:pPr><w:tabs><w:tab w:val="right" w:pos="${TEXT_WIDTH}"/></w:tabs><w:spacing w:after="0"/></w:pPr><w:rPr><w:color w:val="555555"/><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr></w:style>
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
<w:style w:type="table" w:styleId="FormTable"><w:name w:val="Form Table"/><w:basedOn w:val="TableNormal"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders><w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
</w:styles>`;

const SETTINGS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings ${W_NS}><w:zoom w:percent="100"/><w:defaultTabStop w:val="708"/><w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>`;

const FONT_TABLE = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts ${W_NS}><w:font w:name="Arial"><w:panose1 w:val="020B0604020202020204"/><w:charset w:val="00"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font></w:fonts>`;

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Default Extension="jpeg" ContentType="image/jpeg"/><Default Extension="gif" ContentType="image/gif"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>`;

const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>`;

const DOCUMENT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>`;

export interface Form {
  /** File name without .docx; also the template's name on the server. */
  name: string;
  title: string;
  recordType: 'contract' | 'invoice' | 'client';
  /** Paragraphs and tables of the header, the body and the footer. */
  header: string[];
  body: string[];
  footer: string[];
}

/** The fixed time stamped into the shipped files, so a rebuild changes nothing. */
const FIXED = new Date('2026-11-27T00:00:00Z');

export function buildDocx(form: Form): Buffer {
  const part = (root: 'w:hdr' | 'w:ftr' | 'w:document', inner: string) =>
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${root} ${W_NS}>${inner}</${root}>`;
  const sect = `<w:sectPr><w:headerReference w:type="default" r:id="rId4"/><w:footerReference w:type="default" r:id="rId5"/><w:pgSz w:w="${PAGE.width}" w:h="${PAGE.height}"/><w:pgMar w:top="${PAGE.top}" w:right="${PAGE.right}" w:bottom="${PAGE.bottom}" w:left="${PAGE.left}" w:header="567" w:footer="454" w:gutter="0"/><w:cols w:space="708"/></w:sectPr>`;
  const core = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>${esc(form.title)}</dc:title><dc:creator>Kontora</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${FIXED.toISOString().replace('.000', '')}</dcterms:created></cp:coreProperties>`;
  const app = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Kontora</Application></Properties>`;
  const zip = new PizZip();
  const files: [string, string][] = [
    ['[Content_Types].xml', CONTENT_TYPES],
    ['_rels/.rels', ROOT_RELS],
    ['docProps/core.xml', core],
    ['docProps/app.xml', app],
    ['word/document.xml', part('w:document', `<w:body>${form.body.join('')}${sect}</w:body>`)],
    ['word/_rels/document.xml.rels', DOCUMENT_RELS],
    ['word/styles.xml', STYLES],
    ['word/settings.xml', SETTINGS],
    ['word/fontTable.xml', FONT_TABLE],
    ['word/header1.xml', part('w:hdr', form.header.join('') || p())],
    ['word/footer1.xml', part('w:ftr', form.footer.join('') || p())],
  ];
  for (const [name, content] of files) zip.file(name, content, { date: FIXED });
  return zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' });
}
