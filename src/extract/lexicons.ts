// The extraction lexicons of one language, parsed from lexicons/<lang>/*.txt and compiled into
// matchers. Attributes are checked here against the contract so that a typo in a data file fails the
// lexicon test instead of producing an incident with an unknown type.
import { Lexicon } from '../lexicon/matcher.ts';
import { loadLexicon, type LexiconEntry } from '../lexicon/load.ts';
import { checkAttributes, fail } from './lexicon-schema.ts';
import type { Accusation, CountKey, IncidentType, Method, Violation } from '../schema.ts';
import { ACCUSATIONS, COUNT_KEYS, INCIDENT_TYPES, METHODS, VIOLATIONS } from '../taxonomy.ts';

export { ATTRIBUTES, checkAttributes } from './lexicon-schema.ts';

export type Lang = 'ar' | 'en';

export interface TriggerValue {
  id: string;
  /** `none` blocks shorter triggers inside a longer phrase («تذبح بصمت») */
  type: IncidentType | 'none';
  outcome?: CountKey;
  method?: Method;
  count?: CountKey;
  weight: number;
  violations: Violation[];
  ifFighters?: IncidentType;
  /** type when the word names people killed by others («قتلت القوة ثلاثة انتحاريين»), not the doers */
  ifKilled?: IncidentType;
  ifGovernment?: IncidentType;
  /** type when the word's object is a named place («captured Kafr Nabuda»), not people («captured two fighters») */
  ifPlace?: IncidentType;
  /** type when the perpetrator is a named non-state armed group (ACLED: only state forces make arrests) */
  ifNonState?: IncidentType;
  /** a strike word whose type depends on an aircraft word nearby */
  genericStrike: boolean;
  /** a strike word that names an event only with an aircraft word as its doer («warplanes struck») */
  aircraftOnly: boolean;
  /** a general word of its type («منع», «أجبر») that does not tell one measure from another */
  generic: boolean;
  /** the word names the weapon, not the event («بالمدفعية», «بالدبابات»): its article refers to no event told before */
  instrument: boolean;
  /** `party = armed`: the word tells an incident only with a side of the conflict named in its frame
   * (an agreement of two companies, a merger of firms, a prize handed over are none) */
  armedParty: boolean;
}

export interface ActorValue {
  id: string;
  actor: string;
  name: string;
  side: 'armed' | 'civilian';
  group?: string;
  anaphor: boolean;
  /** with `anaphor`: only where the report names the actor outright («the army» of a report on the regime) */
  needsName: boolean;
  country: boolean;
  also?: string;
  /** the actor to use instead when the report is set in a country: {IQ: 'pmf'} */
  inCountry?: Record<string, string>;
  /** letter case must match the pattern («IS» the group, not «is» the verb) */
  cased: boolean;
}

export const REALIS = ['actual', 'habitual', 'generic', 'background', 'hypothetical', 'attempt', 'historical'] as const;
export type Realis = (typeof REALIS)[number];

export interface CueValue {
  id: string;
  effect: 'suppress' | 'lower' | 'realis' | 'none';
  kind: string;
  scope: 'after' | 'sentence' | 'rest' | 'list' | 'clause';
  reach: number;
  /** with effect = realis: what the cue says of the events it reaches */
  realis?: Realis;
  /** the kind the cue takes when it opens its sentence («كما شنت الطائرات…»: another event) */
  opening?: string;
}

export interface RoleValue {
  id: string;
  role: 'perpetrator' | 'target' | 'ignore';
  /** the marker names a post or position of the side («حواجز», «مواقع»), not its people */
  site?: boolean;
}

export interface AttributionValue {
  id: string;
  source: string;
  /** a verb of saying: the name after it speaks when reported speech follows (actors.ts) */
  speech?: boolean;
}

export interface CountNounValue {
  id: string;
  count: CountKey | 'none';
  subset: boolean;
  one: boolean;
  /** an ordinal that stands for one more person after a casualty word when it has no article
   * («وأصيب ثالث»); with the article it ranks one of a group («الانتحاري الرابع») */
  ordinal: boolean;
  rest: boolean;
}

export interface FighterValue {
  id: string;
  person: boolean;
  /** `kind = none`: a longer phrase that holds a fighters word but names no fighter («council member») */
  block: boolean;
}

export interface ViolationValue {
  id: string;
  violation: Violation;
  types: IncidentType[] | null;
}

/** `charged`: the word names this charge only inside a charge («بتهمة القتل», "accused of murder") */
export type AccusationValue = { id: string; accusation: Accusation; charged: boolean };

export interface Lexicons {
  lang: Lang;
  triggers: Lexicon<TriggerValue>;
  actors: Lexicon<ActorValue>;
  methods: Lexicon<{ id: string; method: Method }>;
  accusations: Lexicon<AccusationValue>;
  attribution: Lexicon<AttributionValue>;
  cues: Lexicon<CueValue>;
  countNouns: Lexicon<CountNounValue>;
  violations: Lexicon<ViolationValue>;
  aircraft: Lexicon<{ id: string }>;
  /** person = no: a military target (checkpoint, convoy), not people */
  fighters: Lexicon<FighterValue>;
  crowds: Lexicon<{ id: string }>;
  roles: Lexicon<RoleValue>;
  actorNames: Map<string, string>;
  /** actors with an air force (`aircraft = true`): the only ones an air strike can be the act of */
  airForces: Set<string>;
  /** `if_air` of methods.txt: the method an air strike's word means («صواريخ» from aircraft are missiles) */
  airMethods: Map<Method, Method>;
  /** every file above in one matcher, each value tagged with its file: one pass over the tokens */
  all: Lexicon<TaggedValue>;
}

export type LexiconKind =
  | 'triggers'
  | 'actors'
  | 'methods'
  | 'accusations'
  | 'attribution'
  | 'cues'
  | 'countNouns'
  | 'violations'
  | 'aircraft'
  | 'fighters'
  | 'roles'
  | 'crowds';

export interface TaggedValue {
  kind: LexiconKind;
  value: unknown;
}

function flag(e: LexiconEntry, key: string): boolean {
  return e.attrs[key] === 'true';
}

function oneOf<T extends string>(e: LexiconEntry, key: string, allowed: readonly T[], optional: true): T | undefined;
function oneOf<T extends string>(e: LexiconEntry, key: string, allowed: readonly T[], optional?: false): T;
function oneOf<T extends string>(e: LexiconEntry, key: string, allowed: readonly T[], optional = false): T | undefined {
  const v = e.attrs[key];
  if (v === undefined || v === '') {
    if (optional) return undefined;
    fail(e, `missing "${key}"`);
  }
  if (!(allowed as readonly string[]).includes(v)) fail(e, `${key} = ${v} is not one of ${allowed.join(', ')}`);
  return v as T;
}

function list<T extends string>(e: LexiconEntry, key: string, allowed: readonly T[]): T[] {
  const v = e.attrs[key];
  if (!v) return [];
  return v.split(',').map((s) => {
    const t = s.trim();
    if (!(allowed as readonly string[]).includes(t)) fail(e, `${key}: ${t} is not one of ${allowed.join(', ')}`);
    return t as T;
  });
}

function num(e: LexiconEntry, key: string, dflt: number): number {
  const v = e.attrs[key];
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isFinite(n)) fail(e, `${key} = ${v} is not a number`);
  return n;
}

const allPatterns = new Map<string, Array<{ pattern: string; value: TaggedValue }>>();

function compile<T>(
  entries: LexiconEntry[],
  value: (e: LexiconEntry) => T,
  kind?: LexiconKind,
  into?: Array<{ pattern: string; value: TaggedValue }>,
): Lexicon<T> {
  const out: Array<{ pattern: string; value: T }> = [];
  for (const e of entries) {
    const v = value(e);
    for (const pattern of e.match) {
      out.push({ pattern, value: v });
      if (kind && into) into.push({ pattern, value: { kind, value: v } });
    }
  }
  return new Lexicon(out);
}

export const TRIGGER_TYPES = [...INCIDENT_TYPES, 'none'] as const;

export function triggerValue(e: LexiconEntry): TriggerValue {
  return {
    id: e.id,
    type: oneOf(e, 'type', TRIGGER_TYPES),
    outcome: oneOf(e, 'outcome', COUNT_KEYS, true),
    method: oneOf(e, 'method', METHODS, true),
    count: oneOf(e, 'count', COUNT_KEYS, true),
    weight: num(e, 'weight', 1),
    violations: list(e, 'violations', VIOLATIONS),
    ifFighters: oneOf(e, 'if_fighters', INCIDENT_TYPES, true),
    ifKilled: oneOf(e, 'if_killed', INCIDENT_TYPES, true),
    ifGovernment: oneOf(e, 'if_government', INCIDENT_TYPES, true),
    ifPlace: oneOf(e, 'if_place', INCIDENT_TYPES, true),
    ifNonState: oneOf(e, 'if_non_state', INCIDENT_TYPES, true),
    genericStrike: oneOf(e, 'strike', ['generic', 'aircraft'] as const, true) === 'generic',
    aircraftOnly: e.attrs.strike === 'aircraft',
    generic: flag(e, 'generic'),
    instrument: flag(e, 'instrument'),
    armedParty: oneOf(e, 'party', ['armed'] as const, true) === 'armed',
  };
}

export function actorValue(e: LexiconEntry): ActorValue {
  const actor = e.attrs.actor;
  if (!actor) fail(e, 'missing "actor"');
  return {
    id: e.id,
    actor,
    name: e.attrs.name ?? actor,
    side: oneOf(e, 'side', ['armed', 'civilian'] as const, true) ?? 'armed',
    group: e.attrs.group,
    anaphor: flag(e, 'anaphor'),
    needsName: flag(e, 'needs_name'),
    country: flag(e, 'country'),
    also: e.attrs.also,
    cased: flag(e, 'cased'),
    inCountry: e.attrs.in_country
      ? Object.fromEntries(
          e.attrs.in_country
            .split(',')
            .map((x) =>
              x
                .trim()
                .split(':')
                .map((y) => y.trim()),
            )
            .flatMap((kv): Array<[string, string]> => {
              const [k, v] = kv;
              return kv.length === 2 && k && v ? [[k, v]] : [];
            }),
        )
      : undefined,
  };
}

export function cueValue(e: LexiconEntry): CueValue {
  return {
    id: e.id,
    effect: oneOf(e, 'effect', ['suppress', 'lower', 'realis', 'none'] as const),
    kind: e.attrs.kind ?? 'other',
    scope: oneOf(e, 'scope', ['after', 'sentence', 'rest', 'list', 'clause'] as const, true) ?? 'after',
    reach: num(e, 'reach', 6),
    realis: oneOf(e, 'realis', REALIS, true),
    ...(e.attrs.opening ? { opening: oneOf(e, 'opening', ['another'] as const) } : {}),
  };
}

/** A reader of one file's entries. */
type Read<T> = (e: LexiconEntry) => T;

/** Every attribute reader by file name, so the lexicon test can check each file's attributes. */
export const VALUE_READERS: Record<string, (e: LexiconEntry) => unknown> = {
  triggers: triggerValue,
  actors: actorValue,
  methods: (e) => ({ id: e.id, method: oneOf(e, 'method', METHODS) }),
  accusations: (e) => ({ id: e.id, accusation: oneOf(e, 'accusation', ACCUSATIONS), charged: flag(e, 'charged') }),
  attribution: (e) => ({
    id: e.id,
    source: e.attrs.source ?? 'generic',
    ...(flag(e, 'speech') ? { speech: true } : {}),
  }),
  cues: cueValue,
  'count-nouns': (e) => ({
    id: e.id,
    count: oneOf(e, 'count', [...COUNT_KEYS, 'none'] as const),
    subset: flag(e, 'subset'),
    one: flag(e, 'one'),
    ordinal: flag(e, 'ordinal'),
    rest: flag(e, 'rest'),
  }),
  violations: (e) => ({
    id: e.id,
    violation: oneOf(e, 'violation', VIOLATIONS),
    types: e.attrs.types ? list(e, 'types', INCIDENT_TYPES) : null,
  }),
  aircraft: (e) => ({ id: e.id }),
  fighters: (e) => ({
    id: e.id,
    person: e.attrs.person !== 'false',
    block: oneOf(e, 'kind', ['fighters', 'none'] as const) === 'none',
  }),
  crowds: (e) => ({ id: e.id }),
  roles: (e) => ({
    id: e.id,
    role: oneOf(e, 'role', ['perpetrator', 'target', 'ignore'] as const),
    ...(flag(e, 'site') ? { site: true } : {}),
  }),
};

const cache = new Map<string, Lexicons>();

export function lexiconsFor(lang: Lang, dir?: string): Lexicons {
  const key = `${lang}:${dir ?? ''}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const load = (name: string) => {
    const entries = loadLexicon(lang, name, dir);
    for (const e of entries) checkAttributes(name, e);
    return entries;
  };
  const actorEntries = load('actors');
  const actorNames = new Map<string, string>();
  const airForces = new Set<string>();
  for (const e of actorEntries) {
    if (e.attrs.actor && !actorNames.has(e.attrs.actor)) actorNames.set(e.attrs.actor, e.attrs.name ?? e.attrs.actor);
    if (e.attrs.actor && flag(e, 'aircraft')) airForces.add(e.attrs.actor);
  }
  const airMethods = new Map<Method, Method>();
  for (const e of load('methods')) {
    if (!e.attrs.if_air) continue;
    const from = oneOf(e, 'method', METHODS);
    const to = oneOf(e, 'if_air', METHODS);
    if (airMethods.has(from) && airMethods.get(from) !== to)
      fail(e, `if_air = ${to} contradicts another entry of ${from}`);
    airMethods.set(from, to);
  }
  const tagged: Array<{ pattern: string; value: TaggedValue }> = [];
  allPatterns.set(key, tagged);
  const lex: Lexicons = {
    lang,
    triggers: compile(load('triggers'), triggerValue, 'triggers', tagged),
    actors: compile(actorEntries, actorValue, 'actors', tagged),
    methods: compile(load('methods'), VALUE_READERS.methods as Read<{ id: string; method: Method }>, 'methods', tagged),
    accusations: compile(
      load('accusations'),
      VALUE_READERS.accusations as Read<AccusationValue>,
      'accusations',
      tagged,
    ),
    attribution: compile(
      load('attribution'),
      VALUE_READERS.attribution as (e: LexiconEntry) => AttributionValue,
      'attribution',
      tagged,
    ),
    cues: compile(load('cues'), cueValue, 'cues', tagged),
    countNouns: compile(
      load('count-nouns'),
      VALUE_READERS['count-nouns'] as (e: LexiconEntry) => CountNounValue,
      'countNouns',
      tagged,
    ),
    violations: compile(
      load('violations'),
      VALUE_READERS.violations as (e: LexiconEntry) => ViolationValue,
      'violations',
      tagged,
    ),
    aircraft: compile(
      load('aircraft'),
      VALUE_READERS.aircraft as (e: LexiconEntry) => { id: string },
      'aircraft',
      tagged,
    ),
    fighters: compile(
      load('fighters'),
      VALUE_READERS.fighters as (e: LexiconEntry) => FighterValue,
      'fighters',
      tagged,
    ),
    crowds: compile(load('crowds'), VALUE_READERS.crowds as (e: LexiconEntry) => { id: string }, 'crowds', tagged),
    roles: compile(load('roles'), VALUE_READERS.roles as (e: LexiconEntry) => RoleValue, 'roles', tagged),
    actorNames,
    airForces,
    airMethods,
    all: new Lexicon(tagged),
  };
  allPatterns.delete(key);
  cache.set(key, lex);
  return lex;
}
