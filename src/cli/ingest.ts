// `rasid ingest PATH|URL|FEED...` and `rasid enqueue`: documents into the store, with extraction
// here or in workers. Exit 0 when everything landed, 1 when some inputs failed (the rest still
// landed), 2 for usage errors, 4 when the store kept failing (src/errors.ts).
import { InvalidArgumentError, type Command } from 'commander';
import cliProgress from 'cli-progress';
import { availableParallelism } from 'node:os';
import { EXIT, RasidError } from '../errors.ts';
import { Fetcher, DEFAULT_FETCH_OPTIONS } from '../ingest/http.ts';
import { ingest, type IngestProgress, type IngestSummary, type Processing } from '../ingest/ingest.ts';
import { DEFAULT_MAX_BYTES } from '../input/read-file.ts';
import { DEFAULT_MAX_PAGES } from '../input/pdf.ts';
import { DocumentThreads } from '../service/document-threads.ts';
import { gazetteerEntriesOf } from '../service/gazetteer.ts';
import { clusterIncidents, type ClusterRun } from '../cluster/cluster.ts';
import { formatClusterRun } from './cluster.ts';
import { openStore } from '../store/open.ts';
import { buildConfig, dbOption, limitOptions, type Environment } from '../config.ts';
import { DEFAULT_JOB_CONFIG, enqueueExtraction, openQueue } from '../worker/queue.ts';

export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`expected a whole number, found "${value}"`);
  return n;
}

/** Threads reading and extracting at once: no more than the inputs in flight, nor than two (each
 * holds the lexicons and gazetteer; more would cost memory on the machines this runs on). */
export function threadsFor(concurrency: number): number {
  return Math.max(1, Math.min(concurrency, 2, availableParallelism()));
}

interface IngestFlags {
  db: string;
  allowPrivate?: boolean;
  concurrency: number;
  extract: boolean;
  queue?: boolean;
  timeout: number;
  maxBytes: number;
  hostDelay: number;
  maxRedirects: number;
  jobExpire: number;
  queueSchema: string;
  /** src/config.ts: limitOptions */
  maxIncidents: number;
  extractBudget: number;
  json?: boolean;
  maxPages: number;
  telegramChannel?: string;
  restricted?: boolean;
  restrictedSource: string[];
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/**
 * The restricted rule of a run: every document (`--restricted`), or those whose source key (file
 * path, URL, record key) or origin (the file or feed it came from, the page of an alternate)
 * matches one of the `--restricted-source` regular expressions.
 */
export function restrictedRule(all: boolean, patterns: string[]): ((keys: string[]) => boolean) | undefined {
  if (all) return () => true;
  if (!patterns.length) return undefined;
  const res = patterns.map((p) => {
    try {
      return new RegExp(p, 'u');
    } catch (e) {
      throw new RasidError(
        'usage.restricted-source',
        `--restricted-source: not a regular expression: ${(e as Error).message}`,
      );
    }
  });
  return (keys) => keys.some((k) => res.some((re) => re.test(k)));
}

/** A bar on a terminal; elsewhere (CI logs, pipes) a plain line every few seconds. */
function progressReporter(stream: NodeJS.WriteStream): { update: (p: IngestProgress) => void; stop: () => void } {
  const started = Date.now();
  const rate = (p: IngestProgress) => (p.done / Math.max(0.001, (Date.now() - started) / 1000)).toFixed(1);
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream,
        format:
          'ingest {bar} {value}/{total} | new {new} unchanged {unchanged} updated {updated} failed {failed} | {rate}/s',
        hideCursor: true,
        clearOnComplete: true,
        fps: 5,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(1, 0, { new: 0, unchanged: 0, updated: 0, failed: 0, rate: '0.0' });
    return {
      update: (p) => {
        bar.setTotal(Math.max(1, p.total));
        bar.update(p.done, { new: p.new, unchanged: p.unchanged, updated: p.updated, failed: p.failed, rate: rate(p) });
      },
      stop: () => bar.stop(),
    };
  }
  let last = Date.now();
  return {
    update: (p) => {
      if (Date.now() - last < 5000) return;
      last = Date.now();
      stream.write(
        `ingest: ${p.done}/${p.total} done, new ${p.new}, unchanged ${p.unchanged}, updated ${p.updated}, failed ${p.failed}, ${rate(p)}/s\n`,
      );
    },
    stop: () => undefined,
  };
}

function printSummary(s: IngestSummary, seconds: number, out: NodeJS.WriteStream): void {
  out.write(
    `ingested ${s.done} input${s.done === 1 ? '' : 's'} in ${seconds.toFixed(1)} s: new ${s.new}, unchanged ${s.unchanged}, updated ${s.updated}, failed ${s.failed}` +
      (s.skipped ? `, skipped ${s.skipped} non-document file${s.skipped === 1 ? '' : 's'}` : '') +
      '\n',
  );
  if (s.failures.length) {
    out.write('failed:\n');
    for (const f of s.failures) out.write(`  ${f.source}: ${f.message} [${f.code}]\n`);
  }
  if (s.capped.length) {
    out.write('extracted in part (too many incidents):\n');
    for (const f of s.capped) out.write(`  ${f.source}: ${f.message} [${f.code}]\n`);
  }
  if (s.aborted) {
    out.write(
      `stopped early: the store kept failing (${s.aborted.message} [${s.aborted.code}]); ${s.total - s.done} input(s) not tried, run again to finish\n`,
    );
  }
}

export function registerIngest(cmd: Command, env: Environment): void {
  cmd
    .addOption(dbOption())
    .option('--allow-private', 'allow fetching from private, loopback and link-local addresses')
    .option('--concurrency <n>', 'inputs processed at once', positiveInt, 4)
    .option('--no-extract', 'store documents without extracting incidents')
    .option('--queue', 'store documents and queue their extraction for `rasid worker` (PostgreSQL)')
    .option('--timeout <ms>', 'time limit per URL, redirects included', positiveInt, DEFAULT_FETCH_OPTIONS.timeoutMs)
    .option(
      '--max-bytes <n>',
      'size limit per file or page',
      positiveInt,
      Math.min(DEFAULT_MAX_BYTES, DEFAULT_FETCH_OPTIONS.maxBytes),
    )
    .option(
      '--host-delay <ms>',
      'pause between two requests to one host',
      positiveInt,
      DEFAULT_FETCH_OPTIONS.hostDelayMs,
    )
    .option('--max-redirects <n>', 'redirects followed per URL', positiveInt, DEFAULT_FETCH_OPTIONS.maxRedirects)
    .option(
      '--job-expire <seconds>',
      'with --queue: a job running longer is taken as lost and retried',
      positiveInt,
      DEFAULT_JOB_CONFIG.expireInSeconds,
    )
    .option('--queue-schema <name>', 'with --queue: PostgreSQL schema of the job queue', 'pgboss')
    .option('--max-pages <n>', 'page limit per PDF or scan', positiveInt, DEFAULT_MAX_PAGES)
    .option(
      '--telegram-channel <username>',
      'public username of the channel in a Telegram export, for t.me links to its messages',
    )
    .option('--restricted', 'restrict every document of this run: seen by editors and admins only')
    .option(
      '--restricted-source <regexp>',
      'restrict documents whose path, URL or feed matches (repeatable)',
      collect,
      [] as string[],
    )
    .option('--json', 'print the summary as JSON');
  for (const o of limitOptions()) cmd.addOption(o);
  cmd.action(async (inputs: string[], flags: IngestFlags) => {
    const config = buildConfig(flags, env);
    const restricted = restrictedRule(Boolean(flags.restricted), flags.restrictedSource);
    const databaseUrl = config.databaseUrl;
    if (flags.queue && !databaseUrl) throw new RasidError('usage.queue', '--queue needs PostgreSQL: set DATABASE_URL');
    if (flags.queue && !flags.extract)
      throw new RasidError('usage.queue', '--queue and --no-extract contradict each other');
    const store = await openStore(config.store);
    // documents are read (and extracted) in threads that are stopped when a document's budget is
    // spent; GeoNames places imported into the store (`rasid gazetteer import`) join the built-in ones
    const runner = new DocumentThreads({
      size: threadsFor(flags.concurrency),
      gazetteerEntries: flags.extract && !flags.queue ? await gazetteerEntriesOf(store) : [],
      published: true,
    });
    const boss = flags.queue ? await openQueue({ databaseUrl: databaseUrl!, schema: flags.queueSchema }) : null;
    const processing: Processing = boss
      ? {
          kind: 'enqueue',
          enqueue: (id) =>
            enqueueExtraction(boss, id, { ...DEFAULT_JOB_CONFIG, expireInSeconds: Math.max(1, flags.jobExpire) }),
        }
      : flags.extract
        ? { kind: 'extract' }
        : { kind: 'none' };
    const fetcher = new Fetcher({
      allowPrivate: Boolean(flags.allowPrivate),
      timeoutMs: Math.max(1, flags.timeout),
      maxBytes: flags.maxBytes,
      hostDelayMs: flags.hostDelay,
      maxRedirects: flags.maxRedirects,
    });
    const progress = progressReporter(process.stderr);
    const started = Date.now();
    let summary: IngestSummary;
    let clusters: ClusterRun | null = null;
    try {
      summary = await ingest(inputs, {
        store,
        fetcher,
        processing,
        concurrency: Math.max(1, flags.concurrency),
        maxBytes: flags.maxBytes,
        onProgress: progress.update,
        runner,
        limits: config.limits,
        read: { maxPages: flags.maxPages },
        telegramChannel: flags.telegramChannel,
        restricted,
      });
      // incidents extracted here may tell events other sources told: join them (workers leave it to `rasid cluster`)
      if (processing.kind === 'extract' && summary.new + summary.updated > 0) clusters = await clusterIncidents(store);
    } finally {
      progress.stop();
      await runner.close();
      await boss?.stop({ graceful: true, wait: true });
      await store.close();
    }
    const seconds = (Date.now() - started) / 1000;
    if (flags.json) process.stdout.write(JSON.stringify({ ...summary, seconds, clusters }) + '\n');
    else {
      printSummary(summary, seconds, process.stdout);
      if (clusters) process.stdout.write(formatClusterRun(clusters) + '\n');
    }
    // a store that kept failing stopped the run: the store's status; otherwise 1 when some inputs failed
    process.exitCode = summary.aborted ? EXIT.store : summary.failed > 0 ? EXIT.partial : EXIT.ok;
  });
}
