// Paged sources: each evidence span gets the page its words start on, and an incident resting on
// words read by OCR says so (issue `ocr`) and is trusted less — a misread digit is a wrong count.
import type { Incident } from '../schema.ts';
import { pageAt, type PageStart } from '../input/paged.ts';

/** How much an OCR reading lowers an incident's confidence. */
export const OCR_CONFIDENCE = 0.8;

export function markPages(incidents: Incident[], pages: readonly PageStart[]): void {
  for (const inc of incidents) {
    const ocrPages: number[] = [];
    inc.evidence = inc.evidence.map((e) => {
      const page = pageAt(pages, e.span[0]);
      if (pages[page - 1]?.ocr && !ocrPages.includes(page)) ocrPages.push(page);
      return { ...e, page };
    });
    if (ocrPages.length) {
      (inc.issues ??= []).push({
        code: 'ocr',
        stage: 'input',
        message: `text read by OCR from a scan (page ${ocrPages.join(', ')}): check names and figures against the page`,
        span: inc.evidence[0]?.span ?? null,
      });
      inc.confidence = Math.round(inc.confidence * OCR_CONFIDENCE * 100) / 100;
    }
  }
}
