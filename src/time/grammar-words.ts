// The words of the time grammar: tags by role, digits, counts, days, months, years, durations, and
// the longest of several readings. The readers build on these (grammar-dates.ts, grammar.ts).
import type { AnalyzedText } from '../text/analyze.ts';
import { R, type Tag } from './vocabulary.ts';
import type { Part, Rel, TimeExpr, Unit } from './expr.ts';

export interface Reading {
  end: number;
  expr: TimeExpr;
  rule: string;
  /** a doubt the words themselves raise («5/6/2016» in English), as an issue code */
  issue?: string;
}

interface Got {
  value: string;
  end: number;
  tag: Tag;
}

const ORDINAL_SUFFIX = new Set(['st', 'nd', 'rd', 'th']);
// Years a report dates events by; wider numbers are counts («2500 شخص»).
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;
export const MIN_HIJRI_YEAR = 1300;
export const MAX_HIJRI_YEAR = 1500;
// The longest spans a report counts back in each unit
export const MAX_COUNT: Record<Unit, number> = { hour: 1000, day: 1000, week: 520, month: 600, year: 100 };

export abstract class GrammarWords {
  constructor(
    protected readonly a: AnalyzedText,
    protected readonly tags: Array<Tag[] | undefined>,
  ) {}

  /** The first tag at token i with role k (an index from R), with that role's value. */
  role(i: number, k: number): Got | null {
    const list = this.tags[i];
    if (!list) return null;
    for (const tag of list) {
      const v = tag.word.byIndex[k];
      if (v !== undefined) return ((tag.got ??= [])[k] ??= { value: v, end: tag.end, tag });
    }
    return null;
  }

  protected tok(i: number) {
    return i < this.a.tokens.length ? this.a.tokens[i] : undefined;
  }

  /** Normalised text between token i-1 and token i. */
  gap(i: number): string {
    const t = this.tok(i);
    const p = this.tok(i - 1);
    if (!t || !p) return '';
    return this.a.norm.slice(p.end, t.start);
  }

  /** A digit run, skipping the article of «الـ24». */
  protected digits(i: number): { value: number; len: number; end: number } | null {
    let t = this.tok(i);
    if (t && t.norm === 'ال' && this.tok(i + 1)?.numeric && this.gap(i + 1).trim() === '') {
      i++;
      t = this.tok(i);
    }
    if (!t || !t.numeric || !/^\d+$/.test(t.norm)) return null;
    return { value: Number(t.norm), len: t.norm.length, end: i + 1 };
  }

  /** A count: digits or number words («ثلاثة», «خمسة عشر», «ثلاثة وعشرين», «four»). */
  number(i: number): { value: number; end: number } | null {
    const d = this.digits(i);
    if (d) return d.len <= 4 ? { value: d.value, end: d.end } : null;
    const n = this.role(i, R.number);
    if (n) {
      const v = Number(n.value);
      const teen = v < 10 ? this.role(n.end, R.teen) : null;
      if (teen) return { value: v + 10, end: teen.end };
      const tens = v < 10 ? this.role(n.end, R.tens) : null;
      if (tens) return { value: v + Number(tens.value), end: tens.end };
      return { value: v, end: n.end };
    }
    const tens = this.role(i, R.tens);
    if (tens) return { value: Number(tens.value), end: tens.end };
    return null;
  }

  /** A day of the month: «3», «3rd», «الثالث», «الخامس عشر», «الحادي والعشرين». */
  day(i: number): { d: number; end: number } | null {
    const dg = this.digits(i);
    if (dg) {
      if (dg.len > 2 || dg.value < 1 || dg.value > 31) return null;
      const next = this.tok(dg.end);
      const end = next && ORDINAL_SUFFIX.has(next.norm) && this.gap(dg.end) === '' ? dg.end + 1 : dg.end;
      return { d: dg.value, end };
    }
    const o = this.role(i, R.ordinal);
    if (!o) return null;
    const v = Number(o.value);
    const teen = v < 10 ? this.role(o.end, R.teen) : null;
    if (teen) return { d: v + 10, end: teen.end };
    const tens = v < 10 ? this.role(o.end, R.tens) : null;
    if (tens) {
      const d = v + Number(tens.value);
      return d <= 31 ? { d, end: tens.end } : null;
    }
    return { d: v, end: o.end };
  }

  /** A month name, with its name in the other system beside it: «تموز (يوليو)», «كانون الأول / ديسمبر». */
  month(i: number): {
    m: number;
    cal: 'gregorian' | 'hijri';
    end: number;
    needsContext: 'required' | 'strict' | null;
    paired: boolean;
  } | null {
    // «شهر 5»: Syrian usage names months by number after «شهر»
    // («خلال الشهر 5 قتلى» counts: the article makes «الشهر» a noun of its own)
    const mw = this.role(i - 1, R.month_word);
    const bare = mw && mw.end === i && !this.tok(i - 1)!.keys.some((k) => k.startsWith('ال'));
    const n = bare ? this.digits(i) : null;
    if (n && n.len <= 2 && n.value >= 1 && n.value <= 12 && !this.role(n.end, R.unit))
      return { m: n.value, cal: 'gregorian', end: n.end, needsContext: null, paired: false };
    const g = this.role(i, R.month);
    const h = g ? null : this.role(i, R.hijri_month);
    const got = g ?? h;
    if (!got) return null;
    const m = Number(got.value);
    const cal = g ? 'gregorian' : 'hijri';
    // the other system's name, not the same word again («صفر - صفر» is a score)
    const alt = this.role(got.end, g ? R.month : R.hijri_month);
    if (alt && Number(alt.value) === m && this.tok(got.end)!.norm !== this.tok(i)!.norm)
      return { m, cal, end: alt.end, needsContext: null, paired: true };
    return { m, cal, end: got.end, needsContext: got.tag.word.needsContext, paired: false };
  }

  /** A year: «2015», «عام 2015», «2015م», «1436 هـ», «the year 2015». */
  year(
    i: number,
    hint: 'gregorian' | 'hijri' = 'gregorian',
  ): { y: number; cal: 'gregorian' | 'hijri'; end: number; worded: boolean } | null {
    const w = this.role(i, R.year_word);
    const j = w ? w.end : i;
    const d = this.digits(j);
    if (!d || d.len !== 4) return null;
    const era = this.role(d.end, R.era);
    const cal = era ? (era.value === 'hijri' ? 'hijri' : 'gregorian') : hint;
    const [lo, hi] = cal === 'hijri' ? [MIN_HIJRI_YEAR, MAX_HIJRI_YEAR] : [MIN_YEAR, MAX_YEAR];
    if (d.value < lo || d.value > hi) return null;
    return { y: d.value, cal, end: era ? era.end : d.end, worded: w !== null };
  }

  protected rel(i: number): { rel: Rel; end: number } | null {
    const r = this.role(i, R.rel);
    return r ? { rel: r.value as Rel, end: r.end } : null;
  }

  protected relBefore(i: number): { rel: Rel; end: number } | null {
    const r = this.role(i, R.rel_before);
    return r ? { rel: r.value as Rel, end: r.end } : null;
  }

  protected part(i: number): { part: Part; end: number } | null {
    const p = this.role(i, R.part);
    return p ? { part: p.value as Part, end: p.end } : null;
  }

  /** A word right before i that makes a bare month name a date («في آب», «منذ مارس»). */
  protected contextBefore(i: number): boolean {
    for (const r of [R.lead, R.since, R.part, R.month_word, R.on_day]) {
      const g = this.role(i - 1, r);
      if (g && g.end === i) return true;
    }
    return false;
  }

  /** «قوى 14 آذار», «ثورة 25 يناير», «ذكرى 15 آذار»: a date that names something else. */
  protected namedByDate(i: number): boolean {
    const b = this.role(i - 1, R.blocks_date);
    return b !== null && b.end === i;
  }

  /** «2 - صفر» is a score, «3/تموز» no date: a day and its month stand apart by spaces only. */
  protected spacedOnly(j: number): boolean {
    return /^[\s(]*$/.test(this.gap(j));
  }

  /** A length of time: «3 أيام», «يومين», «أسبوع», «بضعة أيام», «أيام», «four months», «a few days». */
  duration(i: number): { unit: Unit; n: number; end: number; counted: boolean } | null {
    let j = i;
    const ap = this.role(j, R.approx);
    if (ap) j = ap.end;
    const num = this.number(j);
    if (num) {
      const u = this.role(num.end, R.unit);
      // «منذ 2015 العام» is no span of 2015 years
      if (u && num.value > MAX_COUNT[u.value as Unit]) return null;
      if (u) return { unit: u.value as Unit, n: num.value, end: u.end, counted: true };
      const few = this.role(num.end, R.few);
      if (!few) return null;
      j = few.end;
    }
    const few = this.role(j, R.few);
    if (few) j = few.end;
    const u = this.role(j, R.unit);
    if (!u) return null;
    const w = u.tag.word;
    if (w.form === 'dual') return { unit: u.value as Unit, n: 2, end: u.end, counted: true };
    if (w.form === 'plural') return { unit: u.value as Unit, n: w.defaultCount ?? 3, end: u.end, counted: false };
    if (w.form === 'singular' && !few) {
      // «منذ عام 670 ق.م.» names a year (out of our range), it is no «one year»
      if (this.digits(u.end)) return null;
      const one = this.number(u.end);
      return { unit: u.value as Unit, n: 1, end: one && one.value === 1 ? one.end : u.end, counted: true };
    }
    return null;
  }

  /** The token after a range's joining word, or -1: «إلى», «حتى», «to», «and», a dash, «و5», «وأيلول». */
  protected join(j: number): number {
    const t = this.tok(j);
    if (!t) return -1;
    if (this.gap(j).trim() === '-') return j;
    const r = this.role(j, R.range_join);
    if (r) return r.end;
    if (t.norm === 'و') return j + 1;
    // the conjunction written on the next word: its keys without «و» carry the date word
    if (t.arabic && t.norm.startsWith('و') && t.keys.length > 1) return j;
    return -1;
  }

  longest(i: number, readers: Array<(i: number) => Reading | null>): Reading | null {
    let best: Reading | null = null;
    for (const read of readers) {
      const r = read.call(this, i);
      if (r && (!best || r.end > best.end)) best = r;
    }
    return best;
  }
}
