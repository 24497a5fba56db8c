// The one configuration of a run: where the store is and which PostgreSQL carries the job queue.
// The CLI's composition root (src/cli/main.ts) reads the environment once and each command builds
// its Config from its flags and that; nothing below the entry files reads process.env or argv.
import { Option } from 'commander';

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

export interface Config {
  store: StoreLocation;
  /** DATABASE_URL: the store, and the job queue of `ingest --queue`, `worker` and `enqueue` */
  databaseUrl: string | null;
}

export function buildConfig(flags: { db?: string }, env: Environment): Config {
  return {
    store: env.databaseUrl
      ? { kind: 'postgres', databaseUrl: env.databaseUrl }
      : { kind: 'sqlite', db: flags.db ?? DEFAULT_DB_FILE },
    databaseUrl: env.databaseUrl,
  };
}

/** `--db`, declared here for every command that touches the store. */
export function dbOption(): Option {
  return new Option('--db <file>', 'SQLite database file; DATABASE_URL selects PostgreSQL instead').default(
    DEFAULT_DB_FILE,
  );
}
