// Where an exported incident came from, looked up in the store once per document: the outlet for
// ACLED's `source` column, and for incidents imported from ACLED the original event id, so that
// exporting and re-importing them changes nothing. Used by `rasid export` and the server's export route.
import { ACLED_SOURCE_PREFIX } from '../acled-coding/conventions.ts';
import type { Store } from '../store/types.ts';
import type { ExportIncident } from './fields.ts';
import type { Provenance } from './index.ts';

/** The outlet is the document's URL host, else its title. */
export function documentProvenance(store: Store): (inc: ExportIncident) => Promise<Provenance | undefined> {
  const cache = new Map<string, { source?: string; acledId?: string } | undefined>();
  return async (inc) => {
    if (!inc.documentId) return undefined;
    let d = cache.get(inc.documentId);
    if (!cache.has(inc.documentId)) {
      const doc = await store.getDocument(inc.documentId);
      let source: string | undefined;
      if (doc?.url) {
        try {
          source = new URL(doc.url).hostname;
        } catch {
          source = undefined;
        }
      }
      source ??= doc?.title ?? undefined;
      const acledId = doc?.sourceKey.startsWith(ACLED_SOURCE_PREFIX)
        ? doc.sourceKey.slice(ACLED_SOURCE_PREFIX.length)
        : undefined;
      d = doc ? { source, acledId } : undefined;
      // incidents stream roughly grouped by document; a bounded cache is enough
      if (cache.size > 5000) cache.clear();
      cache.set(inc.documentId, d);
    }
    if (!d) return undefined;
    if (d.acledId) return { eventId: d.acledId, source: inc.attribution?.text ?? d.source };
    return { source: d.source };
  };
}
