// createApp(deps) → a Hono app: the API under /api and the built web app. The composition root
// (src/cli/serve.ts) opens the store and passes it in; nothing here reads argv or the environment.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import { LoginThrottle } from '../auth/rate-limit.ts';
import { SessionStore } from '../auth/sessions.ts';
import { userForToken } from '../auth/users.ts';
import { unavailableReason } from '../store/errors.ts';
import type { Store } from '../store/types.ts';
import { type AppEnv, type ServeDeps, SESSION_COOKIE } from './context.ts';
import { HttpError, errorBody } from './errors.ts';
import { httpStatus, isRasidError } from '../errors.ts';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { openApiDocument } from './openapi.ts';
import { authRoutes } from './routes/auth.ts';
import { exploreRoutes } from './routes/explore.ts';
import { exportRoutes } from './routes/export.ts';
import { incidentRoutes } from './routes/incidents.ts';
import { userRoutes } from './routes/users.ts';
import { securityHeaders } from './security.ts';
import { serveWebApp } from './static-files.ts';

export interface AppOptions {
  store: Store;
  publicRead?: boolean;
  /** behind a TLS-terminating reverse proxy: Secure cookies and client addresses from its headers */
  trustProxy?: boolean;
  tileUrl?: string | null;
  /** folder of the built web app; omitted → API only */
  webRoot?: string | null;
  maxBodyBytes?: number;
  /** one line per request: method, route pattern, status, milliseconds — never bodies or queries */
  log?: (line: string) => void;
  sessions?: SessionStore;
  loginThrottle?: LoginThrottle;
}

/** what a 503 for an unreachable database asks clients to wait before they try again */
const RETRY_AFTER_SECONDS = 5;

const STORE_MESSAGES: Readonly<Record<string, string>> = {
  'store.not-found': 'not found',
  'store.conflict': 'conflicting change',
  'store.invalid': 'the store refused the value',
  'store.unavailable': 'the store is unavailable',
};

/**
 * The code an unexpected error carries, for the log line of its 500: PostgreSQL's SQLSTATE (57P01 a
 * backend ended by an administrator, 53300 too many connections…) or Node's (ECONNRESET); never a message.
 */
function errorCode(err: Error): string {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && /^[A-Z0-9_]{1,32}$/.test(code) ? ` ${code}` : '';
}

export function createApp(opts: AppOptions) {
  const deps: ServeDeps = {
    store: opts.store,
    publicRead: opts.publicRead ?? false,
    trustProxy: opts.trustProxy ?? false,
    tileUrl: opts.tileUrl ?? null,
    sessions: opts.sessions ?? new SessionStore(opts.store),
    loginThrottle: opts.loginThrottle ?? new LoginThrottle(),
    mapFallbackCap: 20_000,
  };
  const app = new Hono<AppEnv>();

  if (opts.log) {
    const log = opts.log;
    app.use('*', async (c, next) => {
      const t0 = performance.now();
      await next();
      log(`${c.req.method} ${c.req.routePath} ${c.res.status} ${(performance.now() - t0).toFixed(1)}ms`);
    });
  }
  app.use('*', securityHeaders(deps.tileUrl));
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: opts.maxBodyBytes ?? 256 * 1024,
      onError: (c) => c.json(errorBody('body.too-large', 'request body too large'), 413),
    }),
  );

  app.use('/api/*', async (c, next) => {
    c.set('user', null);
    c.set('via', null);
    c.set('session', null);
    c.set('sessionId', null);
    const authz = c.req.header('authorization');
    if (authz) {
      const token = /^Bearer\s+(\S+)$/i.exec(authz)?.[1];
      const user = token ? await userForToken(deps.store, token) : null;
      if (!user) throw new HttpError(401, 'auth.bad-token', 'unknown or malformed API token');
      c.set('user', user);
      c.set('via', 'token');
    } else {
      // hono types a middleware's input as `any`; the cookie reader only reads the request
      // eslint-disable-next-line @typescript-eslint/no-unsafe-argument
      const sid = getCookie(c, SESSION_COOKIE);
      const session = sid ? await deps.sessions.get(sid) : null;
      const user = session ? await deps.store.getUser(session.userId) : null;
      if (session && user && !user.disabled) {
        c.set('user', user);
        c.set('via', 'session');
        c.set('session', session);
        c.set('sessionId', sid!);
      }
    }
    await next();
  });

  const doc = openApiDocument();
  app.get('/api/openapi.json', (c) => c.json(doc));
  app.route('/api', authRoutes(deps));
  app.route('/api', incidentRoutes(deps));
  app.route('/api', exploreRoutes(deps));
  app.route('/api', exportRoutes(deps));
  app.route('/api', userRoutes(deps));
  app.all('/api/*', () => {
    throw new HttpError(404, 'not-found', 'no such endpoint');
  });

  if (opts.webRoot) app.use('*', serveWebApp(opts.webRoot));

  app.notFound((c) => c.json(errorBody('not-found', 'not found'), 404));
  app.onError((err, c) => {
    if (err instanceof HttpError) return c.json(errorBody(err.code, err.message), err.status, err.headers);
    if (isRasidError(err)) {
      const status = httpStatus(err) as ContentfulStatusCode;
      if (status >= 500) opts.log?.(`error ${c.req.method} ${c.req.routePath} ${err.code}`);
      // the store's messages are not echoed: they may name data
      return c.json(
        errorBody(err.code, err.kind === 'store' ? (STORE_MESSAGES[err.code] ?? 'the store failed') : err.message),
        status,
        err.code === 'store.unavailable' ? { 'retry-after': String(RETRY_AFTER_SECONDS) } : {},
      );
    }
    const unavailable = unavailableReason(err);
    if (unavailable) {
      // the database went away (restart, failover, refused connections): the client may retry
      opts.log?.(`unavailable ${c.req.method} ${c.req.routePath} ${unavailable}`);
      return c.json(errorBody('store.unavailable', STORE_MESSAGES['store.unavailable']!), 503, {
        'retry-after': String(RETRY_AFTER_SECONDS),
      });
    }
    opts.log?.(`error ${c.req.method} ${c.req.routePath} ${err.name}${errorCode(err)}`);
    return c.json(errorBody('internal', 'internal error'), 500);
  });

  return app;
}
