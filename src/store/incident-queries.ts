// Incidents read: by id, filtered lists, counts, streams and the timeline, over the incidents or the
// actor/place side tables that repeat their filter columns.
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { IncidentType } from '../schema.ts';
import { placeKey, queryTerms } from './search-text.ts';
import type { IncidentFilter, Page, StoredIncident } from './types.ts';
import { dbId, incidentFromRow, mondayOf, type FilterDb, type Filtered, type IncidentRow } from './sql-base.ts';
import { DocumentTables } from './document-tables.ts';

export abstract class IncidentQueries extends DocumentTables {
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
    // the few restricted incidents, from their partial index, as a list the other conditions probe:
    // a viewer's list or count keeps walking the same covering indexes as anyone's
    if (f.restricted === 'exclude') c.push(sql<SqlBool>`${id} NOT IN (SELECT id FROM incidents WHERE restricted <> 0)`);
    else if (f.restricted === 'only') c.push(sql<SqlBool>`${id} IN (SELECT id FROM incidents WHERE restricted <> 0)`);
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
        const matches = this.textMatches(terms, 'UNION ALL', f.restricted === 'exclude');
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
        q: cond ? q.where(cond) : q,
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
      q: cond ? q.where(cond) : q,
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

  /**
   * ids of incidents whose own words or whose document's words hold every term. For a reader who
   * must not see restricted incidents, a document holding one matches only through its visible
   * incidents' own words: its indexed words include the blanked ones, and a match on them would tell
   * what the restricted incident says.
   */
  private textMatches(terms: string[], union: 'UNION' | 'UNION ALL', hideRestricted = false): RawBuilder<unknown> {
    const hidden = hideRestricted
      ? sql` AND document_id NOT IN (SELECT document_id FROM incidents WHERE restricted <> 0)`
      : sql``;
    return sql`${this.incidentIdsMatching(terms)} ${sql.raw(union)} SELECT id FROM incidents WHERE document_id IN (${this.documentIdsMatching(terms)})${hidden}`;
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
      const last = rows.at(-1);
      if (rows.length < 500 || !last) return;
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
    const weeks = new Map<string, { week: string; type: IncidentType; n: number }>();
    for (const r of rows) {
      const week = mondayOf(r.day);
      const k = `${week}|${r.type}`;
      const cur = weeks.get(k);
      if (cur) cur.n += Number(r.n);
      else weeks.set(k, { week, type: r.type as IncidentType, n: Number(r.n) });
    }
    return [...weeks.values()].sort((a, b) =>
      a.week < b.week ? -1 : a.week > b.week ? 1 : a.type < b.type ? -1 : a.type > b.type ? 1 : 0,
    );
  }
}
