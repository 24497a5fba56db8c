// The review API end to end over a real SQLite store: filters, edits with their audit trail,
// status changes, merge and split, documents with alternates, map, timeline, export, OpenAPI.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { acledFor } from '../../src/schema.ts';
import { createApp } from '../../src/serve/app.ts';
import { OPERATIONS } from '../../src/serve/openapi.ts';
import { type Client, call, login } from './http.ts';
import { PASSWORDS, type Seeded, backends, seedStore } from './seed.ts';

for (const { backend, skip } of await backends()) {
  describe(backend, { skip }, () => {
    let s: Seeded;
    let app: ReturnType<typeof createApp>;
    let editor: Client;
    let admin: Client;

    before(async () => {
      s = await seedStore(backend);
      app = createApp({ store: s.store });
      editor = await login(app, 'editor', PASSWORDS.editor);
      admin = await login(app, 'admin', PASSWORDS.admin);
    });
    after(async () => s.cleanup());

    const ids = (r: { body: { items: Array<{ id: string }> } }) => r.body.items.map((i) => i.id).sort();

    describe('GET /api/incidents', () => {
      test('filters by type, status, actor, place, admin area, dates, bbox and text', async () => {
        const { execution, airStrike, enExecution, arrests, xss } = s.incidents;
        const cases: Array<[string, string[]]> = [
          ['type=execution', [execution, enExecution]],
          ['type=execution,arrests', [execution, enExecution, arrests]],
          ['actor=sdf', [arrests]],
          ['place=' + encodeURIComponent('الرقة'), [arrests]],
          ['place=Raqqa', [arrests]],
          ['admin1=' + encodeURIComponent('Deir ez-Zor'), [execution, airStrike, enExecution]],
          ['from=2019-01-01', [arrests, xss]],
          ['from=2015-09-01&to=2015-09-30', [execution, airStrike, enExecution]],
          ['bbox=38.5,35.5,39.5,36.2', [arrests]],
          ['q=' + encodeURIComponent('الميادين'), [execution, airStrike]],
          ['q=coalition', [airStrike, enExecution]],
          ['status=machine&type=arrests', [arrests]],
          ['status=verified', []],
        ];
        for (const [q, want] of cases) {
          const r = await call(app, editor, 'GET', `/api/incidents?${q}`);
          assert.equal(r.status, 200, q);
          if (q.startsWith('q=')) {
            // text search may also match through the document; what must hold is that the expected ones are there
            for (const id of want) assert.ok(ids(r).includes(id), `${q} misses ${id}`);
          } else assert.deepEqual(ids(r), [...want].sort(), q);
          assert.equal(r.body.total, r.body.items.length, q);
        }
      });

      test('paginates with limit and offset and reports the total', async () => {
        const a = await call(app, editor, 'GET', '/api/incidents?limit=2&offset=0');
        const b = await call(app, editor, 'GET', '/api/incidents?limit=2&offset=2');
        const c = await call(app, editor, 'GET', '/api/incidents?limit=2&offset=4');
        assert.equal(a.body.total, 5);
        assert.deepEqual(
          [a, b, c].map((r) => r.body.items.length),
          [2, 2, 1],
        );
        assert.equal(new Set([...ids(a), ...ids(b), ...ids(c)]).size, 5);
      });

      test('counts per status', async () => {
        const r = await call(app, editor, 'GET', '/api/incidents/counts?type=execution');
        assert.deepEqual(r.body, { total: 2, byStatus: { machine: 2, edited: 0, verified: 0, rejected: 0 } });
      });
    });

    describe('review actions', () => {
      test('changing a count marks the incident edited and is in the audit history with who and why', async () => {
        const id = s.incidents.airStrike;
        const cur = (await call(app, editor, 'GET', `/api/incidents/${id}`)).body.incident;
        const killed = { ...cur.counts.killed, value: 6, min: 6, max: 6 };
        const r = await call(app, editor, 'PATCH', `/api/incidents/${id}`, {
          counts: { ...cur.counts, killed },
          note: 'second source',
        });
        assert.equal(r.status, 200);
        assert.equal(r.body.incident.status, 'edited');
        assert.equal(r.body.incident.counts.killed.value, 6);
        const h = (await call(app, editor, 'GET', `/api/incidents/${id}/reviews`)).body.items;
        const edit = h.find((e: { field: string }) => e.field === 'counts');
        assert.equal(edit.action, 'edit');
        assert.equal(edit.userName, 'editor');
        assert.equal(edit.note, 'second source');
        assert.equal(edit.oldValue.killed.value, 5);
        assert.equal(edit.newValue.killed.value, 6);
      });

      test('changing the type brings its ACLED pair along', async () => {
        const r = await call(app, editor, 'PATCH', `/api/incidents/${s.incidents.airStrike}`, { type: 'shelling' });
        assert.deepEqual(r.body.incident.acled, {
          event_type: 'Explosions/Remote violence',
          sub_event_type: 'Shelling/artillery/missile attack',
        });
        const back = await call(app, editor, 'PATCH', `/api/incidents/${s.incidents.airStrike}`, {
          type: 'air_strike',
        });
        assert.equal(back.body.incident.acled.sub_event_type, 'Air/drone strike');
      });

      test('verify, reject and reopen move the status and refuse pointless moves', async () => {
        const id = s.incidents.enExecution;
        assert.equal((await call(app, editor, 'POST', `/api/incidents/${id}/reopen`, {})).status, 409);
        assert.equal(
          (await call(app, editor, 'POST', `/api/incidents/${id}/verify`, {})).body.incident.status,
          'verified',
        );
        assert.equal((await call(app, editor, 'POST', `/api/incidents/${id}/verify`, {})).status, 409);
        assert.equal(
          (await call(app, editor, 'POST', `/api/incidents/${id}/reject`, { note: 'duplicate' })).body.incident.status,
          'rejected',
        );
        assert.equal(
          (await call(app, editor, 'POST', `/api/incidents/${id}/reopen`, {})).body.incident.status,
          'edited',
        );
        const actions = (await call(app, editor, 'GET', `/api/incidents/${id}/reviews`)).body.items.map(
          (e: { action: string }) => e.action,
        );
        assert.deepEqual(actions, ['verify', 'reject', 'reopen']);
      });

      test('merge joins incidents into one cluster and split takes one out, both audited', async () => {
        const { execution, enExecution } = s.incidents;
        const m = await call(app, editor, 'POST', `/api/incidents/${execution}/merge`, { with: [enExecution] });
        assert.equal(m.status, 200);
        assert.deepEqual([...m.body.cluster.incidentIds].sort(), [execution, enExecution].sort());
        const view = await call(app, editor, 'GET', `/api/incidents/${execution}`);
        assert.equal(view.body.cluster.id, m.body.cluster.id);
        const sp = await call(app, editor, 'POST', `/api/incidents/${execution}/split`, {});
        assert.equal(sp.body.incident.clusterId, null);
        assert.equal((await call(app, editor, 'POST', `/api/incidents/${execution}/split`, {})).status, 409);
        const actions = (await call(app, editor, 'GET', `/api/incidents/${execution}/reviews`)).body.items.map(
          (e: { action: string }) => e.action,
        );
        assert.deepEqual(actions.slice(-2), ['merge', 'split']);
        assert.equal(
          (await call(app, editor, 'POST', `/api/incidents/${execution}/merge`, { with: ['999999'] })).status,
          404,
        );
      });

      test('unknown incidents are 404 with a code', async () => {
        const r = await call(app, editor, 'GET', '/api/incidents/424242');
        assert.equal(r.status, 404);
        assert.equal(r.body.error.code, 'not-found');
        assert.equal((await call(app, editor, 'PATCH', '/api/incidents/424242', { summary_en: 'x' })).status, 404);
      });
    });

    describe('documents, map, timeline, export', () => {
      test('a document comes with its other-language versions and incidents', async () => {
        const r = await call(app, editor, 'GET', `/api/documents/${s.docs.arExecution}`);
        assert.equal(r.body.document.lang, 'ar');
        assert.deepEqual(
          r.body.alternates.map((a: { id: string; lang: string }) => [a.id, a.lang]),
          [[s.docs.enExecution, 'en']],
        );
        assert.equal(r.body.incidents.length, 2);
        assert.equal((await call(app, editor, 'GET', '/api/documents/999999')).status, 404);
      });

      test('the map clusters what the filter matches, and agrees with the list', async () => {
        const wide = await call(app, editor, 'GET', '/api/map?zoom=7');
        assert.equal(wide.body.total, 5);
        // the three al-Mayadin and al-Shuhayl incidents share a cell when zoomed out, Raqqa and Hasakah do not
        assert.deepEqual(wide.body.clusters.map((c: { n: number }) => c.n).sort(), [1, 1, 3]);
        const near = await call(app, editor, 'GET', '/api/map?zoom=12');
        assert.ok(near.body.clusters.every((c: { n: number; id?: string }) => c.n > 1 || c.id));
        for (const q of ['type=arrests', 'bbox=38.5,35.5,39.5,36.2', 'from=2019-01-01', 'actor=isis', 'q=coalition']) {
          const map = await call(app, editor, 'GET', `/api/map?zoom=5&${q}`);
          const list = await call(app, editor, 'GET', `/api/incidents?${q}`);
          assert.equal(map.body.total, list.body.total, q);
        }
      });

      test('the map index follows edits made through the server', async () => {
        const id = s.incidents.arrests;
        const cur = (await call(app, editor, 'GET', `/api/incidents/${id}`)).body.incident;
        await call(app, editor, 'PATCH', `/api/incidents/${id}`, {
          locations: [{ ...cur.locations[0], lat: 33.5, lon: 36.3 }],
        });
        const there = await call(app, editor, 'GET', '/api/map?zoom=10&bbox=36,33,37,34');
        assert.deepEqual(
          there.body.clusters.map((c: { id: string }) => c.id),
          [id],
        );
        await call(app, editor, 'PATCH', `/api/incidents/${id}`, { locations: cur.locations });
      });

      test('the map index picks up incidents another process added once the store count moves', async () => {
        const { MapIndex } = await import('../../src/store/map-index.ts');
        const index = new MapIndex(s.store, { recheckMs: 0 });
        const world: [number, number, number, number] = [-180, -90, 180, 90];
        const mapTotal = async () => {
          await index.ensure();
          return index.cluster({}, world, 1).total;
        };
        const before = await mapTotal();
        const [inc] = (await s.store.listIncidents({ documentId: s.docs.arArrests }, { limit: 1, offset: 0 })).items;
        assert.ok(inc);
        await s.store.bulkInsertIncidents([
          {
            documentId: s.docs.arArrests,
            incident: { ...inc, id: 'another-process', type: 'looting', acled: acledFor('looting') },
          },
        ]);
        let total = before;
        for (let i = 0; i < 100 && total === before; i++) {
          await new Promise((r) => setTimeout(r, 20));
          total = await mapTotal();
        }
        assert.equal(total, before + 1);
      });

      test('the timeline counts incidents per week and type', async () => {
        const r = await call(app, editor, 'GET', '/api/timeline?type=execution');
        assert.deepEqual(r.body.rows, [{ week: '2015-08-31', type: 'execution', n: 2 }]);
      });

      test('exports stream in each format with its media type', async () => {
        const want: Record<string, RegExp> = {
          acled: /text\/csv/,
          geojson: /geo\+json/,
          hxl: /text\/csv/,
          jsonl: /ndjson/,
        };
        for (const [format, type] of Object.entries(want)) {
          const r = await call(app, editor, 'GET', `/api/export?format=${format}&type=execution`);
          assert.equal(r.status, 200, format);
          assert.match(r.headers.get('content-type') ?? '', type);
          assert.match(r.headers.get('content-disposition') ?? '', /attachment/);
        }
        const gj = await call(app, editor, 'GET', '/api/export?format=geojson&type=arrests');
        assert.equal(gj.body.features.length, 1);
        assert.deepEqual(gj.body.features[0].geometry.coordinates, [39.0079, 35.9528]);
        assert.equal((await call(app, editor, 'GET', '/api/export?format=pdf')).status, 400);
      });
    });

    describe('users and OpenAPI', () => {
      test('an admin creates users; a generated password is returned once', async () => {
        const r = await call(app, admin, 'POST', '/api/users', { name: 'analyst2', role: 'editor' });
        assert.equal(r.status, 201);
        assert.equal(typeof r.body.password, 'string');
        assert.equal((await call(app, admin, 'POST', '/api/users', { name: 'analyst2', role: 'editor' })).status, 409);
        const fresh = await login(app, 'analyst2', r.body.password);
        assert.equal((await call(app, fresh, 'GET', '/api/me')).body.user.role, 'editor');
        const list = await call(app, admin, 'GET', '/api/users');
        assert.ok(list.body.items.every((u: Record<string, unknown>) => !('passwordHash' in u)));
      });

      test('the OpenAPI document lists every API route the app serves', async () => {
        const doc = (await call(app, editor, 'GET', '/api/openapi.json')).body;
        assert.equal(doc.openapi, '3.1.0');
        const served = new Set(
          app.routes
            .filter((r) => r.path.startsWith('/api/') && r.path !== '/api/*' && r.method !== 'ALL')
            .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`),
        );
        const documented = new Set(OPERATIONS.map((o) => `${o.method} ${o.path}`));
        assert.deepEqual([...served].sort(), [...documented].sort());
        assert.ok(doc.paths['/api/incidents'].get.parameters.some((p: { name: string }) => p.name === 'bbox'));
        assert.ok(doc.paths['/api/incidents/{id}'].patch.requestBody);
      });
    });
  });
}
