// Tokens over normalised text with clitic-aware word keys: «وأجبرت», «بالدورات», «لعشرات» meet the
// lexicon entries «اجبرت», «دورات», «عشرات».
import type { NormalizedText } from './normalize.ts';

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
  /** candidate keys, the surface first, then forms with proclitics stripped */
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

// Proclitics: conjunction و/ف, then preposition ب/ل/ك, then article ال (ل+ال contracts to لل).
const CONJ = ['و', 'ف'];
const PREP = ['ب', 'ل', 'ك'];

export function arabicKeys(w: string): string[] {
  const out = [w];
  const add = (k: string) => {
    if (k.length >= 2 && !out.includes(k)) out.push(k);
  };
  const stems: string[] = [w];
  for (const c of CONJ) if (w.startsWith(c) && w.length > 3) stems.push(w.slice(1));
  const withPrep: string[] = [];
  for (const s of stems) {
    withPrep.push(s);
    for (const p of PREP) if (s.startsWith(p) && s.length > 3) withPrep.push(s.slice(1));
    if (s.startsWith('لل') && s.length > 4) withPrep.push(s.slice(2));
  }
  for (const s of withPrep) {
    add(s);
    if (s.startsWith('ال') && s.length > 3) add(s.slice(2));
  }
  return out;
}

export function tokenize(t: NormalizedText): Token[] {
  const cls = classes();
  const tokens: Token[] = [];
  const s = t.norm;
  const n = s.length;
  let i = 0;
  while (i < n) {
    const k = cls[s.charCodeAt(i)];
    if (k === OTHER) {
      i++;
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
    const p = s.slice(start, i);
    const numeric = k === DIGIT;
    tokens.push({
      i: tokens.length,
      start,
      end: i,
      rawStart: t.starts[start],
      rawEnd: t.ends[i - 1],
      norm: p,
      keys: arabic && !numeric ? arabicKeys(p) : [p],
      arabic,
      numeric,
    });
  }
  return tokens;
}
