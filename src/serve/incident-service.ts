// Review actions on incidents, shared by the HTTP routes and any CLI command: each checks what it
// needs, calls the store, and leaves the audit trail to the store's append-only reviews.
import { acledFor, type Incident } from '../schema.ts';
import { isRestricted, type IncidentStatus, type Store, type StoredIncident, type User } from '../store/types.ts';
import { HttpError, notFound } from './errors.ts';
import { visibleCluster } from './restricted.ts';
import type { IncidentPatch } from './schemas.ts';

type Actor = Pick<User, 'id'> | null;

async function mustGet(store: Store, id: string): Promise<StoredIncident> {
  const inc = await store.getIncident(id);
  if (!inc) throw notFound('incident');
  return inc;
}

/**
 * One incident with its document and cluster. Without `seesRestricted` (a viewer) a restricted
 * incident is answered as missing, and its cluster lists only the members a viewer may see.
 */
export async function getIncidentView(store: Store, id: string, access: { seesRestricted: boolean }) {
  const incident = await mustGet(store, id);
  if (!access.seesRestricted && isRestricted(incident)) throw notFound('incident');
  const [document, cluster] = await Promise.all([
    store.getDocument(incident.documentId),
    incident.clusterId ? store.getCluster(incident.clusterId) : Promise.resolve(null),
  ]);
  let shown = cluster;
  if (cluster && !access.seesRestricted) {
    const hidden = await store.listIncidents(
      { clusterId: cluster.id, restricted: 'only' },
      { limit: cluster.incidentIds.length, offset: 0 },
    );
    shown = visibleCluster(cluster, new Set(hidden.items.map((i) => i.id)));
  }
  return {
    incident,
    document: document && {
      id: document.id,
      title: document.title,
      lang: document.lang,
      url: document.url,
      published: document.published,
      restricted: Boolean(document.restricted),
    },
    cluster: shown,
  };
}

/** An editor restricts an incident or lifts its own restriction; the store audits it as a review. */
export async function restrictIncident(store: Store, id: string, restricted: boolean, by: Actor, note?: string) {
  await mustGet(store, id);
  return store.setIncidentRestricted(id, restricted, { userId: by?.id ?? null, note });
}

/** An editor restricts a document's source (every version) or lifts it; audited in the audit log. */
export async function restrictDocument(store: Store, id: string, restricted: boolean, by: Actor, note?: string) {
  if (!(await store.getDocument(id))) throw notFound('document');
  return store.setDocumentRestricted(id, restricted, { userId: by?.id ?? null, note, via: 'editor' });
}

/** Every [start, end) pair anywhere in a value (spans sit at several depths of an incident). */
function spansIn(v: unknown, out: Array<[number, number]> = []): Array<[number, number]> {
  if (Array.isArray(v)) {
    if (v.length === 2 && typeof v[0] === 'number' && typeof v[1] === 'number') out.push([v[0], v[1]]);
    else for (const x of v) spansIn(x, out);
  } else if (v && typeof v === 'object') {
    for (const x of Object.values(v)) spansIn(x, out);
  }
  return out;
}

export async function editIncident(store: Store, id: string, patch: IncidentPatch, by: Actor) {
  const inc = await mustGet(store, id);
  const { note, ...fields } = patch;
  const changes: Partial<Incident> = { ...fields };
  if (Object.keys(changes).length === 0) throw new HttpError(400, 'patch.empty', 'the patch changes no field');
  // spans must stay inside the document: `text.slice(start, end)` is the words a field rests on
  const doc = await store.getDocument(inc.documentId);
  const len = doc?.text.length ?? 0;
  const bad = spansIn(changes).find(([s, e]) => s > e || e > len);
  if (bad)
    throw new HttpError(400, 'patch.bad-span', `span [${bad[0]}, ${bad[1]}) is outside the document (length ${len})`);
  // The ACLED pair follows the type; an analyst edits the type, never the pair directly.
  if (changes.type) changes.acled = acledFor(changes.type);
  return store.updateIncident(id, changes, { userId: by?.id ?? null, note });
}

const TRANSITIONS: Record<'verify' | 'reject' | 'reopen', IncidentStatus> = {
  verify: 'verified',
  reject: 'rejected',
  reopen: 'edited',
};

export async function changeStatus(
  store: Store,
  id: string,
  action: keyof typeof TRANSITIONS,
  by: Actor,
  note?: string,
) {
  const inc = await mustGet(store, id);
  const next = TRANSITIONS[action];
  if (action === 'reopen' && inc.status !== 'verified' && inc.status !== 'rejected') {
    throw new HttpError(409, 'status.not-closed', 'only a verified or rejected incident can be reopened');
  }
  if (inc.status === next && action !== 'reopen') {
    throw new HttpError(409, 'status.unchanged', `incident is already ${next}`);
  }
  return store.setStatus(id, next, { userId: by?.id ?? null, note });
}

export async function mergeIncidents(store: Store, id: string, others: string[], by: Actor, note?: string) {
  const ids = [...new Set([id, ...others])];
  if (ids.length < 2) throw new HttpError(400, 'merge.self', 'merge needs at least one other incident');
  const found = await Promise.all(ids.map((x) => store.getIncident(x)));
  const missing = ids.filter((_, i) => !found[i]);
  if (missing.length) throw new HttpError(404, 'not-found', `incidents not found: ${missing.join(', ')}`);
  // with `by` the store audits the merge on every member and locks it against re-clustering
  return store.putCluster(ids, ['manual'], { by: { userId: by?.id ?? null, note } });
}

export async function splitIncident(store: Store, id: string, by: Actor, note?: string) {
  const inc = await mustGet(store, id);
  if (!inc.clusterId) throw new HttpError(409, 'split.not-clustered', 'incident is not part of a cluster');
  await store.removeFromCluster(id, { userId: by?.id ?? null, note });
  return mustGet(store, id);
}
