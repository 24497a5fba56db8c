// The store's behaviour, written once over Kysely for both backends. A backend (sqlite.ts,
// postgres.ts) supplies its migrations, how it indexes and matches words, and its fast paths.
import { createHash } from 'node:crypto';
import { sql, type Kysely, type RawBuilder, type Selectable, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { Incident, IncidentType } from '../schema.ts';
import { normalizeString } from '../text/normalize.ts';
import type { Database, DbId, DocumentsTable, DriverTable, IncidentsTable, UsersTable } from './db-types.ts';
import { StoreError } from './errors.ts';
import { evidenceText, incidentColumns, type IncidentColumns } from './incident-columns.ts';
import { indexText, placeKey, queryTerms } from './search-text.ts';
import { withTx } from './tx.ts';
import * as gazetteer from './gazetteer-tables.ts';
import { clusterFromStore, indexable, MapIndex, type Bbox, type MapClusters } from './map-index.ts';
import type { AlternateNameRow, GeonameRow } from '../geo/geonames-dump.ts';
import type {
  ApiToken,
  AuditEntry,
  BulkIncident,
  Cluster,
  ClusterEdge,
  DocumentInput,
  GazetteerBatchCounts,
  GazetteerImportState,
  IncidentFilter,
  IncidentStatus,
  Page,
  PutDocumentResult,
  ReviewBy,
  ReviewEntry,
  Role,
  Store,
  StoredDocument,
  StoredIncident,
  StoredSession,
  User,
} from './types.ts';

type Db = Kysely<Database>;
type FilterDb = Database & { drv: DriverTable };
interface Filtered {
  q: SelectQueryBuilder<FilterDb, 'drv' | 'incidents', object>;
  /** the table the conditions read: incidents, or the side table driving the query */
  t: 'incidents' | 'drv';
  /** the columns that give list order: (sort DESC, id ASC) */
  sort: string;
  id: string;
}
type IncidentRow = Selectable<IncidentsTable>;
type DocumentRow = Selectable<DocumentsTable>;

const now = () => new Date().toISOString();

/** A document that no newer version points back to is the current version of its source. */
const IS_CURRENT_VERSION = sql<SqlBool>`NOT EXISTS (SELECT 1 FROM documents newer WHERE newer.previous_id = documents.id)`;

/** Store ids are decimal strings; anything else names no row. */
export function dbId(id: string | null | undefined): number | null {
  return id && /^[1-9]\d{0,14}$/.test(id) ? Number(id) : null;
}

/** The text a document's hash is taken over: normalised letters, whitespace runs folded. */
export function canonicalText(text: string): string {
  return normalizeString(text)
    .replace(/[ \t\f\v]+/g, ' ')
    .replace(/ ?\n[\s]*/g, '\n')
    .trim();
}

export function documentHash(sourceKey: string, text: string): { hash: string; textHash: string } {
  const canon = canonicalText(text);
  return {
    hash: createHash('sha256').update(sourceKey).update('\0').update(canon).digest('hex'),
    textHash: createHash('sha256').update(canon).digest('hex'),
  };
}

// PostgreSQL text cannot hold U+0000, and one stray NUL deep in a file must not cost the whole
// document (issue 12). U+FFFD takes its place: one UTF-16 unit for one, so every span stays where it was.
function noNul(s: string): string;
function noNul(s: string | null): string | null;
function noNul(s: string | null): string | null {
  return s !== null && s.includes('\u0000') ? s.replaceAll('\u0000', '\uFFFD') : s;
}

function withoutNul(doc: DocumentInput): DocumentInput {
  return {
    ...doc,
    sourceKey: noNul(doc.sourceKey),
    url: noNul(doc.url),
    title: noNul(doc.title),
    published: noNul(doc.published),
    text: noNul(doc.text),
    alternates: (doc.alternates ?? []).map((a) => ({ lang: noNul(a.lang), url: noNul(a.url) })),
  };
}

function userFromRow(r: Selectable<UsersTable>): User {
  return {
    id: String(r.id),
    name: r.name,
    role: r.role as Role,
    passwordHash: r.password_hash,
    createdAt: r.created_at,
    disabled: Number(r.disabled) === 1,
  };
}

function parseJson<T>(s: string | null): T | null {
  return s === null ? null : (JSON.parse(s) as T);
}

function docFromRow(r: DocumentRow): StoredDocument {
  return {
    id: String(r.id),
    sourceKey: r.source_key,
    url: r.url,
    title: r.title,
    lang: r.lang as 'ar' | 'en',
    published: r.published,
    text: r.text,
    format: r.format,
    alternates: JSON.parse(r.alternates) as StoredDocument['alternates'],
    fetchedAt: r.fetched_at ?? undefined,
    hash: r.hash,
    textHash: r.text_hash,
    version: Number(r.version),
    previousId: r.previous_id === null ? null : String(r.previous_id),
    createdAt: r.created_at,
    extractedAt: r.extracted_at ?? null,
  };
}

export function incidentFromRow(r: IncidentRow): StoredIncident {
  const inc = JSON.parse(r.data) as Incident;
  const machine = parseJson<Incident>(r.machine);
  const out: StoredIncident = {
    ...inc,
    id: String(r.id),
    documentId: String(r.document_id),
    status: r.status as IncidentStatus,
    clusterId: r.cluster_id === null ? null : String(r.cluster_id),
    updatedAt: r.updated_at,
    extId: r.ext_id,
    clusterLocked: Number(r.cluster_locked) === 1,
  };
  if (machine) out.machine = machine;
  return out;
}

// Which machine incident of a new extraction is the same as one an analyst already touched: same
// type and the same evidence words, or the same extractor id.
function touchKeys(inc: Incident, docText: string): string[] {
  const keys = [`id:${inc.type}:${inc.id}`];
  const ev = indexText(evidenceText(inc, docText));
  if (ev) keys.push(`ev:${inc.type}:${ev}`);
  return keys;
}

const STATUS_ACTION: Record<IncidentStatus, ReviewEntry['action']> = {
  machine: 'reopen',
  edited: 'reopen',
  verified: 'verify',
  rejected: 'reject',
};

function mondayOf(day: string): string {
  const d = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return day.slice(0, 10);
  const back = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - back);
  return d.toISOString().slice(0, 10);
}

export abstract class SqlStore implements Store {
  abstract readonly kind: 'sqlite' | 'postgres';
  protected abstract readonly db: Db;
  /** statement that opens a write transaction */
  protected abstract readonly begin: string;
  /**
   * PostgreSQL runs writers side by side under READ COMMITTED, so a read that a write depends on
   * must lock its rows (SELECT … FOR UPDATE); SQLite's BEGIN IMMEDIATE already serialises writers.
   */
  protected abstract readonly rowLocks: boolean;
  /** the backend's error codes for a deadlock or a serialisation failure: the transaction is run again */
  protected abstract isRetryable(err: unknown): boolean;
  /**
   * the backend refused a value (PostgreSQL's classes 22 and 23, SQLite's CHECK, NOT NULL, TOOBIG):
   * the fault is in what was written, not in the database, so a batch goes on with the next input
   */
  protected abstract dataErrorCode(err: unknown): string | null;

  abstract migrate(): Promise<void>;
  abstract close(): Promise<void>;
  /** extra column values of an incident or document row for its indexed words (PostgreSQL: tsv) */
  protected abstract ftsColumns(words: string): { tsv?: RawBuilder<string> };
  /** after rows were written: index their words where the index lives apart (SQLite: FTS5 tables) */
  protected abstract indexWords(
    c: Db,
    table: 'incidents' | 'documents',
    rows: Array<{ id: DbId; words: string }>,
  ): Promise<void>;
  /** condition on incidents: its own indexed words match all terms */
  protected abstract incidentIdsMatching(terms: string[]): RawBuilder<unknown>;
  /** condition on incidents: its document's indexed words match all terms */
  protected abstract documentIdsMatching(terms: string[]): RawBuilder<unknown>;
  protected abstract isUniqueViolation(err: unknown): boolean;
  /** `id IN (list)` written so that the planner probes the list instead of driving by it */
  protected abstract probeIn(id: RawBuilder<unknown>, list: RawBuilder<unknown>): RawBuilder<SqlBool>;

  protected async tx<T>(fn: (c: Db) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await withTx(this.db, this.begin, fn);
      } catch (err) {
        const refused = this.isUniqueViolation(err) ? null : this.dataErrorCode(err);
        if (refused) throw new StoreError('store.invalid', `the database refused a value (${refused})`);
        if (attempt >= 4 || !this.isRetryable(err)) throw err;
        await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * (attempt + 1)));
      }
    }
  }

  /** the rows this select reads stay as read until the transaction ends (see rowLocks) */
  protected locked<Q extends { forUpdate(): Q }>(q: Q): Q {
    return this.rowLocks ? q.forUpdate() : q;
  }

  // ---------------------------------------------------------------- documents

  // Idempotence is per source: the same source key with the same canonical text is 'unchanged',
  // with other text a new version linked to the last. The same text under another source key is
  // stored as a document of its own (choice: who published it is provenance an analyst needs);
  // both share text_hash, and clustering counts such copies as one source, not as corroboration.
  async putDocument(input: DocumentInput): Promise<PutDocumentResult> {
    const doc = withoutNul(input);
    const { hash, textHash } = documentHash(doc.sourceKey, doc.text);
    // two writers racing on one new source: the loser's insert violates (source_key, version) and retries
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.tx((c) => this.putDocumentIn(c, doc, hash, textHash));
      } catch (err) {
        if (attempt < 3 && this.isUniqueViolation(err)) continue;
        throw err;
      }
    }
  }

  private async putDocumentIn(c: Db, doc: DocumentInput, hash: string, textHash: string): Promise<PutDocumentResult> {
    const latest = await c
      .selectFrom('documents')
      .select(['id', 'hash', 'version', 'extracted_at'])
      .where('source_key', '=', doc.sourceKey)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (latest && latest.hash === hash)
      return { id: String(latest.id), status: 'unchanged', extracted: latest.extracted_at !== null };
    const words = indexText(`${doc.title ?? ''}\n${doc.text}`);
    const row = await c
      .insertInto('documents')
      .values({
        source_key: doc.sourceKey,
        url: doc.url,
        title: doc.title,
        lang: doc.lang,
        published: doc.published,
        format: doc.format,
        text: doc.text,
        hash,
        text_hash: textHash,
        version: latest ? Number(latest.version) + 1 : 1,
        previous_id: latest ? latest.id : null,
        alternates: JSON.stringify(doc.alternates ?? []),
        fetched_at: doc.fetchedAt ?? null,
        created_at: now(),
        extracted_at: null,
        ...this.ftsColumns(words),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await this.indexWords(c, 'documents', [{ id: row.id, words }]);
    const urls = [...new Set((doc.alternates ?? []).map((a) => a.url).filter((u) => u && u !== doc.url))];
    if (urls.length)
      await c
        .insertInto('document_alternate_urls')
        .values(urls.map((url) => ({ url, document_id: row.id })))
        .execute();
    const linked = new Set<string>();
    if (latest) {
      // a new version keeps the other-language versions of the one it replaces
      const prev = await c.selectFrom('document_links').select('b').where('a', '=', latest.id).execute();
      for (const r of prev) linked.add(String(r.b));
    }
    if (urls.length) {
      const byUrl = await c.selectFrom('documents').select('id').where('url', 'in', urls).execute();
      for (const r of byUrl) linked.add(String(r.id));
    }
    if (doc.url) {
      const announcing = await c
        .selectFrom('document_alternate_urls')
        .select('document_id')
        .where('url', '=', doc.url)
        .execute();
      for (const r of announcing) linked.add(String(r.document_id));
    }
    linked.delete(String(row.id));
    if (linked.size) await this.linkIn(c, [String(row.id), ...linked]);
    return { id: String(row.id), status: latest ? 'updated' : 'new', extracted: false };
  }

  async getDocument(id: string): Promise<StoredDocument | null> {
    const n = dbId(id);
    if (n === null) return null;
    const r = await this.db.selectFrom('documents').selectAll().where('id', '=', n).executeTakeFirst();
    return r ? docFromRow(r) : null;
  }

  async listDocuments(page: Page): Promise<{ items: StoredDocument[]; total: number }> {
    const rows = await this.db
      .selectFrom('documents')
      .selectAll()
      .orderBy('id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
    return { items: rows.map(docFromRow), total: await this.countDocuments() };
  }

  async countDocuments(): Promise<number> {
    const r = await this.db
      .selectFrom('documents')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async documentsToExtract(limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('documents')
      .select('id')
      .where('extracted_at', 'is', null)
      .where(IS_CURRENT_VERSION)
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((r) => String(r.id));
  }

  async versionsOf(id: string): Promise<StoredDocument[]> {
    const doc = await this.getDocument(id);
    if (!doc) return [];
    const rows = await this.db
      .selectFrom('documents')
      .selectAll()
      .where('source_key', '=', doc.sourceKey)
      .orderBy('version', 'asc')
      .execute();
    return rows.map(docFromRow);
  }

  async alternatesOf(id: string): Promise<StoredDocument[]> {
    const n = dbId(id);
    if (n === null) return [];
    // only the current version of each linked document
    const rows = await this.db
      .selectFrom('document_links')
      .innerJoin('documents', 'documents.id', 'document_links.b')
      .selectAll('documents')
      .where('document_links.a', '=', n)
      .where(IS_CURRENT_VERSION)
      .orderBy('documents.id')
      .execute();
    return rows.map(docFromRow);
  }

  async linkAlternates(ids: string[]): Promise<void> {
    const valid = ids.filter((i) => dbId(i) !== null);
    if (valid.length < 2) return;
    await this.tx((c) => this.linkIn(c, valid));
  }

  // Alternates form a group: linking A–B when B–C exists links all three.
  private async linkIn(c: Db, ids: string[]): Promise<void> {
    const group = new Set(ids);
    const nums = ids.map((i) => Number(i));
    const known = await c.selectFrom('document_links').select('b').where('a', 'in', nums).execute();
    for (const r of known) group.add(String(r.b));
    const all = [...group].map(Number);
    const pairs: Array<{ a: number; b: number }> = [];
    for (const a of all) for (const b of all) if (a !== b) pairs.push({ a, b });
    for (let i = 0; i < pairs.length; i += 500)
      await c
        .insertInto('document_links')
        .values(pairs.slice(i, i + 500))
        .onConflict((oc) => oc.columns(['a', 'b']).doNothing())
        .execute();
  }

  // ---------------------------------------------------------------- incidents

  async saveExtraction(
    documentId: string,
    extraction: { incidents: Incident[] },
  ): Promise<{ saved: number; kept: number }> {
    const n = dbId(documentId);
    if (n === null) throw new StoreError('store.not-found', `no document ${documentId}`);
    return this.tx(async (c) => {
      // locking the document makes two saves of one document wait for each other
      const doc = await this.locked(
        c.selectFrom('documents').select(['id', 'text', 'previous_id']).where('id', '=', n),
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
          .select(['id', 'document_id', 'ext_id', 'status', 'data'])
          .where('document_id', 'in', chain)
          .orderBy('id'),
      ).execute();
      const touched = new Set<string>();
      let kept = 0;
      const machineHere = new Map<string, DbId>();
      const stale: DbId[] = [];
      for (const r of existing) {
        if (r.status !== 'machine') {
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
          await this.insertIncidents(c, [{ documentId: doc.id, incident: inc, status: 'machine', text: doc.text }]);
        }
        saved++;
      }
      stale.push(...machineHere.values());
      await this.deleteIncidents(c, stale);
      await c.updateTable('documents').set({ extracted_at: now() }).where('id', '=', doc.id).execute();
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
      // only machine incidents are ever deleted, whatever the caller read before
      await c.deleteFrom('incidents').where('id', 'in', part).where('status', '=', 'machine').execute();
      await this.dissolveSmallClusters(
        c,
        clusters.map((r) => r.cluster_id as DbId),
      );
    }
  }

  /** clusters left with fewer than two members are no clusters */
  private async dissolveSmallClusters(c: Db, ids: DbId[]): Promise<void> {
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
    items: Array<{ documentId: DbId; incident: Incident; status: IncidentStatus; text: string }>,
  ): Promise<DbId[]> {
    const t = now();
    const cols = items.map((it) => incidentColumns(it.incident, it.text));
    const ids: DbId[] = [];
    for (let i = 0; i < items.length; i += 400) {
      const part = items.slice(i, i + 400);
      const rows = await c
        .insertInto('incidents')
        .values(
          part.map((it, k) => {
            const col = cols[i + k];
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
      ids.push(...rows.map((r) => r.id));
    }
    await this.writeSideRows(
      c,
      ids,
      cols,
      items.map((it) => it.status),
      false,
    );
    return ids;
  }

  private async writeSideRows(
    c: Db,
    ids: DbId[],
    cols: IncidentColumns[],
    statuses: IncidentStatus[],
    replace: boolean,
  ): Promise<void> {
    if (replace) {
      await c.deleteFrom('incident_actors').where('incident_id', 'in', ids).execute();
      await c.deleteFrom('incident_places').where('incident_id', 'in', ids).execute();
    }
    const side = (k: number) => ({
      sort_key: cols[k].sort_key,
      incident_id: ids[k],
      type: cols[k].type,
      status: statuses[k],
      date_end: cols[k].date_end,
      lat: cols[k].lat,
      lon: cols[k].lon,
    });
    const actors = ids.flatMap((_, k) => cols[k].actorIds.map((actor_id) => ({ actor_id, ...side(k) })));
    const places = ids.flatMap((_, k) => cols[k].placeKeys.map((key) => ({ key, ...side(k) })));
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
      ids.map((id, k) => ({ id, words: cols[k].searchBody })),
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
    await this.writeSideRows(c, [id], [col], [set.status], true);
  }

  async bulkInsertIncidents(items: BulkIncident[]): Promise<number> {
    if (!items.length) return 0;
    return this.tx(async (c) => {
      const texts = new Map<string, string>();
      const rows: Array<{ documentId: DbId; incident: Incident; status: IncidentStatus; text: string }> = [];
      for (const it of items) {
        let text = texts.get(it.documentId);
        if (text === undefined) {
          const n = dbId(it.documentId);
          const d =
            n === null
              ? undefined
              : await c.selectFrom('documents').select('text').where('id', '=', n).executeTakeFirst();
          if (!d) throw new StoreError('store.not-found', `no document ${it.documentId}`);
          text = d.text;
          texts.set(it.documentId, text);
        }
        rows.push({ documentId: Number(it.documentId), incident: it.incident, status: it.status ?? 'machine', text });
      }
      return (await this.insertIncidents(c, rows)).length;
    });
  }

  async getIncident(id: string): Promise<StoredIncident | null> {
    const n = dbId(id);
    if (n === null) return null;
    const r = await this.db.selectFrom('incidents').selectAll().where('id', '=', n).executeTakeFirst();
    return r ? incidentFromRow(r) : null;
  }

  /**
   * Conditions of a filter over table `t`: the incidents themselves, or an actor/place side table
   * ("drv") that repeats the filter columns so that a filtered count never touches incident rows.
   */
  protected filterSql(t: 'incidents' | 'drv', f: IncidentFilter, probeText = false): RawBuilder<SqlBool> | null {
    const col = (c: string) => sql.ref(`${t}.${c}`);
    const id = t === 'incidents' ? sql.ref('incidents.id') : sql.ref('drv.incident_id');
    const none = sql<SqlBool>`1 = 0`;
    const c: RawBuilder<SqlBool>[] = [];
    if (f.type?.length) c.push(sql<SqlBool>`${col('type')} IN (${sql.join(f.type)})`);
    if (f.status?.length) c.push(sql<SqlBool>`${col('status')} IN (${sql.join(f.status)})`);
    for (const [column, value] of [
      ['document_id', f.documentId],
      ['cluster_id', f.clusterId],
    ] as const) {
      if (value === undefined) continue;
      const n = dbId(value);
      if (n === null) c.push(none);
      else if (t === 'incidents') c.push(sql<SqlBool>`${col(column)} = ${n}`);
      else c.push(sql<SqlBool>`${id} IN (SELECT id FROM incidents WHERE ${sql.ref(column)} = ${n})`);
    }
    if (f.actor) c.push(sql<SqlBool>`${id} IN (SELECT incident_id FROM incident_actors WHERE actor_id = ${f.actor})`);
    for (const [prefix, value] of [
      ['p:', f.place],
      ['a1:', f.admin1],
    ] as const) {
      if (!value) continue;
      const k = placeKey(value);
      c.push(k ? sql<SqlBool>`${id} IN (SELECT incident_id FROM incident_places WHERE key = ${prefix + k})` : none);
    }
    // date ranges overlap: [start, end] meets [from, to]; sort_key is date_start ('' when undated)
    if (f.to) c.push(sql<SqlBool>`${col('sort_key')} <= ${f.to} AND ${col('sort_key')} > ''`);
    if (f.from) c.push(sql<SqlBool>`${col('date_end')} >= ${f.from}`);
    if (f.bbox) {
      const [w, so, e, n] = f.bbox;
      c.push(sql<SqlBool>`${col('lat')} >= ${so} AND ${col('lat')} <= ${n}`);
      c.push(
        w <= e
          ? sql<SqlBool>`${col('lon')} >= ${w} AND ${col('lon')} <= ${e}`
          : sql<SqlBool>`(${col('lon')} >= ${w} OR ${col('lon')} <= ${e})`, // a box across the antimeridian
      );
    }
    if (f.q) {
      const terms = queryTerms(f.q);
      if (terms.length) {
        // one IN list (a UNION) rather than an OR of two: measured on 1,000,000 incidents, the OR
        // made SQLite read every incident row (3 s for a word in 17 % of them)
        // probeText: the matches are only probed while the order index is walked, which stops after
        // a page (a common word: 30 % of 100,000 incidents took 0.3 s when driven by the matches)
        const matches = this.textMatches(terms, 'UNION ALL');
        c.push(probeText ? this.probeIn(id, matches) : sql<SqlBool>`${id} IN (${matches})`);
      }
    }
    return c.length ? sql<SqlBool>`(${sql.join(c, sql` AND `)})` : null;
  }

  /**
   * The filtered rows and the columns that give list order. An actor or place filter drives the
   * query from its side table, read in order from one index range: measured on 1,000,000
   * incidents, a count by actor fell from 0.3–2 s (an IN list probing every incident) to one scan.
   */
  protected filtered(f: IncidentFilter, probeText = false): Filtered {
    const driver = f.actor
      ? { table: 'incident_actors', col: 'actor_id', value: f.actor, rest: { ...f, actor: undefined } }
      : f.place
        ? { table: 'incident_places', col: 'key', value: `p:${placeKey(f.place)}`, rest: { ...f, place: undefined } }
        : f.admin1
          ? {
              table: 'incident_places',
              col: 'key',
              value: `a1:${placeKey(f.admin1)}`,
              rest: { ...f, admin1: undefined },
            }
          : null;
    const fdb = this.db as unknown as Kysely<FilterDb>;
    if (!driver) {
      const cond = this.filterSql('incidents', f, probeText);
      const q = fdb.selectFrom('incidents');
      return {
        q: (cond ? q.where(cond) : q) as unknown as Filtered['q'],
        t: 'incidents',
        sort: 'incidents.sort_key',
        id: 'incidents.id',
      };
    }
    const cond = this.filterSql('drv', driver.rest);
    const q = fdb
      .selectFrom(`${driver.table} as drv` as 'drv')
      .where(sql<SqlBool>`${sql.ref(`drv.${driver.col}`)} = ${driver.value}`);
    return {
      q: (cond ? q.where(cond) : q) as unknown as Filtered['q'],
      t: 'drv',
      sort: 'drv.sort_key',
      id: 'drv.incident_id',
    };
  }

  async listIncidents(filter: IncidentFilter, page: Page): Promise<{ items: StoredIncident[]; total: number }> {
    const total = await this.countIncidents(filter);
    // many text matches: walk the list order and probe them; few: read just those
    const probeText = total > 1000;
    const rows = await this.orderedQuery(
      filter,
      null,
      Math.max(0, page.limit),
      Math.max(0, page.offset),
      probeText,
    ).execute();
    return { items: (rows as IncidentRow[]).map(incidentFromRow), total };
  }

  /** ids of incidents whose own words or whose document's words hold every term */
  private textMatches(terms: string[], union: 'UNION' | 'UNION ALL'): RawBuilder<unknown> {
    return sql`${this.incidentIdsMatching(terms)} ${sql.raw(union)} SELECT id FROM incidents WHERE document_id IN (${this.documentIdsMatching(terms)})`;
  }

  async countIncidents(filter: IncidentFilter): Promise<number> {
    const terms = filter.q ? queryTerms(filter.q) : [];
    const others = Object.entries(filter).filter(
      ([k, v]) => k !== 'q' && v !== undefined && !(Array.isArray(v) && v.length === 0),
    );
    if (terms.length && !others.length) {
      // text alone: count the matches themselves instead of looking each incident up
      const r = await sql<{
        n: number | string;
      }>`SELECT count(*) AS n FROM (${this.textMatches(terms, 'UNION')}) AS m`.execute(this.db);
      return Number(r.rows[0]?.n ?? 0);
    }
    const r = await this.filtered(filter)
      .q.select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /**
   * The incident rows of a filter in list order. The ids are chosen first from indexes alone and
   * only the page's rows are read (a deferred join): with a bounding box, SQLite otherwise sorted
   * 139,000 whole rows to return 50 (0.8 s on 1,000,000 incidents).
   */
  protected orderedQuery(
    filter: IncidentFilter,
    after: { sortKey: string; id: number } | null,
    limit?: number,
    offset?: number,
    probeText = false,
  ) {
    const { q: base, t, sort, id } = this.filtered(filter, probeText);
    let ids = base.select(sql.ref(id).as('pick'));
    if (after) {
      const s = sql.ref(sort);
      ids = ids.where(
        sql<SqlBool>`(${s} < ${after.sortKey} OR (${s} = ${after.sortKey} AND ${sql.ref(id)} > ${after.id}))`,
      );
    }
    ids = ids.orderBy(sql.ref(sort), 'desc').orderBy(sql.ref(id), 'asc');
    if (limit !== undefined) ids = ids.limit(limit);
    if (offset) ids = ids.offset(offset);
    if (limit === undefined) {
      // a whole stream: one ordered pass, without first collecting every id
      const joined = t === 'drv' ? base.innerJoin('incidents', 'incidents.id', 'drv.incident_id') : base;
      let all = joined.selectAll('incidents');
      if (after) {
        const s = sql.ref(sort);
        all = all.where(
          sql<SqlBool>`(${s} < ${after.sortKey} OR (${s} = ${after.sortKey} AND ${sql.ref(id)} > ${after.id}))`,
        );
      }
      return all.orderBy(sql.ref(sort), 'desc').orderBy(sql.ref(id), 'asc');
    }
    return (this.db as unknown as Kysely<FilterDb>)
      .selectFrom('incidents')
      .selectAll('incidents')
      .where(sql<SqlBool>`incidents.id IN (${ids})`)
      .orderBy('incidents.sort_key', 'desc')
      .orderBy('incidents.id', 'asc');
  }

  /** keyset pages in list order: constant memory, no connection held between pages */
  async *streamIncidents(filter: IncidentFilter): AsyncIterable<StoredIncident> {
    let after: { sortKey: string; id: number } | null = null;
    for (;;) {
      const rows: IncidentRow[] = await this.orderedQuery(filter, after, 500).execute();
      for (const r of rows) yield incidentFromRow(r);
      if (rows.length < 500) return;
      const last: IncidentRow = rows[rows.length - 1];
      after = { sortKey: last.sort_key, id: Number(last.id) };
    }
  }

  async timeline(filter: IncidentFilter): Promise<Array<{ week: string; type: IncidentType; n: number }>> {
    const { q, t } = this.filtered(filter);
    const day = sql.ref(`${t}.sort_key`);
    const type = sql.ref(`${t}.type`);
    const rows = await q
      .where(sql<SqlBool>`${day} > ''`)
      .select([sql<string>`${day}`.as('day'), sql<string>`${type}`.as('type'), sql<number>`count(*)`.as('n')])
      .groupBy([day, type])
      .execute();
    const weeks = new Map<string, number>();
    for (const r of rows) {
      const k = `${mondayOf(r.day)}|${r.type}`;
      weeks.set(k, (weeks.get(k) ?? 0) + Number(r.n));
    }
    return [...weeks]
      .map(([k, n]) => {
        const [week, type] = k.split('|');
        return { week, type: type as IncidentType, n };
      })
      .sort((a, b) => (a.week < b.week ? -1 : a.week > b.week ? 1 : a.type < b.type ? -1 : a.type > b.type ? 1 : 0));
  }

  async updateIncident(id: string, patch: Partial<Incident>, by: ReviewBy): Promise<StoredIncident> {
    const n = dbId(id);
    if (n === null) throw new StoreError('store.not-found', `no incident ${id}`);
    return this.mapped(this.tx(async (c) => {
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
    }));
  }

  async setStatus(id: string, status: IncidentStatus, by: ReviewBy): Promise<StoredIncident> {
    const n = dbId(id);
    if (n === null) throw new StoreError('store.not-found', `no incident ${id}`);
    return this.mapped(this.tx(async (c) => {
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
    }));
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

  private async addReviewIn(c: Db, entry: Omit<ReviewEntry, 'id' | 'at' | 'userName'>): Promise<void> {
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

  // ---------------------------------------------------------------- clusters

  async putCluster(
    incidentIds: string[],
    rules: string[],
    opts: { edges?: ClusterEdge[]; by?: ReviewBy } = {},
  ): Promise<Cluster> {
    const ids = [...new Set(incidentIds)].map((i) => dbId(i));
    if (ids.length < 2 || ids.some((i) => i === null))
      throw new StoreError('store.invalid', 'a cluster needs at least two existing incidents');
    const nums = ids as number[];
    const id = await this.tx(async (c) => {
      const rows = await c.selectFrom('incidents').select(['id', 'cluster_id']).where('id', 'in', nums).execute();
      if (rows.length !== nums.length)
        throw new StoreError('store.not-found', 'an incident of the cluster does not exist');
      const t = now();
      const cl = await c
        .insertInto('clusters')
        .values({ rules: JSON.stringify([...new Set(rules)].sort()), created_at: t, updated_at: t })
        .returning('id')
        .executeTakeFirstOrThrow();
      await c
        .updateTable('incidents')
        .set({ cluster_id: cl.id, ...(opts.by ? { cluster_locked: 1 } : {}) })
        .where('id', 'in', nums)
        .execute();
      const edges = (opts.edges ?? []).filter((e) => nums.includes(Number(e.a)) && nums.includes(Number(e.b)));
      if (edges.length)
        await c
          .insertInto('cluster_edges')
          .values(
            edges.map((e) => ({
              cluster_id: cl.id,
              a: Number(e.a),
              b: Number(e.b),
              rules: JSON.stringify(e.rules),
              score: e.score,
            })),
          )
          .onConflict((oc) => oc.columns(['cluster_id', 'a', 'b']).doNothing())
          .execute();
      await this.dissolveSmallClusters(
        c,
        rows.filter((r) => r.cluster_id !== null).map((r) => r.cluster_id as DbId),
      );
      if (opts.by)
        for (const r of rows)
          await this.addReviewIn(c, {
            incidentId: String(r.id),
            userId: opts.by.userId,
            action: 'merge',
            field: 'cluster_id',
            oldValue: r.cluster_id === null ? null : String(r.cluster_id),
            newValue: String(cl.id),
            note: opts.by.note ?? null,
          });
      return cl.id;
    });
    return (await this.getCluster(String(id))) as Cluster;
  }

  async getCluster(id: string): Promise<Cluster | null> {
    const n = dbId(id);
    if (n === null) return null;
    const cl = await this.db.selectFrom('clusters').selectAll().where('id', '=', n).executeTakeFirst();
    if (!cl) return null;
    const [members, edges] = await Promise.all([
      this.db.selectFrom('incidents').select('id').where('cluster_id', '=', n).orderBy('id').execute(),
      this.db.selectFrom('cluster_edges').selectAll().where('cluster_id', '=', n).orderBy('a').orderBy('b').execute(),
    ]);
    return {
      id: String(cl.id),
      incidentIds: members.map((m) => String(m.id)),
      rules: JSON.parse(cl.rules) as string[],
      createdAt: cl.created_at,
      edges: edges.map((e) => ({
        a: String(e.a),
        b: String(e.b),
        rules: JSON.parse(e.rules) as string[],
        score: Number(e.score),
      })),
    };
  }

  async listClusters(page: Page): Promise<{ items: Cluster[]; total: number }> {
    const [rows, total] = await Promise.all([
      this.db.selectFrom('clusters').select('id').orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute(),
      this.db
        .selectFrom('clusters')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    const items: Cluster[] = [];
    for (const r of rows) {
      const cl = await this.getCluster(String(r.id));
      if (cl) items.push(cl);
    }
    return { items, total: Number(total.n) };
  }

  async removeFromCluster(incidentId: string, by?: ReviewBy): Promise<void> {
    const n = dbId(incidentId);
    if (n === null) throw new StoreError('store.not-found', `no incident ${incidentId}`);
    await this.tx(async (c) => {
      const row = await c.selectFrom('incidents').select(['id', 'cluster_id']).where('id', '=', n).executeTakeFirst();
      if (!row) throw new StoreError('store.not-found', `no incident ${incidentId}`);
      // an analyst's split sticks: the next automatic run must not put it back
      await c
        .updateTable('incidents')
        .set({ cluster_id: null, ...(by ? { cluster_locked: 1 } : {}) })
        .where('id', '=', n)
        .execute();
      if (row.cluster_id === null) return;
      await c
        .deleteFrom('cluster_edges')
        .where('cluster_id', '=', row.cluster_id)
        .where((eb) => eb.or([eb('a', '=', n), eb('b', '=', n)]))
        .execute();
      await this.dissolveSmallClusters(c, [row.cluster_id]);
      if (by)
        await this.addReviewIn(c, {
          incidentId,
          userId: by.userId,
          action: 'split',
          field: 'cluster_id',
          oldValue: String(row.cluster_id),
          newValue: null,
          note: by.note ?? null,
        });
    });
  }

  async clearMachineClusters(): Promise<number> {
    return this.tx(async (c) => {
      // a cluster holding any analyst-locked member is the analyst's and stays
      const locked = c
        .selectFrom('incidents')
        .select('cluster_id')
        .where('cluster_locked', '=', 1)
        .where('cluster_id', 'is not', null);
      const gone = await c.selectFrom('clusters').select('id').where('id', 'not in', locked).execute();
      const ids = gone.map((g) => g.id);
      for (let i = 0; i < ids.length; i += 500) {
        const part = ids.slice(i, i + 500);
        await c.updateTable('incidents').set({ cluster_id: null }).where('cluster_id', 'in', part).execute();
        await c.deleteFrom('clusters').where('id', 'in', part).execute();
      }
      return ids.length;
    });
  }

  // ---------------------------------------------------------------- users and tokens

  async createUser(name: string, role: Role, passwordHash: string): Promise<User> {
    try {
      const r = await this.db
        .insertInto('users')
        .values({ name, role, password_hash: passwordHash, created_at: now() })
        .returningAll()
        .executeTakeFirstOrThrow();
      return userFromRow(r);
    } catch (err) {
      if (this.isUniqueViolation(err)) throw new StoreError('store.conflict', 'a user with this name exists');
      throw err;
    }
  }

  private async userWhere(col: 'id' | 'name', v: string | number): Promise<User | null> {
    const r = await this.db.selectFrom('users').selectAll().where(col, '=', v).executeTakeFirst();
    return r ? userFromRow(r) : null;
  }

  getUserByName(name: string): Promise<User | null> {
    return this.userWhere('name', name);
  }

  async getUser(id: string): Promise<User | null> {
    const n = dbId(id);
    return n === null ? null : this.userWhere('id', n);
  }

  async listUsers(): Promise<User[]> {
    const rows = await this.db.selectFrom('users').selectAll().orderBy('id').execute();
    return rows.map(userFromRow);
  }

  async updateUser(id: string, change: { role?: Role; passwordHash?: string; disabled?: boolean }): Promise<User> {
    const n = dbId(id);
    if (n === null) throw new StoreError('store.not-found', `no user ${id}`);
    return this.tx(async (c) => {
      const set: { role?: Role; password_hash?: string; disabled?: number } = {};
      if (change.role !== undefined) set.role = change.role;
      if (change.passwordHash !== undefined) set.password_hash = change.passwordHash;
      if (change.disabled !== undefined) set.disabled = change.disabled ? 1 : 0;
      const r = Object.keys(set).length
        ? await c.updateTable('users').set(set).where('id', '=', n).returningAll().executeTakeFirst()
        : await c.selectFrom('users').selectAll().where('id', '=', n).executeTakeFirst();
      if (!r) throw new StoreError('store.not-found', `no user ${id}`);
      // a new password or a disabled account signs the user out everywhere
      if (change.passwordHash !== undefined || change.disabled) await c.deleteFrom('sessions').where('user_id', '=', n).execute();
      return userFromRow(r);
    });
  }

  async createToken(userId: string, name: string, tokenHash: string): Promise<ApiToken> {
    const n = dbId(userId);
    if (n === null || !(await this.getUser(userId))) throw new StoreError('store.not-found', `no user ${userId}`);
    try {
      const r = await this.db
        .insertInto('api_tokens')
        .values({ user_id: n, name, token_hash: tokenHash, created_at: now(), last_used_at: null })
        .returningAll()
        .executeTakeFirstOrThrow();
      return {
        id: String(r.id),
        userId: String(r.user_id),
        name: r.name,
        tokenHash: r.token_hash,
        createdAt: r.created_at,
        lastUsedAt: null,
      };
    } catch (err) {
      if (this.isUniqueViolation(err)) throw new StoreError('store.conflict', 'this token exists');
      throw err;
    }
  }

  async findToken(tokenHash: string): Promise<ApiToken | null> {
    const r = await this.db.selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    if (!r) return null;
    const t = now();
    // at most one write a minute per token, so reads stay reads
    if (!r.last_used_at || Date.parse(t) - Date.parse(r.last_used_at) > 60_000)
      await this.db.updateTable('api_tokens').set({ last_used_at: t }).where('id', '=', r.id).execute();
    return {
      id: String(r.id),
      userId: String(r.user_id),
      name: r.name,
      tokenHash: r.token_hash,
      createdAt: r.created_at,
      lastUsedAt: r.last_used_at,
    };
  }

  async listTokens(userId?: string): Promise<ApiToken[]> {
    let q = this.db.selectFrom('api_tokens').selectAll().orderBy('id');
    if (userId !== undefined) {
      const n = dbId(userId);
      if (n === null) return [];
      q = q.where('user_id', '=', n);
    }
    return (await q.execute()).map((r) => ({
      id: String(r.id),
      userId: String(r.user_id),
      name: r.name,
      tokenHash: r.token_hash,
      createdAt: r.created_at,
      lastUsedAt: r.last_used_at,
    }));
  }

  async revokeToken(id: string): Promise<boolean> {
    const n = dbId(id);
    if (n === null) return false;
    const r = await this.db.deleteFrom('api_tokens').where('id', '=', n).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  // ---------------------------------------------------------------- sessions and audit

  async createSession(idHash: string, session: StoredSession): Promise<void> {
    const n = dbId(session.userId);
    if (n === null) throw new StoreError('store.not-found', `no user ${session.userId}`);
    await this.db
      .insertInto('sessions')
      .values({ id_hash: idHash, user_id: n, csrf: session.csrf, created_at: now(), expires_at: session.expiresAt })
      .execute();
  }

  async getSession(idHash: string): Promise<StoredSession | null> {
    const r = await this.db
      .selectFrom('sessions')
      .select(['user_id', 'csrf', 'expires_at'])
      .where('id_hash', '=', idHash)
      .where('expires_at', '>', now())
      .executeTakeFirst();
    return r ? { userId: String(r.user_id), csrf: r.csrf, expiresAt: r.expires_at } : null;
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
  }

  async deleteExpiredSessions(): Promise<number> {
    const r = await this.db.deleteFrom('sessions').where('expires_at', '<=', now()).executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  async addAudit(entry: Omit<AuditEntry, 'id' | 'at'>): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({ at: now(), user_id: dbId(entry.userId), action: entry.action, target: entry.target, detail: entry.detail })
      .execute();
  }

  async listAudit(page: Page): Promise<AuditEntry[]> {
    const rows = await this.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(page.limit).offset(page.offset).execute();
    return rows.map((r) => ({
      id: String(r.id),
      at: r.at,
      userId: r.user_id === null ? null : String(r.user_id),
      action: r.action as AuditEntry['action'],
      target: r.target,
      detail: r.detail,
    }));
  }

  // ---------------------------------------------------------------- ingest bookkeeping

  async getIngestState(key: string): Promise<string | null> {
    const r = await this.db.selectFrom('ingest_state').select('hash').where('key', '=', key).executeTakeFirst();
    return r ? r.hash : null;
  }

  async setIngestState(key: string, hash: string): Promise<void> {
    const t = now();
    await this.db
      .insertInto('ingest_state')
      .values({ key, hash, updated_at: t })
      .onConflict((oc) => oc.column('key').doUpdateSet({ hash, updated_at: t }))
      .execute();
  }

  // ---------------------------------------------------------------- gazetteer (gazetteer-tables.ts)

  gazetteerImportState(path: string): Promise<GazetteerImportState | null> {
    return gazetteer.gazetteerImportState(this.db, path);
  }

  putGazetteerRows(
    rows: { places?: GeonameRow[]; names?: AlternateNameRow[] },
    state: GazetteerImportState,
  ): Promise<GazetteerBatchCounts> {
    return this.tx((c) => gazetteer.putGazetteerRows(c, rows, state));
  }

  gazetteerPlaces(countries: string[]): Promise<GeonameRow[]> {
    return gazetteer.gazetteerPlaces(this.db, countries);
  }

  // ---------------------------------------------------------------- map (map-index.ts)

  private mapIndex: MapIndex | null = null;

  /** An analyst's edit moves its incident on the map at once; other writers' changes come with the next rebuild. */
  private async mapped(write: Promise<StoredIncident>): Promise<StoredIncident> {
    const inc = await write;
    this.mapIndex?.upsert(inc);
    return inc;
  }

  async mapClusters(filter: IncidentFilter, bbox: Bbox, cellDeg: number, cap: number): Promise<MapClusters> {
    if (!indexable(filter)) return clusterFromStore(this, filter, bbox, cellDeg, cap);
    const index = (this.mapIndex ??= new MapIndex(this));
    await index.ensure();
    return { ...index.cluster(filter, bbox, cellDeg), capped: false };
  }

  async warmMapIndex(): Promise<void> {
    await (this.mapIndex ??= new MapIndex(this)).ensure();
  }
}
