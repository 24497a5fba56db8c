// Numbered SQLite migrations. Applied in order on open; never edit one that has shipped — add the next.
import { INCIDENT_STATUSES } from '../taxonomy.ts';
import type { Migration } from './migrate.ts';

// the CHECK lists the schema's statuses; a status added there needs a migration that widens it
const STATUS = INCIDENT_STATUSES.map((s) => `'${s}'`).join(', ');
// contentless FTS5 tables: the store writes the normalised words, SQLite keeps only the index
const FTS = `content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0'`;

export const SQLITE_MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'initial',
    statements: [
      `CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
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
        previous_id INTEGER REFERENCES documents(id),
        alternates TEXT NOT NULL DEFAULT '[]',
        fetched_at TEXT,
        created_at TEXT NOT NULL,
        UNIQUE (source_key, version)
      )`,
      `CREATE INDEX documents_url ON documents(url) WHERE url IS NOT NULL`,
      `CREATE INDEX documents_text_hash ON documents(text_hash)`,
      `CREATE INDEX documents_previous ON documents(previous_id) WHERE previous_id IS NOT NULL`,
      `CREATE TABLE document_links (
        a INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        b INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        PRIMARY KEY (a, b)
      ) WITHOUT ROWID`,
      // the other-language URLs a document announces, so a later document with that URL links to it
      `CREATE TABLE document_alternate_urls (
        url TEXT NOT NULL,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        PRIMARY KEY (url, document_id)
      ) WITHOUT ROWID`,
      `CREATE VIRTUAL TABLE documents_fts USING fts5(body, ${FTS})`,
      `CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
        DELETE FROM documents_fts WHERE rowid = old.id;
      END`,
      `CREATE TABLE clusters (
        id INTEGER PRIMARY KEY,
        rules TEXT NOT NULL DEFAULT '[]',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      )`,
      `CREATE TABLE incidents (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        ext_id TEXT NOT NULL,
        type TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'machine' CHECK (status IN (${STATUS})),
        date_start TEXT,
        date_end TEXT,
        sort_key TEXT NOT NULL DEFAULT '',
        lat REAL,
        lon REAL,
        admin1 TEXT,
        cluster_id INTEGER REFERENCES clusters(id) ON DELETE SET NULL,
        cluster_locked INTEGER NOT NULL DEFAULT 0,
        data TEXT NOT NULL,
        machine TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      )`,
      // list order is (sort_key DESC, id); each common filter gets an index that also yields that order
      `CREATE INDEX incidents_order ON incidents(sort_key DESC, id)`,
      `CREATE INDEX incidents_type ON incidents(type, sort_key DESC, id)`,
      `CREATE INDEX incidents_status ON incidents(status, sort_key DESC, id)`,
      `CREATE INDEX incidents_document ON incidents(document_id)`,
      `CREATE INDEX incidents_cluster ON incidents(cluster_id) WHERE cluster_id IS NOT NULL`,
      `CREATE INDEX incidents_end ON incidents(date_end)`,
      `CREATE INDEX incidents_lonlat ON incidents(lon, lat) WHERE lon IS NOT NULL`,
      `CREATE TABLE incident_actors (
        actor_id TEXT NOT NULL,
        incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
        PRIMARY KEY (actor_id, incident_id)
      ) WITHOUT ROWID`,
      `CREATE INDEX incident_actors_incident ON incident_actors(incident_id)`,
      `CREATE TABLE incident_places (
        key TEXT NOT NULL,
        incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
        PRIMARY KEY (key, incident_id)
      ) WITHOUT ROWID`,
      `CREATE INDEX incident_places_incident ON incident_places(incident_id)`,
      `CREATE VIRTUAL TABLE incidents_fts USING fts5(body, ${FTS})`,
      `CREATE TRIGGER incidents_fts_delete AFTER DELETE ON incidents BEGIN
        DELETE FROM incidents_fts WHERE rowid = old.id;
      END`,
      `CREATE TABLE cluster_edges (
        cluster_id INTEGER NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
        a INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
        b INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
        rules TEXT NOT NULL,
        score REAL NOT NULL,
        PRIMARY KEY (cluster_id, a, b)
      )`,
      `CREATE INDEX cluster_edges_a ON cluster_edges(a)`,
      `CREATE INDEX cluster_edges_b ON cluster_edges(b)`,
      `CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
        password_hash TEXT NOT NULL,
        created_at TEXT NOT NULL
      )`,
      // reviews outlive the incidents they describe (machine incidents are replaced on re-extraction)
      `CREATE TABLE reviews (
        id INTEGER PRIMARY KEY,
        incident_id INTEGER NOT NULL,
        user_id INTEGER REFERENCES users(id),
        action TEXT NOT NULL,
        field TEXT,
        old_value TEXT,
        new_value TEXT,
        note TEXT,
        at TEXT NOT NULL
      )`,
      `CREATE INDEX reviews_incident ON reviews(incident_id, id)`,
      `CREATE TRIGGER reviews_no_update BEFORE UPDATE ON reviews BEGIN
        SELECT RAISE(ABORT, 'reviews are append-only');
      END`,
      `CREATE TRIGGER reviews_no_delete BEFORE DELETE ON reviews BEGIN
        SELECT RAISE(ABORT, 'reviews are append-only');
      END`,
      `CREATE TABLE api_tokens (
        id INTEGER PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
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
    // Measured on 1,000,000 incidents: counting by actor or place through an IN list took 0.3–1.8 s,
    // and a date range needed a table lookup per row. The side tables now carry sort_key so that
    // they drive the list in order, and the order index covers the date and bbox columns.
    statements: [
      `DROP INDEX incidents_order`,
      `CREATE INDEX incidents_order ON incidents(sort_key DESC, id, date_end, lat, lon)`,
      ...['actor_id', 'key'].flatMap((col) => {
        const t = col === 'key' ? 'incident_places' : 'incident_actors';
        return [
          `CREATE TABLE ${t}_v2 (
            ${col} TEXT NOT NULL,
            sort_key TEXT NOT NULL,
            incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
            PRIMARY KEY (${col}, sort_key DESC, incident_id)
          ) WITHOUT ROWID`,
          `INSERT INTO ${t}_v2 (${col}, sort_key, incident_id)
            SELECT x.${col}, i.sort_key, x.incident_id FROM ${t} x JOIN incidents i ON i.id = x.incident_id`,
          `DROP TABLE ${t}`,
          `ALTER TABLE ${t}_v2 RENAME TO ${t}`,
          `CREATE INDEX ${t}_incident ON ${t}(incident_id)`,
        ];
      }),
    ],
  },
  {
    version: 3,
    name: 'extraction-state',
    // putDocument and saveExtraction are two transactions: a crash between them must leave a
    // document that the next run knows still needs its extraction
    statements: [
      `ALTER TABLE documents ADD COLUMN extracted_at TEXT`,
      `CREATE INDEX documents_unextracted ON documents(id) WHERE extracted_at IS NULL`,
    ],
  },
  {
    version: 4,
    name: 'side-tables-carry-filter-columns',
    // Measured on 1,000,000 incidents: counting one actor's 127,000 incidents still looked up every
    // incident row (0.5–2 s). The side rows now repeat the filter columns, so such a count, alone
    // or with type, status, dates or a box, reads one index range and no incident row.
    statements: ['actor_id', 'key'].flatMap((col) => {
      const t = col === 'key' ? 'incident_places' : 'incident_actors';
      return [
        `CREATE TABLE ${t}_v3 (
          ${col} TEXT NOT NULL,
          sort_key TEXT NOT NULL,
          incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
          type TEXT NOT NULL,
          status TEXT NOT NULL,
          date_end TEXT,
          lat REAL,
          lon REAL,
          PRIMARY KEY (${col}, sort_key DESC, incident_id)
        ) WITHOUT ROWID`,
        `INSERT INTO ${t}_v3 (${col}, sort_key, incident_id, type, status, date_end, lat, lon)
          SELECT x.${col}, i.sort_key, x.incident_id, i.type, i.status, i.date_end, i.lat, i.lon
          FROM ${t} x JOIN incidents i ON i.id = x.incident_id`,
        `DROP TABLE ${t}`,
        `ALTER TABLE ${t}_v3 RENAME TO ${t}`,
        `CREATE INDEX ${t}_incident ON ${t}(incident_id)`,
      ];
    }),
  },
  {
    version: 5,
    name: 'bbox-index-carries-order',
    // a bounding box picks ids from this index and sorts them without reading incident rows
    statements: [
      `DROP INDEX incidents_lonlat`,
      `CREATE INDEX incidents_lonlat ON incidents(lon, lat, sort_key) WHERE lon IS NOT NULL`,
    ],
  },
  {
    version: 6,
    name: 'type-led-composite-indexes',
    // the review app filters by type first, then status, dates or a map box: measured on 1,000,000
    // incidents, type+status went from 443 ms to a few ms with the first index
    statements: [
      `CREATE INDEX incidents_type_status ON incidents(type, status, sort_key DESC, id)`,
      `CREATE INDEX incidents_type_end ON incidents(type, sort_key DESC, date_end)`,
      `CREATE INDEX incidents_type_lonlat ON incidents(type, lon, lat, sort_key) WHERE lon IS NOT NULL`,
      `ANALYZE`,
    ],
  },
  {
    version: 7,
    name: 'side-tables-by-type',
    // «actor=isis&type=abduction» read all 127,000 of one actor's rows to keep 5,000 (10 ms on
    // 1,000,000 incidents); led by type as well, the range holds only the rows wanted
    statements: [
      `CREATE INDEX incident_actors_type ON incident_actors(actor_id, type, status, sort_key DESC)`,
      `CREATE INDEX incident_places_type ON incident_places(key, type, status, sort_key DESC)`,
      `ANALYZE incident_actors`,
      `ANALYZE incident_places`,
    ],
  },
  {
    version: 8,
    name: 'gazetteer',
    // GeoNames places imported by `rasid gazetteer import` live with the rest of the store, so every
    // process that opens it (a worker on another machine too) extracts with the same places. IF NOT
    // EXISTS: a database the former stand-alone importer wrote already holds these very tables.
    statements: [
      `CREATE TABLE IF NOT EXISTS gazetteer_entries (
        geonames_id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        ascii_name TEXT NOT NULL,
        alternate_names TEXT NOT NULL,
        lat REAL NOT NULL,
        lon REAL NOT NULL,
        feature_class TEXT NOT NULL,
        feature_code TEXT NOT NULL,
        country TEXT NOT NULL,
        admin1 TEXT NOT NULL,
        admin2 TEXT NOT NULL,
        admin3 TEXT NOT NULL,
        population INTEGER NOT NULL,
        modified TEXT NOT NULL
      )`,
      `CREATE INDEX IF NOT EXISTS gazetteer_entries_country ON gazetteer_entries(country)`,
      `CREATE TABLE IF NOT EXISTS gazetteer_names (
        alternate_name_id INTEGER PRIMARY KEY,
        geonames_id INTEGER NOT NULL,
        lang TEXT NOT NULL,
        name TEXT NOT NULL,
        preferred INTEGER NOT NULL,
        short INTEGER NOT NULL,
        colloquial INTEGER NOT NULL,
        historic INTEGER NOT NULL
      )`,
      `CREATE INDEX IF NOT EXISTS gazetteer_names_geonames ON gazetteer_names(geonames_id)`,
      `CREATE TABLE IF NOT EXISTS gazetteer_imports (
        path TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        mtime_ms REAL NOT NULL,
        kind TEXT NOT NULL,
        bytes_done INTEGER NOT NULL,
        finished INTEGER NOT NULL
      )`,
    ],
  },
  {
    version: 9,
    name: 'access-management',
    // sessions in the store (hashed ids) so a restart, or a second server process, keeps analysts
    // signed in; accounts can be disabled; admins' changes to accounts and tokens are audited
    statements: [
      `ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0`,
      `CREATE TABLE sessions (
        id_hash TEXT PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        csrf TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      )`,
      `CREATE INDEX sessions_user ON sessions(user_id)`,
      `CREATE INDEX sessions_expiry ON sessions(expires_at)`,
      `CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        user_id INTEGER,
        action TEXT NOT NULL,
        target TEXT NOT NULL,
        detail TEXT
      )`,
    ],
  },
  {
    version: 10,
    name: 'document-pages',
    // PDFs and scans: where each page starts in the text (JSON), so that a worker re-extracting a
    // stored document still labels evidence with its page
    statements: [`ALTER TABLE documents ADD COLUMN pages TEXT`],
  },
  {
    version: 11,
    name: 'audit-append-only-document-issues',
    // the audit log is append-only in the store itself, as reviews are: no code path changes or
    // removes an entry, and the database refuses one that tries. Documents carry the issues of their
    // last extraction (incidents cut by --max-incidents, a spent time budget) as a JSON array.
    statements: [
      `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
        SELECT RAISE(ABORT, 'the audit log is append-only');
      END`,
      `CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
        SELECT RAISE(ABORT, 'the audit log is append-only');
      END`,
      `ALTER TABLE documents ADD COLUMN issues TEXT`,
    ],
  },
  {
    version: 12,
    name: 'restricted',
    // issue 12: documents and incidents seen by editors and admins only. An incident's flag holds
    // two bits (1 its own, 2 its document's) so one indexed column answers "restricted at all";
    // the partial indexes keep the few restricted rows a small list that viewers' queries exclude.
    statements: [
      `ALTER TABLE documents ADD COLUMN restricted INTEGER NOT NULL DEFAULT 0`,
      `ALTER TABLE documents ADD COLUMN restricted_by TEXT`,
      `ALTER TABLE incidents ADD COLUMN restricted INTEGER NOT NULL DEFAULT 0`,
      `CREATE INDEX incidents_restricted ON incidents(id) WHERE restricted <> 0`,
      `CREATE INDEX documents_restricted ON documents(id) WHERE restricted <> 0`,
    ],
  },
];
