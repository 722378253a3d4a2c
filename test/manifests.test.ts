import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { drawMark, ICON_SIZES } from '../scripts/icons.js';
import {
  DEFAULT_BASE_URL, MANIFEST_FILES, ManifestError, manifestUrls, parseBaseUrl, rewriteManifest,
  SCHEMAS_DIR, schemasAvailable, validateManifest, writeManifests,
} from '../scripts/manifests.js';
import { startTestServer } from './support/server.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const read = (name: string) => fs.readFileSync(path.join(root, name), 'utf8');
const run = promisify(execFile);

/** Width, height and RGBA pixels of a PNG written by scripts/icons.ts (8-bit RGBA, filter 0). */
function readPng(file: string): { width: number; height: number; colourType: number; pixels: Buffer } {
  const buf = fs.readFileSync(file);
  assert.equal(buf.subarray(0, 8).toString('hex'), '89504e470d0a1a0a', `${file} is not a PNG`);
  assert.equal(buf.subarray(12, 16).toString('ascii'), 'IHDR');
  const width = buf.readUInt32BE(16);
  const height = buf.readUInt32BE(20);
  const colourType = buf[25]!;
  const idat: Buffer[] = [];
  for (let at = 8; at < buf.length;) {
    const length = buf.readUInt32BE(at);
    if (buf.subarray(at + 4, at + 8).toString('ascii') === 'IDAT') idat.push(buf.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    assert.equal(raw[y * (stride + 1)], 0, 'rows are written unfiltered');
    raw.copy(pixels, y * stride, y * (stride + 1) + 1, (y + 1) * (stride + 1));
  }
  return { width, height, colourType, pixels };
}

function withSchemas(this: Mocha.Context): void {
  if (!schemasAvailable()) {
    console.log(`\n    ⚠ ${SCHEMAS_DIR} is absent: manifest XSD validation is SKIPPED.\n`);
    this.skip();
  }
}

describe('Office manifests', function () {
  describe('validation against the official XSDs', function () {
    before(withSchemas);

    for (const name of MANIFEST_FILES) {
      it(`${name} as checked in is valid`, async function () {
        assert.deepEqual(await validateManifest(read(name), name), []);
      });

      it(`${name} rewritten for https://crm.example.com is valid`, async function () {
        assert.deepEqual(await validateManifest(rewriteManifest(read(name), 'https://crm.example.com'), name), []);
      });
    }

    it('rejects a manifest with an element the schema does not know', async function () {
      const broken = read('manifest.xml').replace('<Permissions>', '<Colour>blue</Colour>\n  <Permissions>');
      const errors = await validateManifest(broken, 'manifest.xml');
      assert.equal(errors.length, 1);
      assert.match(errors[0]!, /Colour/);
    });

    it('rejects a malformed add-in Id', async function () {
      const broken = read('manifest.outlook.xml').replace(/<Id>[^<]+<\/Id>/, '<Id>not-a-guid</Id>');
      assert.notDeepEqual(await validateManifest(broken, 'manifest.outlook.xml'), []);
    });
  });

  describe('what Office is told', function () {
    it('Excel and Word get a task pane with a Kontora ribbon tab each, reading and writing the document', function () {
      const xml = read('manifest.xml');
      assert.match(xml, /xsi:type="TaskPaneApp"/);
      assert.match(xml, /<Host Name="Workbook"\/>[\s\S]*<Host Name="Document"\/>/);
      assert.match(xml, /<Permissions>ReadWriteDocument<\/Permissions>/);
      assert.match(xml, /<SourceLocation DefaultValue="https:\/\/localhost:3443\/taskpane\.html"\/>/);
      for (const host of ['Workbook', 'Document']) {
        const part = xml.split(`<Host xsi:type="${host}">`)[1]!.split('</Host>')[0]!;
        assert.match(part, /<ExtensionPoint xsi:type="PrimaryCommandSurface">\s*<CustomTab /, `${host} has its own tab`);
        assert.match(part, /<Action xsi:type="ShowTaskpane">/, `${host}'s button opens the pane`);
      }
    });

    it('Outlook gets a button on read messages, Mailbox 1.5 and read/write access to the item', function () {
      const xml = read('manifest.outlook.xml');
      assert.match(xml, /xsi:type="MailApp"/);
      assert.match(xml, /<Set Name="Mailbox" MinVersion="1\.5"\/>/);
      assert.match(xml, /<bt:Sets DefaultMinVersion="1\.5">/);
      assert.match(xml, /<Permissions>ReadWriteItem<\/Permissions>/);
      assert.match(xml, /<Rule xsi:type="ItemIs" ItemType="Message" FormType="Read"\/>/);
      assert.match(xml, /<ExtensionPoint xsi:type="MessageReadCommandSurface">[\s\S]*<Action xsi:type="ShowTaskpane">/);
    });

    it('every URL points at the Kontora server: the app, the task pane page of its host, or an icon that exists', function () {
      const pages = new Set(['/', '/taskpane.html', '/taskpane.html?host=excel', '/taskpane.html?host=word', '/taskpane.html?host=outlook']);
      for (const name of MANIFEST_FILES) {
        const urls = manifestUrls(read(name));
        assert.ok(urls.length > 5, `${name} has its URLs`);
        for (const u of urls) {
          assert.ok(u.startsWith(`${DEFAULT_BASE_URL}/`) || u === DEFAULT_BASE_URL, `${name}: ${u} is on ${DEFAULT_BASE_URL}`);
          const rest = u.slice(DEFAULT_BASE_URL.length) || '/';
          const icon = /^\/assets\/icon-(\d+)\.png$/.exec(rest);
          if (icon) {
            assert.ok(fs.existsSync(path.join(root, 'addin', 'public', 'assets', `icon-${icon[1]}.png`)), `${name}: ${u} exists in addin/public/assets`);
          } else {
            assert.ok(pages.has(rest), `${name}: ${u} is a page the front end serves`);
          }
        }
      }
      assert.match(read('manifest.outlook.xml'), /taskpane\.html\?host=outlook/);
      assert.match(read('manifest.xml'), /taskpane\.html\?host=excel[\s\S]*taskpane\.html\?host=word/);
    });

    it('the server serves every page and icon the manifests name (once the front end is built)', async function () {
      if (!fs.existsSync(path.join(root, 'addin', 'dist', 'taskpane.html'))) {
        console.log('\n    ⚠ addin/dist is not built (npm run build): the served-pages check is SKIPPED.\n');
        this.skip();
      }
      const t = await startTestServer('sqlite');
      try {
        for (const name of MANIFEST_FILES) {
          for (const u of manifestUrls(read(name)).filter((x) => x !== DEFAULT_BASE_URL)) {
            const res = await fetch(t.url + u.slice(DEFAULT_BASE_URL.length));
            assert.equal(res.status, 200, `${name}: ${u} is served`);
            const type = res.headers.get('content-type') ?? '';
            assert.match(type, u.endsWith('.png') ? /^image\/png/ : /^text\/html/, `${name}: ${u} is served as ${type}`);
            if (u.endsWith('.png')) {
              const served = Buffer.from(await res.arrayBuffer());
              assert.ok(served.equals(fs.readFileSync(path.join(root, 'addin', 'public', u.slice(u.indexOf('/assets/') + 1)))), `${u} is the committed icon`);
            } else {
              assert.match(await res.text(), /<title>[^<]*Kontora/, `${u} is a Kontora page`);
            }
          }
        }
      } finally {
        await t.close();
      }
    });

    it('the icons the manifests name have the sizes their elements promise', function () {
      const checks: Array<[string, RegExp]> = [
        ['manifest.xml', /<IconUrl DefaultValue="[^"]*icon-(\d+)\.png"/],
        ['manifest.xml', /<HighResolutionIconUrl DefaultValue="[^"]*icon-(\d+)\.png"/],
        ['manifest.outlook.xml', /<IconUrl DefaultValue="[^"]*icon-(\d+)\.png"/],
        ['manifest.outlook.xml', /<HighResolutionIconUrl DefaultValue="[^"]*icon-(\d+)\.png"/],
      ];
      const expected = { 'manifest.xml': [32, 64], 'manifest.outlook.xml': [64, 128] } as Record<string, number[]>;
      const seen: Record<string, number[]> = {};
      for (const [name, re] of checks) (seen[name] ??= []).push(Number(re.exec(read(name))![1]));
      assert.deepEqual(seen, expected);
      for (const name of MANIFEST_FILES) {
        const xml = read(name);
        for (const m of xml.matchAll(/<bt:Image size="(\d+)" resid="([^"]+)"\/>/g)) {
          const url = new RegExp(`<bt:Image id="${m[2]!.replace(/\./g, '\\.')}" DefaultValue="[^"]*icon-(\\d+)\\.png"`).exec(xml);
          assert.ok(url, `${name}: resource ${m[2]} is defined`);
          assert.equal(url[1], m[1], `${name}: the ${m[1]}-px slot gets the ${m[1]}-px icon`);
        }
      }
      for (const size of ICON_SIZES) {
        const png = readPng(path.join(root, 'addin', 'public', 'assets', `icon-${size}.png`));
        assert.deepEqual([png.width, png.height, png.colourType], [size, size, 6], `icon-${size}.png is ${size}×${size} RGBA`);
      }
    });

    it('the committed icons are exactly what scripts/icons.ts draws', function () {
      for (const size of ICON_SIZES) {
        const png = readPng(path.join(root, 'addin', 'public', 'assets', `icon-${size}.png`));
        assert.ok(png.pixels.equals(Buffer.from(drawMark(size))), `icon-${size}.png is up to date (run npm run icons)`);
      }
    });

    it('icons are opaque inside the square and transparent in its rounded corners', function () {
      const { pixels } = readPng(path.join(root, 'addin', 'public', 'assets', 'icon-80.png'));
      const alpha = (x: number, y: number) => pixels[(y * 80 + x) * 4 + 3];
      assert.equal(alpha(0, 0), 0);
      assert.equal(alpha(79, 79), 0);
      assert.equal(alpha(40, 2), 255);
      assert.equal(alpha(2, 40), 255);
    });
  });

  describe('npm run manifests', function () {
    let out: string;
    beforeEach(() => {
      out = fs.mkdtempSync(path.join(os.tmpdir(), 'kontora-manifests-'));
    });
    afterEach(() => fs.rmSync(out, { recursive: true, force: true }));

    it('writes both manifests for another HTTPS address with every URL and AppDomain rewritten', async function () {
      const { files } = await writeManifests('https://crm.example.com:8443/kontora/', out);
      assert.deepEqual(files.map((f) => path.basename(f)), [...MANIFEST_FILES]);
      for (const file of files) {
        const xml = fs.readFileSync(file, 'utf8');
        assert.doesNotMatch(xml, /localhost/);
        for (const u of manifestUrls(xml)) assert.ok(u.startsWith('https://crm.example.com:8443/kontora/') || u === 'https://crm.example.com:8443', u);
        assert.match(xml, /<AppDomain>https:\/\/crm\.example\.com:8443<\/AppDomain>/);
        assert.match(xml, /Written by `npm run manifests` for https:\/\/crm\.example\.com:8443\/kontora/);
      }
      const word = fs.readFileSync(files[0]!, 'utf8');
      assert.match(word, /<SourceLocation DefaultValue="https:\/\/crm\.example\.com:8443\/kontora\/taskpane\.html"\/>/);
      assert.match(word, /<bt:Url id="Kontora\.Word\.Url" DefaultValue="https:\/\/crm\.example\.com:8443\/kontora\/taskpane\.html\?host=word"\/>/);
    });

    it('declares the version given, so Office updates an add-in it already has', async function () {
      const { files } = await writeManifests('https://crm.example.com', out, { version: '1.2.0.7' });
      for (const file of files) assert.match(fs.readFileSync(file, 'utf8'), /<Version>1\.2\.0\.7<\/Version>/);
      for (const bad of ['1.2.3.4.5', 'v1', '1..2', '123456', '']) {
        await assert.rejects(writeManifests('https://crm.example.com', out, { version: bad }), (err: Error) => err instanceof ManifestError && /--version must be one to four numbers/.test(err.message), bad);
      }
    });

    it('keeps the checked-in manifests as the localhost defaults', function () {
      for (const name of MANIFEST_FILES) {
        for (const u of manifestUrls(read(name))) assert.ok(u.startsWith('https://localhost:3443'), u);
      }
    });

    const refused: Array<[string, RegExp]> = [
      ['http://crm.example.com', /must start with https:\/\//],
      ['crm.example.com', /is not a URL/],
      ['https://', /is not a URL/],
      ['ftp://crm.example.com', /must start with https:\/\//],
      ['https://crm.example.com/?tenant=1', /query/],
      ['https://crm.example.com/#top', /fragment/],
      ['https://admin:secret@crm.example.com', /user name or password/],
      ['https://crm.example.com/a&b', /may contain only/],
      ["https://crm.example.com/o'neil", /may contain only/],
    ];
    for (const [input, message] of refused) {
      it(`refuses --base-url ${input} with a clear message and writes nothing`, async function () {
        await assert.rejects(writeManifests(input, out), (err: Error) => err instanceof ManifestError && message.test(err.message));
        assert.deepEqual(fs.readdirSync(out), []);
      });
    }

    it('accepts an address with a trailing slash, upper-case host or default port, as the same address', function () {
      assert.equal(parseBaseUrl('https://CRM.Example.com/'), 'https://crm.example.com');
      assert.equal(parseBaseUrl(' https://crm.example.com:443 '), 'https://crm.example.com');
      assert.equal(parseBaseUrl('https://10.0.0.5:3443/crm/'), 'https://10.0.0.5:3443/crm');
    });

    it('refuses to write a manifest the schemas reject', async function () {
      withSchemas.call(this);
      const source = fs.mkdtempSync(path.join(os.tmpdir(), 'kontora-manifest-src-'));
      try {
        fs.writeFileSync(path.join(source, 'manifest.xml'), read('manifest.xml').replace('<Version>0.1.0.0</Version>', '<Version>one</Version>'));
        fs.writeFileSync(path.join(source, 'manifest.outlook.xml'), read('manifest.outlook.xml'));
        await assert.rejects(writeManifests('https://crm.example.com', out, { sourceDir: source }), /manifest\.xml for https:\/\/crm\.example\.com does not validate[\s\S]*Version/);
        assert.deepEqual(fs.readdirSync(out), []);
      } finally {
        fs.rmSync(source, { recursive: true, force: true });
      }
    });

    it('the command line explains a refusal and exits with status 2', async function () {
      this.timeout(60_000);
      const script = path.join(root, 'scripts', 'manifests.ts');
      await assert.rejects(run(process.execPath, ['--import', 'tsx', script, '--base-url', 'http://crm.example.com', '--out', out], { cwd: root }),
        (err: { code: number; stderr: string }) => err.code === 2 && /must start with https:\/\//.test(err.stderr) && !/at .*\.ts:\d+/.test(err.stderr));
      await assert.rejects(run(process.execPath, ['--import', 'tsx', script, '--out', out], { cwd: root }),
        (err: { code: number; stderr: string }) => err.code === 2 && /--base-url is required/.test(err.stderr));
      const ok = await run(process.execPath, ['--import', 'tsx', script, '--base-url', 'https://crm.example.com', '--out', out], { cwd: root });
      assert.match(ok.stdout, /manifest\.outlook\.xml/);
      assert.deepEqual(fs.readdirSync(out).sort(), ['manifest.outlook.xml', 'manifest.xml']);
    });
  });
});
