// What every export format reads off an incident: the place it happened (not where people fled
// to), its date, its counts and its actors by role.
import type { Actor, CountKey, Incident, Location } from '../schema.ts';

/** An incident as exports take it: the contract, optionally with store fields. */
export type ExportIncident = Incident & {
  documentId?: string;
  status?: string;
  clusterId?: string | null;
  updatedAt?: string;
  machine?: Incident;
  /** set on restricted incidents (src/store/types.ts): exported only when asked for */
  restricted?: { incident: boolean; document: boolean };
};

/** The first place with role location (or no role); origins and destinations are not where it happened. */
export function primaryLocation(inc: Incident): Location | null {
  return inc.locations.find((l) => !l.role || l.role === 'location') ?? null;
}

/** The first place that has coordinates and is where it happened. */
export function locatedPlace(inc: Incident): Location | null {
  return inc.locations.find((l) => (!l.role || l.role === 'location') && l.lat !== null && l.lon !== null) ?? null;
}

export function countValue(inc: Incident, key: CountKey): number | null {
  const c = inc.counts[key];
  return c ? c.value : null;
}

/** The date part of an ISO date or date-time, or null. */
export function isoDay(s: string | null | undefined): string | null {
  if (!s) return null;
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(s);
  return m?.[1] ?? null;
}

export function eventDate(inc: Incident): string | null {
  return isoDay(inc.time?.start) ?? isoDay(inc.time?.end);
}

export function actorsByRole(inc: Incident, ...roles: Actor['role'][]): Actor[] {
  return inc.actors.filter((a) => roles.includes(a.role));
}

/** Coordinates rounded to 6 decimals (≈ 0.1 m), as RFC 7946 advises. */
export function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
