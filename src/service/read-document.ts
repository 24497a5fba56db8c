// Reading a document: the bytes of a file, a web response or stdin into what the source says — one
// document, a feed of links, or a file of ready-made records. `rasid extract` and `rasid ingest`
// both read through here, so a format is recognised the same way by both. Text formats are one entry
// in READERS and one line in formatOfSource; PDF, scans, Word and OpenDocument files are told by
// their first bytes before any of that (src/input/document.ts), and a Telegram channel export is a
// JSON file whose shape says so (src/input/telegram.ts).
import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { RasidError } from '../errors.ts';
import { decodeBody, mediaType } from '../ingest/decode.ts';
import { parseFeed, sniffFeed, type Feed } from '../ingest/feed.ts';
import { parseHtmlPage } from '../ingest/html.ts';
import { parseRecords } from '../ingest/records.ts';
import { decodeText, DEFAULT_MAX_BYTES, formatOf } from '../input/read-file.ts';
import { readBinaryDocument } from '../input/document.ts';
import type { OcrOptions } from '../input/ocr.ts';
import type { PageStart } from '../input/paged.ts';
import { looksLikeTelegramExport, parseTelegramExport } from '../input/telegram.ts';

/** A document as its source gives it, before it is stored or extracted. */
export interface ReadDocument {
  text: string;
  title: string | null;
  url: string | null;
  /** the language the source declares (HTML lang, a record's lang); null: detect it from the text */
  lang: 'ar' | 'en' | null;
  published: string | null;
  alternates: Array<{ lang: string; url: string }>;
  /** txt, md, html, json, jsonl, pdf, image, docx, odt, telegram */
  format: string;
  /** paged sources (PDF, scans): where each page starts in `text` */
  pages?: PageStart[];
}

export interface ReadRecord {
  /** 1-based line (jsonl) or array index (json) */
  position: number;
  /** the record's own id, when it has one */
  id: string | null;
  /** the source key the record is stored under, when the format fixes one (a Telegram message) */
  key?: string;
  document?: ReadDocument;
  /** this record is bad; the file's other records are still good */
  error?: RasidError;
}

export type ReadResult =
  | { kind: 'document'; document: ReadDocument }
  /** a feed is a list of links to documents, not a document */
  | { kind: 'feed'; feed: Feed }
  | { kind: 'records'; records: ReadRecord[] };

export interface ReadSource {
  bytes: Uint8Array;
  /** names the source in error messages: the path as given, the URL, 'stdin' */
  label: string;
  /** a file: its extension tells the format */
  path?: string;
  /** a web response: its final URL and Content-Type */
  url?: string | null;
  contentType?: string | null;
}

/** Publication date from page metadata, the URL or a dateline (src/time/published.ts). */
export type Published = (page: { html?: string; url?: string | null; text: string }) => string | null;

export interface ReadOptions {
  maxBytes?: number;
  published?: Published;
  /** time allowed for reading one HTML page into text; past it the page fails with input.too-slow */
  budgetMs?: number;
  /** page limit of a PDF or scan */
  maxPages?: number;
  ocr?: OcrOptions;
  /** the public username of the channel a Telegram export is from (the export does not say) */
  telegramChannel?: string;
}

type Format = 'txt' | 'md' | 'html' | 'json' | 'jsonl' | 'feed';

interface Decoded {
  text: string;
  format: Format;
}

/** The text of a source: strict UTF-8 for files and stdin, the declared charset for web pages. */
function decode(src: ReadSource, maxBytes: number): string {
  return src.contentType !== undefined
    ? decodeBody(src.bytes, src.contentType, src.label, maxBytes)
    : decodeText(src.bytes, src.label, maxBytes);
}

const FEED_EXTENSIONS = new Set(['.xml', '.rss', '.atom']);
const HTML_START = /^\s*<(!doctype|html|body|article|div|p)[\s>]/i;

/** Which reader a source needs: by extension, media type, or (when neither tells) its first bytes. */
function formatOfSource(src: ReadSource, text: string): Format {
  if (src.path !== undefined) {
    const known = formatOf(src.path);
    // a saved feed may carry any extension; its XML root tells
    if (FEED_EXTENSIONS.has(extname(src.path).toLowerCase())) return 'feed';
    if (known !== 'json' && known !== 'jsonl' && sniffFeed(text)) return 'feed';
    return known ?? 'txt';
  }
  if (src.contentType !== undefined) {
    const type = mediaType(src.contentType);
    if (type && /(rss|atom)\+xml$/.test(type)) return 'feed';
    if ((!type || type.endsWith('/xml') || type === 'text/plain') && sniffFeed(text)) return 'feed';
    if (type === 'text/html' || type === 'application/xhtml+xml') return 'html';
    return !type && /^\s*(<!doctype html|<html)/i.test(text) ? 'html' : 'txt';
  }
  return HTML_START.test(text) ? 'html' : 'txt';
}

/** The <head> of a page (its meta tags, JSON-LD, canonical link), or its first 64 KB when it has none early. */
function headOf(html: string): string {
  const end = html.slice(0, 1_000_000).search(/<\/head\s*>/i);
  return end >= 0 ? html.slice(0, end) + '</head></html>' : html.slice(0, 65_536);
}

function pageLang(lang: string | null | undefined): 'ar' | 'en' | null {
  return lang === 'ar' || lang === 'en' ? lang : null;
}

type Reader = (d: Decoded, src: ReadSource, opts: ReadOptions) => ReadResult;

const plain: Reader = ({ text, format }, src, opts) => {
  const url = src.url ?? null;
  return {
    kind: 'document',
    document: {
      text,
      title: null,
      url,
      lang: null,
      published: opts.published?.({ url, text }) ?? null,
      alternates: [],
      format,
    },
  };
};

const READERS: Record<Format, Reader> = {
  txt: plain,
  md: plain,
  html: ({ text }, src, opts) => {
    const url = src.url ?? null;
    const budget =
      opts.budgetMs === undefined ? {} : { deadline: performance.now() + opts.budgetMs, budgetMs: opts.budgetMs };
    const page = parseHtmlPage(text, url, src.label, budget);
    return {
      kind: 'document',
      document: {
        text: page.text,
        title: page.title,
        url,
        lang: pageLang(page.lang),
        // the date reader builds a DOM of what it is given: of a page too large or deep for one, only its head
        published: opts.published?.({ html: page.streamed ? headOf(text) : text, url, text: page.text }) ?? null,
        alternates: page.alternates,
        format: 'html',
      },
    };
  },
  feed: ({ text }, src) => {
    const feed = parseFeed(text, src.url ?? null, src.label);
    if (feed.items.length === 0) throw new RasidError('input.empty', `${src.label}: the feed has no items with links`);
    return { kind: 'feed', feed };
  },
  json: records,
  jsonl: records,
};

function records({ text, format }: Decoded, src: ReadSource, opts: ReadOptions): ReadResult {
  if (format === 'json') {
    const telegram = telegramRecords(text, src, opts);
    if (telegram) return telegram;
  }
  const parsed = parseRecords(text, format === 'jsonl' ? 'jsonl' : 'json', src.label);
  return {
    kind: 'records',
    records: parsed.map((r) => {
      if (!r.record) return { position: r.position, id: null, error: r.error };
      const rec = r.record;
      return {
        position: r.position,
        id: rec.id ?? null,
        document: {
          text: rec.text,
          title: rec.title ?? null,
          url: rec.url ?? null,
          lang: rec.lang ?? null,
          published: rec.published ?? opts.published?.({ url: rec.url, text: rec.text }) ?? null,
          alternates: [],
          format,
        },
      };
    }),
  };
}

/** A Telegram channel export, one record per message with text; null for other JSON. */
function telegramRecords(text: string, src: ReadSource, opts: ReadOptions): ReadResult | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  // an object with messages that is not a valid export is named as a failed Telegram export
  const obj = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  if (!obj || !(looksLikeTelegramExport(obj) || 'messages' in obj)) return null;
  const exp = parseTelegramExport(obj, src.label, { username: opts.telegramChannel });
  if (exp.messages.length === 0)
    throw new RasidError('input.empty', `${src.label}: the Telegram export holds no message with text`);
  return {
    kind: 'records',
    records: exp.messages.map((m) =>
      m.doc
        ? {
            position: m.position,
            id: m.doc.sourceKey,
            key: m.doc.sourceKey,
            document: {
              text: m.doc.text,
              title: m.doc.title,
              url: m.doc.url,
              lang: null,
              published: m.doc.published,
              alternates: [],
              format: 'telegram',
            },
          }
        : { position: m.position, id: null, error: m.error },
    ),
  };
}

export async function readDocument(src: ReadSource, opts: ReadOptions = {}): Promise<ReadResult> {
  const binary = await readBinaryDocument(src.bytes, src.label, opts);
  if (binary) {
    const url = src.url ?? null;
    return {
      kind: 'document',
      document: {
        text: binary.text,
        title: null,
        url,
        lang: null,
        published: opts.published?.({ url, text: binary.text }) ?? null,
        alternates: [],
        format: binary.format,
        ...(binary.pages ? { pages: binary.pages } : {}),
      },
    };
  }
  const text = decode(src, opts.maxBytes ?? DEFAULT_MAX_BYTES);
  const format = formatOfSource(src, text);
  return READERS[format]({ text, format }, src, opts);
}

/** A file's bytes, refusing one over the limit before reading it into memory; errors name `label`. */
export function readFileBytes(path: string, label: string, maxBytes = DEFAULT_MAX_BYTES): Buffer {
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new RasidError('input.directory', `${label}: is a directory, expected a file`);
    if (st.size > maxBytes)
      throw new RasidError(
        'input.too-large',
        `${label}: ${(st.size / 1048576).toFixed(1)} MB is over the ${(maxBytes / 1048576).toFixed(1)} MB limit`,
      );
    return readFileSync(path);
  } catch (e) {
    if (e instanceof RasidError) throw e;
    // the file went away or changed permissions between a folder walk and now
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new RasidError('input.missing', `${label}: no such file`);
    if (code === 'EACCES' || code === 'EPERM') throw new RasidError('input.permission', `${label}: permission denied`);
    if (code === 'EISDIR') throw new RasidError('input.directory', `${label}: is a directory, expected a file`);
    throw new RasidError('input.unreadable', `${label}: cannot be read (${code ?? 'error'})`);
  }
}
