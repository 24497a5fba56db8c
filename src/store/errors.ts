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
