// Paragraphs, headings and sentences over the normalised text (offsets are normalised; map with
// toRawSpan). A heading is a short line without final punctuation: reports use them as section
// titles («هروب العشرات من عناصر وقياديي داعش») whose subject carries into the paragraph below.
import type { NormalizedText } from './normalize.ts';
import type { Token } from './tokens.ts';

export interface Segment {
  start: number;
  end: number;
  /** first and last+1 token index */
  tokenStart: number;
  tokenEnd: number;
}

export interface Paragraph extends Segment {
  i: number;
  heading: boolean;
  sentences: Sentence[];
}

export interface Sentence extends Segment {
  i: number;
  paragraph: number;
  clauses: Segment[];
}

const SENTENCE_END = /[.!?;]+(?=\s|$|["')\]])|\n/g;
const CLAUSE_END = /[,:]|\s-\s/g;

function tokenRange(tokens: Token[], start: number, end: number, from: number): [number, number] {
  let a = from;
  while (a < tokens.length && tokens[a]!.start < start) a++;
  let b = a;
  while (b < tokens.length && tokens[b]!.end <= end) b++;
  return [a, b];
}

/** The characters of JavaScript's \s and String.prototype.trim, tested without a regex or a one-character string. */
function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** text[a, b) holds something besides white space (as `text.slice(a, b).trim() !== ''`). */
function hasContent(text: string, a: number, b: number): boolean {
  for (let k = a; k < b; k++) if (!isSpace(text.charCodeAt(k))) return true;
  return false;
}

function splitRange(text: string, start: number, end: number, re: RegExp): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const slice = text.slice(start, end);
  re.lastIndex = 0;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(slice)) !== null) {
    const cut = m.index + m[0].length;
    if (hasContent(slice, last, cut)) out.push([start + last, start + cut]);
    last = cut;
    if (m[0].length === 0) re.lastIndex++;
  }
  if (hasContent(slice, last, slice.length)) out.push([start + last, end]);
  return out;
}

function trim(text: string, a: number, b: number): [number, number] {
  while (a < b && isSpace(text.charCodeAt(a))) a++;
  while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
  return [a, b];
}

/**
 * A title may run longer than a section heading, and either may end in a quotation
 * («… غطّى الحرب على "داعش"»): closing quotes are looked through for the final punctuation.
 */
export function isHeadingLine(line: string, wordCount: number, first = false): boolean {
  const t = line.trim().replace(/["'»”’)\]]+$/u, '');
  const [words, chars] = first ? [20, 160] : [12, 90];
  return wordCount > 0 && wordCount <= words && t.length <= chars && t.length > 0 && !/[.!?:;,،؛]$/.test(t);
}

export function segment(t: NormalizedText, tokens: Token[]): Paragraph[] {
  const text = t.norm;
  const paragraphs: Paragraph[] = [];
  let tok = 0;
  let sentenceIndex = 0;
  for (const [ps, pe] of splitRange(text, 0, text.length, /\n+/g)) {
    const [a, b] = trim(text, ps, pe);
    if (a >= b) continue;
    const [ta, tb] = tokenRange(tokens, a, b, tok);
    tok = tb;
    const p: Paragraph = {
      i: paragraphs.length,
      start: a,
      end: b,
      tokenStart: ta,
      tokenEnd: tb,
      heading: isHeadingLine(text.slice(a, b), tb - ta, paragraphs.length === 0 && b < text.length),
      sentences: [],
    };
    let stok = ta;
    for (const [ss, se] of splitRange(text, a, b, SENTENCE_END)) {
      const [sa, sb] = trim(text, ss, se);
      if (sa >= sb) continue;
      const [sta, stb] = tokenRange(tokens, sa, sb, stok);
      stok = stb;
      const clauses: Segment[] = [];
      let ctok = sta;
      for (const [cs, ce] of splitRange(text, sa, sb, CLAUSE_END)) {
        const [ca, cb] = trim(text, cs, ce);
        if (ca >= cb) continue;
        const [cta, ctb] = tokenRange(tokens, ca, cb, ctok);
        ctok = ctb;
        clauses.push({ start: ca, end: cb, tokenStart: cta, tokenEnd: ctb });
      }
      p.sentences.push({
        i: sentenceIndex++,
        paragraph: p.i,
        start: sa,
        end: sb,
        tokenStart: sta,
        tokenEnd: stb,
        clauses,
      });
    }
    paragraphs.push(p);
  }
  return paragraphs;
}
