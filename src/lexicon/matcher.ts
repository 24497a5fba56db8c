// The lexicon matcher: multi-word patterns over token keys. A pattern is words separated by spaces,
// each normalised; a word ending in «*» matches any key it starts (اعدم* → أعدمت، أعدموهم), a lone
// «~» skips one optional token. Lookup is by the first word, so cost grows with tokens, not entries.
import { normalizeString } from '../text/normalize.ts';
import { arabicKeys, type Token } from '../text/tokens.ts';

interface Word {
  text: string;
  prefix: boolean;
  optional: boolean;
}

interface Compiled<T> {
  words: Word[];
  value: T;
  pattern: string;
}

export interface Match<T> {
  value: T;
  pattern: string;
  tokenStart: number;
  tokenEnd: number;
  /** normalised offsets */
  start: number;
  end: number;
  /** raw offsets */
  rawStart: number;
  rawEnd: number;
}

export function parsePattern(pattern: string): Word[] {
  return pattern
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => {
      if (w === '~') return { text: '', prefix: false, optional: true };
      const prefix = w.endsWith('*');
      const text = normalizeString(prefix ? w.slice(0, -1) : w);
      return { text, prefix, optional: false };
    });
}

/** The key a lexicon word is stored under: an Arabic word loses «ال» so «الإعدامات» meets «بالإعدامات». */
function storedKey(w: Word): string {
  if (w.prefix || !/[\u0600-\u06ff]/.test(w.text)) return w.text;
  const keys = arabicKeys(w.text);
  const withoutArticle = w.text.startsWith('ال') && w.text.length > 3 ? w.text.slice(2) : null;
  return withoutArticle && keys.includes(withoutArticle) ? withoutArticle : w.text;
}

function wordMatches(w: Word, tok: Token): boolean {
  if (w.prefix) {
    for (const k of tok.keys) if (k.startsWith(w.text)) return true;
    return false;
  }
  return tok.keys.includes(w.text);
}

interface PrefixNode<T> {
  next: Map<number, PrefixNode<T>>;
  /** patterns whose first word is the prefix spelled by the path to this node */
  here: Compiled<T>[] | null;
}

const CACHE_LIMIT = 50_000;
const NO_CANDIDATES: Compiled<unknown>[] = [];

export class Lexicon<T> {
  private exact = new Map<string, Compiled<T>[]>();
  /** prefix patterns in a trie by character, so a key is walked once without slicing it */
  private prefixes: PrefixNode<T> = { next: new Map(), here: null };
  readonly size: number;

  constructor(entries: Array<{ pattern: string; value: T }>) {
    let size = 0;
    for (const e of entries) {
      const words = parsePattern(e.pattern).map((w) => (w.prefix || w.optional ? w : { ...w, text: storedKey(w) }));
      if (words.length === 0 || words[0]!.optional || !words[0]!.text) continue;
      const c: Compiled<T> = { words, value: e.value, pattern: e.pattern };
      const first = words[0]!;
      if (first.prefix) {
        let node = this.prefixes;
        for (let k = 0; k < first.text.length; k++) {
          const ch = first.text.charCodeAt(k);
          let child = node.next.get(ch);
          if (!child) node.next.set(ch, (child = { next: new Map(), here: null }));
          node = child;
        }
        (node.here ??= []).push(c);
      } else {
        const list = this.exact.get(first.text) ?? [];
        list.push(c);
        this.exact.set(first.text, list);
      }
      size++;
    }
    this.size = size;
  }

  /**
   * Patterns whose first word fits a key, in the order matchAt tries them (exact, then prefixes from
   * the shortest), cached per key: the same words recur in every report, and the trie walk costs a
   * Map probe per character. Keys of 13+ characters are not cached because V8 may keep such a slice
   * as a view on the whole document text; the cache is cleared when it grows past CACHE_LIMIT keys.
   */
  private firstWords = new Map<string, Compiled<T>[]>();

  private candidates(key: string): Compiled<T>[] {
    let list = this.firstWords.get(key);
    if (list) return list;
    list = [];
    const ex = this.exact.get(key);
    if (ex) for (const c of ex) list.push(c);
    let node: PrefixNode<T> | undefined = this.prefixes;
    for (let k = 0; k < key.length; k++) {
      node = node.next.get(key.charCodeAt(k));
      if (!node) break;
      if (node.here) for (const c of node.here) list.push(c);
    }
    if (list.length === 0) list = NO_CANDIDATES as Compiled<T>[];
    if (key.length < 13) {
      if (this.firstWords.size >= CACHE_LIMIT) this.firstWords.clear();
      this.firstWords.set(key, list);
    }
    return list;
  }

  /**
   * The candidates of a whole token, merged over its keys in matchAt's order (a prefix pattern that
   * fits two keys once), cached per spelling. The entry remembers the keys array it was built from:
   * tokenize shares one keys array per spelling, so a token whose keys are another array (built
   * elsewhere) is merged afresh rather than trusted to have the same keys.
   */
  private byToken = new Map<string, { keys: string[]; list: Compiled<T>[] }>();

  private tokenCandidates(tok: Token): Compiled<T>[] {
    const keys = tok.keys;
    if (keys.length === 1) return this.candidates(keys[0]!);
    const hit = this.byToken.get(tok.norm);
    if (hit && hit.keys === keys) return hit.list;
    let list: Compiled<T>[] = [];
    let prefixed: Compiled<T>[] | null = null;
    for (const key of keys) {
      for (const c of this.candidates(key)) {
        if (c.words[0]!.prefix) {
          if (prefixed?.includes(c)) continue;
          (prefixed ??= []).push(c);
        }
        list.push(c);
      }
    }
    if (list.length === 0) list = NO_CANDIDATES as Compiled<T>[];
    if (tok.norm.length < 13) {
      if (this.byToken.size >= CACHE_LIMIT) this.byToken.clear();
      this.byToken.set(tok.norm, { keys, list });
    }
    return list;
  }

  /** Every match starting at token i. */
  matchAt(tokens: Token[], i: number, out: Match<T>[] = []): Match<T>[] {
    const list = this.tokenCandidates(tokens[i]!);
    for (let j = 0; j < list.length; j++) this.tryMatch(list[j]!, tokens, i, out);
    return out;
  }

  private tryMatch(c: Compiled<T>, tokens: Token[], i: number, out: Match<T>[]): void {
    const end = this.extend(c.words, 1, tokens, i + 1);
    if (end < 0) return;
    const a = tokens[i]!;
    const b = tokens[end - 1]!;
    out.push({
      value: c.value,
      pattern: c.pattern,
      tokenStart: i,
      tokenEnd: end,
      start: a.start,
      end: b.end,
      rawStart: a.rawStart,
      rawEnd: b.rawEnd,
    });
  }

  /** token index after the last matched word, or -1 */
  private extend(words: Word[], w: number, tokens: Token[], t: number): number {
    if (w === words.length) return t;
    const word = words[w]!;
    if (word.optional) {
      const skipped = t < tokens.length ? this.extend(words, w + 1, tokens, t + 1) : -1;
      return skipped >= 0 ? skipped : this.extend(words, w + 1, tokens, t);
    }
    if (t >= tokens.length || !wordMatches(word, tokens[t]!)) return -1;
    return this.extend(words, w + 1, tokens, t + 1);
  }

  /** Every match in tokens [from, to). */
  matchAll(tokens: Token[], from = 0, to = tokens.length): Match<T>[] {
    const out: Match<T>[] = [];
    for (let i = from; i < to; i++) this.matchAt(tokens, i, out);
    // copied only when a match runs past `to` (rare: most calls cover whole sentences)
    for (const m of out) if (m.tokenEnd > to) return out.filter((x) => x.tokenEnd <= to);
    return out;
  }
}

/** Keep the longest match where matches overlap (earlier first on ties). */
export function longestNonOverlapping<T>(matches: Match<T>[]): Match<T>[] {
  const sorted = [...matches].sort(
    (x, y) => y.tokenEnd - y.tokenStart - (x.tokenEnd - x.tokenStart) || x.tokenStart - y.tokenStart,
  );
  const taken: Match<T>[] = [];
  for (const m of sorted) {
    if (taken.every((t) => m.tokenEnd <= t.tokenStart || m.tokenStart >= t.tokenEnd)) taken.push(m);
  }
  return taken.sort((x, y) => x.tokenStart - y.tokenStart);
}
