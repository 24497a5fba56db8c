// What an ingest run remembers of a landed web page (ETag, Last-Modified, its other-language
// links), so that a later run asks the server only for changes; and the merging of alternate links.
import type { DocumentInput } from '../store/types.ts';

/** What the ingest state remembers of a landed page, to ask the server only for changes. */
export interface PageCache {
  etag: string | null;
  lastModified: string | null;
  id: string;
  /** how far the page got: stored only (--no-extract) or extracted */
  level: 'stored' | 'extracted';
  alternates: DocumentInput['alternates'];
  published: string | null;
}

export function readCache(raw: string | null): PageCache | null {
  if (!raw) return null;
  try {
    const c = JSON.parse(raw) as PageCache;
    return typeof c.id === 'string' && Array.isArray(c.alternates) ? c : null;
  } catch {
    return null;
  }
}

export function dedupeAlternates(
  list: Array<{ lang: string; url: string }>,
  self: string,
): Array<{ lang: string; url: string }> {
  const seen = new Set([self]);
  return list.filter((a) => (seen.has(a.url) ? false : (seen.add(a.url), true)));
}
