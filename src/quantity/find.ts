// Quantities in a text: digits in both scripts, number words with their compounds, duals, vague words
// and modifiers, valued per section 4 of the contract. One left-to-right pass over the tokens; each
// quantity is built as modifier? amount (range | after-modifier)? and then its context decides whether
// it is a head count (noun) or something else (unit: date, year, age, percent…).
// The finder is layered: token access (token-reader.ts), amounts (amounts.ts), context (context.ts)
// and, here, the quantity with its modifiers and ranges.
//
// Choice documented here (the contract leaves it open): a vague word multiplied by a scale keeps the
// contract's figures scaled: «عشرات الآلاف» = 12 × 1000 = 12000 (20000–99999), «tens of thousands» =
// 10000 (20000–99999), «مئات الآلاف» = 100000 (200000–999999).
import type { AnalyzedText } from '../text/analyze.ts';
import type { CountedNoun, Quantity, QuantityKind, QuantityUnit } from './types.ts';
import { quantityVocabulary, type Modifier, type Phrase, type QuantityVocabulary } from './vocabulary.ts';
import { buildIndexes, type Indexes } from './phrase-index.ts';
import { STEM_CACHE_LIMIT } from './token-reader.ts';
import { ARTICLE_TOKEN, type Amount } from './amounts.ts';
import { ContextReader } from './context.ts';

export type { Quantity } from './types.ts';

const OPENS_NOT = 0;
const OPENS = 1;
/** a bare article token («الـ») opens a quantity when digits follow it */
const OPENS_BEFORE_DIGITS = 2;

class Finder extends ContextReader {
  // ---- quantities ---------------------------------------------------------------------------------

  /** a cheap test that token i can open a quantity, before any phrase matching */
  mayStart(i: number): boolean {
    const t = this.tokens[i]!;
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
    if (opens === OPENS_BEFORE_DIGITS) return i + 1 < this.tokens.length && this.tokens[i + 1]!.numeric;
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
    if (mod.join && t[j]!.norm === mod.join && j + 1 < t.length && this.blankGap(j)) j++;
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
    if (/^[ \t]*-[ \t]*$/.test(g) && amount.digits && t[end]!.numeric) {
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
    const rawStart = t[start]!.rawStart;
    const rawEnd = rawEndOverride ?? t[end - 1]!.rawEnd;
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

function modify(kind: Modifier['kind'], n: number): { kind: QuantityKind; min: number; max: number } {
  if (kind === 'about') return { kind: 'about', min: Math.floor(round6(n * 0.9)), max: Math.ceil(round6(n * 1.1)) };
  if (kind === 'at_least') return { kind: 'at_least', min: n, max: Math.ceil(round6(n * 1.5)) };
  return { kind: 'range', min: n, max: n };
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
