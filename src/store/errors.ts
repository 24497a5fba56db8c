// Store errors carry a code so callers (the CLI's exit status, the server's HTTP status) never
// classify by message text; src/errors.ts maps them.
import { RasidError } from '../errors.ts';

export type StoreErrorCode = 'store.not-found' | 'store.conflict' | 'store.invalid' | 'store.unavailable';

export class StoreError extends RasidError {
  declare readonly code: StoreErrorCode;
  constructor(code: StoreErrorCode, message: string) {
    super(code, message);
    this.name = 'StoreError';
  }
}

// SQLSTATE classes and codes that mean "the server cannot be used now", not "the request is wrong":
// 08 connection exception, 57P01–57P03 admin/crash shutdown and cannot-connect-now, 53300 too many
// connections; and Node's socket errors of a connection that was refused, reset or timed out.
const UNAVAILABLE_SQLSTATE = /^(08[0-9A-Z]{3}|57P0[123]|53300)$/;
const UNAVAILABLE_SOCKET = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH']);
// node-postgres reports a connection lost mid-query, or a pool that could not connect in time, with
// no code at all: these messages are the driver's own and fixed
const UNAVAILABLE_MESSAGE = /^(Connection terminated|timeout exceeded when trying to connect|Connection ended)/i;

/**
 * The reason an error means the database is out of reach (restarted, failed over, refusing
 * connections), or null when it is anything else. The server answers those with 503 and Retry-After
 * instead of a 500, and the next request after the database is back succeeds (the pool reconnects).
 */
export function unavailableReason(err: unknown): string | null {
  if (err instanceof StoreError) return err.code === 'store.unavailable' ? err.code : null;
  if (!(err instanceof Error)) return null;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_SOCKET.has(code))) return code;
  // AggregateError of a refused dual-stack connection carries the code on its parts
  if (err instanceof AggregateError) {
    for (const part of err.errors) {
      const r = unavailableReason(part);
      if (r) return r;
    }
  }
  return UNAVAILABLE_MESSAGE.test(err.message) ? 'connection-lost' : null;
}
