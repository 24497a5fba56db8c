// Incidents written: a document's extraction, bulk loads, analysts' edits and status changes, and the
// append-only reviews they leave.
import type { ExtractionIssue, Incident } from '../schema.ts';
import type { DbId } from './db-types.ts';
import { StoreError } from './errors.ts';
import { incidentColumns, type IncidentColumns } from './incident-columns.ts';
import { MapIndex } from './map-index.ts';
import type { BulkIncident, IncidentStatus, ReviewBy, ReviewEntry, StoredIncident } from './types.ts';
import { sql } from 'kysely';
import {
  now,
  dbId,
  parseJson,
  incidentFromRow,
  touchKeys,
  STATUS_ACTION,
  RESTRICTED_DOCUMENT,
  RESTRICTED_SELF,
  type Db,
} from './sql-base.ts';
import { IncidentQueries } from './incident-queries.ts';
import { setIncidentRestrictedIn } from './restricted-tables.ts';

/** An incident row as written, with the columns its side tables repeat. */
interface SideRow {
  id: DbId;
  col: IncidentColumns;
  status: IncidentStatus;
}

export abstract class IncidentTables extends IncidentQueries {
  /** the map index, once a map was asked for (sql-store.ts) */
  protected mapIndex: MapIndex | null = null;

  /** An analyst's edit moves its incident on the map at once; other writers' changes come with the next rebuild. */
  protected async mapped(write: Promise<StoredIncident>): Promise<StoredIncident> {
    const inc = await write;
    this.mapIndex?.upsert(inc);
    return inc;
  }

  async saveExtraction(
    documentId: string,
    extraction: { incidents: Incident[]; issues?: ExtractionIssue[] },
  ): Promise<{ saved: number; kept: number }> {
    const n = dbId(documentId);
    if (n === null) throw new StoreError('store.not-found', `no document ${documentId}`);
    return this.tx(async (c) => {
      // locking the document makes two saves of one document wait for each other
      const doc = await this.locked(
        c.selectFrom('documents').select(['id', 'text', 'previous_id', 'restricted']).where('id', '=', n),
      ).executeTakeFirst();
      if (!doc) throw new StoreError('store.not-found', `no document ${documentId}`);
      // the version chain: touched incidents of earlier versions still stand for their event
      const texts = new Map<string, string>([[String(doc.id), doc.text]]);
      let prev = doc.previous_id;
      while (prev !== null && !texts.has(String(prev))) {
        const p = await c
          .selectFrom('documents')
          .select(['id', 'text', 'previous_id'])
          .where('id', '=', prev)
          .executeTakeFirst();
        if (!p) break;
        texts.set(String(p.id), p.text);
        prev = p.previous_id;
      }
      const chain = [...texts.keys()].map(Number);
      // Locked: an analyst's verify that lands between this read and the delete below would
      // otherwise be deleted with the machine incidents (issue 12: 115 of 198 verified incidents
      // lost on PostgreSQL). A verify waiting on these rows sees them afterwards, or their absence.
      const existing = await this.locked(
        c
          .selectFrom('incidents')
          .select(['id', 'document_id', 'ext_id', 'status', 'data', 'restricted'])
          .where('document_id', 'in', chain)
          .orderBy('id'),
      ).execute();
      const touched = new Set<string>();
      let kept = 0;
      const machineHere = new Map<string, DbId>();
      const stale: DbId[] = [];
      for (const r of existing) {
        // an incident an editor restricted is touched too: a new extraction must not bring its
        // event back unrestricted
        if (r.status !== 'machine' || (Number(r.restricted) & RESTRICTED_SELF) !== 0) {
          kept++;
          for (const k of touchKeys(JSON.parse(r.data) as Incident, texts.get(String(r.document_id)) ?? ''))
            touched.add(k);
        } else if (String(r.document_id) === String(doc.id) && !machineHere.has(r.ext_id))
          machineHere.set(r.ext_id, r.id);
        else stale.push(r.id);
      }
      let saved = 0;
      for (const inc of extraction.incidents) {
        if (touchKeys(inc, doc.text).some((k) => touched.has(k))) continue;
        const same = machineHere.get(inc.id);
        if (same !== undefined) {
          machineHere.delete(inc.id);
          await this.rewriteIncident(c, same, inc, incidentColumns(inc, doc.text), { status: 'machine' });
        } else {
          await this.insertIncidents(c, [
            { documentId: doc.id, incident: inc, status: 'machine', text: doc.text, docRestricted: doc.restricted },
          ]);
        }
        saved++;
      }
      stale.push(...machineHere.values());
      await this.deleteIncidents(c, stale);
      const issues = extraction.issues?.length ? JSON.stringify(extraction.issues) : null;
      await c.updateTable('documents').set({ extracted_at: now(), issues }).where('id', '=', doc.id).execute();
      return { saved, kept };
    });
  }

  private async deleteIncidents(c: Db, ids: DbId[]): Promise<void> {
    for (let i = 0; i < ids.length; i += 500) {
      const part = ids.slice(i, i + 500);
      const clusters = await c
        .selectFrom('incidents')
        .select('cluster_id')
        .where('id', 'in', part)
        .where('cluster_id', 'is not', null)
        .execute();
      // only machine incidents nobody restricted are ever deleted, whatever the caller read before
      await c
        .deleteFrom('incidents')
        .where('id', 'in', part)
        .where('status', '=', 'machine')
        .where(sql<boolean>`(restricted & ${sql.lit(RESTRICTED_SELF)}) = 0`)
        .execute();
      await this.dissolveSmallClusters(
        c,
        clusters.map((r) => r.cluster_id as DbId),
      );
    }
  }

  /** clusters left with fewer than two members are no clusters */
  protected async dissolveSmallClusters(c: Db, ids: DbId[]): Promise<void> {
    for (const id of new Set(ids.map(String))) {
      const left = await c.selectFrom('incidents').select('id').where('cluster_id', '=', Number(id)).limit(2).execute();
      if (left.length < 2) {
        await c.updateTable('incidents').set({ cluster_id: null }).where('cluster_id', '=', Number(id)).execute();
        await c.deleteFrom('clusters').where('id', '=', Number(id)).execute();
      }
    }
  }

  protected async insertIncidents(
    c: Db,
    items: Array<{
      documentId: DbId;
      incident: Incident;
      status: IncidentStatus;
      text: string;
      /** documents.restricted of its document: the incident is restricted with it */
      docRestricted: number | string;
    }>,
  ): Promise<DbId[]> {
    const t = now();
    const withCols = items.map((it) => ({ it, col: incidentColumns(it.incident, it.text) }));
    const written: SideRow[] = [];
    for (let i = 0; i < withCols.length; i += 400) {
      const part = withCols.slice(i, i + 400);
      const rows = await c
        .insertInto('incidents')
        .values(
          part.map(({ it, col }) => {
            return {
              document_id: it.documentId,
              ext_id: it.incident.id,
              type: col.type,
              status: it.status,
              date_start: col.date_start,
              date_end: col.date_end,
              sort_key: col.sort_key,
              lat: col.lat,
              lon: col.lon,
              admin1: col.admin1,
              cluster_id: null,
              restricted: Number(it.docRestricted) !== 0 ? RESTRICTED_DOCUMENT : 0,
              data: JSON.stringify(it.incident),
              machine: null,
              created_at: t,
              updated_at: t,
              ...this.ftsColumns(col.searchBody),
            };
          }),
        )
        .returning('id')
        .execute();
      // one returned id per inserted row, in the order of the rows
      rows.forEach((r, k) => {
        const { it, col } = part[k]!;
        written.push({ id: r.id, col, status: it.status });
      });
    }
    await this.writeSideRows(c, written, false);
    return written.map((w) => w.id);
  }

  private async writeSideRows(c: Db, written: SideRow[], replace: boolean): Promise<void> {
    const ids = written.map((w) => w.id);
    if (replace) {
      await c.deleteFrom('incident_actors').where('incident_id', 'in', ids).execute();
      await c.deleteFrom('incident_places').where('incident_id', 'in', ids).execute();
    }
    const side = ({ id, col, status }: SideRow) => ({
      sort_key: col.sort_key,
      incident_id: id,
      type: col.type,
      status,
      date_end: col.date_end,
      lat: col.lat,
      lon: col.lon,
    });
    const actors = written.flatMap((w) => w.col.actorIds.map((actor_id) => ({ actor_id, ...side(w) })));
    const places = written.flatMap((w) => w.col.placeKeys.map((key) => ({ key, ...side(w) })));
    for (let i = 0; i < actors.length; i += 1000)
      await c
        .insertInto('incident_actors')
        .values(actors.slice(i, i + 1000))
        .execute();
    for (let i = 0; i < places.length; i += 1000)
      await c
        .insertInto('incident_places')
        .values(places.slice(i, i + 1000))
        .execute();
    await this.indexWords(
      c,
      'incidents',
      written.map((w) => ({ id: w.id, words: w.col.searchBody })),
    );
  }

  private async rewriteIncident(
    c: Db,
    id: DbId,
    inc: Incident,
    col: IncidentColumns,
    set: { status: IncidentStatus; machine?: string | null },
  ): Promise<void> {
    await c
      .updateTable('incidents')
      .set({
        ext_id: inc.id,
        type: col.type,
        status: set.status,
        date_start: col.date_start,
        date_end: col.date_end,
        sort_key: col.sort_key,
        lat: col.lat,
        lon: col.lon,
        admin1: col.admin1,
        data: JSON.stringify(inc),
        ...(set.machine !== undefined ? { machine: set.machine } : {}),
        updated_at: now(),
        ...this.ftsColumns(col.searchBody),
      })
      .where('id', '=', id)
      .execute();
    await this.writeSideRows(c, [{ id, col, status: set.status }], true);
  }

  async bulkInsertIncidents(items: BulkIncident[]): Promise<number> {
    if (!items.length) return 0;
    return this.tx(async (c) => {
      const docs = new Map<string, { text: string; restricted: number | string }>();
      const rows: Parameters<IncidentTables['insertIncidents']>[1] = [];
      for (const it of items) {
        let d = docs.get(it.documentId);
        if (d === undefined) {
          const n = dbId(it.documentId);
          d =
            n === null
              ? undefined
              : await c.selectFrom('documents').select(['text', 'restricted']).where('id', '=', n).executeTakeFirst();
          if (!d) throw new StoreError('store.not-found', `no document ${it.documentId}`);
          docs.set(it.documentId, d);
        }
        rows.push({
          documentId: Number(it.documentId),
          incident: it.incident,
          status: it.status ?? 'machine',
          text: d.text,
          docRestricted: d.restricted,
        });
      }
      return (await this.insertIncidents(c, rows)).length;
    });
  }

  async updateIncident(id: string, patch: Partial<Incident>, by: ReviewBy): Promise<StoredIncident> {
    const n = dbId(id);
    if (n === null) throw new StoreError('store.not-found', `no incident ${id}`);
    return this.mapped(
      this.tx(async (c) => {
        const row = await this.locked(c.selectFrom('incidents').selectAll().where('id', '=', n)).executeTakeFirst();
        if (!row) throw new StoreError('store.not-found', `no incident ${id}`);
        const cur = JSON.parse(row.data) as Incident;
        const next: Record<string, unknown> = { ...cur };
        const changes: Array<{ field: string; old: unknown; new: unknown }> = [];
        for (const [field, value] of Object.entries(patch)) {
          if (field === 'id' || value === undefined) continue;
          const old = (cur as Record<string, unknown>)[field];
          if (JSON.stringify(old) === JSON.stringify(value)) continue;
          next[field] = value;
          changes.push({ field, old: old ?? null, new: value });
        }
        if (!changes.length) return incidentFromRow(row);
        const doc = await c.selectFrom('documents').select('text').where('id', '=', row.document_id).executeTakeFirst();
        const inc = next as Incident;
        await this.rewriteIncident(c, row.id, inc, incidentColumns(inc, doc?.text ?? ''), {
          status: 'edited',
          machine: row.machine ?? row.data,
        });
        const at = now();
        await c
          .insertInto('reviews')
          .values(
            changes.map((ch) => ({
              incident_id: row.id,
              user_id: dbId(by.userId),
              action: 'edit',
              field: ch.field,
              old_value: JSON.stringify(ch.old),
              new_value: JSON.stringify(ch.new),
              note: by.note ?? null,
              at,
            })),
          )
          .execute();
        const out = await c.selectFrom('incidents').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
        return incidentFromRow(out);
      }),
    );
  }

  async setStatus(id: string, status: IncidentStatus, by: ReviewBy): Promise<StoredIncident> {
    const n = dbId(id);
    if (n === null) throw new StoreError('store.not-found', `no incident ${id}`);
    return this.mapped(
      this.tx(async (c) => {
        const row = await this.locked(c.selectFrom('incidents').selectAll().where('id', '=', n)).executeTakeFirst();
        if (!row) throw new StoreError('store.not-found', `no incident ${id}`);
        if (row.status === status) return incidentFromRow(row);
        await c.updateTable('incidents').set({ status, updated_at: now() }).where('id', '=', row.id).execute();
        await c.updateTable('incident_actors').set({ status }).where('incident_id', '=', row.id).execute();
        await c.updateTable('incident_places').set({ status }).where('incident_id', '=', row.id).execute();
        await c
          .insertInto('reviews')
          .values({
            incident_id: row.id,
            user_id: dbId(by.userId),
            action: STATUS_ACTION[status],
            field: 'status',
            old_value: JSON.stringify(row.status),
            new_value: JSON.stringify(status),
            note: by.note ?? null,
            at: now(),
          })
          .execute();
        const out = await c.selectFrom('incidents').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
        return incidentFromRow(out);
      }),
    );
  }

  async setIncidentRestricted(id: string, restricted: boolean, by: ReviewBy): Promise<StoredIncident> {
    const n = dbId(id);
    if (n === null) throw new StoreError('store.not-found', `no incident ${id}`);
    return this.tx((c) => setIncidentRestrictedIn(c, this.rowLocks, n, restricted, by));
  }

  async reviews(incidentId: string): Promise<ReviewEntry[]> {
    const n = dbId(incidentId);
    if (n === null) return [];
    const rows = await this.db
      .selectFrom('reviews')
      .leftJoin('users', 'users.id', 'reviews.user_id')
      .selectAll('reviews')
      .select('users.name as user_name')
      .where('reviews.incident_id', '=', n)
      .orderBy('reviews.id')
      .execute();
    return rows.map((r) => ({
      id: String(r.id),
      incidentId: String(r.incident_id),
      userId: r.user_id === null ? null : String(r.user_id),
      userName: r.user_name ?? null,
      action: r.action as ReviewEntry['action'],
      field: r.field,
      oldValue: parseJson(r.old_value),
      newValue: parseJson(r.new_value),
      note: r.note,
      at: r.at,
    }));
  }

  async addReview(entry: Omit<ReviewEntry, 'id' | 'at' | 'userName'>): Promise<void> {
    await this.addReviewIn(this.db, entry);
  }

  protected async addReviewIn(c: Db, entry: Omit<ReviewEntry, 'id' | 'at' | 'userName'>): Promise<void> {
    const n = dbId(entry.incidentId);
    if (n === null) throw new StoreError('store.not-found', `no incident ${entry.incidentId}`);
    await c
      .insertInto('reviews')
      .values({
        incident_id: n,
        user_id: dbId(entry.userId),
        action: entry.action,
        field: entry.field,
        old_value: entry.oldValue === undefined ? null : JSON.stringify(entry.oldValue),
        new_value: entry.newValue === undefined ? null : JSON.stringify(entry.newValue),
        note: entry.note,
        at: now(),
      })
      .execute();
  }
}
