// What crosses between the main thread and a document thread: jobs, answers, and errors as plain
// data (a structured clone keeps an Error's message but not its class or code).
import type { ExtractLimits } from '../config.ts';
import { RasidError } from '../errors.ts';
import type { GazetteerEntry } from '../geo/types.ts';
import type { Extraction } from '../schema.ts';
import type { ExtractDoc, RunnerReadOptions } from './document-runner.ts';
import type { ReadResult, ReadSource } from './read-document.ts';

export interface ThreadData {
  /** places imported into the store, merged into the built-in gazetteer */
  gazetteerEntries: GazetteerEntry[];
  /** publication dates from page metadata, the URL and datelines (src/time/published.ts) */
  published: boolean;
}

export type ThreadJob =
  | { kind: 'read'; id: number; src: ReadSource; opts: RunnerReadOptions; budgetMs: number }
  | { kind: 'extract'; id: number; docId: string; doc: ExtractDoc; limits: ExtractLimits; budgetMs: number };

export interface ErrorData {
  code: string | null;
  name: string;
  message: string;
}

export type WireRead =
  | Exclude<ReadResult, { kind: 'records' }>
  | {
      kind: 'records';
      records: Array<
        Omit<Extract<ReadResult, { kind: 'records' }>['records'][number], 'error'> & { error?: ErrorData }
      >;
    };

export type ThreadReply =
  | { type: 'ready' }
  | { type: 'done'; id: number; ok: true; value: WireRead | Extraction }
  | { type: 'done'; id: number; ok: false; error: ErrorData };

export function errorData(e: unknown): ErrorData {
  const err = e as { code?: unknown; name?: unknown; message?: unknown } | null;
  return {
    code: typeof err?.code === 'string' ? err.code : null,
    name: typeof err?.name === 'string' ? err.name : 'Error',
    message: typeof err?.message === 'string' ? err.message : String(e),
  };
}

/** A RasidError with its code again; any other error keeps its name and message (ingest reports it as internal). */
export function fromErrorData(d: ErrorData): Error {
  if (d.code) return new RasidError(d.code, d.message);
  const e = new Error(d.message);
  e.name = d.name;
  return e;
}

export function toWireRead(r: ReadResult): WireRead {
  if (r.kind !== 'records') return r;
  return {
    kind: 'records',
    records: r.records.map(({ error, ...rest }) => (error ? { ...rest, error: errorData(error) } : rest)),
  };
}

export function fromWireRead(r: WireRead): ReadResult {
  if (r.kind !== 'records') return r;
  return {
    kind: 'records',
    records: r.records.map(({ error, ...rest }) =>
      error ? { ...rest, error: fromErrorData(error) as RasidError } : rest,
    ),
  };
}
