// One key for the many Latin spellings of an Arabic place name: «Deir ez-Zor», «Deir Ezzor», «Dair
// al-Zour» and «Deir el-Zor» all fold to «dar zar»; «Abu Kamal», «Albu Kamal» and
// «al-Bukamal» to one key; «Ma'arrat an-Nu'man» and «Maarat al-Numan» to another. The gazetteer
// indexes its English names under this key and English text is read with it when no spelling matches
// as written (see Gazetteer.foldIndex).

/** The Arabic article as transliterations write it, as a word of its own («al-», «ez-», «an-»). */
const ARTICLES = new Set([
  'al',
  'el',
  'il',
  'ul',
  'ar',
  'er',
  'as',
  'es',
  'ad',
  'ed',
  'an',
  'en',
  'at',
  'et',
  'az',
  'ez',
  'ash',
  'esh',
  'ath',
  'eth',
  'adh',
  'edh',
  'aj',
  'ej',
]);
/** «Abu», «Abou», «Abo», «Albu», «Bu»: the kunya and the tribal «Al Bu» in names are one word. */
const ABU = /^(abu|abou|abo|albu|alboo|bou|bu)$/;
const ABU_JOINED = /^(abu|abou|albu)(?=[a-z]{4})/;
/** An article joined to its word with its consonant assimilated: «Ezzor», «Arraqqa», «Assafira». */
const ASSIMILATED = /^[ae](?=([tdrzsnl])\1[a-z]{2})/;
/** «Alzour», «Elsheikh» after the first word: the article joined without a hyphen. */
const JOINED_AL = /^[ae]l(?=[bcdfghjkmpqstvwxz][a-z]{2})/;

/**
 * The folding key of a Latin place name, or '' when nothing is left. Words lose articles, vowels fold
 * to one, doubled letters count once, ayn and hamza marks go, q and k, dh and z meet; y and w are
 * vowels unless a vowel follows them («Mayadin» keeps its y, «Ayn» and «Ain» meet).
 */
export function foldLatinName(s: string): string {
  return foldKey(foldLatinVowels(s));
}

/** The folding key of a spelling's vowel classes (foldLatinVowels). */
export function foldKey(vowels: string): string {
  return vowels.replace(VOWEL_CLASS, 'a');
}

/** Whether a spelling has an article word before another word («Ras al-Ain»; not «Balad Ruz»). */
export function hasLatinArticle(s: string): boolean {
  const words = s
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
  return words.slice(0, -1).some((w) => ARTICLES.has(w));
}

/**
 * The folding key with each vowel's class kept where the key writes «a»: A (a), I (i, ee, a final y),
 * U (u, o, ou, w), E (e, which writes a fatha or a kasra), Y (a diphthong with an i: «ai», «ei», «ay»),
 * W (one with a u or o: «aw», «au»), M (a glide's vowel, or i and u together, which may be either). Two spellings of one key whose classes clash («Kobani» U, «Kabani» A) meet only by
 * heavy folding; see vowelClashes.
 */
export function foldLatinVowels(s: string): string {
  const words = s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/['’‘`ʿʾʼ]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const kept: string[] = [];
  let bu = false;
  for (let k = 0; k < words.length; k++) {
    let w = words[k]!;
    // an article is a word of its own before another word, never the name itself
    if (k < words.length - 1 && ARTICLES.has(w)) continue;
    if (ABU.test(w) && k < words.length - 1) {
      bu = true;
      continue;
    }
    if (ABU_JOINED.test(w)) w = w.replace(ABU_JOINED, 'bu');
    else if (k > 0) w = w.replace(ASSIMILATED, '').replace(JOINED_AL, '');
    // «Abu Kamal», «Albu Kamal», «al-Bukamal»: the kunya is written apart or joined
    if (bu) w = 'bu' + w;
    bu = false;
    kept.push(foldWord(w));
  }
  return kept.join(' ');
}

const VOWEL_CLASS = /[AIUEMYW]/g;

function vowelClass(run: string): string {
  if (/^a+$/.test(run)) return 'A';
  if (/^[iy]+$/.test(run)) return 'I';
  if (/^[uow]+$/.test(run)) return 'U';
  if (/^e+$/.test(run)) return 'E';
  // a diphthong or two vowels: with an i and no u («ai», «ei», «ia») Y, with a u or o and no i («aw», «au») W
  if (!/[uo]/.test(run)) return 'Y';
  if (!/i/.test(run)) return 'W';
  return 'M';
}

function foldWord(w: string): string {
  // «Raqqah», «Hasakeh»: a final h after a vowel is the taa marbuta, not a letter; «Kfar» and «Kafar» are «Kafr»
  return (
    w
      .replace(/^k[ae]?f[ae]?r$/, 'kafr')
      .replace(/([aeiou])h$/, '$1')
      .replace(/dh/g, 'z')
      .replace(/q/g, 'k')
      .replace(/ck/g, 'k')
      .replace(/ou|oo/g, 'u')
      .replace(/ee/g, 'i')
      // «Quamishli» is «Qamishli»: a u after q before a vowel only marks the q
      .replace(/ku(?=[aeio])/g, 'k')
      .replace(/([a-z])\1+/g, '$1')
      // a glide between two vowels is written or not: «Abiad» and «Abyad», «Sueida» and «Suweida»
      .replace(/i(?=[aeou])/g, 'iy')
      .replace(/u(?=[aei])/g, 'uw')
      // y and w before a consonant or at the end are vowels («Ayn», «Dawr»); before a vowel, consonants
      .replace(/y(?![aeiouyw])/g, 'i')
      .replace(/w(?![aeiouyw])/g, 'u')
      .replace(/[aeiou]+/g, vowelClass)
      // a consonant cluster before a glide: «Sweida» is «Suweida», «Hweija» is «Huweija»
      .replace(/([^AIUEMYW])([yw])([AIUEMYW])/g, '$1M$2$3')
      .replace(/([yw])\1+/g, '$1')
  );
}

/** Classes that cannot write one vowel: a, i or e against u or o; a against i counts half («Darayya»
 * and «Dariya» are one name, «Chiri» and «Chaara» two). */
const CLASH: Record<string, number> = {
  AU: 1,
  UA: 1,
  IU: 1,
  UI: 1,
  EU: 1,
  UE: 1,
  AI: 0.5,
  IA: 0.5,
  // «Busaira» is not «Bussora», «Dair» not «Dawr»; «aw» writes an o («Hawl», «Hol») but an i only at a stretch
  YU: 1,
  UY: 1,
  YW: 1,
  WY: 1,
  WI: 0.5,
  IW: 0.5,
};

/**
 * How differently two spellings of one folding key write their vowels (a sum of clashes), or Infinity
 * when the keys differ. «Dair al-Zour» and «Deir ez-Zor»: 0; «Kabani» and «Kobani»: 1.
 */
export function vowelClashes(a: string, b: string): number {
  if (a.length !== b.length || foldKey(a) !== foldKey(b)) return Infinity;
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) n += CLASH[a[i]! + b[i]!] ?? 0;
  return n;
}

/** The vowels of a spelling's classes (foldLatinVowels). */
export function vowelCount(vowels: string): number {
  return vowels.replace(/[^AIUEMYW]/g, '').length;
}
