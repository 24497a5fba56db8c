// Where a document is read and extracted: in this thread (`inlineRunner`: tests with their own
// extractor, `rasid extract`) or in worker threads that are stopped when a document's time budget is
// spent (src/service/document-threads.ts: `rasid ingest`, `rasid worker`). Ingest and workers see
// only this interface; a document's budget is shared by its reading and its extraction.
import { RasidError } from '../errors.ts';
import type { ExtractLimits } from '../config.ts';
import type { Extraction, ExtractionIssue } from '../schema.ts';
import type { DocumentInput } from '../store/types.ts';
import { extractFor, type Extractor } from './extract-save.ts';
import { readDocument, type Published, type ReadOptions, type ReadResult, type ReadSource } from './read-document.ts';

/** The time one document has left, in ms; reading and extracting it spend from it. */
export interface Budget {
  totalMs: number;
  leftMs: number;
}

export const budgetOf = (limits: Pick<ExtractLimits, 'budgetMs'>): Budget => ({
  totalMs: limits.budgetMs,
  leftMs: limits.budgetMs,
});

export type ExtractDoc = Omit<DocumentInput, 'sourceKey' | 'format'>;

/** Read options a runner takes: the publication date is the runner's own (a function cannot cross threads). */
export type RunnerReadOptions = Omit<ReadOptions, 'published' | 'budgetMs'>;

export interface DocumentRunner {
  read(src: ReadSource, opts: RunnerReadOptions, budget: Budget): Promise<ReadResult>;
  /** `label` names the document in errors: its file, URL or store id */
  extract(id: string, doc: ExtractDoc, limits: ExtractLimits, budget: Budget, label: string): Promise<Extraction>;
  close(): Promise<void>;
}

const secondsOf = (ms: number) => `${Number((ms / 1000).toFixed(3))} s`;

/** Why a document failed on its budget, without its file name (it is shown to reviewers). */
export function budgetMessage(budget: Budget): string {
  return `reading and extracting it took longer than its ${secondsOf(budget.totalMs)} budget (--extract-budget); it was stopped there`;
}

export function budgetSpent(label: string, budget: Budget): RasidError {
  return new RasidError('extract.budget', `${label}: ${budgetMessage(budget)}`);
}

/** Codes of a document that ran out of time, while reading (a page) or extracting. */
export const BUDGET_CODES = new Set(['extract.budget', 'input.too-slow']);

/** A document out of time, wherever it noticed (a page's own deadline, a check between parts): one code, one message. */
export function asBudgetError<E>(e: E, label: string, budget: Budget): E | RasidError {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && BUDGET_CODES.has(code) ? budgetSpent(label, budget) : e;
}

/** The issue a document keeps when its budget was spent, for reviewers (no server paths in it). */
export function budgetIssue(e: RasidError, label: string): ExtractionIssue {
  const message = e.message.startsWith(`${label}: `) ? e.message.slice(label.length + 2) : e.message;
  return { code: 'extract.budget', stage: 'extract', message, span: null };
}

/**
 * In this thread: a pathological part cannot be stopped, only the next part refused (extractFor's
 * check between parts); HTML pages check their own deadline while being read.
 */
export function inlineRunner(extract: Extractor | null, published?: Published): DocumentRunner {
  const spend = async <T>(budget: Budget, label: string, op: () => T | Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await op();
    } catch (e) {
      throw asBudgetError(e, label, budget);
    } finally {
      budget.leftMs -= performance.now() - t0;
    }
  };
  return {
    read: (src, opts, budget) =>
      spend(budget, src.label, () => readDocument(src, { ...opts, published, budgetMs: Math.max(0, budget.leftMs) })),
    extract: (id, doc, limits, budget, label) => {
      if (!extract) throw new RasidError('extract.none', 'no extractor');
      return spend(budget, label, () =>
        extractFor(id, doc, extract, { ...limits, budgetMs: Math.max(0, budget.leftMs) }),
      );
    },
    close: async () => undefined,
  };
}
