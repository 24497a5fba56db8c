// Fixed-window attempt counter for login: keyed by client address and by user name, so one address
// cannot guess many passwords and many addresses cannot hammer one account.
export interface RateLimitOptions {
  max: number;
  windowMs: number;
  now?: () => number;
}

export class RateLimiter {
  private readonly hits = new Map<string, { n: number; resetAt: number }>();
  private readonly now: () => number;

  constructor(private readonly opts: RateLimitOptions) {
    this.now = opts.now ?? Date.now;
  }

  /** Counts one attempt; returns seconds to wait when the key is over its limit, else 0. */
  hit(key: string): number {
    const t = this.now();
    let h = this.hits.get(key);
    if (!h || h.resetAt <= t) {
      if (this.hits.size > 10_000) this.sweep(t);
      h = { n: 0, resetAt: t + this.opts.windowMs };
      this.hits.set(key, h);
    }
    h.n++;
    return h.n > this.opts.max ? Math.ceil((h.resetAt - t) / 1000) : 0;
  }

  reset(key: string): void {
    this.hits.delete(key);
  }

  private sweep(t: number): void {
    for (const [k, h] of this.hits) if (h.resetAt <= t) this.hits.delete(k);
  }
}
