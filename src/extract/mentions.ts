// Lexicon matches per sentence (a pattern never spans two sentences), longest first where two
// matches overlap; for triggers a blocking entry (type none) wins a tie, so «تذبح بصمت» hides «ذبح».
import type { Match } from '../lexicon/matcher.ts';
import type { AnalyzedText } from '../text/analyze.ts';
import type { Lexicon } from '../lexicon/matcher.ts';
import type {
  ActorValue,
  AttributionValue,
  CountNounValue,
  CueValue,
  Lexicons,
  TriggerValue,
  ViolationValue,
} from './lexicons.ts';
import type { Accusation, Method } from '../schema.ts';

export interface Mention<T> extends Match<T> {
  sentence: number;
}

export interface Mentions {
  triggers: Mention<TriggerValue>[];
  actors: Mention<ActorValue>[];
  methods: Mention<{ id: string; method: Method }>[];
  accusations: Mention<{ id: string; accusation: Accusation }>[];
  attributions: Mention<AttributionValue>[];
  cues: Mention<CueValue>[];
  countNouns: Mention<CountNounValue>[];
  violations: Mention<ViolationValue>[];
  aircraft: Mention<{ id: string }>[];
  fighters: Mention<{ id: string }>[];
  roles: Mention<{ id: string; role: 'perpetrator' | 'target' | 'ignore' }>[];
}

function resolve<T>(matches: Match<T>[], prefer: (v: T) => number): Match<T>[] {
  const sorted = [...matches].sort(
    (x, y) =>
      y.tokenEnd - y.tokenStart - (x.tokenEnd - x.tokenStart) ||
      prefer(y.value) - prefer(x.value) ||
      x.tokenStart - y.tokenStart,
  );
  const taken: Match<T>[] = [];
  for (const m of sorted) {
    if (taken.every((t) => m.tokenEnd <= t.tokenStart || m.tokenStart >= t.tokenEnd)) taken.push(m);
  }
  return taken.sort((x, y) => x.tokenStart - y.tokenStart);
}

function find<T>(a: AnalyzedText, lex: Lexicon<T>, prefer: (v: T) => number = () => 0): Mention<T>[] {
  const out: Mention<T>[] = [];
  for (const s of a.sentences) {
    if (s.tokenEnd <= s.tokenStart) continue;
    for (const m of resolve(lex.matchAll(a.tokens, s.tokenStart, s.tokenEnd), prefer)) out.push({ ...m, sentence: s.i });
  }
  return out;
}

export function findMentions(a: AnalyzedText, lex: Lexicons): Mentions {
  return {
    triggers: find(a, lex.triggers, (v) => (v.type === 'none' ? 1 : 0)),
    actors: find(a, lex.actors, (v) => (v.anaphor ? 0 : 1)),
    methods: find(a, lex.methods),
    accusations: find(a, lex.accusations),
    attributions: find(a, lex.attribution, (v) => (v.source === 'generic' ? 0 : 1)),
    cues: find(a, lex.cues, (v) => (v.effect === 'none' ? 1 : 0)),
    countNouns: find(a, lex.countNouns),
    violations: find(a, lex.violations),
    aircraft: find(a, lex.aircraft),
    fighters: find(a, lex.fighters),
    roles: find(a, lex.roles),
  };
}
