// Offset-preserving normalisation. Every character of the normalised string remembers the
// [start, end) of the raw characters it came from, so a match found in normalised text is reported
// as the exact raw words (contract: spans never shift).

export interface NormalizedText {
  raw: string;
  norm: string;
  /** raw start of each normalised char; length norm.length */
  starts: Int32Array;
  /** raw end of each normalised char, extended over marks removed right after it */
  ends: Int32Array;
}

// Letter forms that carry the same word: hamza seats and alef variants, alef maqsura, taa marbuta.
const ARABIC_MAP: Record<string, string> = {
  أ: 'ا',
  إ: 'ا',
  آ: 'ا',
  ٱ: 'ا',
  ٲ: 'ا',
  ٳ: 'ا',
  ى: 'ي',
  ی: 'ي',
  ې: 'ي',
  ئ: 'ي',
  ؤ: 'و',
  ة: 'ه',
  ۀ: 'ه',
  ہ: 'ه',
  ک: 'ك',
  ڪ: 'ك',
  گ: 'ك',
  '،': ',',
  '؛': ';',
  '؟': '?',
  '٪': '%',
  '٫': '.',
  '٬': ',',
  '«': '"',
  '»': '"',
  '“': '"',
  '”': '"',
  '„': '"',
  '‘': "'",
  '’': "'",
  '–': '-',
  '—': '-',
};

function isDroppedMark(c: number): boolean {
  return (
    (c >= 0x064b && c <= 0x065f) || // harakat, shadda, sukun, small hamza
    c === 0x0670 || // superscript alef
    c === 0x0640 || // tatweel
    (c >= 0x0610 && c <= 0x061a) ||
    (c >= 0x06d6 && c <= 0x06ed) || // Quranic marks
    c === 0x200b ||
    c === 0x200c ||
    c === 0x200d ||
    c === 0x200e ||
    c === 0x200f ||
    c === 0x061c ||
    c === 0xfeff ||
    (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2066 && c <= 0x2069) ||
    c === 0x00ad // soft hyphen
  );
}

function mapChar(ch: string, c: number): string {
  if (c >= 0x0660 && c <= 0x0669) return String.fromCharCode(48 + c - 0x0660);
  if (c >= 0x06f0 && c <= 0x06f9) return String.fromCharCode(48 + c - 0x06f0);
  const m = ARABIC_MAP[ch];
  if (m !== undefined) return m;
  if (c < 0x80) return c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : c < 32 && c !== 10 ? ' ' : ch;
  if (c === 0xa0 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x3000) return ' ';
  if (c === 0x2028 || c === 0x2029 || c === 0x85) return '\n';
  // Presentation forms and other compatibility characters (ﻻ → لا, ﺍ → ا): NFKC, then our map.
  if ((c >= 0xfb50 && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfefc) || (c >= 0xff01 && c <= 0xff5e)) {
    const k = ch.normalize('NFKC');
    // «﴾» and unassigned code points in the block are their own NFKC form: keep them as they are
    if (k === ch) return ch;
    let out = '';
    for (const x of k) {
      const xc = x.charCodeAt(0);
      if (isDroppedMark(xc) || x === ' ') continue;
      out += mapChar(x, xc);
    }
    return out;
  }
  if (c >= 0xd800 && c <= 0xdfff) return ch; // surrogate halves stay as they are
  const lower = ch.toLowerCase();
  return lower.length === 1 ? lower : ch;
}

// One lookup per UTF-16 unit: the mapped unit, DROP for marks, or SLOW for the few characters that
// become several (presentation-form ligatures such as «ﻻ»). Built once, on first use.
const DROP = 0xffff;
const SLOW = 0xfffe;
let TABLE: Uint16Array | null = null;

function table(): Uint16Array {
  if (TABLE) return TABLE;
  const t = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    if (isDroppedMark(c)) {
      t[c] = DROP;
      continue;
    }
    const out = mapChar(String.fromCharCode(c), c);
    t[c] = out.length === 1 && out.charCodeAt(0) < SLOW ? out.charCodeAt(0) : SLOW;
  }
  TABLE = t;
  return t;
}

// Decoding the UTF-16 units through a Buffer is many times faster than String.fromCharCode over
// chunks, and like it keeps lone surrogates; it needs the typed array's bytes in little-endian order.
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function unitsToString(codes: Uint16Array, len: number): string {
  if (LITTLE_ENDIAN) return Buffer.from(codes.buffer, codes.byteOffset, len * 2).toString('utf16le');
  let norm = '';
  for (let k = 0; k < len; k += 8192)
    norm += String.fromCharCode.apply(null, Array.from(codes.subarray(k, Math.min(len, k + 8192))));
  return norm;
}

const SCRATCH_MAX = 1 << 20;
let scratch = new Uint16Array(4096);

export function normalize(raw: string): NormalizedText {
  const t = table();
  const n = raw.length;
  let cap = n + 16;
  // the units only live until they are decoded below, so one scratch buffer serves every call of
  // report size; a huge text gets its own buffer rather than leave the scratch one that large
  if (scratch.length < cap && cap <= SCRATCH_MAX)
    scratch = new Uint16Array(Math.min(SCRATCH_MAX, Math.max(cap, scratch.length * 2)));
  let codes = scratch.length >= cap ? scratch : new Uint16Array(cap);
  let starts = new Int32Array(cap);
  let ends = new Int32Array(cap);
  let len = 0;
  for (let i = 0; i < n; i++) {
    const c = raw.charCodeAt(i);
    // the table has an entry for every UTF-16 code unit
    const m = t[c]!;
    if (m === DROP) {
      // the mark belongs to the letter before it: a span ending on that letter covers it
      if (len > 0 && ends[len - 1] === i && c !== 0x200e && c !== 0x200f) ends[len - 1] = i + 1;
      continue;
    }
    // one unit in, at most one out, except for ligatures (SLOW), the only case that can outgrow `cap`
    const out = m === SLOW ? mapChar(raw[i]!, c) : null;
    const units = out === null ? 1 : out.length;
    if (len + units > cap) {
      cap = Math.max(cap * 2, len + units);
      if (codes.length < cap) {
        const c2 = new Uint16Array(cap);
        c2.set(codes.subarray(0, len));
        codes = c2;
      }
      const s2 = new Int32Array(cap);
      s2.set(starts);
      starts = s2;
      const e2 = new Int32Array(cap);
      e2.set(ends);
      ends = e2;
    }
    for (let k = 0; k < units; k++) {
      codes[len] = out === null ? m : out.charCodeAt(k);
      starts[len] = i;
      ends[len] = i + 1;
      len++;
    }
  }
  const norm = unitsToString(codes, len);
  return { raw, norm, starts: starts.subarray(0, len), ends: ends.subarray(0, len) };
}

/** Raw [start, end) for the normalised range [a, b). */
export function toRawSpan(t: NormalizedText, a: number, b: number): [number, number] {
  if (t.norm.length === 0) return [0, 0];
  const s = Math.max(0, Math.min(a, t.norm.length - 1));
  const e = Math.max(s + 1, Math.min(b, t.norm.length));
  return [t.starts[s]!, t.ends[e - 1]!];
}

const SHORT = 256;
const shortUnits = new Uint16Array(SHORT * 4);

/**
 * Normalise a lexicon or query string (no offsets needed): the same units as normalize(), without
 * the offset arrays, which loading the lexicons and the gazetteer would otherwise allocate for
 * each of their tens of thousands of names.
 */
export function normalizeString(s: string): string {
  const n = s.length;
  if (n > SHORT) return normalizeLong(s);
  const t = table();
  let len = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    const m = t[c]!;
    if (m === DROP) continue;
    if (m !== SLOW) {
      shortUnits[len++] = m;
      continue;
    }
    // a ligature becomes at most a few units; a string made only of them falls back to normalize()
    const out = mapChar(s[i]!, c);
    if (len + out.length > shortUnits.length) return normalize(s).norm;
    for (let k = 0; k < out.length; k++) shortUnits[len++] = out.charCodeAt(k);
  }
  // apply takes the typed array as it is; a spread would copy it into an argument list first
  return String.fromCharCode.apply(null, shortUnits.subarray(0, len) as unknown as number[]);
}

// Each unit maps on its own, so a long string is normalised a chunk at a time through one reused
// buffer: normalize() would allocate, for a 10 MB document's hash, 20 MB of units and 80 MB of
// offsets it does not need (issue 12: peak RSS of a 10 MB page).
const LONG_CHUNK = 1 << 16;
let longUnits: Uint16Array | null = null;

function normalizeLong(s: string): string {
  const t = table();
  // room for a chunk plus the few units of one ligature past its end
  const units = (longUnits ??= new Uint16Array(LONG_CHUNK * 2));
  const parts: string[] = [];
  let len = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const m = t[c]!;
    if (m === DROP) continue;
    if (m !== SLOW) units[len++] = m;
    else {
      const out = mapChar(s[i]!, c);
      for (let k = 0; k < out.length; k++) units[len++] = out.charCodeAt(k);
    }
    if (len >= LONG_CHUNK) {
      parts.push(unitsToString(units, len));
      len = 0;
    }
  }
  parts.push(unitsToString(units, len));
  return parts.length === 1 ? parts[0]! : parts.join('');
}
