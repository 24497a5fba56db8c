// The gazetteer: entries from gazetteer/*.tsv (authored admin units, sites, quarters, countries and
// the generated GeoNames towns), optionally merged with GeoNames dumps imported into the database.
// Loading is lazy and cached: the pipeline pays for it once, on the first place it looks up.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Lexicon } from '../lexicon/matcher.ts';
import { normalizeString } from '../text/normalize.ts';
import { parseGazetteerTsv } from './gazetteer-tsv.ts';
import { foldKey, foldLatinVowels, hasLatinArticle } from './transliteration.ts';
import type { GazetteerEntry } from './types.ts';

export const GAZETTEER_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'gazetteer');

/** An entry under a folding key, with the vowel classes of its spelling there. */
export interface FoldedName {
  entry: GazetteerEntry;
  vowels: string;
  /** the entry's display name or a spelling we wrote, not one of GeoNames' alternates («Berea» for Aleppo) */
  primary: boolean;
}

/** One spelling of a place name and every entry that carries it. */
export interface PlaceName {
  /** normalised form as indexed */
  key: string;
  lang: 'ar' | 'en';
  entries: GazetteerEntry[];
  /** the indexed spelling starts with the Arabic article, which the text must then carry too */
  article: boolean;
  /** the spelling is also an ordinary word («الباب», «عين»): it needs a place cue to count */
  common: boolean;
  /**
   * the spelling differs from the listed one by the article («كسرة» for «الكسرة», «العريقة» for
   * «عريقة»): it names the place only right after a settlement noun («بلدة كسرة», «قرية العريقة»)
   */
  afterKindCue?: boolean;
  /** reached only by folding that writes some vowel otherwise («Kabani» for Kobani): the place needs
   * the support of its context (a parent it lies in, the report's governorate) */
  loose?: boolean;
}

/** Kinds whose names a settlement noun («قرية», «بلدة», «ناحية») may precede without the listed article. */
const ARTICLE_VARIANT_KINDS = new Set(['city', 'town', 'village', 'subdistrict']);

const ADMIN_PREFIX = /^(مركز|محافظه|مدينه|قضاء|ناحيه|بلده|قريه|حي|منطقه) /;
/** prefixes that are cues for a quarter or an area: the name without them is only a name with them */
const CUE_PREFIX = new Set(['حي', 'منطقه']);
const JOINABLE = /^(دير|تل|عين|راس|جسر|خان|كفر|بيت|ابو|ام|بني|دار|جب|بير|قصر|مركز) /;
const BARE_KINDS = new Set(['city', 'town', 'district', 'governorate']);

const EN_ARTICLES = /^(al|el|ar|as|ad|an|at|az|ash|ath|ad|ed|es|er|ez|ul)\s+/;

/** Normalised English key: lower case, punctuation to spaces, «a'zaz» and «azaz» alike. */
export function englishKey(s: string): string {
  // Latin names need no Arabic normalisation; NFKD + lower case is what the tokens' keys amount to
  return s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/['’‘`ʿʾ]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/([a-z])([0-9])|([0-9])([a-z])/g, '$1$3 $2$4')
    .trim();
}

export function arabicKey(s: string): string {
  return normalizeString(s)
    .replace(/[^\u0621-\u064a0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function readCommonWords(): Set<string> {
  const text = readFileSync(join(GAZETTEER_DIR, 'common-words.txt'), 'utf8');
  const out = new Set<string>();
  for (const line of text.split('\n')) {
    const w = line.replace(/#.*/, '').trim();
    if (w) out.add(/[\u0600-\u06ff]/.test(w) ? arabicKey(w) : englishKey(w));
  }
  return out;
}

export class Gazetteer {
  readonly entries: GazetteerEntry[];
  private readonly byId = new Map<string, GazetteerEntry>();
  private readonly common: Set<string>;
  private names: Map<string, PlaceName> | null = null;
  private lex: Lexicon<PlaceName> | null = null;
  private folded: Map<string, FoldedName[]> | null = null;

  constructor(entries: GazetteerEntry[], commonWords: Set<string> = new Set()) {
    this.entries = entries;
    for (const e of entries) if (!this.byId.has(e.id)) this.byId.set(e.id, e);
    this.common = commonWords;
  }

  get size(): number {
    return this.entries.length;
  }

  get(id: string): GazetteerEntry | undefined {
    return this.byId.get(id);
  }

  /** A listed word, or the bare form of a listed «الX» («ثورة» for «الثورة»); a listed bare «دانا» leaves «الدانا» a place. */
  isCommonWord(key: string): boolean {
    return this.common.has(key) || (!key.startsWith('ال') && this.common.has('ال' + key));
  }

  /** Every indexed spelling, built on first use. */
  nameIndex(): Map<string, PlaceName> {
    if (this.names) return this.names;
    const names = new Map<string, PlaceName>();
    /** cueOnly: a spelling cut out of a longer one («حي تشرين» → «تشرين») needs its cue back to count */
    const add = (key: string, lang: 'ar' | 'en', e: GazetteerEntry, cueOnly = false) => {
      if (key.length < 2) return;
      const k = `${lang}:${key}`;
      const bare = lang === 'ar' ? key.replace(/^ال/, '') : key.replace(EN_ARTICLES, '');
      const common = cueOnly || this.isCommonWord(key) || (lang === 'ar' ? bare.length <= 2 : key.length <= 3);
      let n = names.get(k);
      if (!n) {
        n = { key, lang, entries: [], article: lang === 'ar' && key.startsWith('ال') && !key.includes(' '), common };
        names.set(k, n);
      } else n.common = n.common && common;
      if (!n.entries.includes(e)) n.entries.push(e);
    };
    const variants: Array<[string, GazetteerEntry]> = [];
    for (const e of this.entries) {
      for (const raw of e.names_ar) {
        let k = arabicKey(raw);
        // «مركز الباب» is how OCHA names a district's central sub-district, GeoNames writes «محافظة كربلاء»;
        // reports say «الباب», «كربلاء» and the cue before the name is read as a cue
        const prefix = ADMIN_PREFIX.exec(k);
        if (prefix) k = k.slice(prefix[0].length);
        if (!k) continue;
        add(k, 'ar', e, prefix !== null && CUE_PREFIX.has(prefix[1]!));
        // «ديرالزور», «كفرحمرة», «تلكلخ»: the first word of a compound name is often written joined
        if (JOINABLE.test(k) && k.split(' ').length === 2) add(k.replace(' ', ''), 'ar', e);
        // «الميادين» is also written «ميادين»; short, common or village-level bare forms are not («رقه», «باب», «مسرب»)
        const bare = k.startsWith('ال') && !k.includes(' ') ? k.slice(2) : null;
        if (bare && bare.length >= 5 && BARE_KINDS.has(e.kind) && !this.isCommonWord(k)) add(bare, 'ar', e);
        else if (bare && bare.length >= 3 && ARTICLE_VARIANT_KINDS.has(e.kind) && !this.isCommonWord(k))
          variants.push([bare, e]);
      }
      for (const raw of englishSpellings(e)) {
        const k = englishKey(raw);
        if (!k || /[^a-z0-9 ]/.test(k)) continue;
        add(k, 'en', e);
        const bare = k.replace(EN_ARTICLES, '');
        if (bare !== k && bare.length >= 5 && !this.common.has(bare)) add(bare, 'en', e);
      }
    }
    // a bare form no listed spelling has: «بلدة كسرة» is al-Kasra, «كسرة» alone is nothing
    for (const [key, e] of variants) {
      const n = names.get(`ar:${key}`);
      if (!n)
        names.set(`ar:${key}`, { key, lang: 'ar', entries: [e], article: false, common: true, afterKindCue: true });
      else if (n.afterKindCue && !n.entries.includes(e)) n.entries.push(e);
    }
    this.names = names;
    return names;
  }

  /** A matcher over every spelling; patterns are the normalised words of each name. */
  matcher(): Lexicon<PlaceName> {
    if (this.lex) return this.lex;
    const list: Array<{ pattern: string; value: PlaceName }> = [];
    for (const n of this.nameIndex().values()) list.push({ pattern: n.key, value: n });
    this.lex = new Lexicon(list);
    return this.lex;
  }

  /**
   * English names by their transliteration-folding key (transliteration.ts), for spellings the index
   * does not hold as written, each with the vowel classes of the spelling that folds there. Names
   * written without an article are also found with their words joined or apart («Balad Ruz» and
   * «Baladruz»), under the key without spaces; those keys start with «=».
   */
  foldIndex(): Map<string, FoldedName[]> {
    if (this.folded) return this.folded;
    const byKey = new Map<string, FoldedName[]>();
    const put = (k: string, e: GazetteerEntry, vowels: string, primary: boolean) => {
      const list = byKey.get(k);
      const same = list?.find((x) => x.entry === e && x.vowels === vowels);
      if (same) same.primary ||= primary;
      else if (list) list.push({ entry: e, vowels, primary });
      else byKey.set(k, [{ entry: e, vowels, primary }]);
    };
    for (const e of this.entries) {
      for (const raw of englishSpellings(e)) {
        const vowels = foldLatinVowels(raw);
        const k = foldKey(vowels);
        if (k.length < FOLD_MIN) continue;
        const primary = raw === e.name || !e.id.startsWith('geonames:');
        put(k, e, vowels, primary);
        if (!hasLatinArticle(raw)) put('=' + k.replace(/ /g, ''), e, vowels.replace(/ /g, ''), primary);
      }
    }
    this.folded = byKey;
    return byKey;
  }

  /** Entries carrying exactly this spelling (either script). */
  lookup(name: string): GazetteerEntry[] {
    const idx = this.nameIndex();
    const ar = idx.get(`ar:${arabicKey(name)}`);
    const en = idx.get(`en:${englishKey(name)}`);
    return [...(ar?.entries ?? []), ...(en?.entries ?? [])];
  }
}

/**
 * An entry's English spellings, each also without the parenthesis that tells it from a namesake
 * («Saida (Daraa)» is written «Saida» in text).
 */
function englishSpellings(e: GazetteerEntry): string[] {
  const out = new Set(e.names_en);
  for (const n of e.names_en) {
    const bare = n.replace(/\s*\([^)]*\)/g, '').trim();
    if (bare && bare !== n) out.add(bare);
  }
  return [...out];
}

/** Folded keys shorter than this («hat», «bab») meet too many other words to stand alone. */
const FOLD_MIN = 4;

/** Parse every gazetteer/*.tsv file (sorted, so ids resolve the same way on every machine). */
export function readBuiltinEntries(dir = GAZETTEER_DIR): GazetteerEntry[] {
  const out: GazetteerEntry[] = [];
  for (const f of readdirSync(dir).sort()) {
    if (!f.endsWith('.tsv')) continue;
    out.push(...parseGazetteerTsv(readFileSync(join(dir, f), 'utf8'), f));
  }
  return out;
}

let builtin: Gazetteer | null = null;

/** The built-in gazetteer, read on first call and kept. */
export function builtinGazetteer(): Gazetteer {
  if (!builtin) builtin = new Gazetteer(readBuiltinEntries(), readCommonWords());
  return builtin;
}

/** Built-in entries plus extra ones (imported GeoNames rows); a built-in entry wins on the same GeoNames id. */
export function mergeGazetteer(extra: GazetteerEntry[]): Gazetteer {
  const base = builtinGazetteer();
  const known = new Map<number, GazetteerEntry>();
  for (const e of base.entries) if (e.geonames_id) known.set(e.geonames_id, e);
  const merged = [...base.entries];
  for (const e of extra) {
    const same = e.geonames_id ? known.get(e.geonames_id) : undefined;
    if (same) {
      // imported alternate names enrich the built-in entry without replacing it
      const names_ar = [...new Set([...same.names_ar, ...e.names_ar])];
      const names_en = [...new Set([...same.names_en, ...e.names_en])];
      merged[merged.indexOf(same)] = { ...same, names_ar, names_en };
    } else merged.push(e);
  }
  return new Gazetteer(merged, readCommonWords());
}
