// The cue words of lexicons/<lang>/place-cues.txt compiled into matchers, once per language.
import { loadLexicon, type LexiconEntry } from '../lexicon/load.ts';
import { Lexicon } from '../lexicon/matcher.ts';
import { normalizeString } from '../text/normalize.ts';
import type { PlaceKind } from './types.ts';

export type CueType =
  'kind' | 'near' | 'direction' | 'countryside' | 'governorate' | 'district' | 'subdistrict' | 'quarter';

export interface PlaceCue {
  id: string;
  cue: CueType;
  kinds: PlaceKind[];
  precision: 1 | 2 | 3;
}

export interface PlaceCues {
  /** words before a name that say what it is or how near */
  cues: Lexicon<PlaceCue>;
  destination: Lexicon<string>;
  origin: Lexicon<string>;
  motion: Lexicon<string>;
  /** words after a name that lead on to its parent */
  link: Lexicon<string>;
  /** a distance before a direction and a name («124 كلم غرب الموصل»): the name is a landmark */
  distance: Lexicon<string>;
  /** phrases in which a place-like word is not a place */
  negative: Lexicon<string>;
  /** every word of every negative phrase (with and without «ال»): a name whose token has none cannot be negated */
  negativeWords: Set<string>;
  /** words that begin longer names («Tal», «Kafr», «Ain»): alone before another capitalised word they are
   * part of a name the gazetteer does not hold, not the place spelled like them */
  elements: Set<string>;
  /** head words of group names («Corps», «Division»): a name capitalised before one names the group */
  organisations: Set<string>;
  entries: LexiconEntry[];
}

const cache = new Map<string, PlaceCues>();

function lex(entries: LexiconEntry[], pick: (e: LexiconEntry) => boolean): Lexicon<string> {
  return new Lexicon(entries.filter(pick).flatMap((e) => e.match.map((pattern) => ({ pattern, value: e.id }))));
}

export function placeCues(lang: 'ar' | 'en'): PlaceCues {
  const hit = cache.get(lang);
  if (hit) return hit;
  const entries = loadLexicon(lang, 'place-cues');
  const cueList: Array<{ pattern: string; value: PlaceCue }> = [];
  for (const e of entries) {
    if (!e.attrs.cue) continue;
    const p = Number(e.attrs.precision ?? 2);
    const value: PlaceCue = {
      id: e.id,
      cue: e.attrs.cue as CueType,
      kinds: (e.attrs.kinds ?? '').split(/\s+/).filter(Boolean) as PlaceKind[],
      precision: p === 1 || p === 3 ? p : 2,
    };
    for (const pattern of e.match) cueList.push({ pattern, value });
  }
  const out: PlaceCues = {
    cues: new Lexicon(cueList),
    destination: lex(entries, (e) => e.attrs.role === 'destination'),
    origin: lex(entries, (e) => e.attrs.role === 'origin'),
    motion: lex(entries, (e) => e.attrs.motion === 'yes'),
    link: lex(entries, (e) => e.attrs.link === 'parent'),
    distance: lex(entries, (e) => e.attrs.reference === 'distance'),
    negative: lex(entries, (e) => e.attrs.negative === 'yes'),
    negativeWords: new Set(
      entries
        .filter((e) => e.attrs.negative === 'yes')
        .flatMap((e) => e.match.flatMap((p) => normalizeString(p).split(/\s+/)))
        .flatMap((w) => [w, w.replace(/^ال/, '')]),
    ),
    elements: new Set(
      entries.filter((e) => e.attrs.element === 'yes').flatMap((e) => e.match.map((p) => normalizeString(p))),
    ),
    organisations: new Set(
      entries.filter((e) => e.attrs.organisation === 'yes').flatMap((e) => e.match.map((p) => normalizeString(p))),
    ),
    entries,
  };
  cache.set(lang, out);
  return out;
}
