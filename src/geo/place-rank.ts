// Ranking a mention's candidate entries: the kind cue, the parent named after it, the document's
// dominant governorate, the kind of place and its population; two close scores far apart are ambiguous.
import type { PlaceCue } from './place-cues.ts';
import type { PlaceName } from './gazetteer.ts';
import type { GazetteerEntry, PlaceKind } from './types.ts';

/** A mention as found, before resolution. */
export interface Found {
  tokenStart: number;
  tokenEnd: number;
  names: PlaceName[];
  candidates: GazetteerEntry[];
  cues: PlaceCue[];
  /** first token of the cue chain (or the name) */
  chainStart: number;
  role: 'location' | 'origin' | 'destination';
  roleRule: string | null;
  /** named only as a landmark another place is measured from («124 كلم غرب الموصل») */
  landmark: boolean;
  parent: number | null;
  parentOf: number | null;
  common: boolean;
  /** the parent follows a direction, «ريف», «محافظة» or a comma, not a bare «في» */
  strongParent: boolean;
  /** entries whose spelling is the token as written, without clitics stripped */
  exact: Set<GazetteerEntry>;
}

const KIND_PRIOR: Record<PlaceKind, number> = {
  city: 3,
  town: 2.6,
  country: 2.5,
  site: 2.3,
  village: 2.2,
  subdistrict: 2,
  district: 1.8,
  governorate: 1.6,
  quarter: 1,
};

const BASE_PRECISION: Record<PlaceKind, 1 | 2 | 3> = {
  city: 1,
  town: 1,
  village: 1,
  site: 1,
  subdistrict: 1,
  quarter: 2,
  district: 2,
  governorate: 3,
  country: 3,
};

/** Two entries farther apart than this are different places (the contract's scoring radius). */
const SAME_PLACE_KM = 25;
/** Scores closer than this cannot be told apart. */
const AMBIGUITY_MARGIN = 1.5;

export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const R = 6371;
  const dLat = ((b.lat - a.lat) * Math.PI) / 180;
  const dLon = ((b.lon - a.lon) * Math.PI) / 180;
  const la = (a.lat * Math.PI) / 180;
  const lb = (b.lat * Math.PI) / 180;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(la) * Math.cos(lb) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}

function isWithin(e: GazetteerEntry, parent: GazetteerEntry): boolean {
  if (e === parent) return false;
  if (parent.kind === 'country') return e.country === parent.country;
  if (e.country !== parent.country) return false;
  if (parent.kind === 'governorate') return e.admin1 === parent.admin1;
  if (parent.kind === 'district')
    return e.admin2 === parent.admin2 || (e.admin1 === parent.admin1 && distanceKm(e, parent) < 60);
  return distanceKm(e, parent) < 30 || (!!e.admin2 && e.admin2 === parent.admin2 && e.admin1 === parent.admin1);
}

function sameGovernorate(e: GazetteerEntry, parent: GazetteerEntry): boolean {
  return e !== parent && e.country === parent.country && !!e.admin1 && e.admin1 === parent.admin1;
}

export const SETTLEMENTS = new Set<PlaceKind>(['city', 'town', 'village', 'subdistrict']);
const kindClass = (k: PlaceKind): string => (SETTLEMENTS.has(k) ? 'settlement' : k);

/** How far from a town named as its parent a place may lie and still be «X, 20 km east of Y». */
const PARENT_TOWN_KM = 75;

/**
 * Whether an entry can lie in the parent the text names after it: in its country, its governorate,
 * or, for a town, its surroundings. A candidate outside is another place of the same name.
 */
export function fitsParent(e: GazetteerEntry, parent: GazetteerEntry, townKm = PARENT_TOWN_KM): boolean {
  if (e === parent || e.kind === 'country') return true;
  if (e.country !== parent.country) return false;
  if (parent.kind === 'country') return true;
  if (parent.kind === 'governorate' || parent.kind === 'district') return !e.admin1 || e.admin1 === parent.admin1;
  return distanceKm(e, parent) < townKm;
}

/** How far from a town named as its parent a quarter («حي X في حلب») may lie: within the town. */
export const QUARTER_TOWN_KM = SAME_PLACE_KM;

function score(e: GazetteerEntry, f: Found, parent: GazetteerEntry | null, dominant: string | null): number {
  let s = KIND_PRIOR[e.kind];
  // the kind cue nearest the name speaks for it: in «قرى ريف إدلب» «ريف» does, «قرى» does not
  const kindCue = f.cues.find((c) => c.kinds.length);
  if (kindCue) {
    // «بلدة» says "a settlement", not which of town, village or sub-district seat GeoNames calls it
    const i = kindCue.kinds.indexOf(e.kind);
    if (kindClass(e.kind) === kindClass(kindCue.kinds[0]!)) s += 10;
    else s += i < 0 ? -3 : 6 - i;
  }
  if (parent && isWithin(e, parent)) s += 8;
  // «صوران شمالي حلب»: a town named as the parent stands for its surroundings too; a place of its
  // governorate beyond the town's 30 km beats a namesake in another governorate or country
  else if (parent && SETTLEMENTS.has(parent.kind) && sameGovernorate(e, parent)) s += 5;
  if (dominant && e.admin1 === dominant) s += 3;
  if (e.country === 'SY' || e.country === 'IQ') s += 2;
  // «لبنان» is Lebanon before it is «ل» + «بنان»: a name read off the whole token beats one read after clitics
  if (f.exact.has(e)) s += 4;
  s += Math.log10((e.population ?? 0) + 1) * 0.4;
  return s;
}

export function precisionOf(e: GazetteerEntry, f: Found): 1 | 2 | 3 {
  let p: 1 | 2 | 3 = e.kind === 'site' && e.site === 'region' ? 2 : BASE_PRECISION[e.kind];
  for (const c of f.cues) {
    if (c.cue === 'near' || c.cue === 'direction') p = Math.max(p, 2) as 1 | 2 | 3;
    else if (c.cue === 'countryside') p = e.kind === 'governorate' || e.kind === 'country' ? 3 : 2;
    else if (c.cue === 'subdistrict' && e.kind !== 'governorate') p = 2;
  }
  return p;
}

/** Strong cues make a common-word name a place; «قرب» alone does not («قرب الباب» is by the door). */
export function hasStrongCue(f: Found): boolean {
  return f.cues.some((c) => c.cue !== 'near' && c.cue !== 'direction');
}

export function rank(f: Found, parent: GazetteerEntry | null, dominant: string | null) {
  // the same answer as sorting the candidates by score (stably) and reading the top, without
  // sorting: the best is the first of the highest score, and rivals, rare, are sorted on their own
  const scores = f.candidates.map((e) => score(e, f, parent, dominant));
  let top = -1;
  for (let i = 0; i < scores.length; i++) if (top < 0 || scores[i]! > scores[top]!) top = i;
  // scores run parallel to the candidates
  const best: GazetteerEntry | null = top >= 0 ? f.candidates[top]! : null;
  const rivals: Array<{ e: GazetteerEntry; s: number }> = [];
  if (best) {
    for (let i = 0; i < scores.length; i++) {
      const e = f.candidates[i]!;
      if (scores[i]! > scores[top]! - AMBIGUITY_MARGIN && distanceKm(e, best) > SAME_PLACE_KM)
        rivals.push({ e, s: scores[i]! });
    }
    rivals.sort((x, y) => y.s - x.s);
  }
  return {
    best,
    ambiguous: rivals.length > 0,
    alternatives: rivals.length ? [best!, ...rivals.map((x) => x.e)] : [],
  };
}
