// The gazetteer belongs to the store: places `rasid gazetteer import` loads into PostgreSQL are used
// by `rasid ingest` and by `rasid worker` processes started elsewhere, with no local file; the same
// on SQLite through --db. Each process runs in a fresh empty folder, so no side file can help.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type OpenStoreOptions } from '../src/store/open.ts';
import { createTestDatabase, runRasid, startRasid, until } from './ingest/cli-process.ts';

const root = mkdtempSync(join(tmpdir(), 'rasid-gz-store-'));
const cleanup: Array<() => Promise<void> | void> = [() => rmSync(root, { recursive: true, force: true })];
after(async () => {
  for (const f of cleanup.reverse()) await f();
});

/** a fresh empty folder: what another machine's working directory holds */
let folders = 0;
function elsewhere(): string {
  const d = join(root, `machine-${++folders}`);
  mkdirSync(d);
  return d;
}

// An invented village in the GeoNames dump format: only the import can know it.
const DUMP_LINE =
  '99999001\tKhirbat Rasid\tKhirbat Rasid\tKhirbat Rasid,خربة راصد\t36.1234\t39.4321\tP\tPPL\tSY\t\t04\t\t\t\t1200\t\t300\tAsia/Damascus\t2024-01-01\n';
const REPORT = 'قصفت طائرات حربية قرية خربة راصد في ريف الرقة وقتل ثلاثة مدنيين.\n';

function writeInputs(): { dump: string; reports: string } {
  const dir = elsewhere();
  const dump = join(dir, 'XX.txt');
  writeFileSync(dump, DUMP_LINE);
  const reports = join(dir, 'reports');
  mkdirSync(reports);
  writeFileSync(join(reports, 'raid.txt'), REPORT);
  return { dump, reports };
}

async function placeIds(opts: OpenStoreOptions): Promise<string[]> {
  const store = await openStore(opts);
  try {
    const { items } = await store.listIncidents({}, { limit: 100, offset: 0 });
    return items.flatMap((i) => i.locations.map((l) => l.gazetteer_id ?? ''));
  } finally {
    await store.close();
  }
}

test('PostgreSQL: imported places reach `rasid ingest` and `rasid worker` on other machines', async (t) => {
  const database = await createTestDatabase('rasid_gazetteer_store');
  if ('skip' in database) return t.skip(database.skip);
  cleanup.push(database.drop);
  const env = { DATABASE_URL: database.url };
  const { dump, reports } = writeInputs();

  const imported = await runRasid(['gazetteer', 'import', dump], env, elsewhere());
  assert.equal(imported.code, 0, imported.stderr);
  assert.match(imported.stdout, /1 inserted/);

  const ingestDir = elsewhere();
  const ingested = await runRasid(['ingest', reports, '--json'], env, ingestDir);
  assert.equal(ingested.code, 0, ingested.stderr);
  assert.deepEqual(readdirSync(ingestDir), [], 'nothing written beside the command');
  assert.ok(
    (await placeIds({ databaseUrl: database.url })).includes('geonames:99999001'),
    'ingest used the imported village',
  );

  // a changed report, queued and extracted by a worker that started in another empty folder
  writeFileSync(join(reports, 'raid.txt'), REPORT + 'وأصيب طفلان بجروح.\n');
  const queued = await runRasid(['ingest', reports, '--queue', '--json'], env, elsewhere());
  assert.equal(queued.code, 0, queued.stderr);
  const worker = startRasid(['worker', '--poll', '0.2'], env, elsewhere());
  try {
    await until(
      () => /^done job=/m.test(worker.stdout()) || worker.child.exitCode !== null,
      'the worker to finish its job',
      60_000,
    );
  } finally {
    worker.child.kill('SIGTERM');
  }
  const w = await worker.done;
  assert.match(w.stdout, /^done job=\S+ document=\S+ saved=[1-9]/m, w.stderr);
  const store = await openStore({ databaseUrl: database.url });
  try {
    const docs = (await store.listDocuments({ limit: 10, offset: 0 })).items;
    const latest = docs.find((d) => d.version === 2);
    assert.ok(latest, 'the changed report is version 2');
    const { items } = await store.listIncidents({ documentId: latest.id }, { limit: 10, offset: 0 });
    assert.ok(
      items.some((i) => i.locations.some((l) => l.gazetteer_id === 'geonames:99999001')),
      'the worker used the imported village',
    );
  } finally {
    await store.close();
  }
});

test('SQLite: imported places reach `rasid ingest` through the same --db', async () => {
  const { dump, reports } = writeInputs();
  const db = join(elsewhere(), 'rasid.db');
  const imported = await runRasid(['gazetteer', 'import', '--db', db, dump], {}, elsewhere());
  assert.equal(imported.code, 0, imported.stderr);
  const ingested = await runRasid(['ingest', '--db', db, reports, '--json'], {}, elsewhere());
  assert.equal(ingested.code, 0, ingested.stderr);
  assert.ok((await placeIds({ db })).includes('geonames:99999001'));
  // another store does not know the village
  const other = join(elsewhere(), 'other.db');
  assert.equal((await runRasid(['ingest', '--db', other, reports, '--json'], {}, elsewhere())).code, 0);
  assert.ok(!(await placeIds({ db: other })).includes('geonames:99999001'));
});
