/**
 * npm run build [-- --watch]
 *
 * Bundles the front end (addin/src) with esbuild into addin/dist, which the
 * server serves at /. Two pages load the same bundle: index.html for the
 * browser and taskpane.html, which loads office.js from Microsoft's CDN
 * first (Office only runs task panes that load it from there).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'addin', 'src');
const dist = path.join(root, 'addin', 'dist');
const watch = process.argv.includes('--watch');

function page(title: string, officeJs: boolean): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${title}</title>
  <link rel="icon" type="image/png" href="assets/icon-32.png">
  ${officeJs ? '<script src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"></script>\n  ' : ''}<style>html,body,#root{height:100%;margin:0}body{font-family:"Segoe UI","Segoe UI Web (West European)",system-ui,sans-serif}</style>
</head>
<body>
  <div id="root"><noscript>Kontora needs JavaScript.</noscript></div>
  <script type="module" src="app.js"></script>
</body>
</html>
`;
}

function copyPublic(): void {
  const pub = path.join(root, 'addin', 'public');
  if (fs.existsSync(pub)) fs.cpSync(pub, dist, { recursive: true });
  fs.writeFileSync(path.join(dist, 'index.html'), page('Kontora CRM', false));
  fs.writeFileSync(path.join(dist, 'taskpane.html'), page('Kontora', true));
}

const options: esbuild.BuildOptions = {
  entryPoints: [path.join(src, 'main.tsx')],
  outfile: path.join(dist, 'app.js'),
  bundle: true,
  format: 'esm',
  target: ['es2020', 'chrome100', 'safari15', 'edge100'],
  jsx: 'automatic',
  minify: !watch,
  sourcemap: true,
  legalComments: 'linked',
  define: { 'process.env.NODE_ENV': watch ? '"development"' : '"production"' },
  logLevel: 'warning',
};

fs.rmSync(dist, { recursive: true, force: true });
fs.mkdirSync(dist, { recursive: true });
copyPublic();
if (watch) {
  const context = await esbuild.context(options);
  await context.watch();
  process.stdout.write('Watching addin/src; the server serves addin/dist.\n');
} else {
  const started = Date.now();
  await esbuild.build(options);
  // Compressed copies, served by the server to browsers that accept them.
  const bundle = fs.readFileSync(options.outfile!);
  const br = zlib.brotliCompressSync(bundle, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9 } });
  fs.writeFileSync(options.outfile + '.br', br);
  fs.writeFileSync(options.outfile + '.gz', zlib.gzipSync(bundle, { level: 9 }));
  process.stdout.write(`Front end built into addin/dist in ${Date.now() - started} ms (app.js ${Math.round(bundle.length / 1024)} KiB, ${Math.round(br.length / 1024)} KiB with brotli).\n`);
}
