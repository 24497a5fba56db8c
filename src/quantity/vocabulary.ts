// The quantity vocabulary, read from lexicons/<lang>/quantities.txt into typed tables. Single words are
// looked up after peeling Arabic proclitics ourselves (not via the generic matcher) because composition
// needs to know which clitic a word carried: «وأربعين» joins the number before it, «بالمئة» after a
// number is a percentage, not a hundred.
import { loadLexicon, type LexiconEntry } from '../lexicon/load.ts';
import { normalizeString } from '../text/normalize.ts';
import { RasidError } from '../errors.ts';

export type NumberRole = 'unit' | 'ten' | 'teen_only' | 'tens' | 'hundred' | 'value' | 'scale';

export interface NumberWord {
  id: string;
  value: number;
  role: NumberRole;
  /** a plural scale («آلاف») is a vague word when no number precedes it */
  plural: boolean;
  approximate: boolean;
  /** the same spelling after a number is the plain scale: «مئة وخمسين ألفاً» is not «ألفا» (2000) */
  scaleAfterNumber: number | null;
}

export interface VagueWord {
  id: string;
  value: number;
  min: number;
  max: number;
}

export interface Modifier {
  id: string;
  kind: 'about' | 'at_least' | 'range';
  position: 'before' | 'after' | 'infix';
  /** for ranges opened by «بين»/«between»: the word expected between the two numbers */
  join: string | null;
}

export interface ContextCue {
  id: string;
  unit: 'date' | 'year' | 'percent' | 'age' | 'ordinal' | 'label' | 'duration' | 'time' | 'measure';
  position: 'before' | 'after';
  window: number;
}

export interface Phrase<T> {
  words: string[];
  value: T;
}

export interface QuantityVocabulary {
  numbers: Map<string, NumberWord>;
  /** function words that never are the counted noun («العشرات في …», «dozens in …») */
  notNouns: Set<string>;
  duals: Map<string, { id: string; noun: string }>;
  ordinals: Map<string, string>;
  vague: Phrase<VagueWord>[];
  modifiers: Phrase<Modifier>[];
  /** ordinal cues such as «الذكرى» that precede a number */
  ordinalCues: Phrase<ContextCue>[];
  contexts: Phrase<ContextCue>[];
  /** ids of number words that count only a person named right after them (English «a»/«an») */
  personOnly: Set<string>;
}

export class QuantityLexiconError extends RasidError {
  constructor(message: string) {
    super('lexicon.quantity', message);
  }
}

function num(e: LexiconEntry, key: string): number {
  const v = Number(e.attrs[key]);
  if (!Number.isFinite(v)) throw new QuantityLexiconError(`${e.file}:${e.line}: [${e.id}] needs a numeric ${key}`);
  return v;
}

function words(pattern: string): string[] {
  return pattern.split(/\s+/).filter(Boolean).map(normalizeString);
}

const NUMBER_ROLES = new Set<NumberRole>(['unit', 'ten', 'teen_only', 'tens', 'hundred', 'value', 'scale']);
const UNITS = new Set<ContextCue['unit']>([
  'date',
  'year',
  'percent',
  'age',
  'ordinal',
  'label',
  'duration',
  'time',
  'measure',
]);

export function buildVocabulary(entries: LexiconEntry[]): QuantityVocabulary {
  const v: QuantityVocabulary = {
    numbers: new Map(),
    notNouns: new Set(),
    duals: new Map(),
    ordinals: new Map(),
    vague: [],
    modifiers: [],
    ordinalCues: [],
    contexts: [],
    personOnly: new Set(),
  };
  for (const e of entries) {
    const cls = e.attrs.class;
    const bad = (what: string) => new QuantityLexiconError(`${e.file}:${e.line}: [${e.id}] ${what}`);
    if (cls === 'number') {
      const role = e.attrs.role as NumberRole;
      if (!NUMBER_ROLES.has(role)) throw bad(`unknown role "${e.attrs.role}"`);
      const w: NumberWord = {
        id: e.id,
        value: num(e, 'value'),
        role,
        plural: e.attrs.plural === 'yes',
        approximate: e.attrs.approximate === 'yes',
        scaleAfterNumber: e.attrs.scale_after_number ? num(e, 'scale_after_number') : null,
      };
      for (const m of e.match) v.numbers.set(normalizeString(m), w);
      if (e.attrs.person_only === 'yes') v.personOnly.add(e.id);
    } else if (cls === 'not_noun') {
      for (const m of e.match) v.notNouns.add(normalizeString(m));
    } else if (cls === 'dual') {
      if (!e.attrs.noun) throw bad('needs noun');
      for (const m of e.match) v.duals.set(normalizeString(m), { id: e.id, noun: normalizeString(e.attrs.noun) });
    } else if (cls === 'ordinal') {
      if (e.attrs.position === 'before') {
        const cue: ContextCue = { id: e.id, unit: 'ordinal', position: 'before', window: 1 };
        for (const m of e.match) v.ordinalCues.push({ words: words(m), value: cue });
      } else for (const m of e.match) v.ordinals.set(normalizeString(m), e.id);
    } else if (cls === 'vague') {
      const w: VagueWord = { id: e.id, value: num(e, 'value'), min: num(e, 'min'), max: num(e, 'max') };
      for (const m of e.match) v.vague.push({ words: words(m), value: w });
    } else if (cls === 'modifier') {
      const kind = e.attrs.kind as Modifier['kind'];
      const position = e.attrs.position as Modifier['position'];
      if (!['about', 'at_least', 'range'].includes(kind)) throw bad(`unknown kind "${e.attrs.kind}"`);
      if (!['before', 'after', 'infix'].includes(position)) throw bad(`unknown position "${e.attrs.position}"`);
      const mod: Modifier = { id: e.id, kind, position, join: e.attrs.join ? normalizeString(e.attrs.join) : null };
      for (const m of e.match) v.modifiers.push({ words: words(m), value: mod });
    } else if (cls === 'context') {
      const unit = e.attrs.unit as ContextCue['unit'];
      const position = e.attrs.position as ContextCue['position'];
      if (!UNITS.has(unit)) throw bad(`unknown unit "${e.attrs.unit}"`);
      if (position !== 'before' && position !== 'after') throw bad(`unknown position "${e.attrs.position}"`);
      const cue: ContextCue = { id: e.id, unit, position, window: e.attrs.window ? num(e, 'window') : 1 };
      for (const m of e.match) v.contexts.push({ words: words(m), value: cue });
    } else throw bad(`unknown class "${cls}"`);
  }
  // longest phrases first, so «ما لا يقل عن» wins over a shorter entry sharing its start
  const byLength = <T>(a: Phrase<T>, b: Phrase<T>) => b.words.length - a.words.length;
  v.vague.sort(byLength);
  v.modifiers.sort(byLength);
  v.contexts.sort(byLength);
  v.ordinalCues.sort(byLength);
  return v;
}

const cache = new Map<string, QuantityVocabulary>();

export function quantityVocabulary(lang: 'ar' | 'en'): QuantityVocabulary {
  let v = cache.get(lang);
  if (!v) {
    v = buildVocabulary(loadLexicon(lang, 'quantities'));
    cache.set(lang, v);
  }
  return v;
}

/** The quantity was read from a number word that counts only a person named right after it. */
export function needsPerson(q: { rule: string }): boolean {
  // quantities are read with both languages' words at once (src/quantity/find.ts), so ask both
  const ar = quantityVocabulary('ar').personOnly;
  const en = quantityVocabulary('en').personOnly;
  if (ar.size === 0 && en.size === 0) return false;
  return q.rule.split('+').some((id) => ar.has(id) || en.has(id));
}
