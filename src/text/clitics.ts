// Arabic proclitics, in the one order the language stacks them: a conjunction (و ف), then a
// preposition (ب ل ك), then the article (ال; ل + ال contracts to لل). Token keys, quantity stems and
// place names all peel them here, so «وبالمدينة», «لعشرات» and «بدير الزور» are read alike.

function addKey(out: string[], k: string): void {
  if (k.length >= 2 && !out.includes(k)) out.push(k);
}

function addWithArticle(out: string[], s: string): void {
  addKey(out, s);
  if (s.length > 3 && s.charCodeAt(0) === 0x0627 && s.charCodeAt(1) === 0x0644) addKey(out, s.slice(2));
}

function addWithPrep(out: string[], s: string): void {
  addWithArticle(out, s);
  const c = s.charCodeAt(0);
  // ب ل ك
  if ((c === 0x0628 || c === 0x0644 || c === 0x0643) && s.length > 3) addWithArticle(out, s.slice(1));
  if (c === 0x0644 && s.charCodeAt(1) === 0x0644 && s.length > 4) addWithArticle(out, s.slice(2));
}

/** The word itself, then its forms with proclitics peeled («وبالدورات» → «بالدورات», «دورات»…). */
export function arabicKeys(w: string): string[] {
  const out = [w];
  addWithPrep(out, w);
  const c = w.charCodeAt(0);
  // و ف
  if ((c === 0x0648 || c === 0x0641) && w.length > 3) addWithPrep(out, w.slice(1));
  return out;
}

export interface CliticSplit {
  stem: string;
  conj: boolean;
  prep: boolean;
  article: boolean;
}

// Every proclitic chain, shortest first.
const CHAINS: Array<{ p: string; conj: boolean; prep: boolean; article: boolean }> = [];
for (const c of ['', 'و', 'ف'])
  for (const pr of ['', 'ب', 'ل', 'ك'])
    for (const art of ['', 'ال']) {
      const p = pr === 'ل' && art === 'ال' ? `${c}لل` : `${c}${pr}${art}`;
      CHAINS.push({ p, conj: c !== '', prep: pr !== '', article: art !== '' });
    }
CHAINS.sort((a, b) => a.p.length - b.p.length);

/**
 * Every way to read a word as proclitics + stem, telling which clitics it carried (number words
 * need to know: «وأربعين» joins the number before it, «بالمئة» follows one).
 */
export function cliticSplits(norm: string): CliticSplit[] {
  const out: CliticSplit[] = [];
  for (const p of CHAINS) {
    if (!norm.startsWith(p.p)) continue;
    const stem = norm.slice(p.p.length);
    // «لست», «الست»: a two-letter stem only takes the conjunction, or clitics eat real words
    if (stem.length < 2 || (stem.length < 3 && p.p !== '' && p.p !== 'و')) continue;
    out.push({ stem, conj: p.conj, prep: p.prep, article: p.article });
  }
  return out;
}

/** The proclitics written before `stem` in `norm` («لتركيا», «تركيا» → «ل»; «وبريف», «ريف» → «وب»),
 * where a stem given with its article may have lost its alef to «لل» («للمدينة», «المدينة» → «ل»). */
export function procliticsBefore(norm: string, stem: string): string {
  if (norm === stem) return '';
  if (norm.endsWith(stem)) return norm.slice(0, norm.length - stem.length);
  if (stem.startsWith('ال') && norm.endsWith(stem.slice(2))) {
    const p = norm.slice(0, norm.length - stem.length + 2);
    return p.endsWith('ل') && p.length >= 2 ? p.slice(0, -1) : p;
  }
  return '';
}

/** The word without a leading conjunction («ويستهدف» → «يستهدف»); short words keep their و (وصل). */
export function stripConjunction(norm: string): string {
  const c = norm.charCodeAt(0);
  return (c === 0x0648 || c === 0x0641) && norm.length > 4 ? norm.slice(1) : norm;
}

const ARTICLE = /^(?:[وف]?[بلك]?ال|[وف]?لل)/;

/** The word carries the article after its other proclitics («والهجوم», «للقصف», «بالغارة»). */
export function hasArticle(norm: string): boolean {
  return ARTICLE.test(norm);
}
