// One error type for bad input at the edges. The code is what callers branch on (CLI exit status,
// HTTP status); the message says what was expected and what was found, naming the file or field.
export class RasidError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = 'RasidError';
  }
}

export function isRasidError(e: unknown): e is RasidError {
  return e instanceof RasidError;
}
