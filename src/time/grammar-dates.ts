// Readers of calendar dates: day and month («3 تموز 2014», «May 3»), month, year, numeric dates,
// ranges of dates, an approximate day and the feasts.
import { R } from './vocabulary.ts';
import type { Rel } from './expr.ts';
import { GrammarWords, MAX_HIJRI_YEAR, MAX_YEAR, MIN_HIJRI_YEAR, MIN_YEAR, type Reading } from './grammar-words.ts';

// «around» a day: three days either side, a week in all
const ABOUT_DAYS = 3;

export abstract class DateReaders extends GrammarWords {
  /** «الأسبوع الماضي», «العام الجاري» (grammar.ts): the year after «من» may be one */
  abstract period(i: number): Reading | null;

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

  protected yearOnlyAfterSince(i: number): Reading | null {
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
    // the vocabulary writes a feast as month/day/days
    const [m = 0, d = 0, days = 0] = f.value.split('/').map(Number);
    const y = this.year(f.end, 'hijri');
    return { end: y ? y.end : f.end, expr: { t: 'feast', m, d, days, y: y ? y.y : null, firstDay }, rule: 'feast' };
  }
}
