// The server's guards, tested without a socket: who may read, who may write, CSRF, size limits,
// rate limiting, hostile filter values and what reaches the log.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createApiToken } from '../../src/auth/users.ts';
import { hashToken } from '../../src/auth/tokens.ts';
import { createApp } from '../../src/serve/app.ts';
import { type Client, anon, call, login } from './http.ts';
import { PASSWORDS, type Seeded, backends, seedStore } from './seed.ts';

for (const { backend, skip } of await backends()) {
  describe(backend, { skip }, () => {
    let s: Seeded;
    let app: ReturnType<typeof createApp>;
    let editor: Client;
    let viewer: Client;
    let admin: Client;
    const logLines: string[] = [];

    before(async () => {
      s = await seedStore(backend);
      app = createApp({ store: s.store, log: (l) => logLines.push(l) });
      editor = await login(app, 'editor', PASSWORDS.editor);
      viewer = await login(app, 'viewer', PASSWORDS.viewer);
      admin = await login(app, 'admin', PASSWORDS.admin);
    });
    after(async () => s.cleanup());

    /** Every write endpoint with a body that would succeed for an editor (admin for users). */
    function writes(): Array<{ method: string; path: string; body: unknown; role: 'editor' | 'admin' }> {
      const id = s.incidents.arrests;
      return [
        { method: 'PATCH', path: `/api/incidents/${id}`, body: { summary_en: 'changed' }, role: 'editor' },
        { method: 'POST', path: `/api/incidents/${id}/verify`, body: {}, role: 'editor' },
        { method: 'POST', path: `/api/incidents/${id}/reject`, body: {}, role: 'editor' },
        { method: 'POST', path: `/api/incidents/${id}/reopen`, body: {}, role: 'editor' },
        { method: 'POST', path: `/api/incidents/${id}/merge`, body: { with: [s.incidents.airStrike] }, role: 'editor' },
        { method: 'POST', path: `/api/incidents/${id}/split`, body: {}, role: 'editor' },
        { method: 'POST', path: '/api/users', body: { name: 'someone', role: 'viewer' }, role: 'admin' },
      ];
    }

    describe('write endpoints', () => {
      test('refuse a request without a session (401)', async () => {
        for (const w of writes()) {
          const r = await call(app, anon, w.method, w.path, w.body);
          assert.equal(r.status, 401, `${w.method} ${w.path}`);
          assert.equal(r.body.error.code, 'auth.required');
        }
      });

      test('refuse a session without or with a wrong CSRF token (403)', async () => {
        for (const w of writes()) {
          const who = w.role === 'admin' ? admin : editor;
          const missing = await call(app, who, w.method, w.path, w.body, { csrf: false });
          assert.equal(missing.status, 403, `${w.method} ${w.path} without token`);
          assert.equal(missing.body.error.code, 'auth.csrf');
          const wrong = await call(app, { ...who, csrf: 'x'.repeat(who.csrf!.length) }, w.method, w.path, w.body);
          assert.equal(wrong.status, 403, `${w.method} ${w.path} with a wrong token`);
          const otherSession = await call(
            app,
            { ...who, csrf: (who === admin ? editor : admin).csrf },
            w.method,
            w.path,
            w.body,
          );
          assert.equal(otherSession.status, 403, `${w.method} ${w.path} with another session's token`);
        }
      });

      test('refuse a role that is too low (403)', async () => {
        for (const w of writes()) {
          const low = w.role === 'admin' ? editor : viewer;
          const r = await call(app, low, w.method, w.path, w.body);
          assert.equal(r.status, 403, `${w.method} ${w.path}`);
          assert.equal(r.body.error.code, 'auth.forbidden');
        }
        const list = await call(app, editor, 'GET', '/api/users');
        assert.equal(list.status, 403);
      });

      test('nothing changed through the refused requests', async () => {
        const inc = await s.store.getIncident(s.incidents.arrests);
        assert.equal(inc!.status, 'machine');
        assert.equal(inc!.clusterId, null);
        assert.deepEqual(await s.store.reviews(s.incidents.arrests), []);
        assert.equal(await s.store.getUserByName('someone'), null);
      });

      test('succeed for the right role with the CSRF token', async () => {
        for (const w of writes()) {
          const who = w.role === 'admin' ? admin : editor;
          const r = await call(app, who, w.method, w.path, w.body);
          assert.ok(
            r.status === 200 || r.status === 201,
            `${w.method} ${w.path}: ${r.status} ${JSON.stringify(r.body)}`,
          );
        }
      });

      test('an API token writes without CSRF (it is never sent by a browser on its own); a bad one is 401', async () => {
        const { token } = await createApiToken(s.store, 'editor', 'test');
        const bearer: Client = { cookie: null, csrf: null, token };
        const r = await call(app, bearer, 'POST', `/api/incidents/${s.incidents.xss}/reject`, {});
        assert.equal(r.status, 200);
        const bad = await call(app, { ...bearer, token: token + 'x' }, 'GET', '/api/incidents');
        assert.equal(bad.status, 401);
        assert.equal(bad.body.error.code, 'auth.bad-token');
        // stored hashed: the raw token finds nothing, its sha256 does
        assert.equal(await s.store.findToken(token), null);
        assert.ok(await s.store.findToken(hashToken(token)));
      });

      test('a wrong body type is refused (415) before anything runs', async () => {
        const r = await app.request(`/api/incidents/${s.incidents.arrests}/verify`, {
          method: 'POST',
          headers: { cookie: editor.cookie!, 'x-csrf-token': editor.csrf!, 'content-type': 'text/plain' },
          body: '{}',
        });
        assert.equal(r.status, 415);
      });
    });

    describe('reads', () => {
      const reads = () => [
        '/api/incidents',
        '/api/incidents/counts',
        `/api/incidents/${s.incidents.execution}`,
        `/api/incidents/${s.incidents.execution}/reviews`,
        `/api/documents/${s.docs.arExecution}`,
        '/api/map',
        '/api/timeline',
        '/api/export?format=jsonl',
        '/api/me',
      ];

      test('anonymous requests get 401 without --public-read', async () => {
        for (const p of reads()) {
          const r = await call(app, anon, 'GET', p);
          assert.equal(r.status, 401, p);
          assert.deepEqual(Object.keys(r.body.error).sort(), ['code', 'message']);
        }
      });

      test('with --public-read anonymous visitors read but still cannot write', async () => {
        const open = createApp({ store: s.store, publicRead: true });
        for (const p of reads()) assert.equal((await call(open, anon, 'GET', p)).status, 200, p);
        for (const w of writes()) assert.equal((await call(open, anon, w.method, w.path, w.body)).status, 401, w.path);
      });

      test('a signed-out session cookie no longer works', async () => {
        const c = await login(app, 'viewer', PASSWORDS.viewer);
        assert.equal((await call(app, c, 'GET', '/api/me')).status, 200);
        await call(app, c, 'POST', '/api/auth/logout', {});
        assert.equal((await call(app, c, 'GET', '/api/me')).status, 401);
      });
    });

    describe('hostile input', () => {
      const PAYLOADS = [
        "' OR '1'='1",
        "'; DROP TABLE incidents; --",
        '" OR 1=1 --',
        '1) UNION SELECT name, password_hash FROM users --',
        '%',
        '_',
        '*',
        'NEAR(a b)',
        '"unterminated',
        "الميادين' OR 1=1 --",
        '\u0000',
      ];
      const PARAMS = [
        'q',
        'actor',
        'place',
        'admin1',
        'type',
        'status',
        'from',
        'to',
        'bbox',
        'documentId',
        'clusterId',
      ];

      test('SQL injection strings in every filter are harmless', async () => {
        const before = { incidents: await s.store.countIncidents({}), users: (await s.store.listUsers()).length };
        for (const param of PARAMS) {
          for (const p of PAYLOADS) {
            for (const path of ['/api/incidents', '/api/map', '/api/timeline', '/api/incidents/counts']) {
              const r = await call(app, viewer, 'GET', `${path}?${param}=${encodeURIComponent(p)}`);
              assert.ok(r.status === 200 || r.status === 400, `${path} ${param}=${p}: ${r.status}`);
              if (path === '/api/incidents' && r.status === 200) {
                // an always-true condition would return everything; a literal match returns nothing.
                // A text query without a single word ('%', '*') searches for nothing and filters nothing.
                const noWords = param === 'q' && !/[\p{L}\p{N}]/u.test(p);
                assert.equal(r.body.total, noWords ? before.incidents : 0, `${param}=${p} matched ${r.body.total}`);
              }
            }
          }
        }
        for (const p of PAYLOADS) {
          const r = await call(app, viewer, 'GET', `/api/incidents/${encodeURIComponent(p)}`);
          assert.ok(r.status === 404 || r.status === 400, `id ${p}: ${r.status}`);
        }
        assert.equal(await s.store.countIncidents({}), before.incidents);
        assert.equal((await s.store.listUsers()).length, before.users);
      });

      test('bad filter values are 400 with a code, not 500', async () => {
        for (const q of [
          'type=bombing',
          'status=done',
          'from=yesterday',
          'bbox=1,2,3',
          'bbox=10,10,0,0',
          'limit=100000',
          'offset=-1',
        ]) {
          const r = await call(app, viewer, 'GET', `/api/incidents?${q}`);
          assert.equal(r.status, 400, q);
          assert.equal(r.body.error.code, 'bad-request');
        }
      });

      test('oversized bodies get 413', async () => {
        const big = { summary_en: 'x'.repeat(300 * 1024) };
        const r = await call(app, editor, 'PATCH', `/api/incidents/${s.incidents.execution}`, big);
        assert.equal(r.status, 413);
        assert.equal(r.body.error.code, 'body.too-large');
        const login413 = await call(app, anon, 'POST', '/api/auth/login', {
          name: 'admin',
          password: 'p'.repeat(400 * 1024),
        });
        assert.equal(login413.status, 413);
      });

      test('NUL characters in a body are refused with 400', async () => {
        const r = await call(app, editor, 'PATCH', `/api/incidents/${s.incidents.execution}`, {
          summary_en: 'a\u0000b',
        });
        assert.equal(r.status, 400);
        const login = await call(app, anon, 'POST', '/api/auth/login', { name: 'ad\u0000min', password: 'x' });
        assert.equal(login.status, 400);
      });

      test('a patch cannot point a span outside the document or add unknown fields', async () => {
        const far = await call(app, editor, 'PATCH', `/api/incidents/${s.incidents.execution}`, {
          counts: { killed: { value: 3, min: 3, max: 3, approximate: false, text: 'x', span: [0, 10_000_000] } },
        });
        assert.equal(far.status, 400);
        assert.equal(far.body.error.code, 'patch.bad-span');
        const extra = await call(app, editor, 'PATCH', `/api/incidents/${s.incidents.execution}`, {
          status: 'verified',
        });
        assert.equal(extra.status, 400);
      });

      test('report text, queries and bodies never reach the log', async () => {
        logLines.length = 0;
        await call(app, viewer, 'GET', `/api/incidents?q=${encodeURIComponent('الميادين')}&actor=isis`);
        await call(app, editor, 'PATCH', `/api/incidents/${s.incidents.execution}`, {
          summary_en: 'secret witness name',
        });
        await call(app, anon, 'POST', '/api/auth/login', { name: 'editor', password: 'not-the-password' });
        await call(app, viewer, 'GET', `/api/documents/${s.docs.arExecution}`);
        assert.ok(logLines.length >= 4);
        const all = logLines.join('\n');
        for (const secret of ['الميادين', 'isis', 'secret witness', 'not-the-password', 'أعدم'])
          assert.ok(!all.includes(secret), secret);
      });
    });

    describe('headers and login', () => {
      test('every answer carries a strict CSP and the other security headers', async () => {
        const web = createApp({ store: s.store, webRoot: new URL('../../web/dist/', import.meta.url).pathname });
        for (const r of [
          await app.request('/api/incidents'),
          await web.request('/'),
          await app.request('/api/openapi.json'),
        ]) {
          const csp = r.headers.get('content-security-policy') ?? '';
          assert.match(csp, /script-src 'self'(;|$)/);
          assert.match(csp, /frame-ancestors 'none'/);
          assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
          assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
          assert.equal(r.headers.get('referrer-policy'), 'no-referrer');
        }
        const tiles = createApp({ store: s.store, tileUrl: 'https://{s}.tiles.example.org/{z}/{x}/{y}.png' });
        const csp = (await tiles.request('/api/config')).headers.get('content-security-policy')!;
        assert.match(csp, /img-src 'self' data: https:\/\/\*\.tiles\.example\.org;/);
        assert.match(csp, /script-src 'self';/);
      });

      test('the web app is served from its folder only: no path escapes it', async () => {
        const web = createApp({ store: s.store, webRoot: new URL('../../web/dist/', import.meta.url).pathname });
        for (const p of [
          '/%2e%2e/%2e%2e/package.json',
          '/..%2f..%2fpackage.json',
          '/assets/..%2f..%2f..%2fpackage.json',
          '/%2e%2e%2fsrc%2fschema.ts',
        ]) {
          const r = await web.request(p);
          const body = await r.text();
          assert.ok(!body.includes('"name": "rasid"') && !body.includes('INCIDENT_TYPES'), p);
        }
        const index = await web.request('/incidents/1');
        assert.match(index.headers.get('content-type') ?? '', /text\/html/);
      });

      test('the session cookie is HttpOnly and SameSite=Strict', async () => {
        const r = await app.request('/api/auth/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name: 'viewer', password: PASSWORDS.viewer }),
        });
        const c = r.headers.get('set-cookie') ?? '';
        assert.match(c, /HttpOnly/i);
        assert.match(c, /SameSite=Strict/i);
        assert.match(c, /Path=\//);
      });

      test('wrong passwords are 401 and repeated attempts are rate limited (429)', async () => {
        const limited = createApp({ store: s.store });
        const statuses: number[] = [];
        let retry: string | null = null;
        for (let i = 0; i < 12; i++) {
          const r = await call(limited, anon, 'POST', '/api/auth/login', { name: 'admin', password: `guess-${i}` });
          statuses.push(r.status);
          retry = r.headers.get('retry-after') ?? retry;
        }
        // five free failures, the sixth earns a wait (src/auth/rate-limit.ts)
        assert.deepEqual(statuses.slice(0, 6), Array(6).fill(401));
        assert.deepEqual(statuses.slice(6), Array(6).fill(429));
        assert.ok(Number(retry) > 0);
        // even the right password waits now
        const ok = await call(limited, anon, 'POST', '/api/auth/login', { name: 'admin', password: PASSWORDS.admin });
        assert.equal(ok.status, 429);
      });

      test('an office behind one address signs in all day: only failures count (issue 12: the 11th got 429)', async () => {
        const office = createApp({ store: s.store });
        for (let i = 0; i < 25; i++) {
          const who = (['editor', 'viewer', 'admin'] as const)[i % 3];
          const r = await call(office, anon, 'POST', '/api/auth/login', { name: who, password: PASSWORDS[who!] });
          assert.equal(r.status, 200, `sign-in ${i + 1}`);
        }
        // a colleague mistyping a few times, then getting it right, is not held back afterwards
        for (let i = 0; i < 4; i++)
          await call(office, anon, 'POST', '/api/auth/login', { name: 'viewer', password: 'typo' });
        assert.equal(
          (await call(office, anon, 'POST', '/api/auth/login', { name: 'viewer', password: PASSWORDS.viewer })).status,
          200,
        );
        for (let i = 0; i < 4; i++)
          await call(office, anon, 'POST', '/api/auth/login', { name: 'viewer', password: 'typo' });
        assert.equal(
          (await call(office, anon, 'POST', '/api/auth/login', { name: 'viewer', password: PASSWORDS.viewer })).status,
          200,
        );
      });
    });
  });
}
