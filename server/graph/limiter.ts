/**
 * Per-mailbox pacing for Graph: at most `limit` requests in flight (Exchange
 * allows 4 concurrent requests per app per mailbox) and, after a 429 with
 * Retry-After, nobody starts a request for that mailbox until it has passed.
 */
export class MailboxLimiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private pausedUntil = 0;

  constructor(private readonly limit = 4) {}

  /** Holds every new request back until `at` (ms since epoch). */
  pauseUntil(at: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, at);
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private async acquire(): Promise<void> {
    for (;;) {
      const wait = this.pausedUntil - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      if (this.active < this.limit) {
        this.active += 1;
        // A pause may have started while this one waited for a slot.
        if (this.pausedUntil > Date.now()) {
          this.release();
          continue;
        }
        return;
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  private release(): void {
    this.active -= 1;
    this.waiting.shift()?.();
  }
}
