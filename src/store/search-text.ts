// What full-text search indexes and queries: normalised words (hamza, taa marbuta, alef maqsura and
// diacritics folded by normalizeString), plus clitic-stripped keys of Arabic words so that the query
// «مدينة» finds «بالمدينة». Both backends index the same words, so FTS5 and tsvector agree.
import { normalizeString } from '../text/normalize.ts';
import { arabicKeys } from '../text/tokens.ts';

// Letters and digits split apart («الـ100» → «ال», «100») as the text layer does; marks dropped.
const WORD = /\p{N}+|[\p{L}\p{M}]+/gu;
const MARK = /\p{M}/gu;
const ARABIC = /[\u0600-\u06ff]/;

export function searchWords(s: string): string[] {
  const out: string[] = [];
  for (const m of normalizeString(s).matchAll(WORD)) {
    const w = m[0].replace(MARK, '');
    if (w) out.push(w);
  }
  return out;
}

/**
 * The text that goes into the index: each distinct word once, with its clitic-stripped keys.
 * Search is all-words-must-match (no phrases, no ranking), so repeats add nothing, and
 * PostgreSQL refuses a tsvector over 1 MB, which a long report's every word could reach.
 */
export function indexText(s: string): string {
  const parts = new Set<string>();
  for (const w of searchWords(s)) {
    if (parts.has(w)) continue;
    if (ARABIC.test(w)) for (const k of arabicKeys(w)) parts.add(k);
    else parts.add(w);
  }
  return [...parts].join(' ');
}

/** Query words (all must match); empty when the query has no word at all. */
export function queryTerms(q: string): string[] {
  return [...new Set(searchWords(q))].slice(0, 32);
}

/** A place name as a filter key: normalised words without the article («الميادين» = «ميادين», "al-Mayadin" = "Mayadin"). */
export function placeKey(s: string): string {
  const words = searchWords(s).map((w) => (ARABIC.test(w) && w.startsWith('ال') && w.length > 3 ? w.slice(2) : w));
  while (words.length > 1 && /^(al|el|ad|ar|as|ash|at|az|an)$/.test(words[0] ?? '')) words.shift();
  return words.join(' ');
}
