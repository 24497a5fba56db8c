// Calendar arithmetic on day numbers (days since 1970-01-01, UTC), so that nothing depends on the
// machine's time zone or on today's date.

const DAY_MS = 86_400_000;
const DATE_LIMIT_DAYS = 100_000_000;

// dayNumber and ymd use the proleptic Gregorian arithmetic of days-from-civil / civil-from-days
// (eras of 400 years) instead of a Date per call: resolution calls them for every time phrase, and the
// Date objects were a visible cost. Both agree with Date (setUTCFullYear, getUTC*) on every day,
// including out-of-range months and days, which roll over the same way.

export function dayNumber(y: number, m: number, d: number): number {
  // Date truncates its arguments; months outside 1–12 roll into neighbouring years, days outside
  // the month into neighbouring months
  y = Math.trunc(y);
  d = Math.trunc(d);
  const m0 = Math.trunc(m) - 1;
  const yy = y + Math.floor(m0 / 12);
  const mm = m0 - Math.floor(m0 / 12) * 12 + 1;
  // the year counted from March, so the leap day ends it
  const ya = mm <= 2 ? yy - 1 : yy;
  const era = Math.floor(ya / 400);
  const yoe = ya - era * 400;
  const doy = Math.floor((153 * (mm + (mm > 2 ? -3 : 9)) + 2) / 5);
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  const day = era * 146097 + doe - 719468 + (d - 1);
  // Date's range ends 10^8 days either side of 1970; past it Date gave NaN, and so do we
  return Math.abs(day) <= DATE_LIMIT_DAYS ? day : NaN;
}

export function isValidDate(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m) && y >= 1 && y <= 9999;
}

export function daysInMonth(y: number, m: number): number {
  return m === 2 ? ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
}

export function ymd(day: number): { y: number; m: number; d: number } {
  if (!(Math.abs(day) <= DATE_LIMIT_DAYS)) return { y: NaN, m: NaN, d: NaN };
  const z = Math.floor(day) + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: era * 400 + yoe + (m <= 2 ? 1 : 0), m, d };
}

export function isoDate(day: number): string {
  const { y, m, d } = ymd(day);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Day number of an ISO date (a longer timestamp is cut to its date), or null when it is not one. */
export function parseIsoDate(s: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isValidDate(y, mo, d) ? dayNumber(y, mo, d) : null;
}

/** 0 = Sunday … 6 = Saturday */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** The same day of month n months later (negative n: earlier), kept inside the target month. */
export function addMonths(day: number, n: number): number {
  const { y, m, d } = ymd(day);
  const total = y * 12 + (m - 1) + n;
  const ty = Math.floor(total / 12);
  const tm = (total % 12) + 1;
  return dayNumber(ty, tm, Math.min(d, daysInMonth(ty, tm)));
}

export function monthRange(y: number, m: number): [number, number] {
  return [dayNumber(y, m, 1), dayNumber(y, m, daysInMonth(y, m))];
}

export function yearRange(y: number): [number, number] {
  return [dayNumber(y, 1, 1), dayNumber(y, 12, 31)];
}

// Hijri dates through ICU's Umm al-Qura tables (Intl, built into Node): a Hijri date is found by
// formatting Gregorian days near its estimate until one formats as the wanted year, month and day.
const umalqura = new Intl.DateTimeFormat('en-u-ca-islamic-umalqura', {
  timeZone: 'UTC',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
});

export function toHijri(day: number): { y: number; m: number; d: number } {
  let y = 0;
  let m = 0;
  let d = 0;
  for (const p of umalqura.formatToParts(new Date(day * DAY_MS))) {
    if (p.type === 'year') y = Number(p.value);
    else if (p.type === 'month') m = Number(p.value);
    else if (p.type === 'day') d = Number(p.value);
  }
  return { y, m, d };
}

// 1 Muharram 1 AH fell on 16 July 622 (Julian) = day -492148; a Hijri year is 354.367 days.
const HIJRI_EPOCH = -492148;

function hijriEstimate(y: number, m: number, d: number): number {
  return Math.round(HIJRI_EPOCH + (y - 1) * 354.36707 + (m - 1) * 29.530589 + (d - 1));
}

/** Gregorian day number of a Hijri date, or null when that date does not exist (30th of a 29-day month). */
export function fromHijri(y: number, m: number, d: number): number | null {
  if (m < 1 || m > 12 || d < 1 || d > 30 || y < 1) return null;
  const guess = hijriEstimate(y, m, d);
  for (let k = 0; k <= 40; k++) {
    for (const day of k === 0 ? [guess] : [guess - k, guess + k]) {
      const h = toHijri(day);
      if (h.y === y && h.m === m && h.d === d) return day;
    }
  }
  return null;
}

export function hijriMonthRange(y: number, m: number): [number, number] | null {
  const first = fromHijri(y, m, 1);
  const next = m === 12 ? fromHijri(y + 1, 1, 1) : fromHijri(y, m + 1, 1);
  if (first === null || next === null) return null;
  return [first, next - 1];
}

export function hijriYearRange(y: number): [number, number] | null {
  const first = fromHijri(y, 1, 1);
  const next = fromHijri(y + 1, 1, 1);
  if (first === null || next === null) return null;
  return [first, next - 1];
}
