// The taxonomy as plain lists, without zod, so that the web app's bundle can import it too, and the
// extractor without loading zod: incident types and their ACLED event, review statuses, count keys,
// actor roles, violations, methods and accusations. src/schema.ts builds the contract's zod schemas
// from these lists; nothing else spells them out.

export const INCIDENT_TYPES = [
  'armed_clash',
  'government_regains_territory',
  'non_state_overtakes_territory',
  'air_strike',
  'shelling',
  'explosive_device',
  'suicide_bomb',
  'chemical_weapon',
  'grenade',
  'attack',
  'execution',
  'abduction',
  'sexual_violence',
  'peaceful_protest',
  'protest_with_intervention',
  'excessive_force_against_protesters',
  'violent_demonstration',
  'mob_violence',
  'arrests',
  'looting',
  'agreement',
  'group_change',
  'headquarters_established',
  'non_violent_transfer',
  'disrupted_weapons_use',
  'forced_recruitment',
  'forced_labour',
  'coercion',
  'displacement',
] as const;
export type IncidentType = (typeof INCIDENT_TYPES)[number];

export const ACLED_EVENT: Record<IncidentType, { event_type: string; sub_event_type: string } | null> = {
  armed_clash: { event_type: 'Battles', sub_event_type: 'Armed clash' },
  government_regains_territory: { event_type: 'Battles', sub_event_type: 'Government regains territory' },
  non_state_overtakes_territory: { event_type: 'Battles', sub_event_type: 'Non-state actor overtakes territory' },
  air_strike: { event_type: 'Explosions/Remote violence', sub_event_type: 'Air/drone strike' },
  shelling: { event_type: 'Explosions/Remote violence', sub_event_type: 'Shelling/artillery/missile attack' },
  explosive_device: { event_type: 'Explosions/Remote violence', sub_event_type: 'Remote explosive/landmine/IED' },
  suicide_bomb: { event_type: 'Explosions/Remote violence', sub_event_type: 'Suicide bomb' },
  chemical_weapon: { event_type: 'Explosions/Remote violence', sub_event_type: 'Chemical weapon' },
  grenade: { event_type: 'Explosions/Remote violence', sub_event_type: 'Grenade' },
  attack: { event_type: 'Violence against civilians', sub_event_type: 'Attack' },
  execution: { event_type: 'Violence against civilians', sub_event_type: 'Attack' },
  abduction: { event_type: 'Violence against civilians', sub_event_type: 'Abduction/forced disappearance' },
  sexual_violence: { event_type: 'Violence against civilians', sub_event_type: 'Sexual violence' },
  peaceful_protest: { event_type: 'Protests', sub_event_type: 'Peaceful protest' },
  protest_with_intervention: { event_type: 'Protests', sub_event_type: 'Protest with intervention' },
  excessive_force_against_protesters: { event_type: 'Protests', sub_event_type: 'Excessive force against protesters' },
  violent_demonstration: { event_type: 'Riots', sub_event_type: 'Violent demonstration' },
  mob_violence: { event_type: 'Riots', sub_event_type: 'Mob violence' },
  arrests: { event_type: 'Strategic developments', sub_event_type: 'Arrests' },
  looting: { event_type: 'Strategic developments', sub_event_type: 'Looting/property destruction' },
  agreement: { event_type: 'Strategic developments', sub_event_type: 'Agreement' },
  group_change: { event_type: 'Strategic developments', sub_event_type: 'Change to group/activity' },
  headquarters_established: {
    event_type: 'Strategic developments',
    sub_event_type: 'Headquarters or base established',
  },
  non_violent_transfer: { event_type: 'Strategic developments', sub_event_type: 'Non-violent transfer of territory' },
  disrupted_weapons_use: { event_type: 'Strategic developments', sub_event_type: 'Disrupted weapons use' },
  forced_recruitment: { event_type: 'Strategic developments', sub_event_type: 'Other' },
  forced_labour: { event_type: 'Strategic developments', sub_event_type: 'Other' },
  coercion: { event_type: 'Strategic developments', sub_event_type: 'Other' },
  displacement: null,
};

/** ACLED's explosions and remote violence: air strikes, shelling, bombs, suicide bombs, chemical weapons, grenades. */
export const REMOTE_VIOLENCE_TYPES: readonly IncidentType[] = INCIDENT_TYPES.filter(
  (t) => ACLED_EVENT[t]?.event_type === 'Explosions/Remote violence',
);

/** Where an incident stands in review: as the machine made it, edited, verified or rejected by an analyst. */
export const INCIDENT_STATUSES = ['machine', 'edited', 'verified', 'rejected'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
/** What exports and the export route hold unless a status filter asks for more: all but rejected. */
export const EXPORTED_STATUSES: IncidentStatus[] = ['machine', 'edited', 'verified'];

export const COUNT_KEYS = ['killed', 'injured', 'arrested', 'displaced', 'deserted', 'abducted', 'affected'] as const;
export type CountKey = (typeof COUNT_KEYS)[number];
export const ACTOR_ROLES = ['perpetrator', 'victim', 'target'] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];

export const VIOLATIONS = [
  'execution',
  'torture',
  'arbitrary_detention',
  'enforced_disappearance',
  'forced_displacement',
  'forced_recruitment',
  'forced_labour',
  'forced_allegiance',
  'collective_punishment',
  'attack_on_civilians',
  'attack_on_infrastructure',
  'looting',
  'livelihood_restriction',
  'sexual_violence',
  'child_victims',
] as const;

export const METHODS = [
  'shooting',
  'beheading',
  'stoning',
  'throwing_from_height',
  'hanging',
  'crucifixion',
  'burning',
  'air_strike',
  'barrel_bomb',
  'shelling',
  'rocket',
  'missile',
  'ied',
  'car_bomb',
  'landmine',
  'sniper',
  'suicide_attack',
  'chemical',
  'torture',
  'knife',
  'drowning',
] as const;

export const ACCUSATIONS = [
  'collaboration_with_west',
  'collaboration_with_government',
  'collaboration_with_coalition',
  'espionage',
  'fighting_isis',
  'apostasy',
  'sorcery',
  'adultery',
  'homosexuality',
  'blasphemy',
  'theft',
  'smuggling',
  'desertion',
  'drug_use',
  'murder',
] as const;

export function acledFor(type: IncidentType) {
  return ACLED_EVENT[type];
}
