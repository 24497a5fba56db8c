// Quantities in a text: digits in both scripts, number words with their compounds, duals, vague words
// and modifiers, valued per section 4 of the contract. One left-to-right pass over the tokens; each
// quantity is built as modifier? amount (range | after-modifier)? and then its context decides whether
// it is a head count (noun) or something else (unit: date, year, age, percent…).
//
// Choice documented here (the contract leaves it open): a vague word multiplied by a scale keeps the
// contract's figures scaled: «عشرات الآلاف» = 12 × 1000 = 12000 (20000–99999), «tens of thousands» =
// 10000 (20000–99999), «مئات الآلاف» = 100000 (200000–999999).
import type { AnalyzedText } from '../text/analyze.ts';
import type { Token } from '../text/tokens.ts';
import { cliticSplits, type CliticSplit } from '../text/clitics.ts';
import type { CountedNoun, Quantity, QuantityKind, QuantityUnit } from './types.ts';
import {
  quantityVocabulary,
  type ContextCue,
  type Modifier,
  type NumberWord,
  type Phrase,
  type QuantityVocabulary,
  type VagueWord,
} from './vocabulary.ts';

export type { Quantity } from './types.ts';

type Stem = CliticSplit;

const ARTICLE_TOKEN = /^(?:[وف]?[بلك]?ال|[وف]?لل)$/;
const YEAR_MIN = 1900;
const YEAR_MAX = 2100;
/** bound on each per-spelling cache below (stems, mayStart verdicts) */
const STEM_CACHE_LIMIT = 100_000;
/** bound on the candidates cache of each phrase index (a dozen of them: kept smaller) */
const PHRASE_CACHE_LIMIT = 20_000;
const OPENS_NOT = 0;
const OPENS = 1;
/** a bare article token («الـ») opens a quantity when digits follow it */
const OPENS_BEFORE_DIGITS = 2;

interface Amount {
  start: number;
  end: number;
  value: number;
  ids: string[];
  approximate: boolean;
  vague: VagueWord | null;
  scale: number;
  /** the amount is a single word «واحد»/«اثنين»: Arabic puts the noun before it */
  nounBefore: boolean;
  /** the number carries the article («الثلاثة», «ال 19»): it follows a definite noun it counts */
  definite: boolean;
  /** the first word carries «و»/«ف» («وواحد»): nothing before it is its noun */
  conj: boolean;
  dualNoun: string | null;
  digits: boolean;
  /** raw digits without separators (for the year test) */
  plainDigits: string | null;
  unit: QuantityUnit | null;
}

interface Context {
  unit: QuantityUnit;
  id: string;
  start: number;
  end: number;
  /** the span ends inside a token gap («10%») */
  rawEnd?: number;
}

const NO_PHRASES: ReadonlyArray<never> = [];

// Phrases looked up by their first word, so a token that starts nothing costs one map probe per stem.
class PhraseIndex<T> {
  private byFirst = new Map<string, Array<Phrase<T>>>();
  /** how many tokens back a before-cue can start: its length plus its window */
  readonly reach: number;

  constructor(phrases: Array<Phrase<T>>) {
    let reach = 0;
    for (const p of phrases) {
      const list = this.byFirst.get(p.words[0]) ?? [];
      list.push(p);
      this.byFirst.set(p.words[0], list);
      const w = (p.value as { window?: unknown }).window;
      reach = Math.max(reach, p.words.length + (typeof w === 'number' ? w : 0));
    }
    for (const list of this.byFirst.values()) list.sort((x, y) => y.words.length - x.words.length);
    this.reach = reach;
  }

  /**
   * candidates(), cached per spelling: cue lookups walk back over the same words for every number.
   * `stems` must be the stems of `norm` (Finder.stems gives them), which is what makes the spelling
   * a sufficient key.
   */
  private bySpelling = new Map<string, ReadonlyArray<Phrase<T>>>();

  cachedCandidates(norm: string, stems: Stem[]): ReadonlyArray<Phrase<T>> {
    let out = this.bySpelling.get(norm);
    if (out === undefined) {
      out = this.candidates(norm, stems);
      if (norm.length < 13) {
        if (this.bySpelling.size >= PHRASE_CACHE_LIMIT) this.bySpelling.clear();
        this.bySpelling.set(norm, out);
      }
    }
    return out;
  }

  /** Phrases opened by the token or one of its stems, longest first. Callers only read the result. */
  candidates(norm: string, stems: Stem[]): ReadonlyArray<Phrase<T>> {
    const first = this.byFirst.get(norm);
    // a list is copied only when a stem adds phrases to it; most tokens open nothing or one list,
    // which the constructor already sorted longest first
    let out: Array<Phrase<T>> | null = null;
    for (const s of stems) {
      if (s.stem === norm) continue;
      const more = this.byFirst.get(s.stem);
      if (!more) continue;
      if (!out) out = first ? [...first] : [];
      for (const p of more) if (!out.includes(p)) out.push(p);
    }
    if (!out) return first ?? NO_PHRASES;
    return out.sort((x, y) => y.words.length - x.words.length);
  }
}

interface Indexes {
  /** every word that can open a quantity: number words, duals, first words of vague words and modifiers */
  starters: Set<string>;
  /** mayStart's verdict per spelling (OPENS, OPENS_NOT, OPENS_BEFORE_DIGITS), filled as words are met */
  opens: Map<string, number>;
  vague: PhraseIndex<VagueWord>;
  before: PhraseIndex<Modifier>;
  after: PhraseIndex<Modifier>;
  infix: PhraseIndex<Modifier>;
  ordinalCues: PhraseIndex<ContextCue>;
  /** keyed `${unit}:${position}` */
  contexts: Map<string, PhraseIndex<ContextCue>>;
  /** the same indexes by unit alone, one map per position (no key string built per lookup) */
  contextsAfter: Map<string, PhraseIndex<ContextCue>>;
  contextsBefore: Map<string, PhraseIndex<ContextCue>>;
}

function buildIndexes(v: QuantityVocabulary): Indexes {
  const groups = new Map<string, Array<Phrase<ContextCue>>>();
  for (const c of v.contexts) {
    const key = `${c.value.unit}:${c.value.position}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  const mods = (position: Modifier['position']) =>
    new PhraseIndex(v.modifiers.filter((m) => m.value.position === position));
  const contexts = new Map([...groups].map(([k, list]) => [k, new PhraseIndex(list)]));
  const starters = new Set<string>([...v.numbers.keys(), ...v.duals.keys(), 'a', 'one']);
  for (const p of v.vague) starters.add(p.words[0]);
  for (const p of v.modifiers) if (p.value.position === 'before') starters.add(p.words[0]);
  return {
    starters,
    opens: new Map(),
    vague: new PhraseIndex(v.vague),
    before: mods('before'),
    after: mods('after'),
    infix: mods('infix'),
    ordinalCues: new PhraseIndex(v.ordinalCues),
    contexts,
    contextsAfter: byPosition(contexts, 'after'),
    contextsBefore: byPosition(contexts, 'before'),
  };
}

function byPosition(
  contexts: Map<string, PhraseIndex<ContextCue>>,
  position: string,
): Map<string, PhraseIndex<ContextCue>> {
  const out = new Map<string, PhraseIndex<ContextCue>>();
  for (const [key, index] of contexts) {
    const [unit, pos] = key.split(':');
    if (pos === position) out.set(unit, index);
  }
  return out;
}

// Stems of an Arabic word, kept across documents: every token is asked whether it can open a
// quantity, and building its stems (24 prefix tests and slices) for each one was a visible share of
// extraction time. Bounded like the token keys cache (src/text/tokens.ts); the lists are shared, so
// nothing may change them.
const stemCache = new Map<string, Stem[]>();

function arabicStems(norm: string): Stem[] {
  let s = stemCache.get(norm);
  if (s) return s;
  s = cliticSplits(norm);
  if (norm.length < 13) {
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
    stemCache.set(norm, s);
  }
  return s;
}

class Finder {
  private stemCache: Array<Stem[] | undefined>;

  constructor(
    private readonly a: AnalyzedText,
    private readonly v: QuantityVocabulary,
    private readonly ix: Indexes,
  ) {
    this.stemCache = new Array<Stem[] | undefined>(a.tokens.length);
  }

  private get tokens(): Token[] {
    return this.a.tokens;
  }

  stems(i: number): Stem[] {
    let s = this.stemCache[i];
    if (s) return s;
    const t = this.tokens[i];
    if (!t.arabic || t.numeric) s = [{ stem: t.norm, conj: false, prep: false, article: false }];
    else s = arabicStems(t.norm);
    this.stemCache[i] = s;
    return s;
  }

  gap(i: number): string {
    const t = this.tokens;
    return this.a.norm.slice(t[i].end, t[i + 1].start);
  }

  /**
   * The gap after token i holds only spaces and tabs (and hyphens when `hyphen`): the same test as
   * /^[ \t]*$/ on gap(i), without slicing a string for every pair of tokens looked at.
   */
  blankGap(i: number, hyphen = false): boolean {
    const t = this.tokens;
    const s = this.a.norm;
    for (let k = t[i].end, e = t[i + 1].start; k < e; k++) {
      const c = s.charCodeAt(k);
      if (c !== 32 && c !== 9 && !(hyphen && c === 45)) return false;
    }
    return true;
  }

  /** tokens i and i+1 are separated only by spaces (no punctuation, no line break) */
  plain(i: number): boolean {
    return i + 1 < this.tokens.length && this.blankGap(i);
  }

  numberAt(i: number): { w: NumberWord; s: Stem } | null {
    if (i >= this.tokens.length || this.tokens[i].numeric) return null;
    for (const s of this.stems(i)) {
      const w = this.v.numbers.get(s.stem);
      if (w) return { w, s };
    }
    return null;
  }

  /** phrases whose words meet tokens i, i+1, … separated by spaces or hyphens, longest first */
  phrasesAt<T>(index: PhraseIndex<T>, i: number): Array<{ p: Phrase<T>; end: number }> {
    const t = this.tokens;
    const out: Array<{ p: Phrase<T>; end: number }> = [];
    if (i < 0 || i >= t.length) return out;
    for (const p of index.cachedCandidates(t[i].norm, this.stems(i))) {
      let k = i + 1;
      let ok = true;
      for (let w = 1; w < p.words.length; w++, k++) {
        if (k >= t.length || !this.blankGap(k - 1, true)) {
          ok = false;
          break;
        }
        const word = p.words[w];
        if (t[k].norm !== word && !this.stems(k).some((s) => s.stem === word)) {
          ok = false;
          break;
        }
      }
      if (ok) out.push({ p, end: k });
    }
    return out;
  }

  phraseAt<T>(index: PhraseIndex<T>, i: number): { p: Phrase<T>; end: number } | null {
    return this.phrasesAt(index, i)[0] ?? null;
  }

  // ---- amounts ------------------------------------------------------------------------------------

  digitsAt(i: number): Amount | null {
    const t = this.tokens;
    // normalisation maps Arabic-Indic and Persian digits to ASCII; other \p{N} (², 𐄇, Ⅻ) are not figures
    if (i >= t.length || !t[i].numeric || !/^[0-9]+$/.test(t[i].norm)) return null;
    let text = t[i].norm;
    let value = Number(text);
    let end = i + 1;
    let unit: QuantityUnit | null = null;
    let plainDigits: string | null = text;
    // 3/5/2020, 2020-05-03 → a date; 9:30 → a time
    if (end < t.length && t[end].numeric) {
      const g = this.gap(i);
      if (g === '/' || (g === '-' && end + 1 < t.length && t[end + 1].numeric && this.gap(end) === '-')) {
        while (end < t.length && t[end].numeric && this.gap(end - 1) === g) end++;
        return this.digitAmount(i, end, value, 'date', null);
      }
      if (g === ':') return this.digitAmount(i, end + 1, value, 'time', null);
    }
    // thousands separators «1,963», «١٬٥٠٠»; a dot before three digits groups thousands in Arabic
    // text («1.500») but is a decimal point in English («1.5 million»)
    while (end < t.length && t[end].numeric && /^[0-9]+$/.test(t[end].norm)) {
      const g = this.gap(end - 1);
      const next = t[end].norm;
      if (g === ',' && next.length === 3) {
        text += next;
        value = Number(text);
        plainDigits = null;
        end++;
      } else if (g === '.' && next.length === 3 && this.a.lang === 'ar' && !/\./.test(text)) {
        text += next;
        value = Number(text);
        plainDigits = null;
        end++;
      } else if (g === '.' && !text.includes('.') && (next.length !== 3 || this.a.lang === 'en')) {
        text += `.${next}`;
        value = Number(text);
        plainDigits = null;
        end++;
        break;
      } else break;
    }
    if (text.replace('.', '').length > 9) unit = 'label'; // phone numbers, ids
    return this.digitAmount(i, end, value, unit, plainDigits);
  }

  private digitAmount(
    i: number,
    end: number,
    value: number,
    unit: QuantityUnit | null,
    plainDigits: string | null,
  ): Amount {
    return {
      start: i,
      end,
      value,
      ids: ['digits'],
      approximate: false,
      vague: null,
      scale: 1,
      nounBefore: false,
      definite: false,
      conj: false,
      dualNoun: null,
      digits: true,
      plainDigits,
      unit,
    };
  }

  /** digits or number words, composed («ثلاثة وأربعين», «مئتي ألف», «twenty-one», «1.5 million») */
  numberPhraseAt(i: number): Amount | null {
    const t = this.tokens;
    if (i >= t.length) return null;
    let amount: Amount | null = null;
    let total = 0;
    let current = 0;
    let prev: { role: NumberWord['role'] | 'digits'; value: number; added: number };
    const ids: string[] = [];
    let approximate = false;
    let end: number;
    let firstArticle = false;
    let firstConj = false;
    if (t[i].numeric) {
      amount = this.digitsAt(i);
      if (!amount || amount.unit) return amount;
      current = amount.value;
      prev = { role: 'digits', value: amount.value, added: amount.value };
      end = amount.end;
      ids.push('digits');
    } else {
      const n = this.numberAt(i);
      if (!n || (n.w.role === 'scale' && n.w.plural)) return null;
      if (n.w.role === 'teen_only' && !this.tenFollows(i + 1)) return null;
      // «one of them», «one another» are not counts
      if (
        n.w.id === 'num.one' &&
        !t[i].arabic &&
        i + 1 < t.length &&
        ['of', 'another', 'by', 'or'].includes(t[i + 1].norm)
      )
        return null;
      firstArticle = n.s.article;
      firstConj = n.s.conj;
      ids.push(n.w.id);
      approximate = n.w.approximate;
      if (n.w.role === 'scale') total = n.w.value;
      else current = n.w.value;
      prev = { role: n.w.role, value: n.w.value, added: n.w.value };
      end = i + 1;
    }
    const arabic = t[i].arabic || (end < t.length && t[end].arabic);
    // continue the compound
    for (;;) {
      if (end >= t.length) break;
      let j = end;
      let conj = false;
      if (!this.blankGap(j - 1) && !(!arabic && this.gap(j - 1) === '-')) break;
      // a separate «و» / «and» token
      if ((t[j].norm === 'و' || t[j].norm === 'and') && j + 1 < t.length && this.blankGap(j)) {
        conj = true;
        j++;
      }
      if (t[j].numeric) break;
      const found = this.numberAt(j);
      if (!found) break;
      const n =
        found.w.scaleAfterNumber && !conj && !found.s.conj
          ? {
              s: found.s,
              w: { ...found.w, id: `${found.w.id}.as_scale`, role: 'scale' as const, value: found.w.scaleAfterNumber },
            }
          : found;
      if (arabic) {
        if (n.s.prep) break;
        if (n.s.article && !(firstArticle && (n.s.conj || conj))) break;
        if (n.s.conj) conj = true;
      } else if (n.s.stem !== t[j].norm) break;
      const how = join(prev, n.w, conj, arabic);
      if (!how) break;
      if (how === 'teen') {
        current += 10;
        prev = { role: 'unit', value: prev.value + 10, added: 10 };
      } else if (how === 'mul_unit') {
        current = current - prev.value + prev.value * n.w.value;
        prev = { role: 'hundred', value: prev.value * n.w.value, added: prev.value * n.w.value };
      } else if (how === 'scale') {
        const group = (current || 1) * n.w.value;
        total += group;
        current = 0;
        prev = { role: 'scale', value: group, added: group };
      } else {
        current += n.w.value;
        prev = { role: n.w.role, value: n.w.value, added: n.w.value };
      }
      if (n.w.approximate) approximate = true;
      ids.push(n.w.id);
      end = j + 1;
    }
    if (prev.role === 'teen_only') return null;
    const value = total + current;
    const digits = amount?.digits ?? false;
    const single = end - i === 1 && !digits;
    return {
      start: i,
      end,
      value,
      ids,
      approximate,
      vague: null,
      scale: 1,
      nounBefore: single && arabic && (value === 1 || value === 2),
      definite: firstArticle,
      conj: firstConj,
      dualNoun: null,
      digits,
      plainDigits: ids.length === 1 && amount ? amount.plainDigits : null,
      unit: null,
    };
  }

  private tenFollows(j: number): boolean {
    const n = this.numberAt(j);
    return !!n && n.w.role === 'ten' && !n.s.conj && this.plain(j - 1);
  }

  vagueAt(i: number): Amount | null {
    const m = this.phraseAt(this.ix.vague, i);
    if (!m) return null;
    let end = m.end;
    let scale = 1;
    const ids = [m.p.value.id];
    // «عشرات الآلاف», «hundreds of thousands»
    let j = end;
    if (j < this.tokens.length && this.tokens[j].norm === 'of' && this.plain(j - 1)) j++;
    if (j < this.tokens.length && this.plain(j - 1)) {
      const n = this.numberAt(j);
      if (n && n.w.role === 'scale' && !n.s.prep) {
        scale = n.w.value;
        ids.push(n.w.id);
        end = j + 1;
      } else {
        const vv = this.phraseAt(this.ix.vague, j);
        if (vv && vv.p.value.value >= 1000 && vv.end === j + 1) {
          scale = vv.p.value.value;
          ids.push(vv.p.value.id);
          end = vv.end;
        }
      }
    }
    return {
      start: i,
      end,
      value: m.p.value.value * scale,
      ids,
      approximate: true,
      vague: m.p.value,
      scale,
      nounBefore: false,
      definite: false,
      conj: false,
      dualNoun: null,
      digits: false,
      plainDigits: null,
      unit: null,
    };
  }

  dualAt(i: number): Amount | null {
    if (i >= this.tokens.length || this.tokens[i].numeric) return null;
    for (const s of this.stems(i)) {
      const d = this.v.duals.get(s.stem);
      if (!d) continue;
      let end = i + 1;
      const ids = [d.id];
      // «رجلين اثنين»: the number word repeats the dual
      const n = this.numberAt(end);
      if (n && n.w.value === 2 && n.w.role === 'unit' && !n.s.conj && this.plain(i)) {
        ids.push(n.w.id);
        end++;
      }
      return {
        start: i,
        end,
        value: 2,
        ids,
        approximate: false,
        vague: null,
        scale: 1,
        nounBefore: false,
        definite: s.article,
        conj: s.conj,
        dualNoun: d.noun,
        digits: false,
        plainDigits: null,
        unit: null,
      };
    }
    return null;
  }

  amountAt(i: number): Amount | null {
    const t = this.tokens;
    if (i >= t.length) return null;
    // «الـ100», «ال 19»: a bare article token belongs to the number it introduces
    if (ARTICLE_TOKEN.test(t[i].norm) && i + 1 < t.length && t[i + 1].numeric && this.blankGap(i)) {
      const a = this.numberPhraseAt(i + 1);
      if (a) return { ...a, start: i, definite: true };
    }
    // «a hundred», «a dozen», «an estimated» is a modifier handled elsewhere
    if ((t[i].norm === 'a' || t[i].norm === 'one') && i + 1 < t.length && this.plain(i)) {
      const n = this.numberAt(i + 1);
      if (n && (n.w.role === 'scale' || n.w.role === 'hundred') && !n.w.plural) {
        const a = this.numberPhraseAt(i + 1);
        if (a) return { ...a, start: i };
      }
    }
    const num = this.numberPhraseAt(i);
    const vague = this.vagueAt(i);
    // «a number of» is vague, though its first word alone is the English article counted as one
    if (num && vague && vague.end > num.end) return vague;
    return num ?? vague ?? this.dualAt(i);
  }

  // ---- quantities ---------------------------------------------------------------------------------

  /** a cheap test that token i can open a quantity, before any phrase matching */
  mayStart(i: number): boolean {
    const t = this.tokens[i];
    if (t.numeric) return true;
    // what the spelling alone says is cached (every token is asked, most spellings recur)
    let opens = this.ix.opens.get(t.norm);
    if (opens === undefined) {
      opens = ARTICLE_TOKEN.test(t.norm) ? OPENS_BEFORE_DIGITS : OPENS_NOT;
      if (opens === OPENS_NOT) {
        if (this.ix.starters.has(t.norm)) opens = OPENS;
        else for (const s of this.stems(i)) if (this.ix.starters.has(s.stem)) opens = OPENS;
      }
      if (t.norm.length < 13) {
        if (this.ix.opens.size >= STEM_CACHE_LIMIT) this.ix.opens.clear();
        this.ix.opens.set(t.norm, opens);
      }
    }
    if (opens === OPENS_BEFORE_DIGITS) return i + 1 < this.tokens.length && this.tokens[i + 1].numeric;
    return opens === OPENS;
  }

  quantityAt(i: number): Quantity | null {
    const t = this.tokens;
    let mod: Modifier | null = null;
    let amount: Amount | null = null;
    const before = this.phraseAt(this.ix.before, i);
    if (before && this.plain(before.end - 1)) {
      const a = this.amountAt(before.end);
      if (a) {
        mod = before.p.value;
        amount = a;
      }
    }
    // ranges opened by «بين»/«من»/«between»/«from» need their second figure: «من 20 إلى 30»
    let upper: { b: Amount; id: string } | null = null;
    if (mod && amount && mod.kind === 'range') {
      upper = amount.vague || amount.unit ? null : this.joinedUpper(amount, mod);
      if (!upper) {
        // «بين 10 أشخاص», «from 20 villages»: the opener is not a modifier; the number stands alone
        mod = null;
        amount = null;
      }
    }
    if (!amount) {
      amount = this.amountAt(i);
      if (!amount) return null;
    }
    const start = mod ? i : amount.start;
    if (amount.unit && !mod) return this.build(start, amount.end, amount, null, amount.ids, amount.unit);
    const rule: string[] = mod ? [mod.id, ...amount.ids] : [...amount.ids];
    let end = amount.end;
    let kind: QuantityKind = amount.vague ? 'vague' : amount.approximate ? 'about' : 'exact';
    const value = amount.value;
    let min = value;
    let max = value;
    if (amount.vague) {
      min = amount.vague.min * amount.scale;
      max = amount.vague.max * amount.scale + (amount.scale > 1 ? amount.scale - 1 : 0);
    } else if (amount.approximate) ({ min, max } = modify('about', value));
    if (!mod && !amount.vague) upper = this.infixRange(end, amount);
    if (upper) {
      kind = 'range';
      max = upper.b.value;
      if (!mod) rule.push(upper.id);
      rule.push(...upper.b.ids);
      end = upper.b.end;
    } else if (mod && !amount.vague) ({ kind, min, max } = modify(mod.kind, value));
    let unit: QuantityUnit | null = null;
    let rawEnd: number | null = null;
    let qStart = start;
    // what the number is, from its surroundings
    const ctx = upper ? null : this.context(amount, start, end, !!mod);
    if (ctx) {
      unit = ctx.unit;
      rule.push(ctx.id);
      qStart = Math.min(qStart, ctx.start);
      end = Math.max(end, ctx.end);
      rawEnd = ctx.rawEnd ?? null;
    }
    let noun: CountedNoun | null = null;
    if (!unit) {
      noun = this.noun(amount, start, end, upper ? upper.b.value : value, !!mod);
      // an after-modifier may follow the number or its noun: «12 شخصاً على الأقل»
      if (kind === 'exact' || kind === 'about') {
        for (const at of [end, noun && noun.tokenStart === end ? noun.tokenEnd : -1]) {
          if (at < 1 || at >= t.length || !this.plain(at - 1)) continue;
          const after = this.phraseAt(this.ix.after, at);
          if (!after) continue;
          ({ kind, min, max } = modify(after.p.value.kind, value));
          rule.push(after.p.value.id);
          end = after.end;
          break;
        }
      }
    }
    const q = this.build(qStart, end, amount, noun, rule, unit, rawEnd);
    q.value = value;
    q.min = min;
    q.max = max;
    q.kind = kind;
    q.approximate = kind !== 'exact';
    if (amount.definite && !amount.dualNoun) q.definite = true;
    return q;
  }

  private joinedUpper(amount: Amount, mod: Modifier): { b: Amount; id: string } | null {
    const t = this.tokens;
    let j = amount.end;
    if (j >= t.length || !this.plain(j - 1)) return null;
    // «و15» splits into «و» + «15»; «وعشرين» carries the conjunction itself
    if (mod.join && t[j].norm === mod.join && j + 1 < t.length && this.blankGap(j)) j++;
    else if (!(mod.join === 'و' && this.numberAt(j)?.s.conj)) return null;
    const b = this.numberPhraseAt(j);
    return b && !b.unit && b.value > amount.value ? { b, id: mod.id } : null;
  }

  private infixRange(end: number, amount: Amount): { b: Amount; id: string } | null {
    const t = this.tokens;
    if (end >= t.length) return null;
    const g = this.gap(end - 1);
    let j = -1;
    let id = '';
    if (/^[ \t]*-[ \t]*$/.test(g) && amount.digits && t[end].numeric) {
      j = end;
      id = 'range.hyphen';
    } else if (/^[ \t]*$/.test(g)) {
      const infix = this.phraseAt(this.ix.infix, end);
      if (infix && infix.end < t.length && this.blankGap(infix.end - 1)) {
        j = infix.end;
        id = infix.p.value.id;
      }
    }
    if (j < 0) return null;
    const b = this.numberPhraseAt(j);
    // «2-1» is a score, «20-10» no range: the second figure must be larger
    if (!b || b.unit || b.value <= amount.value) return null;
    return { b, id };
  }

  private afterCue(unit: ContextCue['unit'], start: number, end: number, overOf = false): Context | null {
    const t = this.tokens;
    let at = end;
    if (at >= t.length || !this.blankGap(at - 1, true)) return null;
    // «25 من تشرين الثاني», «the 3rd of May»
    if (overOf && (t[at].norm === 'من' || t[at].norm === 'of') && at + 1 < t.length && this.plain(at)) at++;
    const index = this.ix.contextsAfter.get(unit);
    const m = index ? this.phraseAt(index, at) : null;
    return m ? { unit, id: m.p.value.id, start, end: m.end } : null;
  }

  private beforeCue(unit: ContextCue['unit'], start: number, end: number): Context | null {
    const index = unit === 'ordinal' ? this.ix.ordinalCues : this.ix.contextsBefore.get(unit);
    if (!index) return null;
    // a cue ends at most `window` tokens before the number, in the same sentence; tokens hold no
    // punctuation, so only the gap after each token stepped over needs looking at
    for (let s = start - 1; s >= 0 && s >= start - index.reach; s--) {
      if (this.gapEndsSentence(s)) break;
      for (const m of this.phrasesAt(index, s)) {
        const back = start - m.end + 1;
        if (back >= 1 && back <= m.p.value.window) return { unit, id: m.p.value.id, start, end };
      }
    }
    return null;
  }

  /** the gap after token i holds one of . ! ? ; or a line break (as /[.!?;\n]/ on gap(i)) */
  private gapEndsSentence(i: number): boolean {
    const t = this.tokens;
    const s = this.a.norm;
    for (let k = t[i].end, e = t[i + 1].start; k < e; k++) {
      const c = s.charCodeAt(k);
      if (c === 46 || c === 33 || c === 63 || c === 59 || c === 10) return true;
    }
    return false;
  }

  private context(amount: Amount, start: number, end: number, modified: boolean): Context | null {
    const t = this.tokens;
    const a = this.a;
    // ordinals: «الخامس عشر», «الحادي والعشرين», «twenty-first», «21st», «الذكرى العشرين»
    if (start > 0) {
      const g = a.norm.slice(t[start - 1].end, t[start].start);
      if (/^[ \t]*$/.test(g)) {
        const id = this.stems(start - 1)
          .map((s) => this.v.ordinals.get(s.stem))
          .find(Boolean);
        if (id && t[start - 1].arabic) return { unit: 'ordinal', id, start: start - 1, end };
      }
      const cue = this.beforeCue('ordinal', start, end);
      if (cue) return cue;
    }
    if (end < t.length && !t[end].arabic) {
      const g = a.norm.slice(t[end - 1].end, t[end].start);
      if (/^[ \t-]*$/.test(g) && this.v.ordinals.has(t[end].norm) && (!t[end - 1].numeric || g === '')) {
        return { unit: 'ordinal', id: this.v.ordinals.get(t[end].norm)!, start, end: end + 1 };
      }
    }
    const first = t[amount.start + (ARTICLE_TOKEN.test(t[amount.start].norm) ? 1 : 0)];
    // «M4», «T4»: letters glued before the digits name a road, a base, a weapon
    if (amount.digits && first.i > 0) {
      const p = t[first.i - 1];
      if (!p.arabic && !p.numeric && p.end === first.start) return { unit: 'label', id: 'label.glued', start, end };
    }
    // «the 1990s» is a decade
    if (amount.plainDigits?.length === 4 && end < t.length && t[end].norm === 's' && t[end].start === t[end - 1].end) {
      return { unit: 'year', id: 'ctx.decade', start, end: end + 1 };
    }
    if (amount.digits && end < t.length) {
      const n = t[end];
      if (!n.arabic && !n.numeric && n.start === t[end - 1].end && !this.v.ordinals.has(n.norm))
        return { unit: 'label', id: 'label.glued', start, end };
    }
    // percent: «10%», «عشرة بالمئة»
    const tail = a.norm.slice(t[end - 1].end, t[end - 1].end + 3);
    const pct = /^[ \t]*%/.exec(tail);
    if (pct) {
      const at = t[end - 1].end + pct[0].length - 1;
      return { unit: 'percent', id: 'ctx.percent_sign', start, end, rawEnd: a.ends[at] };
    }
    const percent = this.afterCue('percent', start, end);
    if (percent) return percent;
    if (amount.digits && start > 0 && /\$[ \t]*$/.test(a.norm.slice(t[start - 1].end, t[start].start)))
      return { unit: 'measure', id: 'ctx.dollar_sign', start, end };
    const measure = this.afterCue('measure', start, end);
    if (measure) return measure;
    if (!modified) {
      const time = this.beforeCue('time', start, end) ?? this.afterCue('time', start, end);
      if (time) return time;
      const label = this.beforeCue('label', start, end);
      if (label && amount.digits) return label;
    }
    // «الأيام الخمسة الأخيرة», «الشهور الأربعة»: a definite number after a time word is a duration
    const timeNoun = amount.definite ? this.nounBefore(amount, start) : null;
    if (timeNoun !== null) {
      const index = this.ix.contexts.get('duration:after');
      const m = index ? this.phraseAt(index, timeNoun) : null;
      if (m && m.end === start) return { unit: 'duration', id: m.p.value.id, start, end };
    }
    const age = this.afterCue('age', start, end) ?? null;
    if (age) return age;
    const duration = this.afterCue('duration', start, end);
    if (duration) {
      const ageBefore = this.beforeCue('age', start, end);
      if (ageBefore) return { ...ageBefore, end: duration.end };
      // «طفل (15 عاماً)»: a bracketed number of years is an age
      if (start > 0 && /\($/.test(a.norm.slice(t[start - 1].end, t[start].start).trim()))
        return { ...duration, unit: 'age' };
      return duration;
    }
    if (!modified) {
      const date =
        this.afterCue('date', start, end, true) ??
        (amount.digits && amount.value <= 31 ? this.beforeCue('date', start, end) : null);
      if (date && amount.value <= 31 && Number.isInteger(amount.value)) return date;
      const ageBefore = this.beforeCue('age', start, end);
      if (ageBefore && amount.value < 120) return ageBefore;
      if (
        amount.plainDigits &&
        amount.plainDigits.length === 4 &&
        amount.value >= YEAR_MIN &&
        amount.value <= YEAR_MAX
      ) {
        const year = this.beforeCue('year', start, end);
        if (year) return year;
        // «2015م», a year at the end of a clause, a year before a comma
        const next = end < t.length ? t[end] : null;
        if (
          !next ||
          next.norm === 'م' ||
          next.norm === 'ه' ||
          /[.,;:!?)\n]/.test(this.gap(end - 1)) ||
          (/^\p{N}/u.test(next.norm) === false &&
            !next.arabic &&
            ['and', 'the', 'when', 'after', 'before', 'to'].includes(next.norm))
        ) {
          return {
            unit: 'year',
            id: 'ctx.year_alone',
            start,
            end: next && (next.norm === 'م' || next.norm === 'ه') && this.gap(end - 1) === '' ? end + 1 : end,
          };
        }
      }
    }
    // «يوم الاثنين» is Monday, not two
    if (
      amount.ids[0] === 'num.two' &&
      amount.end - amount.start === 1 &&
      this.stems(amount.start).find((s) => this.v.numbers.has(s.stem))?.article
    ) {
      return { unit: 'date', id: 'ctx.weekday', start, end };
    }
    return null;
  }

  private definiteAt(i: number): boolean {
    return this.tokens[i].arabic && this.stems(i).some((s) => s.article);
  }

  /** index of the noun a number follows, or null */
  private nounBefore(amount: Amount, start: number): number | null {
    const t = this.tokens;
    if (start === 0 || amount.conj || !(amount.nounBefore || amount.definite)) return null;
    if (!/^[ \t]*$/.test(this.a.norm.slice(t[start - 1].end, t[start].start))) return null;
    const p = start - 1;
    if (!t[p].arabic || t[p].numeric || this.numberAt(p) || this.v.notNouns.has(t[p].norm)) return null;
    return this.definiteAt(p) === amount.definite ? p : null;
  }

  private noun(amount: Amount, start: number, end: number, value: number, modified: boolean): CountedNoun | null {
    const t = this.tokens;
    if (amount.dualNoun) {
      const tok = t[amount.start];
      return {
        tokenStart: tok.i,
        tokenEnd: tok.i + 1,
        rawStart: tok.rawStart,
        rawEnd: tok.rawEnd,
        key: amount.dualNoun,
      };
    }
    // «شخص واحد», «مدنيين اثنين», «الرجال الثلاثة», «الرجال ال 19»: the noun comes first, and agrees in
    // definiteness («العراق وواحد» counts nothing)
    // («قرابة الـ 100 ضحية»: after a modifier the noun can only follow)
    const before = modified ? null : this.nounBefore(amount, start);
    if (before !== null) return nounOf(t[before], value);
    let j = end;
    if (j >= t.length || !this.blankGap(j - 1)) return null;
    // «عشرات من العناصر», «dozens of civilians»
    if ((t[j].norm === 'من' || t[j].norm === 'of') && j + 1 < t.length && this.blankGap(j)) j++;
    const n = t[j];
    if (n.numeric || this.numberAt(j) || this.v.notNouns.has(n.norm)) return null;
    if (!/^\p{L}/u.test(n.norm)) return null;
    return nounOf(n, value);
  }

  private build(
    start: number,
    end: number,
    amount: Amount,
    noun: CountedNoun | null,
    rule: string[],
    unit: QuantityUnit | null,
    rawEndOverride: number | null = null,
  ): Quantity {
    const t = this.tokens;
    const rawStart = t[start].rawStart;
    const rawEnd = rawEndOverride ?? t[end - 1].rawEnd;
    const q: Quantity = {
      tokenStart: start,
      tokenEnd: end,
      rawStart,
      rawEnd,
      text: this.a.raw.slice(rawStart, rawEnd),
      value: amount.value,
      min: amount.value,
      max: amount.value,
      approximate: false,
      kind: 'exact',
      rule: rule.join('+'),
    };
    if (unit) q.unit = unit;
    if (noun) q.noun = noun;
    return q;
  }
}

/** rounded to 6 places first so 100 × 1.1 gives 110, not 111 */
function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

function decimalPlace(v: number): number {
  return 10 ** Math.floor(Math.log10(Math.max(1, v)));
}

function modify(kind: Modifier['kind'], n: number): { kind: QuantityKind; min: number; max: number } {
  if (kind === 'about') return { kind: 'about', min: Math.floor(round6(n * 0.9)), max: Math.ceil(round6(n * 1.1)) };
  if (kind === 'at_least') return { kind: 'at_least', min: n, max: Math.ceil(round6(n * 1.5)) };
  return { kind: 'range', min: n, max: n };
}

type Join = 'teen' | 'mul_unit' | 'scale' | 'add';

/** How a number word joins the compound before it, or null when it starts a new number. */
function join(
  prev: { role: NumberWord['role'] | 'digits'; value: number; added: number },
  next: NumberWord,
  conj: boolean,
  arabic: boolean,
): Join | null {
  if (next.role === 'scale') return !conj && prev.role !== 'scale' ? 'scale' : null;
  if (next.role === 'teen_only') return null;
  if (prev.role === 'digits') return null;
  if (next.role === 'ten' && arabic) {
    // «خمسة عشر», «أحد عشر», «اثنا عشر»
    return !conj && (prev.role === 'teen_only' || (prev.role === 'unit' && prev.value < 10)) ? 'teen' : null;
  }
  if (next.role === 'hundred' && !conj && prev.role === 'unit' && prev.value < (arabic ? 10 : 20)) return 'mul_unit';
  if (prev.role === 'teen_only') return null;
  if (arabic) {
    if (!conj) return null;
    // «ثلاثة وأربعين»: units come before tens in Arabic
    if ((prev.role === 'unit' || prev.role === 'ten') && next.role === 'tens' && prev.value < 10) return 'add';
    if (prev.added >= 100 && next.value < decimalPlace(prev.added)) return 'add';
    return null;
  }
  if (prev.role === 'tens' && next.role === 'unit' && next.value < 10 && !conj) return 'add';
  if (prev.added >= 100 && next.value < decimalPlace(prev.added)) return 'add';
  return null;
}

function nounOf(tok: Token, value: number): CountedNoun {
  let key = tok.norm;
  if (tok.arabic) {
    const m = /^(?:[وف]?[بكل]?ال|[وف]?لل)(.{2,})$/.exec(key);
    if (m) key = m[1];
    // after 11–99 the noun is a singular with accusative «ا»: «19 رجلاً» counts «رجل»
    const r = value % 100;
    if (Number.isInteger(value) && r >= 11 && key.length >= 4 && key.endsWith('ا') && !/ايا$/.test(key))
      key = key.slice(0, -1);
  }
  return { tokenStart: tok.i, tokenEnd: tok.i + 1, rawStart: tok.rawStart, rawEnd: tok.rawEnd, key };
}

export function findQuantities(a: AnalyzedText): Quantity[] {
  const out: Quantity[] = [];
  if (a.tokens.length === 0) return out;
  const ar = quantityVocabulary('ar');
  const en = quantityVocabulary('en');
  const v = mergeVocabularies(ar, en);
  const finder = new Finder(a, v, merged!.ix);
  for (let i = 0; i < a.tokens.length;) {
    const q = finder.mayStart(i) ? finder.quantityAt(i) : null;
    if (q && q.tokenEnd > i) {
      out.push(q);
      i = q.tokenEnd;
    } else i++;
  }
  return out;
}

let merged: { ar: QuantityVocabulary; en: QuantityVocabulary; v: QuantityVocabulary; ix: Indexes } | null = null;

// Arabic and English words never collide (different scripts), so one table serves mixed text.
function mergeVocabularies(ar: QuantityVocabulary, en: QuantityVocabulary): QuantityVocabulary {
  if (merged && merged.ar === ar && merged.en === en) return merged.v;
  const byLength = <T>(x: Phrase<T>, y: Phrase<T>) => y.words.length - x.words.length;
  const v: QuantityVocabulary = {
    numbers: new Map([...ar.numbers, ...en.numbers]),
    notNouns: new Set([...ar.notNouns, ...en.notNouns]),
    duals: new Map([...ar.duals, ...en.duals]),
    ordinals: new Map([...ar.ordinals, ...en.ordinals]),
    vague: [...ar.vague, ...en.vague].sort(byLength),
    modifiers: [...ar.modifiers, ...en.modifiers].sort(byLength),
    ordinalCues: [...ar.ordinalCues, ...en.ordinalCues].sort(byLength),
    contexts: [...ar.contexts, ...en.contexts].sort(byLength),
    personOnly: new Set([...ar.personOnly, ...en.personOnly]),
  };
  merged = { ar, en, v, ix: buildIndexes(v) };
  return v;
}
