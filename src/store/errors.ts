// Store errors carry a code so callers (CLI exit 2, server 4xx) never classify by message text.
export type StoreErrorCode = 'store.not-found' | 'store.conflict' | 'store.invalid' | 'store.unavailable';

export class StoreError extends Error {
  readonly code: StoreErrorCode;
  constructor(code: StoreErrorCode, message: string) {
    super(message);
    this.name = 'StoreError';
    this.code = code;
  }
}
