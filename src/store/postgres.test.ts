// Runs the behaviour suite on PostgreSQL (DATABASE_URL, or the local test server), each store in a
// fresh schema of its own so that parallel runs never meet; skips with the reason when no server answers.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import pg from 'pg';
import { openStore } from './open.ts';
import { PostgresStore } from './postgres.ts';
import { POSTGRES_MIGRATIONS } from './migrations-postgres.ts';
import { storeBehaviour } from './store.behaviour.ts';

const url = process.env.DATABASE_URL || 'postgres://root@127.0.0.1:5432/test';

async function reachable(): Promise<string | undefined> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return undefined;
  } catch (err) {
    return `no PostgreSQL answers at ${url.replace(/\/\/[^@]*@/, '//')} (${(err as { code?: string }).code ?? 'error'})`;
  } finally {
    await c.end().catch(() => undefined);
  }
}

const skip = await reachable();
const schemaName = () => `rasid_test_${randomBytes(6).toString('hex')}`;

/** the connection string with an application_name, by which pg_stat_activity tells a store's backends */
function withApplicationName(connectionString: string, name: string): string {
  const u = new URL(connectionString);
  u.searchParams.set('application_name', name);
  return u.toString();
}

async function dropSchema(schema: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await c.end();
  }
}

storeBehaviour('postgres', {
  skip,
  open: () => openStore({ databaseUrl: url, schema: schemaName() }),
  dispose: async (s) => {
    const schema = (s as PostgresStore).schema as string;
    await s.close();
    await dropSchema(schema);
  },
  exec: async (s, statement) => {
    await (s as PostgresStore).pool.query(statement);
  },
});

describe('postgres specifics', { skip }, () => {
  it('the server dropping busy connections does not crash the process', async () => {
    const schema = schemaName();
    // this store's backends carry its schema as application_name: the test ends those and no others.
    // It once ended every backend whose last query named documents, and so, now and then, the list
    // queries of another test process sharing the server (test/concurrency.test.ts answered 500).
    const store = await openStore({ databaseUrl: withApplicationName(url, schema), schema });
    // a bystander in another schema, idle after a query on its documents, as another process's would be
    const bystanderSchema = schemaName();
    const bystander = await openStore({ databaseUrl: url, schema: bystanderSchema });
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      const other = (await (bystander as PostgresStore).pool.query('SELECT pg_backend_pid() AS pid')).rows[0]
        .pid as number;
      await bystander.countDocuments(); // on that one client: its last query now names documents
      const me = (await (store as PostgresStore).pool.query('SELECT pg_backend_pid() AS pid')).rows[0].pid as number;
      const writes = (async () => {
        for (let i = 0; i < 100; i++) {
          await store
            .putDocument({
              sourceKey: `k${i}`,
              url: null,
              title: null,
              lang: 'ar',
              published: null,
              text: `نص ${i}`,
              format: 'txt',
              alternates: [],
            })
            .catch(() => undefined);
        }
      })();
      // every backend of this store's pool, busy or idle (the pool's first client is one of them)
      const ended = await admin.query<{ pid: number }>(
        `SELECT pid, pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name = $1`,
        [schema],
      );
      const pids = ended.rows.map((r) => r.pid);
      assert.ok(pids.includes(me), "the store's own backend was not ended");
      assert.ok(!pids.includes(other), 'a backend of another store was ended too');
      await writes;
      // the pool replaces lost clients: the store still works, and the bystander never noticed
      assert.ok((await store.countDocuments()) > 0);
      assert.equal(await bystander.countDocuments(), 0);
    } finally {
      await admin.end();
      await store.close().catch(() => undefined);
      await bystander.close().catch(() => undefined);
      await dropSchema(schema);
      await dropSchema(bystanderSchema);
    }
  });

  it('two stores opening one schema at once migrate it once', async () => {
    const schema = schemaName();
    try {
      const [a, b] = await Promise.all([
        openStore({ databaseUrl: url, schema }),
        openStore({ databaseUrl: url, schema }),
      ]);
      const rows = await (a as PostgresStore).pool.query('SELECT version FROM schema_migrations ORDER BY version');
      assert.deepEqual(
        rows.rows,
        POSTGRES_MIGRATIONS.map((m) => ({ version: m.version })),
      );
      await Promise.all([a.close(), b.close()]);
    } finally {
      await dropSchema(schema);
    }
  });

  it('concurrent puts of one new source store it once', async () => {
    const schema = schemaName();
    try {
      const s = await openStore({ databaseUrl: url, schema });
      const d = {
        sourceKey: 'https://x.example/1',
        url: null,
        title: null,
        lang: 'en' as const,
        published: null,
        text: 'Same text.',
        format: 'txt',
        alternates: [],
      };
      const res = await Promise.all(Array.from({ length: 6 }, () => s.putDocument(d)));
      assert.equal(new Set(res.map((r) => r.id)).size, 1);
      assert.equal(res.filter((r) => r.status === 'new').length, 1);
      assert.equal(await s.countDocuments(), 1);
      await s.close();
    } finally {
      await dropSchema(schema);
    }
  });
});
