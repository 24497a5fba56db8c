// Token access for the quantity finder: stems of Arabic words (cached), the gaps between tokens,
// number words and phrase matches at a token.
import type { AnalyzedText } from '../text/analyze.ts';
import type { Token } from '../text/tokens.ts';
import { cliticSplits } from '../text/clitics.ts';
import type { NumberWord, Phrase, QuantityVocabulary } from './vocabulary.ts';
import type { Indexes, PhraseIndex, Stem } from './phrase-index.ts';

/** bound on each per-spelling cache (the stems below, the mayStart verdicts of find.ts) */
export const STEM_CACHE_LIMIT = 100_000;

// Stems of an Arabic word, kept across documents: every token is asked whether it can open a
// quantity, and building its stems (24 prefix tests and slices) for each one was a visible share of
// extraction time. Bounded like the token keys cache (src/text/tokens.ts); the lists are shared, so
// nothing may change them.
const stemCache = new Map<string, Stem[]>();

function arabicStems(norm: string): Stem[] {
  let s = stemCache.get(norm);
  if (s) return s;
  s = cliticSplits(norm);
  if (norm.length < 13) {
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
    stemCache.set(norm, s);
  }
  return s;
}

export class TokenReader {
  private stemCache: Array<Stem[] | undefined>;

  constructor(
    protected readonly a: AnalyzedText,
    protected readonly v: QuantityVocabulary,
    protected readonly ix: Indexes,
  ) {
    this.stemCache = new Array<Stem[] | undefined>(a.tokens.length);
  }

  protected get tokens(): Token[] {
    return this.a.tokens;
  }

  stems(i: number): Stem[] {
    let s = this.stemCache[i];
    if (s) return s;
    const t = this.tokens[i]!;
    if (!t.arabic || t.numeric) s = [{ stem: t.norm, conj: false, prep: false, article: false }];
    else s = arabicStems(t.norm);
    this.stemCache[i] = s;
    return s;
  }

  gap(i: number): string {
    const t = this.tokens;
    return this.a.norm.slice(t[i]!.end, t[i + 1]!.start);
  }

  /**
   * The gap after token i holds only spaces and tabs (and hyphens when `hyphen`): the same test as
   * /^[ \t]*$/ on gap(i), without slicing a string for every pair of tokens looked at.
   */
  blankGap(i: number, hyphen = false): boolean {
    const t = this.tokens;
    const s = this.a.norm;
    for (let k = t[i]!.end, e = t[i + 1]!.start; k < e; k++) {
      const c = s.charCodeAt(k);
      if (c !== 32 && c !== 9 && !(hyphen && c === 45)) return false;
    }
    return true;
  }

  /** tokens i and i+1 are separated only by spaces (no punctuation, no line break) */
  plain(i: number): boolean {
    return i + 1 < this.tokens.length && this.blankGap(i);
  }

  numberAt(i: number): { w: NumberWord; s: Stem } | null {
    if (i >= this.tokens.length || this.tokens[i]!.numeric) return null;
    for (const s of this.stems(i)) {
      const w = this.v.numbers.get(s.stem);
      if (w) return { w, s };
    }
    return null;
  }

  /** phrases whose words meet tokens i, i+1, … separated by spaces or hyphens, longest first */
  phrasesAt<T>(index: PhraseIndex<T>, i: number): Array<{ p: Phrase<T>; end: number }> {
    const t = this.tokens;
    const out: Array<{ p: Phrase<T>; end: number }> = [];
    if (i < 0 || i >= t.length) return out;
    for (const p of index.cachedCandidates(t[i]!.norm, this.stems(i))) {
      let k = i + 1;
      let ok = true;
      for (let w = 1; w < p.words.length; w++, k++) {
        if (k >= t.length || !this.blankGap(k - 1, true)) {
          ok = false;
          break;
        }
        const word = p.words[w];
        if (t[k]!.norm !== word && !this.stems(k).some((s) => s.stem === word)) {
          ok = false;
          break;
        }
      }
      if (ok) out.push({ p, end: k });
    }
    return out;
  }

  phraseAt<T>(index: PhraseIndex<T>, i: number): { p: Phrase<T>; end: number } | null {
    return this.phrasesAt(index, i)[0] ?? null;
  }
}
