import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import tls from 'node:tls';
import type { TlsFiles } from './config.js';

/**
 * The HTTPS listener beside the plain HTTP one: Office loads task panes only
 * from trusted HTTPS, while the browser on the same machine is happy with
 * http://127.0.0.1. Both serve the same Express app.
 */
export async function listenHttps(handler: http.RequestListener, files: TlsFiles, port: number, host: string): Promise<{ server: https.Server; url: string }> {
  const server = https.createServer(secureContextOptions(files), secureCookies(handler));
  server.keepAliveTimeout = 5_000;
  server.requestTimeout = 120_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      reject(err.code === 'EADDRINUSE'
        ? new Error(`HTTPS port ${port} is already in use on ${host}; set HTTPS_PORT to another port (the Office manifests then need \`npm run manifests\`)`)
        : err);
    });
    server.listen(port, host, resolve);
  });
  const { port: actual } = server.address() as AddressInfo;
  // The office-addin-dev-certs certificate is issued for "localhost", so that
  // is the name a loopback listener must be reached by.
  const loopback = ['127.0.0.1', '0.0.0.0', '::1', '::', 'localhost'].includes(host);
  return { server, url: `https://${loopback ? 'localhost' : host.includes(':') ? `[${host}]` : host}:${actual}` };
}

/** Reads and checks the PEM files once, with messages that name the file and the setting. */
function secureContextOptions(files: TlsFiles): tls.SecureContextOptions {
  const read = (file: string, what: string) => {
    try {
      return fs.readFileSync(file);
    } catch (err) {
      throw new Error(`cannot read the TLS ${what} ${file} (from ${files.source}): ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
  };
  const options = { cert: read(files.cert, 'certificate'), key: read(files.key, 'private key') };
  try {
    tls.createSecureContext(options);
  } catch (err) {
    throw new Error(`the TLS certificate ${files.cert} and key ${files.key} (from ${files.source}) cannot be used together: ${(err as Error).message}`);
  }
  return options;
}

/**
 * Marks every cookie set over this listener Secure, so a session started
 * over HTTPS is never sent back over the plain HTTP listener.
 */
function secureCookies(handler: http.RequestListener): http.RequestListener {
  return (req, res) => {
    const setHeader = res.setHeader.bind(res);
    res.setHeader = ((name: string, value: number | string | readonly string[]) => {
      if (name.toLowerCase() !== 'set-cookie') return setHeader(name, value);
      const cookies = (Array.isArray(value) ? value : [String(value)]) as string[];
      return setHeader(name, cookies.map((c) => (/;\s*secure\s*(;|$)/i.test(c) ? c : `${c}; Secure`)));
    }) as typeof res.setHeader;
    handler(req, res);
  };
}
