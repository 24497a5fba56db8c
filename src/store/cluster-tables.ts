// Clusters: incidents several documents tell of one event, machine-made or an analyst's merge.
import type { DbId } from './db-types.ts';
import { StoreError } from './errors.ts';
import type { Cluster, ClusterEdge, Page, ReviewBy } from './types.ts';
import { now, dbId } from './sql-base.ts';
import { IncidentTables } from './incident-tables.ts';

export abstract class ClusterTables extends IncidentTables {
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
}
