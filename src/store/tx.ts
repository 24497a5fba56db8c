// One transaction on one reserved connection. SQLite begins IMMEDIATE so that a writer takes the
// lock up front and waits (busy_timeout) instead of failing on upgrade; Kysely's own transaction()
// always issues a plain BEGIN.
import { sql, type Kysely } from 'kysely';

export async function withTx<DB, T>(db: Kysely<DB>, begin: string, fn: (c: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.connection().execute(async (c) => {
    await sql.raw(begin).execute(c);
    try {
      const out = await fn(c);
      await sql.raw('COMMIT').execute(c);
      return out;
    } catch (err) {
      await sql.raw('ROLLBACK').execute(c);
      throw err;
    }
  });
}
