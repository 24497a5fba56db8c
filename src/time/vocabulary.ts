// Time vocabulary from lexicons/{ar,en}/time.txt: each entry names the roles its words play
// (`month = 7`, `unit = day`, `weekday = 5` …); the grammar asks a token which roles it has.
import { Lexicon, parsePattern } from '../lexicon/matcher.ts';
import { loadLexicon, type LexiconEntry } from '../lexicon/load.ts';
import type { Token } from '../text/tokens.ts';

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
] as const;
export type Role = (typeof ROLES)[number];

const ROLE_INDEX = Object.fromEntries(ROLES.map((r, k) => [r, k])) as Record<Role, number>;

export function roleIndex(r: Role): number {
  return ROLE_INDEX[r];
}

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
}

export class TimeVocabularyError extends Error {
  readonly code = 'time.vocabulary';
}

// Roles that only ever follow or lead into another time word.
const NON_STARTING: ReadonlySet<Role> = new Set<Role>(['lead', 'on_day', 'corresponding', 'era', 'blocks_today', 'blocks_weekday', 'rel', 'range_join', 'teen', 'of']);

function canStart(roles: Partial<Record<Role, string>>): boolean {
  return (Object.keys(roles) as Role[]).some((r) => !NON_STARTING.has(r));
}

function indexRoles(roles: Partial<Record<Role, string>>): Array<string | undefined> {
  return ROLES.map((r) => roles[r]);
}

function toWord(e: LexiconEntry): TimeWord {
  const roles: Partial<Record<Role, string>> = {};
  for (const r of ROLES) if (e.attrs[r] !== undefined) roles[r] = e.attrs[r];
  if (Object.keys(roles).length === 0) throw new TimeVocabularyError(`${e.file}:${e.line}: entry [${e.id}] has no time role`);
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

let vocabulary: Lexicon<TimeWord> | null = null;
// First words of every pattern, with and without the article: most tokens of a report are not time
// words, and a set lookup turns them away before the matcher is asked.
let firstWords: Set<string> | null = null;

/** One matcher for both languages: a report in one language often quotes dates in the other. */
export function timeVocabulary(): Lexicon<TimeWord> {
  if (vocabulary) return vocabulary;
  const entries: Array<{ pattern: string; value: TimeWord }> = [];
  const firsts = new Set<string>();
  for (const e of timeEntries()) {
    const word = toWord(e);
    for (const pattern of e.match) {
      entries.push({ pattern, value: word });
      const w = parsePattern(pattern)[0]?.text;
      if (!w) continue;
      firsts.add(w);
      if (w.startsWith('ال')) firsts.add(w.slice(2));
    }
  }
  vocabulary = new Lexicon(entries);
  firstWords = firsts;
  return vocabulary;
}

function mayStartPattern(tok: Token): boolean {
  for (const k of tok.keys) if (firstWords!.has(k)) return true;
  return false;
}

function hasArticle(tok: Token): boolean {
  return tok.keys.some((k) => k.startsWith('ال') && k.length > 3);
}

/** Vocabulary at each token: every entry whose pattern starts there, longest first. */
export function tagTokens(tokens: Token[]): Array<Tag[] | undefined> {
  const lex = timeVocabulary();
  const tags: Array<Tag[] | undefined> = new Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i];
    if (tok.numeric || !mayStartPattern(tok)) continue;
    const matches = lex.matchAt(tokens, i);
    if (matches.length === 0) continue;
    const list: Tag[] = [];
    for (const m of matches) {
      const w = m.value;
      if (w.articleRoles.length > 0 && !hasArticle(tok)) {
        const roles = { ...w.roles };
        for (const r of w.articleRoles) delete roles[r];
        if (Object.keys(roles).length === 0) continue;
        list.push({ word: { ...w, roles, byIndex: indexRoles(roles), starts: canStart(roles), articleRoles: [] }, end: m.tokenEnd });
      } else list.push({ word: w, end: m.tokenEnd });
    }
    list.sort((a, b) => b.end - a.end);
    if (list.length) tags[i] = list;
  }
  return tags;
}
