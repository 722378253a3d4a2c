import assert from 'node:assert/strict';
import type { Api } from './support/server.js';

/** Helpers shared by the import suites. */

export async function upload(api: Api, target: string, fileName: string, content: Uint8Array | string, params: Record<string, string> = {}) {
  const query = new URLSearchParams({ target, fileName, ...params });
  const body = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  return api.request('POST', `/imports?${query}`, body, { 'content-type': 'application/octet-stream' });
}

/** Polls a job until it stops running. */
export async function settle(api: Api, id: number): Promise<any> {
  for (let i = 0; i < 600; i++) {
    const job = await api.expect(200, 'GET', `/imports/${id}`);
    if (job.status !== 'running' && job.status !== 'cancelling') return job;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`import ${id} did not finish`);
}

/** Uploads, runs with the suggested mapping (or the options given) and waits for the result. */
export async function importFile(api: Api, target: string, fileName: string, content: Uint8Array | string, options: Record<string, unknown> = {}, params: Record<string, string> = {}) {
  const reply = await upload(api, target, fileName, content, params);
  assert.equal(reply.status, 201, JSON.stringify(reply.body).slice(0, 500));
  assert.equal(reply.body.status, 'ready', `upload: ${JSON.stringify(reply.body.error)}`);
  await api.expect(202, 'POST', `/imports/${reply.body.id}/run`, options);
  return settle(api, reply.body.id);
}
