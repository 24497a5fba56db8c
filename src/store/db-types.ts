// Row shapes of the tables both backends share, for Kysely. SQLite returns ids as numbers and
// PostgreSQL (bigint) as strings; the store turns every id into a string at its edge.
import type { Generated } from 'kysely';

export type DbId = number | string;

export interface DocumentsTable {
  id: Generated<DbId>;
  source_key: string;
  url: string | null;
  title: string | null;
  lang: string;
  published: string | null;
  format: string;
  text: string;
  /** sha-256 of source key + canonical text: the idempotence key */
  hash: string;
  /** sha-256 of the canonical text alone: copies of one text under several sources share it */
  text_hash: string;
  version: number;
  previous_id: DbId | null;
  alternates: string;
  fetched_at: string | null;
  created_at: string;
  /** when saveExtraction last ran for this version; null: still to extract */
  extracted_at: string | null;
  /** JSON page map of paged sources (PDF, scans); null for others */
  pages?: string | null;
  /** JSON array of the issues of its last extraction (a cut, a spent budget); null: none */
  issues?: string | null;
  /** 1: the source is seen by editors and admins only (kept equal on every version of a source) */
  restricted: Generated<number>;
  /** who set the flag last: 'ingest' (a rule) or 'editor'; null: never set */
  restricted_by: string | null;
  /** PostgreSQL only: the indexed words */
  tsv?: string | null;
}

export interface DocumentLinksTable {
  a: DbId;
  b: DbId;
}

export interface DocumentAlternateUrlsTable {
  url: string;
  document_id: DbId;
}

export interface IncidentsTable {
  id: Generated<DbId>;
  document_id: DbId;
  /** the extractor's own incident id, so re-extraction of one version updates in place */
  ext_id: string;
  type: string;
  status: string;
  date_start: string | null;
  date_end: string | null;
  /** date_start or '' so that both backends order undated incidents last the same way */
  sort_key: string;
  lat: number | null;
  lon: number | null;
  admin1: string | null;
  cluster_id: DbId | null;
  /** 1 once an analyst merged or split it by hand: automatic clustering leaves it alone */
  cluster_locked: Generated<number>;
  /** bits: 1 an editor restricted the incident itself, 2 its document is restricted; 0 not restricted */
  restricted: Generated<number>;
  data: string;
  machine: string | null;
  created_at: string;
  updated_at: string;
  /** PostgreSQL only: the indexed words */
  tsv?: string | null;
}

/** the incident's filter columns, repeated in each side row so that a side table can drive a query */
interface SideColumns {
  sort_key: string;
  incident_id: DbId;
  type: string;
  status: string;
  date_end: string | null;
  lat: number | null;
  lon: number | null;
}

export interface IncidentActorsTable extends SideColumns {
  actor_id: string;
}

export interface IncidentPlacesTable extends SideColumns {
  key: string;
}

/** an actor or place side table as the driving table of a filtered list */
export interface DriverTable extends SideColumns {
  actor_id: string;
  key: string;
}

export interface ClustersTable {
  id: Generated<DbId>;
  rules: string;
  created_at: string;
  updated_at: string;
}

export interface ClusterEdgesTable {
  cluster_id: DbId;
  a: DbId;
  b: DbId;
  rules: string;
  score: number;
}

export interface ReviewsTable {
  id: Generated<DbId>;
  incident_id: DbId;
  user_id: DbId | null;
  action: string;
  field: string | null;
  old_value: string | null;
  new_value: string | null;
  note: string | null;
  at: string;
}

export interface UsersTable {
  id: Generated<DbId>;
  name: string;
  role: string;
  password_hash: string;
  created_at: string;
  disabled: Generated<number>;
}

export interface SessionsTable {
  id_hash: string;
  user_id: DbId;
  csrf: string;
  created_at: string;
  expires_at: string;
}

export interface AuditLogTable {
  id: Generated<DbId>;
  at: string;
  user_id: DbId | null;
  action: string;
  target: string;
  detail: string | null;
}

export interface ApiTokensTable {
  id: Generated<DbId>;
  user_id: DbId;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
}

export interface IngestStateTable {
  key: string;
  hash: string;
  updated_at: string;
}

export interface GazetteerEntriesTable {
  geonames_id: DbId;
  name: string;
  ascii_name: string;
  /** the dump's own comma-separated alternate names */
  alternate_names: string;
  lat: number;
  lon: number;
  feature_class: string;
  feature_code: string;
  country: string;
  admin1: string;
  admin2: string;
  admin3: string;
  population: DbId;
  modified: string;
}

export interface GazetteerNamesTable {
  alternate_name_id: DbId;
  geonames_id: DbId;
  lang: string;
  name: string;
  preferred: number;
  short: number;
  colloquial: number;
  historic: number;
}

export interface GazetteerImportsTable {
  path: string;
  size: DbId;
  mtime_ms: number;
  kind: string;
  bytes_done: DbId;
  finished: number;
}

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  applied_at: string;
}

export interface Database {
  documents: DocumentsTable;
  document_links: DocumentLinksTable;
  document_alternate_urls: DocumentAlternateUrlsTable;
  incidents: IncidentsTable;
  incident_actors: IncidentActorsTable;
  incident_places: IncidentPlacesTable;
  clusters: ClustersTable;
  cluster_edges: ClusterEdgesTable;
  reviews: ReviewsTable;
  users: UsersTable;
  api_tokens: ApiTokensTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  ingest_state: IngestStateTable;
  gazetteer_entries: GazetteerEntriesTable;
  gazetteer_names: GazetteerNamesTable;
  gazetteer_imports: GazetteerImportsTable;
  schema_migrations: SchemaMigrationsTable;
}
