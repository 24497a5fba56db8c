// Bytes from the web into text. Files on disk must be UTF-8 (src/input/read-file.ts); web pages
// may declare another charset — older Arabic sites still serve windows-1256 — so the declared
// charset is honoured here, and binary types are refused before any decoding.
import { RasidError } from '../errors.ts';
import { decodeText } from '../input/read-file.ts';

const TEXT_TYPES =
  /^(text\/|application\/(xhtml\+xml|xml|rss\+xml|atom\+xml|rdf\+xml|json|ld\+json|x-ndjson|feed\+json))/;

export function mediaType(contentType: string | null): string | null {
  if (!contentType) return null;
  const [mime = ''] = contentType.split(';');
  return mime.trim().toLowerCase() || null;
}

function declaredCharset(contentType: string | null, bytes: Uint8Array): string | null {
  const header = contentType?.match(/charset\s*=\s*"?([\w.:-]+)/i)?.[1];
  if (header) return header.toLowerCase();
  // <meta charset> or http-equiv, and the XML declaration, within the first KB as browsers do
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  const meta =
    head.match(/<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i)?.[1] ??
    head.match(/<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)/i)?.[1];
  return meta ? meta.toLowerCase() : null;
}

export function decodeBody(bytes: Uint8Array, contentType: string | null, label: string, maxBytes: number): string {
  const type = mediaType(contentType);
  if (type && !TEXT_TYPES.test(type))
    throw new RasidError('input.binary', `${label}: content type ${type} is not a text document`);
  const charset = declaredCharset(contentType, bytes);
  if (!charset || charset === 'utf-8' || charset === 'utf8' || charset === 'us-ascii' || charset === 'ascii') {
    return decodeText(bytes, label, maxBytes);
  }
  if (bytes.length === 0) throw new RasidError('input.empty', `${label}: the response is empty`);
  if (bytes.subarray(0, 8192).includes(0))
    throw new RasidError('input.binary', `${label}: binary data (NUL bytes), expected text`);
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset, { fatal: true });
  } catch {
    throw new RasidError('input.encoding', `${label}: unknown charset ${charset}`);
  }
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw new RasidError('input.encoding', `${label}: not valid ${charset} text`);
  }
  if (!text.trim()) throw new RasidError('input.empty', `${label}: the response holds only white space`);
  return text;
}
