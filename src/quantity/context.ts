// What a number is, from its surroundings: an ordinal, a label, a percent, a measure, a time, a
// duration, an age, a date or a year; otherwise the noun it counts.
import type { Token } from '../text/tokens.ts';
import type { CountedNoun, QuantityUnit } from './types.ts';
import type { ContextCue } from './vocabulary.ts';
import { ARTICLE_TOKEN, AmountReader, type Amount } from './amounts.ts';

const YEAR_MIN = 1900;
const YEAR_MAX = 2100;

export interface Context {
  unit: QuantityUnit;
  id: string;
  start: number;
  end: number;
  /** the span ends inside a token gap («10%») */
  rawEnd?: number;
}

export class ContextReader extends AmountReader {
  private afterCue(unit: ContextCue['unit'], start: number, end: number, overOf = false): Context | null {
    const t = this.tokens;
    let at = end;
    if (at >= t.length || !this.blankGap(at - 1, true)) return null;
    // «25 من تشرين الثاني», «the 3rd of May»
    if (overOf && (t[at]!.norm === 'من' || t[at]!.norm === 'of') && at + 1 < t.length && this.plain(at)) at++;
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
    for (let k = t[i]!.end, e = t[i + 1]!.start; k < e; k++) {
      const c = s.charCodeAt(k);
      if (c === 46 || c === 33 || c === 63 || c === 59 || c === 10) return true;
    }
    return false;
  }

  protected context(amount: Amount, start: number, end: number, modified: boolean): Context | null {
    const t = this.tokens;
    const a = this.a;
    // ordinals: «الخامس عشر», «الحادي والعشرين», «twenty-first», «21st», «الذكرى العشرين»
    if (start > 0) {
      const g = a.norm.slice(t[start - 1]!.end, t[start]!.start);
      if (/^[ \t]*$/.test(g)) {
        const id = this.stems(start - 1)
          .map((s) => this.v.ordinals.get(s.stem))
          .find(Boolean);
        if (id && t[start - 1]!.arabic) return { unit: 'ordinal', id, start: start - 1, end };
      }
      const cue = this.beforeCue('ordinal', start, end);
      if (cue) return cue;
    }
    if (end < t.length && !t[end]!.arabic) {
      const g = a.norm.slice(t[end - 1]!.end, t[end]!.start);
      if (/^[ \t-]*$/.test(g) && this.v.ordinals.has(t[end]!.norm) && (!t[end - 1]!.numeric || g === '')) {
        return { unit: 'ordinal', id: this.v.ordinals.get(t[end]!.norm)!, start, end: end + 1 };
      }
    }
    const first = t[amount.start + (ARTICLE_TOKEN.test(t[amount.start]!.norm) ? 1 : 0)]!;
    // «M4», «T4»: letters glued before the digits name a road, a base, a weapon
    if (amount.digits && first.i > 0) {
      const p = t[first.i - 1]!;
      if (!p.arabic && !p.numeric && p.end === first.start) return { unit: 'label', id: 'label.glued', start, end };
    }
    // «the 1990s» is a decade
    if (
      amount.plainDigits?.length === 4 &&
      end < t.length &&
      t[end]!.norm === 's' &&
      t[end]!.start === t[end - 1]!.end
    ) {
      return { unit: 'year', id: 'ctx.decade', start, end: end + 1 };
    }
    if (amount.digits && end < t.length) {
      const n = t[end]!;
      if (!n.arabic && !n.numeric && n.start === t[end - 1]!.end && !this.v.ordinals.has(n.norm))
        return { unit: 'label', id: 'label.glued', start, end };
    }
    // percent: «10%», «عشرة بالمئة»
    const tail = a.norm.slice(t[end - 1]!.end, t[end - 1]!.end + 3);
    const pct = /^[ \t]*%/.exec(tail);
    if (pct) {
      const at = t[end - 1]!.end + pct[0].length - 1;
      return { unit: 'percent', id: 'ctx.percent_sign', start, end, rawEnd: a.ends[at] };
    }
    const percent = this.afterCue('percent', start, end);
    if (percent) return percent;
    if (amount.digits && start > 0 && /\$[ \t]*$/.test(a.norm.slice(t[start - 1]!.end, t[start]!.start)))
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
      if (start > 0 && /\($/.test(a.norm.slice(t[start - 1]!.end, t[start]!.start).trim()))
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
    return this.tokens[i]!.arabic && this.stems(i).some((s) => s.article);
  }

  /** index of the noun a number follows, or null */
  private nounBefore(amount: Amount, start: number): number | null {
    const t = this.tokens;
    if (start === 0 || amount.conj || !(amount.nounBefore || amount.definite)) return null;
    if (!/^[ \t]*$/.test(this.a.norm.slice(t[start - 1]!.end, t[start]!.start))) return null;
    const p = start - 1;
    if (!t[p]!.arabic || t[p]!.numeric || this.numberAt(p) || this.v.notNouns.has(t[p]!.norm)) return null;
    return this.definiteAt(p) === amount.definite ? p : null;
  }

  protected noun(amount: Amount, start: number, end: number, value: number, modified: boolean): CountedNoun | null {
    const t = this.tokens;
    if (amount.dualNoun) {
      const tok = t[amount.start]!;
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
    if (before !== null) return nounOf(t[before]!, value);
    let j = end;
    if (j >= t.length || !this.blankGap(j - 1)) return null;
    // «عشرات من العناصر», «dozens of civilians»
    if ((t[j]!.norm === 'من' || t[j]!.norm === 'of') && j + 1 < t.length && this.blankGap(j)) j++;
    const n = t[j]!;
    if (n.numeric || this.numberAt(j) || this.v.notNouns.has(n.norm)) return null;
    if (!/^\p{L}/u.test(n.norm)) return null;
    return nounOf(n, value);
  }
}

function nounOf(tok: Token, value: number): CountedNoun {
  let key = tok.norm;
  if (tok.arabic) {
    const m = /^(?:[وف]?[بكل]?ال|[وف]?لل)(.{2,})$/.exec(key);
    if (m) key = m[1]!;
    // after 11–99 the noun is a singular with accusative «ا»: «19 رجلاً» counts «رجل»
    const r = value % 100;
    if (Number.isInteger(value) && r >= 11 && key.length >= 4 && key.endsWith('ا') && !/ايا$/.test(key))
      key = key.slice(0, -1);
  }
  return { tokenStart: tok.i, tokenEnd: tok.i + 1, rawStart: tok.rawStart, rawEnd: tok.rawEnd, key };
}
