// The database starts refusing writes in the middle of an ingest (here: a trigger raising
// PostgreSQL's disk_full error on every new document): the run stops after a few failed writes
// instead of marking every remaining input failed, and the next run, once the database is well
// again, finishes the rest.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Fetcher } from '../../src/ingest/http.ts';
import { ingest } from '../../src/ingest/ingest.ts';
import { openStore } from '../../src/store/open.ts';
import { createTestDatabase } from './cli-process.ts';
import { writeCorpus } from './corpus.ts';

const N = 300;
const dir = mkdtempSync(join(tmpdir(), 'rasid-store-failure-'));
const cleanup: Array<() => Promise<void> | void> = [() => rmSync(dir, { recursive: true, force: true })];
after(async () => {
  for (const f of cleanup.reverse()) await f();
});

test('a database refusing writes mid-run stops the run; the next run finishes it', async (t) => {
  const database = await createTestDatabase('rasid_ingest_lost');
  if ('skip' in database) return t.skip(database.skip);
  cleanup.push(database.drop);
  const admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
  cleanup.push(() => admin.end());
  writeCorpus(join(dir, 'corpus'), N);

  const store = await openStore({ databaseUrl: database.url });
  let refusing: Promise<unknown> | null = null;
  const summary = await ingest([join(dir, 'corpus')], {
    store,
    fetcher: new Fetcher(),
    processing: { kind: 'none' },
    concurrency: 2,
    onProgress: (p) => {
      if (p.new >= 40 && !refusing)
        refusing = admin.query(`CREATE FUNCTION refuse_write() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'could not extend file' USING ERRCODE = 'disk_full'; END $$;
          CREATE TRIGGER refuse_write BEFORE INSERT ON documents FOR EACH ROW EXECUTE FUNCTION refuse_write();`);
    },
  });
  await refusing;
  await store.close();
  assert.ok(
    summary.aborted,
    `the run stopped: ${JSON.stringify({ ...summary, failures: summary.failures.slice(0, 3) })}`,
  );
  assert.equal(summary.aborted.code, 'store.failed');
  assert.ok(summary.failed >= 3 && summary.failed < 10, `a few failures, not ${N - summary.new} (${summary.failed})`);
  assert.ok(summary.done < N);

  assert.match(summary.aborted.message, /53100/, 'the driver error code is kept');
  await admin.query('DROP TRIGGER refuse_write ON documents');
  const again = await openStore({ databaseUrl: database.url });
  try {
    const rest = await ingest([join(dir, 'corpus')], {
      store: again,
      fetcher: new Fetcher(),
      processing: { kind: 'none' },
    });
    assert.equal(rest.aborted, null);
    assert.equal(rest.failed, 0);
    assert.equal(rest.new + rest.unchanged, N);
    assert.equal(await again.countDocuments(), N);
  } finally {
    await again.close();
  }
});
