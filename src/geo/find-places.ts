// Place names in an analysed text, each resolved to one gazetteer entry with an ACLED precision and
// a role. Resolution weighs, in order: the cue before the name («مدينة», «حي», «ريف», «قرب»), the
// parent named after it («حارة الجميلي في الرقة»), the document's dominant governorate, the kind of
// place and its population. A name that stays ambiguous keeps no entry and carries an issue.
import type { Location } from '../schema.ts';
import type { AnalyzedText } from '../text/analyze.ts';
import type { Token } from '../text/tokens.ts';
import { procliticsBefore } from '../text/clitics.ts';
import { builtinGazetteer, englishKey, type Gazetteer, type PlaceName } from './gazetteer.ts';
import { foldLatinName } from './transliteration.ts';
import { placeCues, type PlaceCue, type PlaceCues } from './place-cues.ts';
import type { GazetteerEntry, PlaceIssue, PlaceKind, PlaceMention } from './types.ts';

export interface FindPlacesOptions {
  gazetteer?: Gazetteer;
}

/** A mention as found, before resolution. */
interface Found {
  tokenStart: number;
  tokenEnd: number;
  names: PlaceName[];
  candidates: GazetteerEntry[];
  cues: PlaceCue[];
  /** first token of the cue chain (or the name) */
  chainStart: number;
  role: 'location' | 'origin' | 'destination';
  roleRule: string | null;
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

const WEAK_LINKS = new Set(['في', 'in', 'of']);

const POST_CUES = new Set(['countryside', 'governorate', 'district', 'subdistrict', 'quarter', 'kind']);

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

// The words of a gazetteer spelling, split once per spelling: every name matched is tested by
// articleFits, isNisbaAdjective and cliticOf, and splitting each time was a visible cost. Spellings
// come from the gazetteer, so the cache is bounded by its size (and emptied past WORDS_LIMIT).
const WORDS_LIMIT = 200_000;
const wordsOfKey = new Map<string, string[]>();

function keyWords(key: string): string[] {
  let w = wordsOfKey.get(key);
  if (!w) {
    w = key.split(' ');
    if (wordsOfKey.size >= WORDS_LIMIT) wordsOfKey.clear();
    wordsOfKey.set(key, w);
  }
  return w;
}

/** An Arabic name spelled with «ال» needs the article in the text too: «الباب» is not «باب». */
function articleFits(key: string, tokens: Token[], start: number): boolean {
  const words = keyWords(key);
  for (let w = 0; w < words.length; w++) {
    const word = words[w];
    const tok = tokens[start + w];
    if (!word.startsWith('ال') || word.length <= 3) continue;
    if (tok.keys.includes(word)) continue;
    // «للرقة»: ل + ال contracts to لل
    const m = /^[وف]?لل(.+)$/.exec(tok.norm);
    if (m && m[1] === word.slice(2)) continue;
    return false;
  }
  return true;
}

/**
 * «السورية», «التركية» are adjectives (Syrian, Turkish), not «سورية» with an article, and «الأمان» is not
 * «أمان» (Amman): a name spelled without «ال», read off a token that adds it, is not that place. Names
 * written with the article are listed with it.
 */
function isNisbaAdjective(n: PlaceName, tok: Token): boolean {
  if (n.key.startsWith('ال')) return false;
  const first = keyWords(n.key)[0];
  return tok.keys.includes('ال' + first) || /^[وف]?لل/.test(tok.norm);
}

/** The proclitics on a mention's first token («لتركيا» → «ل», «وبريف» → «وب»). */
function cliticOf(tok: Token, key: string): string {
  return procliticsBefore(tok.norm, keyWords(key)[0]);
}

function cuesFor(tokens: Token[], i: number): PlaceCues {
  return placeCues(tokens[i]?.arabic ? 'ar' : 'en');
}

/** Matches of `lex` in [from, to) that end exactly at `to`. */
function endingAt<T>(
  lex: { matchAll(t: Token[], f: number, e: number): Array<{ tokenStart: number; tokenEnd: number; value: T }> },
  tokens: Token[],
  to: number,
  span = 4,
) {
  return lex.matchAll(tokens, Math.max(0, to - span), to).filter((m) => m.tokenEnd === to);
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

const SETTLEMENTS = new Set<PlaceKind>(['city', 'town', 'village', 'subdistrict']);
const kindClass = (k: PlaceKind): string => (SETTLEMENTS.has(k) ? 'settlement' : k);

function score(e: GazetteerEntry, f: Found, parent: GazetteerEntry | null, dominant: string | null): number {
  let s = KIND_PRIOR[e.kind];
  // the kind cue nearest the name speaks for it: in «قرى ريف إدلب» «ريف» does, «قرى» does not
  const kindCue = f.cues.find((c) => c.kinds.length);
  if (kindCue) {
    // «بلدة» says "a settlement", not which of town, village or sub-district seat GeoNames calls it
    const i = kindCue.kinds.indexOf(e.kind);
    if (kindClass(e.kind) === kindClass(kindCue.kinds[0])) s += 10;
    else s += i < 0 ? -3 : 6 - i;
  }
  if (parent && isWithin(e, parent)) s += 8;
  if (dominant && e.admin1 === dominant) s += 3;
  if (e.country === 'SY' || e.country === 'IQ') s += 2;
  // «لبنان» is Lebanon before it is «ل» + «بنان»: a name read off the whole token beats one read after clitics
  if (f.exact.has(e)) s += 4;
  s += Math.log10((e.population ?? 0) + 1) * 0.4;
  return s;
}

function precisionOf(e: GazetteerEntry, f: Found): 1 | 2 | 3 {
  let p: 1 | 2 | 3 = e.kind === 'site' && e.site === 'region' ? 2 : BASE_PRECISION[e.kind];
  for (const c of f.cues) {
    if (c.cue === 'near' || c.cue === 'direction') p = Math.max(p, 2) as 1 | 2 | 3;
    else if (c.cue === 'countryside') p = e.kind === 'governorate' || e.kind === 'country' ? 3 : 2;
    else if (c.cue === 'subdistrict' && e.kind !== 'governorate') p = 2;
  }
  return p;
}

/** Strong cues make a common-word name a place; «قرب» alone does not («قرب الباب» is by the door). */
function hasStrongCue(f: Found): boolean {
  return f.cues.some((c) => c.cue !== 'near' && c.cue !== 'direction');
}

/** The most tokens a folded name spans: «Ma'arrat an-Nu'man» is five (ma, arrat, an, nu, man). */
const FOLD_SPAN = 6;
/** What may stand between the tokens of one name: spaces, hyphens, apostrophes and ayn marks. */
const NAME_GAP = /^[\s\-‐‑–'’‘`ʿʾʼ]*$/;
const EN_ARTICLE_TOKEN = /^(al|el|ar|as|ad|an|at|az|ash|ath|ed|es|er|ez)$/;

/**
 * English spellings the index does not hold as written, by their transliteration-folding key:
 * «Dair al-Zour», «Deir Ezzor» reach Deir ez-Zor. Only windows that start with a capital (or a lower
 * case article before one: «al-Bukamal») and that no spelling matched as written are tried; a folded
 * name is then a mention like any other (cues, parent, role and context resolve it).
 */
function addFolded(
  a: AnalyzedText,
  g: Gazetteer,
  bySpan: Map<string, { tokenStart: number; tokenEnd: number; names: PlaceName[] }>,
): void {
  const { tokens, raw } = a;
  const index = g.foldIndex();
  if (index.size === 0) return;
  const covered = new Uint8Array(tokens.length);
  for (const s of bySpan.values()) for (let i = s.tokenStart; i < s.tokenEnd; i++) covered[i] = 1;
  const names = new Map<string, PlaceName>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.arabic || t.numeric || covered[i]) continue;
    const first = raw.charCodeAt(t.rawStart);
    const capital = first >= 65 && first <= 90;
    if (!capital) {
      const next = tokens[i + 1];
      if (!next || !EN_ARTICLE_TOKEN.test(t.norm) || !NAME_GAP.test(raw.slice(t.rawEnd, next.rawStart))) continue;
      const c = raw.charCodeAt(next.rawStart);
      if (c < 65 || c > 90) continue;
    }
    for (let j = i + 1; j <= Math.min(tokens.length, i + FOLD_SPAN); j++) {
      const last = tokens[j - 1];
      if (last.arabic || covered[j - 1]) break;
      if (j - 1 > i && !NAME_GAP.test(raw.slice(tokens[j - 2].rawEnd, last.rawStart))) break;
      const text = raw.slice(t.rawStart, last.rawEnd);
      const entries = index.get(foldLatinName(text));
      if (!entries) continue;
      const key = englishKey(text);
      // «Iraqi» folds like «`Ariqah»: words listed as common never reach a place by folding
      if (g.isCommonWord(key)) continue;
      let n = names.get(key);
      if (!n) {
        // one word read by folding alone («Rasin» ≈ «Ra's al-`Ayn» without its article) needs a cue, as a common word does
        n = { key, lang: 'en', entries, article: false, common: j - i === 1 };
        names.set(key, n);
      }
      bySpan.set(`${i}:${j}`, { tokenStart: i, tokenEnd: j, names: [n] });
    }
  }
}

export function findPlaces(a: AnalyzedText, opts: FindPlacesOptions = {}): PlaceMention[] {
  const tokens = a.tokens;
  if (tokens.length === 0) return [];
  const g = opts.gazetteer ?? builtinGazetteer();

  // 1. every spelling that fits its tokens, grouped by span; then the longest spans win
  const bySpan = new Map<string, { tokenStart: number; tokenEnd: number; names: PlaceName[] }>();
  for (const m of g.matcher().matchAll(tokens)) {
    const n = m.value;
    const arabicSpan = tokens[m.tokenStart].arabic;
    if ((n.lang === 'ar') !== arabicSpan) continue;
    if (n.lang === 'ar' && !articleFits(n.key, tokens, m.tokenStart)) continue;
    if (n.lang === 'ar' && isNisbaAdjective(n, tokens[m.tokenStart])) continue;
    // «فاطمة» is not «ف» + «اطمة»: places do not take the conjunction «ف» in reports
    if (n.lang === 'ar' && cliticOf(tokens[m.tokenStart], n.key).includes('ف')) continue;
    const k = `${m.tokenStart}:${m.tokenEnd}`;
    const cur = bySpan.get(k);
    if (cur) {
      if (!cur.names.includes(n)) cur.names.push(n);
    } else bySpan.set(k, { tokenStart: m.tokenStart, tokenEnd: m.tokenEnd, names: [n] });
  }
  if (a.lang === 'en' || tokens.some((t) => !t.arabic)) addFolded(a, g, bySpan);
  const spans = [...bySpan.values()].sort(
    (x, y) => y.tokenEnd - y.tokenStart - (x.tokenEnd - x.tokenStart) || x.tokenStart - y.tokenStart,
  );
  const taken: typeof spans = [];
  const used = new Uint8Array(tokens.length);
  for (const s of spans) {
    let free = true;
    for (let i = s.tokenStart; i < s.tokenEnd; i++) if (used[i]) free = false;
    if (!free) continue;
    for (let i = s.tokenStart; i < s.tokenEnd; i++) used[i] = 1;
    taken.push(s);
  }
  taken.sort((x, y) => x.tokenStart - y.tokenStart);

  // 2. phrases where the word is not a place («حماة الديار», «فتح الباب»)
  // looked for only around mentions: a negative phrase starts at most 3 tokens before the name
  const negated = (start: number): boolean =>
    tokens[start].keys.some((k) => cuesFor(tokens, start).negativeWords.has(k)) &&
    cuesFor(tokens, start)
      .negative.matchAll(tokens, Math.max(0, start - 3), Math.min(tokens.length, start + 4))
      .some((m) => m.tokenStart <= start && m.tokenEnd > start);

  const sentenceStart = new Int32Array(tokens.length);
  for (const s of a.sentences)
    for (let i = s.tokenStart; i < s.tokenEnd && i < tokens.length; i++) sentenceStart[i] = s.tokenStart;

  // 3. context of each mention: cue chain before, role, parent after
  const found: Found[] = [];
  for (const s of taken) {
    if (negated(s.tokenStart)) continue;
    const cues: PlaceCue[] = [];
    let chainStart = s.tokenStart;
    const cl = cuesFor(tokens, s.tokenStart);
    for (let hop = 0; hop < 3 && chainStart > 0; hop++) {
      const ms = endingAt(cl.cues, tokens, chainStart).sort((x, y) => x.tokenStart - y.tokenStart);
      if (!ms.length) break;
      cues.push(ms[0].value);
      chainStart = ms[0].tokenStart;
    }
    // English also puts the cue after the name: «the Idlib countryside», «Deir ez-Zor governorate»
    if (!tokens[s.tokenStart].arabic && s.tokenEnd < tokens.length) {
      const after = cl.cues.matchAll(tokens, s.tokenEnd, Math.min(tokens.length, s.tokenEnd + 1));
      const post = after.find((m) => m.tokenStart === s.tokenEnd && POST_CUES.has(m.value.cue));
      if (post) cues.unshift(post.value);
    }
    // one spelling (the usual case) already lists each entry once; rank() only reads the list
    const candidates = s.names.length === 1 ? s.names[0].entries : [...new Set(s.names.flatMap((n) => n.entries))];
    const common = s.names.every((n) => n.common || g.isCommonWord(n.key));
    const exact = new Set<GazetteerEntry>();
    for (const n of s.names) if (cliticOf(tokens[s.tokenStart], n.key) === '') for (const e of n.entries) exact.add(e);
    found.push({
      tokenStart: s.tokenStart,
      tokenEnd: s.tokenEnd,
      names: s.names,
      candidates,
      cues,
      chainStart,
      role: 'location',
      roleRule: null,
      parent: null,
      parentOf: null,
      common,
      exact,
      strongParent: false,
    });
  }

  // parent after a name: link words then the next mention, or the next mention right after a comma
  for (let k = 0; k + 1 < found.length; k++) {
    const f = found[k];
    const next = found[k + 1];
    const cl = cuesFor(tokens, f.tokenStart);
    let j = f.tokenEnd;
    for (let hop = 0; hop < 3 && j < next.tokenStart; hop++) {
      const ms = cl.link.matchAll(tokens, j, Math.min(tokens.length, j + 3)).filter((m) => m.tokenStart === j);
      if (!ms.length) break;
      j = Math.max(...ms.map((m) => m.tokenEnd));
    }
    if (j === next.tokenStart) {
      const between = a.raw.slice(tokens[f.tokenEnd - 1].rawEnd, tokens[next.tokenStart].rawStart);
      const linked =
        j > f.tokenEnd || /[,،(-]/.test(between) || cliticOf(tokens[next.tokenStart], next.names[0].key) !== '';
      if (linked && !/[.!?؟\n]/.test(between)) {
        // «الصينية في بكين» is an adjective before a place: a plain «في»/«ب» does not make a common word a place
        const linkWords = tokens.slice(f.tokenEnd, j).map((t) => t.norm);
        f.strongParent = linkWords.some((w) => !WEAK_LINKS.has(w)) || /[,،(-]/.test(between);
        f.parent = k + 1;
        next.parentOf = k;
      }
    }
  }

  // roles: a role preposition before the chain and a movement word earlier in the sentence (the
  // preposition is looked for first: it is one or two tokens, the movement word up to ten)
  for (const f of found) {
    const cl = cuesFor(tokens, f.tokenStart);
    const first = tokens[f.chainStart];
    const clitic =
      f.chainStart === f.tokenStart
        ? cliticOf(first, f.names[0].key)
        : cliticOf(first, first.keys[first.keys.length - 1]);
    const role =
      endingAt(cl.destination, tokens, f.chainStart, 2).length || /ل$/.test(clitic)
        ? 'destination'
        : endingAt(cl.origin, tokens, f.chainStart, 2).length
          ? 'origin'
          : null;
    if (!role) continue;
    const s0 = sentenceStart[f.tokenStart];
    if (cl.motion.matchAll(tokens, Math.max(s0, f.chainStart - 10), f.chainStart).length === 0) continue;
    f.role = role;
    f.roleRule = `place.role.${role}`;
  }

  // 4. a common word counts only with a strong cue, a parent after it, or as a parent itself
  const kept = found.filter((f) => !f.common || hasStrongCue(f) || (f.parent !== null && f.strongParent));
  // re-index parent links after filtering
  const index = new Map(found.map((f, i) => [i, f]));
  const pos = new Map(kept.map((f, i) => [f, i]));
  for (const f of kept) {
    f.parent = f.parent !== null && pos.has(index.get(f.parent)!) ? pos.get(index.get(f.parent)!)! : null;
    f.parentOf = f.parentOf !== null && pos.has(index.get(f.parentOf)!) ? pos.get(index.get(f.parentOf)!)! : null;
  }

  // 5. first pass without parents, to find the dominant governorate
  const first = kept.map((f) => rank(f, null, null));
  const counts = new Map<string, number>();
  for (const r of first) {
    const e = r.best;
    if (!e || r.ambiguous || !e.admin1 || (e.country !== 'SY' && e.country !== 'IQ')) continue;
    counts.set(e.admin1, (counts.get(e.admin1) ?? 0) + 1);
  }
  let dominant: string | null = null;
  let top = 1;
  for (const [k, v] of counts) {
    if (v > top) {
      dominant = k;
      top = v;
    }
  }

  // 6. final pass: parents first (they are resolved on their own), then everything with context
  const resolved: Array<ReturnType<typeof rank> | undefined> = new Array(kept.length);
  const order = [...kept.keys()].sort(
    (x, y) => (kept[x].parentOf !== null ? 0 : 1) - (kept[y].parentOf !== null ? 0 : 1) || y - x,
  );
  for (const i of order) {
    const f = kept[i];
    const parentEntry = f.parent !== null ? (resolved[f.parent]?.best ?? first[f.parent].best) : null;
    resolved[i] = rank(f, parentEntry, dominant);
  }
  // «Hole camp in al-Hasakeh», «قرية الشحيل في دير الزور»: a city that shares its name with its
  // governorate, named after a place of that governorate lying outside the city, is the governorate
  for (let i = 0; i < kept.length; i++) {
    const f = kept[i];
    const child = f.parentOf !== null ? resolved[f.parentOf]?.best : null;
    const r = resolved[i]!;
    if (!child || !r.best || r.ambiguous || !SETTLEMENTS.has(r.best.kind) || f.cues.some((c) => c.kinds.length))
      continue;
    const gov = f.candidates.find(
      (e) => e.kind === 'governorate' && e.admin1 === r.best!.admin1 && e.country === r.best!.country,
    );
    if (gov && child.admin1 === gov.admin1 && child !== r.best && distanceKm(child, r.best) > 10)
      resolved[i] = { ...r, best: gov };
  }

  const out: PlaceMention[] = [];
  kept.forEach((f, i) => {
    const r = resolved[i]!;
    const a0 = tokens[f.tokenStart];
    const a1 = tokens[f.tokenEnd - 1];
    const text = a.raw.slice(a0.rawStart, a1.rawEnd);
    const rules = ['place.name'];
    for (const c of f.cues) rules.push(c.id);
    if (f.parent !== null) rules.push('place.parent');
    if (f.parentOf !== null) rules.push('place.is_parent');
    if (f.roleRule) rules.push(f.roleRule);
    const issues: PlaceIssue[] = [];
    let entry: GazetteerEntry | null = r.best;
    if (r.ambiguous) {
      issues.push({
        code: 'place.ambiguous',
        stage: 'geo',
        message: `«${text}» may be ${r.alternatives.map((e) => `${e.name} (${e.admin1 ?? e.country})`).join(' or ')}`,
        span: [a0.rawStart, a1.rawEnd],
      });
      entry = null;
    }
    const m: PlaceMention = {
      tokenStart: f.tokenStart,
      tokenEnd: f.tokenEnd,
      rawStart: a0.rawStart,
      rawEnd: a1.rawEnd,
      text,
      entry,
      precision: entry ? precisionOf(entry, f) : 3,
      role: f.role,
      rule: rules.join('+'),
    };
    if (issues.length) m.issues = issues;
    out.push(m);
  });
  return out;
}

function rank(f: Found, parent: GazetteerEntry | null, dominant: string | null) {
  // the same answer as sorting the candidates by score (stably) and reading the top, without
  // sorting: the best is the first of the highest score, and rivals, rare, are sorted on their own
  const scores = f.candidates.map((e) => score(e, f, parent, dominant));
  let top = -1;
  for (let i = 0; i < scores.length; i++) if (top < 0 || scores[i] > scores[top]) top = i;
  const best: GazetteerEntry | null = top >= 0 ? f.candidates[top] : null;
  const rivals: Array<{ e: GazetteerEntry; s: number }> = [];
  if (best) {
    for (let i = 0; i < scores.length; i++) {
      const e = f.candidates[i];
      if (scores[i] > scores[top] - AMBIGUITY_MARGIN && distanceKm(e, best) > SAME_PLACE_KM)
        rivals.push({ e, s: scores[i] });
    }
    rivals.sort((x, y) => y.s - x.s);
  }
  return {
    best,
    ambiguous: rivals.length > 0,
    alternatives: rivals.length ? [best!, ...rivals.map((x) => x.e)] : [],
  };
}

/** The contract's Location for a mention; span is the name's raw words. */
export function toLocation(m: PlaceMention): Location {
  const e = m.entry;
  const arabicText = /[\u0600-\u06ff]/.test(m.text);
  return {
    name: e?.name ?? m.text,
    // the entry's own Arabic name: the text may carry clitics («بدير الزور»)
    name_ar: e?.names_ar[0] ?? (arabicText ? m.text : null),
    gazetteer_id: e?.id ?? null,
    lat: e ? e.lat : null,
    lon: e ? e.lon : null,
    country: e?.country ?? null,
    admin1: e?.admin1 ?? null,
    admin2: e?.admin2 ?? null,
    admin3: e?.admin3 ?? null,
    kind: e?.kind ?? null,
    role: m.role,
    precision: e ? m.precision : null,
    span: [m.rawStart, m.rawEnd],
  };
}
