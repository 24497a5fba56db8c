// Shared types and guards for the routes: who is asking, and what they may do.
import { timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import type { z } from 'zod';
import { hasRole } from '../auth/users.ts';
import type { Session, SessionStore } from '../auth/sessions.ts';
import type { LoginThrottle } from '../auth/rate-limit.ts';
import type { Role, Store, User } from '../store/types.ts';
import { HttpError } from './errors.ts';

export interface ServeDeps {
  store: Store;
  publicRead: boolean;
  /** behind a TLS-terminating proxy: believe its X-Forwarded-Proto and X-Forwarded-For */
  trustProxy: boolean;
  tileUrl: string | null;
  sessions: SessionStore;
  loginThrottle: LoginThrottle;
  /** cap on store rows clustered when the map index cannot answer a filter */
  mapFallbackCap: number;
}

export type AppEnv = {
  Variables: {
    user: User | null;
    via: 'session' | 'token' | null;
    session: Session | null;
    sessionId: string | null;
  };
};

export const SESSION_COOKIE = 'rasid_session';
export const CSRF_HEADER = 'x-csrf-token';

export function publicUser(u: User) {
  return { id: u.id, name: u.name, role: u.role };
}

export function requireRead(c: Context<AppEnv>, deps: ServeDeps): void {
  if (!c.get('user') && !deps.publicRead) throw new HttpError(401, 'auth.required', 'sign in or send an API token');
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Writes need a user of at least `role`; a browser session must also echo its CSRF token. */
export function requireWrite(c: Context<AppEnv>, role: Role): User {
  const user = c.get('user');
  if (!user) throw new HttpError(401, 'auth.required', 'sign in or send an API token');
  if (c.get('via') === 'session') {
    const sent = c.req.header(CSRF_HEADER) ?? '';
    if (!sameSecret(sent, c.get('session')!.csrf)) throw new HttpError(403, 'auth.csrf', 'missing or wrong CSRF token');
  }
  if (!hasRole(user, role)) throw new HttpError(403, 'auth.forbidden', `this needs the ${role} role`);
  return user;
}

export function parse<S extends z.ZodType>(schema: S, data: unknown): z.output<S> {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  const msg = r.error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
  throw new HttpError(400, 'bad-request', msg);
}

export async function jsonBody(c: Context<AppEnv>): Promise<unknown> {
  const ct = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(ct)) throw new HttpError(415, 'bad-content-type', 'send application/json');
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw new HttpError(400, 'bad-json', 'the body is not valid JSON');
  }
  checkShape(body);
  return body;
}

// No API body nests deeper than an incident patch (about 6 levels); a body of 100,000 nested
// arrays made every recursive walk over it overflow the stack, a 500 before this (issue 12).
const MAX_BODY_DEPTH = 32;

// Walks the body without recursion: refuses one nested too deep, and NUL in any string or key
// (PostgreSQL text cannot hold U+0000; refuse it at the edge rather than fail in the store).
function checkShape(body: unknown): void {
  const stack: Array<[unknown, number]> = [[body, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) throw new HttpError(400, 'bad-request', 'strings may not contain NUL characters');
      continue;
    }
    if (!v || typeof v !== 'object') continue;
    if (depth >= MAX_BODY_DEPTH)
      throw new HttpError(400, 'body.too-deep', `the body nests deeper than ${MAX_BODY_DEPTH} levels`);
    if (Array.isArray(v)) for (const x of v) stack.push([x, depth + 1]);
    else
      for (const [k, x] of Object.entries(v)) {
        if (k.includes('\u0000')) throw new HttpError(400, 'bad-request', 'strings may not contain NUL characters');
        stack.push([x, depth + 1]);
      }
  }
}

export function queryOf(c: Context<AppEnv>): Record<string, string> {
  return c.req.query();
}
