// Restricted items (issue 12): the writes that set or lift the flag. A document's flag is its
// source's (every version carries it) and is copied into the document bit of all their incidents,
// so that one indexed column of incidents answers "restricted at all" (sql-base.ts: the bits).
import { sql } from 'kysely';
import type { DbId } from './db-types.ts';
import { StoreError } from './errors.ts';
import { now, dbId, incidentFromRow, RESTRICTED_DOCUMENT, RESTRICTED_SELF, type Db } from './sql-base.ts';
import type { ReviewBy, StoredIncident } from './types.ts';

/** Sets the flag on every version of a source and the document bit of all their incidents. */
export async function restrictSourceIn(
  c: Db,
  sourceKey: string,
  restricted: boolean,
  via: 'editor' | 'ingest',
  documentId: DbId,
  audit: { userId: string | null; note?: string; audit: boolean },
): Promise<void> {
  await c
    .updateTable('documents')
    .set({ restricted: restricted ? 1 : 0, restricted_by: via })
    .where('source_key', '=', sourceKey)
    .execute();
  const bits = restricted
    ? sql<number>`restricted | ${sql.lit(RESTRICTED_DOCUMENT)}`
    : sql<number>`restricted & ${sql.lit(RESTRICTED_SELF)}`;
  await c
    .updateTable('incidents')
    .set({ restricted: bits })
    .where('document_id', 'in', (q) => q.selectFrom('documents').select('id').where('source_key', '=', sourceKey))
    .execute();
  if (audit.audit)
    await c
      .insertInto('audit_log')
      .values({
        at: now(),
        user_id: dbId(audit.userId),
        action: restricted ? 'document.restrict' : 'document.unrestrict',
        target: `document ${String(documentId)}`,
        detail: via === 'ingest' ? 'an ingest rule' : (audit.note ?? null),
      })
      .execute();
}

/** An editor's flag on one incident (its own bit), audited as a review; unchanged: no review. */
export async function setIncidentRestrictedIn(
  c: Db,
  /** PostgreSQL: lock the row read (SELECT … FOR UPDATE), as sql-base.ts's rowLocks says */
  rowLocks: boolean,
  id: number,
  restricted: boolean,
  by: ReviewBy,
): Promise<StoredIncident> {
  const q = c.selectFrom('incidents').selectAll().where('id', '=', id);
  const row = await (rowLocks ? q.forUpdate() : q).executeTakeFirst();
  if (!row) throw new StoreError('store.not-found', `no incident ${id}`);
  const bits = Number(row.restricted);
  const was = (bits & RESTRICTED_SELF) !== 0;
  if (was === restricted) return incidentFromRow(row);
  const next = restricted ? bits | RESTRICTED_SELF : bits & ~RESTRICTED_SELF;
  await c.updateTable('incidents').set({ restricted: next, updated_at: now() }).where('id', '=', row.id).execute();
  await c
    .insertInto('reviews')
    .values({
      incident_id: row.id,
      user_id: dbId(by.userId),
      action: restricted ? 'restrict' : 'unrestrict',
      field: 'restricted',
      old_value: JSON.stringify(was),
      new_value: JSON.stringify(restricted),
      note: by.note ?? null,
      at: now(),
    })
    .execute();
  const out = await c.selectFrom('incidents').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
  return incidentFromRow(out);
}
