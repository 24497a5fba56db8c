// `rasid eval --places DIR`: Latin place names with a known answer, each put in a plain sentence of
// our own and read by the English place finder. Three sources: ACLED rows (`location` and its point),
// PITF Iraq rows (`Locality` and its DMS point) and UCDP-AEC rows (`location_where_name`, whose answer
// is only its governorate). A name is found when the finder resolves it to an entry, right when that
// entry lies within 25 km of the point (50 km where ACLED only knows the region, as the contract
// scores places) or, for UCDP, inside the named governorate; found but not right is a wrong place.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { analyze } from '../text/analyze.ts';
import { findPlaces } from '../geo/find-places.ts';
import { distanceKm } from '../geo/place-rank.ts';
import { builtinGazetteer, englishKey, type Gazetteer } from '../geo/gazetteer.ts';
import { foldLatinName } from '../geo/transliteration.ts';
import type { GazetteerEntry } from '../geo/types.ts';

export type NameSource = 'acled' | 'pitf' | 'ucdp';

/** One distinct name and what it must resolve to: a point and a radius, or a governorate. */
export interface KnownName {
  source: NameSource;
  name: string;
  point: { lat: number; lon: number; km: number } | null;
  /** the governorate as the source writes it («Deir ez Zor governorate», «Diyālá province») */
  admin1: string | null;
  country: 'SY' | 'IQ' | null;
}

export const PLACE_SPLITS = ['all', 'tune', 'kept'] as const;
export type PlaceSplit = (typeof PLACE_SPLITS)[number];

/** The fixed split: every third distinct name of each source (the 3rd, 6th…, in file order) is kept. */
export function inPlaceSplit(index: number, split: PlaceSplit): boolean {
  return split === 'all' || (index % 3 === 2) === (split === 'kept');
}

/** A name as the sentence uses it: «Tuz Khormato (Tuz Khurmatu)» → «Tuz Khormato», «Tadmur/Palmyra town» → «Tadmur town». */
export function cleanName(raw: string): string {
  let s = raw
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const slash = s.indexOf('/');
  if (slash > 0) {
    // «A/B town»: the first of two names, with the qualifier that ends the second
    const last = /\s(town|village|city|camp|area|suburb)$/.exec(s);
    s = s.slice(0, slash).trim() + (last ? last[0] : '');
  }
  return s;
}

const NOT_A_NAME = /^(multiple locations|template|unclear|unknown|)$/i;

/** Degrees, minutes, seconds and a direction as a signed decimal; null when the degrees are missing. */
export function dms(deg: string, min: string, sec: string, dir: string): number | null {
  if (!/^\d+$/.test(deg.trim())) return null;
  const v = Number(deg) + (Number(min) || 0) / 60 + (Number(sec) || 0) / 3600;
  return /^[SW]/i.test(dir.trim()) ? -v : v;
}

function distinct(source: NameSource, rows: Array<Omit<KnownName, 'source'>>): KnownName[] {
  const seen = new Set<string>();
  const out: KnownName[] = [];
  for (const r of rows) {
    const k = englishKey(r.name);
    if (!k || NOT_A_NAME.test(r.name.trim()) || seen.has(k)) continue;
    seen.add(k);
    out.push({ source, ...r });
  }
  return out;
}

type Row = Record<string, string>;
const csv = (file: string): Row[] => parse<Row>(readFileSync(file, 'utf8'), { columns: true, relax_quotes: true });

export function acledNames(file: string): KnownName[] {
  return distinct(
    'acled',
    csv(file).map((r) => ({
      name: cleanName(r.location ?? ''),
      point: { lat: Number(r.latitude), lon: Number(r.longitude), km: r.geo_precision === '3' ? 50 : 25 },
      admin1: r.admin1 ?? null,
      country: r.country === 'Iraq' ? 'IQ' : r.country === 'Syria' ? 'SY' : null,
    })),
  );
}

export function pitfNames(file: string): KnownName[] {
  const rows: Array<Omit<KnownName, 'source'>> = [];
  for (const r of csv(file)) {
    const lat = dms(r['Lat Degrees'] ?? '', r['Lat Minutes'] ?? '', r['Lat Seconds'] ?? '', r['Lat Direction'] ?? '');
    const lon = dms(r['Lon Degrees'] ?? '', r['Lon Minutes'] ?? '', r['Lon Seconds'] ?? '', r['Lon Direction'] ?? '');
    if (lat === null || lon === null || (lat === 0 && lon === 0)) continue;
    rows.push({ name: cleanName(r.Locality ?? ''), point: { lat, lon, km: 25 }, admin1: null, country: 'IQ' });
  }
  return distinct('pitf', rows);
}

export function ucdpNames(file: string): KnownName[] {
  const rows: Array<Omit<KnownName, 'source'>> = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const r = JSON.parse(line) as Record<string, string | number | null>;
    const root = String(r.location_root_name ?? '');
    rows.push({
      name: cleanName(String(r.location_where_name ?? '')),
      point: null,
      admin1: String(r.location_adm1_name ?? '') || null,
      country: root === 'Iraq' ? 'IQ' : root === 'Syria' ? 'SY' : null,
    });
  }
  return distinct('ucdp', rows);
}

/** Every known name under a shared data directory (../shared/data), by source; missing files give none. */
export function sharedNames(dataDir: string): KnownName[] {
  const acled = join(dataDir, 'acled-sample-2020', 'acled_syria_iraq_2020-04-27_to_2020-05-09.csv');
  const pitf = join(dataDir, 'pitf-atrocities', 'pitf_atrocities_iraq_2013-01_to_2017-09.csv');
  const ucdp = join(dataDir, 'ucdp-aec', 'ucdp_aec_syria_iraq_test_validation.jsonl');
  return [
    ...(existsSync(acled) ? acledNames(acled) : []),
    ...(existsSync(pitf) ? pitfNames(pitf) : []),
    ...(existsSync(ucdp) ? ucdpNames(ucdp) : []),
  ];
}

const ADMIN1_WORD = /\b(governorate|province|governate|muhafazat)\b/gi;

/** The gazetteer's governorate for a source's admin1 name, by its folding key. */
function governorateOf(g: Gazetteer, admin1: string): GazetteerEntry | null {
  const want = foldLatinName(admin1.replace(ADMIN1_WORD, ' '));
  if (!want) return null;
  for (const e of g.entries)
    if (e.kind === 'governorate' && [e.name, e.admin1 ?? '', ...e.names_en].some((n) => foldLatinName(n) === want))
      return e;
  return null;
}

export type Verdict = 'right' | 'wrong' | 'unfound';

export interface NameResult {
  name: KnownName;
  verdict: Verdict;
  /** what the finder resolved the name to, or null */
  entry: GazetteerEntry | null;
  /** why a name was left unresolved, when the finder says (place.ambiguous, place.outside-parent) */
  issue: string | null;
}

const SENTENCE_HEAD = 'Clashes were reported in ';

/** The name in «Clashes were reported in NAME.» as the English place finder resolves it. */
export function resolveName(
  name: string,
  g: Gazetteer = builtinGazetteer(),
): { entry: GazetteerEntry | null; issue: string | null } {
  const text = `${SENTENCE_HEAD}${name}.`;
  const from = SENTENCE_HEAD.length;
  const to = from + name.length;
  const inside = findPlaces(analyze(text, 'en'), { gazetteer: g }).filter((m) => m.rawStart >= from && m.rawEnd <= to);
  // the longest resolved mention inside the name speaks for it
  const resolved = inside.filter((m) => m.entry).sort((a, b) => b.rawEnd - b.rawStart - (a.rawEnd - a.rawStart));
  const best = resolved[0];
  if (best) return { entry: best.entry, issue: null };
  return { entry: null, issue: inside.flatMap((m) => m.issues ?? []).map((i) => i.code)[0] ?? null };
}

export function judge(k: KnownName, entry: GazetteerEntry | null, g: Gazetteer = builtinGazetteer()): Verdict {
  if (!entry) return 'unfound';
  if (k.point) return distanceKm(entry, k.point) <= k.point.km ? 'right' : 'wrong';
  const gov = k.admin1 ? governorateOf(g, k.admin1) : null;
  if (gov) return entry.country === gov.country && entry.admin1 === gov.admin1 ? 'right' : 'wrong';
  return k.country && entry.country === k.country ? 'right' : 'wrong';
}

export interface PlaceFigures {
  names: number;
  found: number;
  right: number;
  wrong: number;
}

export interface PlaceEvalResult {
  split: PlaceSplit;
  by_source: Record<string, PlaceFigures>;
  overall: PlaceFigures;
  results: NameResult[];
}

export function evalPlaceNames(names: KnownName[], split: PlaceSplit = 'all', g = builtinGazetteer()): PlaceEvalResult {
  const index = new Map<NameSource, number>();
  const results: NameResult[] = [];
  for (const k of names) {
    const i = index.get(k.source) ?? 0;
    index.set(k.source, i + 1);
    if (!inPlaceSplit(i, split)) continue;
    const { entry, issue } = resolveName(k.name, g);
    results.push({ name: k, entry, issue, verdict: judge(k, entry, g) });
  }
  const figures = (rs: NameResult[]): PlaceFigures => ({
    names: rs.length,
    found: rs.filter((r) => r.verdict !== 'unfound').length,
    right: rs.filter((r) => r.verdict === 'right').length,
    wrong: rs.filter((r) => r.verdict === 'wrong').length,
  });
  const by_source: Record<string, PlaceFigures> = {};
  for (const s of index.keys()) by_source[s] = figures(results.filter((r) => r.name.source === s));
  return { split, by_source, overall: figures(results), results };
}

const pct = (n: number, d: number) => (d ? `${((n / d) * 100).toFixed(1)} %` : '-');

/** Figures per source and overall; `withNames` adds every name not resolved right (never for kept). */
export function formatPlaceEval(r: PlaceEvalResult, withNames: boolean): string {
  const line = (label: string, f: PlaceFigures) =>
    `${label.padEnd(8)} names ${String(f.names).padStart(4)} · found ${pct(f.found, f.names)} · right ${pct(f.right, f.names)} · wrong place ${pct(f.wrong, f.names)}`;
  const lines = Object.entries(r.by_source).map(([s, f]) => line(s, f));
  if (withNames) {
    for (const x of r.results.filter((x) => x.verdict !== 'right')) {
      const k = x.name;
      const want = k.point ? `${k.point.lat.toFixed(3)},${k.point.lon.toFixed(3)}` : (k.admin1 ?? k.country ?? '?');
      const got = x.entry
        ? `${x.entry.name} (${x.entry.admin1 ?? x.entry.country}${k.point ? `, ${distanceKm(x.entry, k.point).toFixed(0)} km` : ''})`
        : (x.issue ?? 'none');
      lines.push(`  ${x.verdict.padEnd(7)} ${k.source} «${k.name}» want ${want} → ${got}`);
    }
  }
  lines.push(line(`${r.split}`, r.overall));
  return lines.join('\n');
}
