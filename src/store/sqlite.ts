// SQLite backend: better-sqlite3 in WAL mode, FTS5 for words. Zero set-up: a file (default
// ./rasid.db) or ':memory:'.
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Database as Tables, DbId } from './db-types.ts';
import { StoreError } from './errors.ts';
import { dbId, incidentFromRow, SqlStore } from './sql-store.ts';
import { RESTRICTED_DOCUMENT } from './sql-base.ts';
import { runMigrations } from './migrate.ts';
import { SQLITE_MIGRATIONS } from './migrations-sqlite.ts';
import { incidentColumns } from './incident-columns.ts';
import type { BulkIncident, IncidentFilter, StoredIncident } from './types.ts';

// FTS5 query: every term quoted (terms hold only letters and digits), all of them required
function ftsMatch(terms: string[]): string {
  return terms.map((t) => `"${t}"`).join(' ');
}

function configure(db: BetterSqlite3.Database, file: string): void {
  db.pragma('busy_timeout = 10000');
  if (file !== ':memory:') db.pragma('journal_mode = WAL');
  // WAL + NORMAL: a crash loses at most the last commits not yet checkpointed, never consistency
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  // a million incidents: the default 2 MB page cache made inserts and filtered counts disk-bound
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
  db.pragma('analysis_limit = 1000');
  // planner statistics for tables that changed a lot since last time (cheap when none did)
  db.pragma('optimize = 0x10002');
}

export class SqliteStore extends SqlStore {
  readonly kind = 'sqlite' as const;
  protected readonly db: Kysely<Tables>;
  protected readonly begin = 'BEGIN IMMEDIATE';
  protected readonly rowLocks = false;
  readonly file: string;
  readonly raw: BetterSqlite3.Database;

  constructor(file: string) {
    super();
    this.file = file;
    try {
      this.raw = new BetterSqlite3(file);
    } catch (err) {
      throw new StoreError('store.unavailable', `cannot open SQLite database ${file}: ${(err as Error).message}`);
    }
    configure(this.raw, file);
    this.db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: this.raw }) });
  }

  async migrate(): Promise<void> {
    await runMigrations(this.db, SQLITE_MIGRATIONS, { begin: this.begin });
  }

  async close(): Promise<void> {
    if (this.raw.open && !this.raw.readonly) this.raw.pragma('optimize');
    await this.db.destroy();
  }

  protected ftsColumns(): Record<string, never> {
    return {};
  }

  protected async indexWords(
    c: Kysely<Tables>,
    table: 'incidents' | 'documents',
    rows: Array<{ id: DbId; words: string }>,
  ): Promise<void> {
    const fts = sql.table(`${table}_fts`);
    for (let i = 0; i < rows.length; i += 400) {
      const part = rows.slice(i, i + 400);
      await sql`DELETE FROM ${fts} WHERE rowid IN (${sql.join(part.map((r) => r.id))})`.execute(c);
      await sql`INSERT INTO ${fts} (rowid, body) VALUES ${sql.join(part.map((r) => sql`(${r.id}, ${r.words})`))}`.execute(
        c,
      );
    }
  }

  protected incidentIdsMatching(terms: string[]): RawBuilder<unknown> {
    return sql`SELECT rowid FROM incidents_fts WHERE incidents_fts MATCH ${ftsMatch(terms)}`;
  }

  protected documentIdsMatching(terms: string[]): RawBuilder<unknown> {
    return sql`SELECT rowid FROM documents_fts WHERE documents_fts MATCH ${ftsMatch(terms)}`;
  }

  // «+id» is not an indexable column, so SQLite cannot drive the query by the list
  protected probeIn(id: RawBuilder<unknown>, list: RawBuilder<unknown>): RawBuilder<SqlBool> {
    return sql<SqlBool>`+${id} IN (${list})`;
  }

  protected dataErrorCode(err: unknown): string | null {
    const code = (err as { code?: unknown }).code;
    return code === 'SQLITE_TOOBIG' ||
      code === 'SQLITE_MISMATCH' ||
      code === 'SQLITE_CONSTRAINT_CHECK' ||
      code === 'SQLITE_CONSTRAINT_NOTNULL'
      ? code
      : null;
  }

  // writers never deadlock here: BEGIN IMMEDIATE takes the one write lock up front
  protected isRetryable(): boolean {
    return false;
  }

  protected isUniqueViolation(err: unknown): boolean {
    const code = (err as { code?: string }).code;
    return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
  }

  // Prepared statements in one synchronous transaction: several times the generic path (a million
  // incidents for the server benchmark). The Kysely connection is held meanwhile so that no other
  // transaction of this store is open on the connection.
  override async bulkInsertIncidents(items: BulkIncident[]): Promise<number> {
    if (!items.length) return 0;
    return this.db.connection().execute(async () => {
      const raw = this.raw;
      const text = raw.prepare<[number], { text: string; restricted: number }>(
        'SELECT text, restricted FROM documents WHERE id = ?',
      );
      const inc = raw.prepare(
        `INSERT INTO incidents (document_id, ext_id, type, status, date_start, date_end, sort_key, lat, lon, admin1, data, created_at, updated_at, restricted)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const sideCols = 'sort_key, incident_id, type, status, date_end, lat, lon';
      const actor = raw.prepare(
        `INSERT OR IGNORE INTO incident_actors (actor_id, ${sideCols}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const place = raw.prepare(
        `INSERT OR IGNORE INTO incident_places (key, ${sideCols}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const fts = raw.prepare('INSERT INTO incidents_fts (rowid, body) VALUES (?, ?)');
      const texts = new Map<string, { text: string; restricted: number }>();
      const t = new Date().toISOString();
      const run = raw.transaction(() => {
        for (const it of items) {
          let doc = texts.get(it.documentId);
          if (doc === undefined) {
            const n = dbId(it.documentId);
            doc = n === null ? undefined : text.get(n);
            if (!doc) throw new StoreError('store.not-found', `no document ${it.documentId}`);
            texts.set(it.documentId, doc);
          }
          const c = incidentColumns(it.incident, doc.text);
          const id = inc.run(
            Number(it.documentId),
            it.incident.id,
            c.type,
            it.status ?? 'machine',
            c.date_start,
            c.date_end,
            c.sort_key,
            c.lat,
            c.lon,
            c.admin1,
            JSON.stringify(it.incident),
            t,
            t,
            doc.restricted ? RESTRICTED_DOCUMENT : 0,
          ).lastInsertRowid;
          const side = [c.sort_key, id, c.type, it.status ?? 'machine', c.date_end, c.lat, c.lon];
          for (const a of c.actorIds) actor.run(a, ...side);
          for (const k of c.placeKeys) place.run(k, ...side);
          fts.run(id, c.searchBody);
        }
        return items.length;
      });
      const n = run.immediate();
      // the planner needs row counts to choose the side-table or order index after a large load
      raw.pragma('optimize');
      return n;
    });
  }

  // A file database streams with .iterate() on its own read-only connection: WAL gives it a
  // snapshot, and writes on the main connection go on meanwhile. ':memory:' has no second
  // connection and pages by keyset instead.
  override async *streamIncidents(filter: IncidentFilter): AsyncIterable<StoredIncident> {
    if (this.file === ':memory:' || this.file === '') {
      yield* super.streamIncidents(filter);
      return;
    }
    const q = this.orderedQuery(filter, null).compile();
    const reader = new BetterSqlite3(this.file, { readonly: true });
    try {
      reader.pragma('busy_timeout = 10000');
      const stmt = reader.prepare(q.sql);
      for (const row of stmt.iterate(...(q.parameters as unknown[])))
        yield incidentFromRow(row as Parameters<typeof incidentFromRow>[0]);
    } finally {
      reader.close();
    }
  }
}

export async function openSqliteStore(file: string): Promise<SqliteStore> {
  const store = new SqliteStore(file);
  await store.migrate();
  return store;
}
