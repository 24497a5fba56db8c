// What a reviewer sees of a cluster: its sources and, for each count, the spread across them
// ("killed 15–19 across 3 sources"). The cluster's own figure is the lowest credible one, as ACLED
// codes disagreeing sources (incidents.md §4).
import { COUNT_KEYS, type CountKey } from '../schema.ts';
import type { Cluster, ClusterEdge, Store, StoredDocument, StoredIncident } from '../store/types.ts';

export interface CountSpread {
  key: CountKey;
  /** the cluster's figure: the lowest value any source gives */
  value: number;
  min: number;
  max: number;
  /** sources that give this count */
  sources: number;
  label: string;
}

export interface ClusterSource {
  incidentId: string;
  documentId: string;
  lang: string | null;
  title: string | null;
  url: string | null;
  published: string | null;
  status: StoredIncident['status'];
}

export interface ClusterView {
  id: string;
  rules: string[];
  edges: ClusterEdge[];
  sources: ClusterSource[];
  /** distinct documents behind the members (copies of one text count once) */
  sourceCount: number;
  counts: CountSpread[];
  languages: string[];
}

export function countSpreads(
  members: Array<Pick<StoredIncident, 'counts' | 'documentId' | 'status'>>,
  groupOf: (documentId: string) => string = (d) => d,
): CountSpread[] {
  const out: CountSpread[] = [];
  for (const key of COUNT_KEYS) {
    // one figure per source: a source that gives a count twice is not two sources
    const bySource = new Map<string, number>();
    for (const m of members) {
      if (m.status === 'rejected') continue;
      const c = m.counts[key];
      if (!c) continue;
      const g = groupOf(m.documentId);
      bySource.set(g, Math.min(bySource.get(g) ?? Infinity, c.value));
    }
    if (!bySource.size) continue;
    const values = [...bySource.values()];
    const min = Math.min(...values);
    const max = Math.max(...values);
    const n = bySource.size;
    const figure = min === max ? `${min}` : `${min}–${max}`;
    out.push({
      key,
      value: min,
      min,
      max,
      sources: n,
      label: `${key} ${figure} across ${n} source${n === 1 ? '' : 's'}`,
    });
  }
  return out;
}

export function buildClusterView(
  cluster: Cluster,
  members: StoredIncident[],
  docs: Map<string, StoredDocument>,
): ClusterView {
  const groupOf = (documentId: string) => docs.get(documentId)?.textHash ?? documentId;
  const sources = members.map((m) => {
    const d = docs.get(m.documentId);
    return {
      incidentId: m.id,
      documentId: m.documentId,
      lang: d?.lang ?? null,
      title: d?.title ?? null,
      url: d?.url ?? null,
      published: d?.published ?? null,
      status: m.status,
    };
  });
  return {
    id: cluster.id,
    rules: cluster.rules,
    edges: cluster.edges ?? [],
    sources,
    sourceCount: new Set(members.map((m) => groupOf(m.documentId))).size,
    counts: countSpreads(members, groupOf),
    languages: [...new Set(sources.flatMap((s) => (s.lang === null ? [] : [s.lang])))].sort(),
  };
}

export async function loadClusterView(store: Store, clusterId: string): Promise<ClusterView | null> {
  const cluster = await store.getCluster(clusterId);
  if (!cluster) return null;
  const members: StoredIncident[] = [];
  const docs = new Map<string, StoredDocument>();
  for (const id of cluster.incidentIds) {
    const inc = await store.getIncident(id);
    if (!inc) continue;
    members.push(inc);
    if (!docs.has(inc.documentId)) {
      const d = await store.getDocument(inc.documentId);
      if (d) docs.set(d.id, d);
    }
  }
  return buildClusterView(cluster, members, docs);
}
