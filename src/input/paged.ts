// A document made of pages (PDF, scans): one text in reading order plus where each page starts in
// it, so that any span can say which page its words are on. Page numbers are 1-based, as printed.
import { z } from 'zod';

export const PageStart = z.object({
  /** offset in the document text where this page's text begins */
  start: z.number().int().nonnegative(),
  /** the page's words were read by OCR from an image, not from a text layer */
  ocr: z.boolean().optional(),
});
export type PageStart = z.infer<typeof PageStart>;

export interface PagedText {
  text: string;
  pages: PageStart[];
}

/** The 1-based page on which offset `at` lies. */
export function pageAt(pages: readonly PageStart[], at: number): number {
  let lo = 0;
  let hi = pages.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    // lo < mid <= hi < pages.length
    if (pages[mid]!.start <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** Pages' texts joined by blank lines, with the page map. Empty pages keep their number. */
export function joinPages(texts: Array<{ text: string; ocr?: boolean }>): PagedText {
  let text = '';
  const pages: PageStart[] = [];
  for (const p of texts) {
    const body = p.text.trim();
    if (body && text) text += '\n\n';
    pages.push(p.ocr ? { start: text.length, ocr: true } : { start: text.length });
    text += body;
  }
  return { text, pages };
}
