/**
 * npm run manifests -- --base-url https://crm.example.com [--out DIR] [--version N.N.N.N]
 *
 * Writes manifest.xml (Excel + Word) and manifest.outlook.xml for a Kontora
 * server at another address — for central deployment from the Microsoft 365
 * admin center or a shared-folder catalog. Every URL of the checked-in
 * localhost manifests (task pane pages, icons, AppDomains) is rewritten, and
 * the result is validated against the Office XSDs in ../shared/office-schemas
 * before anything is written.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { validateXML } from 'xmllint-wasm';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The address the checked-in manifests point at (npm start with the dev certificate). */
export const DEFAULT_BASE_URL = 'https://localhost:3443';
export const MANIFEST_FILES = ['manifest.xml', 'manifest.outlook.xml'] as const;
/** Beside the repository, as in every checkout with ../shared; not inside it. */
export const SCHEMAS_DIR = path.resolve(root, '..', 'shared', 'office-schemas');
const ENTRY_SCHEMA = 'OfficeAppManifestV1_1.xsd';

/** A refusal the command line shows as it is, without a stack trace. */
export class ManifestError extends Error {}

/**
 * Checks a base URL given on the command line and returns it without a
 * trailing slash. Office loads add-ins only over HTTPS, so anything else is
 * refused rather than producing manifests that silently fail to load.
 */
export function parseBaseUrl(input: string): string {
  const text = input.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ManifestError(`--base-url "${input}" is not a URL; give the full address, e.g. https://crm.example.com`);
  }
  if (url.protocol !== 'https:') {
    throw new ManifestError(`--base-url must start with https:// (got "${url.protocol}//…"): Office loads add-ins only over trusted HTTPS`);
  }
  if (!url.hostname) throw new ManifestError(`--base-url "${input}" has no host name`);
  if (url.username || url.password) throw new ManifestError('--base-url must not contain a user name or password');
  if (url.search || url.hash || /[?#]/.test(text)) throw new ManifestError('--base-url must not contain a query (?…) or fragment (#…); give the address Kontora is served at');
  // The path becomes part of XML attribute values and of every page URL: keep
  // it to plain URL characters so nothing needs escaping and nothing surprises.
  if (!/^[A-Za-z0-9\-._~/%]*$/.test(url.pathname)) {
    throw new ManifestError(`--base-url path "${url.pathname}" may contain only letters, digits, "-", ".", "_", "~", "%" and "/"`);
  }
  return url.href.replace(/\/+$/, '');
}

/**
 * Checks a manifest version given on the command line: Office's format, one
 * to four dot-separated numbers of up to five digits.
 */
export function parseVersion(input: string): string {
  const text = input.trim();
  if (!/^\d{1,5}(\.\d{1,5}){0,3}$/.test(text)) {
    throw new ManifestError(`--version must be one to four numbers separated by dots, e.g. 1.0.3.0 (got "${input}")`);
  }
  return text;
}

/**
 * The manifest with every URL moved from `from` to `to`. AppDomain entries
 * are origins (scheme, host and port), so they get the new origin even when
 * Kontora is served under a path.
 */
export function rewriteManifest(xml: string, to: string, from = DEFAULT_BASE_URL): string {
  const origin = new URL(to).origin;
  let out = xml.replace(/<AppDomain>\s*([^<]*?)\s*<\/AppDomain>/g, (whole, domain: string) =>
    domain.replace(/\/+$/, '') === from ? `<AppDomain>${origin}</AppDomain>` : whole);
  out = out.split(`"${from}/`).join(`"${to}/`);
  // The header comment describes the localhost defaults; say what this copy is instead.
  out = out.replace(/^(<\?xml[^>]*\?>\s*)<!--[\s\S]*?-->/, `$1<!-- Written by \`npm run manifests\` for ${to}: regenerate it rather than edit it. -->`);
  const left = manifestUrls(out).filter((u) => u.startsWith(from));
  if (left.length && to !== from) throw new ManifestError(`a URL of ${from} was not rewritten: ${left[0]}`);
  return out;
}

/** Every http(s) URL in the manifest's attributes and elements (comments excluded). */
export function manifestUrls(xml: string): string[] {
  const body = xml.replace(/<!--[\s\S]*?-->/g, '');
  return [...body.matchAll(/https?:\/\/[^"<\s]+/g)].map((m) => m[0]).filter((u) => !u.startsWith('http://schemas.microsoft.com/') && !u.startsWith('http://www.w3.org/'));
}

export function schemasAvailable(dir = SCHEMAS_DIR): boolean {
  return fs.existsSync(path.join(dir, ENTRY_SCHEMA));
}

/** xmllint's complaints about the manifest, empty when it is valid. */
export async function validateManifest(xml: string, fileName: string, dir = SCHEMAS_DIR): Promise<string[]> {
  const read = (name: string) => ({ fileName: name, contents: fs.readFileSync(path.join(dir, name), 'utf8') });
  const others = fs.readdirSync(dir).filter((f) => f.endsWith('.xsd') && f !== ENTRY_SCHEMA);
  const result = await validateXML({
    xml: [{ fileName, contents: xml }],
    schema: [read(ENTRY_SCHEMA)],
    preload: others.map(read),
  });
  return result.valid ? [] : result.errors.map((e) => e.rawMessage.trim());
}

export interface WriteResult {
  files: string[];
  /** False when the schemas folder is absent and nothing could be validated. */
  validated: boolean;
}

/** Rewrites, validates and only then writes both manifests into `outDir`. */
export async function writeManifests(baseUrl: string, outDir: string, options: { schemasDir?: string; sourceDir?: string; version?: string } = {}): Promise<WriteResult> {
  const base = parseBaseUrl(baseUrl);
  const version = options.version === undefined ? undefined : parseVersion(options.version);
  const schemasDir = options.schemasDir ?? SCHEMAS_DIR;
  const sourceDir = options.sourceDir ?? root;
  const validated = schemasAvailable(schemasDir);
  const rewritten: Array<[string, string]> = [];
  for (const name of MANIFEST_FILES) {
    let xml = rewriteManifest(fs.readFileSync(path.join(sourceDir, name), 'utf8'), base);
    if (version) xml = xml.replace(/<Version>[^<]*<\/Version>/, `<Version>${version}</Version>`);
    if (validated) {
      const errors = await validateManifest(xml, name, schemasDir);
      if (errors.length) throw new ManifestError(`${name} for ${base} does not validate against the Office schemas:\n  ${errors.join('\n  ')}`);
    }
    rewritten.push([name, xml]);
  }
  fs.mkdirSync(outDir, { recursive: true });
  const files = rewritten.map(([name, xml]) => {
    const file = path.join(outDir, name);
    fs.writeFileSync(file, xml);
    return file;
  });
  return { files, validated };
}

const USAGE = `Usage: npm run manifests -- --base-url https://crm.example.com [--out DIR] [--version N.N.N.N]

Writes manifest.xml (Excel, Word) and manifest.outlook.xml (Outlook) with every
URL pointing at the given HTTPS address, validated against the Office schemas.
  --base-url URL   where users reach Kontora (https only; a path is allowed)
  --out DIR        where to write them (default: dist/manifests)
  --version V      the add-in version to declare (Office updates an installed
                   add-in only when it grows; default: the checked-in one)`;

async function main(argv: string[]): Promise<number> {
  let values: { 'base-url'?: string; out?: string; version?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { 'base-url': { type: 'string' }, out: { type: 'string' }, version: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true, allowPositionals: false,
    }));
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values['base-url']) {
    console.error(`--base-url is required.\n\n${USAGE}`);
    return 2;
  }
  const outDir = path.resolve(values.out ?? path.join(root, 'dist', 'manifests'));
  try {
    const { files, validated } = await writeManifests(values['base-url'], outDir, values.version === undefined ? {} : { version: values.version });
    if (!validated) console.warn(`⚠ ${SCHEMAS_DIR} is absent: the manifests were written but NOT validated against the Office schemas.`);
    for (const file of files) console.log(`wrote ${path.relative(process.cwd(), file) || file}${validated ? ' (valid)' : ''}`);
    return 0;
  } catch (err) {
    if (err instanceof ManifestError) {
      console.error(err.message);
      return 2;
    }
    throw err;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = await main(process.argv.slice(2));
}
