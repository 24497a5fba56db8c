// The one way services open a store. Callers (CLI, server) read DATABASE_URL and --db and pass
// them in; nothing here reads the environment.
import { openPostgresStore } from './postgres.ts';
import { openSqliteStore } from './sqlite.ts';
import type { Store } from './types.ts';
import { DEFAULT_DB_FILE } from '../config.ts';

export interface OpenStoreOptions {
  /** SQLite file; default DEFAULT_DB_FILE */
  db?: string;
  /** PostgreSQL connection string; when set it wins over `db` */
  databaseUrl?: string;
  /** PostgreSQL schema to use (tests give each run its own) */
  schema?: string;
}

export async function openStore(opts: OpenStoreOptions = {}): Promise<Store> {
  if (opts.databaseUrl) return openPostgresStore({ connectionString: opts.databaseUrl, schema: opts.schema });
  return openSqliteStore(opts.db ?? DEFAULT_DB_FILE);
}
