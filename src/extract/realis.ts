// Realis: whether a mention tells an event that happened (actual) or something else — a habit
// («يستهدف مقاتلو المعارضة الأحياء بالقذائف»), a generic kind of event («عمليات خطف متبادلة»), the
// background another event is set against («منذ سيطرة الفصائل على المدينة», «في ظل تصاعد
// الاغتيالات»), or an attempt at a non-violent act that did not come off («حاولت القوات فض
// الاعتصام»). This is the realis attribute of the TAC-KBP event-nugget task; the evidence is lexicon
// data (cues with `effect = realis`) and one morphological fact: a present-tense verb governing the
// event word in the body of a news report tells a habit, not the news (headlines are exempt: they
// are written in the present for past events).
import { ACLED_EVENT, type IncidentType } from '../taxonomy.ts';
import type { DocContext } from './context.ts';
import type { Frame } from './frames.ts';
import type { Mention } from './mentions.ts';
import type { CueValue, TriggerValue, Realis } from './lexicons.ts';
import { imperfectiveVerb, pastProgressive } from '../text/aspect.ts';

export type { Realis } from './lexicons.ts';

// An attempt at violence is itself violence (ACLED codes attempted attacks and assassinations); an
// attempted arrest, dispersal or flight did not happen. Violence: ACLED's battles, explosions, violence
// against civilians and riots, and force used on protesters.
const VIOLENT_EVENTS: ReadonlySet<string> = new Set([
  'Battles',
  'Explosions/Remote violence',
  'Violence against civilians',
  'Riots',
]);

function violent(type: IncidentType): boolean {
  return type === 'excessive_force_against_protesters' || VIOLENT_EVENTS.has(ACLED_EVENT[type]?.event_type ?? '');
}

/** How far back from an event word its governing verb may stand, in tokens of the same clause. */
const VERB_REACH = 10;
const PRESENT_TENSE = 'realis:present-tense';

function reaches(ctx: DocContext, c: Mention<CueValue>, t: Mention<TriggerValue>): boolean {
  if (c.sentence !== t.sentence) return false;
  if (c.value.scope === 'sentence') return true;
  if (c.value.scope === 'rest') return t.tokenStart >= c.tokenEnd;
  if (c.value.scope === 'clause' && ctx.clauseOf[t.tokenStart] !== ctx.clauseOf[c.tokenStart]) return false;
  return t.tokenStart >= c.tokenEnd && t.tokenStart < c.tokenEnd + c.value.reach;
}

function eventTriggers(f: Frame): Mention<TriggerValue>[] {
  const ev = f.triggers.filter((t) => !t.value.outcome);
  return ev.length ? ev : f.triggers;
}

/** «اعتقل ناشطاً على خلفية المظاهرات»: an event word a background cue reaches is told
 * apart from the events of its sentence (it neither joins nor retypes them). */
export function toldApart(ctx: DocContext, t: Mention<TriggerValue>): boolean {
  for (const c of ctx.ix.cues[t.sentence]!) {
    if (c.value.effect === 'realis' && c.value.realis === 'background' && reaches(ctx, c, t)) return true;
  }
  return false;
}

/** Realis cues of one kind that between them reach every event word of the frame («161 حالة
 * اعتقال تحولت إلى حالات اختفاء قسري»: each event word has its own «حالة»). */
function cueRealis(ctx: DocContext, f: Frame): { realis: Realis; rule: string } | null {
  const triggers = eventTriggers(f);
  const cues = ctx.ix.cues[f.sentence]!.filter((c) => c.value.realis && c.value.effect === 'realis');
  for (const c of cues) {
    const realis = c.value.realis!;
    if (!triggers.some((t) => reaches(ctx, c, t))) continue;
    const same = cues.filter((d) => d.value.realis === realis);
    if (!triggers.every((t) => same.some((d) => reaches(ctx, d, t)))) continue;
    if (realis === 'attempt' && violent(f.type)) continue;
    return { realis, rule: `realis:${c.value.id}` };
  }
  return null;
}

/**
 * «ويستهدف مقاتلو المعارضة الأحياء الغربية بالقذائف», «كانت تقمع المتظاهرين»: a present-tense verb
 * in the event word's clause, before it and not cut off by «أن» or a verb of saying, tells a habit.
 */
function aspectRealis(ctx: DocContext, f: Frame): { realis: Realis; rule: string } | null {
  if (ctx.a.lang !== 'ar') return null;
  const t = eventTriggers(f)[0]!;
  const clause = ctx.clauseOf[t.tokenStart];
  const exempt = new Set<number>();
  for (const c of ctx.ix.cues[f.sentence]!)
    if (c.value.kind === 'not_habitual') for (let i = c.tokenStart; i < c.tokenEnd; i++) exempt.add(i);
  for (let i = t.tokenStart; i >= 0 && i >= t.tokenStart - VERB_REACH; i--) {
    if (ctx.clauseOf[i] !== clause || exempt.has(i)) return null;
    const tok = ctx.a.tokens[i]!;
    if (!tok.arabic || COMPLEMENTIZERS.has(tok.norm)) return null;
    const prev = i > 0 ? ctx.a.tokens[i - 1] : undefined;
    const verb = imperfectiveVerb(tok.norm) || (prev !== undefined && pastProgressive(prev.norm, tok.norm));
    if (verb && !namedAt(ctx, i)) return { realis: 'habitual', rule: PRESENT_TENSE };
    // another event word before it is the verb that governs the clause
    if (i < t.tokenStart && ctx.triggerAtToken[i] && !outcomeAt(f, i)) return null;
  }
  return null;
}

const COMPLEMENTIZERS: ReadonlySet<string> = new Set(['ان', 'بان', 'وان', 'فان', 'لان']);

function outcomeAt(f: Frame, i: number): boolean {
  return f.triggers.some((t) => t.tokenStart <= i && i < t.tokenEnd && t.value.outcome !== undefined);
}

/** A place or actor name that happens to start like a verb («يبرود», «يلدا»), or a person's name
 * after the noun that introduces one person («الشاب ياسر», «المواطن يوسف»: one.person in count-nouns). */
function namedAt(ctx: DocContext, i: number): boolean {
  return (
    ctx.places.some((p) => p.tokenStart <= i && i < p.tokenEnd) ||
    ctx.ix.actors[ctx.sentOf[i]!]?.some((m) => m.tokenStart <= i && i < m.tokenEnd) === true ||
    (i > 0 && ctx.countNounAtToken[i - 1]?.value.one === true && ctx.countNounAtToken[i - 1]!.tokenEnd === i)
  );
}

// «قبل اعتقاله», «بعد مقتلها», «إثر اختطافهم»: after a preposition of time, an event noun carrying
// a possessive pronoun points at an event already told or taken as known (his arrest), the time of
// another one; it tells no event of its own («قبل اعتقال خمسة شبان» is not such a reference)
const TIME_PREPOSITIONS: ReadonlySet<string> = new Set(['قبل', 'بعد', 'عقب', 'اثر', 'منذ', 'وبعد', 'وقبل']);
const POSSESSIVE = /(?:ه|ها|هم|هما|هن)$/;

function possessiveRealis(ctx: DocContext, f: Frame): { realis: Realis; rule: string } | null {
  if (ctx.a.lang !== 'ar') return null;
  const all = eventTriggers(f).every((t) => {
    const tok = ctx.a.tokens[t.tokenStart]!;
    const prev = t.tokenStart > 0 ? ctx.a.tokens[t.tokenStart - 1] : undefined;
    return (
      t.tokenEnd - t.tokenStart === 1 &&
      prev !== undefined &&
      ctx.sentOf[t.tokenStart - 1] === f.sentence &&
      TIME_PREPOSITIONS.has(prev.norm) &&
      POSSESSIVE.test(tok.norm) &&
      tok.norm.length >= 5
    );
  });
  return all ? { realis: 'background', rule: 'realis:possessive-reference' } : null;
}

// History, not news: an event dated more than HISTORY_YEARS before the report (the publication date,
// else the latest year the report names), or before HISTORY_BEFORE whatever the report's date («في 28
// يونيو 1914 تم اغتيال…», «نزح السكان عام 1948»). A recalled event of the last years stays one
// («وكان التنظيم قد سيطر على الحي في تموز 2014» in a 2016 report, annotation.md).
const HISTORY_YEARS = 20;
const HISTORY_BEFORE = 1950;
const HISTORICAL = 'realis:historical';

function yearOf(iso: string | null): number | null {
  const y = iso ? Number(iso.slice(0, 4)) : NaN;
  return Number.isFinite(y) ? y : null;
}

/** The year the report is written in: its publication date, else the latest year it names. */
export function reportYear(ctx: DocContext): number | null {
  const published = yearOf(ctx.published);
  if (published !== null) return published;
  let latest: number | null = null;
  for (const t of ctx.times) {
    const y = yearOf(t.end);
    if (y !== null && (latest === null || y > latest)) latest = y;
  }
  return latest;
}

function historicalRealis(f: Frame, report: number | null): { realis: Realis; rule: string } | null {
  const year = yearOf(f.time?.end ?? null);
  if (year === null) return null;
  if (year < HISTORY_BEFORE || (report !== null && year < report - HISTORY_YEARS))
    return { realis: 'historical', rule: HISTORICAL };
  return null;
}

export function assessRealis(ctx: DocContext, frames: Frame[]): void {
  const report = reportYear(ctx);
  for (const f of frames) {
    const history = historicalRealis(f, report);
    if (history) {
      f.realis = history.realis;
      f.realisRule = history.rule;
      continue;
    }
    // headlines tell past events in the present tense
    if (f.heading) continue;
    const r = cueRealis(ctx, f) ?? aspectRealis(ctx, f) ?? possessiveRealis(ctx, f);
    if (!r) continue;
    f.realis = r.realis;
    f.realisRule = r.rule;
  }
}

/** A day's date of its own ties a mention to one event. */
function dated(f: Frame): boolean {
  return f.time !== null && f.time.precision <= 2 && !f.rules.includes('time:paragraph');
}

function exactFigure(f: Frame): boolean {
  return Object.values(f.counts).some((c) => c && c.q.kind !== 'vague');
}

/** A village or quarter of its own, not only a region («في بلدة الغارية», not «في ريف درعا»). */
function preciseOwnPlace(f: Frame): boolean {
  return f.places.some(
    (p) => p.entry && p.precision === 1 && p.entry.kind !== 'country' && p.entry.kind !== 'governorate',
  );
}

/**
 * Whether a frame may become (part of) an incident. A habit is one when a figure or a day anchors
 * it, or when its doer and its place are named (a practice reported as a series: «يعمد التنظيم إلى
 * إقامة دورات شرعية في الميادين»); a kind of event only with a day or a precise place («161 حالة
 * اعتقال» stays a statistic); a background event only with an exact figure of its own (a recalled
 * event with a toll, annotation.md); a failed attempt or a historical event never.
 */
export function toldAsEvent(f: Frame): boolean {
  switch (f.realis) {
    case 'actual':
      return true;
    case 'habitual':
      return (
        dated(f) ||
        Object.keys(f.counts).length > 0 ||
        (f.realisRule === PRESENT_TENSE &&
          f.actors.some((a) => a.role === 'perpetrator' && !a.carried) &&
          preciseOwnPlace(f))
      );
    case 'generic':
      return dated(f) || preciseOwnPlace(f);
    case 'background':
      return exactFigure(f);
    default:
      return false;
  }
}
