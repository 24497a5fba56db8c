// The gazetteer aggregate of the store: GeoNames places and alternate names that `rasid gazetteer
// import` loads, and how far each dump file's import got. Written once over Kysely for both backends.
import type { Kysely } from 'kysely';
import type { AlternateNameRow, GeonameRow } from '../geo/geonames-dump.ts';
import type { Database, GazetteerEntriesTable, GazetteerNamesTable } from './db-types.ts';
import type { GazetteerBatchCounts, GazetteerImportState } from './types.ts';

type Db = Kysely<Database>;

// 14 columns a row: 500 rows stay far below PostgreSQL's 65,535 parameters and SQLite's 32,766
const CHUNK = 500;

function placeRecord(r: GeonameRow): GazetteerEntriesTable {
  return {
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
  };
}

function nameRecord(r: AlternateNameRow): GazetteerNamesTable {
  return {
    alternate_name_id: r.alternateNameId,
    geonames_id: r.geonameId,
    lang: r.lang,
    name: r.name,
    preferred: r.preferred ? 1 : 0,
    short: r.short ? 1 : 0,
    colloquial: r.colloquial ? 1 : 0,
    historic: r.historic ? 1 : 0,
  };
}

// PostgreSQL returns BIGINT as a string and SQLite as a number: compare as text
function sameRecord(a: object, b: object): boolean {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  return Object.keys(y).every((k) => String(x[k]) === String(y[k]));
}

/** The rows that are new or differ from the stored ones with the same key, tallied into `counts`. */
function changedRows<R extends object>(
  rows: R[],
  stored: object[],
  key: keyof R & string,
  counts: GazetteerBatchCounts,
): R[] {
  const byId = new Map(stored.map((o) => [String((o as Record<string, unknown>)[key]), o]));
  return rows.filter((r) => {
    const o = byId.get(String(r[key]));
    if (!o) counts.inserted++;
    else if (!sameRecord(o, r)) counts.updated++;
    else {
      counts.unchanged++;
      return false;
    }
    return true;
  });
}

function chunks<T>(list: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK));
  return out;
}

/** The last row of each id wins, as it would have row by row. */
function lastById<T>(list: T[], id: (r: T) => number): T[] {
  const m = new Map<number, T>();
  for (const r of list) m.set(id(r), r);
  return [...m.values()];
}

export async function gazetteerImportState(db: Db, path: string): Promise<GazetteerImportState | null> {
  const r = await db.selectFrom('gazetteer_imports').selectAll().where('path', '=', path).executeTakeFirst();
  if (!r) return null;
  return {
    path: r.path,
    size: Number(r.size),
    mtimeMs: Number(r.mtime_ms),
    kind: r.kind === 'alternate' ? 'alternate' : 'geoname',
    bytesDone: Number(r.bytes_done),
    finished: Number(r.finished) === 1,
  };
}

async function saveState(c: Db, s: GazetteerImportState): Promise<void> {
  const row = {
    path: s.path,
    size: s.size,
    mtime_ms: s.mtimeMs,
    kind: s.kind,
    bytes_done: s.bytesDone,
    finished: s.finished ? 1 : 0,
  };
  await c
    .insertInto('gazetteer_imports')
    .values(row)
    .onConflict((oc) =>
      oc.column('path').doUpdateSet({
        size: row.size,
        mtime_ms: row.mtime_ms,
        kind: row.kind,
        bytes_done: row.bytes_done,
        finished: row.finished,
      }),
    )
    .execute();
}

/** Runs inside the caller's transaction. */
export async function putGazetteerRows(
  c: Db,
  rows: { places?: GeonameRow[]; names?: AlternateNameRow[] },
  state: GazetteerImportState,
): Promise<GazetteerBatchCounts> {
  const counts: GazetteerBatchCounts = { inserted: 0, updated: 0, unchanged: 0, skipped: 0 };
  for (const part of chunks(lastById(rows.places ?? [], (r) => r.geonameId).map(placeRecord))) {
    const old = await c
      .selectFrom('gazetteer_entries')
      .selectAll()
      .where(
        'geonames_id',
        'in',
        part.map((r) => r.geonames_id),
      )
      .execute();
    const write = changedRows(part, old, 'geonames_id', counts);
    if (write.length)
      await c
        .insertInto('gazetteer_entries')
        .values(write)
        .onConflict((oc) =>
          oc.column('geonames_id').doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            ascii_name: eb.ref('excluded.ascii_name'),
            alternate_names: eb.ref('excluded.alternate_names'),
            lat: eb.ref('excluded.lat'),
            lon: eb.ref('excluded.lon'),
            feature_class: eb.ref('excluded.feature_class'),
            feature_code: eb.ref('excluded.feature_code'),
            country: eb.ref('excluded.country'),
            admin1: eb.ref('excluded.admin1'),
            admin2: eb.ref('excluded.admin2'),
            admin3: eb.ref('excluded.admin3'),
            population: eb.ref('excluded.population'),
            modified: eb.ref('excluded.modified'),
          })),
        )
        .execute();
  }
  for (const part of chunks(lastById(rows.names ?? [], (r) => r.alternateNameId).map(nameRecord))) {
    const places = new Set(
      (
        await c
          .selectFrom('gazetteer_entries')
          .select('geonames_id')
          .where('geonames_id', 'in', [...new Set(part.map((r) => r.geonames_id))])
          .execute()
      ).map((r) => String(r.geonames_id)),
    );
    const known = part.filter((r) => places.has(String(r.geonames_id)));
    counts.skipped += part.length - known.length;
    if (!known.length) continue;
    const old = await c
      .selectFrom('gazetteer_names')
      .selectAll()
      .where(
        'alternate_name_id',
        'in',
        known.map((r) => r.alternate_name_id),
      )
      .execute();
    const write = changedRows(known, old, 'alternate_name_id', counts);
    if (write.length)
      await c
        .insertInto('gazetteer_names')
        .values(write)
        .onConflict((oc) =>
          oc.column('alternate_name_id').doUpdateSet((eb) => ({
            geonames_id: eb.ref('excluded.geonames_id'),
            lang: eb.ref('excluded.lang'),
            name: eb.ref('excluded.name'),
            preferred: eb.ref('excluded.preferred'),
            short: eb.ref('excluded.short'),
            colloquial: eb.ref('excluded.colloquial'),
            historic: eb.ref('excluded.historic'),
          })),
        )
        .execute();
  }
  await saveState(c, state);
  return counts;
}

export async function gazetteerPlaces(db: Db, countries: string[]): Promise<GeonameRow[]> {
  if (!countries.length) return [];
  const rows = await db
    .selectFrom('gazetteer_entries')
    .selectAll()
    .where('country', 'in', countries)
    .orderBy('geonames_id')
    .execute();
  const names = new Map<string, string[]>();
  const nameRows = await db
    .selectFrom('gazetteer_names as n')
    .innerJoin('gazetteer_entries as e', 'e.geonames_id', 'n.geonames_id')
    .select(['n.geonames_id as id', 'n.name as name'])
    .where('e.country', 'in', countries)
    .where('n.historic', '=', 0)
    .orderBy('n.alternate_name_id')
    .execute();
  for (const r of nameRows) {
    const list = names.get(String(r.id)) ?? [];
    list.push(r.name);
    names.set(String(r.id), list);
  }
  return rows.map((r) => ({
    geonameId: Number(r.geonames_id),
    name: r.name,
    asciiName: r.ascii_name,
    alternateNames: [
      ...new Set([...r.alternate_names.split(',').filter(Boolean), ...(names.get(String(r.geonames_id)) ?? [])]),
    ],
    lat: Number(r.lat),
    lon: Number(r.lon),
    featureClass: r.feature_class,
    featureCode: r.feature_code,
    country: r.country,
    admin1: r.admin1,
    admin2: r.admin2,
    admin3: r.admin3,
    population: Number(r.population),
    modified: r.modified,
  }));
}
