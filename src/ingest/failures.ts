// Why an input failed, as the ingest summary reports it: a coded error's own message, a store
// failure (counted to stop a run whose store is gone), or a driver's error by name and code.
import { RasidError } from '../errors.ts';

export interface Failure {
  source: string;
  code: string;
  message: string;
}

/** A store call that failed: ingest counts these in a row to stop a run whose store is gone. */
export class StoreFailure extends Error {
  constructor(readonly original: unknown) {
    super('store failure');
  }
}

export function codeOf(e: unknown): string | null {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
}

export function toFailure(source: string, e: unknown): Failure {
  const code = codeOf(e);
  if (e instanceof StoreFailure) {
    const f = toFailure(source, e.original);
    return { ...f, code: f.code.startsWith('store.') ? f.code : 'store.failed' };
  }
  if (e instanceof RasidError || (e instanceof Error && code?.startsWith('store.'))) {
    // RasidError messages from the readers start with the file name; the summary prints it already
    const msg = e.message.startsWith(`${source}: `) ? e.message.slice(source.length + 2) : e.message;
    return { source, code: code!, message: msg };
  }
  // a driver's own error (PostgreSQL, SQLite, the network): its name and code, a short message
  const err = e as Error | null;
  return {
    source,
    code: 'internal',
    message: `${err?.name ?? 'Error'}${code ? ` ${code}` : ''}: ${String(err?.message ?? e).slice(0, 160)}`,
  };
}
