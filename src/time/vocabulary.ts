// Time vocabulary from lexicons/{ar,en}/time.txt: each entry names the roles its words play
// (`month = 7`, `unit = day`, `weekday = 5` …); the grammar asks a token which roles it has.
import { parsePattern } from '../lexicon/matcher.ts';
import { loadLexicon, type LexiconEntry } from '../lexicon/load.ts';
import type { Token } from '../text/tokens.ts';
import { RasidError } from '../errors.ts';

export const ROLES = [
  'month',
  'hijri_month',
  'weekday',
  'day_offset',
  'daypart',
  'unit',
  'rel',
  'rel_before',
  'last_before',
  'part',
  'since',
  'ago_before',
  'ago_after',
  'few',
  'approx',
  'recent',
  'lead',
  'on_day',
  'month_word',
  'of',
  'corresponding',
  'year_word',
  'era',
  'season',
  'number',
  'tens',
  'teen',
  'ordinal',
  'blocks_today',
  'range_open',
  'range_join',
  'feast',
  'blocks_weekday',
  'weekend',
  'blocks_date',
] as const;
export type Role = (typeof ROLES)[number];

/** Role indices, read as constant properties (`R.month`) on the grammar's hot path. */
export const R = Object.freeze(Object.fromEntries(ROLES.map((r, k) => [r, k])) as Record<Role, number>);

export interface TimeWord {
  id: string;
  roles: Partial<Record<Role, string>>;
  /** the same, by role index, for the grammar's hot path */
  byIndex: Array<string | undefined>;
  /** some role can open a phrase («في», «الجاري», «هـ» cannot): other words are not read from */
  starts: boolean;
  /** roles that hold only when the token carries the article («الأحد» Sunday, «أحد» one) */
  articleRoles: Role[];
  /** the word is a date only in context: `required` («مارس», «may»: a preposition before is enough),
   *  `strict` («آب» is also the town «إب», «رجب» a name: a day, a year or «شهر» must be there) */
  needsContext: 'required' | 'strict' | null;
  form: 'singular' | 'dual' | 'plural' | null;
  defaultCount: number | null;
}

/** A vocabulary word found at a token: the entry and the token after its last word. */
export interface Tag {
  word: TimeWord;
  end: number;
  /** the grammar's answers for this tag, by role index, made once when first asked */
  got?: Array<{ value: string; end: number; tag: Tag } | undefined>;
}

export class TimeVocabularyError extends RasidError {
  constructor(message: string) {
    super('time.vocabulary', message);
  }
}

// Roles that only ever follow or lead into another time word.
const NON_STARTING: ReadonlySet<Role> = new Set<Role>([
  'lead',
  'on_day',
  'corresponding',
  'era',
  'blocks_today',
  'blocks_weekday',
  'blocks_date',
  'rel',
  'range_join',
  'teen',
  'of',
]);

function canStart(roles: Partial<Record<Role, string>>): boolean {
  return (Object.keys(roles) as Role[]).some((r) => !NON_STARTING.has(r));
}

function indexRoles(roles: Partial<Record<Role, string>>): Array<string | undefined> {
  return ROLES.map((r) => roles[r]);
}

function toWord(e: LexiconEntry): TimeWord {
  const roles: Partial<Record<Role, string>> = {};
  for (const r of ROLES) if (e.attrs[r] !== undefined) roles[r] = e.attrs[r];
  if (Object.keys(roles).length === 0)
    throw new TimeVocabularyError(`${e.file}:${e.line}: entry [${e.id}] has no time role`);
  const articleRoles = (e.attrs.article ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s): s is Role => (ROLES as readonly string[]).includes(s));
  const form = e.attrs.form;
  return {
    id: e.id,
    roles,
    byIndex: indexRoles(roles),
    starts: canStart(roles),
    articleRoles,
    needsContext: e.attrs.context === 'required' || e.attrs.context === 'strict' ? e.attrs.context : null,
    form: form === 'singular' || form === 'dual' || form === 'plural' ? form : null,
    defaultCount: e.attrs.default ? Number(e.attrs.default) : null,
  };
}

export function timeEntries(): LexiconEntry[] {
  return [...loadLexicon('ar', 'time'), ...loadLexicon('en', 'time')];
}

interface Compiled {
  /** stored keys of the pattern's words after the first */
  rest: string[];
  word: TimeWord;
  /** the same word with its article-only roles dropped, for a token without «ال» */
  bare: TimeWord | null;
  /** without «ال» the word is no time word at all («أحد» one) */
  needsArticle: boolean;
}

export interface TimeVocabulary {
  /** patterns by the stored key of their first word */
  byFirst: Map<string, Compiled[]>;
  size: number;
}

let vocabulary: TimeVocabulary | null = null;

// A word is stored as the lexicon matcher stores it: an Arabic word without «ال», so that «الأحد»
// meets «والأحد» and «بالأحد» through the token's clitic-stripped keys.
function storedKey(w: string): string {
  return /[\u0600-\u06ff]/.test(w) && w.startsWith('ال') && w.length > 3 ? w.slice(2) : w;
}

function withoutArticleRoles(w: TimeWord): TimeWord | null {
  if (w.articleRoles.length === 0) return null;
  const roles = { ...w.roles };
  for (const r of w.articleRoles) delete roles[r];
  return { ...w, roles, byIndex: indexRoles(roles), starts: canStart(roles), articleRoles: [] };
}

/**
 * One vocabulary for both languages (a report in one language often quotes dates in the other),
 * matched by first-word lookup like src/lexicon/matcher.ts but without its per-token allocations:
 * this runs on every token of every report.
 */
export function timeVocabulary(): TimeVocabulary {
  if (vocabulary) return vocabulary;
  const byFirst = new Map<string, Compiled[]>();
  let size = 0;
  for (const e of timeEntries()) {
    const word = toWord(e);
    const bare = withoutArticleRoles(word);
    for (const pattern of e.match) {
      const words = parsePattern(pattern);
      if (words.some((w) => w.prefix || w.optional))
        throw new TimeVocabularyError(`${e.file}:${e.line}: [${e.id}] «${pattern}»: time patterns are plain words`);
      const [first, ...rest] = words.map((w) => storedKey(w.text));
      if (first === undefined) continue;
      const list = byFirst.get(first) ?? [];
      const needsArticle = bare !== null && Object.keys(bare.roles).length === 0;
      list.push({ rest, word, bare, needsArticle });
      byFirst.set(first, list);
      size++;
    }
  }
  vocabulary = { byFirst, size };
  return vocabulary;
}

const SPACES = /^\s*$/;

function hasArticle(tok: Token): boolean {
  return tok.keys.some((k) => k.startsWith('ال') && k.length > 3);
}

// Entries opened by any key of a token, in key order, cached per spelling: the lookups per key ran
// for every token of every report. An entry remembers the keys array it was built from (tokenize
// shares one per spelling), and the cache belongs to one vocabulary and is bounded.
const TOKEN_CACHE_LIMIT = 100_000;
let cacheOwner: Map<string, Compiled[]> | null = null;
const byToken = new Map<string, { keys: string[]; cands: Compiled[] | null }>();

function tokenCandidates(tok: Token, byFirst: Map<string, Compiled[]>): Compiled[] | null {
  const keys = tok.keys;
  if (keys.length === 1) return byFirst.get(keys[0]!) ?? null;
  if (cacheOwner !== byFirst) {
    byToken.clear();
    cacheOwner = byFirst;
  }
  const hit = byToken.get(tok.norm);
  if (hit && hit.keys === keys) return hit.cands;
  let cands: Compiled[] | null = null;
  for (const key of keys) {
    const c = byFirst.get(key);
    if (c) cands = cands ? cands.concat(c) : c;
  }
  if (tok.norm.length < 13) {
    if (byToken.size >= TOKEN_CACHE_LIMIT) byToken.clear();
    byToken.set(tok.norm, { keys, cands });
  }
  return cands;
}

/**
 * Vocabulary at each token: every entry whose pattern starts there, longest first. The words of one
 * pattern stand next to each other: «أمس (أول من أمس)» is no «أمس الأول».
 */
export function tagTokens(tokens: Token[], norm: string): Array<Tag[] | undefined> {
  const { byFirst } = timeVocabulary();
  const tags = new Array<Tag[] | undefined>(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    if (tok.numeric) continue;
    let list: Tag[] | undefined;
    const cands = tokenCandidates(tok, byFirst);
    if (cands) {
      for (const c of cands) {
        let j = i + 1;
        let ok = true;
        for (const w of c.rest) {
          if (
            j >= tokens.length ||
            !tokens[j]!.keys.includes(w) ||
            !SPACES.test(norm.slice(tokens[j - 1]!.end, tokens[j]!.start))
          ) {
            ok = false;
            break;
          }
          j++;
        }
        if (!ok) continue;
        const article = c.bare === null || hasArticle(tok);
        if (!article && c.needsArticle) continue;
        (list ??= []).push({ word: article ? c.word : c.bare!, end: j });
      }
    }
    if (list) tags[i] = list.length > 1 ? list.sort((a, b) => b.end - a.end) : list;
  }
  return tags;
}
