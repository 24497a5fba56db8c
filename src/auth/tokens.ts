// API tokens and session ids are random; only their sha256 is kept, so a leaked database does not
// hand out working credentials. sha256 (not scrypt) is enough because the secrets are high-entropy.
import { createHash, randomBytes } from 'node:crypto';

export const TOKEN_PREFIX = 'rsd_';

export function generateToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
