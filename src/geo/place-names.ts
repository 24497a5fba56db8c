// Place names as spelled in the text: gazetteer spellings that fit their tokens (article, clitics,
// nisba adjectives), English spellings reached by transliteration folding, and the longest spans.
import type { AnalyzedText } from '../text/analyze.ts';
import type { Token } from '../text/tokens.ts';
import { procliticsBefore } from '../text/clitics.ts';
import { englishKey, type FoldedName, type Gazetteer, type PlaceName } from './gazetteer.ts';
import { foldKey, foldLatinVowels, hasLatinArticle, vowelClashes, vowelCount } from './transliteration.ts';
import { placeCues } from './place-cues.ts';
import { distanceKm } from './place-rank.ts';
import type { GazetteerEntry } from './types.ts';

/** A span of tokens with the spellings read there. */
export interface NameSpan {
  tokenStart: number;
  tokenEnd: number;
  names: PlaceName[];
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
    const word = words[w]!;
    const tok = tokens[start + w]!;
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

const articleForms = new WeakMap<PlaceName, PlaceName>();

/** The same spelling read with an article the listed name lacks: it then needs a settlement noun before it. */
function withArticle(n: PlaceName): PlaceName {
  let v = articleForms.get(n);
  if (!v) {
    v = { ...n, common: true, afterKindCue: true };
    articleForms.set(n, v);
  }
  return v;
}

/** The proclitics on a mention's first token («لتركيا» → «ل», «وبريف» → «وب»). */
export function cliticOf(tok: Token, key: string): string {
  return procliticsBefore(tok.norm, keyWords(key)[0]!);
}

/** The most tokens a folded name spans: «Ma'arrat an-Nu'man» is five (ma, arrat, an, nu, man). */
const FOLD_SPAN = 6;
/** What may stand between the tokens of one name: spaces, hyphens, apostrophes and ayn marks. */
const NAME_GAP = /^[\s\-‐‑–'’‘`ʿʾʼ]*$/;
const EN_ARTICLE_TOKEN = /^(al|el|ar|as|ad|an|at|az|ash|ath|adh|ed|es|er|ez|esh|eth|edh)$/;
const APOSTROPHES = /^['’‘`ʿʾʼ]+$/;

/**
 * English spellings the lexicon does not read as written: «Dar'a», «Mada'in» (an apostrophe inside
 * the word splits its tokens; the spelling is looked up whole), then by transliteration-folding key:
 * «Dair al-Zour», «Deir Ezzor» reach Deir ez-Zor, «Balad Ruz» Baladruz. Only windows that start with
 * a capital (or a lower case article before one: «al-Bukamal») are tried; a window longer than the
 * names read inside it wins over them («Busra Esh-Sham» is not Busra and Sham). Of the entries under a
 * key, those whose spelling writes the vowels most alike are kept (transliteration.ts, vowelClashes); a name
 * reached only by clashing vowels («Kabani» for Kobani) is loose: it needs its place's context.
 */
function addFolded(a: AnalyzedText, g: Gazetteer, bySpan: Map<string, NameSpan>): void {
  const { tokens, raw } = a;
  const index = g.foldIndex();
  if (index.size === 0) return;
  const names = new Map<string, PlaceName>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.arabic || t.numeric) continue;
    const first = raw.charCodeAt(t.rawStart);
    const capital = first >= 65 && first <= 90;
    if (!capital) {
      const next = tokens[i + 1];
      if (!next || !EN_ARTICLE_TOKEN.test(t.norm) || !NAME_GAP.test(raw.slice(t.rawEnd, next.rawStart))) continue;
      const c = raw.charCodeAt(next.rawStart);
      if (c < 65 || c > 90) continue;
    }
    for (let j = i + 1; j <= Math.min(tokens.length, i + FOLD_SPAN); j++) {
      const last = tokens[j - 1]!;
      if (last.arabic) break;
      // a syllable after an apostrophe («Nu'man», «Da'el») is no word of its own
      const syllable = j - 1 > i && APOSTROPHES.test(raw.slice(tokens[j - 2]!.rawEnd, last.rawStart));
      if (j - 1 > i) {
        if (!NAME_GAP.test(raw.slice(tokens[j - 2]!.rawEnd, last.rawStart))) break;
        // each word of a name is capitalised, but an article and a syllable after an apostrophe
        if (!UPPER.test(raw[last.rawStart] ?? '') && !EN_ARTICLE_TOKEN.test(last.norm) && !syllable) break;
      }
      // a name does not end in an article («Bab al» of «Bab al Faraj»)
      if (bySpan.has(`${i}:${j}`) || (EN_ARTICLE_TOKEN.test(last.norm) && !syllable)) continue;
      const text = raw.slice(t.rawStart, last.rawEnd);
      const key = englishKey(text);
      // «Iraqi» folds like «`Ariqah»: words listed as common never reach a place by folding
      if (g.isCommonWord(key) || notLatinName(a, i, j, true, j - i === 1 || !g.nameIndex().has(`en:${key}`))) continue;
      const whole = j - i > 1 ? g.nameIndex().get(`en:${key}`) : undefined;
      // a folded reading is a whole name, not the start of a longer one («Ghadir» in «Ghadir al Bostan»)
      if (!whole && continuesName(a, j)) continue;
      const n = whole ?? foldedName(g, index, text, key, j - i, names);
      if (n) bySpan.set(`${i}:${j}`, { tokenStart: i, tokenEnd: j, names: [n] });
    }
  }
}

/** The name a spelling reaches by folding: the entries whose spellings write its vowels most alike. */
function foldedName(
  g: Gazetteer,
  index: Map<string, FoldedName[]>,
  text: string,
  key: string,
  words: number,
  names: Map<string, PlaceName>,
): PlaceName | null {
  const known = names.get(key);
  if (known) return known;
  const vowels = foldLatinVowels(text);
  const folded = foldKey(vowels);
  let list = index.get(folded);
  let mine = vowels;
  if (!list && !hasLatinArticle(text)) {
    mine = vowels.replace(/ /g, '');
    list = index.get('=' + foldKey(mine));
  }
  if (!list) return null;
  let best = Infinity;
  const clashes = list.map((x) => {
    const c = vowelClashes(mine, x.vowels);
    best = Math.min(best, c);
    return c;
  });
  let closest = list.filter((_, k) => clashes[k] === best);
  // a place's own name beats another place's old or foreign one («Barah» is al-Bara, not Aleppo's «Berea»)
  if (closest.some((x) => x.primary)) closest = closest.filter((x) => x.primary);
  const entries = [...new Set(closest.map((x) => x.entry))];
  if (!entries.length || !Number.isFinite(best)) return null;
  // a folded spelling never joins two places that no spelling joins: one place listed twice (within
  // 10 km) or homonyms of one spelling are resolved by context, other places sharing a key are not
  // («Sayda» folds with Saida in Daraa and Saide in Turkey: no reading at all)
  if (!entries.every((e) => entries.every((o) => o === e || distanceKm(o, e) <= 10 || shareName(o, e)))) return null;
  // more than one vowel in four written otherwise («Kabani» for Kobani; «Yousifiya» for Yusufiya is
  // one in four), or one short word that meets a place's own name with any vowel written otherwise
  // («Taara» ≈ «Tyre») or only another spelling than that («Beiji» ≈ «Bayji» is the town's name), is a
  // loose reading
  const short = words === 1 && folded.length < SHORT_FOLD && (best > 0 || !closest.some((x) => x.primary));
  const loose = best > vowelCount(mine) / 4 || short;
  const n: PlaceName = { key, lang: 'en', entries, article: false, common: false, loose };
  names.set(key, n);
  return n;
}

function shareName(a: GazetteerEntry, b: GazetteerEntry): boolean {
  const keys = new Set(a.names_en.map(englishKey));
  return b.names_en.some((n) => keys.has(englishKey(n)));
}

/** A one-word folding key shorter than this («bara», «raka») meets too many words to stand alone. */
const SHORT_FOLD = 5;

const UPPER = /\p{Lu}/u;
const TITLED = /^\p{Lu}\p{Ll}+$/u;

function capitalisedWordBefore(a: AnalyzedText, start: number): boolean {
  const { tokens, raw } = a;
  const prev = tokens[start - 1];
  if (!prev || prev.arabic || !TITLED.test(raw.slice(prev.rawStart, prev.rawEnd))) return false;
  if (!NAME_GAP.test(raw.slice(prev.rawEnd, tokens[start]!.rawStart))) return false;
  if (a.sentences.some((s) => s.tokenStart === start - 1)) return false;
  return !placeCues('en')
    .cues.matchAll(tokens, Math.max(0, start - 3), start)
    .some((m) => m.tokenEnd === start);
}

/** A word of a name follows `end`: a capitalised word that is no cue («town», «Governorate»), or an article and one. */
function continuesName(a: AnalyzedText, end: number): boolean {
  const { tokens, raw } = a;
  const next = tokens[end];
  if (!next || next.arabic || !NAME_GAP.test(raw.slice(tokens[end - 1]!.rawEnd, next.rawStart))) return false;
  if (EN_ARTICLE_TOKEN.test(next.norm)) {
    const after = tokens[end + 1];
    return !!after && NAME_GAP.test(raw.slice(next.rawEnd, after.rawStart)) && UPPER.test(raw[after.rawStart] ?? '');
  }
  if (!UPPER.test(raw[next.rawStart] ?? '')) return false;
  return !placeCues('en')
    .cues.matchAll(tokens, end, Math.min(tokens.length, end + 3))
    .some((m) => m.tokenStart === end);
}

/**
 * A short English name («Kut», «Hit», «Ana») written as a name inside a sentence: one word, a capital
 * then lower case, not the sentence's first word. Short spellings otherwise need a cue, as common
 * words do («Hit by shelling» at a sentence's start, «SAM» in capitals are no places).
 */
export function titledShortName(
  a: AnalyzedText,
  start: number,
  end: number,
  n: PlaceName,
  sentenceStart: Int32Array,
): boolean {
  if (n.lang !== 'en' || end - start !== 1 || n.key.length > 3 || sentenceStart[start] === start) return false;
  const t = a.tokens[start]!;
  // «Dam» is no name where the only short spelling is an airport code («DAM»)
  const titled = n.entries.some((e) => e.names_en.some((x) => TITLED.test(x) && x.toLowerCase() === n.key));
  return titled && TITLED.test(a.raw.slice(t.rawStart, t.rawEnd)) && !continuesName(a, end);
}

/**
 * A Latin spelling read where English writes no name: all in lower case in a text that capitalises
 * («the main square» is not Ma'in), or a name element alone before another capitalised word («Tal
 * Hamka», «Kafr Taal»: a village the gazetteer does not hold, not «Tall» or «Kafr»).
 */
function notLatinName(a: AnalyzedText, start: number, end: number, capitals: boolean, folded = false): boolean {
  const { tokens, raw } = a;
  if (capitals && !UPPER.test(raw.slice(tokens[start]!.rawStart, tokens[end - 1]!.rawEnd))) return true;
  const elements = placeCues('en').elements;
  // «Umm Al Mayadin», «Ayn Dhakar»: a name element before a span read by folding or opening with an
  // article begins a longer name («Khan Bani Saad» is Bani Saad's own town)
  // («Umm Al Mayadin» read as «Mayadin»: the element stands before the article)
  const art = tokens[start - 1] && EN_ARTICLE_TOKEN.test(tokens[start - 1]!.norm) ? 1 : 0;
  const prev = tokens[start - 1 - art];
  if (
    (folded || art === 1 || EN_ARTICLE_TOKEN.test(tokens[start]!.norm)) &&
    prev &&
    !prev.arabic &&
    elements.has(prev.norm) &&
    TITLED.test(raw.slice(prev.rawStart, prev.rawEnd)) &&
    NAME_GAP.test(raw.slice(prev.rawEnd, tokens[start - art]!.rawStart)) &&
    NAME_GAP.test(raw.slice(tokens[start - art]!.rawEnd, tokens[start]!.rawStart))
  )
    return true;
  // «Daoudiyet Mala»: a one-word reading by folding right after a capitalised word inside a sentence
  // ends a longer name; a cue before it («Eastern Ghariyeh», «Rural Hama») does not
  if (folded && end - start === 1 && prev && art === 0 && capitalisedWordBefore(a, start)) return true;
  const next = tokens[end];
  // «the Hamza Division», «Al Sham Corps»: a group's name
  if (
    next &&
    !next.arabic &&
    placeCues('en').organisations.has(next.norm) &&
    TITLED.test(raw.slice(next.rawStart, next.rawEnd)) &&
    NAME_GAP.test(raw.slice(tokens[end - 1]!.rawEnd, next.rawStart))
  )
    return true;
  if (end - start !== 1 || !next || next.arabic || !elements.has(tokens[start]!.norm)) return false;
  if (!NAME_GAP.test(raw.slice(tokens[end - 1]!.rawEnd, next.rawStart))) return false;
  // «Tall al Ahmar»: the element, an article, then a capitalised word
  const after = tokens[end + 1];
  if (EN_ARTICLE_TOKEN.test(next.norm) && after && NAME_GAP.test(raw.slice(next.rawEnd, after.rawStart)))
    return UPPER.test(raw[after.rawStart] ?? '');
  return UPPER.test(raw[next.rawStart] ?? '');
}

/** «وتل رفعت», «بجب رملة», «لام قصر»: a clitic on a two-letter first word, which token keys do not peel. */
const SHORT_FIRST = /^(و|ف)?(ب|ل|ك)?(تل|جب|ام|بو)$/;

/**
 * The tokens with the two-letter first word of a longer name peeled of its clitics, or null when no
 * token needs it; such a reading only counts for a name of two words or more (nameSpans).
 */
function peeledShortFirst(tokens: Token[]): { tokens: Token[]; at: Set<number> } | null {
  let out: Token[] | null = null;
  const at = new Set<number>();
  for (let i = 0; i + 1 < tokens.length; i++) {
    const t = tokens[i]!;
    if (!t.arabic || t.norm.length < 3 || t.norm.length > 4) continue;
    const m = SHORT_FIRST.exec(t.norm);
    if (!m || (!m[1] && !m[2])) continue;
    out ??= tokens.slice();
    out[i] = { ...t, keys: [...t.keys, m[3]!] };
    at.add(i);
  }
  return out ? { tokens: out, at } : null;
}

/** Every spelling that fits its tokens, grouped by span; then the longest spans win (in text order). */
export function nameSpans(a: AnalyzedText, g: Gazetteer): NameSpan[] {
  const tokens = a.tokens;
  const bySpan = new Map<string, NameSpan>();
  const capitals = UPPER.test(a.raw);
  const peeled = peeledShortFirst(tokens);
  const matches = g.matcher().matchAll(tokens);
  if (peeled)
    for (const m of g.matcher().matchAll(peeled.tokens))
      if (peeled.at.has(m.tokenStart) && m.tokenEnd - m.tokenStart >= 2 && keyWords(m.value.key).length >= 2)
        matches.push(m);
  for (const m of matches) {
    let n = m.value;
    const arabicSpan = tokens[m.tokenStart]!.arabic;
    if ((n.lang === 'ar') !== arabicSpan) continue;
    if (n.lang === 'en' && notLatinName(a, m.tokenStart, m.tokenEnd, capitals)) continue;
    if (n.lang === 'ar' && !articleFits(n.key, tokens, m.tokenStart)) continue;
    // «قرية العريقة» for the listed «عريقة»: the article-added reading is kept, to count only after a settlement noun
    if (n.lang === 'ar' && isNisbaAdjective(n, tokens[m.tokenStart]!)) {
      if (n.article || n.afterKindCue || !/^[وفبلك]*ال/.test(tokens[m.tokenStart]!.norm) || n.key.includes(' '))
        continue;
      n = withArticle(n);
    }
    // «فاطمة» is not «ف» + «اطمة»: places do not take the conjunction «ف» in reports
    if (n.lang === 'ar' && cliticOf(tokens[m.tokenStart]!, n.key).includes('ف')) continue;
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
  return taken;
}
