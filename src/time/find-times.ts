// Dates and date ranges in a report, each resolved against the publication date. Vocabulary comes
// from lexicons/*/time.txt (vocabulary.ts), phrases from grammar.ts, calendar placement from
// resolve.ts.
import type { AnalyzedText } from '../text/analyze.ts';
import { isoDate, parseIsoDate } from './calendar.ts';
import { TimeGrammar, type Reading } from './grammar.ts';
import { precisionOf, resolve, type Range } from './resolve.ts';
import type { TimeMention } from './types.ts';
import { R, tagTokens } from './vocabulary.ts';

// Words that may open a phrase without changing its meaning: «في», «خلال», «يوم», «مساء», «on».
const PREFIX_ROLES = [R.lead, R.on_day, R.daypart];
const MAX_PREFIXES = 3;
const FIRST_DAY = parseIsoDate('0001-01-01')!;
const LAST_DAY = parseIsoDate('9999-12-31')!;
// Any fixed day serves to learn the precision an unanchored phrase would have.
const PRECISION_PROBE = parseIsoDate('2001-06-13')!;

function closeParen(a: AnalyzedText, rawStart: number, rawEnd: number): number {
  let depth = 0;
  for (let k = rawStart; k < rawEnd; k++) {
    const c = a.raw.charCodeAt(k);
    if (c === 40) depth++;
    else if (c === 41 && depth > 0) depth--;
  }
  if (depth === 0) return rawEnd;
  let k = rawEnd;
  while (k < a.raw.length && a.raw[k] === ' ') k++;
  return a.raw[k] === ')' ? k + 1 : rawEnd;
}

function dayPrefixFits(r: Reading): boolean {
  const e = r.expr;
  return (
    e.t === 'offset' ||
    e.t === 'weekday' ||
    e.t === 'feast' ||
    e.t === 'range' ||
    e.t === 'about' ||
    (e.t === 'date' && e.d !== null) ||
    (e.t === 'period' && e.d !== null)
  );
}

export function findTimes(a: AnalyzedText, published: string | null): TimeMention[] {
  const anchor = published ? parseIsoDate(published) : null;
  const tokens = a.tokens;
  const tags = tagTokens(tokens, a.norm);
  const g = new TimeGrammar(a, tags);
  const out: TimeMention[] = [];
  // a token is read once even when several opening words lead to it
  const cache = new Array<Reading | null | undefined>(tokens.length);
  const readAt = (j: number): Reading | null => {
    let r = cache[j];
    if (r === undefined) {
      const t = tags[j];
      const opens = t ? t.some((x) => x.word.starts) : tokens[j]!.numeric || tokens[j]!.norm === 'ال';
      r = cache[j] = opens ? g.readAt(j) : null;
    }
    return r;
  };
  let i = 0;
  while (i < tokens.length) {
    if (!tags[i] && !tokens[i]!.numeric && tokens[i]!.norm !== 'ال') {
      i++;
      continue;
    }
    // read past up to three opening words («في صباح يوم الأحد»)
    let j = i;
    let reading: Reading | null = null;
    let dayPrefix = false;
    for (let k = 0; k <= MAX_PREFIXES && j < tokens.length; k++) {
      reading = readAt(j);
      if (reading) break;
      let next = -1;
      for (const r of PREFIX_ROLES) {
        const got = g.role(j, r);
        if (got && got.end > j) {
          next = got.end;
          if (r !== R.lead) dayPrefix = true;
          break;
        }
      }
      if (next < 0) break;
      j = next;
    }
    if (!reading || (dayPrefix && !dayPrefixFits(reading))) {
      i++;
      continue;
    }
    const mention = toMention(a, i, reading, anchor);
    if (!mention) {
      i++;
      continue;
    }
    out.push(mention);
    i = reading.end;
  }
  return out;
}

/** Words that speak of the future on purpose («غداً», «المقبل»): no doubt when they lie ahead. */
function isFuture(e: Reading['expr']): boolean {
  if (e.t === 'offset') return e.days > 0;
  if (e.t === 'date' || e.t === 'weekday' || e.t === 'season') return e.rel === 'next';
  if (e.t === 'period') return e.rel === 'next';
  if (e.t === 'range' || e.t === 'since') return isFuture(e.from);
  if (e.t === 'about') return isFuture(e.of);
  return false;
}

/** The mention, or null when the words name no real day («30 شباط 2015», «31 من الشهر الجاري» in June). */
function toMention(a: AnalyzedText, start: number, r: Reading, anchor: number | null): TimeMention | null {
  const tokens = a.tokens;
  const resolved = resolve(r.expr, anchor, a.lang);
  if (!resolved.range && (anchor !== null || !resolved.relative)) return null;
  // ISO dates have four-digit years
  if (resolved.range && (resolved.range[0] < FIRST_DAY || resolved.range[1] > LAST_DAY)) return null;
  const rawStart = tokens[start]!.rawStart;
  const rawEnd = closeParen(a, rawStart, tokens[r.end - 1]!.rawEnd);
  let range: Range | null = resolved.range;
  // precision is what the words say: «خلال شهر أيلول» is a month even when published on the 1st
  const probe = range ?? resolve(r.expr, PRECISION_PROBE, a.lang).range;
  // what a report tells happened by the time it was published
  if (range && anchor !== null && range[0] <= anchor && anchor < range[1]) range = [range[0], anchor];
  let issue = r.issue ?? resolved.issue;
  if (!issue && range && anchor !== null && range[0] > anchor && !isFuture(r.expr)) issue = 'time.after-publication';
  const mention: TimeMention = {
    tokenStart: start,
    tokenEnd: r.end,
    rawStart,
    rawEnd,
    text: a.raw.slice(rawStart, rawEnd),
    start: range ? isoDate(range[0]) : null,
    end: range ? isoDate(range[1]) : null,
    precision: probe ? precisionOf(probe) : 3,
    anchored: range !== null,
    rule: r.rule,
  };
  // `issue` comes first when there is one (as the object spread that built this used to put it); a
  // literal without a leading spread is much cheaper to create
  return issue ? { issue, ...mention } : mention;
}
