/**
 * The plain text of a .docx, paragraph by paragraph (tables cell by cell,
 * " | " between cells), header and footer first: what golden tests
 * compare and what a preview can show.
 */
import PizZip from 'pizzip';

/** Text of a w:t element as Word wrote it, XML entities decoded. */
export const unescapeXml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

function paragraphText(xml: string): string {
  let text = '';
  for (const m of xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>|<w:br(?:\s[^>]*)?\/>|<w:drawing>[\s\S]*?<\/w:drawing>/g)) {
    if (m[1] !== undefined) text += unescapeXml(m[1]);
    else if (m[0].startsWith('<w:tab')) text += '\t';
    else if (m[0].startsWith('<w:br')) text += m[0].includes('page') ? '\n[page break]\n' : '\n';
    else text += '[image]';
  }
  return text;
}

function partText(xml: string): string[] {
  const lines: string[] = [];
  // Rows of tables become one line, cells joined; other paragraphs one line each.
  const blocks = xml.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>|<w:p[ >][\s\S]*?<\/w:p>|<w:p\/>/g);
  let skipUntil = -1;
  for (const block of blocks) {
    if (block.index! < skipUntil) continue;
    if (block[0].startsWith('<w:tr')) {
      skipUntil = block.index! + block[0].length;
      const cells = [...block[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => [...c[0].matchAll(/<w:p[ >][\s\S]*?<\/w:p>|<w:p\/>/g)].map((p) => paragraphText(p[0])).filter(Boolean).join(' / '));
      lines.push(cells.join(' | '));
    } else {
      lines.push(paragraphText(block[0]));
    }
  }
  return lines;
}

export function docxText(docx: Buffer): string {
  const zip = new PizZip(docx);
  const parts = Object.keys(zip.files).filter((n) => /^word\/(header\d*|document|footer\d*)\.xml$/.test(n)).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return parts.map((name) => `--- ${name.replace(/^word\//, '')}\n${partText(zip.file(name)!.asText()).join('\n')}`).join('\n') + '\n';
}

const rank = (name: string) => (name.includes('header') ? 0 : name.includes('document') ? 1 : 2);
