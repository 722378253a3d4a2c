import { browserHost } from './browser.js';
import { excelHost } from './excel.js';
import type { Host } from './host.js';
import { outlookHost } from './outlook.js';
import { wordHost } from './word.js';

/** How long to wait for Office.onReady before deciding we are in a plain browser. */
const READY_TIMEOUT_MS = 3000;

/**
 * Which host the app runs in. office.js is present only on taskpane.html;
 * even there Office.onReady reports no host when the page is opened in a
 * browser tab, and then the app runs in browser mode.
 */
export async function detectHost(
  office: typeof Office | undefined = (globalThis as { Office?: typeof Office }).Office,
  timeoutMs = READY_TIMEOUT_MS,
): Promise<Host> {
  if (!office?.onReady) return browserHost();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const info = await Promise.race([
    // onReady may throw instead of rejecting when office.js loaded only in part.
    Promise.resolve()
      .then(() => office.onReady())
      .catch(() => null),
    new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), timeoutMs);
    }),
  ]);
  clearTimeout(timer);
  if (!info?.host) return browserHost();
  switch (info.host) {
    case office.HostType.Excel:
      return excelHost();
    case office.HostType.Word:
      return wordHost();
    case office.HostType.Outlook:
      return outlookHost();
    default:
      return browserHost();
  }
}
