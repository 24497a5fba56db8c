// Issue 12's smaller server defects, each on both backends: deeply nested bodies are 400 (were 500),
// a patch cannot store a non-date or a count whose min is above its max, a document's answer does
// not carry the server's file path, and behind a trusted TLS proxy the session cookie is Secure.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createApp } from '../../src/serve/app.ts';
import { type Client, anon, call, login } from './http.ts';
import { PASSWORDS, type Seeded, backends, seedStore } from './seed.ts';

for (const { backend, skip } of await backends()) {
  describe(backend, { skip }, () => {
    let s: Seeded;
    let app: ReturnType<typeof createApp>;
    let editor: Client;
    let viewer: Client;

    before(async () => {
      s = await seedStore(backend);
      app = createApp({ store: s.store });
      editor = await login(app, 'editor', PASSWORDS.editor);
      viewer = await login(app, 'viewer', PASSWORDS.viewer);
    });
    after(async () => s.cleanup());

    test('a deeply nested JSON body is 400, not 500, on login and on a patch', async () => {
      const deep = '['.repeat(50_000) + ']'.repeat(50_000);
      const deepObject = '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000);
      for (const body of [deep, deepObject]) {
        const r = await call(app, anon, 'POST', '/api/auth/login', body);
        assert.equal(r.status, 400);
        const p = await call(app, editor, 'PATCH', `/api/incidents/${s.incidents.execution}`, body);
        assert.equal(p.status, 400);
      }
      const modest = await call(app, editor, 'PATCH', `/api/incidents/${s.incidents.execution}`, {
        actors: [{ role: 'perpetrator', id: 'isis', name: 'Islamic State', span: null }],
      });
      assert.equal(modest.status, 200, 'a real patch is still well within the depth limit');
    });

    test('a patch refuses a time.start that is no date, an end before the start, and counts with min > max', async () => {
      const id = s.incidents.arrests;
      const time = (start: string | null, end: string | null) => ({
        time: { start, end, precision: 1, text: null, span: null },
      });
      const count = (min: number, max: number) => ({
        counts: { arrested: { value: 20, min, max, approximate: false, text: 'x', span: null } },
      });
      for (const bad of [
        time('yesterday', null),
        time('2019-02-30', null),
        time('2019-03-12', '2019-03-01'),
        count(30, 10),
      ]) {
        const r = await call(app, editor, 'PATCH', `/api/incidents/${id}`, bad);
        assert.equal(r.status, 400, JSON.stringify(bad));
        assert.equal(r.body.error.code, 'bad-request');
      }
      const before = await s.store.getIncident(id);
      assert.equal(before?.time?.start, '2019-03-12', 'nothing bad was stored');
      const good = await call(app, editor, 'PATCH', `/api/incidents/${id}`, {
        ...time('2019-03-11', '2019-03-12'),
        ...count(15, 25),
      });
      assert.equal(good.status, 200);
      assert.equal(good.body.incident.time.start, '2019-03-11');
    });

    test("a document's answer does not carry its source key (a file's absolute path on the server)", async () => {
      const put = await s.store.putDocument({
        sourceKey: '/srv/rasid/private/reports/witness-list.txt',
        url: null,
        title: 'From a folder',
        lang: 'en',
        published: null,
        text: 'Gunmen stopped a car near the bridge.',
        format: 'txt',
        alternates: [],
      });
      const r = await call(app, viewer, 'GET', `/api/documents/${put.id}`);
      assert.equal(r.status, 200);
      assert.equal(r.body.document.title, 'From a folder');
      assert.ok(!JSON.stringify(r.body).includes('/srv/rasid'), 'no server path in the answer');
    });

    test("a document's answer carries the issues of its extraction (a cut by --max-incidents)", async () => {
      const put = await s.store.putDocument({
        sourceKey: 'file:long-report.txt',
        url: null,
        title: 'A long report',
        lang: 'en',
        published: null,
        text: 'Gunmen stopped a car near the bridge. Later they stopped a bus.',
        format: 'txt',
        alternates: [],
      });
      const cut = {
        code: 'document.incidents-capped',
        stage: 'extract',
        message: 'kept the first 1 incidents',
        span: [38, 63],
      };
      await s.store.saveExtraction(put.id, {
        incidents: [],
        issues: [cut as { code: string; stage: string; message: string; span: [number, number] }],
      });
      const r = await call(app, viewer, 'GET', `/api/documents/${put.id}`);
      assert.equal(r.status, 200);
      assert.deepEqual(r.body.document.issues, [cut]);
    });

    test('--trust-proxy: the cookie is Secure behind a TLS proxy; without it the header is not believed', async () => {
      const loginVia = async (a: ReturnType<typeof createApp>) =>
        (
          await a.request('/api/auth/login', {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'x-forwarded-proto': 'https',
              'x-forwarded-for': '203.0.113.9',
            },
            body: JSON.stringify({ name: 'viewer', password: PASSWORDS.viewer }),
          })
        ).headers.get('set-cookie') ?? '';
      assert.match(await loginVia(createApp({ store: s.store, trustProxy: true })), /;\s*Secure/i);
      assert.doesNotMatch(await loginVia(createApp({ store: s.store })), /;\s*Secure/i);
    });
  });
}
