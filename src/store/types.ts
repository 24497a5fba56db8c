// The one store interface. SQLite (better-sqlite3) and PostgreSQL (pg) implement it and pass one
// behaviour suite (src/store/store.behaviour.ts). Services (CLI, server, workers) only see this.
import type { AlternateNameRow, GeonameRow } from '../geo/geonames-dump.ts';
import type { Bbox, MapClusters } from './map-index.ts';
import type { Extraction, ExtractionIssue, Incident, IncidentStatus, IncidentType } from '../schema.ts';
import type { PageStart } from '../input/paged.ts';

export type { IncidentStatus };
export type Role = 'viewer' | 'editor' | 'admin';

export interface DocumentInput {
  /** stable external key: URL, file path or feed guid; versions of one source share it */
  sourceKey: string;
  url: string | null;
  title: string | null;
  lang: 'ar' | 'en';
  published: string | null;
  text: string;
  /** source format: txt, md, html, json, feed, pdf, image, docx, odt, telegram */
  format: string;
  alternates: Array<{ lang: string; url: string }>;
  fetchedAt?: string;
  /** paged sources (PDF, scans): where each page starts in `text` */
  pages?: PageStart[] | null;
  /**
   * an ingest rule asks for this source to be restricted (editors and admins only). A rule only ever
   * restricts: it never lifts a restriction, nor overrides an editor's choice (see setDocumentRestricted).
   */
  restricted?: boolean;
}

export interface StoredDocument extends DocumentInput {
  id: string;
  hash: string;
  /** hash of the normalised text alone: copies of one text under other source keys share it */
  textHash?: string;
  version: number;
  previousId: string | null;
  createdAt: string;
  /** when its extraction was saved; null while it still needs one */
  extractedAt?: string | null;
  /**
   * What a reviewer should know about its extraction: the issues of the last one saved (incidents
   * cut by --max-incidents, a stage that failed) or why the last attempt failed (a spent time budget)
   */
  issues?: ExtractionIssue[];
  /** the source (every version of it) is seen by editors and admins only */
  restricted?: boolean;
  /** who last set or lifted the flag: an ingest rule, or an editor (whose choice later ingests keep) */
  restrictedBy?: 'ingest' | 'editor' | null;
}

export interface PutDocumentResult {
  id: string;
  status: 'new' | 'unchanged' | 'updated';
  /** an extraction of this version is saved (false after a crash between put and save: extract again) */
  extracted?: boolean;
}

export interface StoredIncident extends Incident {
  /** store id (stable across re-extraction of the same document version) */
  id: string;
  documentId: string;
  status: IncidentStatus;
  clusterId: string | null;
  updatedAt: string;
  /** the incident as the machine produced it, kept when an analyst edits */
  machine?: Incident;
  /** the extractor's own id of this incident within its document */
  extId?: string;
  /** an analyst merged or split it by hand; automatic clustering leaves it alone */
  clusterLocked?: boolean;
  /**
   * present only when the incident is restricted (editors and admins only): by its own flag, set
   * by an editor, or by its document's. Either one restricts it.
   */
  restricted?: { incident: boolean; document: boolean };
}

/** the incident is restricted, by its own flag or its document's */
export function isRestricted(x: { restricted?: unknown }): boolean {
  return Boolean(x.restricted);
}

export interface IncidentFilter {
  type?: IncidentType[];
  actor?: string;
  place?: string;
  admin1?: string;
  from?: string;
  to?: string;
  status?: IncidentStatus[];
  q?: string;
  bbox?: [number, number, number, number]; // west, south, east, north
  documentId?: string;
  clusterId?: string;
  /** restricted incidents (their own flag or their document's): left out, or the only ones; absent: all */
  restricted?: 'exclude' | 'only';
}

export interface Page {
  limit: number;
  offset: number;
}

export interface ReviewEntry {
  id: string;
  incidentId: string;
  userId: string | null;
  userName: string | null;
  action: 'edit' | 'verify' | 'reject' | 'merge' | 'split' | 'reopen' | 'cluster' | 'restrict' | 'unrestrict';
  field: string | null;
  oldValue: unknown;
  newValue: unknown;
  note: string | null;
  at: string;
}

export interface User {
  id: string;
  name: string;
  role: Role;
  passwordHash: string;
  createdAt: string;
  /** a disabled account cannot sign in, and its sessions and tokens are refused */
  disabled?: boolean;
}

export interface StoredSession {
  userId: string;
  csrf: string;
  /** ISO time */
  expiresAt: string;
}

/** An admin's change to an account or token, kept append-only. */
export interface AuditEntry {
  id: string;
  at: string;
  /** who did it; null for the CLI on the server machine */
  userId: string | null;
  action:
    | 'user.add'
    | 'user.password'
    | 'user.role'
    | 'user.disable'
    | 'user.enable'
    | 'token.add'
    | 'token.revoke'
    | 'document.restrict'
    | 'document.unrestrict';
  /** the account or token acted on, by name or id */
  target: string;
  detail: string | null;
}

export interface ApiToken {
  id: string;
  userId: string;
  name: string;
  tokenHash: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface ClusterEdge {
  a: string;
  b: string;
  /** rule ids that joined this pair */
  rules: string[];
  score: number;
}

export interface Cluster {
  id: string;
  incidentIds: string[];
  /** rule ids that joined the members, for explanation */
  rules: string[];
  createdAt: string;
  /** the pairs that joined the members and the rules of each pair */
  edges?: ClusterEdge[];
}

export interface ReviewBy {
  userId: string | null;
  note?: string;
}

export interface BulkIncident {
  documentId: string;
  incident: Incident;
  status?: IncidentStatus;
}

/** How far the import of one GeoNames dump file got, so that an interrupted import resumes. */
export interface GazetteerImportState {
  /** the file's absolute path on the importing machine */
  path: string;
  size: number;
  mtimeMs: number;
  kind: 'geoname' | 'alternate';
  bytesDone: number;
  finished: boolean;
}

export interface GazetteerBatchCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  /** alternate names of places not imported */
  skipped: number;
}

export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  migrate(): Promise<void>;
  close(): Promise<void>;

  putDocument(doc: DocumentInput): Promise<PutDocumentResult>;
  getDocument(id: string): Promise<StoredDocument | null>;
  listDocuments(page: Page): Promise<{ items: StoredDocument[]; total: number }>;
  /** documents linked as other-language versions of this one */
  alternatesOf(id: string): Promise<StoredDocument[]>;
  linkAlternates(ids: string[]): Promise<void>;
  countDocuments(): Promise<number>;
  /** current versions that have no saved extraction yet, oldest first (resume after a crash) */
  documentsToExtract(limit: number): Promise<string[]>;
  /** every version of this document's source, oldest first */
  versionsOf(id: string): Promise<StoredDocument[]>;
  /**
   * Restricts a document's source (every version, and so every incident of them) or lifts that.
   * `via: 'editor'` is an editor's or admin's choice, audited, and kept by later ingests;
   * `via: 'ingest'` (a rule) only restricts, and changes nothing an editor chose. `changed` is
   * false when the flag already stood so.
   */
  setDocumentRestricted(
    id: string,
    restricted: boolean,
    by: { userId: string | null; note?: string; via: 'editor' | 'ingest' },
  ): Promise<{ document: StoredDocument; changed: boolean }>;

  /** Replace the machine incidents of a document; incidents an analyst touched are kept as they are. */
  /** Replaces the document's issues too, with the extraction's own (none when it has none). */
  saveExtraction(
    documentId: string,
    extraction: Pick<Extraction, 'incidents' | 'issues'>,
  ): Promise<{ saved: number; kept: number }>;
  /** An extraction that could not be saved (its budget was spent): why, for reviewers; incidents stay as they were. */
  setDocumentIssues(documentId: string, issues: ExtractionIssue[]): Promise<void>;
  getIncident(id: string): Promise<StoredIncident | null>;
  listIncidents(filter: IncidentFilter, page: Page): Promise<{ items: StoredIncident[]; total: number }>;
  streamIncidents(filter: IncidentFilter): AsyncIterable<StoredIncident>;
  countIncidents(filter: IncidentFilter): Promise<number>;
  /** counts per ISO week (Monday) and type, for the timeline */
  timeline(filter: IncidentFilter): Promise<Array<{ week: string; type: IncidentType; n: number }>>;
  /** edits fields (validated by the caller), marks the incident edited and appends reviews */
  updateIncident(
    id: string,
    patch: Partial<Incident>,
    by: { userId: string | null; note?: string },
  ): Promise<StoredIncident>;
  setStatus(id: string, status: IncidentStatus, by: { userId: string | null; note?: string }): Promise<StoredIncident>;
  /**
   * An editor restricts an incident or lifts its own restriction (its document's stays): audited
   * as a review. A restricted incident is kept as it is when its document is extracted again.
   */
  setIncidentRestricted(id: string, restricted: boolean, by: ReviewBy): Promise<StoredIncident>;
  reviews(incidentId: string): Promise<ReviewEntry[]>;
  /** append-only audit entry for actions that are not field edits (merge, split, cluster) */
  addReview(entry: Omit<ReviewEntry, 'id' | 'at' | 'userName'>): Promise<void>;

  /**
   * A new cluster of these incidents (taken out of any cluster they were in). With `by` it is an
   * analyst's merge: audited and locked against automatic re-clustering.
   */
  putCluster(incidentIds: string[], rules: string[], opts?: { edges?: ClusterEdge[]; by?: ReviewBy }): Promise<Cluster>;
  getCluster(id: string): Promise<Cluster | null>;
  listClusters(page: Page): Promise<{ items: Cluster[]; total: number }>;
  /** takes an incident out of its cluster (audited when `by` is given, as an analyst's split) */
  removeFromCluster(incidentId: string, by?: ReviewBy): Promise<void>;
  /** clears machine-made clusters (not analyst merges), before a fresh clustering run */
  clearMachineClusters(): Promise<number>;

  createUser(name: string, role: Role, passwordHash: string): Promise<User>;
  getUserByName(name: string): Promise<User | null>;
  getUser(id: string): Promise<User | null>;
  listUsers(): Promise<User[]>;
  /** changes role, password hash or disabled flag; a new password or disabling ends the user's sessions */
  updateUser(id: string, change: { role?: Role; passwordHash?: string; disabled?: boolean }): Promise<User>;
  createToken(userId: string, name: string, tokenHash: string): Promise<ApiToken>;
  findToken(tokenHash: string): Promise<ApiToken | null>;
  /** tokens of one user, or of everyone (without their hashes' use to anyone: they are hashes) */
  listTokens(userId?: string): Promise<ApiToken[]>;
  /** false when there was no such token */
  revokeToken(id: string): Promise<boolean>;

  /** browser sessions by the hash of their id; expired ones are never returned */
  createSession(idHash: string, session: StoredSession): Promise<void>;
  getSession(idHash: string): Promise<StoredSession | null>;
  deleteSession(idHash: string): Promise<void>;
  /** removes sessions past their expiry; returns how many */
  deleteExpiredSessions(): Promise<number>;

  addAudit(entry: Omit<AuditEntry, 'id' | 'at'>): Promise<void>;
  listAudit(page: Page): Promise<AuditEntry[]>;

  /** ingest bookkeeping so an interrupted run resumes: key → content hash of what was stored */
  getIngestState(key: string): Promise<string | null>;
  setIngestState(key: string, hash: string): Promise<void>;

  /** GeoNames imports (`rasid gazetteer import`): where the import of a file stands */
  gazetteerImportState(path: string): Promise<GazetteerImportState | null>;
  /**
   * One batch of dump rows and the file's new import state, in one transaction. Rows are compared
   * by content (a second import of the same dump changes nothing); an alternate name of a place
   * that is not imported is skipped.
   */
  putGazetteerRows(
    rows: { places?: GeonameRow[]; names?: AlternateNameRow[] },
    state: GazetteerImportState,
  ): Promise<GazetteerBatchCounts>;
  /** imported places of these countries (ISO2), each with its own and its non-historic alternate names */
  gazetteerPlaces(countries: string[]): Promise<GeonameRow[]>;

  /**
   * The map: incidents matching the filter inside bbox, summed per grid cell of cellDeg degrees.
   * Position, type, status and dates are answered from an in-memory index of every incident (built
   * on first use); other filters from at most `cap` incidents of a store query.
   */
  mapClusters(filter: IncidentFilter, bbox: Bbox, cellDeg: number, cap: number): Promise<MapClusters>;
  /** builds the map's index now rather than on the first map request */
  warmMapIndex(): Promise<void>;

  /** fast path for benchmarks and tests: incidents inserted in batches, full-text indexed */
  bulkInsertIncidents(items: BulkIncident[]): Promise<number>;
}
