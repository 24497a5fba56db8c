// Versioned migrations, run on open: every pending one in a single transaction, so a crash
// mid-migration leaves the previous schema intact.
import { sql, type Kysely } from 'kysely';
import type { Database } from './db-types.ts';
import { withTx } from './tx.ts';

export interface Migration {
  version: number;
  name: string;
  statements: string[];
}

export async function runMigrations(
  db: Kysely<Database>,
  migrations: Migration[],
  opts: { begin: string; lock?: string; prelude?: string[] },
): Promise<number[]> {
  return withTx(db, opts.begin, async (c) => {
    // two processes opening one PostgreSQL database at once (workers) wait here for each other
    if (opts.lock) await sql.raw(opts.lock).execute(c);
    for (const s of opts.prelude ?? []) await sql.raw(s).execute(c);
    await sql
      .raw(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
      )
      .execute(c);
    const rows = await c.selectFrom('schema_migrations').select('version').execute();
    const done = new Set(rows.map((r) => Number(r.version)));
    const applied: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      for (const s of m.statements) await sql.raw(s).execute(c);
      await c
        .insertInto('schema_migrations')
        .values({ version: m.version, name: m.name, applied_at: new Date().toISOString() })
        .execute();
      applied.push(m.version);
    }
    return applied;
  });
}
