// Restricted items over HTTP, on both backends (issue 12, "Sensitive data"): an editor restricts
// an incident or a document; viewers — signed in, by a viewer's API token, or anonymous under
// --public-read — never see them in lists, counts, the map, the timeline, search, clusters or
// document text, and a direct read answers exactly as for an id that does not exist (404);
// editors and admins see them marked; exports leave them out unless an admin asks.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createApiToken } from '../../src/auth/users.ts';
import { createApp } from '../../src/serve/app.ts';
import { type Client, anon, call, login } from './http.ts';
import { PASSWORDS, type Seeded, backends, seedStore } from './seed.ts';

type App = ReturnType<typeof createApp>;

for (const { backend, skip } of await backends()) {
  describe(`restricted items: ${backend}`, { skip }, () => {
    let s: Seeded;
    let app: App;
    let open: App;
    let admin: Client;
    let editor: Client;
    let viewer: Client;
    let viewerToken: Client;
    let editorToken: Client;

    before(async () => {
      s = await seedStore(backend);
      app = createApp({ store: s.store });
      open = createApp({ store: s.store, publicRead: true });
      admin = await login(app, 'admin', PASSWORDS.admin);
      editor = await login(app, 'editor', PASSWORDS.editor);
      viewer = await login(app, 'viewer', PASSWORDS.viewer);
      viewerToken = { cookie: null, csrf: null, token: (await createApiToken(s.store, 'viewer', 'script')).token };
      editorToken = { cookie: null, csrf: null, token: (await createApiToken(s.store, 'editor', 'script')).token };
    });
    after(async () => s?.cleanup());

    /** every reader who must not see restricted items: a viewer's session and token, anonymous public read */
    const viewers = (): Array<[string, App, Client]> => [
      ['viewer session', app, viewer],
      ['viewer token', app, viewerToken],
      ['anonymous --public-read', open, anon],
    ];

    const listIds = async (a: App, c: Client, query = '') =>
      ((await call(a, c, 'GET', `/api/incidents?limit=500${query}`)).body.items as Array<{ id: string }>).map(
        (i) => i.id,
      );

    test('only editors restrict, with the CSRF token; the change is audited in the incident history', async () => {
      const id = s.incidents.airStrike;
      assert.equal((await call(app, viewer, 'POST', `/api/incidents/${id}/restrict`, {})).status, 403);
      assert.equal((await call(app, viewerToken, 'POST', `/api/incidents/${id}/restrict`, {})).status, 403);
      assert.equal((await call(open, anon, 'POST', `/api/incidents/${id}/restrict`, {})).status, 401);
      assert.equal((await call(app, editor, 'POST', `/api/incidents/${id}/restrict`, {}, { csrf: false })).status, 403);
      const r = await call(app, editor, 'POST', `/api/incidents/${id}/restrict`, { note: 'names the victims' });
      assert.equal(r.status, 200);
      assert.deepEqual(r.body.incident.restricted, { incident: true, document: false });
      const history = await call(app, editor, 'GET', `/api/incidents/${id}/reviews`);
      const last = history.body.items.at(-1);
      assert.deepEqual(
        [last.action, last.field, last.newValue, last.note, last.userName],
        ['restrict', 'restricted', true, 'names the victims', 'editor'],
      );
    });

    test('a viewer never sees a restricted incident: list, counts, map, timeline, search, document text', async () => {
      const id = s.incidents.airStrike;
      const all = await listIds(app, editor);
      assert.ok(all.includes(id));
      const row = (await call(app, editor, 'GET', '/api/incidents?limit=500')).body.items.find(
        (i: { id: string }) => i.id === id,
      );
      assert.equal(row.restricted, true, 'marked for editors');
      assert.ok((await listIds(app, admin)).includes(id));
      const editorCounts = (await call(app, editor, 'GET', '/api/incidents/counts')).body.total;
      const editorMap = (await call(app, editor, 'GET', '/api/map?zoom=12&bbox=39,34,42,37')).body;
      assert.ok(editorMap.clusters.some((c: { id?: string }) => c.id === id));
      const weeks = (rows: Array<{ type: string; n: number }>) =>
        rows.filter((w) => w.type === 'air_strike').reduce((n, w) => n + w.n, 0);
      assert.equal(weeks((await call(app, editor, 'GET', '/api/timeline')).body.rows), 1);
      for (const [who, a, c] of viewers()) {
        const ids = await listIds(a, c);
        assert.deepEqual(ids.sort(), all.filter((x) => x !== id).sort(), who);
        assert.equal((await call(a, c, 'GET', '/api/incidents?limit=500')).body.total, all.length - 1, who);
        assert.equal((await call(a, c, 'GET', '/api/incidents/counts')).body.total, editorCounts - 1, who);
        const map = (await call(a, c, 'GET', '/api/map?zoom=12&bbox=39,34,42,37')).body;
        assert.ok(!map.clusters.some((cl: { id?: string }) => cl.id === id), who);
        assert.equal(map.total, editorMap.total - 1, who);
        assert.equal(weeks((await call(a, c, 'GET', '/api/timeline')).body.rows), 0, who);
        // its words, its place, its type: nothing finds it
        for (const q of ['q=الشحيل', 'place=al-Shuhayl', 'type=air_strike', `documentId=${s.docs.arExecution}`])
          assert.ok(!(await listIds(a, c, `&${q}`)).includes(id), `${who}: ${q}`);
        // nor does the visible incident of the same document answer to the restricted one's words
        // (it would tell what they say), while its own words still find it
        assert.ok(!(await listIds(a, c, '&q=الشحيل')).includes(s.incidents.execution), `${who}: leak`);
        assert.equal((await call(a, c, 'GET', '/api/incidents?q=الشحيل')).body.total, 0, `${who}: count`);
        assert.ok((await listIds(a, c, '&q=الميادين')).includes(s.incidents.execution), `${who}: own words`);
        // asking for restricted ones is refused outright
        assert.equal((await call(a, c, 'GET', '/api/incidents?restricted=only')).status, 403, who);
      }
      assert.deepEqual(await listIds(app, editor, '&restricted=only'), [id]);
      // an editor's search reads the whole document: its words find both of its incidents
      assert.ok((await listIds(app, editor, '&q=الشحيل')).includes(s.incidents.execution));
    });

    test('a direct read by a viewer answers exactly as for an incident that does not exist', async () => {
      const id = s.incidents.airStrike;
      const missing = await call(app, viewer, 'GET', '/api/incidents/999999');
      assert.equal(missing.status, 404);
      for (const [who, a, c] of viewers()) {
        for (const path of [`/api/incidents/${id}`, `/api/incidents/${id}/reviews`]) {
          const r = await call(a, c, 'GET', path);
          assert.equal(r.status, 404, `${who} ${path}`);
          assert.deepEqual(r.body, missing.body, `${who} ${path}: no hint that it exists`);
        }
      }
      for (const c of [editor, admin, editorToken]) {
        const r = await call(app, c, 'GET', `/api/incidents/${id}`);
        assert.equal(r.status, 200);
        assert.deepEqual(r.body.incident.restricted, { incident: true, document: false });
      }
    });

    test("a viewer reads the document with the restricted incident's words blanked, every offset kept", async () => {
      const docId = s.docs.arExecution;
      const full = (await call(app, editor, 'GET', `/api/documents/${docId}`)).body;
      assert.ok(full.document.text.includes('بلدة الشحيل'));
      assert.equal(full.incidents.length, 2);
      for (const [who, a, c] of viewers()) {
        const r = await call(a, c, 'GET', `/api/documents/${docId}`);
        assert.equal(r.status, 200, who);
        const text: string = r.body.document.text;
        assert.equal(text.length, full.document.text.length, who);
        assert.ok(!text.includes('الشحيل') && !text.includes('طائرات التحالف'), `${who}: blanked`);
        assert.ok(text.includes('مدينة الميادين'), `${who}: the visible incident's words stay`);
        assert.deepEqual(
          r.body.incidents.map((i: { id: string }) => i.id),
          [s.incidents.execution],
          who,
        );
      }
    });

    test('a restricted document: gone for viewers (404), with its incidents and as an alternate; audited', async () => {
      const docId = s.docs.enExecution;
      assert.equal((await call(app, viewer, 'POST', `/api/documents/${docId}/restrict`, {})).status, 403);
      // a cluster of the Arabic and English reports: viewers see only the Arabic member
      const cluster = await s.store.putCluster([s.incidents.execution, s.incidents.enExecution], ['test']);
      const r = await call(app, editor, 'POST', `/api/documents/${docId}/restrict`, { note: 'witness named' });
      assert.equal(r.status, 200);
      assert.deepEqual(
        [r.body.document.restricted, r.body.document.restrictedBy, r.body.changed],
        [true, 'editor', true],
      );
      const missing = await call(app, viewer, 'GET', '/api/documents/999999');
      for (const [who, a, c] of viewers()) {
        const d = await call(a, c, 'GET', `/api/documents/${docId}`);
        assert.equal(d.status, 404, who);
        assert.deepEqual(d.body, missing.body, who);
        assert.equal((await call(a, c, 'GET', `/api/incidents/${s.incidents.enExecution}`)).status, 404, who);
        assert.ok(!(await listIds(a, c)).includes(s.incidents.enExecution), who);
        const ar = (await call(a, c, 'GET', `/api/documents/${s.docs.arExecution}`)).body;
        assert.deepEqual(ar.alternates, [], `${who}: not named as an alternate`);
        const view = (await call(a, c, 'GET', `/api/incidents/${s.incidents.execution}`)).body;
        assert.deepEqual(view.cluster.incidentIds, [s.incidents.execution], `${who}: cluster member hidden`);
        assert.ok(!JSON.stringify(view.cluster).includes(`"${s.incidents.enExecution}"`), who);
      }
      const seen = await call(app, editor, 'GET', `/api/documents/${docId}`);
      assert.equal(seen.status, 200);
      assert.deepEqual([seen.body.document.restricted, seen.body.document.restrictedBy], [true, 'editor']);
      const inc = await call(app, editor, 'GET', `/api/incidents/${s.incidents.enExecution}`);
      assert.deepEqual(inc.body.incident.restricted, { incident: false, document: true });
      assert.equal(inc.body.document.restricted, true);
      assert.equal(
        (await call(app, editor, 'GET', `/api/incidents/${s.incidents.execution}`)).body.cluster.incidentIds.length,
        2,
      );
      const audit = (await call(app, admin, 'GET', '/api/audit')).body.items;
      const entry = audit.find((e: { action: string }) => e.action === 'document.restrict');
      assert.deepEqual(
        [entry.target, entry.detail, entry.userId],
        [`document ${docId}`, 'witness named', (await s.store.getUserByName('editor'))!.id],
      );
      await s.store.removeFromCluster(s.incidents.execution);
      assert.equal(cluster.incidentIds.length, 2);
    });

    test('exports leave restricted incidents out unless an admin asks; others asking are refused', async () => {
      const hidden = [s.incidents.airStrike, s.incidents.enExecution];
      const exported = async (c: Client, format: string, extra = '') => {
        const r = await call(app, c, 'GET', `/api/export?format=${format}${extra}`);
        assert.equal(r.status, 200, `${format}${extra}`);
        return String(typeof r.body === 'string' ? r.body : JSON.stringify(r.body));
      };
      const jsonlIds = (text: string) =>
        text
          .trim()
          .split('\n')
          .filter(Boolean)
          .map((l) => (JSON.parse(l) as { id: string }).id);
      for (const c of [viewer, editor, admin, viewerToken]) {
        const lines = await exported(c, 'jsonl');
        // JSONL carries the store's incident ids
        assert.ok(!jsonlIds(lines).some((id) => hidden.includes(id)));
        for (const format of ['acled', 'geojson', 'hxl']) {
          const text = await exported(c, format);
          assert.ok(!text.includes('al-Shuhayl'), `${format}: the restricted air strike is out`);
          assert.ok(text.includes('al-Mayadin'), `${format}: the others are in`);
        }
      }
      for (const [c, status] of [
        [viewer, 403],
        [editor, 403],
        [viewerToken, 403],
        [editorToken, 403],
      ] as const) {
        assert.equal((await call(app, c, 'GET', '/api/export?format=jsonl&include_restricted=1')).status, status);
        assert.equal((await call(app, c, 'GET', '/api/export?format=jsonl&restricted=only')).status, status);
      }
      assert.equal((await call(open, anon, 'GET', '/api/export?format=jsonl&include_restricted=1')).status, 403);
      const withAll = jsonlIds(await exported(admin, 'jsonl', '&include_restricted=1'));
      for (const id of hidden) assert.ok(withAll.includes(id), id);
      const line = (await exported(admin, 'jsonl', '&include_restricted=1'))
        .split('\n')
        .find((l) => l.includes(`"id":"${s.incidents.airStrike}"`));
      assert.match(line ?? '', /"restricted":\{"incident":true,"document":false\}/, 'marked in the file');
      assert.ok((await exported(admin, 'acled', '&include_restricted=1')).includes('al-Shuhayl'));
      assert.deepEqual(
        jsonlIds(await exported(admin, 'jsonl', '&include_restricted=1&restricted=only')).sort(),
        [...hidden].sort(),
      );
    });

    test('lifting the restrictions gives viewers everything back', async () => {
      const before = (await listIds(app, viewer)).length;
      assert.equal(
        (await call(app, editor, 'POST', `/api/incidents/${s.incidents.airStrike}/unrestrict`, {})).status,
        200,
      );
      const r = await call(app, admin, 'POST', `/api/documents/${s.docs.enExecution}/unrestrict`, {});
      assert.deepEqual([r.status, r.body.document.restricted], [200, false]);
      assert.equal((await listIds(app, viewer)).length, before + 2);
      assert.equal((await call(app, viewer, 'GET', `/api/incidents/${s.incidents.airStrike}`)).status, 200);
      assert.equal((await call(open, anon, 'GET', `/api/documents/${s.docs.enExecution}`)).status, 200);
      const text = (await call(app, viewer, 'GET', `/api/documents/${s.docs.arExecution}`)).body.document.text;
      assert.ok(text.includes('بلدة الشحيل'));
    });
  });
}
