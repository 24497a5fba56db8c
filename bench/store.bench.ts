// Store benchmark: inserts synthetic incidents (text generated here from our own word lists) into
// SQLite and PostgreSQL, then times full-text searches over them.
//   node --import tsx bench/store.bench.ts [--incidents 100000] [--queries 200] [--sqlite-only]
// PostgreSQL: DATABASE_URL or postgres://root@127.0.0.1:5432/test, in a throw-away schema.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { acledFor, INCIDENT_TYPES, type Incident } from '../src/schema.ts';
import { openPostgresStore, type PostgresStore } from '../src/store/postgres.ts';
import { openSqliteStore } from '../src/store/sqlite.ts';
import type { BulkIncident, Store } from '../src/store/types.ts';

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
}
const N = arg('incidents', 100_000);
const QUERIES = arg('queries', 200);
const PER_DOC = 5;

// a tiny deterministic generator, so both backends get the same corpus
let seed = 42;
const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

const TOWNS = [
  ['الميادين', 'al-Mayadin', 35.02, 40.45, 'Deir ez-Zor'],
  ['البوكمال', 'Albu Kamal', 34.46, 40.94, 'Deir ez-Zor'],
  ['الشحيل', 'al-Shuhayl', 35.12, 40.4, 'Deir ez-Zor'],
  ['منبج', 'Manbij', 36.53, 37.95, 'Aleppo'],
  ['الرقة', 'Raqqa', 35.95, 39.01, 'Raqqa'],
  ['إدلب', 'Idlib', 35.93, 36.63, 'Idlib'],
  ['معرة النعمان', "Ma'arrat al-Nu'man", 35.65, 36.67, 'Idlib'],
  ['دوما', 'Douma', 33.57, 36.4, 'Rural Damascus'],
  ['الموصل', 'Mosul', 36.34, 43.13, 'Nineveh'],
  ['تلعفر', 'Tal Afar', 36.37, 42.45, 'Nineveh'],
] as const;
const VERBS_AR = ['أعدم', 'اعتقل', 'قصف', 'استهدف', 'اختطف', 'هاجم', 'فجّر', 'داهم'];
const ACTORS_AR = [
  ['تنظيم داعش', 'isis'],
  ['قوات النظام', 'syrian_government'],
  ['طيران التحالف', 'international_coalition'],
  ['مسلحون مجهولون', 'unidentified_armed_group'],
] as const;
const NOUNS_AR = ['مدنيين', 'شبان', 'عمال', 'نازحين', 'أطفال', 'نساء', 'مزارعين', 'طلاب'];
const PLACES_AR = ['سوق', 'مسجد', 'مدرسة', 'مستشفى', 'حاجز', 'مخيم', 'جسر', 'معمل'];
const EN = [
  'gunmen',
  'checkpoint',
  'market',
  'hospital',
  'convoy',
  'village',
  'farmers',
  'students',
  'raid',
  'detained',
  'shelling',
  'drone',
];

function makeText(k: number): { text: string; lang: 'ar' | 'en'; sentences: string[] } {
  const sentences: string[] = [];
  const ar = k % 4 !== 3;
  for (let s = 0; s < PER_DOC; s++) {
    const [town] = pick(TOWNS);
    sentences.push(
      ar
        ? `${pick(VERBS_AR)} ${pick(ACTORS_AR)[0]} ${2 + Math.floor(rand() * 30)} من ال${pick(NOUNS_AR)} قرب ${pick(PLACES_AR)} ${town} صباح اليوم.`
        : `Reports said ${pick(EN)} and ${pick(EN)} near the ${pick(EN)} of ${pick(TOWNS)[1]}, leaving ${2 + Math.floor(rand() * 30)} ${pick(EN)}.`,
    );
  }
  return { text: sentences.join(' '), lang: ar ? 'ar' : 'en', sentences };
}

function makeIncident(k: number, text: string, sentence: string): Incident {
  const start = text.indexOf(sentence);
  const [nameAr, name, lat, lon, admin1] = pick(TOWNS);
  const type = pick(INCIDENT_TYPES);
  const day = new Date(Date.UTC(2012, 0, 1) + Math.floor(rand() * 4000) * 86_400_000).toISOString().slice(0, 10);
  const actor = pick(ACTORS_AR);
  return {
    id: `b${k}`,
    type,
    acled: acledFor(type),
    violations: [],
    actors: [{ role: 'perpetrator', id: actor[1], name: actor[1], span: null }],
    locations: [
      {
        name,
        name_ar: nameAr,
        admin1,
        lat: lat + (rand() - 0.5) / 10,
        lon: lon + (rand() - 0.5) / 10,
        precision: 1,
        span: null,
      },
    ],
    time: { start: day, end: day, precision: 1, text: null, span: null },
    counts: { killed: { value: 3, min: 3, max: 3, approximate: false, text: '3', span: null } },
    methods: [],
    accusations: [],
    attribution: null,
    evidence: [{ span: [start, start + sentence.length] }],
    summary_en: `${type.replace(/_/g, ' ')} in ${name}`,
    confidence: 0.7,
  };
}

const QUERY_WORDS = [
  'مستشفي',
  'اعدم',
  'داعش',
  'الميادين',
  'مدرسه',
  'حاجز',
  'اطفال',
  'market',
  'hospital',
  'Manbij',
  'قصف الرقه',
  'نازحين ادلب',
];

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

async function run(label: string, store: Store): Promise<void> {
  seed = 42;
  const docs = Math.ceil(N / PER_DOC);
  let docMs = 0;
  let incMs = 0;
  let batch: BulkIncident[] = [];
  let inserted = 0;
  const flush = async () => {
    const t = performance.now();
    inserted += await store.bulkInsertIncidents(batch);
    incMs += performance.now() - t;
    batch = [];
  };
  for (let d = 0; d < docs; d++) {
    const { text, lang, sentences } = makeText(d);
    const t = performance.now();
    const { id } = await store.putDocument({
      sourceKey: `bench:${d}`,
      url: null,
      title: null,
      lang,
      published: null,
      text,
      format: 'txt',
      alternates: [],
    });
    docMs += performance.now() - t;
    for (const s of sentences)
      if (inserted + batch.length < N)
        batch.push({ documentId: id, incident: makeIncident(inserted + batch.length, text, s) });
    if (batch.length >= 5000) await flush();
  }
  await flush();
  console.log(
    `${label}: ${docs} documents put one by one at ${Math.round(docs / (docMs / 1000))}/s; ${inserted} incidents in batches of 5000 at ${Math.round(inserted / (incMs / 1000))}/s`,
  );
  let t0: number;

  for (const [name, page] of [
    ['count', false],
    ['list 50', true],
  ] as const) {
    const times: number[] = [];
    let hits = 0;
    for (let i = 0; i < QUERIES; i++) {
      const q = QUERY_WORDS[i % QUERY_WORDS.length];
      t0 = performance.now();
      if (page) hits += (await store.listIncidents({ q }, { limit: 50, offset: 0 })).total;
      else hits += await store.countIncidents({ q });
      times.push(performance.now() - t0);
    }
    console.log(
      `${label}: full-text ${name} over ${inserted} incidents: median ${quantile(times, 0.5).toFixed(1)} ms, p95 ${quantile(times, 0.95).toFixed(1)} ms (${QUERIES} queries, mean ${Math.round(hits / QUERIES)} hits)`,
    );
  }
}

const url = process.env.DATABASE_URL || 'postgres://root@127.0.0.1:5432/test';
const dir = mkdtempSync(join(tmpdir(), 'rasid-bench-'));
try {
  const sqlite = await openSqliteStore(join(dir, 'bench.db'));
  await run('sqlite', sqlite);
  await sqlite.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

if (!process.argv.includes('--sqlite-only')) {
  const schema = `rasid_bench_${randomBytes(4).toString('hex')}`;
  let store: PostgresStore | null = null;
  try {
    store = await openPostgresStore({ connectionString: url, schema });
  } catch (err) {
    console.log(`postgres: skipped, ${(err as Error).message}`);
  }
  if (store) {
    try {
      await run('postgres', store);
    } finally {
      await store.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
    }
  }
}
console.log(`peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
