// `rasid import acled`: every row of an ACLED CSV becomes a reference document and incident in the
// store. Idempotent like ingest: the same row again leaves the store as it was.
import type { Store } from '../store/types.ts';
import { readAcledLines } from './parse.ts';
import { AcledRowError, referenceFromAcled } from './from-acled.ts';

export interface AcledImportResult {
  rows: number;
  new: number;
  unchanged: number;
  updated: number;
  incidents: number;
  /** rows that could not be imported: data row number, the file line it starts on, event id, reason code */
  failed: Array<{ row: number; line: number; eventId: string; code: string; message: string }>;
}

export async function importAcled(file: string, store: Store, onRow?: (n: number) => void): Promise<AcledImportResult> {
  const res: AcledImportResult = { rows: 0, new: 0, unchanged: 0, updated: 0, incidents: 0, failed: [] };
  for await (const l of readAcledLines(file)) {
    res.rows++;
    onRow?.(res.rows);
    if ('error' in l) {
      res.failed.push({ row: res.rows, line: l.line, eventId: '', ...l.error });
      continue;
    }
    const row = l.record;
    let ref;
    try {
      ref = referenceFromAcled(row);
    } catch (e) {
      if (!(e instanceof AcledRowError)) throw e;
      res.failed.push({
        row: res.rows,
        line: l.line,
        eventId: row.event_id_cnty ?? '',
        code: e.code,
        message: e.message,
      });
      continue;
    }
    const put = await store.putDocument(ref.document);
    res[put.status]++;
    if (put.status === 'unchanged') continue;
    const saved = await store.saveExtraction(put.id, { incidents: ref.extraction.incidents });
    res.incidents += saved.saved;
  }
  return res;
}
