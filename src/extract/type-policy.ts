// Type policy as data (lexicons/types.txt): which incident type swallows another named in the same
// clause, and which type a later sentence may retell under another name. The file is read once and
// checked strictly: an unknown attribute, a type outside the contract or an entry without an example
// fails here, naming the file and the line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LEXICON_DIR, LexiconFormatError, parseLexicon, type LexiconEntry } from '../lexicon/load.ts';
import { INCIDENT_TYPES, type IncidentType } from '../taxonomy.ts';

export interface TypePolicy {
  absorbs: Map<IncidentType, Set<IncidentType>>;
  /** unordered pairs, both ways */
  retold: Map<IncidentType, Set<IncidentType>>;
  entries: LexiconEntry[];
}

const ATTRIBUTES = new Set(['absorbs', 'retold']);
const TYPES: ReadonlySet<string> = new Set(INCIDENT_TYPES);

function fail(e: LexiconEntry, msg: string): never {
  throw new LexiconFormatError(`${e.file}:${e.line}: [${e.id}] ${msg}`);
}

function types(e: LexiconEntry, key: string): IncidentType[] {
  const v = e.attrs[key];
  if (!v) return [];
  return v.split(',').map((s) => {
    const t = s.trim();
    if (!TYPES.has(t)) fail(e, `${key}: "${t}" is not an incident type`);
    return t as IncidentType;
  });
}

export function parseTypePolicy(text: string, file = 'types.txt'): TypePolicy {
  const entries = parseLexicon(text, file);
  const absorbs = new Map<IncidentType, Set<IncidentType>>();
  const retold = new Map<IncidentType, Set<IncidentType>>();
  const add = (m: Map<IncidentType, Set<IncidentType>>, a: IncidentType, b: IncidentType) => {
    const s = m.get(a) ?? new Set<IncidentType>();
    s.add(b);
    m.set(a, s);
  };
  for (const e of entries) {
    if (!TYPES.has(e.id)) fail(e, 'the block id must be an incident type');
    if (e.match.length) fail(e, 'takes no "match"');
    for (const k of Object.keys(e.attrs))
      if (!ATTRIBUTES.has(k)) fail(e, `unknown attribute "${k}" (types.txt takes absorbs, retold)`);
    if (e.examples.length === 0) fail(e, 'has no example');
    const t = e.id as IncidentType;
    if (absorbs.has(t)) fail(e, 'the type has two blocks');
    absorbs.set(t, new Set(types(e, 'absorbs')));
    for (const r of types(e, 'retold')) {
      add(retold, t, r);
      add(retold, r, t);
    }
  }
  return { absorbs, retold, entries };
}

let cached: TypePolicy | null = null;

export function typePolicy(): TypePolicy {
  cached ??= parseTypePolicy(readFileSync(join(LEXICON_DIR, 'types.txt'), 'utf8'));
  return cached;
}

/** «سيارة مفخخة يقودها انتحاري» is one suicide bombing: type a swallows type b named in its clause. */
export function absorbs(a: IncidentType, b: IncidentType): boolean {
  return a === b || typePolicy().absorbs.get(a)?.has(b) === true;
}

/** A later sentence may tell an event of type a under type b («القصف» for the air raid). */
export function retold(a: IncidentType, b: IncidentType): boolean {
  return typePolicy().retold.get(a)?.has(b) === true;
}
