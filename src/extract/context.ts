// The per-document context every extraction stage reads: the analysed text, the lexicon mentions,
// the quantities, times and places found by their own modules, and token → sentence/clause maps.
import type { AnalyzedText } from '../text/analyze.ts';
import type { Quantity } from '../quantity/types.ts';
import type { TimeMention } from '../time/types.ts';
import type { PlaceMention } from '../geo/types.ts';
import type { Lexicons } from './lexicons.ts';
import type { Mentions } from './mentions.ts';
import type { ExtractionIssue } from '../schema.ts';

export interface DocContext {
  a: AnalyzedText;
  lex: Lexicons;
  m: Mentions;
  quantities: Quantity[];
  times: TimeMention[];
  places: PlaceMention[];
  published: string | null;
  /** token → sentence index (-1 outside any sentence) */
  sentOf: Int32Array;
  /** token → document-wide clause index */
  clauseOf: Int32Array;
  /** the armed actor the document is about («التنظيم» = IS in an IS report), or null */
  subject: string | null;
  /** a document of monthly or countrywide tallies (SNHR-style) */
  tally: boolean;
  /** the country most of the report's places lie in (ISO2), or null */
  country: string | null;
  /** tokens inside a list of charges («بتهم مثل العمالة للنظام، والتنسيق مع الصحوات في تركيا») */
  chargeTokens: Set<number>;
  /** token → the count-noun mention covering it, and whether a trigger covers it (built once) */
  countNounAtToken: Array<Mentions['countNouns'][number] | undefined>;
  triggerAtToken: Uint8Array;
  /** mentions grouped by sentence, so that per-sentence lookups stay linear in long documents */
  ix: SentenceIndex;
  issues: ExtractionIssue[];
}

export interface SentenceIndex {
  triggers: Mentions['triggers'][];
  actors: Mentions['actors'][];
  cues: Mentions['cues'][];
  fighters: Mentions['fighters'][];
  roles: Mentions['roles'][];
  aircraft: Mentions['aircraft'][];
  crowds: Mentions['crowds'][];
  attributions: Mentions['attributions'][];
  accusations: Mentions['accusations'][];
  /** quantities by first token, and the tokens where a quantity or its counted noun ends */
  quantityAt: Map<number, Quantity[]>;
  quantityEnds: Set<number>;
}

function group<T extends { sentence: number }>(list: T[], n: number): T[][] {
  // a plain loop: Array.from({ length: n }, …) takes V8's generic array-like path
  const out: T[][] = new Array<T[]>(n);
  for (let i = 0; i < n; i++) out[i] = [];
  for (const x of list) if (x.sentence >= 0 && x.sentence < n) out[x.sentence]!.push(x);
  return out;
}

export function sentenceIndex(sentences: number, m: Mentions, quantities: Quantity[]): SentenceIndex {
  const quantityAt = new Map<number, Quantity[]>();
  const quantityEnds = new Set<number>();
  for (const q of quantities) {
    quantityAt.set(q.tokenStart, [...(quantityAt.get(q.tokenStart) ?? []), q]);
    if (!q.unit) {
      quantityEnds.add(q.tokenEnd);
      if (q.noun) quantityEnds.add(q.noun.tokenEnd);
    }
  }
  return {
    triggers: group(m.triggers, sentences),
    actors: group(m.actors, sentences),
    cues: group(m.cues, sentences),
    fighters: group(m.fighters, sentences),
    roles: group(m.roles, sentences),
    aircraft: group(m.aircraft, sentences),
    crowds: group(m.crowds, sentences),
    attributions: group(m.attributions, sentences),
    accusations: group(m.accusations, sentences),
    quantityAt,
    quantityEnds,
  };
}

/** Per-token indexes of the mentions that argument finding looks up again and again. */
export function tokenIndexes(n: number, m: Mentions): Pick<DocContext, 'countNounAtToken' | 'triggerAtToken'> {
  const countNounAtToken: DocContext['countNounAtToken'] = new Array<DocContext['countNounAtToken'][number]>(n);
  for (const c of m.countNouns) for (let t = c.tokenStart; t < c.tokenEnd; t++) countNounAtToken[t] ??= c;
  const triggerAtToken = new Uint8Array(n);
  for (const t of m.triggers)
    if (t.value.type !== 'none') for (let i = t.tokenStart; i < t.tokenEnd; i++) triggerAtToken[i] = 1;
  return { countNounAtToken, triggerAtToken };
}

export function tokenMaps(a: AnalyzedText): { sentOf: Int32Array; clauseOf: Int32Array } {
  const sentOf = new Int32Array(a.tokens.length).fill(-1);
  const clauseOf = new Int32Array(a.tokens.length).fill(-1);
  let c = 0;
  for (const s of a.sentences) {
    for (let t = s.tokenStart; t < s.tokenEnd; t++) sentOf[t] = s.i;
    for (const cl of s.clauses) {
      for (let t = cl.tokenStart; t < cl.tokenEnd; t++) clauseOf[t] = c;
      c++;
    }
  }
  // tokens between clauses (rare: punctuation-only splits) take the clause before them
  for (let t = 1; t < clauseOf.length; t++)
    if (clauseOf[t]! < 0 && sentOf[t] === sentOf[t - 1]) clauseOf[t] = clauseOf[t - 1]!;
  return { sentOf, clauseOf };
}

/** [rawStart, rawEnd) of tokens [from, to). */
export function rawSpanOfTokens(a: AnalyzedText, from: number, to: number): [number, number] {
  return [a.tokens[from]!.rawStart, a.tokens[to - 1]!.rawEnd];
}

export function tokenHas(a: AnalyzedText, t: number, keys: ReadonlySet<string>): boolean {
  const tok = a.tokens[t];
  if (!tok) return false;
  for (const k of tok.keys) if (keys.has(k)) return true;
  return false;
}
