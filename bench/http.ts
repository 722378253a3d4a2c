import http from 'node:http';

/**
 * A minimal API client for the bench: bearer token, JSON, timing. It uses
 * node:http with keep-alive rather than fetch: the client shares the
 * machine (and for the sequential figures, the process) with the server,
 * and node:http adds about a millisecond less of its own to each request.
 */
export interface Reply {
  status: number;
  body: any;
  ms: number;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

export class BenchClient {
  constructor(
    readonly base: string,
    readonly token?: string,
  ) {}

  request(method: string, path: string, body?: unknown): Promise<Reply> {
    const headers: Record<string, string> = {};
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    if (payload) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(payload.length);
    }
    return new Promise((resolve, reject) => {
      const started = performance.now();
      const req = http.request(`${this.base}/api/v1${path}`, { method, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            if ((res.headers['content-type'] ?? '').includes('json') && text) parsed = JSON.parse(text);
          } catch (err) {
            reject(err);
            return;
          }
          resolve({ status: res.statusCode ?? 0, body: parsed, ms: performance.now() - started });
        });
      });
      req.on('error', reject);
      req.end(payload);
    });
  }

  get(path: string): Promise<Reply> {
    return this.request('GET', path);
  }

  /** GET that must answer 200; the bench stops on anything else. */
  async ok(path: string): Promise<Reply> {
    const reply = await this.get(path);
    if (reply.status !== 200) throw new Error(`GET ${path} answered ${reply.status}: ${JSON.stringify(reply.body).slice(0, 300)}`);
    return reply;
  }
}

export async function signIn(base: string, login: string, password: string): Promise<BenchClient> {
  const reply = await new BenchClient(base).request('POST', '/auth/login', { login, password, issueToken: true, tokenName: 'bench' });
  if (reply.status !== 200) throw new Error(`login of ${login} failed: ${JSON.stringify(reply.body)}`);
  return new BenchClient(base, reply.body.token as string);
}
