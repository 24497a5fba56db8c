// Ingest throughput: a generated folder of short reports through read → extract → store, into
// SQLite and into PostgreSQL (when a server answers), then the same folder again (all unchanged),
// and extraction by two `rasid worker` processes from the PostgreSQL queue.
// Run: node --import tsx bench/ingest.bench.ts [documents]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import pg from 'pg';
import { Fetcher } from '../src/ingest/http.ts';
import { ingest, type Processing } from '../src/ingest/ingest.ts';
import { extractDocument } from '../src/pipeline/index.ts';
import { openStore } from '../src/store/open.ts';
import type { Store } from '../src/store/types.ts';
import { publishedDate } from '../src/time/published.ts';
import { writeCorpus } from '../test/ingest/corpus.ts';

const N = Number(process.argv[2] ?? 2000);
const ADMIN_URL = process.env.RASID_BENCH_PG ?? 'postgres://root@127.0.0.1:5432/test';
const dir = mkdtempSync(join(tmpdir(), 'rasid-ingest-bench-'));
const corpus = join(dir, 'corpus');
writeCorpus(corpus, N);
const extract: Processing = { kind: 'extract', extract: (input) => extractDocument(input) };
const peakMb = () => (process.resourceUsage().maxRSS / 1024).toFixed(0);

async function run(label: string, store: Store, processing: Processing): Promise<void> {
  const t0 = performance.now();
  const s = await ingest([corpus], {
    store,
    fetcher: new Fetcher(),
    processing,
    published: publishedDate,
    concurrency: 4,
  });
  const sec = (performance.now() - t0) / 1000;
  if (s.failed) throw new Error(`${label}: ${s.failed} failed (${s.failures[0]?.code})`);
  console.log(
    `ingest: ${label.padEnd(34)} ${(N / sec).toFixed(0).padStart(6)} documents/s  (${sec.toFixed(2)} s; new ${s.new}, unchanged ${s.unchanged}; peak RSS so far ${peakMb()} MB)`,
  );
}

async function sqlite(): Promise<void> {
  const store = await openStore({ db: join(dir, 'bench.db') });
  await run('SQLite read+extract+store', store, extract);
  await run('SQLite second run (all unchanged)', store, extract);
  const incidents = await store.countIncidents({});
  await store.close();
  const bare = await openStore({ db: join(dir, 'bare.db') });
  await run('SQLite read+store, no extraction', bare, { kind: 'none' });
  await bare.close();
  console.log(`ingest: ${N} documents, ${incidents} incidents`);
}

async function postgres(): Promise<void> {
  const admin = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (e) {
    console.log(
      `ingest: PostgreSQL skipped, no server at ${ADMIN_URL.replace(/\/\/[^@]*@/, '//')} (${(e as { code?: string }).code})`,
    );
    return;
  }
  const name = `rasid_ingest_bench_${process.pid}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  try {
    const store = await openStore({ databaseUrl: url.href });
    await run('PostgreSQL read+extract+store', store, extract);
    await run('PostgreSQL second run (all unchanged)', store, extract);
    await store.close();
    await workers(url.href);
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

/** `rasid ingest --queue` into a fresh database, then two worker processes drain the queue. */
async function workers(sourceUrl: string): Promise<void> {
  const url = new URL(sourceUrl);
  url.pathname = `${url.pathname}_q`;
  const admin = new pg.Client({ connectionString: sourceUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${url.pathname.slice(1)}`);
  await admin.end();
  const env = { ...process.env, DATABASE_URL: url.href };
  const bin = new URL('../bin/rasid.js', import.meta.url).pathname;
  const cli = (args: string[]) => spawn(process.execPath, [bin, ...args], { env, stdio: ['ignore', 'pipe', 'ignore'] });
  const exit = (c: ReturnType<typeof cli>) => new Promise<number | null>((r) => c.on('close', r));
  try {
    const queued = cli(['ingest', corpus, '--queue', '--json']);
    let out = '';
    queued.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    if ((await exit(queued)) !== 0) {
      const s = JSON.parse(out) as { failed: number; failures: Array<{ code: string; message: string }> };
      throw new Error(`ingest --queue: ${s.failed} failed, first [${s.failures[0]?.code}] ${s.failures[0]?.message}`);
    }
    const jobs = new pg.Client({ connectionString: url.href });
    await jobs.connect();
    // the clock starts at the first job, so process start-up and lexicon loading are left out
    let t0 = 0;
    const ws = [cli(['worker', '--poll', '0.2']), cli(['worker', '--poll', '0.2'])];
    for (const w of ws) w.stdout!.on('data', (c: Buffer) => (t0 ||= c.includes('start job=') ? performance.now() : 0));
    for (;;) {
      const r = await jobs.query(
        `SELECT count(*) AS n FROM pgboss.job WHERE name = 'rasid-extract' AND state = 'completed'`,
      );
      if (Number(r.rows[0].n) >= N) break;
      await new Promise((res) => setTimeout(res, 100));
    }
    const sec = (performance.now() - t0) / 1000;
    for (const w of ws) w.kill('SIGTERM');
    await Promise.all(ws.map(exit));
    await jobs.end();
    console.log(
      `ingest: ${'2 workers draining the queue'.padEnd(34)} ${(N / sec).toFixed(0).padStart(6)} documents/s  (${sec.toFixed(2)} s from the first job)`,
    );
  } finally {
    const c = new pg.Client({ connectionString: sourceUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${url.pathname.slice(1)} WITH (FORCE)`);
    await c.end();
  }
}

try {
  await sqlite();
  await postgres();
  console.log(`ingest: peak RSS ${peakMb()} MB`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
