// Extract a stored document and save its incidents: what `rasid ingest` does for each document it
// lands and what a `rasid worker` job does. Saving replaces the machine's incidents and keeps what
// analysts touched, so running it twice gives the same store (which makes a retried job safe).
import { RasidError } from '../errors.ts';
import type { ExtractInput } from '../pipeline/index.ts';
import type { Extraction } from '../schema.ts';
import type { DocumentInput, Store } from '../store/types.ts';

export type Extractor = (input: ExtractInput) => Extraction;

/** How a store call is run: ingest counts store failures in a row to stop a run whose store is gone. */
export type StoreCall = <T>(op: () => Promise<T>) => Promise<T>;

const direct: StoreCall = (op) => op();

/** The extraction of one document; an extractor's own crash becomes a coded error, never its text. */
export function extractFor(
  id: string,
  doc: Omit<DocumentInput, 'sourceKey' | 'format'>,
  extract: Extractor,
): Extraction {
  try {
    return extract({
      text: doc.text,
      id,
      lang: doc.lang,
      title: doc.title,
      url: doc.url,
      published: doc.published,
      alternates: doc.alternates,
    });
  } catch (e) {
    if (e instanceof RasidError) throw e;
    throw new RasidError('extract.failed', `extraction failed (${(e as Error)?.name ?? 'Error'})`);
  }
}

export async function extractAndSave(
  store: Pick<Store, 'saveExtraction'>,
  id: string,
  doc: Omit<DocumentInput, 'sourceKey' | 'format'>,
  extract: Extractor,
  call: StoreCall = direct,
): Promise<{ saved: number; kept: number }> {
  const extraction = extractFor(id, doc, extract);
  return call(() => store.saveExtraction(id, extraction));
}

/** A worker's job: the stored document by id, extracted and saved. */
export async function extractStoredDocument(
  store: Pick<Store, 'getDocument' | 'saveExtraction'>,
  documentId: string,
  extract: Extractor,
): Promise<{ saved: number; kept: number }> {
  const doc = await store.getDocument(documentId);
  if (!doc) throw new RasidError('job.document-missing', `document ${documentId} is not in the store`);
  return extractAndSave(store, doc.id, doc, extract);
}
