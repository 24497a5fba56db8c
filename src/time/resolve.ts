// Places a TimeExpr on the calendar: an inclusive range of day numbers, anchored on the publication
// date where the words are relative to it.
import {
  addMonths,
  dayNumber,
  daysInMonth,
  fromHijri,
  hijriMonthRange,
  hijriYearRange,
  isValidDate,
  monthRange,
  toHijri,
  weekday,
  yearRange,
  ymd,
} from './calendar.ts';
import type { Part, Rel, Season, TimeExpr, Unit } from './expr.ts';

export type Range = [number, number];

export interface Resolved {
  range: Range | null;
  /** the expression needed a publication date */
  relative: boolean;
  /** a doubt for reviewers, as an issue code */
  issue?: string;
}

/** The week a report's region counts from: Saturday in Arabic (Syria, Iraq), Monday in English. */
export function weekStart(day: number, lang: 'ar' | 'en'): number {
  const first = lang === 'ar' ? 6 : 1;
  return day - ((weekday(day) - first + 7) % 7);
}

/** The thirds of a period: «مطلع» the first, «منتصف» the middle, «أواخر» the last; «earlier» up to now. */
function partOf(r: Range, part: Part | null, anchor: number | null): Range {
  if (!part) return r;
  const [s, e] = r;
  if (part === 'earlier') return [s, anchor !== null && anchor >= s && anchor <= e ? anchor : e];
  const len = e - s + 1;
  const a = ymd(s);
  const isYear = len >= 365 && len <= 366 && a.m === 1 && a.d === 1;
  const FRACTIONS: Partial<Record<Part, [number, number]>> = {
    h1: [0, 2],
    h2: [1, 2],
    q1: [0, 4],
    q2: [1, 4],
    q3: [2, 4],
    q4: [3, 4],
  };
  const frac = FRACTIONS[part];
  if (frac) {
    const [k, n] = frac;
    // a year splits by months («النصف الأول من العام» January to June), anything else by days
    if (isYear) {
      const from = dayNumber(a.y, 1 + (12 / n) * k, 1);
      const to = k + 1 === n ? e : dayNumber(a.y, 1 + (12 / n) * (k + 1), 1) - 1;
      return [from, to];
    }
    return [s + Math.floor((len * k) / n), k + 1 === n ? e : s + Math.floor((len * (k + 1)) / n) - 1];
  }
  let cut1: number;
  let cut2: number;
  if (len >= 28 && len <= 31) {
    // a month splits at the 10th and the 20th, as reporters mean «أوائل/منتصف/أواخر الشهر»
    cut1 = s + 9;
    cut2 = s + 19;
  } else if (isYear) {
    // a year splits into four-month thirds: «مطلع العام» January to April
    cut1 = dayNumber(a.y, 5, 1) - 1;
    cut2 = dayNumber(a.y, 9, 1) - 1;
  } else {
    cut1 = s + Math.floor(len / 3) - 1;
    cut2 = s + Math.floor((2 * len) / 3) - 1;
  }
  if (part === 'early') return [s, cut1];
  if (part === 'mid') return [cut1 + 1, cut2];
  return [cut2 + 1, e];
}

function relOffset(rel: Rel | null): number {
  return rel === 'past' ? -1 : rel === 'before-last' ? -2 : rel === 'next' ? 1 : 0;
}

/** The year of month m: «تموز الماضي» the last July before this month, bare «تموز» this one or the last. */
function yearOfMonth(m: number, rel: Rel | null, py: number, pm: number): number {
  if (rel === 'past' || rel === 'last') return m < pm ? py : py - 1;
  if (rel === 'before-last') return (m < pm ? py : py - 1) - 1;
  if (rel === 'next') return m > pm ? py : py + 1;
  if (rel === 'current') return py;
  return m <= pm ? py : py - 1;
}

function resolveDate(e: Extract<TimeExpr, { t: 'date' }>, anchor: number | null): Resolved {
  const relative = e.y === null;
  if (e.cal === 'hijri') {
    let y = e.y;
    if (y === null) {
      if (anchor === null || e.m === null) return { range: null, relative };
      const h = toHijri(anchor);
      y = e.yearRel ? h.y + relOffset(e.yearRel) : yearOfMonth(e.m, e.rel, h.y, h.m);
      // a bare «15 رمضان» later in the month than today belongs to last year's Ramadan
      if (e.d !== null && e.rel === null && e.m === h.m && e.d > h.d) y -= 1;
    }
    if (e.m === null) return { range: partRange(hijriYearRange(y), e.part, anchor), relative };
    if (e.d === null) return { range: partRange(hijriMonthRange(y, e.m), e.part, anchor), relative };
    const day = fromHijri(y, e.m, e.d);
    return { range: day === null ? null : [day, day], relative };
  }
  let y = e.y;
  if (y === null) {
    if (anchor === null || e.m === null) return { range: null, relative };
    const p = ymd(anchor);
    y = e.yearRel ? p.y + relOffset(e.yearRel) : yearOfMonth(e.m, e.rel, p.y, p.m);
    if (e.d !== null && e.rel === null && !e.yearRel && e.m === p.m && e.d > p.d) y -= 1;
  }
  if (e.m === null) return { range: partOf(yearRange(y), e.part, anchor), relative };
  if (e.d === null) return { range: partOf(monthRange(y, e.m), e.part, anchor), relative };
  if (!isValidDate(y, e.m, e.d)) return { range: null, relative };
  const day = dayNumber(y, e.m, e.d);
  return { range: [day, day], relative };
}

function partRange(r: Range | null, part: Part | null, anchor: number | null): Range | null {
  return r ? partOf(r, part, anchor) : null;
}

function periodRange(unit: 'week' | 'month' | 'year', rel: Rel, anchor: number, lang: 'ar' | 'en'): Range {
  const k = relOffset(rel);
  if (unit === 'week') {
    const s = weekStart(anchor, lang) + 7 * k;
    return [s, s + 6];
  }
  const p = ymd(anchor);
  if (unit === 'month') {
    const first = addMonths(dayNumber(p.y, p.m, 1), k);
    const f = ymd(first);
    return monthRange(f.y, f.m);
  }
  return yearRange(p.y + k);
}

function minus(anchor: number, unit: Unit, n: number): number {
  if (unit === 'hour') return anchor - Math.ceil(n / 24);
  if (unit === 'day') return anchor - n;
  if (unit === 'week') return anchor - 7 * n;
  if (unit === 'month') return addMonths(anchor, -n);
  return addMonths(anchor, -12 * n);
}

/** «قبل أسبوع» is about a week ago: half a unit either side, a day exactly. */
function agoRange(anchor: number, unit: Unit, n: number): Range {
  const point = minus(anchor, unit, n);
  if (unit === 'hour' || unit === 'day') return [point, point];
  const half = unit === 'week' ? 3 : unit === 'month' ? 15 : 182;
  return [point - half, Math.min(anchor, point + half)];
}

const SEASON_MONTHS: Record<Season, [number, number]> = {
  spring: [3, 5],
  summer: [6, 8],
  autumn: [9, 11],
  // winter Y runs from December Y-1 into February Y
  winter: [12, 2],
};

function seasonRange(season: Season, y: number): Range {
  const [a, b] = SEASON_MONTHS[season];
  const start = a > b ? dayNumber(y - 1, a, 1) : dayNumber(y, a, 1);
  return [start, dayNumber(y, b, daysInMonth(y, b))];
}

function resolveSeason(e: Extract<TimeExpr, { t: 'season' }>, anchor: number | null): Resolved {
  if (e.y !== null) return { range: seasonRange(e.season, e.y), relative: false };
  if (anchor === null) return { range: null, relative: true };
  const py = ymd(anchor).y;
  if (e.yearRel) return { range: seasonRange(e.season, py + relOffset(e.yearRel)), relative: true };
  // the latest such season that has begun by publication; «الماضي» the one before it if this one is still running
  let y = py + 1;
  while (seasonRange(e.season, y)[0] > anchor) y--;
  const r = seasonRange(e.season, y);
  if (e.rel === 'past' && r[1] >= anchor) return { range: seasonRange(e.season, y - 1), relative: true };
  if (e.rel === 'next') {
    let n = y;
    while (seasonRange(e.season, n)[0] <= anchor) n++;
    return { range: seasonRange(e.season, n), relative: true };
  }
  return { range: r, relative: true };
}

export function resolve(e: TimeExpr, anchor: number | null, lang: 'ar' | 'en'): Resolved {
  switch (e.t) {
    case 'date':
      return resolveDate(e, anchor);
    case 'season':
      return resolveSeason(e, anchor);
    case 'range': {
      const from = resolve(e.from, anchor, lang);
      if (!from.range) return { range: null, relative: from.relative };
      // the second weekday of a night follows the first: «ليل السبت - الأحد»
      if (e.from.t === 'weekday' && e.to.t === 'weekday') {
        const next = from.range[0] + ((e.to.wd - e.from.wd + 7) % 7);
        return { range: [from.range[0], next], relative: true };
      }
      const to = resolve(e.to, anchor, lang);
      if (!to.range || to.range[1] < from.range[0]) return { range: null, relative: from.relative || to.relative };
      return { range: [from.range[0], to.range[1]], relative: from.relative || to.relative };
    }
    case 'about': {
      const r = resolve(e.of, anchor, lang);
      return { ...r, range: r.range ? [r.range[0] - e.days, r.range[1] + e.days] : null };
    }
    case 'feast': {
      let y = e.y;
      if (y === null) {
        if (anchor === null) return { range: null, relative: true };
        const h = toHijri(anchor);
        y = h.m > e.m || (h.m === e.m && h.d >= e.d) ? h.y : h.y - 1;
      }
      const start = fromHijri(y, e.m, e.d);
      if (start === null) return { range: null, relative: e.y === null };
      return { range: [start, start + (e.firstDay ? 0 : e.days - 1)], relative: e.y === null };
    }
    case 'since': {
      const from = resolve(e.from, anchor, lang);
      if (!from.range || anchor === null) return { range: null, relative: true };
      // a «since» that starts after publication says no more than its start
      return { range: [from.range[0], anchor >= from.range[0] ? anchor : from.range[1]], relative: true };
    }
    default:
      break;
  }
  if (anchor === null) return { range: null, relative: true };
  switch (e.t) {
    case 'offset': {
      const d = anchor + e.days;
      if (e.wd === null || weekday(d) === e.wd) return { range: [d, d], relative: true };
      // «اليوم (الخميس)» in a page dated Friday: metadata dates are often a day off (UTC, posting
      // after midnight), so a named weekday one day away wins; further away, the offset stands.
      for (const near of [d - 1, d + 1])
        if (weekday(near) === e.wd) return { range: [near, near], relative: true, issue: 'time.weekday-mismatch' };
      return { range: [d, d], relative: true, issue: 'time.weekday-mismatch' };
    }
    case 'weekday': {
      const back = (weekday(anchor) - e.wd + 7) % 7;
      if (e.rel === 'next') {
        const fwd = (e.wd - weekday(anchor) + 7) % 7 || 7;
        return { range: [anchor + fwd, anchor + fwd], relative: true };
      }
      // «الجمعة الماضية» said on a Friday is a week ago; a bare «الجمعة» may be today
      let d = anchor - (e.rel === 'past' && back === 0 ? 7 : back);
      // «الجمعة قبل الماضية»: the one before the last
      if (e.rel === 'before-last') d = anchor - (back === 0 ? 7 : back) - 7;
      return { range: [d, d], relative: true };
    }
    case 'period': {
      const r = periodRange(e.unit, e.rel, anchor, lang);
      if (e.d !== null) {
        const p = ymd(r[0]);
        if (!isValidDate(p.y, p.m, e.d)) return { range: null, relative: true };
        const d = dayNumber(p.y, p.m, e.d);
        return { range: [d, d], relative: true };
      }
      return { range: partOf(r, e.part, anchor), relative: true };
    }
    case 'back':
      // «قبل أيام»: some days ago, not a count of them
      if (e.mode === 'ago' && !e.counted) return { range: [minus(anchor, e.unit, e.n), anchor - 1], relative: true };
      if (e.mode === 'ago') return { range: agoRange(anchor, e.unit, e.n), relative: true };
      return { range: [minus(anchor, e.unit, e.n), anchor], relative: true };
    case 'recent':
      return { range: [addMonths(anchor, -1), anchor], relative: true };
  }
}

/** ACLED time precision from the length of the range: a day, up to about a week and a half, longer. */
export function precisionOf(r: Range): 1 | 2 | 3 {
  const len = r[1] - r[0] + 1;
  return len <= 1 ? 1 : len <= 11 ? 2 : 3;
}
