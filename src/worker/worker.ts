// `rasid worker`: pulls extraction jobs until stopped. pg-boss hands each job to one worker
// (SELECT … FOR UPDATE SKIP LOCKED); a job whose worker dies stays active until it expires, then
// maintenance in any live worker puts it back for retry.
import type PgBoss from 'pg-boss';
import type { ExtractInput } from '../pipeline/index.ts';
import type { Extraction } from '../schema.ts';
import type { Store } from '../store/types.ts';
import { extractStoredDocument } from './job.ts';
import { EXTRACT_QUEUE, type ExtractJob } from './queue.ts';

export interface JobReport {
  jobId: string;
  documentId: string;
  saved?: number;
  kept?: number;
  /** error code when the job failed (it will be retried) */
  error?: string;
}

export interface WorkerOptions {
  store: Store;
  boss: PgBoss;
  extract: (input: ExtractInput) => Extraction;
  /** jobs processed at once in this process */
  concurrency?: number;
  pollingIntervalSeconds?: number;
  onJobStart?: (jobId: string, documentId: string) => void;
  onJob?: (r: JobReport) => void;
}

export async function startWorker(opts: WorkerOptions): Promise<() => Promise<void>> {
  const { store, boss, extract } = opts;
  const ids: string[] = [];
  for (let i = 0; i < Math.max(1, opts.concurrency ?? 1); i++) {
    const id = await boss.work<ExtractJob>(EXTRACT_QUEUE, { batchSize: 1, pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 1 }, async (jobs) => {
      for (const job of jobs) {
        const documentId = job.data.documentId;
        opts.onJobStart?.(job.id, documentId);
        try {
          const r = await extractStoredDocument(store, documentId, extract);
          opts.onJob?.({ jobId: job.id, documentId, ...r });
        } catch (e) {
          opts.onJob?.({ jobId: job.id, documentId, error: (e as { code?: string }).code ?? (e as Error).name });
          throw e;
        }
      }
    });
    ids.push(id);
  }
  return async () => {
    for (const id of ids) await boss.offWork({ id });
  };
}
