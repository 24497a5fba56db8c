// PostgreSQL backend: a pg Pool, tsvector ('simple' config over words the store already
// normalised) with GIN indexes. Selected when DATABASE_URL is set.
import pg from 'pg';
import { Kysely, PostgresDialect, sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Database as Tables } from './db-types.ts';
import { StoreError } from './errors.ts';
import { runMigrations } from './migrate.ts';
import { POSTGRES_MIGRATIONS } from './migrations-postgres.ts';
import { SqlStore } from './sql-store.ts';
import type { BulkIncident } from './types.ts';

// tsquery of required terms; terms hold only letters and digits, quoted all the same
function tsQuery(terms: string[]): string {
  return terms.map((t) => `'${t}'`).join(' & ');
}

export interface PostgresOptions {
  connectionString: string;
  /** a schema to live in (created if missing) instead of the connection's default search_path */
  schema?: string;
  max?: number;
}

export class PostgresStore extends SqlStore {
  readonly kind = 'postgres' as const;
  protected readonly db: Kysely<Tables>;
  protected readonly begin = 'BEGIN';
  protected readonly rowLocks = true;
  readonly pool: pg.Pool;
  readonly schema: string | undefined;

  constructor(opts: PostgresOptions) {
    super();
    if (opts.schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(opts.schema))
      throw new StoreError('store.invalid', `schema name must be lower-case letters, digits and _: ${opts.schema}`);
    this.schema = opts.schema;
    this.pool = new pg.Pool({
      connectionString: opts.connectionString,
      max: opts.max ?? 10,
      // a server that stops answering (failover, a dropped network) fails a request in 10 s with
      // store.unavailable instead of holding it forever
      connectionTimeoutMillis: 10_000,
      ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
    });
    // a client that loses its server must not crash the process: idle ones report through the pool;
    // a checked-out one emits on itself, while its query in flight rejects and the caller sees that
    this.pool.on('error', () => undefined);
    this.pool.on('connect', (client) => client.on('error', () => undefined));
    this.db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool: this.pool }) });
  }

  async migrate(): Promise<void> {
    // the lock key is per schema so that test schemas migrate side by side; the schema itself is
    // created under the lock (CREATE SCHEMA IF NOT EXISTS races with itself)
    const target = this.schema ? `'${this.schema}'` : 'current_schema()';
    await runMigrations(this.db, POSTGRES_MIGRATIONS, {
      begin: this.begin,
      lock: `SELECT pg_advisory_xact_lock(hashtext('rasid-migrate:' || ${target}))`,
      prelude: this.schema ? [`CREATE SCHEMA IF NOT EXISTS ${this.schema}`] : [],
    });
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  protected ftsColumns(words: string): { tsv: RawBuilder<string> } {
    return { tsv: sql<string>`to_tsvector('simple', ${words})` };
  }

  protected async indexWords(): Promise<void> {
    // the tsv column was written with the row
  }

  protected incidentIdsMatching(terms: string[]): RawBuilder<unknown> {
    return sql`SELECT id FROM incidents WHERE tsv @@ to_tsquery('simple', ${tsQuery(terms)})`;
  }

  protected documentIdsMatching(terms: string[]): RawBuilder<unknown> {
    return sql`SELECT id FROM documents WHERE tsv @@ to_tsquery('simple', ${tsQuery(terms)})`;
  }

  private loadedSinceAnalyze = 0;

  // Right after a bulk load the planner has no statistics until autovacuum comes round: measured
  // on 100,000 fresh incidents, a text search took 0.6 s before ANALYZE and 0.07–0.14 s after.
  override async bulkInsertIncidents(items: BulkIncident[]): Promise<number> {
    const n = await super.bulkInsertIncidents(items);
    this.loadedSinceAnalyze += n;
    if (this.loadedSinceAnalyze >= 20_000) {
      this.loadedSinceAnalyze = 0;
      await sql`ANALYZE incidents, incident_actors, incident_places, documents`.execute(this.db);
    }
    return n;
  }

  // an IN nested in IS TRUE is not pulled up into a join: it stays a hashed subplan filter, and the
  // planner can walk the order index and stop after a page
  protected probeIn(id: RawBuilder<unknown>, list: RawBuilder<unknown>): RawBuilder<SqlBool> {
    return sql<SqlBool>`(${id} IN (${list})) IS TRUE`;
  }

  protected isUniqueViolation(err: unknown): boolean {
    return (err as { code?: string }).code === '23505';
  }

  // data_exception (22…) and integrity_constraint_violation (23…): a value was refused
  protected dataErrorCode(err: unknown): string | null {
    const code = (err as { code?: unknown }).code;
    return typeof code === 'string' && /^2[23][0-9A-Z]{3}$/.test(code) ? code : null;
  }

  // deadlock_detected, serialization_failure: both are resolved by running the transaction again
  protected isRetryable(err: unknown): boolean {
    const code = (err as { code?: string }).code;
    return code === '40P01' || code === '40001';
  }
}

export async function openPostgresStore(opts: PostgresOptions): Promise<PostgresStore> {
  const store = new PostgresStore(opts);
  try {
    await store.migrate();
  } catch (err) {
    await store.close();
    const code = (err as { code?: string }).code;
    if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === '3D000' || code === '28P01' || code === '28000')
      throw new StoreError('store.unavailable', `cannot reach PostgreSQL (${code})`);
    throw err;
  }
  return store;
}
