// The publication date a report's relative dates hang on: from HTML metadata, then the URL
// (/2015/07/07/…), then a dateline at the head of the text («دير الزور - 12 أيار 2015 -»).
import { parseHTML } from '../input/html-dom.ts';
import { analyze } from '../text/analyze.ts';
import { dayNumber, daysInMonth, isValidDate, isoDate, parseIsoDate } from './calendar.ts';
import { findTimes } from './find-times.ts';

// meta names and properties that carry the publication date, most specific first
const META_NAMES = [
  'article:published_time',
  'og:published_time',
  'datepublished',
  'pubdate',
  'publishdate',
  'publish-date',
  'publish_date',
  'dc.date.issued',
  'dcterms.issued',
  'dc.date',
  'dcterms.created',
  'citation_publication_date',
  'parsely-pub-date',
  'sailthru.date',
  'date',
];

const MIN_YEAR = 1990;
const MAX_YEAR = 2100;

/** A date from a metadata value: an ISO timestamp keeps the date as written (the publisher's local day). */
export function dateFromString(s: string): string | null {
  const v = s.trim();
  if (!v) return null;
  const iso = parseIsoDate(v);
  if (iso !== null) return isoDate(iso);
  // «2015/09/01», «Tue, 01 Sep 2015 10:00:00 GMT», «12 أيار 2015»
  const a = analyze(v.slice(0, 200));
  const m = findTimes(a, null).find((t) => t.start !== null && t.start === t.end);
  return m ? m.start : null;
}

interface MetaLike {
  getAttribute(name: string): string | null;
}

function fromMeta(metas: Iterable<MetaLike>): string | null {
  const found = new Map<string, string>();
  for (const m of metas) {
    const key = (
      m.getAttribute('property') ??
      m.getAttribute('name') ??
      m.getAttribute('itemprop') ??
      ''
    ).toLowerCase();
    const content = m.getAttribute('content');
    if (key && content && !found.has(key)) found.set(key, content);
  }
  for (const name of META_NAMES) {
    const v = found.get(name);
    const d = v ? dateFromString(v) : null;
    if (d) return d;
  }
  return null;
}

function findKey(node: unknown, key: string, depth = 0): string | null {
  if (depth > 8 || node === null || typeof node !== 'object') return null;
  if (Array.isArray(node)) {
    for (const x of node) {
      const r = findKey(x, key, depth + 1);
      if (r) return r;
    }
    return null;
  }
  const rec = node as Record<string, unknown>;
  if (typeof rec[key] === 'string') return rec[key];
  for (const v of Object.values(rec)) {
    const r = findKey(v, key, depth + 1);
    if (r) return r;
  }
  return null;
}

function fromJsonLd(scripts: Iterable<{ textContent: string | null }>): string | null {
  for (const s of scripts) {
    let data: unknown;
    try {
      data = JSON.parse(s.textContent ?? '');
    } catch {
      continue; // a broken block says nothing; the next one may
    }
    for (const key of ['datePublished', 'dateCreated']) {
      const v = findKey(data, key);
      const d = v ? dateFromString(v) : null;
      if (d) return d;
    }
  }
  return null;
}

export function publishedFromHtml(html: string): string | null {
  const { document } = parseHTML(html);
  const meta = fromMeta(document.querySelectorAll('meta'));
  if (meta) return meta;
  const ld = fromJsonLd(document.querySelectorAll('script[type="application/ld+json"]'));
  if (ld) return ld;
  for (const el of document.querySelectorAll('[itemprop="datePublished"]')) {
    const d = dateFromString(el.getAttribute('datetime') ?? el.getAttribute('content') ?? el.textContent ?? '');
    if (d) return d;
  }
  const times = [...document.querySelectorAll('time[datetime]')];
  // a <time pubdate> or one classed as the entry's date beats the first <time> (often a comment's)
  const preferred = times.find(
    (t) => t.hasAttribute('pubdate') || /publish|entry-date|post-date/i.test(t.getAttribute('class') ?? ''),
  );
  for (const t of preferred ? [preferred, ...times] : times) {
    const d = dateFromString(t.getAttribute('datetime') ?? '');
    if (d) return d;
  }
  // a saved page may have lost its address, but not its canonical link
  const canonical =
    document.querySelector('link[rel="canonical"]')?.getAttribute('href') ??
    document.querySelector('meta[property="og:url"]')?.getAttribute('content');
  return canonical ? publishedFromUrl(canonical) : null;
}

/**
 * A date in a URL path: /2015/07/07/, /2015-07-07-, /20150707/. A path with only year and month
 * (/2015/09/) gives the month's last day: the report came out by then, and every range clipped at
 * publication keeps the whole month.
 */
export function publishedFromUrl(url: string): string | null {
  let path: string;
  try {
    path = decodeURIComponent(new URL(url).pathname);
  } catch {
    path = url;
  }
  const ok = (y: number, m: number, d: number) => y >= MIN_YEAR && y <= MAX_YEAR && isValidDate(y, m, d);
  const full = /(?:^|[/_-])((?:19|20)\d{2})[/_-](\d{1,2})[/_-](\d{1,2})(?=$|[/_.-])/.exec(path);
  if (full) {
    const [y, m, d] = [Number(full[1]), Number(full[2]), Number(full[3])];
    if (ok(y, m, d)) return isoDate(dayNumber(y, m, d));
  }
  const packed = /\/((?:19|20)\d{2})(\d{2})(\d{2})(?=\/|$)/.exec(path);
  if (packed) {
    const [y, m, d] = [Number(packed[1]), Number(packed[2]), Number(packed[3])];
    if (ok(y, m, d)) return isoDate(dayNumber(y, m, d));
  }
  const month = /\/((?:19|20)\d{2})\/(\d{1,2})(?=\/|$)/.exec(path);
  if (month) {
    const [y, m] = [Number(month[1]), Number(month[2])];
    if (ok(y, m, 1)) return isoDate(dayNumber(y, m, daysInMonth(y, m)));
  }
  return null;
}

const DATELINE_REACH = 120;
const DATELINE_SEPARATOR = /^\s*(?:[-–—:|(]|\n)/;

/** A full date at the head of the text, set off by a dash, colon or comma: «دير الزور - 12 أيار 2015 - …». */
export function publishedFromDateline(text: string): string | null {
  const head = text.slice(0, DATELINE_REACH * 2);
  const a = analyze(head);
  for (const m of findTimes(a, null)) {
    if (m.rawStart > DATELINE_REACH) break;
    if (m.start === null || m.start !== m.end) continue;
    const before = head.slice(0, m.rawStart);
    if (/[.!?؟]/.test(before) || before.includes('\n')) break;
    // «في 3 أيار 2015، قتل …» opens with the event's date; a dateline is set off by a dash or colon
    if (DATELINE_SEPARATOR.test(head.slice(m.rawEnd))) return m.start;
  }
  return null;
}

export function publishedDate(input: {
  html?: string | null;
  url?: string | null;
  text?: string | null;
}): string | null {
  return (
    (input.html ? publishedFromHtml(input.html) : null) ??
    (input.url ? publishedFromUrl(input.url) : null) ??
    (input.text ? publishedFromDateline(input.text) : null)
  );
}
