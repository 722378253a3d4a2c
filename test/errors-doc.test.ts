import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { errorCodes } from '../server/errors/codes.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('Error codes', () => {
  it('are all documented in docs/errors.md with their HTTP status', () => {
    const doc = fs.readFileSync(path.join(root, 'docs', 'errors.md'), 'utf8');
    for (const [code, { status }] of Object.entries(errorCodes)) {
      assert.match(doc, new RegExp(`\\|\\s*\`${code}\`\\s*\\|\\s*${status}\\s*\\|`), `docs/errors.md lacks a row for ${code} (${status})`);
    }
  });

  it('are all used somewhere in the server', () => {
    const sources: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(path.join(dir, e.name));
        else if (e.name.endsWith('.ts') && !dir.endsWith('errors')) sources.push(fs.readFileSync(path.join(dir, e.name), 'utf8'));
      }
    };
    walk(path.join(root, 'server'));
    const all = sources.join('\n');
    for (const code of Object.keys(errorCodes)) assert.ok(all.includes(`'${code}'`), `error code ${code} is never raised`);
  });
});
