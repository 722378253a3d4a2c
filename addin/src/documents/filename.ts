/**
 * The file name a download should get, from the server's Content-Disposition
 * (`filename*=UTF-8''…` preferred: it keeps Cyrillic names the ASCII
 * `filename="…"` fallback replaces with underscores).
 */
export function fileNameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) {
    try {
      return clean(decodeURIComponent(star[1].trim())) || fallback;
    } catch {
      // A malformed escape: fall through to the plain name.
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"/i.exec(disposition) ?? /filename\s*=\s*([^;]+)/i.exec(disposition);
  return (plain?.[1] && clean(plain[1].trim())) || fallback;
}

/** No folders or control characters in a name the browser saves under. */
function clean(name: string): string {
  return name.replace(/[\\/\u0000-\u001f]+/g, '-').trim();
}
