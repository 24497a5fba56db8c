import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { openStore } from './open.ts';
import { runMigrations } from './migrate.ts';
import { SQLITE_MIGRATIONS } from './migrations-sqlite.ts';
import { SqliteStore } from './sqlite.ts';
import { storeBehaviour } from './store.behaviour.ts';
import type { Store } from './types.ts';

const dirs = new Map<Store, string>();

// in memory: fast, and streams by keyset pages
storeBehaviour('sqlite (memory)', {
  open: () => openStore({ db: ':memory:' }),
  dispose: (s) => s.close(),
  exec: async (s, statement) => {
    (s as SqliteStore).raw.exec(statement);
  },
});

// on disk: WAL, and streams with .iterate() on a second connection
storeBehaviour('sqlite (file)', {
  open: async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rasid-store-'));
    const s = await openStore({ db: join(dir, 'rasid.db') });
    dirs.set(s, dir);
    return s;
  },
  dispose: async (s) => {
    await s.close();
    rmSync(dirs.get(s) ?? '', { recursive: true, force: true });
    dirs.delete(s);
  },
  exec: async (s, statement) => {
    (s as SqliteStore).raw.exec(statement);
  },
});

describe('sqlite specifics', () => {
  it('uses WAL and reopens an existing file without migrating twice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rasid-store-'));
    try {
      const file = join(dir, 'x.db');
      const a = (await openStore({ db: file })) as SqliteStore;
      assert.equal(a.raw.pragma('journal_mode', { simple: true }), 'wal');
      await a.putDocument({
        sourceKey: 'k',
        url: null,
        title: null,
        lang: 'en',
        published: null,
        text: 'A short text.',
        format: 'txt',
        alternates: [],
      });
      await a.close();
      const b = (await openStore({ db: file })) as SqliteStore;
      assert.equal(await b.countDocuments(), 1);
      assert.deepEqual(
        b.raw.prepare('SELECT version FROM schema_migrations ORDER BY version').all(),
        SQLITE_MIGRATIONS.map((m) => ({ version: m.version })),
      );
      await b.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('migration 2 carries version-1 rows over into the ordered side tables', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rasid-store-'));
    try {
      const file = join(dir, 'old.db');
      const old = new SqliteStore(file);
      await runMigrations(old['db'], SQLITE_MIGRATIONS.slice(0, 1), { begin: 'BEGIN IMMEDIATE' });
      old.raw.exec(`INSERT INTO documents (id, source_key, lang, format, text, hash, text_hash, version, created_at)
        VALUES (1, 'k', 'en', 'txt', 'text', 'h', 'th', 1, 'now')`);
      old.raw.exec(`INSERT INTO incidents (id, document_id, ext_id, type, sort_key, data, created_at, updated_at)
        VALUES (7, 1, 'e', 'arrests', '2020-02-02', '{}', 'now', 'now')`);
      old.raw.exec(`INSERT INTO incident_actors (actor_id, incident_id) VALUES ('sdf', 7)`);
      old.raw.exec(`INSERT INTO incident_places (key, incident_id) VALUES ('p:raqqa', 7)`);
      await old.close();
      const s = (await openStore({ db: file })) as SqliteStore;
      assert.deepEqual(s.raw.prepare('SELECT actor_id, sort_key, incident_id FROM incident_actors').all(), [
        { actor_id: 'sdf', sort_key: '2020-02-02', incident_id: 7 },
      ]);
      assert.equal(await s.countIncidents({ place: 'Raqqa' }), 1);
      await s.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a stream over a file database lets writes go on meanwhile', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rasid-store-'));
    try {
      const s = await openStore({ db: join(dir, 'x.db') });
      const text = 'Gunmen abducted two aid workers near Azaz on Friday.';
      const d = await s.putDocument({
        sourceKey: 'k',
        url: null,
        title: null,
        lang: 'en',
        published: null,
        text,
        format: 'txt',
        alternates: [],
      });
      await s.bulkInsertIncidents(
        Array.from({ length: 20 }, (_, k) => ({
          documentId: d.id,
          incident: {
            id: `x${k}`,
            type: 'abduction' as const,
            acled: null,
            violations: [],
            actors: [],
            locations: [],
            time: null,
            counts: {},
            methods: [],
            accusations: [],
            attribution: null,
            evidence: [{ span: [0, text.length] as [number, number] }],
            summary_en: '',
            confidence: 0.5,
          },
        })),
      );
      let n = 0;
      for await (const inc of s.streamIncidents({})) {
        if (n === 0) await s.setStatus(inc.id, 'verified', { userId: null });
        n++;
      }
      assert.equal(n, 20);
      assert.equal(await s.countIncidents({ status: ['verified'] }), 1);
      await s.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
