// How Rasid codes its incidents in ACLED's terms, where the exporter (src/export/) and the importer
// and evaluator (src/acled/) must agree: which actor is actor1, the tag that marks a filled-in
// actor1, and how incidents imported from ACLED are marked. Neither side imports the other.
import { ACLED_EVENT, type Incident, type IncidentType } from '../schema.ts';

/** Source keys of documents made from ACLED rows start with this. */
export const ACLED_SOURCE_PREFIX = 'acled:';
/** Rule id of incidents imported from ACLED (reference incidents, beside Rasid's own). */
export const ACLED_IMPORT_RULE = 'acled.import';

/** Tag saying actor1 was filled in because ACLED requires one; the importer leaves it out again. */
export const UNNAMED_ACTOR1_TAG = 'rasid_actor1=unnamed';

// ACLED requires actor1. An incident whose perpetrator the source does not name is coded as ACLED
// codes such events: protesters or rioters for demonstrations, unidentified military forces for
// strikes from the air, else an unidentified armed group of the country.
const UNNAMED_ACTOR1: Partial<Record<IncidentType, string>> = {
  peaceful_protest: 'protesters',
  protest_with_intervention: 'protesters',
  violent_demonstration: 'rioters',
  mob_violence: 'rioters',
  air_strike: 'unidentified_military_forces',
};

/** Our actor id that ACLED's actor1 column holds for this incident (see above for unnamed ones). */
export function acledActor1Id(inc: Incident): { id: string; unnamed: boolean } | null {
  const perp = inc.actors.find((a) => a.role === 'perpetrator');
  if (perp) return { id: perp.id, unnamed: false };
  if (!(inc.acled ?? ACLED_EVENT[inc.type])) return null;
  return { id: UNNAMED_ACTOR1[inc.type] ?? 'unidentified_armed_group', unnamed: true };
}
