// The base of the SQL store: row helpers and what each backend (sqlite.ts, postgres.ts) supplies —
// how it opens a write transaction, locks rows, indexes and matches words. The store's aggregates
// build on it one file each: documents, incident queries, incident writes and reviews, clusters;
// sql-store.ts adds users, tokens, sessions, ingest bookkeeping, the gazetteer and the map.
import { createHash } from 'node:crypto';
import { sql, type Kysely, type RawBuilder, type Selectable, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { ExtractionIssue, Incident } from '../schema.ts';
import { normalizeString } from '../text/normalize.ts';
import type { Database, DbId, DocumentsTable, DriverTable, IncidentsTable, UsersTable } from './db-types.ts';
import { StoreError } from './errors.ts';
import { evidenceText } from './incident-columns.ts';
import { indexText } from './search-text.ts';
import { withTx } from './tx.ts';
import type { PageStart } from '../input/paged.ts';
import type {
  DocumentInput,
  IncidentStatus,
  ReviewEntry,
  Role,
  StoredDocument,
  StoredIncident,
  User,
} from './types.ts';

export type Db = Kysely<Database>;
export type FilterDb = Database & { drv: DriverTable };
export interface Filtered {
  q: SelectQueryBuilder<FilterDb, 'drv' | 'incidents', object>;
  /** the table the conditions read: incidents, or the side table driving the query */
  t: 'incidents' | 'drv';
  /** the columns that give list order: (sort DESC, id ASC) */
  sort: string;
  id: string;
}
export type IncidentRow = Selectable<IncidentsTable>;
export type DocumentRow = Selectable<DocumentsTable>;

export const now = () => new Date().toISOString();

/** A document that no newer version points back to is the current version of its source. */
export const IS_CURRENT_VERSION = sql<SqlBool>`NOT EXISTS (SELECT 1 FROM documents newer WHERE newer.previous_id = documents.id)`;

/** Store ids are decimal strings; anything else names no row. */
export function dbId(id: string | null | undefined): number | null {
  return id && /^[1-9]\d{0,14}$/.test(id) ? Number(id) : null;
}

/** The text a document's hash is taken over: normalised letters, whitespace runs folded. */
export function canonicalText(text: string): string {
  // only the runs that change are matched: a lone space or a lone line break stays as it is (one
  // match per space made a 10 MB text's hash cost hundreds of MB, issue 12)
  return normalizeString(text)
    .replace(/[ \t\f\v]{2,}|[\t\f\v]/g, ' ')
    .replace(/ \n\s*|\n\s+/g, '\n')
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
export function noNul(s: string): string;
export function noNul(s: string | null): string | null;
export function noNul(s: string | null): string | null {
  return s !== null && s.includes('\u0000') ? s.replaceAll('\u0000', '\uFFFD') : s;
}

export function withoutNul(doc: DocumentInput): DocumentInput {
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

export function userFromRow(r: Selectable<UsersTable>): User {
  return {
    id: String(r.id),
    name: r.name,
    role: r.role as Role,
    passwordHash: r.password_hash,
    createdAt: r.created_at,
    disabled: Number(r.disabled) === 1,
  };
}

export function parseJson<T>(s: string | null): T | null {
  return s === null ? null : (JSON.parse(s) as T);
}

export function docFromRow(r: DocumentRow): StoredDocument {
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
    pages: r.pages ? (JSON.parse(r.pages) as PageStart[]) : null,
    issues: r.issues ? (JSON.parse(r.issues) as ExtractionIssue[]) : [],
    restricted: Number(r.restricted) !== 0,
    restrictedBy: (r.restricted_by ?? null) as StoredDocument['restrictedBy'],
  };
}

/** bits of incidents.restricted */
export const RESTRICTED_SELF = 1;
export const RESTRICTED_DOCUMENT = 2;

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
  const bits = Number(r.restricted ?? 0);
  if (bits) out.restricted = { incident: (bits & RESTRICTED_SELF) !== 0, document: (bits & RESTRICTED_DOCUMENT) !== 0 };
  return out;
}

// Which machine incident of a new extraction is the same as one an analyst already touched: same
// type and the same evidence words, or the same extractor id.
export function touchKeys(inc: Incident, docText: string): string[] {
  const keys = [`id:${inc.type}:${inc.id}`];
  const ev = indexText(evidenceText(inc, docText));
  if (ev) keys.push(`ev:${inc.type}:${ev}`);
  return keys;
}

export const STATUS_ACTION: Record<IncidentStatus, ReviewEntry['action']> = {
  machine: 'reopen',
  edited: 'reopen',
  verified: 'verify',
  rejected: 'reject',
};

export function mondayOf(day: string): string {
  const d = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return day.slice(0, 10);
  const back = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - back);
  return d.toISOString().slice(0, 10);
}

export abstract class SqlBase {
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
}
