// GeoNames dumps into the store, for users who need every village: the `geoname` table files (SY.txt,
// allCountries.txt, cities500/1000/5000/15000.txt) and alternateNamesV2.txt. Streamed line by line;
// each batch commits together with the byte offset it reached, so an import killed at any moment
// resumes where it stopped; rows are compared by content, so a second run changes nothing.
// The places live in the store (both backends), so every process that opens it — a worker on
// another machine too — extracts with the same gazetteer.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { RasidError } from '../errors.ts';
import { builtinGazetteer, mergeGazetteer, type Gazetteer } from '../geo/gazetteer.ts';
import {
  parseAlternateNameLine,
  parseGeonameLine,
  sniffDumpKind,
  type AlternateNameRow,
  type GeonameRow,
} from '../geo/geonames-dump.ts';
import { entriesFromGeonames } from '../geo/geonames-entries.ts';
import type { GazetteerEntry } from '../geo/types.ts';
import type { OpenStoreOptions } from '../store/open.ts';
import type { GazetteerImportState, Store } from '../store/types.ts';

type GazetteerStore = Pick<Store, 'gazetteerImportState' | 'putGazetteerRows' | 'gazetteerPlaces'>;

export interface ImportProgress {
  file: string;
  bytesDone: number;
  bytesTotal: number;
}

export interface ImportOptions {
  /** only rows of these ISO2 countries (alternate names: only of places already imported) */
  countries?: string[];
  batchSize?: number;
  onProgress?: (p: ImportProgress) => void;
  /** stops cleanly after the current batch; the next run resumes */
  signal?: AbortSignal;
}

export interface FileReport {
  file: string;
  kind: 'geoname' | 'alternate';
  resumedFrom: number;
  lines: number;
  inserted: number;
  updated: number;
  unchanged: number;
  skipped: number;
  finished: boolean;
}

// Alternate names in these languages, or in Arabic script, are the ones extraction can use.
const NAME_LANGS = new Set(['ar', 'en', '', 'ara', 'arz', 'apc', 'acm']);
const ARABIC = /[\u0600-\u06ff]/;

async function firstLine(file: string): Promise<string> {
  const rl = createInterface({ input: createReadStream(file, { end: 64 * 1024 }), crlfDelay: Infinity });
  for await (const line of rl) {
    if (line.trim()) {
      rl.close();
      return line;
    }
  }
  return '';
}

/** Which table a dump holds, by its first line; null when it is unreadable or neither. */
export async function dumpKindOf(file: string): Promise<'geoname' | 'alternate' | null> {
  return sniffDumpKind(await firstLine(resolve(file)).catch(() => ''));
}

export async function importGeonamesFile(
  store: GazetteerStore,
  file: string,
  opts: ImportOptions = {},
): Promise<FileReport> {
  const path = resolve(file);
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new RasidError('geonames.unreadable', `${file}: cannot read`);
  }
  const kind = sniffDumpKind(await firstLine(path));
  if (!kind) throw new RasidError('geonames.unknown_format', `${file}: not a GeoNames geoname or alternateNames dump`);

  const prior = await store.gazetteerImportState(path);
  // an unfinished import of the same, unchanged file resumes; anything else starts over
  const resume =
    prior && !prior.finished && prior.size === st.size && prior.mtimeMs === st.mtimeMs && prior.kind === kind;
  const start = resume ? prior.bytesDone : 0;
  const state = (bytesDone: number, finished: boolean): GazetteerImportState => ({
    path,
    size: st.size,
    mtimeMs: st.mtimeMs,
    kind,
    bytesDone,
    finished,
  });

  const report: FileReport = {
    file,
    kind,
    resumedFrom: start,
    lines: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    skipped: 0,
    finished: false,
  };
  const countries = opts.countries?.length ? new Set(opts.countries.map((c) => c.toUpperCase())) : null;
  const batchSize = opts.batchSize ?? 5000;

  let places: GeonameRow[] = [];
  let names: AlternateNameRow[] = [];
  const take = (line: string) => {
    if (!line.trim()) return;
    report.lines++;
    if (kind === 'geoname') {
      const r = parseGeonameLine(line);
      if (!r || (countries && !countries.has(r.country))) report.skipped++;
      else places.push(r);
    } else {
      const r = parseAlternateNameLine(line);
      if (!r || !(NAME_LANGS.has(r.lang) || ARABIC.test(r.name))) report.skipped++;
      else names.push(r);
    }
  };
  const flush = async (bytesAfter: number, finished: boolean) => {
    const n = await store.putGazetteerRows({ places, names }, state(bytesAfter, finished));
    report.inserted += n.inserted;
    report.updated += n.updated;
    report.unchanged += n.unchanged;
    report.skipped += n.skipped;
    places = [];
    names = [];
  };

  await store.putGazetteerRows({}, state(start, false));
  const stream = createReadStream(path, { start });
  const rl = createInterface({ input: stream, crlfDelay: Infinity });
  let bytes = start;
  let inBatch = 0;
  let aborted = false;
  for await (const line of rl) {
    bytes += Buffer.byteLength(line, 'utf8') + 1;
    take(line);
    if (++inBatch >= batchSize) {
      inBatch = 0;
      await flush(Math.min(bytes, st.size), false);
      opts.onProgress?.({ file, bytesDone: Math.min(bytes, st.size), bytesTotal: st.size });
      if (opts.signal?.aborted) {
        aborted = true;
        break;
      }
    }
  }
  rl.close();
  stream.destroy();
  if (aborted) return report;
  await flush(st.size, true);
  opts.onProgress?.({ file, bytesDone: st.size, bytesTotal: st.size });
  report.finished = true;
  return report;
}

/** Import several dumps; place files go before alternate-name files, whose rows need their places. */
export async function importGeonames(
  store: GazetteerStore,
  files: string[],
  opts: ImportOptions = {},
): Promise<FileReport[]> {
  const kinds = await Promise.all(files.map(async (f) => ({ f, k: await dumpKindOf(f) })));
  const ordered = [...kinds.filter((x) => x.k !== 'alternate'), ...kinds.filter((x) => x.k === 'alternate')].map(
    (x) => x.f,
  );
  const out: FileReport[] = [];
  for (const f of ordered) {
    out.push(await importGeonamesFile(store, f, opts));
    if (opts.signal?.aborted) break;
  }
  return out;
}

/** Countries whose imported places join the gazetteer by default */
export const DEFAULT_GAZETTEER_COUNTRIES = ['SY', 'IQ', 'TR', 'LB', 'JO'];

/**
 * The built-in gazetteer merged with the GeoNames places imported into the store (only the given
 * countries: allCountries would not fit in memory). Read once, when a command or worker starts.
 */
export async function loadGazetteer(
  store: Pick<Store, 'gazetteerPlaces'>,
  countries: string[] = DEFAULT_GAZETTEER_COUNTRIES,
): Promise<Gazetteer> {
  const extra = await gazetteerEntriesOf(store, countries);
  return extra.length ? mergeGazetteer(extra) : builtinGazetteer();
}

/** The places imported into the store, as entries to merge into the built-in gazetteer (a document thread does). */
export async function gazetteerEntriesOf(
  store: Pick<Store, 'gazetteerPlaces'>,
  countries: string[] = DEFAULT_GAZETTEER_COUNTRIES,
): Promise<GazetteerEntry[]> {
  return entriesFromGeonames(await store.gazetteerPlaces(countries));
}

/**
 * The gazetteer of the store these options name, for commands that do not otherwise need the store
 * (`rasid extract`): an SQLite file that does not exist is not created, and means the built-in one.
 */
export async function gazetteerOfStore(opts: OpenStoreOptions): Promise<Gazetteer> {
  if (!opts.databaseUrl && !(opts.db && existsSync(opts.db))) return builtinGazetteer();
  // the store's drivers load only when there is a store to read: `rasid extract` of one file without one starts faster
  const { openStore } = await import('../store/open.ts');
  const store = await openStore(opts);
  try {
    return await loadGazetteer(store);
  } finally {
    await store.close();
  }
}
