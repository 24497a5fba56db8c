// The attribute schema of the extraction lexicons: which attributes each file may carry and which of
// them are flags. Split from lexicons.ts, which parses the values.
import { LexiconFormatError, type LexiconEntry } from '../lexicon/load.ts';

export function fail(e: LexiconEntry, msg: string): never {
  throw new LexiconFormatError(`${e.file}:${e.line}: [${e.id}] ${msg}`);
}

// The attributes each extraction file may carry, and which of them are yes/no flags (written `true`
// or `false`, nothing else). An attribute not listed here is a typo: the lexicon test fails on it
// instead of extraction silently ignoring it.
const TEXT = 'text';
const FLAG = 'flag';
export const ATTRIBUTES: Record<string, Record<string, typeof TEXT | typeof FLAG>> = {
  triggers: {
    type: TEXT,
    outcome: TEXT,
    method: TEXT,
    count: TEXT,
    weight: TEXT,
    violations: TEXT,
    if_fighters: TEXT,
    if_killed: TEXT,
    if_government: TEXT,
    if_place: TEXT,
    if_non_state: TEXT,
    strike: TEXT,
    generic: FLAG,
    instrument: FLAG,
    party: TEXT,
  },
  actors: {
    actor: TEXT,
    name: TEXT,
    side: TEXT,
    group: TEXT,
    also: TEXT,
    in_country: TEXT,
    anaphor: FLAG,
    needs_name: FLAG,
    country: FLAG,
    cased: FLAG,
    aircraft: FLAG,
  },
  methods: { method: TEXT, if_air: TEXT },
  accusations: { accusation: TEXT, charged: FLAG },
  attribution: { source: TEXT, speech: FLAG },
  cues: { effect: TEXT, kind: TEXT, scope: TEXT, reach: TEXT, realis: TEXT, opening: TEXT },
  'count-nouns': { count: TEXT, subset: FLAG, one: FLAG, ordinal: FLAG, rest: FLAG },
  violations: { violation: TEXT, types: TEXT },
  aircraft: { vehicle: TEXT },
  fighters: { kind: TEXT, person: FLAG },
  crowds: { kind: TEXT },
  roles: { role: TEXT, site: FLAG },
};

/** Every attribute of the entry is one its file declares, and every flag is `true` or `false`. */
export function checkAttributes(file: string, e: LexiconEntry): void {
  const schema = ATTRIBUTES[file];
  if (!schema) return;
  for (const [k, v] of Object.entries(e.attrs)) {
    const kind = schema[k];
    if (!kind) fail(e, `unknown attribute "${k}" (${file}.txt takes ${Object.keys(schema).join(', ')})`);
    if (kind === FLAG && v !== 'true' && v !== 'false') fail(e, `${k} = ${v}: expected true or false`);
  }
}
