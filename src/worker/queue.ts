// The extraction job queue: pg-boss on the same PostgreSQL database as the store, so a team needs
// no broker beside its database. Jobs carry only a document id; the document is read from the
// store when the job runs, so a job is idempotent and safe to run twice after a crash.
import PgBoss from 'pg-boss';

export const EXTRACT_QUEUE = 'rasid-extract';

export interface QueueConfig {
  databaseUrl: string;
  /** PostgreSQL schema for pg-boss's tables */
  schema?: string;
  /** run pg-boss maintenance (expiring stuck jobs) in this process; workers do, producers do not */
  supervise?: boolean;
  /** how often maintenance looks for expired jobs */
  maintenanceIntervalSeconds?: number;
  /** background errors (lost connection…); by code, never with job data */
  onError?: (code: string) => void;
}

export interface JobConfig {
  /** an active job not finished after this long is taken to be lost (its worker died) and retried */
  expireInSeconds: number;
  retryLimit: number;
}

export const DEFAULT_JOB_CONFIG: JobConfig = { expireInSeconds: 15 * 60, retryLimit: 5 };

export interface ExtractJob {
  documentId: string;
}

export async function openQueue(cfg: QueueConfig): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: cfg.databaseUrl,
    schema: cfg.schema ?? 'pgboss',
    supervise: cfg.supervise ?? false,
    schedule: false,
    maintenanceIntervalSeconds: cfg.maintenanceIntervalSeconds ?? 60,
    max: 4,
  });
  // pg-boss reports background errors as events; without a listener Node would throw them
  boss.on('error', (e: Error & { code?: string }) => cfg.onError?.(e.code ?? e.name));
  await boss.start();
  if (!(await boss.getQueue(EXTRACT_QUEUE))) {
    try {
      await boss.createQueue(EXTRACT_QUEUE, { name: EXTRACT_QUEUE, policy: 'standard' });
    } catch (e) {
      // another process created it between the check and here
      if (!(await boss.getQueue(EXTRACT_QUEUE))) throw e;
    }
  }
  return boss;
}

export async function enqueueExtraction(
  boss: PgBoss,
  documentId: string,
  job: JobConfig = DEFAULT_JOB_CONFIG,
): Promise<void> {
  await boss.send(EXTRACT_QUEUE, { documentId } satisfies ExtractJob, {
    expireInSeconds: job.expireInSeconds,
    retryLimit: job.retryLimit,
    retryDelay: 0,
  });
}
