// `rasid worker`: pulls extraction jobs until stopped. pg-boss hands each job to one worker
// (SELECT … FOR UPDATE SKIP LOCKED); a job whose worker dies stays active until it expires, then
// maintenance in any live worker puts it back for retry.
//
// The loop is ours rather than boss.work(): work() waits a full polling interval after every job,
// even with more jobs queued, which capped two workers at four short documents a second. Here a
// worker fetches the next job as soon as one is done and sleeps only when the queue is empty.
// One job at a time per loop, so a killed worker strands one job, not a prefetched batch.
import type PgBoss from 'pg-boss';
import { DEFAULT_EXTRACT_LIMITS, type ExtractLimits } from '../config.ts';
import type { Store } from '../store/types.ts';
import type { DocumentRunner } from '../service/document-runner.ts';
import { extractStoredDocument } from '../service/extract-save.ts';
import { EXTRACT_QUEUE, type ExtractJob } from './queue.ts';

export interface JobReport {
  jobId: string;
  documentId: string;
  saved?: number;
  kept?: number;
  /** fewer incidents kept than the document holds (--max-incidents); the cut is an issue on the document */
  capped?: boolean;
  /** error code when the job failed (pg-boss retries it up to its retry limit) */
  error?: string;
}

export interface WorkerOptions {
  store: Store;
  boss: PgBoss;
  /** where documents are extracted: threads stopped when a document's budget is spent (src/service/document-threads.ts) */
  runner: DocumentRunner;
  /** work allowed per document (`--max-incidents`, `--extract-budget`) */
  limits?: ExtractLimits;
  /** jobs processed at once in this process */
  concurrency?: number;
  /** pause when the queue is empty */
  pollingIntervalSeconds?: number;
  onJobStart?: (jobId: string, documentId: string) => void;
  onJob?: (r: JobReport) => void;
  /** fetching failed (database unreachable…); the loop waits and tries again */
  onError?: (code: string) => void;
}

const codeOf = (e: unknown) => (e as { code?: string })?.code ?? (e as Error)?.name ?? 'error';

export function startWorker(opts: WorkerOptions): () => Promise<void> {
  const { store, boss, runner } = opts;
  const limits = opts.limits ?? DEFAULT_EXTRACT_LIMITS;
  const pauseMs = Math.max(100, (opts.pollingIntervalSeconds ?? 1) * 1000);
  let stopping = false;
  const sleepers = new Set<() => void>();
  const idle = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, pauseMs);
      sleepers.add(done);
    });

  async function runOne(job: PgBoss.Job<ExtractJob>): Promise<void> {
    const documentId = job.data.documentId;
    opts.onJobStart?.(job.id, documentId);
    try {
      const r = await extractStoredDocument(store, documentId, runner, limits);
      await boss.complete(EXTRACT_QUEUE, job.id, { saved: r.saved, kept: r.kept, capped: r.capped });
      opts.onJob?.({ jobId: job.id, documentId, ...r });
    } catch (e) {
      if (codeOf(e) === 'extract.budget') {
        // running it again would spend the same budget on the same text: the job is over, the
        // document says why (an issue on it) and the job's output names the code
        opts.onJob?.({ jobId: job.id, documentId, error: 'extract.budget' });
        await boss
          .complete(EXTRACT_QUEUE, job.id, { error: 'extract.budget' })
          .catch((err: unknown) => opts.onError?.(codeOf(err)));
        return;
      }
      opts.onJob?.({ jobId: job.id, documentId, error: codeOf(e) });
      await boss.fail(EXTRACT_QUEUE, job.id, { code: codeOf(e) }).catch((err: unknown) => opts.onError?.(codeOf(err)));
    }
  }

  const loops = Array.from({ length: Math.max(1, opts.concurrency ?? 1) }, async () => {
    while (!stopping) {
      let jobs: PgBoss.Job<ExtractJob>[];
      try {
        jobs = await boss.fetch<ExtractJob>(EXTRACT_QUEUE, { batchSize: 1 });
      } catch (e) {
        opts.onError?.(codeOf(e));
        await idle();
        continue;
      }
      if (!jobs || jobs.length === 0) {
        await idle();
        continue;
      }
      for (const job of jobs) await runOne(job);
    }
  });

  // stop taking jobs, finish the ones in hand
  return async () => {
    stopping = true;
    for (const wake of [...sleepers]) wake();
    await Promise.all(loops);
  };
}
