// One error type for the HTTP edge: a status, a stable code and a message that never echoes
// request bodies or report text.
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new HttpError(404, 'not-found', `${what} not found`);

export function errorBody(code: string, message: string) {
  return { error: { code, message } };
}
