// PDF text layer → text in reading order, with a page map. pdf.js gives positioned runs of glyphs
// (for Chromium's Arabic, one run per glyph, as presentation forms, in visual order); we rebuild rows,
// columns, lines and paragraphs from their geometry, because the order of runs in the content stream
// is the order the producer drew them in, not the order a reader reads them in.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';
import { RasidError } from '../errors.ts';
import { joinPages, type PagedText } from './paged.ts';

export const DEFAULT_MAX_PAGES = 1000;

// pdf.js's data files: metrics of the 14 standard fonts (Helvetica…), which PDFs may use without
// embedding them, and the character maps of CJK fonts
const PDFJS = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

export interface PdfOptions {
  maxPages?: number;
  /** text of pages that have no text layer (scans); absent: such pages stay empty */
  ocrPages?: (pageNumbers: number[]) => Promise<Map<number, string>>;
}

export interface PdfText extends PagedText {
  pageCount: number;
  /** pages without a text layer */
  imagePages: number[];
}

interface Run {
  s: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
  space: boolean;
}

interface Line {
  text: string;
  y: number;
  size: number;
  /** reading-order block: a column of a section, or a row spanning the columns */
  flow: number;
  /** row rank from the top and from the bottom of the page, for running headers and footers */
  fromTop: number;
  fromBottom: number;
}

const ARABIC_LETTER = /[\u0621-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff\ufb50-\ufdff\ufe70-\ufefc]/;
const LTR_STRONG = /[A-Za-z0-9\u00c0-\u024f\u0660-\u0669\u06f0-\u06f9]/;
const LTR_OR_NOT =
  /[A-Za-z0-9\u00c0-\u024f\u0660-\u0669\u06f0-\u06f9]+|[^A-Za-z0-9\u00c0-\u024f\u0660-\u0669\u06f0-\u06f9]+/g;
const PRESENTATION = /[\ufb50-\ufdff\ufe70-\ufefc]/g;
const SENTENCE_END = /[.!?؟:;؛»"”)]$/;

/**
 * Some producers (LibreOffice, Word) map the lam-alef ligature glyph to the two letters «لا»; pdf.js
 * then reverses the visual-order run letter by letter and the pair comes out as «ال»: «الانتهاكات»
 * reads «االنتهاكات». Where the page never has «لا» at all but has such impossible sequences, the
 * producer did this, and the pairs that can only be broken ligatures are put back: alef before
 * alef-lam («اال» → «الا», «األ» → «الأ»), a lone «ال» (the article never stands alone: «لا»), and
 * «ال» carrying tanwin («كامالً» → «كاملاً»). Other broken pairs («خالل» for «خلال») cannot be told
 * from real alef-lam («شمال») without a dictionary and stay as they are.
 */
export function repairLamAlef(text: string): string {
  if (/ل[اأإآ]/.test(text) || !/ا[اأإآ]ل/.test(text)) return text;
  return text
    .replace(/ا([اأإآ])ل/g, 'ال$1')
    .replace(/(^|[\s(«"])(و|ف)?([اأإآ])ل(?=$|[\s.,،؛:!?؟)»"])/gmu, '$1$2ل$3')
    .replace(/([اأإآ])ل(\u064b)/g, 'ل$1$2');
}

/** Arabic presentation forms (what most PDF producers store for shaped Arabic) → base letters. */
function unshape(s: string): string {
  return s.replace(PRESENTATION, (c) => c.normalize('NFKC'));
}

function classOf(s: string): 'R' | 'L' | 'N' {
  if (ARABIC_LETTER.test(s)) return 'R';
  if (LTR_STRONG.test(s)) return 'L';
  return 'N';
}

/**
 * One row of runs (left to right on the page) → logical text. pdf.js already turns each run into
 * logical order; what remains is the order of runs: right to left on an Arabic line, with runs of
 * Latin words and numbers inside it read left to right («يوم 12 آذار 2021»), and the mirror case
 * for Arabic words on an English line.
 */
function lineText(runs: Run[]): string {
  const tokens: Array<{ s: string; c: 'R' | 'L' | 'N' }> = [];
  let rtl = 0;
  let ltr = 0;
  let prev: Run | null = null;
  for (const r of runs) {
    if (prev && !prev.space && !r.space && r.x0 - prev.x1 > 0.2 * Math.max(r.size, prev.size))
      tokens.push({ s: ' ', c: 'N' });
    const c = r.space ? 'N' : classOf(r.s);
    if (c === 'R') rtl += r.s.length;
    else if (c === 'L') ltr += r.s.length;
    if (c === 'L') {
      // a run without Arabic letters is in visual order, neutrals included: «،2021» is 2021 and
      // then the comma that follows it on an Arabic line
      for (const part of r.s.match(LTR_OR_NOT) ?? []) tokens.push({ s: part, c: LTR_STRONG.test(part) ? 'L' : 'N' });
    } else tokens.push({ s: r.space ? ' ' : r.s, c });
    prev = r;
  }
  const rtlLine = rtl > 0 && rtl >= ltr;
  const order = rtlLine ? tokens.reverse() : tokens;
  const inner = rtlLine ? 'L' : 'R';
  const out: string[] = [];
  for (let i = 0; i < order.length;) {
    if (order[i]!.c !== inner) {
      out.push(order[i++]!.s);
      continue;
    }
    // a run of the other direction: from its first strong token to its last, neutrals between
    let j = i;
    let last = i;
    while (j < order.length && order[j]!.c !== (rtlLine ? 'R' : 'L')) {
      if (order[j]!.c === inner) last = j;
      j++;
    }
    for (let k = last; k >= i; k--) out.push(order[k]!.s);
    i = last + 1;
  }
  // a vowel mark (tanwin over an alef) drawn apart from its letter is still part of the word
  return unshape(out.join(''))
    .replace(/\s+/g, ' ')
    .replace(/ (\p{M})/gu, '$1')
    .trim();
}

function median(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

/** Runs of one page → lines in reading order. */
function layoutPage(runs: Run[]): Line[] {
  const glyphs = runs.filter((r) => !r.space);
  if (glyphs.length === 0) return [];
  // rows: runs sharing a baseline
  const sorted = [...runs].sort((a, b) => b.y - a.y || a.x0 - b.x0);
  const rows: Run[][] = [];
  for (const r of sorted) {
    const row = rows[rows.length - 1];
    if (row && Math.abs(row[0]!.y - r.y) <= 0.4 * Math.max(row[0]!.size, r.size)) row.push(r);
    else rows.push([r]);
  }
  for (const row of rows) row.sort((a, b) => a.x0 - b.x0);
  const size = median(glyphs.map((g) => g.size)) || 10;
  let rtl = 0;
  let ltr = 0;
  for (const g of glyphs) {
    const c = classOf(g.s);
    if (c === 'R') rtl += g.s.length;
    else if (c === 'L') ltr += g.s.length;
  }
  const gutter = findGutter(rows, size);
  // blocks in reading order: rows crossing the gutter stand alone; between them, the columns
  type Block = Run[][];
  const blocks: Block[] = [];
  let left: Run[][] = [];
  let right: Run[][] = [];
  const flush = () => {
    const cols = rtl > ltr ? [right, left] : [left, right];
    for (const c of cols) if (c.length) blocks.push(c);
    left = [];
    right = [];
  };
  for (const row of rows) {
    const ink = row.filter((r) => !r.space);
    if (ink.length === 0) continue;
    if (gutter === null) {
      blocks.push([row]);
      continue;
    }
    const crosses =
      ink.some((r) => r.x0 < gutter.from && r.x1 > gutter.to) ||
      segments(row, size).some(([a, b]) => a < gutter.from && b > gutter.to);
    if (crosses) {
      flush();
      blocks.push([row]);
      continue;
    }
    const l = row.filter((r) => (r.x0 + r.x1) / 2 < gutter.from);
    const rr = row.filter((r) => (r.x0 + r.x1) / 2 >= gutter.from);
    if (l.some((r) => !r.space)) left.push(l);
    if (rr.some((r) => !r.space)) right.push(rr);
  }
  flush();
  // without a gutter every row is its own block: one flow for the page
  const flowOf = gutter === null ? () => 0 : (i: number) => i;
  const rowOf = new Map<Run, number>();
  rows.forEach((row, i) => row.forEach((r) => rowOf.set(r, i)));
  const lines: Line[] = [];
  blocks.forEach((block, bi) => {
    for (const row of block) {
      const text = lineText(row);
      if (!text) continue;
      const rank = rowOf.get(row[0]!) ?? 0;
      lines.push({
        text,
        y: row[0]!.y,
        size: median(row.filter((r) => !r.space).map((r) => r.size)) || size,
        flow: flowOf(bi),
        fromTop: rank,
        fromBottom: rows.length - 1 - rank,
      });
    }
  });
  return lines;
}

/** Stretches of a row's ink separated by more than a wide space. */
function segments(row: Run[], size: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const r of row) {
    if (r.space) continue;
    const last = out[out.length - 1];
    if (last && r.x0 - last[1] <= 1.0 * size) last[1] = Math.max(last[1], r.x1);
    else out.push([r.x0, r.x1]);
  }
  return out;
}

/**
 * A vertical band that most rows leave empty and that has text on both sides: the gap between two
 * columns. Rows crossing it (a title, a running header) are few and read on their own.
 */
function findGutter(rows: Run[][], size: number): { from: number; to: number } | null {
  const segs = rows.map((r) => segments(r, size)).filter((s) => s.length);
  if (segs.length < 6) return null;
  let minX = Infinity;
  let maxX = -Infinity;
  for (const s of segs) {
    minX = Math.min(minX, s[0]![0]);
    maxX = Math.max(maxX, s[s.length - 1]![1]);
  }
  const width = maxX - minX;
  if (width <= 0) return null;
  const step = 2;
  const n = Math.ceil(width / step) + 1;
  const cover = new Uint32Array(n);
  for (const s of segs)
    for (const [a, b] of s)
      for (let k = Math.floor((a - minX) / step); k <= Math.min(n - 1, Math.ceil((b - minX) / step)); k++) cover[k]!++;
  const allowed = Math.max(1, Math.floor(segs.length * 0.15));
  let best: [number, number] | null = null;
  const lo = Math.floor((width * 0.2) / step);
  const hi = Math.ceil((width * 0.8) / step);
  for (let k = lo; k <= hi;) {
    if (cover[k]! > allowed) {
      k++;
      continue;
    }
    let e = k;
    while (e + 1 <= hi && cover[e + 1]! <= allowed) e++;
    if (!best || e - k > best[1] - best[0]) best = [k, e];
    k = e + 1;
  }
  if (!best || (best[1] - best[0] + 1) * step < 0.8 * size) return null;
  const from = minX + best[0] * step;
  const to = minX + (best[1] + 1) * step;
  const both = segs.filter((s) => s.some(([, b]) => b <= from + step) && s.some(([a]) => a >= to - step)).length;
  const one = segs.filter((s) => s.every(([, b]) => b <= from + step) || s.every(([a]) => a >= to - step)).length;
  // two columns: many rows have ink on both sides, or the page is mostly half-width rows
  if (both < 3 && one < segs.length * 0.6) return null;
  return { from, to };
}

const PAGE_NUMBER = /^[\s\-–—|•·]*((page|p\.|صفحة|الصفحة)\s*)?[0-9٠-٩]+(\s*(of|\/|من)\s*[0-9٠-٩]+)?[\s\-–—|•·]*$/i;
const headerKey = (s: string) =>
  s
    .replace(/[0-9٠-٩]+/g, '#')
    .replace(/\s+/g, ' ')
    .trim();

/** Lines at the top or bottom of pages that repeat on most pages (running headers, footers, page numbers). */
function runningLines(pages: Line[][]): Set<string> {
  const counts = new Map<string, number>();
  for (const lines of pages) {
    const keys = new Set(lines.filter((l) => l.fromTop < 2 || l.fromBottom < 2).map((l) => headerKey(l.text)));
    for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const need = Math.max(2, Math.ceil(pages.filter((p) => p.length).length * 0.5));
  return new Set([...counts].filter(([, n]) => n >= need).map(([k]) => k));
}

/** Lines of one page → paragraphs: a wider gap, a change of type size or of column ends one. */
function pageText(lines: Line[], running: Set<string>): string {
  // a page's only line is its content, whatever other pages hold
  const body =
    lines.length < 2
      ? lines
      : lines.filter(
          (l) => !((l.fromTop < 2 || l.fromBottom < 2) && (running.has(headerKey(l.text)) || PAGE_NUMBER.test(l.text))),
        );
  const gaps: number[] = [];
  for (let i = 1; i < body.length; i++)
    if (body[i]!.flow === body[i - 1]!.flow && body[i - 1]!.y > body[i]!.y) gaps.push(body[i - 1]!.y - body[i]!.y);
  // the usual gap between lines of a paragraph: paragraph gaps are fewer than line gaps, but on a
  // page of short paragraphs not by much, so a low quantile rather than the median
  const bodySize = median(body.map((l) => l.size)) || 10;
  const leading = gaps.length ? [...gaps].sort((a, b) => a - b)[Math.floor(gaps.length / 4)]! : 0;
  const paragraphs: string[] = [];
  let cur = '';
  for (let i = 0; i < body.length; i++) {
    const l = body[i]!;
    const p = body[i - 1];
    let brk = !p;
    if (p) {
      const sizeJump = Math.max(l.size, p.size) / Math.min(l.size, p.size) > 1.15;
      if (l.flow !== p.flow) brk = sizeJump || SENTENCE_END.test(p.text);
      else {
        const gap = p.y - l.y;
        // a heading's lines are further apart than the body's, in proportion to its type size
        const scale = Math.max(1, l.size / bodySize);
        brk = sizeJump || gap < 0 || (leading > 0 ? gap > leading * 1.3 * scale : gap > 1.6 * l.size);
      }
    }
    if (brk) {
      if (cur) paragraphs.push(cur);
      cur = l.text;
    } else cur = joinLine(cur, l.text);
  }
  if (cur) paragraphs.push(cur);
  return paragraphs.join('\n\n');
}

/** Next line onto a paragraph: a word broken by a hyphen at the line's end is rejoined. */
export function joinLine(cur: string, next: string): string {
  if (/[A-Za-z\u00c0-\u024f][-\u00ad]$/.test(cur) && /^[a-z\u00df-\u00ff]/.test(next)) return cur.slice(0, -1) + next;
  return `${cur} ${next}`;
}

function toRuns(items: unknown[]): Run[] {
  const runs: Run[] = [];
  for (const it of items as TextItem[]) {
    if (typeof it.str !== 'string' || it.str.length === 0 || !it.transform) continue;
    // a transform matrix: [a, b, c, d, e, f]
    const [a, b, , , e, f] = it.transform as [number, number, number, number, number, number];
    // text turned on its side (a margin note, a rotated table) is left out of the flow
    if (Math.abs(b) > Math.abs(a) * 0.2) continue;
    const size = Math.abs(it.height) || Math.hypot(a, b) || 10;
    const width = Math.abs(it.width);
    runs.push({ s: it.str, x0: e, x1: e + width, y: f, size, space: it.str.trim() === '' });
  }
  return runs;
}

// pdf.js 5 keeps a document's page count in a static field (its viewer's page mapper), so two
// documents open at once in one process see each other's count ("Invalid page request" on page 2
// of one while the other loads). Documents are therefore read one at a time; OCR, which is a
// separate process, runs outside this lock.
let pdfjsLock: Promise<unknown> = Promise.resolve();
function withPdfjs<T>(f: () => Promise<T>): Promise<T> {
  const run = pdfjsLock.then(f, f);
  pdfjsLock = run.catch(() => undefined);
  return run;
}

export async function readPdf(bytes: Uint8Array, label: string, opts: PdfOptions = {}): Promise<PdfText> {
  const { layouts, pageCount, imagePages } = await withPdfjs(() =>
    readLayouts(bytes, label, opts.maxPages ?? DEFAULT_MAX_PAGES),
  );
  const running = runningLines(layouts);
  const texts: Array<{ text: string; ocr?: boolean }> = layouts.map((lines) => ({ text: pageText(lines, running) }));
  if (imagePages.length && opts.ocrPages) {
    try {
      const read = await opts.ocrPages(imagePages);
      for (const [n, text] of read) texts[n - 1] = { text, ocr: true };
    } catch (e) {
      // without OCR installed, a PDF with a text layer still gives its text; a scan alone fails
      const hasText = imagePages.length < pageCount;
      if (!(hasText && e instanceof RasidError && e.code === 'ocr.missing')) throw e;
    }
  }
  const joined = joinPages(texts);
  // a repair never changes the text's length, so the page map still holds
  return { text: repairLamAlef(joined.text), pages: joined.pages, pageCount, imagePages };
}

async function readLayouts(
  bytes: Uint8Array,
  label: string,
  maxPages: number,
): Promise<{ layouts: Line[][]; pageCount: number; imagePages: number[] }> {
  // pdf.js (about 2 MB of modules and a native canvas) is loaded on the first PDF, not by every
  // command that can read one: `rasid extract` of a text file never pays for it
  const { getDocument, VerbosityLevel } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // pdf.js takes ownership of the buffer it is given: hand it a copy
  const task = getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    standardFontDataUrl: `${PDFJS}/standard_fonts/`,
    cMapUrl: `${PDFJS}/cmaps/`,
    cMapPacked: true,
    verbosity: VerbosityLevel.ERRORS,
    stopAtErrors: false,
  });
  let doc;
  try {
    doc = await task.promise;
  } catch (e) {
    await task.destroy().catch(() => undefined);
    const name = (e as Error | null)?.name;
    if (name === 'PasswordException')
      throw new RasidError(
        'input.pdf-encrypted',
        `${label}: the PDF is encrypted with a password; save an unprotected copy`,
      );
    throw new RasidError(
      'input.pdf-damaged',
      `${label}: not a readable PDF (${name ?? 'error'}); the file is damaged or truncated`,
    );
  }
  try {
    if (doc.numPages > maxPages)
      throw new RasidError(
        'input.too-many-pages',
        `${label}: ${doc.numPages} pages is over the ${maxPages}-page limit; split the file`,
      );
    const layouts: Line[][] = [];
    const imagePages: number[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      let lines: Line[] = [];
      try {
        const page = await doc.getPage(n);
        const content = await page.getTextContent();
        lines = layoutPage(toRuns(content.items));
        page.cleanup();
      } catch (e) {
        if (e instanceof RasidError) throw e;
        throw new RasidError(
          'input.pdf-damaged',
          `${label}: page ${n} cannot be read (${(e as Error | null)?.name ?? 'error'})`,
        );
      }
      if (lines.length === 0) imagePages.push(n);
      layouts.push(lines);
    }
    return { layouts, pageCount: doc.numPages, imagePages };
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}
