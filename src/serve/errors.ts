// The HTTP edge's RasidError: a route's own status (401, 404, 413…), a stable code and a message
// that never echoes request bodies or report text.
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { RasidError } from '../errors.ts';

export class HttpError extends RasidError {
  declare readonly status: ContentfulStatusCode;
  constructor(
    status: ContentfulStatusCode,
    code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(code, message, status);
  }
}

export const notFound = (what: string) => new HttpError(404, 'not-found', `${what} not found`);

export function errorBody(code: string, message: string) {
  return { error: { code, message } };
}
