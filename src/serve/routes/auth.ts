import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { checkPassword } from '../../auth/users.ts';
import { type AppEnv, type ServeDeps, SESSION_COOKIE, jsonBody, parse, publicUser } from '../context.ts';
import { HttpError } from '../errors.ts';
import { LoginBody } from '../schemas.ts';
import { getConnInfo } from '@hono/node-server/conninfo';

type Ctx = Parameters<typeof getConnInfo>[0];

// Behind a TLS-terminating proxy (--trust-proxy) the socket is the proxy's: the client is the
// address the proxy appended last to X-Forwarded-For, and X-Forwarded-Proto says whether the
// browser spoke https. Without the flag these headers are anyone's to forge and are ignored.
function forwarded(c: Ctx, header: string): string | null {
  const v = c.req.header(header);
  if (!v) return null;
  const last = v.split(',').pop()!.trim();
  return last || null;
}

function clientAddress(c: Ctx, trustProxy: boolean): string {
  if (trustProxy) {
    const f = forwarded(c, 'x-forwarded-for');
    if (f) return f;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // app.request() in tests has no socket
    return 'local';
  }
}

export function authRoutes(deps: ServeDeps) {
  const r = new Hono<AppEnv>();

  r.get('/config', (c) => c.json({ publicRead: deps.publicRead, tileUrl: deps.tileUrl }));

  r.post('/auth/login', async (c) => {
    const body = parse(LoginBody, await jsonBody(c));
    const address = clientAddress(c, deps.trustProxy);
    const wait = deps.loginThrottle.wait(address, body.name);
    if (wait > 0) {
      throw new HttpError(429, 'auth.rate-limited', 'too many sign-in attempts; try again later', {
        'Retry-After': String(wait),
      });
    }
    const user = await checkPassword(deps.store, body.name, body.password);
    if (!user) {
      deps.loginThrottle.failed(address, body.name);
      throw new HttpError(401, 'auth.bad-credentials', 'wrong user name or password');
    }
    deps.loginThrottle.succeeded(address, body.name);
    // a disabled account is told apart only after the right password, so names stay unguessable
    if (user.disabled) throw new HttpError(403, 'auth.disabled', 'this account is disabled');
    const s = await deps.sessions.create(user.id);
    setCookie(c, SESSION_COOKIE, s.id, {
      httpOnly: true,
      sameSite: 'Strict',
      path: '/',
      secure:
        new URL(c.req.url).protocol === 'https:' || (deps.trustProxy && forwarded(c, 'x-forwarded-proto') === 'https'),
      maxAge: deps.sessions.ttlSeconds,
    });
    return c.json({ user: publicUser(user), csrf: s.csrf });
  });

  r.post('/auth/logout', async (c) => {
    const id = getCookie(c, SESSION_COOKIE);
    if (id) await deps.sessions.destroy(id);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.json({ ok: true });
  });

  r.get('/me', (c) => {
    const user = c.get('user');
    if (!user) {
      if (deps.publicRead) return c.json({ user: null, csrf: null });
      throw new HttpError(401, 'auth.required', 'sign in or send an API token');
    }
    return c.json({ user: publicUser(user), csrf: c.get('session')?.csrf ?? null });
  });

  return r;
}
