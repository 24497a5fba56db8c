// Work per document is bounded the same way by `rasid ingest` and by `rasid worker` (issue 12):
// --max-incidents cuts a long document and the cut is an issue on the stored document; a document
// that outlasts --extract-budget is stopped in its thread, fails naming the file and the budget, keeps
// why as an issue, and the batch goes on. Run as a user would, on SQLite and on PostgreSQL workers.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStore } from '../../src/store/open.ts';
import type { Store } from '../../src/store/types.ts';
import { createTestDatabase, runRasid, startRasid, until } from './cli-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'rasid-limits-'));
const cleanup: Array<() => Promise<void> | void> = [() => rmSync(dir, { recursive: true, force: true })];
after(async () => {
  for (const f of cleanup.reverse()) await f();
});

// Our own sentences. The huge one: 4 million characters (7 MB, under the 10 MiB input limit) of talk
// about prices without a line break, several seconds of reading and extraction even on a fast idle
// machine, far past a budget of 0.5 s. The long one: ten events, more than --max-incidents 3.
function writeInputs(folder: string): void {
  mkdirSync(folder, { recursive: true });
  let huge = '';
  for (let i = 0; huge.length < 4_000_000; i++)
    huge += `وتحدث سكان الحي رقم ${i} عن ارتفاع أسعار الخبز والوقود في الأسواق المحلية وعن انقطاع الكهرباء ساعات طويلة كل يوم. `;
  writeFileSync(join(folder, 'a-huge.txt'), huge);
  const towns = ['Raqqa', 'Idlib', 'Homs', 'Mosul', 'Kirkuk', 'Hama', 'Daraa', 'Manbij', 'Tikrit', 'Deir ez-Zor'];
  writeFileSync(
    join(folder, 'b-long.txt'),
    towns
      .map((t, i) => `On ${i + 1} May 2016, gunmen shot dead ${i + 2} civilians in ${t}, activists said.`)
      .join('\n\n'),
  );
  writeFileSync(
    join(folder, 'c-short.txt'),
    'On 20 June 2016, gunmen shot dead three civilians in Homs, activists said.\n',
  );
}

async function checkStore(store: Store): Promise<void> {
  const docs = (await store.listDocuments({ limit: 10, offset: 0 })).items;
  const by = (name: string) => docs.find((d) => d.sourceKey.endsWith(name))!;
  assert.deepEqual(
    by('a-huge.txt').issues?.map((i) => [i.code, /0\.5 s budget/.test(i.message), i.message.includes(dir)]),
    [['extract.budget', true, false]],
    'the budget cut is on the document, without the server path',
  );
  assert.equal(await store.countIncidents({ documentId: by('a-huge.txt').id }), 0);
  assert.deepEqual(
    by('b-long.txt').issues?.map((i) => i.code),
    ['document.incidents-capped'],
  );
  assert.equal(await store.countIncidents({ documentId: by('b-long.txt').id }), 3);
  assert.deepEqual(by('c-short.txt').issues, []);
  assert.equal(await store.countIncidents({ documentId: by('c-short.txt').id }), 1);
}

const LIMITS = ['--max-incidents', '3', '--extract-budget', '0.5'];

test('ingest: a document past its budget is stopped and fails alone; a long one is cut; both say so on the document', async () => {
  const folder = join(dir, 'ingest');
  writeInputs(folder);
  const db = join(dir, 'limits.db');
  const r = await runRasid(['ingest', folder, '--db', db, '--concurrency', '1', '--json', ...LIMITS]);
  assert.equal(r.code, 1, r.stderr);
  const summary = JSON.parse(r.stdout) as {
    new: number;
    failures: Array<{ source: string; code: string; message: string }>;
    capped: Array<{ source: string }>;
  };
  assert.deepEqual(
    summary.failures.map((f) => [f.source.endsWith('a-huge.txt'), f.code, /0\.5 s budget/.test(f.message)]),
    [[true, 'extract.budget', true]],
  );
  assert.deepEqual(
    summary.capped.map((c) => c.source.endsWith('b-long.txt')),
    [true],
  );
  assert.equal(summary.new, 2);
  const text = await runRasid(['ingest', join(folder, 'a-huge.txt'), '--db', db, ...LIMITS]);
  assert.match(text.stdout, /a-huge\.txt: .*0\.5 s budget.*\[extract\.budget\]/, 'the printed summary names the file');
  const store = await openStore({ db });
  try {
    await checkStore(store);
  } finally {
    await store.close();
  }
});

test('worker: --max-incidents and --extract-budget bound its jobs as they bound ingest', async (t) => {
  const database = await createTestDatabase('rasid_worker_limits');
  if ('skip' in database) return t.skip(database.skip);
  cleanup.push(database.drop);
  const env = { DATABASE_URL: database.url };
  const folder = join(dir, 'queued');
  writeInputs(folder);
  const queued = await runRasid(['ingest', folder, '--queue', '--json'], env);
  assert.equal(queued.code, 0, queued.stderr);
  assert.equal(JSON.parse(queued.stdout).new, 3);

  const jobs = new pg.Client({ connectionString: database.url });
  await jobs.connect();
  cleanup.push(() => jobs.end());
  const completed = async () =>
    Number(
      (
        await jobs.query<{ n: string }>(
          `SELECT count(*) AS n FROM pgboss.job WHERE name = 'rasid-extract' AND state = 'completed'`,
        )
      ).rows[0]?.n ?? 0,
    );
  const worker = startRasid(['worker', '--poll', '0.5', ...LIMITS], env);
  try {
    await until(async () => (await completed()) === 3, 'the three jobs to complete', 120_000, 250);
  } finally {
    worker.child.kill('SIGTERM');
  }
  const out = await worker.done;
  assert.equal(out.code, 0, out.stderr);
  const store = await openStore({ databaseUrl: database.url });
  cleanup.push(() => store.close());
  const docs = (await store.listDocuments({ limit: 10, offset: 0 })).items;
  const idOf = (name: string) => docs.find((d) => d.sourceKey.endsWith(name))!.id;
  assert.match(out.stdout, new RegExp(`failed job=\\S+ document=${idOf('a-huge.txt')} \\[extract\\.budget\\]`));
  assert.match(out.stdout, new RegExp(`done job=\\S+ document=${idOf('b-long.txt')} saved=3 kept=0 capped`));
  // a job stopped by its budget is not retried: the same text would spend the same budget again
  const retried = await jobs.query<{ retry_count: number }>(
    `SELECT retry_count FROM pgboss.job WHERE name = 'rasid-extract' AND data->>'documentId' = $1`,
    [idOf('a-huge.txt')],
  );
  assert.deepEqual(
    retried.rows.map((r) => r.retry_count),
    [0],
  );
  await checkStore(store);
});
