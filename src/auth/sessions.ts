// Browser sessions: an opaque id in an HttpOnly cookie plus a per-session CSRF token that the app
// sends back in a header on every write. Kept in the store under the sha256 of the id (a leaked
// database hands out no working session), with an expiry: a restart of the server, or a second
// server process behind the same balancer, keeps everyone signed in (issue 12: sessions lived in
// one process's memory and every restart signed every analyst out).
import { randomBytes } from 'node:crypto';
import type { Store } from '../store/types.ts';
import { hashToken } from './tokens.ts';

export interface Session {
  userId: string;
  csrf: string;
  expiresAt: number;
}

export interface SessionStoreOptions {
  ttlMs?: number;
  now?: () => number;
}

/** how often, at most, a create also clears expired sessions from the store */
const SWEEP_EVERY_MS = 10 * 60 * 1000;

export class SessionStore {
  private readonly ttlMs: number;
  private readonly now: () => number;
  private lastSweep = 0;

  constructor(
    private readonly store: Store,
    opts: SessionStoreOptions = {},
  ) {
    this.ttlMs = opts.ttlMs ?? 12 * 60 * 60 * 1000;
    this.now = opts.now ?? Date.now;
  }

  get ttlSeconds(): number {
    return Math.floor(this.ttlMs / 1000);
  }

  async create(userId: string): Promise<{ id: string; csrf: string }> {
    const t = this.now();
    if (t - this.lastSweep > SWEEP_EVERY_MS) {
      this.lastSweep = t;
      await this.store.deleteExpiredSessions();
    }
    const id = randomBytes(32).toString('base64url');
    const csrf = randomBytes(24).toString('base64url');
    await this.store.createSession(hashToken(id), { userId, csrf, expiresAt: new Date(t + this.ttlMs).toISOString() });
    return { id, csrf };
  }

  async get(id: string): Promise<Session | null> {
    const s = await this.store.getSession(hashToken(id));
    if (!s) return null;
    const expiresAt = Date.parse(s.expiresAt);
    // the store compares with its own clock; this one may be a test's
    if (expiresAt <= this.now()) return null;
    return { userId: s.userId, csrf: s.csrf, expiresAt };
  }

  async destroy(id: string): Promise<void> {
    await this.store.deleteSession(hashToken(id));
  }
}
