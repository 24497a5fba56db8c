// One error type for what goes wrong at the edges. The code is stable and is what callers branch on;
// its family (the part before the dot) gives its kind, and the kind gives the CLI's exit status and
// the server's HTTP status, both mapped here and nowhere else. The message says what was expected and
// what was found, naming the file or field; never report text.

/** usage: the command or request was malformed; input: a document or file is bad; store: the
 * database failed; network: fetching a URL failed. */
export type ErrorKind = 'usage' | 'input' | 'store' | 'network';

/** Code families that are not bad input. */
const KIND_OF_FAMILY: Readonly<Record<string, ErrorKind>> = {
  usage: 'usage',
  eval: 'usage',
  export: 'usage',
  serve: 'usage',
  user: 'usage',
  token: 'usage',
  store: 'store',
  fetch: 'network',
};

/** The exit statuses of `rasid` (README, "Exit status"). */
export const EXIT = {
  ok: 0,
  /** the run finished, but some inputs failed (ingest, import, gazetteer import) */
  partial: 1,
  usage: 2,
  input: 3,
  store: 4,
  network: 5,
  /** not a RasidError: a bug */
  internal: 70,
} as const;

const HTTP_OF_KIND: Readonly<Record<ErrorKind, number>> = { usage: 400, input: 400, store: 503, network: 502 };

/** Codes whose HTTP status says more than their kind's. */
const HTTP_OF_CODE: Readonly<Record<string, number>> = {
  'store.not-found': 404,
  'store.conflict': 409,
  'store.invalid': 400,
  'user.exists': 409,
  'user.not-found': 404,
  'user.last-admin': 409,
  'token.not-found': 404,
};

export function errorKind(code: string): ErrorKind {
  const dot = code.indexOf('.');
  return KIND_OF_FAMILY[dot < 0 ? code : code.slice(0, dot)] ?? 'input';
}

export class RasidError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** an HTTP status that says more than the code's (HttpError's) */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'RasidError';
  }

  get kind(): ErrorKind {
    return errorKind(this.code);
  }
}

export function isRasidError(e: unknown): e is RasidError {
  return e instanceof RasidError;
}

/** The exit status for an error that ends a run. */
export function exitStatus(e: unknown): number {
  return isRasidError(e) ? EXIT[e.kind] : EXIT.internal;
}

/** The HTTP status for an error that ends a request. */
export function httpStatus(e: RasidError): number {
  return e.status ?? HTTP_OF_CODE[e.code] ?? HTTP_OF_KIND[e.kind];
}
