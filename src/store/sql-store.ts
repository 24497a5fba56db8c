// The store's behaviour, written once over Kysely for both backends: this file closes the chain of
// aggregates (sql-base → document-tables → incident-queries → incident-tables → cluster-tables) with
// users, tokens and sessions, ingest bookkeeping, the gazetteer and the map. A backend (sqlite.ts,
// postgres.ts) supplies its migrations, how it indexes and matches words, and its fast paths.
import { StoreError } from './errors.ts';
import * as gazetteer from './gazetteer-tables.ts';
import { clusterFromStore, indexable, MapIndex, type Bbox, type MapClusters } from './map-index.ts';
import type { AlternateNameRow, GeonameRow } from '../geo/geonames-dump.ts';
import type {
  ApiToken,
  AuditEntry,
  GazetteerBatchCounts,
  GazetteerImportState,
  IncidentFilter,
  Page,
  Role,
  Store,
  StoredSession,
  User,
} from './types.ts';
import { now, dbId, userFromRow } from './sql-base.ts';
import { ClusterTables } from './cluster-tables.ts';

export { canonicalText, dbId, documentHash, incidentFromRow } from './sql-base.ts';

export abstract class SqlStore extends ClusterTables implements Store {
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
      if (change.passwordHash !== undefined || change.disabled)
        await c.deleteFrom('sessions').where('user_id', '=', n).execute();
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
      .values({
        at: now(),
        user_id: dbId(entry.userId),
        action: entry.action,
        target: entry.target,
        detail: entry.detail,
      })
      .execute();
  }

  async listAudit(page: Page): Promise<AuditEntry[]> {
    const rows = await this.db
      .selectFrom('audit_log')
      .selectAll()
      .orderBy('id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute();
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

  async mapClusters(filter: IncidentFilter, bbox: Bbox, cellDeg: number, cap: number): Promise<MapClusters> {
    if (!indexable(filter)) return clusterFromStore(this, filter, bbox, cellDeg, cap);
    const index = (this.mapIndex ??= new MapIndex(this));
    await index.ensure();
    // the restricted ones are read afresh for every answer (a short list from a partial index), so
    // a restriction set by any process hides its incidents at once, whenever the index was built
    const without = filter.restricted === 'exclude' ? await this.restrictedIncidentIds() : [];
    return { ...index.cluster(filter, bbox, cellDeg, without), capped: false };
  }

  private async restrictedIncidentIds(): Promise<string[]> {
    const rows = await this.db.selectFrom('incidents').select('id').where('restricted', '<>', 0).execute();
    return rows.map((r) => String(r.id));
  }

  async warmMapIndex(): Promise<void> {
    await (this.mapIndex ??= new MapIndex(this)).ensure();
  }
}
