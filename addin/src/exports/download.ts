import { api } from '../api/client.js';

/** The file name a Content-Disposition header gives (RFC 5987 filename* first), or the fallback. */
export function fileNameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // A broken encoding falls through to the plain name.
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/.exec(disposition);
  const name = (plain?.[2] ?? plain?.[1] ?? '').trim();
  return name || fallback;
}

/**
 * Downloads an API file with fetch (so a task pane's bearer token goes
 * along, which a plain link cannot carry) and hands it to the browser as a
 * download. Answers the file's name.
 */
export async function downloadFile(path: string, query: Record<string, unknown>, fallback: string): Promise<string> {
  const res = await api.request<Response>('GET', path, { query, raw: true });
  const blob = await res.blob();
  const name = fileNameFrom(res.headers.get('content-disposition'), fallback);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoked later: some browsers read the object URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}
