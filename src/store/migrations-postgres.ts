// Numbered PostgreSQL migrations, the same tables as SQLite; full-text search is a tsvector column
// with a GIN index ('simple' config: the store already normalised the words).
import { INCIDENT_STATUSES } from '../taxonomy.ts';
import type { Migration } from './migrate.ts';

// the CHECK lists the schema's statuses; a status added there needs a migration that widens it
const STATUS = INCIDENT_STATUSES.map((s) => `'${s}'`).join(', ');

export const POSTGRES_MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'initial',
    statements: [
      `CREATE TABLE documents (
        id BIGSERIAL PRIMARY KEY,
        source_key TEXT NOT NULL,
        url TEXT,
        title TEXT,
        lang TEXT NOT NULL,
        published TEXT,
        format TEXT NOT NULL,
        text TEXT NOT NULL,
        hash TEXT NOT NULL,
        text_hash TEXT NOT NULL,
        version INTEGER NOT NULL,
        previous_id BIGINT REFERENCES documents(id),
        alternates TEXT NOT NULL DEFAULT '[]',
        fetched_at TEXT,
        created_at TEXT NOT NULL,
        tsv TSVECTOR,
        UNIQUE (source_key, version)
      )`,
      `CREATE INDEX documents_url ON documents(url) WHERE url IS NOT NULL`,
      `CREATE INDEX documents_text_hash ON documents(text_hash)`,
      `CREATE INDEX documents_previous ON documents(previous_id) WHERE previous_id IS NOT NULL`,
      `CREATE INDEX documents_tsv ON documents USING GIN (tsv)`,
      `CREATE TABLE document_links (
        a BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        b BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        PRIMARY KEY (a, b)
      )`,
      `CREATE TABLE document_alternate_urls (
        url TEXT NOT NULL,
        document_id BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        PRIMARY KEY (url, document_id)
      )`,
      `CREATE TABLE clusters (
        id BIGSERIAL PRIMARY KEY,
        rules TEXT NOT NULL DEFAULT '[]',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      )`,
      `CREATE TABLE incidents (
        id BIGSERIAL PRIMARY KEY,
        document_id BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        ext_id TEXT NOT NULL,
        type TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'machine' CHECK (status IN (${STATUS})),
        date_start TEXT COLLATE "C",
        date_end TEXT COLLATE "C",
        sort_key TEXT COLLATE "C" NOT NULL DEFAULT '',
        lat DOUBLE PRECISION,
        lon DOUBLE PRECISION,
        admin1 TEXT,
        cluster_id BIGINT REFERENCES clusters(id) ON DELETE SET NULL,
        cluster_locked INTEGER NOT NULL DEFAULT 0,
        data TEXT NOT NULL,
        machine TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        tsv TSVECTOR
      )`,
      `CREATE INDEX incidents_order ON incidents(sort_key DESC, id)`,
      `CREATE INDEX incidents_type ON incidents(type, sort_key DESC, id)`,
      `CREATE INDEX incidents_status ON incidents(status, sort_key DESC, id)`,
      `CREATE INDEX incidents_document ON incidents(document_id)`,
      `CREATE INDEX incidents_cluster ON incidents(cluster_id) WHERE cluster_id IS NOT NULL`,
      `CREATE INDEX incidents_end ON incidents(date_end)`,
      `CREATE INDEX incidents_lonlat ON incidents(lon, lat) WHERE lon IS NOT NULL`,
      `CREATE INDEX incidents_tsv ON incidents USING GIN (tsv)`,
      `CREATE TABLE incident_actors (
        actor_id TEXT NOT NULL,
        incident_id BIGINT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
        PRIMARY KEY (actor_id, incident_id)
      )`,
      `CREATE INDEX incident_actors_incident ON incident_actors(incident_id)`,
      `CREATE TABLE incident_places (
        key TEXT NOT NULL,
        incident_id BIGINT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
        PRIMARY KEY (key, incident_id)
      )`,
      `CREATE INDEX incident_places_incident ON incident_places(incident_id)`,
      `CREATE TABLE cluster_edges (
        cluster_id BIGINT NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
        a BIGINT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
        b BIGINT NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
        rules TEXT NOT NULL,
        score DOUBLE PRECISION NOT NULL,
        PRIMARY KEY (cluster_id, a, b)
      )`,
      `CREATE INDEX cluster_edges_a ON cluster_edges(a)`,
      `CREATE INDEX cluster_edges_b ON cluster_edges(b)`,
      `CREATE TABLE users (
        id BIGSERIAL PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
        password_hash TEXT NOT NULL,
        created_at TEXT NOT NULL
      )`,
      `CREATE TABLE reviews (
        id BIGSERIAL PRIMARY KEY,
        incident_id BIGINT NOT NULL,
        user_id BIGINT REFERENCES users(id),
        action TEXT NOT NULL,
        field TEXT,
        old_value TEXT,
        new_value TEXT,
        note TEXT,
        at TEXT NOT NULL
      )`,
      `CREATE INDEX reviews_incident ON reviews(incident_id, id)`,
      `CREATE FUNCTION rasid_reviews_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'reviews are append-only' USING ERRCODE = 'restrict_violation';
      END $$`,
      `CREATE TRIGGER reviews_no_change BEFORE UPDATE OR DELETE ON reviews
        FOR EACH ROW EXECUTE FUNCTION rasid_reviews_append_only()`,
      `CREATE TRIGGER reviews_no_truncate BEFORE TRUNCATE ON reviews
        FOR EACH STATEMENT EXECUTE FUNCTION rasid_reviews_append_only()`,
      `CREATE TABLE api_tokens (
        id BIGSERIAL PRIMARY KEY,
        user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        token_hash TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        last_used_at TEXT
      )`,
      `CREATE TABLE ingest_state (
        key TEXT PRIMARY KEY,
        hash TEXT NOT NULL,
        updated_at TEXT NOT NULL
      )`,
    ],
  },
  {
    version: 2,
    name: 'ordered-filter-indexes',
    // as SQLite's migration 2: side tables carry sort_key and drive filtered lists in order
    statements: [
      `DROP INDEX incidents_order`,
      `CREATE INDEX incidents_order ON incidents(sort_key DESC, id) INCLUDE (date_end, lat, lon)`,
      ...['actor_id', 'key'].flatMap((col) => {
        const t = col === 'key' ? 'incident_places' : 'incident_actors';
        return [
          `ALTER TABLE ${t} ADD COLUMN sort_key TEXT COLLATE "C" NOT NULL DEFAULT ''`,
          `UPDATE ${t} x SET sort_key = i.sort_key FROM incidents i WHERE i.id = x.incident_id`,
          `CREATE INDEX ${t}_ordered ON ${t}(${col}, sort_key DESC, incident_id)`,
        ];
      }),
    ],
  },
  {
    version: 3,
    name: 'extraction-state',
    statements: [
      `ALTER TABLE documents ADD COLUMN extracted_at TEXT`,
      `CREATE INDEX documents_unextracted ON documents(id) WHERE extracted_at IS NULL`,
    ],
  },
  {
    version: 4,
    name: 'side-tables-carry-filter-columns',
    statements: ['actor_id', 'key'].flatMap((col) => {
      const t = col === 'key' ? 'incident_places' : 'incident_actors';
      return [
        `ALTER TABLE ${t} ADD COLUMN type TEXT NOT NULL DEFAULT '', ADD COLUMN status TEXT NOT NULL DEFAULT 'machine',
          ADD COLUMN date_end TEXT COLLATE "C", ADD COLUMN lat DOUBLE PRECISION, ADD COLUMN lon DOUBLE PRECISION`,
        `UPDATE ${t} x SET type = i.type, status = i.status, date_end = i.date_end, lat = i.lat, lon = i.lon
          FROM incidents i WHERE i.id = x.incident_id`,
        `DROP INDEX ${t}_ordered`,
        `CREATE INDEX ${t}_ordered ON ${t}(${col}, sort_key DESC, incident_id) INCLUDE (type, status, date_end, lat, lon)`,
      ];
    }),
  },
  {
    version: 5,
    name: 'type-led-composite-indexes',
    // the same indexes as SQLite's migration 6: the review app filters by type first
    statements: [
      `CREATE INDEX incidents_type_status ON incidents(type, status, sort_key DESC, id)`,
      `CREATE INDEX incidents_type_end ON incidents(type, sort_key DESC, date_end)`,
      `CREATE INDEX incidents_type_lonlat ON incidents(type, lon, lat, sort_key) WHERE lon IS NOT NULL`,
      `ANALYZE incidents`,
    ],
  },
  {
    version: 6,
    name: 'side-tables-by-type',
    // as SQLite's migration 7: one actor's or place's rows of one type form one index range
    statements: [
      `CREATE INDEX incident_actors_type ON incident_actors(actor_id, type, status, sort_key DESC)`,
      `CREATE INDEX incident_places_type ON incident_places(key, type, status, sort_key DESC)`,
      `ANALYZE incident_actors, incident_places`,
    ],
  },
  {
    version: 7,
    name: 'gazetteer',
    // as SQLite's migration 8: imported GeoNames places in the store, seen by every worker
    statements: [
      `CREATE TABLE gazetteer_entries (
        geonames_id BIGINT PRIMARY KEY,
        name TEXT NOT NULL,
        ascii_name TEXT NOT NULL,
        alternate_names TEXT NOT NULL,
        lat DOUBLE PRECISION NOT NULL,
        lon DOUBLE PRECISION NOT NULL,
        feature_class TEXT NOT NULL,
        feature_code TEXT NOT NULL,
        country TEXT NOT NULL,
        admin1 TEXT NOT NULL,
        admin2 TEXT NOT NULL,
        admin3 TEXT NOT NULL,
        population BIGINT NOT NULL,
        modified TEXT NOT NULL
      )`,
      `CREATE INDEX gazetteer_entries_country ON gazetteer_entries(country)`,
      `CREATE TABLE gazetteer_names (
        alternate_name_id BIGINT PRIMARY KEY,
        geonames_id BIGINT NOT NULL,
        lang TEXT NOT NULL,
        name TEXT NOT NULL,
        preferred SMALLINT NOT NULL,
        short SMALLINT NOT NULL,
        colloquial SMALLINT NOT NULL,
        historic SMALLINT NOT NULL
      )`,
      `CREATE INDEX gazetteer_names_geonames ON gazetteer_names(geonames_id)`,
      `CREATE TABLE gazetteer_imports (
        path TEXT PRIMARY KEY,
        size BIGINT NOT NULL,
        mtime_ms DOUBLE PRECISION NOT NULL,
        kind TEXT NOT NULL,
        bytes_done BIGINT NOT NULL,
        finished SMALLINT NOT NULL
      )`,
    ],
  },
  {
    version: 8,
    name: 'access-management',
    // sessions in the store (hashed ids) so a restart, or a second server process, keeps analysts
    // signed in; accounts can be disabled; admins' changes to accounts and tokens are audited
    statements: [
      `ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0`,
      `CREATE TABLE sessions (
        id_hash TEXT PRIMARY KEY,
        user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        csrf TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      )`,
      `CREATE INDEX sessions_user ON sessions(user_id)`,
      `CREATE INDEX sessions_expiry ON sessions(expires_at)`,
      `CREATE TABLE audit_log (
        id BIGSERIAL PRIMARY KEY,
        at TEXT NOT NULL,
        user_id BIGINT,
        action TEXT NOT NULL,
        target TEXT NOT NULL,
        detail TEXT
      )`,
    ],
  },
  {
    version: 9,
    name: 'document-pages',
    // as SQLite's document-pages migration: the page map of PDFs and scans
    statements: [`ALTER TABLE documents ADD COLUMN pages TEXT`],
  },
  {
    version: 10,
    name: 'audit-append-only-document-issues',
    // as SQLite's migration of that name: UPDATE, DELETE and TRUNCATE of the audit log are refused;
    // documents carry the issues of their last extraction
    statements: [
      `CREATE FUNCTION rasid_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the audit log is append-only' USING ERRCODE = 'restrict_violation';
      END $$`,
      `CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION rasid_audit_append_only()`,
      `CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION rasid_audit_append_only()`,
      `ALTER TABLE documents ADD COLUMN issues TEXT`,
    ],
  },
  {
    version: 11,
    name: 'restricted',
    // as SQLite's restricted migration: documents and incidents seen by editors and admins only
    statements: [
      `ALTER TABLE documents ADD COLUMN restricted INTEGER NOT NULL DEFAULT 0`,
      `ALTER TABLE documents ADD COLUMN restricted_by TEXT`,
      `ALTER TABLE incidents ADD COLUMN restricted INTEGER NOT NULL DEFAULT 0`,
      `CREATE INDEX incidents_restricted ON incidents(id) WHERE restricted <> 0`,
      `CREATE INDEX documents_restricted ON documents(id) WHERE restricted <> 0`,
    ],
  },
];
