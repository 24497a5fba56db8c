// Restricted items (issue 12, "Sensitive data"): documents and incidents that name witnesses or
// victims are seen by editors and admins only. Viewers — signed in, by a viewer's API token, or
// anonymous under --public-read — never see them: lists, counts, the map and the timeline leave
// them out, and a direct read answers 404 exactly as for an id that does not exist (a 403 would
// tell a viewer that a restricted item with this id exists; ids are sequential).
import type { Context } from 'hono';
import { hasRole } from '../auth/users.ts';
import type { Cluster, IncidentFilter, StoredIncident } from '../store/types.ts';
import type { AppEnv } from './context.ts';
import { HttpError } from './errors.ts';

/** Editors and admins see restricted items; viewers and anonymous readers do not. */
export function seesRestricted(c: Context<AppEnv>): boolean {
  const user = c.get('user');
  return user !== null && hasRole(user, 'editor');
}

/** A read filter as this reader may have it: restricted incidents left out for a viewer. */
export function readFilter(c: Context<AppEnv>, f: IncidentFilter): IncidentFilter {
  return accessFilter(f, seesRestricted(c), 'restricted items need the editor role');
}

export function accessFilter(f: IncidentFilter, allowed: boolean, refusal: string): IncidentFilter {
  if (allowed) return f;
  if (f.restricted === 'only') throw new HttpError(403, 'auth.forbidden', refusal);
  return { ...f, restricted: 'exclude' };
}

/** A cluster as a viewer may see it: its restricted members and their edges left out. */
export function visibleCluster(cluster: Cluster, hidden: Set<string>): Cluster {
  if (!hidden.size) return cluster;
  return {
    ...cluster,
    incidentIds: cluster.incidentIds.filter((id) => !hidden.has(id)),
    edges: cluster.edges?.filter((e) => !hidden.has(e.a) && !hidden.has(e.b)),
  };
}

const BLOCK = '\u2588';

/**
 * A document's text for a viewer: the words of its restricted incidents (evidence, actors and
 * attribution, where names of victims and witnesses are) blanked, one block per UTF-16 unit, so
 * that every other span still points at its words.
 */
export function redactText(text: string, restricted: StoredIncident[]): string {
  const spans: Array<[number, number]> = [];
  for (const inc of restricted) {
    for (const e of inc.evidence) spans.push(e.span);
    for (const a of inc.actors) if (a.span) spans.push(a.span);
    if (inc.attribution?.span) spans.push(inc.attribution.span);
  }
  if (!spans.length) return text;
  const chars = text.split('');
  for (const [s, e] of spans)
    for (let i = Math.max(0, s); i < Math.min(e, chars.length); i++) if (chars[i] !== '\n') chars[i] = BLOCK;
  return chars.join('');
}
