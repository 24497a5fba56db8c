// The one store interface. SQLite (better-sqlite3) and PostgreSQL (pg) implement it and pass one
// behaviour suite (src/store/store.behaviour.ts). Services (CLI, server, workers) only see this.
import type { Extraction, Incident, IncidentType } from '../schema.ts';

export type IncidentStatus = 'machine' | 'edited' | 'verified' | 'rejected';
export type Role = 'viewer' | 'editor' | 'admin';

export interface DocumentInput {
  /** stable external key: URL, file path or feed guid; versions of one source share it */
  sourceKey: string;
  url: string | null;
  title: string | null;
  lang: 'ar' | 'en';
  published: string | null;
  text: string;
  /** source format: txt, md, html, json, feed */
  format: string;
  alternates: Array<{ lang: string; url: string }>;
  fetchedAt?: string;
}

export interface StoredDocument extends DocumentInput {
  id: string;
  hash: string;
  version: number;
  previousId: string | null;
  createdAt: string;
}

export interface PutDocumentResult {
  id: string;
  status: 'new' | 'unchanged' | 'updated';
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
  action: 'edit' | 'verify' | 'reject' | 'merge' | 'split' | 'reopen' | 'cluster';
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
}

export interface ApiToken {
  id: string;
  userId: string;
  name: string;
  tokenHash: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface Cluster {
  id: string;
  incidentIds: string[];
  /** rule ids that joined the members, for explanation */
  rules: string[];
  createdAt: string;
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

  /** Replace the machine incidents of a document; incidents an analyst touched are kept as they are. */
  saveExtraction(documentId: string, extraction: Extraction): Promise<{ saved: number; kept: number }>;
  getIncident(id: string): Promise<StoredIncident | null>;
  listIncidents(filter: IncidentFilter, page: Page): Promise<{ items: StoredIncident[]; total: number }>;
  streamIncidents(filter: IncidentFilter): AsyncIterable<StoredIncident>;
  countIncidents(filter: IncidentFilter): Promise<number>;
  /** counts per ISO week (Monday) and type, for the timeline */
  timeline(filter: IncidentFilter): Promise<Array<{ week: string; type: IncidentType; n: number }>>;
  /** edits fields (validated by the caller), marks the incident edited and appends reviews */
  updateIncident(id: string, patch: Partial<Incident>, by: { userId: string | null; note?: string }): Promise<StoredIncident>;
  setStatus(id: string, status: IncidentStatus, by: { userId: string | null; note?: string }): Promise<StoredIncident>;
  reviews(incidentId: string): Promise<ReviewEntry[]>;
  /** append-only audit entry for actions that are not field edits (merge, split, cluster) */
  addReview(entry: Omit<ReviewEntry, 'id' | 'at' | 'userName'>): Promise<void>;

  putCluster(incidentIds: string[], rules: string[]): Promise<Cluster>;
  getCluster(id: string): Promise<Cluster | null>;
  removeFromCluster(incidentId: string): Promise<void>;

  createUser(name: string, role: Role, passwordHash: string): Promise<User>;
  getUserByName(name: string): Promise<User | null>;
  getUser(id: string): Promise<User | null>;
  listUsers(): Promise<User[]>;
  createToken(userId: string, name: string, tokenHash: string): Promise<ApiToken>;
  findToken(tokenHash: string): Promise<ApiToken | null>;

  /** ingest bookkeeping so an interrupted run resumes: key → content hash of what was stored */
  getIngestState(key: string): Promise<string | null>;
  setIngestState(key: string, hash: string): Promise<void>;
}
