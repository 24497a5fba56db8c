// `rasid gazetteer import`: GeoNames dumps into SQLite, idempotent and resumable, and the imported
// places reach findPlaces through loadGazetteer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { analyze } from '../text/analyze.ts';
import { findPlaces } from './find-places.ts';
import { importGeonames, importGeonamesFile, loadGazetteer } from './geonames-import.ts';
import { isRasidError } from '../errors.ts';

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

test('imported places reach findPlaces through loadGazetteer; a second run changes nothing', async () => {
  const t = tmp();
  try {
    const places = join(t.dir, 'SY.txt');
    const names = join(t.dir, 'alternateNamesV2.txt');
    writeFileSync(places, FIXTURE + '\n');
    writeFileSync(names, ALTERNATES + '\n');
    const db = new Database(t.db);
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
    db.close();

    const g = loadGazetteer({ dbFile: t.db });
    const a = findPlaces(analyze('داهمت دورية قرية تل الاختبار شرق دير الزور'), { gazetteer: g });
    assert.equal(a.find((m) => m.text === 'تل الاختبار')?.entry?.id, 'geonames:990000001');
    const b = findPlaces(analyze('قصفت المدفعية خربة التجارب'), { gazetteer: g });
    assert.equal(b[0]?.entry?.id, 'geonames:990000002');
    // without the database the built-in gazetteer does not know them
    assert.equal(findPlaces(analyze('قصفت المدفعية خربة التجارب'))[0]?.entry?.id, undefined);
  } finally {
    t.done();
  }
});

test('a file that is not a GeoNames dump is refused with a code', async () => {
  const t = tmp();
  try {
    const f = join(t.dir, 'notes.txt');
    writeFileSync(f, 'this is not a gazetteer\n');
    const db = new Database(t.db);
    await assert.rejects(importGeonamesFile(db, f), (e) => isRasidError(e) && e.code === 'geonames.unknown_format');
    db.close();
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
      const db = new Database(t.db);
      const [r1] = await importGeonames(db, [SHARED_CITIES]);
      assert.equal(r1.finished, true);
      assert.equal(r1.inserted, 434);
      const [r2] = await importGeonames(db, [SHARED_CITIES]);
      assert.deepEqual([r2.inserted, r2.updated, r2.unchanged], [0, 0, 434]);
      assert.equal(db.prepare('SELECT count(*) FROM gazetteer_entries').pluck().get(), 434);
      db.close();
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
      const db = new Database(t.db);
      const ac = new AbortController();
      const [part] = await importGeonames(db, [SHARED_CITIES], {
        batchSize: 100,
        signal: ac.signal,
        onProgress: () => ac.abort(),
      });
      assert.equal(part.finished, false);
      assert.equal(part.inserted, 100);
      const [rest] = await importGeonames(db, [SHARED_CITIES], { batchSize: 100 });
      assert.ok(rest.resumedFrom > 0);
      assert.equal(rest.finished, true);
      assert.equal(rest.inserted, 334);
      assert.equal(db.prepare('SELECT count(*) FROM gazetteer_entries').pluck().get(), 434);
      db.close();
    } finally {
      t.done();
    }
  },
);
