// One extraction job: read the stored document, extract, save. Running it twice gives the same
// store (saveExtraction replaces machine incidents and keeps what analysts touched), which is what
// makes retrying a job whose worker died safe.
import { RasidError } from '../errors.ts';
import type { ExtractInput } from '../pipeline/index.ts';
import type { Extraction } from '../schema.ts';
import type { Store } from '../store/types.ts';

export async function extractStoredDocument(
  store: Store,
  documentId: string,
  extract: (input: ExtractInput) => Extraction,
): Promise<{ saved: number; kept: number }> {
  const doc = await store.getDocument(documentId);
  if (!doc) throw new RasidError('job.document-missing', `document ${documentId} is not in the store`);
  const extraction = extract({
    text: doc.text,
    id: doc.id,
    lang: doc.lang,
    title: doc.title,
    url: doc.url,
    published: doc.published,
    alternates: doc.alternates,
  });
  return store.saveExtraction(doc.id, extraction);
}
