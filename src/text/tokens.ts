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

const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const ARABIC_LETTER = /[\u0600-\u06ff]/;

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
  const tokens: Token[] = [];
  const s = t.norm;
  WORD.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WORD.exec(s)) !== null) {
    const w = m[0];
    const start = m.index;
    // a run like «الـ100» or «19رجلا» splits between digits and letters
    const parts = w.match(/\p{N}+|[\p{L}\p{M}]+/gu) ?? [w];
    let off = start;
    for (const p of parts) {
      const ps = s.indexOf(p, off);
      const pe = ps + p.length;
      off = pe;
      const arabic = ARABIC_LETTER.test(p);
      const numeric = /^\p{N}+$/u.test(p);
      tokens.push({
        i: tokens.length,
        start: ps,
        end: pe,
        rawStart: t.starts[ps],
        rawEnd: t.ends[pe - 1],
        norm: p,
        keys: arabic && !numeric ? arabicKeys(p) : [p],
        arabic,
        numeric,
      });
    }
  }
  return tokens;
}
