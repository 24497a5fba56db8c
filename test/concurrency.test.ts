// Analysts verify and edit over HTTP while ingest re-extracts the same document again and again
// (issue 12: on PostgreSQL a save read statuses without locks, then deleted incidents whose verify
// had already answered 200). Every write that answered 2xx must still be there afterwards, no
// request may fail with 5xx, and no review row may point at a missing incident. Runs on SQLite
// and on PostgreSQL (which skips with the reason when no server answers).
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { serve, type ServerType } from '@hono/node-server';
import { createApiToken, addUser } from '../src/auth/users.ts';
import { acledFor, type Incident } from '../src/schema.ts';
import { createApp } from '../src/serve/app.ts';
import type { PostgresStore } from '../src/store/postgres.ts';
import type { SqliteStore } from '../src/store/sqlite.ts';
import type { Store } from '../src/store/types.ts';
import { backends, seedStore } from './web/seed.ts';

const SENTENCES = 40;
const ROUNDS = 10;
const CLIENTS = 6;
const WRITES_PER_ROUND = 6;
const MIN_WRITES = 30;

function reportText(round: number): string {
  const lines = Array.from(
    { length: SENTENCES },
    (_, k) => `Gunmen shot farmer number ${k + 1} near the mill of village ${k + 1} on Tuesday.`,
  );
  // each round changes the text a little, so the put makes a new version that must be re-extracted
  return `${lines.join('\n')}\nUpdated ${round} times.`;
}

function extraction(text: string): Incident[] {
  return Array.from({ length: SENTENCES }, (_, k) => {
    const words = `Gunmen shot farmer number ${k + 1} near the mill of village ${k + 1}`;
    const start = text.indexOf(words);
    return {
      id: `i${k}`,
      type: 'attack',
      acled: acledFor('attack'),
      violations: [],
      actors: [],
      locations: [],
      time: null,
      counts: {},
      methods: [],
      accusations: [],
      attribution: null,
      evidence: [{ span: [start, start + words.length] }],
      summary_en: `Gunmen shot a farmer (${k + 1}).`,
      confidence: 0.7,
    } as Incident;
  });
}

async function orphanReviews(store: Store): Promise<number> {
  const q = 'SELECT COUNT(*) AS n FROM reviews WHERE incident_id NOT IN (SELECT id FROM incidents)';
  if (store.kind === 'sqlite') return Number(((store as SqliteStore).raw.prepare(q).get() as { n: number }).n);
  return Number((await (store as PostgresStore).pool.query(q)).rows[0].n);
}

for (const { backend, skip } of await backends()) {
  describe(`concurrent review during re-ingest: ${backend}`, { skip }, () => {
    it('every 2xx verify and edit survives repeated re-extraction; no 5xx; no orphan reviews', async () => {
      const s = await seedStore(backend);
      const { store } = s;
      await addUser(store, 'busy-editor', 'editor', 'busy-editor-pass');
      const { token } = await createApiToken(store, 'busy-editor', 'test');
      const app = createApp({ store });
      const server = await new Promise<ServerType>((resolve) => {
        const srv = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(srv));
      });
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      try {
        const first = await store.putDocument({
          sourceKey: 'race/report',
          url: null,
          title: 'Race',
          lang: 'en',
          published: '2020-01-07',
          text: reportText(0),
          format: 'txt',
          alternates: [],
        });
        await store.saveExtraction(first.id, { incidents: extraction(reportText(0)) });

        const written = new Map<string, { verified: boolean; summaries: Set<string> }>();
        const serverErrors: string[] = [];
        let reingesting = true;
        let writes = 0;

        const client = async (n: number) => {
          let i = 0;
          while (reingesting) {
            i++;
            const list = await fetch(`${base}/api/incidents?status=machine&q=farmer&limit=100`, { headers: auth });
            if (list.status >= 500) serverErrors.push(`list ${list.status}`);
            const items = ((await list.json()) as { items?: Array<{ id: string }> }).items ?? [];
            if (!items.length) {
              await new Promise((r) => setTimeout(r, 5));
              continue;
            }
            const id = items[(n * 7 + i * 13) % items.length]!.id;
            const edit = i % 3 === 0;
            const summary = `Checked by client ${n}, pass ${i}.`;
            const res = edit
              ? await fetch(`${base}/api/incidents/${id}`, {
                  method: 'PATCH',
                  headers: auth,
                  body: JSON.stringify({ summary_en: summary }),
                })
              : await fetch(`${base}/api/incidents/${id}/verify`, { method: 'POST', headers: auth, body: '{}' });
            await res.arrayBuffer();
            if (res.status >= 500) serverErrors.push(`${edit ? 'edit' : 'verify'} ${res.status}`);
            if (res.ok) {
              writes++;
              const w = written.get(id) ?? { verified: false, summaries: new Set<string>() };
              if (edit) w.summaries.add(summary);
              else w.verified = true;
              written.set(id, w);
            }
          }
        };

        const reingest = async () => {
          try {
            for (let round = 1; round <= ROUNDS; round++) {
              const text = reportText(round);
              const put = await store.putDocument({
                sourceKey: 'race/report',
                url: null,
                title: 'Race',
                lang: 'en',
                published: '2020-01-07',
                text,
                format: 'txt',
                alternates: [],
              });
              await store.saveExtraction(put.id, { incidents: extraction(text) });
              // the next round starts once the clients have landed a few writes on this one (or
              // after a while), so that saves and reviews overlap on a slow machine as on a fast one
              const target = writes + WRITES_PER_ROUND;
              const until = Date.now() + 5000;
              while (writes < target && Date.now() < until) await new Promise((r) => setTimeout(r, 5));
            }
          } finally {
            reingesting = false;
          }
        };

        await Promise.all([reingest(), ...Array.from({ length: CLIENTS }, (_, n) => client(n))]);

        assert.deepEqual(serverErrors, []);
        assert.ok(writes >= MIN_WRITES, `the clients landed only ${writes} writes; the test proves little`);
        const lost: string[] = [];
        for (const [id, w] of written) {
          const inc = await store.getIncident(id);
          if (!inc || inc.status === 'machine') {
            lost.push(`${id}: ${inc ? inc.status : 'gone'}`);
            continue;
          }
          if (w.summaries.size) assert.ok(w.summaries.has(inc.summary_en), `${id}: the edited summary is gone`);
          const reviews = await store.reviews(id);
          if (w.verified)
            assert.ok(
              reviews.some((r) => r.action === 'verify'),
              `${id}: no verify review`,
            );
        }
        assert.deepEqual(lost, [], `${lost.length} of ${written.size} reviewed incidents lost`);
        assert.equal(await orphanReviews(store), 0);
      } finally {
        await new Promise((r) => server.close(r));
        await s.cleanup();
      }
    });
  });
}
