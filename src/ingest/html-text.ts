// A page's text and metadata in one streaming pass (htmlparser2, no DOM): what a hostile or huge
// page falls back to. Its cost is linear in the page however deep the nesting — a page of 2,000
// nested <div>s took 34 s through the DOM and Readability, a 1 MB one minutes (issue 12) — and it
// counts elements and depth so that the caller knows whether the DOM path is safe to take.
// htmlparser2's Tokenizer, not its Parser: the Parser keeps open tags in an array it unshifts,
// which made 100,000 nested <div>s take 54 s; nothing here needs the open-tag stack.
import { Tokenizer } from 'htmlparser2';

export interface StreamedPage {
  text: string;
  title: string | null;
  h1: string | null;
  /** <html lang>, primary subtag not yet taken */
  lang: string | null;
  /** <link rel=alternate hreflang> as written */
  hreflang: Array<{ hreflang: string; href: string }>;
  /** <base href> as written */
  base: string | null;
  elements: number;
  maxDepth: number;
}

const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'dd',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tr',
  'ul',
]);
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'iframe', 'button', 'form', 'head']);
// void elements never get a close tag of their own in the depth count
const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);

/**
 * The page's text, normalised as it streams in rather than by passes over the whole text at the end
 * (those made several full copies: a 10 MB page peaked near 450 MB). Runs of white space within a
 * line become one space, lines are trimmed, more than one empty line becomes one, and the text is
 * trimmed: a word is preceded by nothing at the start, else by one or two line breaks if any came
 * since the last word, else by a space if any came.
 */
export class TextSink {
  private readonly out: string[] = [];
  private started = false;
  private space = false;
  private breaks = 0;

  /** text as the page has it; every kind of white space in it counts as a space */
  words(data: string): void {
    const s = data.replace(/\s+/g, ' ');
    let from = 0;
    let to = s.length;
    if (to > 0 && s.charCodeAt(0) === 32) {
      this.space = true;
      from = 1;
    }
    const trailing = to > from && s.charCodeAt(to - 1) === 32;
    if (trailing) to--;
    if (to > from) {
      if (this.started) {
        if (this.breaks > 0) this.out.push(this.breaks > 1 ? '\n\n' : '\n');
        else if (this.space) this.out.push(' ');
      }
      this.out.push(from === 0 && to === s.length ? s : s.slice(from, to));
      this.started = true;
      this.space = false;
      this.breaks = 0;
    }
    if (trailing) this.space = true;
  }

  /** a space between two words of one line (table cells) */
  gap(): void {
    this.space = true;
  }

  /** n line breaks (<br> one, a block's edge two) */
  lineBreaks(n: number): void {
    this.breaks += n;
  }

  text(): string {
    return this.out.join('');
  }
}

export function streamHtml(html: string): StreamedPage {
  const out = new TextSink();
  let skipping = 0;
  let depth = 0;
  let maxDepth = 0;
  let elements = 0;
  let inTitle = false;
  let inH1 = false;
  let title = '';
  let h1: string | null = null;
  let h1Text = '';
  let lang: string | null = null;
  let base: string | null = null;
  const hreflang: StreamedPage['hreflang'] = [];
  const open = (name: string, attrs: Record<string, string>) => {
    elements++;
    if (!VOID.has(name)) maxDepth = Math.max(maxDepth, ++depth);
    if (name === 'html' && attrs.lang && lang === null) lang = attrs.lang;
    if (name === 'base' && attrs.href && base === null) base = attrs.href;
    if (name === 'link' && attrs.hreflang && attrs.href && /(^|\s)alternate(\s|$)/i.test(attrs.rel ?? ''))
      hreflang.push({ hreflang: attrs.hreflang, href: attrs.href });
    if (name === 'title') inTitle = true;
    if (name === 'h1' && h1 === null) inH1 = true;
    if (SKIP.has(name)) skipping++;
    else if (skipping === 0) {
      if (name === 'br') out.lineBreaks(1);
      else if (BLOCK.has(name)) out.lineBreaks(2);
    }
  };
  const close = (name: string) => {
    if (!VOID.has(name)) depth = Math.max(0, depth - 1);
    if (name === 'title') inTitle = false;
    if (name === 'h1' && inH1) {
      inH1 = false;
      h1 = h1Text.replace(/\s+/g, ' ').trim() || null;
    }
    if (SKIP.has(name)) skipping = Math.max(0, skipping - 1);
    else if (skipping === 0) {
      if (BLOCK.has(name)) out.lineBreaks(2);
      else if (name === 'td' || name === 'th') out.gap();
    }
  };
  const text = (data: string) => {
    if (inTitle) title += data;
    if (inH1) h1Text += data;
    if (skipping === 0) out.words(data);
  };
  let tag = '';
  let attrs: Record<string, string> = {};
  let attrName = '';
  let attrValue = '';
  const tokenizer = new Tokenizer(
    { decodeEntities: true },
    {
      onopentagname(start, end) {
        tag = html.slice(start, end).toLowerCase();
        attrs = {};
      },
      onattribname(start, end) {
        attrName = html.slice(start, end).toLowerCase();
        attrValue = '';
      },
      onattribdata(start, end) {
        attrValue += html.slice(start, end);
      },
      onattribentity(cp) {
        attrValue += String.fromCodePoint(cp);
      },
      onattribend() {
        if (!(attrName in attrs)) attrs[attrName] = attrValue;
      },
      onopentagend() {
        open(tag, attrs);
      },
      onselfclosingtag() {
        open(tag, attrs);
        close(tag);
      },
      onclosetag(start, end) {
        close(html.slice(start, end).toLowerCase());
      },
      ontext(start, end) {
        text(html.slice(start, end));
      },
      ontextentity(cp) {
        text(String.fromCodePoint(cp));
      },
      oncdata() {},
      oncomment() {},
      ondeclaration() {},
      onprocessinginstruction() {},
      onend() {},
    },
  );
  tokenizer.write(html);
  tokenizer.end();
  const body = out.text();
  return { text: body, title: title.replace(/\s+/g, ' ').trim() || null, h1, lang, hreflang, base, elements, maxDepth };
}
