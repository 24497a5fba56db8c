// `rasid gazetteer import`: GeoNames dumps into the store (SQLite and PostgreSQL), idempotent and
// resumable, and the imported places reach findPlaces through loadGazetteer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { analyze } from '../text/analyze.ts';
import { findPlaces } from '../geo/find-places.ts';
import { importGeonames, importGeonamesFile, loadGazetteer } from './gazetteer.ts';
import { isRasidError } from '../errors.ts';
import { openStore } from '../store/open.ts';
import type { PostgresStore } from '../store/postgres.ts';
import type { Store } from '../store/types.ts';

const SHARED_CITIES = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'shared',
  'data',
  'geonames',
  'cities500_SY_IQ.txt',
);
const hasShared = existsSync(SHARED_CITIES);

function tmp(): { dir: string; db: string; done: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'rasid-geo-'));
  return { dir, db: join(dir, 'g.db'), done: () => rmSync(dir, { recursive: true, force: true }) };
}

const PG_URL = process.env.DATABASE_URL || 'postgres://root@127.0.0.1:5432/test';

async function pgSkip(): Promise<string | false> {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    return false;
  } catch (err) {
    return `no PostgreSQL answers at ${PG_URL.replace(/\/\/[^@]*@/, '//')} (${(err as { code?: string }).code ?? 'error'})`;
  } finally {
    await c.end().catch(() => undefined);
  }
}
const noPostgres = await pgSkip();

/** A fresh store of each backend: an SQLite file, and a PostgreSQL schema of its own. */
const BACKENDS: Array<{
  name: string;
  skip: string | false;
  open: (dir: string) => Promise<{ store: Store; dispose: () => Promise<void> }>;
}> = [
  {
    name: 'sqlite',
    skip: false,
    open: async (dir) => {
      const store = await openStore({ db: join(dir, 'g.db') });
      return { store, dispose: () => store.close() };
    },
  },
  {
    name: 'postgres',
    skip: noPostgres,
    open: async () => {
      const schema = `rasid_test_${randomBytes(6).toString('hex')}`;
      const store = await openStore({ databaseUrl: PG_URL, schema });
      return {
        store,
        dispose: async () => {
          await (store as PostgresStore).pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
          await store.close();
        },
      };
    },
  },
];

// Our own rows in the geoname dump format (19 TAB-separated columns): two invented villages.
const row = (id: number, name: string, alt: string, lat: number, lon: number, pop = 0) =>
  [
    id,
    name,
    name,
    alt,
    lat,
    lon,
    'P',
    'PPL',
    'SY',
    '',
    '07',
    '',
    '',
    '',
    pop,
    '',
    '200',
    'Asia/Damascus',
    '2024-01-01',
  ].join('\t');
const FIXTURE = [
  row(990000001, 'Tall al-Ikhtibar', 'Tall al-Ikhtibar,تل الاختبار', 35.21, 40.33, 700),
  row(990000002, 'Khirbat Tajriba', 'خربة تجربة', 35.05, 40.6, 0),
].join('\n');
// alternateNamesV2: id, geonameid, lang, name, preferred, short, colloquial, historic, from, to
const ALTERNATES = [
  '880000001\t990000002\tar\tخربة التجارب\t\t\t\t\t\t',
  '880000002\t990000002\tfr\tKhirbet Tajriba\t\t\t\t\t\t',
  '880000003\t123\tar\tلا مكان\t\t\t\t\t\t',
].join('\n');

for (const backend of BACKENDS)
  test(
    `${backend.name}: imported places reach findPlaces through loadGazetteer; a second run changes nothing`,
    { skip: backend.skip },
    async () => {
      const t = tmp();
      const { store: db, dispose } = await backend.open(t.dir);
      try {
        const places = join(t.dir, 'SY.txt');
        const names = join(t.dir, 'alternateNamesV2.txt');
        writeFileSync(places, FIXTURE + '\n');
        writeFileSync(names, ALTERNATES + '\n');
        // alternate names listed first: the importer still loads places first
        const first = await importGeonames(db, [names, places]);
        assert.deepEqual(
          first.map((r) => [r.kind, r.inserted, r.updated, r.unchanged, r.skipped]),
          [
            ['geoname', 2, 0, 0, 0],
            ['alternate', 1, 0, 0, 2], // French name and unknown place skipped
          ],
        );
        const again = await importGeonames(db, [places, names]);
        assert.deepEqual(
          again.map((r) => [r.inserted, r.updated, r.unchanged]),
          [
            [0, 0, 2],
            [0, 0, 1],
          ],
        );
        // a changed row is an update
        writeFileSync(places, FIXTURE.replace('\t700\t', '\t900\t') + '\n');
        const changed = await importGeonamesFile(db, places);
        assert.deepEqual([changed.inserted, changed.updated, changed.unchanged], [0, 1, 1]);

        const g = await loadGazetteer(db);
        const a = findPlaces(analyze('داهمت دورية قرية تل الاختبار شرق دير الزور'), { gazetteer: g });
        assert.equal(a.find((m) => m.text === 'تل الاختبار')?.entry?.id, 'geonames:990000001');
        const b = findPlaces(analyze('قصفت المدفعية خربة التجارب'), { gazetteer: g });
        assert.equal(b[0]?.entry?.id, 'geonames:990000002');
        // without the database the built-in gazetteer does not know them
        assert.equal(findPlaces(analyze('قصفت المدفعية خربة التجارب'))[0]?.entry?.id, undefined);
      } finally {
        await dispose();
        t.done();
      }
    },
  );

test('a file that is not a GeoNames dump is refused with a code', async () => {
  const t = tmp();
  try {
    const f = join(t.dir, 'notes.txt');
    writeFileSync(f, 'this is not a gazetteer\n');
    const db = await openStore({ db: t.db });
    await assert.rejects(importGeonamesFile(db, f), (e) => isRasidError(e) && e.code === 'geonames.unknown_format');
    await db.close();
  } finally {
    t.done();
  }
});

test(
  'GeoNames cities500 for Syria and Iraq imports; run twice, nothing changes',
  { skip: hasShared ? false : `${SHARED_CITIES} not found` },
  async () => {
    const t = tmp();
    try {
      const db = await openStore({ db: t.db });
      const [r1] = await importGeonames(db, [SHARED_CITIES]);
      assert.equal(r1!.finished, true);
      assert.equal(r1!.inserted, 434);
      const [r2] = await importGeonames(db, [SHARED_CITIES]);
      assert.deepEqual([r2!.inserted, r2!.updated, r2!.unchanged], [0, 0, 434]);
      assert.equal((await db.gazetteerPlaces(['SY', 'IQ'])).length, 434);
      await db.close();
    } finally {
      t.done();
    }
  },
);

test(
  'an interrupted import resumes where it stopped, nothing twice and nothing lost',
  { skip: hasShared ? false : `${SHARED_CITIES} not found` },
  async () => {
    const t = tmp();
    try {
      const db = await openStore({ db: t.db });
      const ac = new AbortController();
      const [part] = await importGeonames(db, [SHARED_CITIES], {
        batchSize: 100,
        signal: ac.signal,
        onProgress: () => ac.abort(),
      });
      assert.equal(part!.finished, false);
      assert.equal(part!.inserted, 100);
      const [rest] = await importGeonames(db, [SHARED_CITIES], { batchSize: 100 });
      assert.ok(rest!.resumedFrom > 0);
      assert.equal(rest!.finished, true);
      assert.equal(rest!.inserted, 334);
      assert.equal((await db.gazetteerPlaces(['SY', 'IQ'])).length, 434);
      await db.close();
    } finally {
      t.done();
    }
  },
);
