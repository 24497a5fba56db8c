// The time grammar: small readers over tagged tokens, each returning where it stopped and what the
// words said. findTimes tries every reader at a token and keeps the longest reading.
import type { AnalyzedText } from '../text/analyze.ts';
import { R, type Role, type Tag } from './vocabulary.ts';
import type { Part, Rel, Season, TimeExpr, Unit } from './expr.ts';

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
const MIN_YEAR = 1900;
const MAX_YEAR = 2100;
const MIN_HIJRI_YEAR = 1300;
const MAX_HIJRI_YEAR = 1500;
// The longest spans a report counts back in each unit
const MAX_COUNT: Record<Unit, number> = { hour: 1000, day: 1000, week: 520, month: 600, year: 100 };
// «around» a day: three days either side, a week in all
const ABOUT_DAYS = 3;

export class TimeGrammar {
  constructor(
    private readonly a: AnalyzedText,
    private readonly tags: Array<Tag[] | undefined>,
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

  private tok(i: number) {
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
  private digits(i: number): { value: number; len: number; end: number } | null {
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

  private rel(i: number): { rel: Rel; end: number } | null {
    const r = this.role(i, R.rel);
    return r ? { rel: r.value as Rel, end: r.end } : null;
  }

  private relBefore(i: number): { rel: Rel; end: number } | null {
    const r = this.role(i, R.rel_before);
    return r ? { rel: r.value as Rel, end: r.end } : null;
  }

  private part(i: number): { part: Part; end: number } | null {
    const p = this.role(i, R.part);
    return p ? { part: p.value as Part, end: p.end } : null;
  }

  /** A word right before i that makes a bare month name a date («في آب», «منذ مارس»). */
  private contextBefore(i: number): boolean {
    for (const r of [R.lead, R.since, R.part, R.month_word, R.on_day]) {
      const g = this.role(i - 1, r);
      if (g && g.end === i) return true;
    }
    return false;
  }

  /** «من العام الماضي», «من هذا العام», «من العام 1901»: the year of a month or day after «من». */
  /** What may follow a month name: a year («تموز 2014»), or else «الماضي»/«الجاري», or else «من العام الماضي». */
  private afterMonth(j: number, cal: 'gregorian' | 'hijri') {
    const y = this.year(j, cal);
    if (y) j = y.end;
    const r = y ? null : this.rel(j);
    if (r) j = r.end;
    const oy = y || r ? null : this.ofYear(j, cal);
    if (oy) j = oy.end;
    return { y, r, oy, end: j };
  }

  private ofYear(j: number, cal: 'gregorian' | 'hijri'): { rel: Rel | null; y: number | null; end: number } | null {
    const of = this.role(j, R.of);
    if (!of) return null;
    const y = this.year(of.end, cal);
    if (y && y.worded) return { rel: null, y: y.y, end: y.end };
    const p = this.period(of.end);
    if (!p || p.expr.t !== 'period' || p.expr.unit !== 'year' || p.expr.part !== null) return null;
    return { rel: p.expr.rel, y: null, end: p.end };
  }

  /** «قوى 14 آذار», «ثورة 25 يناير», «ذكرى 15 آذار»: a date that names something else. */
  private namedByDate(i: number): boolean {
    const b = this.role(i - 1, R.blocks_date);
    return b !== null && b.end === i;
  }

  /** «2 - صفر» is a score, «3/تموز» no date: a day and its month stand apart by spaces only. */
  private spacedOnly(j: number): boolean {
    return /^[\s(]*$/.test(this.gap(j));
  }

  /** «3 تموز 2014», «في الثالث من تموز / يوليو عام 2014», «13 تموز الماضي», «15 رمضان 1436 هـ», «3rd of May». */
  dayMonth(i: number): Reading | null {
    const day = this.day(i);
    if (!day || this.namedByDate(i)) return null;
    let j = day.end;
    const of = this.role(j, R.of);
    if (of) j = of.end;
    // «23 من الشهر الجاري»: a day of a month named relative to publication
    const p = this.period(j);
    if (p && p.expr.t === 'period' && p.expr.unit === 'month' && p.expr.part === null)
      return { end: p.end, expr: { ...p.expr, d: day.d }, rule: 'period.day-of' };
    // «يوم 13 الجاري»: the month is understood
    const cur = this.rel(j);
    if (cur && cur.rel === 'current')
      return {
        end: cur.end,
        expr: { t: 'period', unit: 'month', rel: 'current', part: null, d: day.d },
        rule: 'period.day-of',
      };
    // an ordinal names a day only before a month («الثالث من تموز», «أول أيار»)
    const mw = this.role(j, R.month_word);
    if (mw) j = mw.end;
    if (!this.spacedOnly(j)) return null;
    const mo = this.month(j);
    if (!mo) return null;
    const { y, r, oy, end: afterMonth } = this.afterMonth(mo.end, mo.cal);
    j = afterMonth;
    // «2 صفر» is a score: a strict month needs «من», «شهر» or a year beside the day
    if (mo.needsContext === 'strict' && !of && !mw && !y && !oy) return null;
    const cal = y ? y.cal : mo.cal;
    const year = y ? y.y : (oy?.y ?? null);
    return {
      end: j,
      expr: {
        t: 'date',
        cal,
        y: year,
        m: mo.m,
        d: day.d,
        rel: r ? r.rel : null,
        part: null,
        ...(oy?.rel ? { yearRel: oy.rel } : {}),
      },
      rule: cal === 'hijri' ? 'hijri.day-month' : y ? 'date.day-month-year' : 'date.day-month',
    };
  }

  /** «May 3, 2020», «July 3». */
  monthDay(i: number): Reading | null {
    const mo = this.month(i);
    if (!mo || mo.cal !== 'gregorian') return null;
    const day = this.day(mo.end);
    // «in May 12 people died»: a count, not a day
    if (!day || this.role(day.end, R.unit) || this.a.lang === 'ar') return null;
    let j = day.end;
    const y = this.year(j);
    if (y) j = y.end;
    return {
      end: j,
      expr: { t: 'date', cal: 'gregorian', y: y ? y.y : null, m: mo.m, d: day.d, rel: null, part: null },
      rule: y ? 'date.month-day-year' : 'date.month-day',
    };
  }

  /** «أواخر أيار 2015», «خلال شهر رمضان», «في تشرين الأول الماضي», «early June». */
  monthOnly(i: number): Reading | null {
    let j = i;
    const p = this.part(j);
    if (p) j = p.end;
    const mw = this.role(j, R.month_word);
    if (mw) j = mw.end;
    const of = mw ? this.role(j, R.of) : null;
    if (of) j = of.end;
    const mo = this.month(j);
    if (!mo) return null;
    const { y, r, oy, end: afterMonth } = this.afterMonth(mo.end, mo.cal);
    j = afterMonth;
    if (mo.needsContext && !y && !r && !oy && !p && !mw && (mo.needsContext === 'strict' || !this.contextBefore(i)))
      return null;
    if (this.namedByDate(i)) return null;
    // a month right after a day that made no date is no month of its own («قوى 14 آذار», «2 - صفر»)
    if (!p && !mw && !y && this.day(i - 1)?.end === i) return null;
    const cal = y ? y.cal : mo.cal;
    const year = y ? y.y : (oy?.y ?? null);
    return {
      end: j,
      expr: {
        t: 'date',
        cal,
        y: year,
        m: mo.m,
        d: null,
        rel: r ? r.rel : null,
        part: p ? p.part : null,
        ...(oy?.rel ? { yearRel: oy.rel } : {}),
      },
      rule: cal === 'hijri' ? 'hijri.month' : p ? 'date.part-of-month' : 'date.month',
    };
  }

  /** «عام 2015», «مطلع عام 2015», «في 2015», «1436 هـ». */
  yearOnly(i: number): Reading | null {
    let j = i;
    const p = this.part(j);
    if (p) j = p.end;
    const y = this.year(j);
    if (!y) return null;
    // a bare number is a year only after a preposition, a part word or with an era («في 2015»)
    const eraOrWord = y.worded || y.end > j + 1;
    if (!eraOrWord && !p && !this.contextBefore(i)) return null;
    return {
      end: y.end,
      expr: { t: 'date', cal: y.cal, y: y.y, m: null, d: null, rel: null, part: p ? p.part : null },
      rule: y.cal === 'hijri' ? 'hijri.year' : p ? 'date.part-of-year' : 'date.year',
    };
  }

  /** «5/6/2016», «2016-05-06»: day first, as the region writes dates. */
  numericDate(i: number): Reading | null {
    const a = this.digits(i);
    if (!a) return null;
    // «5/6/2016», also spaced «15 / 1 / 1959» as some sites write it; one separator throughout
    const sep = this.gap(a.end).trim();
    if (!['/', '-', '.'].includes(sep) || this.gap(a.end).length > 3) return null;
    const b = this.digits(a.end);
    if (!b || this.gap(b.end).trim() !== sep || this.gap(b.end).length > 3) return null;
    const c = this.digits(b.end);
    if (!c) return null;
    let y: number;
    let m: number;
    let d: number;
    if (a.len === 4 && b.len <= 2 && c.len <= 2) [y, m, d] = [a.value, b.value, c.value];
    else if (c.len === 4 && a.len <= 2 && b.len <= 2) {
      y = c.value;
      // day first unless that is impossible («12/25/2016»)
      [d, m] = b.value > 12 && a.value <= 12 ? [b.value, a.value] : [a.value, b.value];
    } else return null;
    // «15/9/1436 هـ»: a Hijri date written in numbers
    const era = this.role(c.end, R.era);
    const hijri = era ? era.value === 'hijri' : y >= MIN_HIJRI_YEAR && y <= MAX_HIJRI_YEAR;
    const [lo, hi] = hijri ? [MIN_HIJRI_YEAR, MAX_HIJRI_YEAR] : [MIN_YEAR, MAX_YEAR];
    if (y < lo || y > hi) return null;
    // «5/6/2016» in an English report may be 6 May or 5 June: taken day first, marked as a doubt
    const issue =
      this.a.lang === 'en' && a.len <= 2 && d !== m && d <= 12 && m <= 12 ? 'time.ambiguous-day' : undefined;
    return {
      end: era ? era.end : c.end,
      expr: { t: 'date', cal: hijri ? 'hijri' : 'gregorian', y, m, d, rel: null, part: null },
      rule: hijri ? 'hijri.numeric' : 'date.numeric',
      ...(issue ? { issue } : {}),
    };
  }

  /** «الأسبوع الماضي», «العام الجاري», «مطلع العام», «هذا الشهر», «last week», «earlier this month». */
  period(i: number): Reading | null {
    let j = i;
    const p = this.part(j);
    if (p) j = p.end;
    const of = p ? this.role(j, R.of) : null;
    if (of) j = of.end;
    const rb = this.relBefore(j);
    if (rb) j = rb.end;
    const u = this.role(j, R.unit);
    if (!u || u.tag.word.form !== 'singular') return null;
    const unit = u.value as Unit;
    if (unit !== 'week' && unit !== 'month' && unit !== 'year') return null;
    j = u.end;
    const r = rb ? null : this.rel(j);
    if (r) j = r.end;
    const rel = rb?.rel ?? r?.rel ?? (p ? 'current' : null);
    if (!rel) return null;
    if (rel === 'last' && !p)
      return { end: j, expr: { t: 'back', unit, n: 1, mode: 'last', counted: true }, rule: 'back.last' };
    return {
      end: j,
      expr: { t: 'period', unit, rel, part: p ? p.part : null, d: null },
      rule: p ? 'period.part' : 'period.calendar',
    };
  }

  /** «اليوم», «أمس الأحد», «اليوم (الخميس)», «أول أمس», «yesterday afternoon». */
  offset(i: number): Reading | null {
    const o = this.role(i, R.day_offset);
    if (!o) return null;
    const days = Number(o.value);
    let j = o.end;
    if (days === 0) {
      // «في ذلك اليوم», «اليوم التالي», «اليوم الأول», «اليوم السابق» are other days
      const before = this.role(i - 1, R.blocks_today);
      if (before && before.value === 'before') return null;
      const after = this.role(j, R.blocks_today);
      if ((after && after.value === 'after') || this.role(j, R.ordinal) || this.role(j, R.unit) || this.rel(j))
        return null;
    }
    const wd = this.role(j, R.weekday);
    if (wd) j = wd.end;
    const dp = this.role(j, R.daypart);
    if (dp && this.a.lang === 'en') j = dp.end;
    return { end: j, expr: { t: 'offset', days, wd: wd ? Number(wd.value) : null }, rule: 'day.offset' };
  }

  /** «الليلة الماضية», «last night», «this morning». */
  nightBefore(i: number): Reading | null {
    const rb = this.relBefore(i);
    if (rb) {
      const dp = this.role(rb.end, R.daypart);
      if (!dp) return null;
      if (rb.rel === 'past' && dp.value === 'night')
        return { end: dp.end, expr: { t: 'offset', days: -1, wd: null }, rule: 'day.last-night' };
      if (rb.rel === 'current')
        return { end: dp.end, expr: { t: 'offset', days: 0, wd: null }, rule: 'day.this-daypart' };
      return null;
    }
    const dp = this.role(i, R.daypart);
    if (!dp || dp.value !== 'night') return null;
    const r = this.rel(dp.end);
    if (!r || r.rel !== 'past') return null;
    return { end: r.end, expr: { t: 'offset', days: -1, wd: null }, rule: 'day.last-night' };
  }

  /** «يوم الجمعة الماضي», «الأحد 3 أيار 2015», «last Thursday», «Sunday night». */
  weekday(i: number): Reading | null {
    let j = i;
    const rb = this.relBefore(j);
    if (rb) j = rb.end;
    const w = this.role(j, R.weekday);
    if (!w) return null;
    // «سوق الجمعة», «سوق الخميس» are markets
    const blocker = this.role(j - 1, R.blocks_weekday);
    if (blocker && blocker.end === j) return null;
    j = w.end;
    const dp = this.a.lang === 'en' ? this.role(j, R.daypart) : null;
    if (dp) j = dp.end;
    const r = rb ? null : this.rel(j);
    if (r) j = r.end;
    // «ليل السبت - الأحد», «ليلة الخميس على الجمعة»: a night across two days
    let k2 = this.join(j);
    if (k2 < 0 && this.tok(j)?.norm === 'علي') k2 = j + 1;
    const w2 = k2 >= 0 ? this.role(k2, R.weekday) : null;
    if (w2 && Number(w2.value) === (Number(w.value) + 1) % 7) {
      const wr = w2.end;
      const rel = rb?.rel ?? r?.rel ?? this.rel(wr)?.rel ?? null;
      const end = this.rel(wr) ? this.rel(wr)!.end : wr;
      return {
        end,
        expr: {
          t: 'range',
          from: { t: 'weekday', wd: Number(w.value), rel },
          to: { t: 'weekday', wd: Number(w2.value), rel: null },
        },
        rule: 'day.night-of-weekdays',
      };
    }
    // a date after the weekday says which one: «يوم الأحد الموافق 3 أيار»
    const c = this.role(j, R.corresponding);
    const k = c ? c.end : j;
    const date = this.dayMonth(k) ?? this.monthDay(k) ?? this.numericDate(k);
    if (date) return { ...date, rule: `${date.rule}+weekday` };
    return { end: j, expr: { t: 'weekday', wd: Number(w.value), rel: rb?.rel ?? r?.rel ?? null }, rule: 'day.weekday' };
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

  /** «منذ أسبوع», «قبل 3 أيام», «منذ مساء السبت», «since 2011», «three days ago». */
  back(i: number): Reading | null {
    const since = this.role(i, R.since);
    const ago = since ? null : this.role(i, R.ago_before);
    if (since || ago) {
      const j = (since ?? ago)!.end;
      const dur = this.duration(j);
      // «منذ عام 2011» is a year, «منذ عام» a duration: the longer reading wins
      const from = since ? this.pointAfterSince(j) : null;
      if (from && (!dur || from.end > dur.end))
        return { end: from.end, expr: { t: 'since', from: from.expr }, rule: `since.${from.rule}` };
      if (!dur) return null;
      const mode = since ? 'since' : 'ago';
      return {
        end: dur.end,
        expr: { t: 'back', unit: dur.unit, n: dur.n, mode, counted: dur.counted },
        rule: `back.${mode}`,
      };
    }
    const dur = this.duration(i);
    if (!dur) return null;
    const a = this.role(dur.end, R.ago_after);
    if (!a) return null;
    return {
      end: a.end,
      expr: { t: 'back', unit: dur.unit, n: dur.n, mode: 'ago', counted: dur.counted },
      rule: 'back.ago',
    };
  }

  private pointAfterSince(j: number): Reading | null {
    let k = j;
    const dp = this.role(k, R.daypart);
    if (dp) k = dp.end;
    const ond = this.role(k, R.on_day);
    if (ond && ond.end > k && !this.role(k, R.day_offset)) k = ond.end;
    return this.longest(k, [
      this.dayMonth,
      this.monthDay,
      this.numericDate,
      this.monthOnly,
      this.yearOnlyAfterSince,
      this.period,
      this.offset,
      this.weekday,
      this.season,
    ]);
  }

  private yearOnlyAfterSince(i: number): Reading | null {
    const r = this.yearOnly(i);
    if (r) return r;
    const y = this.year(i);
    return y
      ? {
          end: y.end,
          expr: { t: 'date', cal: y.cal, y: y.y, m: null, d: null, rel: null, part: null },
          rule: 'date.year',
        }
      : null;
  }

  /** «الشهور الأربعة الأخيرة», «خلال الأيام القليلة الماضية», «الـ24 ساعة الماضية», «آخر 4 أشهر», «the past four months». */
  lastN(i: number): Reading | null {
    const lb = this.role(i, R.last_before);
    if (lb) {
      const dur = this.duration(lb.end);
      return dur
        ? {
            end: dur.end,
            expr: { t: 'back', unit: dur.unit, n: dur.n, mode: 'last', counted: dur.counted },
            rule: 'back.last',
          }
        : null;
    }
    const rb = this.relBefore(i);
    if (rb) {
      if (rb.rel !== 'past' && rb.rel !== 'last') return null;
      const dur = this.duration(rb.end);
      if (!dur) return null;
      const u = this.role(dur.end - 1, R.unit);
      if (rb.rel === 'past' && u?.tag.word.form === 'singular') return null;
      return {
        end: dur.end,
        expr: { t: 'back', unit: dur.unit, n: dur.n, mode: 'last', counted: dur.counted },
        rule: 'back.last',
      };
    }
    const num = this.number(i);
    const u0 = this.role(num ? num.end : i, R.unit);
    if (u0 && num && num.value > MAX_COUNT[u0.value as Unit]) return null;
    // Arabic counts above ten take a singular noun: «الـ24 ساعة الماضية»; a dual counts two: «اليومين الماضيين»
    if (!u0 || (!num && u0.tag.word.form === 'singular')) return null;
    const dual = !num && u0.tag.word.form === 'dual';
    const unit = u0.value as Unit;
    let j = u0.end;
    // «الشهور الأربعة الأخيرة»: the count may follow the unit
    const after = num || dual ? null : this.number(j);
    const few = num || after || dual ? null : this.role(j, R.few);
    const n = num ? num.value : dual ? 2 : after ? after.value : (u0.tag.word.defaultCount ?? 3);
    if (after) j = after.end;
    if (few) j = few.end;
    const r = this.rel(j);
    if (!r || (r.rel !== 'past' && r.rel !== 'last')) return null;
    return {
      end: r.end,
      expr: { t: 'back', unit, n, mode: 'last', counted: num !== null || after !== null || dual },
      rule: 'back.last',
    };
  }

  recent(i: number): Reading | null {
    const r = this.role(i, R.recent);
    return r ? { end: r.end, expr: { t: 'recent' }, rule: 'recent' } : null;
  }

  /** «صيف 2012», «الصيف الماضي», «خريف العام الماضي», «the autumn of 2015», «last winter». */
  season(i: number): Reading | null {
    let j = i;
    const rb = this.relBefore(j);
    if (rb) j = rb.end;
    const s = this.role(j, R.season);
    if (!s) return null;
    j = s.end;
    const of = this.role(j, R.of);
    if (of) j = of.end;
    const y = this.year(j);
    if (y)
      return {
        end: y.end,
        expr: { t: 'season', season: s.value as Season, y: y.y, rel: null, yearRel: null },
        rule: 'season.year',
      };
    if (rb)
      return {
        end: j - (of ? 1 : 0),
        expr: { t: 'season', season: s.value as Season, y: null, rel: rb.rel, yearRel: null },
        rule: 'season.rel',
      };
    const yw = this.role(j, R.year_word);
    if (yw) {
      const r = this.rel(yw.end);
      if (!r) return null;
      // «خريف العام الماضي»: the season of that year
      return {
        end: r.end,
        expr: { t: 'season', season: s.value as Season, y: null, rel: null, yearRel: r.rel },
        rule: 'season.of-year',
      };
    }
    const r = this.rel(j);
    if (!r) return null;
    return {
      end: r.end,
      expr: { t: 'season', season: s.value as Season, y: null, rel: r.rel, yearRel: null },
      rule: 'season.rel',
    };
  }

  /** The token after a range's joining word, or -1: «إلى», «حتى», «to», «and», a dash, «و5», «وأيلول». */
  private join(j: number): number {
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

  /** «بين 3 و5 تموز 2015», «من 28 حزيران إلى 3 تموز», «May 3-5, 2020», «بين عامي 2011 و2015», «بين تموز وأيلول 2015». */
  range(i: number): Reading | null {
    let j = i;
    const open = this.role(j, R.range_open);
    if (open) j = open.end;
    // «بين 3 و5 تموز»: the first day borrows the month of the second
    const d1 = this.day(j);
    if (d1 && !this.dayMonth(j)) {
      const k = this.join(d1.end);
      const second = k >= 0 ? this.dayMonth(k) : null;
      if (second && second.expr.t === 'date' && second.expr.d !== null && second.expr.d > d1.d)
        return {
          end: second.end,
          expr: { t: 'range', from: { ...second.expr, d: d1.d }, to: second.expr },
          rule: 'range.days',
        };
    }
    const first = this.longest(j, [this.dayMonth, this.monthDay, this.monthOnly, this.yearOnlyAfterSince]);
    if (!first || first.expr.t !== 'date' || first.expr.part !== null) return null;
    const from = first.expr;
    const k = this.join(first.end);
    if (k < 0) return null;
    // «May 3-5, 2020»: the second day borrows the month of the first
    if (from.m !== null && from.d !== null && from.y === null) {
      const d2 = this.day(k);
      if (d2 && d2.d > from.d && !this.dayMonth(k)) {
        const y = this.year(d2.end);
        const end = y ? y.end : d2.end;
        const f = { ...from, y: y ? y.y : null };
        return { end, expr: { t: 'range', from: f, to: { ...f, d: d2.d } }, rule: 'range.days' };
      }
    }
    const second = this.longest(k, [this.dayMonth, this.monthDay, this.monthOnly, this.yearOnlyAfterSince]);
    if (!second || second.expr.t !== 'date' || second.expr.cal !== from.cal) return null;
    const to = second.expr;
    // a bare year range needs an opening word or «عامي»: «2014 و2015 قتيلاً» counts
    if (from.m === null && to.m === null && !open && !this.role(j, R.year_word) && !this.contextBefore(i)) return null;
    if ((from.m === null) !== (to.m === null)) return null;
    let f = from;
    if (from.y === null && to.y !== null) {
      // «من 28 كانون الأول إلى 3 كانون الثاني 2016» starts in the year before
      const wraps =
        from.m !== null && to.m !== null && (from.m > to.m || (from.m === to.m && (from.d ?? 0) > (to.d ?? 0)));
      f = { ...from, y: wraps ? to.y - 1 : to.y, rel: null };
    }
    return { end: second.end, expr: { t: 'range', from: f, to }, rule: 'range.dates' };
  }

  /** «Around 7 May 2020»: ACLED's week precision for a day given as approximate. */
  about(i: number): Reading | null {
    const ap = this.role(i, R.approx);
    if (!ap) return null;
    const r = this.longest(ap.end, [this.dayMonth, this.monthDay, this.numericDate]);
    if (!r || r.expr.t !== 'date' || r.expr.d === null) return null;
    return { end: r.end, expr: { t: 'about', of: r.expr, days: ABOUT_DAYS }, rule: `about.${r.rule}` };
  }

  /** «over the weekend», «last weekend»: Saturday and Sunday. */
  weekend(i: number): Reading | null {
    const rb = this.relBefore(i);
    const w = this.role(rb ? rb.end : i, R.weekend);
    if (!w) return null;
    const rel = rb?.rel === 'past' ? 'past' : null;
    return {
      end: w.end,
      expr: { t: 'range', from: { t: 'weekday', wd: 6, rel }, to: { t: 'weekday', wd: 0, rel: null } },
      rule: 'day.weekend',
    };
  }

  /** «عيد الأضحى», «أول أيام عيد الفطر», «عاشوراء 1437 هـ». */
  feast(i: number): Reading | null {
    let j = i;
    const first = this.role(j, R.ordinal);
    let firstDay = false;
    if (first && Number(first.value) === 1) {
      const days = this.role(first.end, R.unit);
      if (days && days.value === 'day') {
        firstDay = true;
        j = days.end;
      }
    }
    const f = this.role(j, R.feast);
    if (!f) return null;
    const [m, d, days] = f.value.split('/').map(Number);
    const y = this.year(f.end, 'hijri');
    return { end: y ? y.end : f.end, expr: { t: 'feast', m, d, days, y: y ? y.y : null, firstDay }, rule: 'feast' };
  }

  longest(i: number, readers: Array<(i: number) => Reading | null>): Reading | null {
    let best: Reading | null = null;
    for (const read of readers) {
      const r = read.call(this, i);
      if (r && (!best || r.end > best.end)) best = r;
    }
    return best;
  }

  /** The longest reading at token i, trying only the readers that can open with what is there. */
  readAt(i: number): Reading | null {
    const t = this.tok(i);
    if (!t) return null;
    const tags = this.tags[i];
    // digits, and «ال» of «الـ24», open the digit readers
    let readers: Reader[] = t.numeric || t.norm === 'ال' ? DIGIT_READERS : [];
    if (tags) {
      for (const tag of tags) {
        const own = readersOf(tag);
        // several words at one token («يوم», «من»): their readers in table order, once each
        readers = readers.length === 0 ? own : TABLE_READERS.filter((r) => readers.includes(r) || own.includes(r));
      }
    }
    return readers.length ? this.longest(i, readers) : null;
  }
}

type Reader = (i: number) => Reading | null;

const P = TimeGrammar.prototype;
// Each reader with the roles its first word can have (and whether digits can open it). The order
// breaks ties between equally long readings: the first wins.
const TABLE: Array<{ read: Reader; roles: Role[]; digits: boolean }> = [
  { read: P.about, roles: ['approx'], digits: false },
  {
    read: P.range,
    roles: ['range_open', 'ordinal', 'month', 'hijri_month', 'part', 'month_word', 'year_word'],
    digits: true,
  },
  { read: P.feast, roles: ['ordinal', 'feast'], digits: false },
  { read: P.weekend, roles: ['rel_before', 'weekend'], digits: false },
  { read: P.back, roles: ['since', 'ago_before', 'approx', 'number', 'tens', 'few', 'unit'], digits: true },
  { read: P.dayMonth, roles: ['ordinal'], digits: true },
  { read: P.monthDay, roles: ['month'], digits: false },
  { read: P.numericDate, roles: [], digits: true },
  { read: P.monthOnly, roles: ['part', 'month_word', 'month', 'hijri_month'], digits: false },
  { read: P.yearOnly, roles: ['part', 'year_word'], digits: true },
  { read: P.period, roles: ['part', 'rel_before', 'unit'], digits: false },
  { read: P.offset, roles: ['day_offset'], digits: false },
  { read: P.nightBefore, roles: ['rel_before', 'daypart'], digits: false },
  { read: P.weekday, roles: ['rel_before', 'weekday'], digits: false },
  { read: P.lastN, roles: ['last_before', 'rel_before', 'number', 'tens', 'unit'], digits: true },
  { read: P.recent, roles: ['recent'], digits: false },
  { read: P.season, roles: ['rel_before', 'season'], digits: false },
];
const TABLE_READERS: Reader[] = TABLE.map((r) => r.read);
const DIGIT_READERS: Reader[] = TABLE.filter((r) => r.digits).map((r) => r.read);

const readersByWord = new WeakMap<object, Reader[]>();

/** The readers a vocabulary word can open, worked out once per word. */
function readersOf(tag: Tag): Reader[] {
  let list = readersByWord.get(tag.word);
  if (!list) {
    const roles = tag.word.roles;
    list = TABLE.filter((r) => r.roles.some((x) => roles[x] !== undefined)).map((r) => r.read);
    readersByWord.set(tag.word, list);
  }
  return list;
}
