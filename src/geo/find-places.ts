// Place names in an analysed text, each resolved to one gazetteer entry with an ACLED precision and
// a role. Resolution weighs, in order: the cue before the name («مدينة», «حي», «ريف», «قرب»), the
// parent named after it («حارة الجميلي في الرقة»), the document's dominant governorate, the kind of
// place and its population. A name that stays ambiguous keeps no entry and carries an issue.
// Spellings are found in place-names.ts and candidates scored in place-rank.ts.
import type { Location } from '../schema.ts';
import type { AnalyzedText } from '../text/analyze.ts';
import type { Token } from '../text/tokens.ts';
import { builtinGazetteer, type Gazetteer } from './gazetteer.ts';
import { placeCues, type PlaceCue, type PlaceCues } from './place-cues.ts';
import type { GazetteerEntry, PlaceIssue, PlaceMention } from './types.ts';
import { cliticOf, nameSpans, titledShortName } from './place-names.ts';
import {
  QUARTER_TOWN_KM,
  SETTLEMENTS,
  distanceKm,
  fitsParent,
  hasStrongCue,
  precisionOf,
  rank,
  type Found,
} from './place-rank.ts';

export { distanceKm } from './place-rank.ts';

export interface FindPlacesOptions {
  gazetteer?: Gazetteer;
}

const WEAK_LINKS = new Set(['في', 'in', 'of']);

/** Cues of a unit that can hold another place: after link words they may stand before its name. */
const PARENT_CUES = new Set(['governorate', 'district', 'subdistrict', 'countryside']);

const POST_CUES = new Set(['countryside', 'governorate', 'district', 'subdistrict', 'quarter', 'kind']);

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

export function findPlaces(a: AnalyzedText, opts: FindPlacesOptions = {}): PlaceMention[] {
  const tokens = a.tokens;
  if (tokens.length === 0) return [];
  const g = opts.gazetteer ?? builtinGazetteer();

  // 1. every spelling that fits its tokens, grouped by span; then the longest spans win
  const taken = nameSpans(a, g);

  // 2. phrases where the word is not a place («حماة الديار», «فتح الباب»)
  // looked for only around mentions: a negative phrase starts at most 3 tokens before the name
  const negated = (start: number): boolean =>
    tokens[start]!.keys.some((k) => cuesFor(tokens, start).negativeWords.has(k)) &&
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
      // «نزح الأهالي من المنطقة، وتل رفعت…»: a cue word before a comma belongs to another phrase
      const gap = a.raw.slice(tokens[chainStart - 1]!.rawEnd, tokens[chainStart]!.rawStart);
      if (/[,،.:;؛!?؟]/.test(gap)) break;
      cues.push(ms[0]!.value);
      chainStart = ms[0]!.tokenStart;
    }
    // «بلدة كسرة», «قرية العريقة»: a spelling that differs from the listed one by the article names it only after a settlement noun
    const nearest = cues[0];
    const settlementCue =
      !!nearest &&
      (nearest.cue === 'kind' || nearest.cue === 'subdistrict') &&
      nearest.kinds.some((k) => SETTLEMENTS.has(k));
    if (!settlementCue && s.names.every((n) => n.afterKindCue)) continue;
    // English also puts the cue after the name: «the Idlib countryside», «Deir ez-Zor governorate»
    if (!tokens[s.tokenStart]!.arabic && s.tokenEnd < tokens.length) {
      const after = cl.cues.matchAll(tokens, s.tokenEnd, Math.min(tokens.length, s.tokenEnd + 1));
      const post = after.find((m) => m.tokenStart === s.tokenEnd && POST_CUES.has(m.value.cue));
      if (post) cues.unshift(post.value);
    }
    // one spelling (the usual case) already lists each entry once; rank() only reads the list
    const candidates = s.names.length === 1 ? s.names[0]!.entries : [...new Set(s.names.flatMap((n) => n.entries))];
    const common = s.names.every(
      (n) => g.isCommonWord(n.key) || (n.common && !titledShortName(a, s.tokenStart, s.tokenEnd, n, sentenceStart)),
    );
    const exact = new Set<GazetteerEntry>();
    for (const n of s.names) if (cliticOf(tokens[s.tokenStart]!, n.key) === '') for (const e of n.entries) exact.add(e);
    found.push({
      tokenStart: s.tokenStart,
      tokenEnd: s.tokenEnd,
      names: s.names,
      candidates,
      cues,
      chainStart,
      role: 'location',
      roleRule: null,
      landmark: false,
      parent: null,
      parentOf: null,
      common,
      exact,
      strongParent: false,
    });
  }

  // parent after a name: link words then the next mention, or the next mention right after a comma
  for (let k = 0; k + 1 < found.length; k++) {
    const f = found[k]!;
    const next = found[k + 1]!;
    const cl = cuesFor(tokens, f.tokenStart);
    let j = f.tokenEnd;
    for (let hop = 0; hop < 3 && j < next.tokenStart; hop++) {
      // «15 km south of»: the figure of a distance is part of the link
      const from = tokens[j]?.numeric && j + 1 < next.tokenStart ? j + 1 : j;
      const ms = cl.link.matchAll(tokens, from, Math.min(tokens.length, from + 5)).filter((m) => m.tokenStart === from);
      if (!ms.length) break;
      j = Math.max(...ms.map((m) => m.tokenEnd));
    }
    // «قرية X التابعة لناحية Y», «بلدة X في منطقة Y»: after link words, a parent may carry its own cue
    // of a larger unit (not «في بلدة Y», which names a second place)
    const viaCue =
      j > f.tokenEnd &&
      j === next.chainStart &&
      tokens[next.tokenStart]!.arabic &&
      PARENT_CUES.has(next.cues[next.cues.length - 1]?.cue ?? 'kind');
    if (j === next.tokenStart || viaCue) {
      const between = a.raw.slice(tokens[f.tokenEnd - 1]!.rawEnd, tokens[next.tokenStart]!.rawStart);
      // «حارة الجميلي بالرقة»: the preposition «ب» glued to the next name links it; «و» («كالميادين
      // والبوكمال») joins a list of places, none of them the parent of another
      const linked =
        j > f.tokenEnd || /[,،(-]/.test(between) || /^ب/.test(cliticOf(tokens[next.tokenStart]!, next.names[0]!.key));
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
    // «قضاء سنجار (124 كلم غرب الموصل)»: a name after a distance and a direction only locates another
    f.landmark = f.cues.some((c) => c.cue === 'direction') && endingAt(cl.distance, tokens, f.chainStart, 3).length > 0;
    const first = tokens[f.chainStart]!;
    const clitic =
      f.chainStart === f.tokenStart
        ? cliticOf(first, f.names[0]!.key)
        : cliticOf(first, first.keys[first.keys.length - 1]!);
    const role =
      // «لتل أبيض», «للرقة» (ل + ال) lead somewhere; the article of «المنطقة» alone does not
      endingAt(cl.destination, tokens, f.chainStart, 2).length || /ل$/.test(clitic.replace(/ال$/, ''))
        ? 'destination'
        : endingAt(cl.origin, tokens, f.chainStart, 2).length
          ? 'origin'
          : null;
    if (!role) continue;
    const s0 = sentenceStart[f.tokenStart]!;
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
  const countries = new Map<string, number>();
  for (const [i, r] of first.entries()) {
    const e = r.best;
    if (!e || isLoose(kept[i]!) || r.ambiguous || !e.admin1 || (e.country !== 'SY' && e.country !== 'IQ')) continue;
    counts.set(e.admin1, (counts.get(e.admin1) ?? 0) + 1);
    countries.set(e.country, (countries.get(e.country) ?? 0) + 1);
  }
  // the country most of the report's unambiguous places lie in, when one clearly leads
  const [sy, iq] = [countries.get('SY') ?? 0, countries.get('IQ') ?? 0];
  const country = sy > iq ? 'SY' : iq > sy ? 'IQ' : null;
  let dominant: string | null = null;
  let top = 1;
  for (const [k, v] of counts) {
    if (v > top) {
      dominant = k;
      top = v;
    }
  }

  // the one governorate the report's other places lie in, when they all lie in one
  const sole = counts.size === 1 ? [...counts.keys()][0]! : null;

  // 6. final pass: parents first (they are resolved on their own), then everything with context
  const resolved = new Array<ReturnType<typeof rank> | undefined>(kept.length);
  const order = [...kept.keys()].sort(
    (x, y) => (kept[x]!.parentOf !== null ? 0 : 1) - (kept[y]!.parentOf !== null ? 0 : 1) || y - x,
  );
  for (const i of order) {
    const f = kept[i]!;
    const parentEntry = f.parent !== null ? (resolved[f.parent]?.best ?? first[f.parent]!.best) : null;
    resolved[i] = rank(f, parentEntry, dominant);
  }
  // «Hole camp in al-Hasakeh», «قرية الشحيل في دير الزور»: a city that shares its name with its
  // governorate, named after a place of that governorate lying outside the city, is the governorate
  for (let i = 0; i < kept.length; i++) {
    const f = kept[i]!;
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
    const a0 = tokens[f.tokenStart]!;
    const a1 = tokens[f.tokenEnd - 1]!;
    const text = a.raw.slice(a0.rawStart, a1.rawEnd);
    const rules = ['place.name'];
    for (const c of f.cues) rules.push(c.id);
    if (f.parent !== null) rules.push('place.parent');
    if (f.parentOf !== null) rules.push('place.is_parent');
    if (f.roleRule) rules.push(f.roleRule);
    if (f.landmark) rules.push('place.landmark');
    // «محيط مدينة إدلب وقرية كنصفرة»: joined by «و» to the place right before it, one of a list
    const prev = i > 0 ? kept[i - 1]! : null;
    const lead = tokens[f.chainStart]!;
    if (prev && a0.arabic && lead.norm.startsWith('و') && lead.keys.length > 1 && prev.tokenEnd === f.chainStart)
      rules.push('place.listed');
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
    // «Rashidiya, 15 km south of Mosul»: a name whose every known bearer lies outside the parent the
    // text gives it names a place the gazetteer does not hold (the parent still places the event)
    const parent = f.parent !== null ? resolved[f.parent]?.best : null;
    // «حي X في حلب»: a quarter lies inside the city named after it, even after a plain «في»
    const quarter = f.cues[0]?.cue === 'quarter' && a0.arabic;
    if (
      entry &&
      parent &&
      (f.strongParent || quarter) &&
      !fitsParent(entry, parent, quarter ? QUARTER_TOWN_KM : undefined)
    ) {
      issues.push({
        code: 'place.outside-parent',
        stage: 'geo',
        message: `«${text}» is not ${entry.name} (${entry.admin1 ?? entry.country}): that lies outside ${parent.name}`,
        span: [a0.rawStart, a1.rawEnd],
      });
      entry = null;
    }
    // «Kabani» reaches Kobani only by writing a vowel otherwise: such a spelling names that place only
    // where the context puts it (a parent named after it that is another place, the report's governorate
    // or the one governorate all its other places lie in)
    const placedBy = parent && fitsParent(entry ?? parent, parent) && distanceKm(entry ?? parent, parent) > 10;
    if (entry && isLoose(f) && !placedBy && entry.admin1 !== dominant && entry.admin1 !== sole) {
      issues.push({
        code: 'place.loose-spelling',
        stage: 'geo',
        message: `«${text}» is spelled unlike ${entry.name} (${entry.admin1 ?? entry.country}), and nothing around it places it there`,
        span: [a0.rawStart, a1.rawEnd],
      });
      entry = null;
    }
    // «وبلدة الجديدة غربها» in a report set in Syria: a common word whose only known bearer lies in
    // another country names a local place the gazetteer does not hold, not that foreign town
    if (entry && f.common && country && entry.country !== country && entry.kind !== 'country') entry = null;
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
    if (f.parent !== null) m.parentStart = kept[f.parent]!.tokenStart;
    if (issues.length) m.issues = issues;
    out.push(m);
  });
  return out;
}

/** Every spelling read at the mention reached its places only by loose folding. */
const isLoose = (f: Found): boolean => f.names.every((n) => n.loose === true);

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
