// The one configuration of a run: where the store is, which PostgreSQL carries the job queue, and
// how much work one document may cause. The CLI's composition root (src/cli/main.ts) reads the
// environment once and each command builds its Config from its flags and that; nothing below the
// entry files reads process.env or argv.
import { InvalidArgumentError, Option } from 'commander';

export const DEFAULT_DB_FILE = './rasid.db';

/** What the environment says, read once at start. An empty DATABASE_URL counts as unset. */
export interface Environment {
  databaseUrl: string | null;
}

export function readEnvironment(env: Readonly<Record<string, string | undefined>>): Environment {
  return { databaseUrl: env.DATABASE_URL || null };
}

/** Where incidents live: PostgreSQL when DATABASE_URL is set, else the SQLite file of `--db`. */
export type StoreLocation = { kind: 'sqlite'; db: string } | { kind: 'postgres'; databaseUrl: string };

/**
 * Bounds on the work one document may cause (issue 12: a page of 100,000 paragraphs took 100 s and
 * 2 GB, and stored 100,000 incidents), the same for `rasid ingest` and `rasid worker`. A long text is
 * extracted part by part (src/service/extract-save.ts); extraction stops once `maxIncidents` are
 * found (the cut is an issue on the document); reading and extracting a document run in a thread
 * that is stopped when `budgetMs` is spent (src/service/document-threads.ts): the document fails,
 * says why, and the batch goes on.
 */
export interface ExtractLimits {
  maxIncidents: number;
  /** parts of about this many characters, cut at paragraph breaks */
  partChars: number;
  budgetMs: number;
}

export const DEFAULT_EXTRACT_LIMITS: ExtractLimits = { maxIncidents: 2000, partChars: 100_000, budgetMs: 120_000 };

export interface Config {
  store: StoreLocation;
  /** DATABASE_URL: the store, and the job queue of `ingest --queue`, `worker` and `enqueue` */
  databaseUrl: string | null;
  /** work allowed per document (`--max-incidents`, `--extract-budget`) */
  limits: ExtractLimits;
}

export interface ConfigFlags {
  db?: string;
  maxIncidents?: number;
  /** seconds */
  extractBudget?: number;
}

export function buildConfig(flags: ConfigFlags, env: Environment): Config {
  return {
    store: env.databaseUrl
      ? { kind: 'postgres', databaseUrl: env.databaseUrl }
      : { kind: 'sqlite', db: flags.db ?? DEFAULT_DB_FILE },
    databaseUrl: env.databaseUrl,
    limits: {
      ...DEFAULT_EXTRACT_LIMITS,
      ...(flags.maxIncidents !== undefined ? { maxIncidents: flags.maxIncidents } : {}),
      ...(flags.extractBudget !== undefined ? { budgetMs: Math.round(flags.extractBudget * 1000) } : {}),
    },
  };
}

/** `--db`, declared here for every command that touches the store. */
export function dbOption(): Option {
  return new Option('--db <file>', 'SQLite database file; DATABASE_URL selects PostgreSQL instead').default(
    DEFAULT_DB_FILE,
  );
}

function wholeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError(`expected a whole number of 1 or more, found "${value}"`);
  return n;
}

function seconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new InvalidArgumentError(`expected a number of seconds above 0, found "${value}"`);
  return n;
}

/** `--max-incidents` and `--extract-budget`, declared here for `rasid ingest` and `rasid worker` alike. */
export function limitOptions(): Option[] {
  return [
    new Option('--max-incidents <n>', 'incidents kept per document; the rest of a longer one is not extracted')
      .argParser(wholeNumber)
      .default(DEFAULT_EXTRACT_LIMITS.maxIncidents),
    new Option(
      '--extract-budget <seconds>',
      'time allowed to read and extract one document; past it the document fails and the batch goes on',
    )
      .argParser(seconds)
      .default(DEFAULT_EXTRACT_LIMITS.budgetMs / 1000),
  ];
}
