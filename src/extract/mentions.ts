// Lexicon matches per sentence (a pattern never spans two sentences), longest first where two
// matches overlap; for triggers a blocking entry (type none) wins a tie, so «تذبح بصمت» hides «ذبح».
import type { Match } from '../lexicon/matcher.ts';
import type { AnalyzedText } from '../text/analyze.ts';
import type {
  AccusationValue,
  ActorValue,
  AttributionValue,
  FighterValue,
  CountNounValue,
  CueValue,
  RoleValue,
  LexiconKind,
  Lexicons,
  TaggedValue,
  TriggerValue,
  ViolationValue,
} from './lexicons.ts';
import type { Method } from '../schema.ts';

export interface Mention<T> extends Match<T> {
  sentence: number;
}

export interface Mentions {
  triggers: Mention<TriggerValue>[];
  actors: Mention<ActorValue>[];
  methods: Mention<{ id: string; method: Method }>[];
  accusations: Mention<AccusationValue>[];
  attributions: Mention<AttributionValue>[];
  cues: Mention<CueValue>[];
  countNouns: Mention<CountNounValue>[];
  violations: Mention<ViolationValue>[];
  aircraft: Mention<{ id: string }>[];
  fighters: Mention<FighterValue>[];
  crowds: Mention<{ id: string }>[];
  roles: Mention<RoleValue>[];
}

function resolve(matches: Match<TaggedValue>[], prefer: (v: unknown) => number): Match<TaggedValue>[] {
  if (matches.length < 2 || disjointInOrder(matches)) return matches;
  // `matches` is one kind's list for one sentence, built by findMentions and not used after this: it
  // is sorted in place by insertion, stable like Array.prototype.sort but with no work array (the
  // sorts here were a tenth of the pipeline's allocation)
  sortInPlace(
    matches,
    (x, y) =>
      y.tokenEnd - y.tokenStart - (x.tokenEnd - x.tokenStart) ||
      prefer(y.value.value) - prefer(x.value.value) ||
      x.tokenStart - y.tokenStart,
  );
  const taken: Match<TaggedValue>[] = [];
  for (const m of matches) {
    let free = true;
    for (const t of taken) {
      if (m.tokenEnd > t.tokenStart && m.tokenStart < t.tokenEnd) {
        free = false;
        break;
      }
    }
    if (free) taken.push(m);
  }
  return sortInPlace(taken, (x, y) => x.tokenStart - y.tokenStart);
}

/** Stable in-place sort: by insertion for the short lists of one sentence, the built-in one (also stable) past that. */
function sortInPlace<T>(a: T[], cmp: (x: T, y: T) => number): T[] {
  if (a.length > 32) return a.sort(cmp);
  for (let i = 1; i < a.length; i++) {
    const x = a[i]!;
    let j = i - 1;
    while (j >= 0 && cmp(a[j]!, x) > 0) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = x;
  }
  return a;
}

/**
 * Each match starts at or after the end of the one before it: then every match is kept and the
 * result, in token order, is the list itself (the common case, which needs no sorting).
 */
function disjointInOrder(matches: Match<unknown>[]): boolean {
  for (let k = 1; k < matches.length; k++) if (matches[k]!.tokenStart < matches[k - 1]!.tokenEnd) return false;
  return true;
}

/** «IS» the group and «is» the verb normalise alike; an entry marked `cased` keeps the pattern's case. */
export function sameCase(raw: string, pattern: string): boolean {
  const words = raw.split(/\s+/).filter(Boolean);
  const pat = pattern.split(/\s+/).filter((w) => w !== '~');
  return pat.every((p, i) => (p.endsWith('*') ? (words[i] ?? '').startsWith(p.slice(0, -1)) : words[i] === p));
}

// Matches stay tagged with their lexicon kind until they are kept; the mention is then written out
// field by field (a spread per match was a visible share of extraction time; the field order is the
// one the spreads gave).
function withSentence(m: Match<TaggedValue>, sentence: number): Mention<unknown> {
  return {
    value: m.value.value,
    pattern: m.pattern,
    tokenStart: m.tokenStart,
    tokenEnd: m.tokenEnd,
    start: m.start,
    end: m.end,
    rawStart: m.rawStart,
    rawEnd: m.rawEnd,
    sentence,
  };
}

function triggerType(m: Match<TaggedValue>): TriggerValue['type'] {
  return (m.value.value as TriggerValue).type;
}

function dropSelfBlocks(matches: Match<TaggedValue>[]): Match<TaggedValue>[] {
  // most sentences have no block at all
  if (!matches.some((m) => triggerType(m) === 'none')) return matches;
  const typed = new Set(
    matches.filter((m) => triggerType(m) !== 'none').map((m) => `${m.tokenStart}:${m.tokenEnd}:${m.pattern}`),
  );
  return matches.filter((m) => triggerType(m) !== 'none' || !typed.has(`${m.tokenStart}:${m.tokenEnd}:${m.pattern}`));
}

type Prefer = (v: never) => number;

const PREFER: Partial<Record<LexiconKind, Prefer>> = {
  triggers: (v: TriggerValue) => (v.type === 'none' ? 1 : 0),
  actors: (v: ActorValue) => (v.anaphor ? 0 : 1),
  attribution: (v: AttributionValue) => (v.source === 'generic' ? 0 : 1),
  cues: (v: CueValue) => (v.effect === 'none' ? 1 : 0),
  fighters: (v: FighterValue) => (v.block ? 1 : 0),
};

const KINDS: LexiconKind[] = [
  'triggers',
  'actors',
  'methods',
  'accusations',
  'attribution',
  'cues',
  'countNouns',
  'violations',
  'aircraft',
  'fighters',
  'roles',
  'crowds',
];

/** One pass of the combined matcher per sentence; overlaps are then settled inside each file. */
export function findMentions(a: AnalyzedText, lex: Lexicons): Mentions {
  const out = Object.fromEntries(KINDS.map((k) => [k, [] as Mention<unknown>[]])) as Record<
    LexiconKind,
    Mention<unknown>[]
  >;
  for (const s of a.sentences) {
    if (s.tokenEnd <= s.tokenStart) continue;
    const byKind = new Map<LexiconKind, Match<TaggedValue>[]>();
    for (const m of lex.all.matchAll(a.tokens, s.tokenStart, s.tokenEnd)) {
      let list = byKind.get(m.value.kind);
      if (!list) byKind.set(m.value.kind, (list = []));
      list.push(m);
    }
    for (const [kind, all] of byKind) {
      const prefer = (PREFER[kind] ?? (() => 0)) as (v: unknown) => number;
      // a block written with the very words of a trigger cannot mean to block that trigger
      let matches = kind === 'triggers' ? dropSelfBlocks(all) : all;
      if (kind === 'actors')
        matches = matches.filter(
          (m) => !(m.value.value as ActorValue).cased || sameCase(a.raw.slice(m.rawStart, m.rawEnd), m.pattern),
        );
      for (const m of resolve(matches, prefer)) {
        // a fighters block has done its work once it has hidden the shorter word
        if (kind === 'fighters' && (m.value.value as FighterValue).block) continue;
        out[kind].push(withSentence(m, s.i));
      }
    }
  }
  return {
    triggers: out.triggers as Mention<TriggerValue>[],
    actors: out.actors as Mention<ActorValue>[],
    methods: out.methods as Mentions['methods'],
    accusations: out.accusations as Mentions['accusations'],
    attributions: out.attribution as Mention<AttributionValue>[],
    cues: out.cues as Mention<CueValue>[],
    countNouns: out.countNouns as Mention<CountNounValue>[],
    violations: out.violations as Mention<ViolationValue>[],
    aircraft: out.aircraft as Mentions['aircraft'],
    fighters: out.fighters as Mentions['fighters'],
    crowds: out.crowds as Mentions['crowds'],
    roles: out.roles as Mentions['roles'],
  };
}
