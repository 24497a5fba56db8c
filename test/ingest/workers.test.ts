// Workers on many machines, played by processes on one: documents queued by `rasid ingest --queue`
// are each processed exactly once by two workers, and a worker killed (SIGKILL) in the middle of a
// job loses nothing — the job expires and another worker runs it.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { extractDocument } from '../../src/pipeline/index.ts';
import { openStore } from '../../src/store/open.ts';
import { createTestDatabase, runRasid, startRasid, until } from './cli-process.ts';
import { generatedDoc, writeCorpus } from './corpus.ts';

const SMALL = 60;
const dir = mkdtempSync(join(tmpdir(), 'rasid-workers-'));
const cleanup: Array<() => Promise<void> | void> = [() => rmSync(dir, { recursive: true, force: true })];
after(async () => {
  for (const f of cleanup.reverse()) await f();
});

// A long document with few events, so that its job lasts long enough to be killed in the middle
// without saving thousands of incidents. Its name sorts first, so it is the first job queued.
function bigDocument(): string {
  let text = '';
  for (let i = 0; text.length < 400_000; i++) {
    text += `وتحدث سكان الحي رقم ${i} عن ارتفاع أسعار الخبز والوقود في الأسواق المحلية خلال الأسابيع الماضية، وعن انقطاع الكهرباء ساعات طويلة كل يوم.\n\n`;
    if (i % 500 === 0) text += generatedDoc(i).text + '\n\n';
  }
  return text;
}

test('two workers: each document once; a worker killed mid-job loses nothing', async (t) => {
  const database = await createTestDatabase('rasid_ingest_workers');
  if ('skip' in database) return t.skip(database.skip);
  cleanup.push(database.drop);
  const env = { DATABASE_URL: database.url };

  const corpus = join(dir, 'corpus');
  writeCorpus(corpus, SMALL);
  const big = bigDocument();
  writeFileSync(join(corpus, 'a-long-report.ar.txt'), big);
  // how long the long job takes here decides the job expiry: long enough that a live worker's
  // job never expires, short enough for the test to wait
  const t0 = performance.now();
  extractDocument({ text: big, lang: 'ar' });
  const expire = Math.max(5, Math.ceil(((performance.now() - t0) / 1000) * 4) + 4);
  t.diagnostic(
    `long document ${(big.length / 1e6).toFixed(1)} M chars extracts in ${((performance.now() - t0) / 1000).toFixed(2)} s; job expiry ${expire} s`,
  );

  const queued = await runRasid(
    ['ingest', corpus, '--queue', '--job-expire', String(expire), '--concurrency', '1', '--json'],
    env,
  );
  assert.equal(queued.code, 0, queued.stderr);
  assert.equal(JSON.parse(queued.stdout).new, SMALL + 1);

  const store = await openStore({ databaseUrl: database.url });
  cleanup.push(() => store.close());
  const docs = (await store.listDocuments({ limit: 1000, offset: 0 })).items;
  assert.equal(docs.length, SMALL + 1);
  const bigId = docs.find((d) => d.sourceKey.endsWith('a-long-report.ar.txt'))!.id;
  assert.equal(await store.countIncidents({}), 0, 'nothing extracted before the workers run');

  const jobs = new pg.Client({ connectionString: database.url });
  await jobs.connect();
  cleanup.push(() => jobs.end());
  const jobStates = async () =>
    (
      await jobs.query<{ state: string; n: string }>(
        `SELECT state, count(*) AS n FROM pgboss.job WHERE name = 'rasid-extract' GROUP BY state`,
      )
    ).rows;
  const completed = async () => Number((await jobStates()).find((r) => r.state === 'completed')?.n ?? 0);

  const workerArgs = ['worker', '--poll', '0.5', '--maintenance', '1'];
  const doomed = startRasid(workerArgs, env);
  await until(
    () => doomed.stdout().includes(`document=${bigId}\n`) || doomed.child.exitCode !== null,
    'the first worker to start the long job',
    60_000,
    10,
  );
  doomed.child.kill('SIGKILL');
  const killed = await doomed.done;
  assert.equal(killed.signal, 'SIGKILL');
  assert.match(killed.stdout, new RegExp(`start job=\\S+ document=${bigId}\\n`));
  assert.doesNotMatch(killed.stdout, new RegExp(`done job=\\S+ document=${bigId} `), 'killed in the middle of the job');

  const t1 = performance.now();
  const a = startRasid(workerArgs, env);
  const b = startRasid(workerArgs, env);
  try {
    await until(async () => (await completed()) === SMALL + 1, 'every job to complete', 180_000, 250);
  } finally {
    a.child.kill('SIGTERM');
    b.child.kill('SIGTERM');
  }
  const [ra, rb] = await Promise.all([a.done, b.done]);
  t.diagnostic(`two workers drained the queue in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
  assert.equal(ra.code, 0, ra.stderr);
  assert.equal(rb.code, 0, rb.stderr);

  const doneBy = new Map<string, number>();
  for (const out of [ra.stdout, rb.stdout])
    for (const m of out.matchAll(/^done job=\S+ document=(\S+) /gm)) doneBy.set(m[1]!, (doneBy.get(m[1]!) ?? 0) + 1);
  assert.equal(doneBy.size, SMALL + 1, 'every document processed');
  assert.ok(
    [...doneBy.values()].every((n) => n === 1),
    'no document processed twice by the live workers',
  );
  assert.ok(ra.stdout.includes('done job=') && rb.stdout.includes('done job='), 'both workers took jobs');

  const retried = await jobs.query<{ retry_count: number }>(
    `SELECT retry_count FROM pgboss.job WHERE name = 'rasid-extract' AND data->>'documentId' = $1`,
    [bigId],
  );
  assert.deepEqual(
    retried.rows.map((r) => r.retry_count >= 1),
    [true],
    'the killed job was retried, not duplicated',
  );
  assert.deepEqual(await jobStates(), [{ state: 'completed', n: String(SMALL + 1) }]);

  for (const d of docs) {
    assert.equal(d.text, d.id === bigId ? big : readFileSync(d.sourceKey, 'utf8'), 'stored as read');
    // what extraction gives this stored document, against what the workers saved for it
    const expected = extractDocument({
      text: d.text,
      id: d.id,
      lang: d.lang,
      title: d.title,
      url: d.url,
      published: d.published,
      alternates: d.alternates,
    }).incidents.length;
    const stored = await store.countIncidents({ documentId: d.id });
    assert.equal(stored, expected, `${d.sourceKey}: ${stored} incidents stored, extraction gives ${expected}`);
  }

  // a corrected report becomes version 2; re-extraction of everything queues latest versions only
  const corrected = docs.find((d) => d.id !== bigId)!;
  writeFileSync(corrected.sourceKey, corrected.text + '\nتصحيح: أضيف اسم أحد الضحايا.\n');
  const requeued = await runRasid(['ingest', corpus, '--queue', '--json'], env);
  assert.deepEqual((({ new: n, updated, unchanged }) => [n, updated, unchanged])(JSON.parse(requeued.stdout)), [
    0,
    1,
    SMALL,
  ]);
  const all = await runRasid(['enqueue'], env);
  assert.equal(all.code, 0, all.stderr);
  assert.match(all.stdout, new RegExp(`^queued ${SMALL + 1} extraction jobs$`, 'm'));
});
