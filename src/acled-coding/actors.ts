// Our actor ids ↔ ACLED actor names and inter codes. The table is data (actors.json); this module
// only looks it up. ACLED names depend on the event's country («Islamic State (Syria)» vs «(Iraq)»),
// and so do inter codes: a state's forces are 1 at home and 8 (external) abroad.
import { readFileSync } from 'node:fs';

interface ActorRow {
  id: string;
  short: string;
  names: Record<string, string>;
  inter: Record<string, number>;
  aliases?: string[];
  assoc?: string;
}

export interface CountryRow {
  iso2: string;
  iso3: string;
  numeric: number;
  name: string;
  region: string;
}

interface Table {
  actors: ActorRow[];
  countries: CountryRow[];
  byId: Map<string, ActorRow>;
  exact: Map<string, string>;
  /** [prefix, suffix, id] for aliases with a «*» */
  wild: Array<[string, string, string]>;
  countryBy: Map<string, CountryRow>;
}

let table: Table | null = null;

// Loaded on first use, not at import, so importing the exporter costs nothing. The table stays in
// src/ (the package ships it), read from there by this module in src/ and in the built dist/ alike.
const ACTORS_FILE = new URL('../../src/acled-coding/actors.json', import.meta.url);

function load(): Table {
  if (table) return table;
  const raw = JSON.parse(readFileSync(ACTORS_FILE, 'utf8')) as {
    actors: ActorRow[];
    countries: CountryRow[];
  };
  const byId = new Map<string, ActorRow>();
  const exact = new Map<string, string>();
  const wild: Array<[string, string, string]> = [];
  for (const a of raw.actors) {
    byId.set(a.id, a);
    for (const n of Object.values(a.names)) if (!exact.has(n.toLowerCase())) exact.set(n.toLowerCase(), a.id);
    for (const al of a.aliases ?? []) {
      const star = al.indexOf('*');
      if (star < 0) exact.set(al.toLowerCase(), a.id);
      else wild.push([al.slice(0, star).toLowerCase(), al.slice(star + 1).toLowerCase(), a.id]);
    }
  }
  // the most specific pattern first: «Military Forces of Iraq (2018-) *» before «Civilians (*»
  wild.sort((x, y) => y[0].length + y[1].length - (x[0].length + x[1].length));
  const countryBy = new Map<string, CountryRow>();
  for (const c of raw.countries) {
    countryBy.set(c.iso2, c);
    countryBy.set(c.iso3, c);
    countryBy.set(c.name.toLowerCase(), c);
    countryBy.set(String(c.numeric), c);
  }
  table = { actors: raw.actors, countries: raw.countries, byId, exact, wild, countryBy };
  return table;
}

export interface AcledActor {
  name: string;
  inter: number;
  /** set for groups ACLED codes as associated actors of a parent (journalists → Civilians) */
  assocOf: AcledActor | null;
  short: string;
}

function pick<T>(m: Record<string, T>, country: string | null | undefined): T | undefined {
  return (country && m[country.toUpperCase()] !== undefined ? m[country.toUpperCase()] : undefined) ?? m['*'];
}

function titleCase(id: string): string {
  return id
    .split(/[_\s]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}

/**
 * The ACLED name and inter code for one of our actors in an event in `country` (ISO alpha-2).
 * Unknown ids keep their display name with inter 0 so nothing is silently relabelled.
 */
export function acledActor(id: string, country: string | null | undefined, fallbackName?: string): AcledActor {
  const t = load();
  const row = t.byId.get(id);
  if (!row) {
    const name = fallbackName && /[A-Za-z]/.test(fallbackName) ? fallbackName : titleCase(id);
    return { name, inter: 0, assocOf: null, short: name };
  }
  const own: AcledActor = {
    name: pick(row.names, country) ?? titleCase(id),
    inter: pick(row.inter, country) ?? 0,
    assocOf: null,
    short: row.short,
  };
  if (row.assoc) return { ...acledActor(row.assoc, country), assocOf: own, short: row.short };
  return own;
}

export interface ActorMatch {
  id: string;
  /** the part of the ACLED name after a matched prefix, kept as a sub-group label */
  group?: string;
}

/** Our id for an ACLED actor name, or null when the table has no entry for it. */
export function actorIdFromAcled(name: string): ActorMatch | null {
  const t = load();
  const key = name.trim().toLowerCase();
  if (!key) return null;
  const hit = t.exact.get(key);
  if (hit) return { id: hit };
  for (const [pre, suf, id] of t.wild) {
    if (key.length >= pre.length + suf.length && key.startsWith(pre) && key.endsWith(suf)) {
      const rest = name
        .trim()
        .slice(pre.length, name.trim().length - suf.length)
        .trim();
      return rest && !suf && pre.endsWith(' ') ? { id, group: rest } : { id };
    }
  }
  return null;
}

/** The parent id for groups coded as associated actors (journalists → civilians), else null. */
export function assocParent(id: string): string | null {
  return load().byId.get(id)?.assoc ?? null;
}

export function shortName(id: string): string | null {
  return load().byId.get(id)?.short ?? null;
}

/** A country by ISO alpha-2, alpha-3, numeric code or English name. */
export function countryInfo(key: string | null | undefined): CountryRow | null {
  if (!key) return null;
  const t = load();
  return t.countryBy.get(key) ?? t.countryBy.get(key.toUpperCase()) ?? t.countryBy.get(key.toLowerCase()) ?? null;
}

export function knownActorIds(): string[] {
  return load().actors.map((a) => a.id);
}
