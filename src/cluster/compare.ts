// Do two incidents tell the same event? Pure rules over the contract's fields. Each rule has an id;
// the ids that held are the explanation a reviewer sees ("joined by type.same-acled,
// place.within-25km, time.overlap, counts.compatible"), and the first that failed says why not.
import { ACLED_EVENT, COUNT_KEYS, type Incident, type Location } from '../schema.ts';
import { placeKey as rawPlaceKey } from '../store/search-text.ts';

// place names repeat across thousands of pairs; normalising each once keeps a large run linear-ish
const keyCache = new Map<string, string>();
function placeKey(name: string): string {
  let k = keyCache.get(name);
  if (k === undefined) {
    if (keyCache.size > 50_000) keyCache.clear();
    k = rawPlaceKey(name);
    keyCache.set(name, k);
  }
  return k;
}

export interface ClusterCandidate {
  id: string;
  documentId: string;
  /** documents that are copies of one text count as one source */
  sourceGroup: string;
  lang: string;
  incident: Incident;
}

export interface Comparison {
  /** every required rule held */
  join: boolean;
  /** a contradiction: the two cannot be one event, whatever joins them through others */
  blocked: boolean;
  rules: string[];
  /** the rule that failed first, when they do not join */
  reason: string | null;
  score: number;
}

export const MAX_KM = 25;
/** a reported period longer than this says too little about when to pair it with another report */
export const MAX_RANGE_DAYS = 31;
const DAY = 86_400_000;

export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = (d: number) => (d * Math.PI) / 180;
  const a =
    Math.sin(r(lat2 - lat1) / 2) ** 2 + Math.cos(r(lat1)) * Math.cos(r(lat2)) * Math.sin(r(lon2 - lon1) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(a)));
}

function eventPlaces(inc: Incident): Location[] {
  return inc.locations.filter((l) => l.role === undefined || l.role === 'location');
}

const ranges = new WeakMap<Incident, [number, number] | null>();

/** [first, last] day of an incident in epoch ms; cached, since a run asks for each many times */
export function dayRange(inc: Incident): [number, number] | null {
  let r = ranges.get(inc);
  if (r === undefined) {
    r = parseRange(inc);
    ranges.set(inc, r);
  }
  return r;
}

function parseRange(inc: Incident): [number, number] | null {
  const s = inc.time?.start ?? inc.time?.end;
  const e = inc.time?.end ?? inc.time?.start;
  if (!s || !e) return null;
  const a = Date.parse(`${s.slice(0, 10)}T00:00:00Z`);
  const b = Date.parse(`${e.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(a) || Number.isNaN(b)) return null;
  return a <= b ? [a, b] : [b, a];
}

function typeRule(a: Incident, b: Incident): string | null {
  if (a.type === b.type) return 'type.same';
  const ea = ACLED_EVENT[a.type]?.event_type;
  const eb = ACLED_EVENT[b.type]?.event_type;
  return ea && ea === eb ? 'type.same-acled' : null;
}

// 'join' names the rule that places them together; 'block' that they are apart; null: cannot tell
function placeRule(a: Incident, b: Incident): { join: string | null; block: string | null } {
  const pa = eventPlaces(a);
  const pb = eventPlaces(b);
  if (!pa.length || !pb.length) return { join: null, block: null };
  let measured = false;
  for (const x of pa)
    for (const y of pb) {
      // two governorate-level places (precision 3) are not close enough to say one event
      if (x.lat === null || x.lon === null || y.lat === null || y.lon === null) continue;
      if ((x.precision ?? 3) === 3 && (y.precision ?? 3) === 3) continue;
      measured = true;
      if (haversineKm(x.lat, x.lon, y.lat, y.lon) <= MAX_KM) return { join: 'place.within-25km', block: null };
    }
  const district = (l: Location) => (l.admin2 ? `${placeKey(l.admin1 ?? '')}|${placeKey(l.admin2)}` : null);
  for (const x of pa)
    for (const y of pb) {
      const dx = district(x);
      if (dx && dx === district(y)) return { join: 'place.same-district', block: null };
    }
  for (const x of pa)
    for (const y of pb) {
      const nx = placeKey(x.name_ar || x.name);
      if (nx && (nx === placeKey(y.name_ar || y.name) || placeKey(x.name) === placeKey(y.name)))
        return { join: 'place.same-name', block: null };
    }
  return { join: null, block: measured ? 'place.farther-than-25km' : null };
}

function timeRule(a: Incident, b: Incident): { join: string | null; block: string | null } {
  const ra = dayRange(a);
  const rb = dayRange(b);
  if (!ra || !rb) return { join: null, block: null };
  if (ra[1] - ra[0] > MAX_RANGE_DAYS * DAY || rb[1] - rb[0] > MAX_RANGE_DAYS * DAY) return { join: null, block: null };
  if (ra[0] <= rb[1] && rb[0] <= ra[1]) return { join: 'time.overlap', block: null };
  // «أمس» resolved against two publication dates lands a day apart
  if (ra[0] - rb[1] <= DAY && rb[0] - ra[1] <= DAY) return { join: 'time.next-day', block: null };
  return { join: null, block: 'time.apart' };
}

/** Two counts of one event can differ (15 and 19 killed); 3 and 40 cannot. */
export function countsAgree(
  x: { value: number; min: number; max: number },
  y: { value: number; min: number; max: number },
): boolean {
  if (x.min <= y.max && y.min <= x.max) return true;
  const lo = Math.min(x.value, y.value);
  const hi = Math.max(x.value, y.value);
  return hi - lo <= 3 || hi <= lo * 1.5;
}

function countRule(a: Incident, b: Incident): { join: string | null; block: string | null } {
  let shared = 0;
  for (const k of COUNT_KEYS) {
    const x = a.counts[k];
    const y = b.counts[k];
    if (!x || !y) continue;
    shared++;
    if (!countsAgree(x, y)) return { join: null, block: `counts.${k}-disagree` };
  }
  return { join: shared ? 'counts.compatible' : null, block: null };
}

// Unknown or unidentified perpetrators fit anyone; two named, disjoint sets of perpetrators do not.
const VAGUE_ACTORS = new Set(['unidentified_armed_group']);
function actorRule(a: Incident, b: Incident): { join: string | null; block: string | null } {
  const perps = (i: Incident) =>
    new Set(i.actors.filter((x) => x.role === 'perpetrator' && !VAGUE_ACTORS.has(x.id)).map((x) => x.id));
  const pa = perps(a);
  const pb = perps(b);
  if (!pa.size || !pb.size) return { join: null, block: null };
  for (const x of pa) if (pb.has(x)) return { join: 'actors.same-perpetrator', block: null };
  return { join: null, block: 'actors.different-perpetrators' };
}

const WEIGHT: Record<string, number> = {
  'type.same': 0.25,
  'type.same-acled': 0.15,
  'place.within-25km': 0.25,
  'place.same-district': 0.2,
  'place.same-name': 0.2,
  'time.overlap': 0.25,
  'time.next-day': 0.15,
  'counts.compatible': 0.15,
  'actors.same-perpetrator': 0.1,
};

export function compareIncidents(a: ClusterCandidate, b: ClusterCandidate): Comparison {
  const no = (reason: string, blocked: boolean): Comparison => ({ join: false, blocked, rules: [], reason, score: 0 });
  if (a.documentId === b.documentId || a.sourceGroup === b.sourceGroup) return no('source.same-document', true);
  const type = typeRule(a.incident, b.incident);
  if (!type) return no('type.incompatible', true);
  const rules = [type];
  const checks = [
    placeRule(a.incident, b.incident),
    timeRule(a.incident, b.incident),
    countRule(a.incident, b.incident),
    actorRule(a.incident, b.incident),
  ] as const;
  const block = checks.find((c) => c.block)?.block;
  if (block) return no(block, true);
  const [place, time, counts, actors] = checks;
  if (!place.join) return no('place.unknown', false);
  if (!time.join) return no('time.unknown', false);
  rules.push(place.join, time.join);
  if (counts.join) rules.push(counts.join);
  if (actors.join) rules.push(actors.join);
  if (a.lang !== b.lang) rules.push('source.other-language');
  const score = Math.min(
    1,
    rules.reduce((s, r) => s + (WEIGHT[r] ?? 0), 0),
  );
  return { join: true, blocked: false, rules, reason: null, score: Math.round(score * 100) / 100 };
}
