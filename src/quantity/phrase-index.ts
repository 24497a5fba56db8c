// The quantity vocabulary's phrases indexed by their first word, and the indexes a finder uses.
import type { CliticSplit } from '../text/clitics.ts';
import type { ContextCue, Modifier, Phrase, QuantityVocabulary, VagueWord } from './vocabulary.ts';

export type Stem = CliticSplit;

/** bound on the candidates cache of each phrase index (a dozen of them: kept smaller) */
const PHRASE_CACHE_LIMIT = 20_000;

const NO_PHRASES: ReadonlyArray<never> = [];

// Phrases looked up by their first word, so a token that starts nothing costs one map probe per stem.
export class PhraseIndex<T> {
  private byFirst = new Map<string, Array<Phrase<T>>>();
  /** how many tokens back a before-cue can start: its length plus its window */
  readonly reach: number;

  constructor(phrases: Array<Phrase<T>>) {
    let reach = 0;
    for (const p of phrases) {
      const list = this.byFirst.get(p.words[0]!) ?? [];
      list.push(p);
      this.byFirst.set(p.words[0]!, list);
      const w = (p.value as { window?: unknown }).window;
      reach = Math.max(reach, p.words.length + (typeof w === 'number' ? w : 0));
    }
    for (const list of this.byFirst.values()) list.sort((x, y) => y.words.length - x.words.length);
    this.reach = reach;
  }

  /**
   * candidates(), cached per spelling: cue lookups walk back over the same words for every number.
   * `stems` must be the stems of `norm` (Finder.stems gives them), which is what makes the spelling
   * a sufficient key.
   */
  private bySpelling = new Map<string, ReadonlyArray<Phrase<T>>>();

  cachedCandidates(norm: string, stems: Stem[]): ReadonlyArray<Phrase<T>> {
    let out = this.bySpelling.get(norm);
    if (out === undefined) {
      out = this.candidates(norm, stems);
      if (norm.length < 13) {
        if (this.bySpelling.size >= PHRASE_CACHE_LIMIT) this.bySpelling.clear();
        this.bySpelling.set(norm, out);
      }
    }
    return out;
  }

  /** Phrases opened by the token or one of its stems, longest first. Callers only read the result. */
  candidates(norm: string, stems: Stem[]): ReadonlyArray<Phrase<T>> {
    const first = this.byFirst.get(norm);
    // a list is copied only when a stem adds phrases to it; most tokens open nothing or one list,
    // which the constructor already sorted longest first
    let out: Array<Phrase<T>> | null = null;
    for (const s of stems) {
      if (s.stem === norm) continue;
      const more = this.byFirst.get(s.stem);
      if (!more) continue;
      if (!out) out = first ? [...first] : [];
      for (const p of more) if (!out.includes(p)) out.push(p);
    }
    if (!out) return first ?? NO_PHRASES;
    return out.sort((x, y) => y.words.length - x.words.length);
  }
}

export interface Indexes {
  /** every word that can open a quantity: number words, duals, first words of vague words and modifiers */
  starters: Set<string>;
  /** mayStart's verdict per spelling (OPENS, OPENS_NOT, OPENS_BEFORE_DIGITS), filled as words are met */
  opens: Map<string, number>;
  vague: PhraseIndex<VagueWord>;
  before: PhraseIndex<Modifier>;
  after: PhraseIndex<Modifier>;
  infix: PhraseIndex<Modifier>;
  ordinalCues: PhraseIndex<ContextCue>;
  /** keyed `${unit}:${position}` */
  contexts: Map<string, PhraseIndex<ContextCue>>;
  /** the same indexes by unit alone, one map per position (no key string built per lookup) */
  contextsAfter: Map<string, PhraseIndex<ContextCue>>;
  contextsBefore: Map<string, PhraseIndex<ContextCue>>;
}

export function buildIndexes(v: QuantityVocabulary): Indexes {
  const groups = new Map<string, Array<Phrase<ContextCue>>>();
  for (const c of v.contexts) {
    const key = `${c.value.unit}:${c.value.position}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  const mods = (position: Modifier['position']) =>
    new PhraseIndex(v.modifiers.filter((m) => m.value.position === position));
  const contexts = new Map([...groups].map(([k, list]) => [k, new PhraseIndex(list)]));
  const starters = new Set<string>([...v.numbers.keys(), ...v.duals.keys(), 'a', 'one']);
  for (const p of v.vague) starters.add(p.words[0]!);
  for (const p of v.modifiers) if (p.value.position === 'before') starters.add(p.words[0]!);
  return {
    starters,
    opens: new Map(),
    vague: new PhraseIndex(v.vague),
    before: mods('before'),
    after: mods('after'),
    infix: mods('infix'),
    ordinalCues: new PhraseIndex(v.ordinalCues),
    contexts,
    contextsAfter: byPosition(contexts, 'after'),
    contextsBefore: byPosition(contexts, 'before'),
  };
}

function byPosition(
  contexts: Map<string, PhraseIndex<ContextCue>>,
  position: string,
): Map<string, PhraseIndex<ContextCue>> {
  const out = new Map<string, PhraseIndex<ContextCue>>();
  for (const [key, index] of contexts) {
    const [unit = '', pos] = key.split(':');
    if (pos === position) out.set(unit, index);
  }
  return out;
}
