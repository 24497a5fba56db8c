// The lists the UI offers, read from the English message file so the bundle does not carry zod;
// test/web/i18n.test.ts checks they equal the contract's lists in src/schema.ts.
import en from './i18n/en.json' with { type: 'json' };

const keysWith = (prefix: string) =>
  Object.keys(en)
    .filter((k) => k.startsWith(prefix))
    .map((k) => k.slice(prefix.length));

export const TYPES = keysWith('type.');
export const COUNT_KEYS = keysWith('count.');
export const STATUSES = ['machine', 'edited', 'verified', 'rejected'] as const;
export const ACTOR_ROLES = ['perpetrator', 'victim', 'target'] as const;

/** One colour per incident type family (ACLED event type), for markers and the timeline. */
export function typeColour(type: string): string {
  const i = TYPES.indexOf(type);
  if (i < 0) return '#777';
  if (i <= 2) return '#c0392b'; // battles
  if (i <= 8) return '#d35400'; // explosions / remote violence
  if (i <= 12) return '#8e44ad'; // violence against civilians
  if (i <= 15) return '#2980b9'; // protests
  if (i <= 17) return '#16a085'; // riots
  if (i <= 27) return '#7f8c8d'; // strategic developments
  return '#27ae60'; // displacement
}
