// GeoNames dumps into the database, for users who need every village: the `geoname` table files
// (SY.txt, allCountries.txt, cities500/1000/5000/15000.txt) and alternateNamesV2.txt. Streamed line by
// line; each batch commits together with the byte offset it reached, so an import killed at any
// moment resumes where it stopped; rows are compared by content, so a second run changes nothing.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { RasidError } from '../errors.ts';
import { parseAlternateNameLine, parseGeonameLine, sniffDumpKind, type GeonameRow } from './geonames-dump.ts';
import { adminNameIndex, entryFromGeoname } from './geonames-entries.ts';
import { builtinGazetteer, mergeGazetteer, type Gazetteer } from './gazetteer.ts';
import type { GazetteerEntry } from './types.ts';

export function ensureGazetteerTables(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS gazetteer_entries (
      geonames_id INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      ascii_name TEXT NOT NULL,
      alternate_names TEXT NOT NULL,
      lat REAL NOT NULL,
      lon REAL NOT NULL,
      feature_class TEXT NOT NULL,
      feature_code TEXT NOT NULL,
      country TEXT NOT NULL,
      admin1 TEXT NOT NULL,
      admin2 TEXT NOT NULL,
      admin3 TEXT NOT NULL,
      population INTEGER NOT NULL,
      modified TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS gazetteer_entries_country ON gazetteer_entries(country);
    CREATE TABLE IF NOT EXISTS gazetteer_names (
      alternate_name_id INTEGER PRIMARY KEY,
      geonames_id INTEGER NOT NULL,
      lang TEXT NOT NULL,
      name TEXT NOT NULL,
      preferred INTEGER NOT NULL,
      short INTEGER NOT NULL,
      colloquial INTEGER NOT NULL,
      historic INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS gazetteer_names_geonames ON gazetteer_names(geonames_id);
    CREATE TABLE IF NOT EXISTS gazetteer_imports (
      path TEXT PRIMARY KEY,
      size INTEGER NOT NULL,
      mtime_ms REAL NOT NULL,
      kind TEXT NOT NULL,
      bytes_done INTEGER NOT NULL,
      finished INTEGER NOT NULL
    );
  `);
}

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

export async function importGeonamesFile(
  db: Database.Database,
  file: string,
  opts: ImportOptions = {},
): Promise<FileReport> {
  ensureGazetteerTables(db);
  const path = resolve(file);
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new RasidError('geonames.unreadable', `${file}: cannot read`);
  }
  const kind = sniffDumpKind(await firstLine(path));
  if (!kind) throw new RasidError('geonames.unknown_format', `${file}: not a GeoNames geoname or alternateNames dump`);

  const prior = db
    .prepare('SELECT size, mtime_ms, kind, bytes_done, finished FROM gazetteer_imports WHERE path = ?')
    .get(path) as { size: number; mtime_ms: number; kind: string; bytes_done: number; finished: number } | undefined;
  // an unfinished import of the same, unchanged file resumes; anything else starts over
  const resume =
    prior && !prior.finished && prior.size === st.size && prior.mtime_ms === st.mtimeMs && prior.kind === kind;
  const start = resume ? prior.bytes_done : 0;
  const saveState = db.prepare(
    `INSERT INTO gazetteer_imports (path, size, mtime_ms, kind, bytes_done, finished) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(path) DO UPDATE SET size = excluded.size, mtime_ms = excluded.mtime_ms, kind = excluded.kind,
       bytes_done = excluded.bytes_done, finished = excluded.finished`,
  );
  saveState.run(path, st.size, st.mtimeMs, kind, start, 0);

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

  const getEntry = db.prepare('SELECT * FROM gazetteer_entries WHERE geonames_id = ?');
  const putEntry = db.prepare(
    `INSERT OR REPLACE INTO gazetteer_entries (geonames_id, name, ascii_name, alternate_names, lat, lon, feature_class,
      feature_code, country, admin1, admin2, admin3, population, modified)
     VALUES (@geonames_id, @name, @ascii_name, @alternate_names, @lat, @lon, @feature_class, @feature_code, @country,
      @admin1, @admin2, @admin3, @population, @modified)`,
  );
  const hasEntry = db.prepare('SELECT 1 FROM gazetteer_entries WHERE geonames_id = ?').pluck();
  const getName = db.prepare('SELECT * FROM gazetteer_names WHERE alternate_name_id = ?');
  const putName = db.prepare(
    `INSERT OR REPLACE INTO gazetteer_names (alternate_name_id, geonames_id, lang, name, preferred, short, colloquial, historic)
     VALUES (@alternate_name_id, @geonames_id, @lang, @name, @preferred, @short, @colloquial, @historic)`,
  );

  const upsert = (get: Database.Statement, put: Database.Statement, id: number, row: Record<string, unknown>) => {
    const old = get.get(id) as Record<string, unknown> | undefined;
    if (!old) {
      put.run(row);
      report.inserted++;
    } else if (Object.keys(row).some((k) => old[k] !== row[k])) {
      put.run(row);
      report.updated++;
    } else report.unchanged++;
  };

  const handle = (line: string) => {
    if (!line.trim()) return;
    report.lines++;
    if (kind === 'geoname') {
      const r = parseGeonameLine(line);
      if (!r || (countries && !countries.has(r.country))) {
        report.skipped++;
        return;
      }
      upsert(getEntry, putEntry, r.geonameId, {
        geonames_id: r.geonameId,
        name: r.name,
        ascii_name: r.asciiName,
        alternate_names: r.alternateNames.join(','),
        lat: r.lat,
        lon: r.lon,
        feature_class: r.featureClass,
        feature_code: r.featureCode,
        country: r.country,
        admin1: r.admin1,
        admin2: r.admin2,
        admin3: r.admin3,
        population: r.population,
        modified: r.modified,
      });
    } else {
      const r = parseAlternateNameLine(line);
      if (!r || !(NAME_LANGS.has(r.lang) || ARABIC.test(r.name)) || !hasEntry.get(r.geonameId)) {
        report.skipped++;
        return;
      }
      upsert(getName, putName, r.alternateNameId, {
        alternate_name_id: r.alternateNameId,
        geonames_id: r.geonameId,
        lang: r.lang,
        name: r.name,
        preferred: r.preferred ? 1 : 0,
        short: r.short ? 1 : 0,
        colloquial: r.colloquial ? 1 : 0,
        historic: r.historic ? 1 : 0,
      });
    }
  };

  let batch: string[] = [];
  let bytes = start;
  const flush = db.transaction((lines: string[], bytesAfter: number) => {
    for (const l of lines) handle(l);
    saveState.run(path, st.size, st.mtimeMs, kind, bytesAfter, 0);
  });

  const stream = createReadStream(path, { start });
  const rl = createInterface({ input: stream, crlfDelay: Infinity });
  let aborted = false;
  for await (const line of rl) {
    bytes += Buffer.byteLength(line, 'utf8') + 1;
    batch.push(line);
    if (batch.length >= batchSize) {
      flush(batch, Math.min(bytes, st.size));
      batch = [];
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
  flush(batch, st.size);
  saveState.run(path, st.size, st.mtimeMs, kind, st.size, 1);
  opts.onProgress?.({ file, bytesDone: st.size, bytesTotal: st.size });
  report.finished = true;
  return report;
}

/** Import several dumps; place files go before alternate-name files, whose rows need their places. */
export async function importGeonames(
  db: Database.Database,
  files: string[],
  opts: ImportOptions = {},
): Promise<FileReport[]> {
  const kinds = await Promise.all(
    files.map(async (f) => ({ f, k: sniffDumpKind(await firstLine(resolve(f)).catch(() => '')) })),
  );
  const ordered = [...kinds.filter((x) => x.k !== 'alternate'), ...kinds.filter((x) => x.k === 'alternate')].map(
    (x) => x.f,
  );
  const out: FileReport[] = [];
  for (const f of ordered) {
    out.push(await importGeonamesFile(db, f, opts));
    if (opts.signal?.aborted) break;
  }
  return out;
}

/** Imported places as gazetteer entries (only the given countries: allCountries would not fit in memory). */
export function importedEntries(db: Database.Database, countries: string[]): GazetteerEntry[] {
  const hasTable = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'gazetteer_entries'")
    .pluck()
    .get();
  if (!hasTable) return [];
  const marks = countries.map(() => '?').join(',');
  const rows = db.prepare(`SELECT * FROM gazetteer_entries WHERE country IN (${marks})`).all(...countries) as Array<
    Record<string, string | number>
  >;
  const names = new Map<number, string[]>();
  const nameRows = db
    .prepare(
      `SELECT n.geonames_id AS id, n.name AS name FROM gazetteer_names n JOIN gazetteer_entries e ON e.geonames_id = n.geonames_id
       WHERE e.country IN (${marks}) AND n.historic = 0`,
    )
    .all(...countries) as Array<{ id: number; name: string }>;
  for (const r of nameRows) {
    const list = names.get(r.id) ?? [];
    list.push(r.name);
    names.set(r.id, list);
  }
  const geo: GeonameRow[] = rows.map((r) => ({
    geonameId: Number(r.geonames_id),
    name: String(r.name),
    asciiName: String(r.ascii_name),
    alternateNames: [
      ...new Set([
        ...String(r.alternate_names).split(',').filter(Boolean),
        ...(names.get(Number(r.geonames_id)) ?? []),
      ]),
    ],
    lat: Number(r.lat),
    lon: Number(r.lon),
    featureClass: String(r.feature_class),
    featureCode: String(r.feature_code),
    country: String(r.country),
    admin1: String(r.admin1),
    admin2: String(r.admin2),
    admin3: String(r.admin3),
    population: Number(r.population),
    modified: String(r.modified),
  }));
  const idx = adminNameIndex(geo);
  const out: GazetteerEntry[] = [];
  for (const r of geo) {
    const e = entryFromGeoname(r, idx);
    if (e && (e.names_ar.length || e.names_en.length)) out.push(e);
  }
  return out;
}

/** Countries whose imported places join the gazetteer by default */
export const DEFAULT_GAZETTEER_COUNTRIES = ['SY', 'IQ', 'TR', 'LB', 'JO'];

export interface LoadGazetteerOptions {
  /** SQLite file a `rasid gazetteer import` wrote; absent or missing → the built-in gazetteer */
  dbFile?: string;
  countries?: string[];
}

/** The built-in gazetteer merged with the GeoNames places imported into `dbFile`. */
export function loadGazetteer(opts: LoadGazetteerOptions = {}): Gazetteer {
  if (!opts.dbFile || !existsSync(opts.dbFile)) return builtinGazetteer();
  const db = new Database(opts.dbFile, { readonly: true, fileMustExist: true });
  try {
    const extra = importedEntries(db, opts.countries ?? DEFAULT_GAZETTEER_COUNTRIES);
    return extra.length ? mergeGazetteer(extra) : builtinGazetteer();
  } finally {
    db.close();
  }
}
