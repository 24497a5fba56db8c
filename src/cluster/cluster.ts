// Group incidents that tell one event. Pairs are compared only within a sliding window of dates;
// groups grow by complete linkage — two groups merge only when no pair across them contradicts
// (so «15 killed in al-Shuhayl» and «40 killed in al-Bukamal» never meet through a third report).
import type { Incident } from '../schema.ts';
import type { ClusterEdge, Store, StoredIncident } from '../store/types.ts';
import { compareIncidents, dayRange, MAX_RANGE_DAYS, type ClusterCandidate } from './compare.ts';

export interface FoundCluster {
  incidentIds: string[];
  rules: string[];
  edges: ClusterEdge[];
}

const DAY = 86_400_000;

export function findClusters(candidates: ClusterCandidate[]): FoundCluster[] {
  const dated = candidates
    .map((c) => ({ c, r: dayRange(c.incident) }))
    .filter(
      (x): x is { c: ClusterCandidate; r: [number, number] } => x.r !== null && x.r[1] - x.r[0] <= MAX_RANGE_DAYS * DAY,
    )
    .sort((x, y) => x.r[0] - y.r[0] || (x.c.id < y.c.id ? -1 : 1));
  const group = new Map<string, string[]>(dated.map((x) => [x.c.id, [x.c.id]]));
  const byId = new Map(dated.map((x) => [x.c.id, x.c]));
  const edges: ClusterEdge[] = [];
  const pairs: Array<{ a: ClusterCandidate; b: ClusterCandidate; rules: string[]; score: number }> = [];
  for (let i = 0; i < dated.length; i++) {
    // later starts beyond this one's end (plus the one-day slack) cannot overlap it
    for (let j = i + 1; j < dated.length && dated[j]!.r[0] <= dated[i]!.r[1] + DAY; j++) {
      const cmp = compareIncidents(dated[i]!.c, dated[j]!.c);
      if (cmp.join) pairs.push({ a: dated[i]!.c, b: dated[j]!.c, rules: cmp.rules, score: cmp.score });
    }
  }
  // strongest pairs first, so a weak link does not claim an incident before its best match
  pairs.sort((x, y) => y.score - x.score || (x.a.id + x.b.id < y.a.id + y.b.id ? -1 : 1));
  for (const p of pairs) {
    const ga = group.get(p.a.id) as string[];
    const gb = group.get(p.b.id) as string[];
    if (ga !== gb) {
      const clash = ga.some((x) => gb.some((y) => compareIncidents(byId.get(x)!, byId.get(y)!).blocked));
      if (clash) continue;
      const merged = [...ga, ...gb];
      for (const id of merged) group.set(id, merged);
    }
    edges.push({ a: p.a.id, b: p.b.id, rules: p.rules, score: p.score });
  }
  const edgesOf = new Map<string[], ClusterEdge[]>();
  for (const e of edges) {
    const g = group.get(e.a) as string[];
    if (g !== group.get(e.b)) continue;
    const list = edgesOf.get(g) ?? [];
    list.push(e);
    edgesOf.set(g, list);
  }
  const out: FoundCluster[] = [];
  for (const [g, own] of edgesOf) {
    if (g.length < 2) continue;
    out.push({
      incidentIds: [...g].sort(byNumericId),
      rules: [...new Set(own.flatMap((e) => e.rules))].sort(),
      edges: own,
    });
  }
  return out.sort((x, y) => byNumericId(x.incidentIds[0]!, y.incidentIds[0]!));
}

function byNumericId(a: string, b: string): number {
  const d = Number(a) - Number(b);
  return Number.isNaN(d) || d === 0 ? (a < b ? -1 : a > b ? 1 : 0) : d;
}

export interface ClusterRun {
  clusters: number;
  created: number;
  kept: number;
  removed: number;
  candidates: number;
}

// Only what the rules read is kept per incident, and only incidents that can join at all (dated
// within a month, placed): a store of a million incidents then fits comfortably in memory.
function slim(inc: StoredIncident): Incident {
  return {
    id: inc.id,
    type: inc.type,
    acled: inc.acled,
    violations: [],
    actors: inc.actors.filter((a) => a.role === 'perpetrator').map((a) => ({ ...a, name: '', span: null })),
    locations: inc.locations.map((l) => ({ ...l, span: null })),
    time: inc.time ? { ...inc.time, text: null, span: null } : null,
    counts: inc.counts,
    methods: [],
    accusations: [],
    attribution: null,
    evidence: [],
    summary_en: '',
    confidence: inc.confidence,
  };
}

function canJoin(inc: StoredIncident): boolean {
  const r = dayRange(inc);
  return r !== null && r[1] - r[0] <= MAX_RANGE_DAYS * DAY && inc.locations.length > 0;
}

async function candidatesFrom(
  store: Store,
): Promise<{ candidates: ClusterCandidate[]; current: Map<string, Set<string>> }> {
  const docs = new Map<string, { group: string; lang: string }>();
  const candidates: ClusterCandidate[] = [];
  const current = new Map<string, Set<string>>();
  const locked = new Set<string>();
  const pending: StoredIncident[] = [];
  for await (const inc of store.streamIncidents({})) {
    if (inc.clusterLocked && inc.clusterId) locked.add(inc.clusterId);
    if (inc.clusterLocked) continue;
    if (inc.clusterId) {
      const s = current.get(inc.clusterId) ?? new Set<string>();
      s.add(inc.id);
      current.set(inc.clusterId, s);
    }
    // a rejected report is no source: it leaves its cluster and joins none
    if (inc.status === 'rejected' || !canJoin(inc)) continue;
    pending.push({ ...inc, ...slim(inc), id: inc.id, machine: undefined });
  }
  // an analyst's merge is final: none of its members moves
  for (const id of locked) current.delete(id);
  for (const inc of pending) {
    if (inc.clusterId && locked.has(inc.clusterId)) continue;
    let d = docs.get(inc.documentId);
    if (!d) {
      const doc = await store.getDocument(inc.documentId);
      // copies of one text (same words, other source key) are one source, not corroboration
      d = { group: doc?.textHash ?? inc.documentId, lang: doc?.lang ?? 'ar' };
      docs.set(inc.documentId, d);
    }
    candidates.push({
      id: inc.id,
      documentId: inc.documentId,
      sourceGroup: d.group,
      lang: d.lang,
      incident: slim(inc),
    });
  }
  return { candidates, current };
}

/**
 * Pure over a list: the clusters found. Over a store: finds them among non-rejected incidents
 * and writes them, keeping machine clusters whose members did not change and leaving analysts'
 * merges and splits alone.
 */
export function clusterIncidents(source: ClusterCandidate[]): FoundCluster[];
export function clusterIncidents(source: Store): Promise<ClusterRun>;
export function clusterIncidents(source: ClusterCandidate[] | Store): FoundCluster[] | Promise<ClusterRun> {
  if (Array.isArray(source)) return findClusters(source);
  return writeClusters(source);
}

async function writeClusters(store: Store): Promise<ClusterRun> {
  const { candidates, current } = await candidatesFrom(store);
  const found = findClusters(candidates);
  const wanted = new Map(found.map((f) => [f.incidentIds.join(','), f]));
  const clustered = new Set(found.flatMap((f) => f.incidentIds));
  let kept = 0;
  let removed = 0;
  const keptKeys = new Set<string>();
  for (const members of current.values()) {
    const key = [...members].sort(byNumericId).join(',');
    if (wanted.has(key)) {
      kept++;
      keptKeys.add(key);
      continue;
    }
    for (const id of members) {
      if (clustered.has(id)) continue; // putCluster below moves it
      await store.removeFromCluster(id);
    }
    removed++;
  }
  let created = 0;
  for (const [key, f] of wanted) {
    if (keptKeys.has(key)) continue;
    await store.putCluster(f.incidentIds, f.rules, { edges: f.edges });
    created++;
  }
  return { clusters: found.length, created, kept, removed, candidates: candidates.length };
}
