// The time grammar: small readers over tagged tokens, each returning where it stopped and what the
// words said. findTimes tries every reader at a token and keeps the longest reading. The words and the
// calendar-date readers are in grammar-words.ts and grammar-dates.ts; here the readers relative to
// the report (periods, days, weekdays, spans back, seasons) and the table that picks readers.
import { R, type Role, type Tag } from './vocabulary.ts';
import type { Season, Unit } from './expr.ts';
import { DateReaders } from './grammar-dates.ts';
import { MAX_COUNT, type Reading } from './grammar-words.ts';

export type { Reading } from './grammar-words.ts';

export class TimeGrammar extends DateReaders {
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
