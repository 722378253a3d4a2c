/** One server-sent event: its name and parsed JSON data. */
export interface SseMessage {
  event: string;
  data: unknown;
}

/**
 * Splits a text/event-stream into messages as chunks arrive. A message
 * ends at a blank line; comment lines (": keep-alive") and fields other
 * than event and data are skipped; data lines are joined by newlines.
 */
export class SseParser {
  private buffer = '';

  push(chunk: string): SseMessage[] {
    this.buffer += chunk.replace(/\r\n?/g, '\n');
    const out: SseMessage[] = [];
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event = value;
        else if (field === 'data') data.push(value);
      }
      if (!data.length) continue;
      try {
        out.push({ event, data: JSON.parse(data.join('\n')) });
      } catch {
        // A message that is not JSON is not one of ours; skip it.
      }
    }
    return out;
  }
}
