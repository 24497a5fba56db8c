// An HTML page into the article's text and what the page says about itself: title, language and
// its other-language versions. Metadata is read before Readability runs because Readability
// prunes the document it is given.
import { parseHTML } from '../input/html-dom.ts';
import { Readability } from '@mozilla/readability';
import { RasidError } from '../errors.ts';
import { normalizeString } from '../text/normalize.ts';
import { streamHtml, TextSink, type StreamedPage } from './html-text.ts';

export interface Alternate {
  lang: string;
  url: string;
}

export interface HtmlPage {
  title: string | null;
  text: string;
  /** declared language (BCP 47 primary subtag), null when the page does not say */
  lang: string | null;
  alternates: Alternate[];
  /** read by the streaming reader: too large or too deep for a DOM (nor should anything else build one of it) */
  streamed?: boolean;
}

const BLOCK = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'DD',
  'DIV',
  'DL',
  'DT',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'MAIN',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'TABLE',
  'TR',
  'UL',
]);
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME', 'BUTTON', 'FORM']);

// "This post is also available in: English" (WordPress qTranslate/Polylang/WPML) and the Arabic
// «هذه المقالة متوفرة أيضاً باللغة: English» — compared after normalisation so hamza, tanwin and
// taa marbuta variants of the Arabic sentence all match.
const AVAILABILITY_CUES = ['also available in', 'متوفره ايضا', 'متوفر ايضا', 'متاحه ايضا', 'متاح ايضا'].map((c) =>
  normalizeString(c),
);

const LANGUAGE_NAMES: Record<string, string> = {
  english: 'en',
  الانجليزيه: 'en',
  الانكليزيه: 'en',
  انجليزي: 'en',
  انكليزي: 'en',
  arabic: 'ar',
  العربيه: 'ar',
  عربي: 'ar',
  français: 'fr',
  french: 'fr',
  الفرنسيه: 'fr',
  kurdish: 'ku',
  کوردی: 'ku',
  الكرديه: 'ku',
  deutsch: 'de',
  german: 'de',
  türkçe: 'tr',
  turkish: 'tr',
};

function primaryTag(lang: string | null | undefined): string | null {
  const m = lang
    ?.trim()
    .toLowerCase()
    .match(/^([a-z]{2,3})(?:[-_]|$)/);
  return m?.[1] ?? null;
}

/** Plain text of a DOM subtree with paragraph breaks, so sentence and heading segmentation work. */
export function textOf(root: Node): string {
  // the streaming reader's sink: the same white-space rules, applied as the text comes
  const out = new TextSink();
  // an explicit stack, not recursion: nesting depth is the page's to choose; a number is that many
  // line breaks, 'gap' the space between two table cells
  const stack: Array<Node | number | 'gap'> = [root];
  while (stack.length) {
    const item = stack.pop()!;
    if (item === 'gap') {
      out.gap();
      continue;
    }
    if (typeof item === 'number') {
      out.lineBreaks(item);
      continue;
    }
    const node = item;
    if (node.nodeType === 3) {
      out.words(node.textContent ?? '');
      continue;
    }
    if (node.nodeType !== 1) continue;
    const tag = (node as Element).tagName.toUpperCase();
    if (SKIP.has(tag)) continue;
    if (tag === 'BR') {
      out.lineBreaks(1);
      continue;
    }
    const block = BLOCK.has(tag);
    if (block) out.lineBreaks(2);
    // pushed in reverse: what comes after the children first, then the children last to first
    if (block) stack.push(2);
    else if (tag === 'TD' || tag === 'TH') stack.push('gap');
    const children: Node[] = [];
    for (let c = node.firstChild; c; c = c.nextSibling) children.push(c);
    stack.push(...children.reverse());
  }
  return out.text();
}

function absolute(href: string | null, base: string | null): string | null {
  if (!href) return null;
  try {
    const u = new URL(href, base ?? undefined);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    u.hash = '';
    return u.href;
  } catch {
    return null;
  }
}

function languageOfLink(a: Element, url: string): string | null {
  const declared = primaryTag(a.getAttribute('hreflang')) ?? primaryTag(a.getAttribute('lang'));
  if (declared) return declared;
  // qTranslate marks links "qtranxs-available-language-link-en"; Polylang "lang-item-en"
  const cls = (a.getAttribute('class') ?? '').match(/(?:link|item)-([a-z]{2})\b/);
  if (cls?.[1]) return cls[1];
  const name = normalizeString((a.textContent ?? '').trim().toLowerCase());
  for (const [k, v] of Object.entries(LANGUAGE_NAMES)) if (name === normalizeString(k)) return v;
  const path = new URL(url).pathname.match(/^\/([a-z]{2})(?:\/|$)/);
  if (path?.[1]) return path[1];
  return primaryTag(new URL(url).searchParams.get('lang'));
}

/** Links under a "this post is also available in" note; the note is removed from the page. */
function availabilityLinks(doc: Document, base: string | null): Alternate[] {
  const found: Alternate[] = [];
  const candidates = Array.from(doc.querySelectorAll('p, div, span, li, small, em, strong'));
  for (const el of candidates) {
    if (!el.isConnected) continue;
    const own = normalizeString((el.textContent ?? '').slice(0, 300).toLowerCase());
    if (!AVAILABILITY_CUES.some((c) => own.includes(c))) continue;
    // the innermost element holding the cue: skip a wrapper when a child holds it too
    const inner = Array.from(el.children).some((c) =>
      AVAILABILITY_CUES.some((cue) => normalizeString((c.textContent ?? '').toLowerCase()).includes(cue)),
    );
    if (inner) continue;
    let anchors = Array.from(el.querySelectorAll('a[href]'));
    // some themes put the links in the element that follows the note
    if (anchors.length === 0 && el.nextElementSibling)
      anchors = Array.from(el.nextElementSibling.querySelectorAll('a[href]'));
    for (const a of anchors) {
      const url = absolute(a.getAttribute('href'), base);
      const lang = url ? languageOfLink(a, url) : null;
      if (url && lang) found.push({ lang, url });
    }
    el.remove();
  }
  return found;
}

function hreflangLinks(doc: Document, base: string | null): Alternate[] {
  const out: Alternate[] = [];
  for (const link of Array.from(doc.querySelectorAll('link[rel~="alternate"][hreflang]'))) {
    const lang = primaryTag(link.getAttribute('hreflang'));
    const url = absolute(link.getAttribute('href'), base);
    if (lang && url) out.push({ lang, url });
  }
  return out;
}

/** "Strike on the market | Test Monitor" → the longest part, the headline */
function withoutSiteName(title: string): string {
  const parts = title
    .split(/\s+[|–—•]{1,2}\s+|\s+-\s+/)
    .map((p) => p.trim())
    .filter(Boolean);
  return parts.length > 1 ? parts.reduce((a, b) => (b.length > a.length ? b : a)) : title.trim();
}

function meta(doc: Document, selector: string): string | null {
  const v = doc.querySelector(selector)?.getAttribute('content')?.trim();
  return v ? v : null;
}

/**
 * A page that opens <html> or <body> but never closes it was cut off (a truncated download or a
 * half-written file); its text would silently lose its end, so it is refused.
 */
function assertComplete(html: string, label: string): void {
  const opens = /<(html|body)[\s>]/i.test(html);
  if (opens && !/<\/(body|html)\s*>/i.test(html)) {
    throw new RasidError(
      'input.truncated',
      `${label}: the HTML ends before </body> or </html>; the page looks cut off`,
    );
  }
}

/**
 * Bounds of the DOM path (linkedom + Readability). Readability's cost grows with elements times
 * depth: a 22 KB page of 2,000 nested <div>s took 34 s (issue 12). Ordinary articles have a few
 * thousand elements nested a few dozen deep; past these bounds the streaming reader gives the text.
 */
export const DOM_LIMITS = { maxBytes: 2_000_000, maxElements: 15_000, maxDepth: 128 } as const;

export interface HtmlOptions {
  /** performance.now() past which the page fails with input.too-slow */
  deadline?: number;
  budgetMs?: number;
}

function checkDeadline(opts: HtmlOptions, label: string): void {
  if (opts.deadline !== undefined && performance.now() > opts.deadline)
    throw new RasidError(
      'input.too-slow',
      `${label}: reading the page took longer than its ${((opts.budgetMs ?? 0) / 1000).toFixed(0)} s budget`,
    );
}

export function parseHtmlPage(source: string, url: string | null, label: string, opts: HtmlOptions = {}): HtmlPage {
  assertComplete(source, label);
  const streamed = streamHtml(source);
  checkDeadline(opts, label);
  if (
    source.length > DOM_LIMITS.maxBytes ||
    streamed.elements > DOM_LIMITS.maxElements ||
    streamed.maxDepth > DOM_LIMITS.maxDepth
  )
    return fromStream(streamed, url, label);
  // linkedom builds no <body> for a bare fragment; browsers do, so wrap it as they would
  const html = /<(html|body)[\s>]/i.test(source)
    ? source
    : `<!doctype html><html><head></head><body>${source}</body></html>`;
  const { document } = parseHTML(html);
  const doc = document;
  const base = absolute(doc.querySelector('base[href]')?.getAttribute('href') ?? null, url) ?? url;

  const lang =
    primaryTag(doc.documentElement?.getAttribute('lang')) ??
    primaryTag(meta(doc, 'meta[http-equiv="content-language" i]')) ??
    primaryTag(meta(doc, 'meta[property="og:locale"]'));
  const self = url ? absolute(url, null) : null;
  const seen = new Set<string>(self ? [self] : []);
  const alternates: Alternate[] = [];
  for (const alt of [...hreflangLinks(doc, base), ...availabilityLinks(doc, base)]) {
    if (seen.has(alt.url) || (lang && alt.lang === lang && !self)) continue;
    seen.add(alt.url);
    alternates.push(alt);
  }
  const metaTitle = meta(doc, 'meta[property="og:title"]') ?? doc.querySelector('title')?.textContent?.trim() ?? null;
  // the page's own headline, without the " | site name" that <title> and og:title carry
  const h1 = doc.querySelector('h1')?.textContent?.replace(/\s+/g, ' ').trim() || null;
  checkDeadline(opts, label);

  let text = '';
  let title: string | null = null;
  try {
    const article = new Readability<Node>(doc, {
      serializer: (n) => n,
      charThreshold: 200,
      maxElemsToParse: DOM_LIMITS.maxElements,
    }).parse();
    if (article?.content) text = textOf(article.content);
    title = article?.title?.trim() || null;
  } catch {
    // Readability gives up on some odd documents; the body text below is the fallback
  }
  checkDeadline(opts, label);
  if (!text) {
    const { document: again } = parseHTML(html);
    const againDoc = again;
    availabilityLinks(againDoc, base);
    text = againDoc.body ? textOf(againDoc.body) : '';
  }
  return finish(text, title, h1, metaTitle, lang, alternates, label);
}

function finish(
  text: string,
  title: string | null,
  h1: string | null,
  metaTitle: string | null,
  lang: string | null,
  alternates: Alternate[],
  label: string,
): HtmlPage {
  if (!text.trim()) throw new RasidError('input.empty', `${label}: the page has no article text`);
  // Readability sometimes lifts the headline out of the article; put it back as the first line,
  // where segmentation reads it as the heading of the first paragraph (headlines name the event)
  const headline = h1 ?? (title ? withoutSiteName(title) : null);
  if (headline && !text.slice(0, 1000).includes(headline)) text = `${headline}\n\n${text}`;
  return { title: headline ?? metaTitle, text, lang, alternates };
}

// The whole page's text without the article heuristics: menus and footers come along, which the
// extractor tolerates; hreflang alternates are kept, the "also available in" note is not looked for.
function fromStream(p: StreamedPage, url: string | null, label: string): HtmlPage {
  const base = absolute(p.base, url) ?? url;
  const lang = primaryTag(p.lang);
  const self = url ? absolute(url, null) : null;
  const seen = new Set<string>(self ? [self] : []);
  const alternates: Alternate[] = [];
  for (const l of p.hreflang) {
    const alt = { lang: primaryTag(l.hreflang), url: absolute(l.href, base) };
    if (!alt.lang || !alt.url || seen.has(alt.url) || (lang && alt.lang === lang && !self)) continue;
    seen.add(alt.url);
    alternates.push({ lang: alt.lang, url: alt.url });
  }
  return { ...finish(p.text, p.title, p.h1, p.title, lang, alternates, label), streamed: true };
}
