// `rasid worker`: extraction workers on many machines, sharing one PostgreSQL database as store
// and job queue. `rasid enqueue`: queue extraction of stored documents (after a lexicon update,
// say). Each job line names the job and document ids and counts, never document text.
import type { Command } from 'commander';
import { RasidError } from '../errors.ts';
import { DocumentThreads } from '../service/document-threads.ts';
import { gazetteerEntriesOf } from '../service/gazetteer.ts';
import { openStore } from '../store/open.ts';
import { DEFAULT_JOB_CONFIG, enqueueExtraction, openQueue } from '../worker/queue.ts';
import { startWorker } from '../worker/worker.ts';
import { positiveInt, threadsFor } from './ingest.ts';
import { buildConfig, limitOptions, type Environment } from '../config.ts';

interface WorkerFlags {
  concurrency: number;
  poll: number;
  maintenance: number;
  queueSchema: string;
  /** src/config.ts: limitOptions */
  maxIncidents: number;
  extractBudget: number;
}

function requireDatabaseUrl(env: Environment): string {
  const url = buildConfig({}, env).databaseUrl;
  if (!url) throw new RasidError('usage.database', 'workers share a PostgreSQL database: set DATABASE_URL');
  return url;
}

export function registerWorker(cmd: Command, env: Environment): void {
  cmd
    .option('--concurrency <n>', 'jobs run at once in this process', positiveInt, 1)
    .option('--poll <seconds>', 'how often a worker looks for jobs while the queue is empty', parseFloat, 1)
    .option('--maintenance <seconds>', 'how often expired jobs (their worker died) are put back', positiveInt, 60)
    .option('--queue-schema <name>', 'PostgreSQL schema of the job queue', 'pgboss');
  for (const o of limitOptions()) cmd.addOption(o);
  cmd.action(async (flags: WorkerFlags) => {
    const databaseUrl = requireDatabaseUrl(env);
    const { limits } = buildConfig(flags, env);
    if (!(flags.poll >= 0.1))
      throw new RasidError('usage.poll', `--poll must be at least 0.1 seconds, found ${flags.poll}`);
    const store = await openStore({ databaseUrl });
    // documents are extracted in threads stopped when a document's budget is spent, with the places
    // `rasid gazetteer import` put into the shared store, read once as the worker starts
    const runner = new DocumentThreads({
      size: threadsFor(flags.concurrency),
      gazetteerEntries: await gazetteerEntriesOf(store),
    });
    const boss = await openQueue({
      databaseUrl,
      schema: flags.queueSchema,
      supervise: true,
      maintenanceIntervalSeconds: Math.max(1, flags.maintenance),
      onError: (code) => process.stderr.write(`worker: queue error [${code}]\n`),
    });
    const stopWork = startWorker({
      store,
      boss,
      runner,
      limits,
      concurrency: Math.max(1, flags.concurrency),
      pollingIntervalSeconds: flags.poll,
      onError: (code) => process.stderr.write(`worker: cannot fetch jobs [${code}]\n`),
      onJobStart: (jobId, documentId) => process.stdout.write(`start job=${jobId} document=${documentId}\n`),
      onJob: (r) =>
        process.stdout.write(
          r.error
            ? `failed job=${r.jobId} document=${r.documentId} [${r.error}]\n`
            : `done job=${r.jobId} document=${r.documentId} saved=${r.saved} kept=${r.kept}${r.capped ? ' capped' : ''}\n`,
        ),
    });
    process.stdout.write(`worker ready pid=${process.pid}\n`);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
    });
    // finish the job in hand, then leave; an unfinished job would wait for its expiry
    await stopWork();
    await runner.close();
    await boss.stop({ graceful: true, wait: true });
    await store.close();
  });
}

export function registerEnqueue(cmd: Command, env: Environment): void {
  cmd
    .option(
      '--job-expire <seconds>',
      'a job running longer is taken as lost and retried',
      positiveInt,
      DEFAULT_JOB_CONFIG.expireInSeconds,
    )
    .option('--queue-schema <name>', 'PostgreSQL schema of the job queue', 'pgboss')
    .action(async (flags: { jobExpire: number; queueSchema: string }) => {
      const databaseUrl = requireDatabaseUrl(env);
      const store = await openStore({ databaseUrl });
      const boss = await openQueue({ databaseUrl, schema: flags.queueSchema });
      let n = 0;
      try {
        // the latest version of each source: an older version's incidents stay as they were
        const ids: string[] = [];
        const superseded = new Set<string>();
        for (let offset = 0; ; offset += 500) {
          const page = await store.listDocuments({ limit: 500, offset });
          for (const d of page.items) {
            ids.push(d.id);
            if (d.previousId) superseded.add(d.previousId);
          }
          if (page.items.length < 500) break;
        }
        for (const id of ids) {
          if (superseded.has(id)) continue;
          await enqueueExtraction(boss, id, { ...DEFAULT_JOB_CONFIG, expireInSeconds: Math.max(1, flags.jobExpire) });
          n++;
        }
      } finally {
        await boss.stop({ graceful: true, wait: true });
        await store.close();
      }
      process.stdout.write(`queued ${n} extraction job${n === 1 ? '' : 's'}\n`);
    });
}
