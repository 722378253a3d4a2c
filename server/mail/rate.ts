/**
 * Spaces sends evenly: at most `perMinute` messages a minute, one every
 * 60000/perMinute ms. Even spacing (instead of bursts then a pause) keeps
 * a receiving server's or Exchange's per-minute counter below its limit
 * whatever window it measures. 0 means no limit. Real time, not the
 * application clock: the wait is an actual wait.
 */
export class RateLimiter {
  private next = 0;

  constructor(private perMinute: number) {}

  setRate(perMinute: number): void {
    this.perMinute = perMinute;
  }

  /** Resolves when the next message may go. */
  async take(): Promise<void> {
    if (!(this.perMinute > 0)) return;
    const gap = 60_000 / this.perMinute;
    const now = performance.now();
    const at = Math.max(now, this.next);
    this.next = at + gap;
    const wait = at - now;
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

/** One limiter per channel and server, shared by every transport of that channel. */
const limiters = new WeakMap<object, Map<string, RateLimiter>>();

export function limiterFor(owner: object, channel: string, perMinute: number): RateLimiter {
  let byChannel = limiters.get(owner);
  if (!byChannel) limiters.set(owner, (byChannel = new Map()));
  let limiter = byChannel.get(channel);
  if (!limiter) byChannel.set(channel, (limiter = new RateLimiter(perMinute)));
  else limiter.setRate(perMinute);
  return limiter;
}
