// Sign-in throttling. Only failed sign-ins count and a success clears what the user's own
// failures earned, so an office of analysts behind one proxy signing in all day is never refused
// (issue 12: every login counted, and the eleventh colleague in 15 minutes got 429).
//
// Three keys, each with a few free failures and then a doubling wait:
// - name at address: the guesser at one keyboard; waits up to 15 minutes;
// - address: one address guessing many names; more free failures (offices share an address);
// - name alone: many addresses guessing one account; many free failures and a wait of at most
//   30 seconds, so that nobody can keep the real `admin` out for long by failing on purpose.
//
// Memory is bounded and each request costs O(1) however many distinct names a flood sends (before:
// past 10,000 keys every new key scanned the whole map). Keys live in two generations of maps: a
// touched key goes into the young one; when it is full the old one is dropped whole and the young
// one becomes old. (Evicting one key at a time from a Map's front is not O(1) in V8: deleted slots
// stay until a rehash and each look for the first key walks over them; measured 25 s for 300,000.)
export interface BackoffOptions {
  /** failures before any wait */
  free: number;
  /** first wait; each further failure doubles it */
  baseMs: number;
  /** the longest wait */
  capMs: number;
  /** failures older than this are forgotten */
  windowMs: number;
  /** keys per generation; the least recently touched go first, at most 2 × this are held */
  maxKeys: number;
}

interface Entry {
  failures: number;
  last: number;
  until: number;
}

export class Backoff {
  private young = new Map<string, Entry>();
  private old = new Map<string, Entry>();

  constructor(
    private readonly opts: BackoffOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /** keys held: at most 2 × maxKeys */
  get size(): number {
    return this.young.size + this.old.size;
  }

  /** milliseconds this key must still wait; 0 when it may try */
  waitMs(key: string): number {
    const e = this.live(key);
    return e ? Math.max(0, e.until - this.now()) : 0;
  }

  fail(key: string): void {
    const t = this.now();
    const e = this.live(key) ?? { failures: 0, last: t, until: 0 };
    e.failures++;
    e.last = t;
    const over = e.failures - this.opts.free;
    if (over > 0) e.until = t + Math.min(this.opts.capMs, this.opts.baseMs * 2 ** Math.min(over - 1, 30));
    this.young.set(key, e);
    if (this.young.size >= this.opts.maxKeys) {
      this.old = this.young;
      this.young = new Map();
    }
  }

  reset(key: string): void {
    this.young.delete(key);
    this.old.delete(key);
  }

  private live(key: string): Entry | undefined {
    let e = this.young.get(key);
    if (!e) {
      e = this.old.get(key);
      // a key still in use moves to the young generation, so it outlives the drop of the old one
      if (e) {
        this.old.delete(key);
        this.young.set(key, e);
        if (this.young.size >= this.opts.maxKeys) {
          this.old = this.young;
          this.young = new Map();
        }
      }
    }
    if (e && this.now() - e.last > this.opts.windowMs && e.until <= this.now()) {
      this.reset(key);
      return undefined;
    }
    return e;
  }
}

export interface LoginThrottleOptions {
  now?: () => number;
  /** keys kept per kind (default 100,000: a few MB at most) */
  maxKeys?: number;
}

const MINUTE = 60_000;

export class LoginThrottle {
  readonly pair: Backoff;
  readonly address: Backoff;
  readonly name: Backoff;

  constructor(opts: LoginThrottleOptions = {}) {
    const maxKeys = opts.maxKeys ?? 100_000;
    const now = opts.now ?? Date.now;
    this.pair = new Backoff({ free: 5, baseMs: 1000, capMs: 15 * MINUTE, windowMs: 15 * MINUTE, maxKeys }, now);
    this.address = new Backoff({ free: 30, baseMs: 1000, capMs: 15 * MINUTE, windowMs: 15 * MINUTE, maxKeys }, now);
    this.name = new Backoff({ free: 50, baseMs: 1000, capMs: 30_000, windowMs: 15 * MINUTE, maxKeys }, now);
  }

  /** seconds to wait before this sign-in may be tried; 0 when it may */
  wait(address: string, name: string): number {
    const ms = Math.max(this.pair.waitMs(`${address}\n${name}`), this.address.waitMs(address), this.name.waitMs(name));
    return Math.ceil(ms / 1000);
  }

  failed(address: string, name: string): void {
    this.pair.fail(`${address}\n${name}`);
    this.address.fail(address);
    this.name.fail(name);
  }

  // The address keeps its count: one good account must not buy an address more guesses at others.
  succeeded(address: string, name: string): void {
    this.pair.reset(`${address}\n${name}`);
    this.name.reset(name);
  }
}
