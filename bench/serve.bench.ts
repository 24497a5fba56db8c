// Review-server benchmark: a million synthetic incidents in SQLite, the server in its own process,
// and autocannon on loopback measuring a filtered list query and the map endpoint under
// concurrent load. Prints p50/p95 latency, throughput and the server's peak RSS.
//   node --import tsx bench/serve.bench.ts [--incidents 1000000] [--seconds 15] [--connections 10] [--fresh] [--analyze]
// --analyze runs SQLite's ANALYZE on the database first, to show what planner statistics change.
// Loading a million incidents takes minutes, so the loaded database is kept in bench/out/ (ignored by
// git) and reused by the next run with the same size; --fresh rebuilds it.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import BetterSqlite3 from 'better-sqlite3';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { addUser, createApiToken } from '../src/auth/users.ts';
import { acledFor, INCIDENT_TYPES, type Incident } from '../src/schema.ts';
import { openStore } from '../src/store/open.ts';
import type { BulkIncident, IncidentStatus } from '../src/store/types.ts';

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
}
const N = arg('incidents', 1_000_000);
const SECONDS = arg('seconds', 15);
const CONNECTIONS = arg('connections', 10);
const PER_DOC = 500;
const REPO = fileURLToPath(new URL('../', import.meta.url));

let seed = 7;
const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

const ACTORS = [
  'isis',
  'syrian_government',
  'international_coalition',
  'russia',
  'sdf',
  'hts',
  'unidentified_armed_group',
  'pmf',
];
const GOVERNORATES = ['Deir ez-Zor', 'Raqqa', 'Aleppo', 'Idlib', 'Hasakah', 'Homs', 'Nineveh', 'Anbar'];
const STATUSES: IncidentStatus[] = ['machine', 'machine', 'machine', 'edited', 'verified', 'rejected'];

function incident(k: number): { incident: Incident; status: IncidentStatus } {
  const type = pick(INCIDENT_TYPES);
  // spread over Syria and Iraq so the map has real clustering work to do
  const lat = 32 + rand() * 5.5;
  const lon = 36 + rand() * 8;
  const day = new Date(Date.UTC(2013, 0, 1) + Math.floor(rand() * 2900) * 86_400_000).toISOString().slice(0, 10);
  const actor = pick(ACTORS);
  const admin1 = pick(GOVERNORATES);
  return {
    status: pick(STATUSES),
    incident: {
      id: `s${k}`,
      type,
      acled: acledFor(type),
      violations: [],
      actors: [{ role: 'perpetrator', id: actor, name: actor, span: null }],
      locations: [{ name: `Place ${k % 5000}`, admin1, lat, lon, precision: 1, span: null }],
      time: { start: day, end: day, precision: 1, text: null, span: null },
      counts: { killed: { value: k % 9, min: k % 9, max: k % 9, approximate: false, text: String(k % 9), span: null } },
      methods: [],
      accusations: [],
      attribution: null,
      evidence: [{ span: [0, 20] }],
      summary_en: `${type.replace(/_/g, ' ')} by ${actor} in ${admin1}`,
      confidence: 0.7,
    },
  };
}

// autocannon ships no types; this is the part of its API the bench uses
interface Cannon extends PromiseLike<{ requests: { average: number }; non2xx: number; errors: number }> {
  on(event: 'response', fn: (client: unknown, status: number, bytes: number, ms: number) => void): void;
}
type Req = { path?: string; [k: string]: unknown };
const autocannon = createRequire(import.meta.url)('autocannon') as (opts: {
  url: string;
  connections: number;
  duration: number;
  headers: Record<string, string>;
  requests: Array<{ setupRequest: (req: Req) => Req }>;
}) => Cannon;

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;
}

async function load(url: string, token: string, paths: string[]) {
  const times: number[] = [];
  let i = 0;
  const inst = autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    headers: { authorization: `Bearer ${token}` },
    requests: [{ setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length] }) }],
  });
  inst.on('response', (_client, _status, _bytes, ms) => times.push(ms));
  const result = await inst;
  times.sort((a, b) => a - b);
  return {
    requests: times.length,
    rps: result.requests.average,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

function rssOf(pid: number): { now: number; peak: number } {
  const s = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)?.[1] ?? 0) / 1024;
  return { now: kb('VmRSS'), peak: kb('VmHWM') };
}

const GENERATOR = 'v1'; // bump when incident() changes, so a cached database is not reused

async function buildDatabase(db: string): Promise<void> {
  const tmp = `${db}.partial`;
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) rmSync(f, { force: true });
  const store = await openStore({ db: tmp });
  const t0 = performance.now();
  const docs: string[] = [];
  for (let d = 0; d < Math.ceil(N / PER_DOC); d++) {
    const r = await store.putDocument({
      sourceKey: `bench/${d}`,
      url: null,
      title: `Synthetic report ${d}`,
      lang: 'en',
      published: null,
      text: `Synthetic report number ${d}, written for the server benchmark.`,
      format: 'txt',
      alternates: [],
    });
    docs.push(r.id);
  }
  let batch: BulkIncident[] = [];
  for (let k = 0; k < N; k++) {
    const { incident: inc, status } = incident(k);
    batch.push({ documentId: docs[Math.floor(k / PER_DOC)]!, incident: inc, status });
    if (batch.length === 5000 || k === N - 1) {
      await store.bulkInsertIncidents(batch);
      batch = [];
      if ((k + 1) % 100_000 === 0) process.stdout.write(`  loaded ${(k + 1).toLocaleString('en')} incidents\n`);
    }
  }
  const loadS = (performance.now() - t0) / 1000;
  await addUser(store, 'bench', 'viewer', 'bench-password');
  await store.close();
  renameSync(tmp, db);
  console.log(
    `loaded ${N.toLocaleString('en')} incidents in ${loadS.toFixed(1)} s (${Math.round(N / loadS).toLocaleString('en')}/s)`,
  );
}

async function main() {
  const dir = join(REPO, 'bench', 'out');
  mkdirSync(dir, { recursive: true });
  const db = join(dir, `serve-${N}-${GENERATOR}.db`);
  if (process.argv.includes('--fresh') || !existsSync(db)) await buildDatabase(db);
  else console.log(`reusing ${db} (--fresh rebuilds it)`);
  const store = await openStore({ db });
  const n = await store.countIncidents({});
  const { token } = await createApiToken(store, 'bench', 'bench');
  await store.close();
  if (n !== N) throw new Error(`${db} holds ${n} incidents, not ${N}; run with --fresh`);
  const analyze = process.argv.includes('--analyze');
  if (analyze) {
    const raw = new BetterSqlite3(db);
    raw.exec('ANALYZE');
    raw.close();
  }
  {
    const server = spawn(
      process.execPath,
      [join(REPO, 'bin/rasid.js'), 'serve', '--db', db, '--port', '0', '--quiet'],
      {
        cwd: REPO,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      server.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        const m = /(http:\/\/\S+)\//.exec(out);
        if (m) resolve(m[1]!);
      });
      server.once('exit', (code) => reject(new Error(`server exited (${code})`)));
    });
    try {
      const get = async (path: string) => {
        const t = performance.now();
        const r = await fetch(url + path, { headers: { authorization: `Bearer ${token}` } });
        const body = (await r.json()) as Record<string, unknown>;
        if (!r.ok) throw new Error(`${path}: ${r.status} ${JSON.stringify(body)}`);
        return { ms: performance.now() - t, body };
      };
      // the map index is built on the first map request; time it on its own
      const first = await get('/api/map?zoom=6&bbox=35,31,45,38');
      console.log(
        `first map request (waits for the index build begun at start-up): ${(first.ms / 1000).toFixed(1)} s (${(first.body.total as number).toLocaleString('en')} located incidents)`,
      );

      const listPaths = [
        '/api/incidents?type=execution&status=verified&limit=50',
        '/api/incidents?type=air_strike,shelling&from=2016-01-01&to=2016-12-31&limit=50',
        '/api/incidents?actor=isis&type=abduction&limit=50',
        '/api/incidents?admin1=Raqqa&status=machine&type=arrests&limit=50',
        '/api/incidents?bbox=38,35,40,36.5&type=armed_clash&limit=50',
      ];
      const mapPaths = [
        '/api/map?zoom=6&bbox=35,31,45,38',
        '/api/map?zoom=8&bbox=38,34,41,36&type=execution,air_strike',
        '/api/map?zoom=7&bbox=36,32,44,37&status=verified&from=2015-01-01&to=2015-12-31',
        '/api/map?zoom=10&bbox=39.5,35,40.5,35.6',
      ];
      for (const p of [...listPaths, ...mapPaths]) await get(p); // warm caches once
      // one request at a time: the server's own time per request, without queueing
      const serial = async (paths: string[]) => {
        const ms: number[] = [];
        for (let k = 0; k < 40; k++) ms.push((await get(paths[k % paths.length]!)).ms);
        ms.sort((a, b) => a - b);
        return `p50 ${percentile(ms, 50).toFixed(1)} ms, p95 ${percentile(ms, 95).toFixed(1)} ms`;
      };
      const serialList = await serial(listPaths);
      const serialMap = await serial(mapPaths);
      const loadBefore = loadavg()[0];
      // map first; then let any slow request still running drain before the list phase starts
      const map = await load(url, token, mapPaths);
      await get('/api/config');
      const list = await load(url, token, listPaths);
      const rss = rssOf(server.pid!);
      // the machine may be shared: a load average above its cores inflates every figure below
      const loadNote = `load average ${loadBefore!.toFixed(1)} → ${loadavg()[0]!.toFixed(1)} on this machine`;
      const fmt = (name: string, r: Awaited<ReturnType<typeof load>>, target: number) =>
        `${name.padEnd(22)} p50 ${r.p50.toFixed(1).padStart(7)} ms  p95 ${r.p95.toFixed(1).padStart(7)} ms  p99 ${r.p99.toFixed(1).padStart(7)} ms  ` +
        `${Math.round(r.rps).toString().padStart(5)} req/s  (${r.requests} requests, ${r.non2xx} non-2xx, ${r.errors} errors; target p95 < ${target} ms: ${r.p95 < target ? 'met' : 'MISSED'})`;
      console.log(
        `\n${N.toLocaleString('en')} incidents, ${CONNECTIONS} connections, ${SECONDS} s each, loopback${analyze ? ', after ANALYZE' : ''}; ${loadNote}`,
      );
      console.log(`one at a time: list ${serialList}; map ${serialMap}`);
      console.log(fmt('filtered list query', list, 100));
      console.log(fmt('map endpoint', map, 200));
      console.log(
        `server peak RSS ${rss.peak.toFixed(0)} MB (now ${rss.now.toFixed(0)} MB); bench process peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
      );
    } finally {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
      if (analyze) {
        // leave the cached database as the store made it, without planner statistics
        const raw = new BetterSqlite3(db);
        raw.exec('DROP TABLE IF EXISTS sqlite_stat1; DROP TABLE IF EXISTS sqlite_stat4');
        raw.close();
      }
    }
  }
}

await main();
