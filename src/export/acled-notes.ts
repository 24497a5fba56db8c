// English notes in ACLED's house style, built from the incident's fields alone (never from the
// source text, which may be Arabic or name a witness): "On 3 July 2014, IS executed 19 civilians
// near al-Omar oil field in Deir ez-Zor by shooting. 19 people were killed."
import type { CountKey, Incident, IncidentType } from '../schema.ts';
import { shortName } from '../acled-coding/actors.ts';
import { actorsByRole, primaryLocation } from './fields.ts';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function longDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return `${d} ${MONTHS[Number(m) - 1]} ${y}`;
}

/** "On 3 July 2014", "Around 3 July 2014", "In July 2014", "Between 1 May 2015 and 1 September 2015", or null. */
export function datePhrase(time: Incident['time']): string | null {
  const start = time?.start?.slice(0, 10);
  const end = time?.end?.slice(0, 10) ?? start;
  if (!start || !/^\d{4}-\d{2}-\d{2}$/.test(start)) return null;
  const p = time?.precision ?? 1;
  if (p === 1 || !end || end === start) return `${p === 2 ? 'Around' : 'On'} ${longDate(start)}`;
  if (p === 2) return `Around ${longDate(start)}`;
  if (start.slice(0, 7) === end.slice(0, 7)) return `In ${MONTHS[Number(start.slice(5, 7)) - 1]} ${start.slice(0, 4)}`;
  return `Between ${longDate(start)} and ${longDate(end)}`;
}

// Manners of killing read "by shooting"; weapons read "using a car bomb".
const METHOD_WORDS: Record<string, [string, 'by' | 'using']> = {
  shooting: ['shooting', 'by'],
  beheading: ['beheading', 'by'],
  stoning: ['stoning', 'by'],
  throwing_from_height: ['throwing from a height', 'by'],
  hanging: ['hanging', 'by'],
  crucifixion: ['crucifixion', 'by'],
  burning: ['burning', 'by'],
  torture: ['torture', 'by'],
  drowning: ['drowning', 'by'],
  air_strike: ['airstrikes', 'using'],
  barrel_bomb: ['barrel bombs', 'using'],
  shelling: ['artillery', 'using'],
  rocket: ['rockets', 'using'],
  missile: ['missiles', 'using'],
  ied: ['an IED', 'using'],
  car_bomb: ['a car bomb', 'using'],
  landmine: ['a landmine', 'using'],
  sniper: ['sniper fire', 'using'],
  suicide_attack: ['a suicide attack', 'by'],
  chemical: ['chemical weapons', 'using'],
  knife: ['a knife', 'using'],
};

const ACCUSATION_WORDS: Record<string, string> = {
  collaboration_with_west: 'collaborating with the West',
  collaboration_with_government: 'collaborating with the regime',
  collaboration_with_coalition: 'collaborating with the coalition',
  espionage: 'spying',
  fighting_isis: 'fighting IS',
  apostasy: 'apostasy',
  sorcery: 'sorcery',
  adultery: 'adultery',
  homosexuality: 'homosexuality',
  blasphemy: 'blasphemy',
  theft: 'theft',
  smuggling: 'smuggling',
  desertion: 'desertion',
  drug_use: 'drug use',
  murder: 'murder',
};

/** The count that a type's object phrase states ("executed 19 civilians"). */
const OBJECT_COUNT: Partial<Record<IncidentType, CountKey>> = {
  execution: 'killed',
  attack: 'killed',
  abduction: 'abducted',
  arrests: 'arrested',
  forced_recruitment: 'affected',
  forced_labour: 'affected',
  coercion: 'affected',
  displacement: 'displaced',
  sexual_violence: 'affected',
};

type Verb = (a: string, b: string | null, place: string) => string;

// Each phrase takes the subject, the object (victims or the other side) and the place phrase.
const VERBS: Record<IncidentType, Verb> = {
  armed_clash: (a, b, p) => (b ? `${a} clashed with ${b}${p}` : `${a} took part in clashes${p}`),
  government_regains_territory: (a, _b, p) => `${a} regained control of territory${p}`,
  non_state_overtakes_territory: (a, _b, p) => `${a} took control of territory${p}`,
  air_strike: (a, b, p) => `${a} carried out airstrikes${b ? ` against ${b}` : ''}${p}`,
  shelling: (a, b, p) => `${a} shelled ${b ?? 'targets'}${p}`,
  explosive_device: (a, b, p) => `an explosive device planted by ${a} exploded${b ? ` targeting ${b}` : ''}${p}`,
  suicide_bomb: (a, b, p) => `a suicide bomber from ${a} blew himself up${b ? ` among ${b}` : ''}${p}`,
  chemical_weapon: (a, b, p) => `${a} used chemical weapons${b ? ` against ${b}` : ''}${p}`,
  grenade: (a, b, p) => `${a} threw a grenade${b ? ` at ${b}` : ''}${p}`,
  attack: (a, b, p) => `${a} attacked ${b ?? 'civilians'}${p}`,
  execution: (a, b, p) => `${a} executed ${b ?? 'people'}${p}`,
  abduction: (a, b, p) => `${a} abducted ${b ?? 'people'}${p}`,
  sexual_violence: (a, b, p) => `${a} committed sexual violence against ${b ?? 'civilians'}${p}`,
  peaceful_protest: (a, _b, p) => `${a} protested${p}`,
  protest_with_intervention: (a, b, p) => `${a} protested${p} and were dispersed${b ? ` by ${b}` : ''}`,
  excessive_force_against_protesters: (a, b, p) => `${a} used lethal force against ${b ?? 'protesters'}${p}`,
  violent_demonstration: (a, _b, p) => `${a} rioted${p}`,
  mob_violence: (a, b, p) => `a mob of ${a} attacked ${b ?? 'people'}${p}`,
  arrests: (a, b, p) => `${a} arrested ${b ?? 'people'}${p}`,
  looting: (a, b, p) => `${a} looted or destroyed property${b ? ` of ${b}` : ''}${p}`,
  agreement: (a, b, p) => `${a} reached an agreement${b ? ` with ${b}` : ''}${p}`,
  group_change: (a, _b, p) => `a change in the activity or structure of ${a} was reported${p}`,
  headquarters_established: (a, _b, p) => `${a} established a base${p}`,
  non_violent_transfer: (a, b, p) => `${a} took over territory${b ? ` from ${b}` : ''} without fighting${p}`,
  disrupted_weapons_use: (a, _b, p) => `${a} seized or defused weapons${p}`,
  forced_recruitment: (a, b, p) => `${a} forcibly recruited ${b ?? 'people'}${p}`,
  forced_labour: (a, b, p) => `${a} forced ${b ?? 'people'} into labour${p}`,
  coercion: (a, b, p) => `${a} imposed coercive measures on ${b ?? 'civilians'}${p}`,
  displacement: (a, b, p) => `${b ?? 'people'} were displaced${p}${a === UNKNOWN ? '' : ` by ${a}`}`,
};

const UNKNOWN = 'unidentified perpetrators';

// Types whose notes close with the casualty sentence, as ACLED writes for violent events.
const VIOLENT_EVENT_TYPES = new Set(['Battles', 'Explosions/Remote violence', 'Violence against civilians', 'Riots']);

function englishName(id: string, name: string): string {
  const s = shortName(id);
  if (s) return s;
  return /^[\x20-\x7e]+$/.test(name) && name ? name : id.replace(/_/g, ' ');
}

function listPhrase(xs: string[]): string {
  if (xs.length <= 1) return xs[0] ?? '';
  return `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
}

function number(value: number, approximate: boolean): string {
  return `${approximate ? 'about ' : ''}${value}`;
}

function placePhrase(inc: Incident): string {
  const loc = primaryLocation(inc);
  if (!loc) return '';
  const name = loc.name && /[A-Za-z]/.test(loc.name) ? loc.name : null;
  // «Deir ez-Zor in Deir-ez-Zor»: the same name spelled twice says nothing
  const key = (x: string) => x.toLowerCase().replace(/[^a-z]/g, '');
  const admin1 =
    loc.admin1 && /[A-Za-z]/.test(loc.admin1) && (!name || key(loc.admin1) !== key(name)) ? loc.admin1 : null;
  if (loc.precision === 3 || !name) return (admin1 ?? name) ? ` in ${admin1 ?? name}` : '';
  const prep = loc.precision === 2 ? 'near' : 'in';
  return ` ${prep} ${name}${admin1 ? ` in ${admin1}` : ''}`;
}

function capitalise(s: string): string {
  return s ? s.charAt(0).toUpperCase() + s.slice(1) : s;
}

export function acledNotes(inc: Incident): string {
  const perps = actorsByRole(inc, 'perpetrator').map((a) => englishName(a.id, a.name));
  const others = actorsByRole(inc, 'victim', 'target').map((a) => englishName(a.id, a.name));
  const subject = perps.length
    ? listPhrase([...new Set(perps)])
    : inc.type === 'air_strike'
      ? 'unidentified warplanes'
      : UNKNOWN;
  const objectKey = OBJECT_COUNT[inc.type];
  const objectCount = objectKey ? inc.counts[objectKey] : undefined;
  let object: string | null = others.length ? listPhrase([...new Set(others)]) : null;
  if (objectCount) object = `${number(objectCount.value, objectCount.approximate)} ${object ?? 'people'}`;

  let clause = VERBS[inc.type](subject, object, placePhrase(inc));
  for (const prep of ['by', 'using'] as const) {
    const ms = [
      ...new Set(
        inc.methods.map((m): [string, 'by' | 'using'] => METHOD_WORDS[m.id] ?? [m.id.replace(/_/g, ' '), 'using']),
      ),
    ]
      .filter(([, p]) => p === prep)
      .map(([w]) => w);
    if (ms.length) clause += ` ${prep} ${listPhrase([...new Set(ms)])}`;
  }
  if (inc.accusations.length) {
    clause += ` on charges of ${listPhrase([...new Set(inc.accusations.map((a) => ACCUSATION_WORDS[a.id] ?? a.id))])}`;
  }
  const when = datePhrase(inc.time);
  const sentences = [when ? `${when}, ${clause}.` : `${capitalise(clause)}.`];

  const killed = inc.counts.killed;
  const injured = inc.counts.injured;
  const killedStated = objectKey === 'killed' && !!killed;
  const parts: string[] = [];
  if (killed && killed.value > 0 && !killedStated)
    parts.push(
      `${number(killed.value, killed.approximate)} ${killed.value === 1 ? 'person was' : 'people were'} killed`,
    );
  if (injured && injured.value > 0)
    parts.push(
      `${number(injured.value, injured.approximate)} ${injured.value === 1 ? 'person was' : 'people were'} injured`,
    );
  if (parts.length) sentences.push(`${capitalise(parts.join(' and '))}.`);
  // an execution kills even when the source gives no figure: «neither fatalities…» would contradict it
  else if (!killedStated && inc.type !== 'execution' && inc.acled && VIOLENT_EVENT_TYPES.has(inc.acled.event_type)) {
    sentences.push('Neither fatalities nor injuries were reported.');
  }
  return sentences.join(' ');
}
