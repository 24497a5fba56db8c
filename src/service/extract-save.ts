// Extract a stored document and save its incidents: what `rasid ingest` does for each document it
// lands and what a `rasid worker` job does. Saving replaces the machine's incidents and keeps what
// analysts touched, so running it twice gives the same store (which makes a retried job safe).
import { RasidError } from '../errors.ts';
import type { ExtractInput } from '../pipeline/index.ts';
import type { Extraction } from '../schema.ts';
import type { DocumentInput, Store } from '../store/types.ts';
import { markPages } from '../extract/pages.ts';
import type { ExtractLimits } from '../config.ts';
import { DEFAULT_EXTRACT_LIMITS } from '../config.ts';
import { BUDGET_CODES, budgetIssue, budgetOf, type Budget, type DocumentRunner } from './document-runner.ts';

export type Extractor = (input: ExtractInput) => Extraction;

/** How a store call is run: ingest counts store failures in a row to stop a run whose store is gone. */
export type StoreCall = <T>(op: () => Promise<T>) => Promise<T>;

const direct: StoreCall = (op) => op();

// Bounds on the work per document live in the one configuration (src/config.ts)
export { DEFAULT_EXTRACT_LIMITS, type ExtractLimits } from '../config.ts';

/** [start, end) offsets of parts of at most about `size` characters, ending at paragraph breaks. */
export function partsOf(text: string, size: number): Array<[number, number]> {
  const parts: Array<[number, number]> = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + size);
    if (end < text.length) {
      const para = text.lastIndexOf('\n\n', end);
      const line = text.lastIndexOf('\n', end);
      // a paragraph break in the part's second half, else a line break, else a hard cut
      end = para > start + size / 2 ? para + 2 : line > start + size / 2 ? line + 1 : end;
    }
    parts.push([start, end]);
    start = end;
  }
  return parts;
}

// Every `span` of an incident, at any depth (actors, places, time, counts, methods, evidence…)
function shiftSpans(v: unknown, by: number): void {
  if (Array.isArray(v)) {
    for (const x of v) shiftSpans(x, by);
    return;
  }
  if (!v || typeof v !== 'object') return;
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (k === 'span' && Array.isArray(x) && x.length === 2 && typeof x[0] === 'number' && typeof x[1] === 'number') {
      x[0] += by;
      x[1] += by;
    } else shiftSpans(x, by);
  }
}

/** The extraction of one document; an extractor's own crash becomes a coded error, never its text. */
export function extractFor(
  id: string,
  doc: Omit<DocumentInput, 'sourceKey' | 'format'>,
  extract: Extractor,
  limits: ExtractLimits = DEFAULT_EXTRACT_LIMITS,
): Extraction {
  const started = performance.now();
  const run = (text: string) => {
    try {
      return extract({
        text,
        id,
        lang: doc.lang,
        title: doc.title,
        url: doc.url,
        published: doc.published,
        alternates: doc.alternates,
      });
    } catch (e) {
      if (e instanceof RasidError) throw e;
      throw new RasidError('extract.failed', `extraction failed (${(e as Error)?.name ?? 'Error'})`);
    }
  };
  const parts = partsOf(doc.text, limits.partChars);
  let first: Extraction | null = null;
  const incidents: Extraction['incidents'] = [];
  const issues: NonNullable<Extraction['issues']> = [];
  for (const [k, [from, to]] of parts.entries()) {
    if (k > 0 && performance.now() - started > limits.budgetMs)
      throw new RasidError(
        'extract.budget',
        `extraction ran past its ${(limits.budgetMs / 1000).toFixed(0)} s budget after ${k} of ${parts.length} parts of the text`,
      );
    const got = parts.length === 1 ? run(doc.text) : run(doc.text.slice(from, to));
    if (k > 0) {
      for (const inc of got.incidents) {
        shiftSpans(inc, from);
        // ids stay unique across parts (the first part keeps the extractor's own, as a short text does)
        inc.id = `p${k}.${inc.id}`;
      }
      for (const issue of got.issues ?? []) shiftSpans(issue, from);
    }
    first ??= got;
    incidents.push(...got.incidents);
    issues.push(...(got.issues ?? []));
    if (incidents.length >= limits.maxIncidents) {
      if (incidents.length > limits.maxIncidents || k < parts.length - 1) {
        // the cut starts at the first word of the first incident left out (or where the next part would)
        const dropped = incidents.slice(limits.maxIncidents).map((i) => i.evidence[0]?.span[0] ?? from);
        const cutAt = dropped.length ? Math.min(...dropped) : to;
        incidents.length = limits.maxIncidents;
        issues.push({
          code: 'document.incidents-capped',
          stage: 'extract',
          message: `kept the first ${limits.maxIncidents} incidents; the document's text from here on was not extracted in full`,
          span: [cutAt, doc.text.length],
        });
      }
      break;
    }
  }
  // paged sources: pages are labelled once the parts' spans are in place in the whole text
  if (doc.pages?.length) markPages(incidents, doc.pages);
  return { ...first!, incidents, issues };
}

/**
 * Extract a document by `runner` and save what it found. A document whose budget was spent keeps
 * why, as an issue a reviewer sees (its incidents stay as they were), and fails.
 */
export async function extractAndSave(
  store: Pick<Store, 'saveExtraction' | 'setDocumentIssues'>,
  id: string,
  doc: Omit<DocumentInput, 'sourceKey' | 'format'>,
  run: { runner: DocumentRunner; limits: ExtractLimits; budget: Budget; label: string },
  call: StoreCall = direct,
): Promise<{ saved: number; kept: number; capped: boolean }> {
  let extraction: Extraction;
  try {
    extraction = await run.runner.extract(id, doc, run.limits, run.budget, run.label);
  } catch (e) {
    if (e instanceof RasidError && BUDGET_CODES.has(e.code)) {
      const issue = budgetIssue(e, run.label);
      await call(() => store.setDocumentIssues(id, [issue]));
      throw e.code === 'extract.budget' ? e : new RasidError('extract.budget', e.message);
    }
    throw e;
  }
  const capped = (extraction.issues ?? []).some((i) => i.code === 'document.incidents-capped');
  const r: { saved: number; kept: number } = await call(() => store.saveExtraction(id, extraction));
  return { ...r, capped };
}

/** A worker's job: the stored document by id, extracted and saved. */
export async function extractStoredDocument(
  store: Pick<Store, 'getDocument' | 'saveExtraction' | 'setDocumentIssues'>,
  documentId: string,
  runner: DocumentRunner,
  limits: ExtractLimits = DEFAULT_EXTRACT_LIMITS,
): Promise<{ saved: number; kept: number; capped: boolean }> {
  const doc = await store.getDocument(documentId);
  if (!doc) throw new RasidError('job.document-missing', `document ${documentId} is not in the store`);
  return extractAndSave(store, doc.id, doc, {
    runner,
    limits,
    budget: budgetOf(limits),
    label: `document ${doc.id} (${doc.sourceKey})`,
  });
}
