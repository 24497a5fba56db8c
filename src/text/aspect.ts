// Aspect from the shape of an Arabic word: the present (imperfective) tense of the third person
// opens with ي («يستهدف», «يقومون», «ويشن»). Nouns and names that open with ي are few and are
// listed here; place and actor names are excluded by the caller, which knows them.
import { stripConjunction } from './clitics.ts';

// Normalised spellings (ى → ي, ة → ه): nouns, numerals and months that open with ي.
const NOT_VERBS: ReadonlySet<string> = new Set([
  'يوم',
  'يوما',
  'يومين',
  'يومي',
  'يوميا',
  'يوميه',
  'يومها',
  'يومذاك',
  'يد',
  'يدي',
  'يده',
  'يدها',
  'يديه',
  'ايدي',
  'يمين',
  'يسار',
  'يناير',
  'يونيو',
  'يوليو',
  'يونيه',
  'يوليه',
  'يمن',
  'يمني',
  'يمنيه',
  'يهود',
  'يهودي',
  'يهوديه',
  'يزيدي',
  'يزيديه',
  'يزيديين',
  'يزيديات',
  'ينبوع',
  'يافع',
  'يافعين',
  'يتيم',
  'يتامي',
  'ياسمين',
  'يخت',
  'يقين',
]);

/** «يستهدف», «ويقصفون», «تقصف» are not caught: تـ opens as many nouns (تفجير, تنظيم) as verbs. */
export function imperfectiveVerb(norm: string): boolean {
  const w = stripConjunction(norm);
  if (w.length < 4 || w.charCodeAt(0) !== 0x064a) return false;
  return !NOT_VERBS.has(w);
}

const KANA: ReadonlySet<string> = new Set(['كان', 'كانت', 'كانوا', 'كنا', 'كنت']);

/**
 * «كانت تقمع المتظاهرين», «كانوا يستهدفون»: right after a form of «كان» a word opening with ت or ي is
 * a present-tense verb (the past progressive, a habit of the past); alone, تـ opens as many nouns.
 */
export function pastProgressive(prev: string, norm: string): boolean {
  if (!KANA.has(stripConjunction(prev))) return false;
  const w = stripConjunction(norm);
  return w.length >= 4 && (w.charCodeAt(0) === 0x062a || imperfectiveVerb(w));
}

/**
 * «كانت السيارة مفخخة», «كان مختطفاً»: a derived participle (مُفعَّل, مُفتعَل, مُستفعَل…) opens with م
 * after any proclitic; after «كان» it describes a state, it does not tell an earlier act.
 */
export function participle(norm: string): boolean {
  const w = stripConjunction(norm);
  const bare = w.startsWith('ال') ? w.slice(2) : w;
  return bare.length >= 5 && bare.charCodeAt(0) === 0x0645;
}
