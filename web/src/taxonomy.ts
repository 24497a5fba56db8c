// The lists the UI offers and the colours of incident types, from the taxonomy itself
// (src/taxonomy.ts: plain lists, so the bundle does not carry zod).
import {
  ACLED_EVENT,
  ACTOR_ROLES,
  COUNT_KEYS,
  INCIDENT_STATUSES,
  INCIDENT_TYPES,
  type IncidentType,
} from '../../src/taxonomy.ts';

export const TYPES: readonly string[] = INCIDENT_TYPES;
export { ACTOR_ROLES, COUNT_KEYS };
export const STATUSES = INCIDENT_STATUSES;

/** One colour per ACLED event type, the family an incident type belongs to. */
const FAMILY_COLOUR: Record<string, string> = {
  Battles: '#c0392b',
  'Explosions/Remote violence': '#d35400',
  'Violence against civilians': '#8e44ad',
  Protests: '#2980b9',
  Riots: '#16a085',
  'Strategic developments': '#7f8c8d',
};
// displacement has no ACLED event of its own
const NO_ACLED_EVENT = '#27ae60';

/** The colour of an incident type's family, for markers and the timeline. */
export function typeColour(type: string): string {
  if (!Object.hasOwn(ACLED_EVENT, type)) return '#777';
  const event = ACLED_EVENT[type as IncidentType];
  return event ? (FAMILY_COLOUR[event.event_type] ?? '#777') : NO_ACLED_EVENT;
}
