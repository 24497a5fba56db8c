// Browser sessions: an opaque id in an HttpOnly cookie plus a per-session CSRF token that the app
// sends back in a header on every write. Kept in memory (keyed by the id's hash): a restart logs
// everyone out, which is acceptable for a review tool and keeps session secrets out of the database.
import { randomBytes } from 'node:crypto';
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

export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(opts: SessionStoreOptions = {}) {
    this.ttlMs = opts.ttlMs ?? 12 * 60 * 60 * 1000;
    this.now = opts.now ?? Date.now;
  }

  create(userId: string): { id: string; csrf: string } {
    this.sweep();
    const id = randomBytes(32).toString('base64url');
    const csrf = randomBytes(24).toString('base64url');
    this.sessions.set(hashToken(id), { userId, csrf, expiresAt: this.now() + this.ttlMs });
    return { id, csrf };
  }

  get(id: string): Session | null {
    const key = hashToken(id);
    const s = this.sessions.get(key);
    if (!s) return null;
    if (s.expiresAt <= this.now()) {
      this.sessions.delete(key);
      return null;
    }
    return s;
  }

  destroy(id: string): void {
    this.sessions.delete(hashToken(id));
  }

  private sweep(): void {
    const t = this.now();
    for (const [k, s] of this.sessions) if (s.expiresAt <= t) this.sessions.delete(k);
  }
}
