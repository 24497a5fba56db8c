// Input bytes as text, refusing what is not a text document with a coded error that names the
// source: empty, too large, binary, or not valid UTF-8. Files are read by src/service/read-document.ts.
import { extname } from 'node:path';
import { RasidError } from '../errors.ts';

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;

export type InputFormat = 'txt' | 'md' | 'html' | 'json' | 'jsonl';

export function formatOf(path: string): InputFormat | null {
  const ext = extname(path).toLowerCase();
  if (ext === '.txt' || ext === '') return 'txt';
  if (ext === '.md' || ext === '.markdown') return 'md';
  if (ext === '.html' || ext === '.htm' || ext === '.xhtml') return 'html';
  if (ext === '.json') return 'json';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  return null;
}

/** Decode bytes as UTF-8 text or throw a coded error naming `label`. */
export function decodeText(bytes: Uint8Array, label: string, maxBytes = DEFAULT_MAX_BYTES): string {
  if (bytes.length === 0) throw new RasidError('input.empty', `${label}: the file is empty`);
  if (bytes.length > maxBytes)
    throw new RasidError(
      'input.too-large',
      `${label}: ${(bytes.length / 1048576).toFixed(1)} MB is over the ${(maxBytes / 1048576).toFixed(0)} MB limit`,
    );
  const head = bytes.subarray(0, Math.min(bytes.length, 8192));
  if (head.includes(0)) throw new RasidError('input.binary', `${label}: binary data (NUL bytes), expected UTF-8 text`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new RasidError('input.encoding', `${label}: not valid UTF-8 text`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (!text.trim()) throw new RasidError('input.empty', `${label}: the file holds only white space`);
  return text;
}
