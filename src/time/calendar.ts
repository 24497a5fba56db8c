// Calendar arithmetic on day numbers (days since 1970-01-01, UTC), so that nothing depends on the
// machine's time zone or on today's date.

const DAY_MS = 86_400_000;

export function dayNumber(y: number, m: number, d: number): number {
  // Date.UTC reads years 0–99 as 1900–1999; setUTCFullYear does not
  const dt = new Date(0);
  dt.setUTCFullYear(y, m - 1, d);
  return Math.floor(dt.getTime() / DAY_MS);
}

export function isValidDate(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m) && y >= 1 && y <= 9999;
}

export function daysInMonth(y: number, m: number): number {
  return m === 2 ? ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31;
}

export function ymd(day: number): { y: number; m: number; d: number } {
  const dt = new Date(day * DAY_MS);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
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
