/**
 * Writes the shipped print forms (templates/*.docx) from forms.ts:
 *   npm run templates
 * test/templates-shipped.test.ts fails when a committed file differs from
 * what this writes, so the .docx files and their source never drift apart.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { forms } from './forms.js';
import { buildDocx } from './ooxml.js';

export const TEMPLATES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function buildAll(): { name: string; file: string; content: Buffer }[] {
  return forms.map((form) => ({ name: form.name, file: path.join(TEMPLATES_DIR, `${form.name}.docx`), content: buildDocx(form) }));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const built of buildAll()) {
    fs.writeFileSync(built.file, built.content);
    process.stdout.write(`${path.relative(process.cwd(), built.file)}: ${built.content.length} bytes\n`);
  }
}
