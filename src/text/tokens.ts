// Tokens over normalised text with clitic-aware word keys: «وأجبرت», «بالدورات», «لعشرات» meet the
// lexicon entries «اجبرت», «دورات», «عشرات».
import type { NormalizedText } from './normalize.ts';
import { arabicKeys } from './clitics.ts';

export { arabicKeys } from './clitics.ts';

export interface Token {
  /** index in the token array */
  i: number;
  /** [start, end) in the normalised text */
  start: number;
  end: number;
  /** [start, end) in the raw text */
  rawStart: number;
  rawEnd: number;
  /** normalised surface form */
  norm: string;
  /** candidate keys, the surface first, then forms with proclitics stripped (shared between tokens of one spelling: never mutate) */
  keys: string[];
  arabic: boolean;
  numeric: boolean;
}

// Character classes of the normalised text: 1 letter or mark, 2 digit, 0 anything else. A token is a
// run of one class, so «الـ100» and «19رجلا» split between digits and letters.
const OTHER = 0;
const LETTER = 1;
const DIGIT = 2;
let CLASSES: Uint8Array | null = null;

function classes(): Uint8Array {
  if (CLASSES) return CLASSES;
  const t = new Uint8Array(0x10000);
  const letter = /[\p{L}\p{M}]/u;
  const digit = /\p{N}/u;
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const ch = String.fromCharCode(c);
    t[c] = letter.test(ch) ? LETTER : digit.test(ch) ? DIGIT : OTHER;
  }
  CLASSES = t;
  return t;
}

// Keys per spelling, kept across documents: reports repeat the same words, and building the keys
// (slices and arrays) for every token was a visible share of the allocation. Words of 13+ characters
// are not kept (V8 may hold such a slice as a view on the whole text), and the cache is emptied when
// it reaches KEY_CACHE_LIMIT spellings so memory stays bounded on any input.
const KEY_CACHE_LIMIT = 100_000;
const keyCache = new Map<string, string[]>();

function cachedArabicKeys(w: string): string[] {
  if (w.length >= 13) return arabicKeys(w);
  let keys = keyCache.get(w);
  if (!keys) {
    keys = arabicKeys(w);
    if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.clear();
    keyCache.set(w, keys);
  }
  return keys;
}

// Addresses and file names are not prose: «https://example.org/2018/03/21-displacement» or
// «ar-021-mass-displacement.ar.txt» in a table of sources must not give a figure or an event word.
const ADDRESS = /(?:https?:\/\/|www\.)[^\s<>"«»]+/giu;
const FILE_EXTENSION = /\.(?:txt|json|jsonl|pdf|html?|md|docx?|odt|csv|xml|jpe?g|png|tiff?)(?![\p{L}\p{N}])/giu;
const NAME_STOP = /[\s|<>"«»()]/;

/** [start, end) ranges of the normalised text that hold addresses or file names, in order. Each
 * file name is found from its extension back to the space before it: one pass, however long the words. */
export function nonProse(s: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const m of s.matchAll(ADDRESS)) out.push([m.index, m.index + m[0].length]);
  for (const m of s.matchAll(FILE_EXTENSION)) {
    let a = m.index;
    while (a > 0 && !NAME_STOP.test(s[a - 1] ?? ' ')) a--;
    if (a < m.index) out.push([a, m.index + m[0].length]);
  }
  return out.sort((x, y) => x[0] - y[0]);
}

export function tokenize(t: NormalizedText): Token[] {
  const cls = classes();
  const tokens: Token[] = [];
  const s = t.norm;
  const n = s.length;
  const skip = s.includes('.') ? nonProse(s) : [];
  let r = 0;
  let i = 0;
  while (i < n) {
    const k = cls[s.charCodeAt(i)];
    if (k === OTHER) {
      i++;
      continue;
    }
    while (r < skip.length && skip[r]![1] <= i) r++;
    if (r < skip.length && skip[r]![0] <= i) {
      i = skip[r]![1];
      continue;
    }
    const start = i;
    let arabic = false;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (cls[c] !== k) break;
      if (c >= 0x0600 && c <= 0x06ff) arabic = true;
      i++;
    }
    const numeric = k === DIGIT;
    const keys = arabic && !numeric ? cachedArabicKeys(s.slice(start, i)) : [s.slice(start, i)];
    // keys[0] is the spelling itself; taking it as `norm` shares one string per cached spelling
    const p = keys[0]!;
    tokens.push({
      i: tokens.length,
      start,
      end: i,
      rawStart: t.starts[start]!,
      rawEnd: t.ends[i - 1]!,
      norm: p,
      keys,
      arabic,
      numeric,
    });
  }
  return tokens;
}
