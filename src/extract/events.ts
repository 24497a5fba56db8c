// The document-level event layer (within-document event coreference, after the clause-level merge):
// a report tells one event several times — a headline, a lead, the body, a source that gives other
// figures — and annotation.md counts it once. Three rules, each over whole merged frames:
//   1. a headline joins the event it announces in the body below it;
//   2. a lead total followed by its per-place breakdown gives the breakdown's incidents only;
//   3. a later definite mention of the same event with other figures («تحدثت الوكالة عن مقتل ثمانية
//      في التفجير») is the same event told by another source: one incident, the lowest figure
//      (ACLED keeps the lowest credible figure; contract section 4);
//   4. a mention with nothing of its own (no figure, place or date) is an event of its type told
//      elsewhere in the report;
//   5. a later definite mention («the attack», «the strike», «the killing») that adds a figure
//      («another 35 were wounded in the attack») or nothing new is the event told just before it;
//   6. the fighting told in the sentence that says who took a place, with no place of its own, is
//      part of the taking («seized the village after clashes with the SDF»: ACLED codes the change of
//      control, with the dead of its fighting).
import type { CountKey } from '../schema.ts';
import { ACLED_EVENT } from '../taxonomy.ts';
import type { Frame } from './frames.ts';
import { absorbs } from './type-policy.ts';
import { measuresDiffer, mergeInto, placesCompatible, timesCompatible } from './merge.ts';

export interface EventDecision {
  rule: 'headline' | 'lead-total' | 'other-source' | 'bare-mention' | 'fighting-for-ground' | 'definite-mention';
  frame: number;
  into: number | null;
}

function group(f: Frame): string {
  return ACLED_EVENT[f.type]?.event_type ?? f.type;
}

function perpetrators(f: Frame): Set<string> {
  return new Set(f.actors.filter((a) => a.role === 'perpetrator' && !a.carried).map((a) => a.id));
}

function perpetratorsAgree(a: Frame, b: Frame): boolean {
  const pa = perpetrators(a);
  const pb = perpetrators(b);
  return pa.size === 0 || pb.size === 0 || [...pb].some((x) => pa.has(x));
}

/** A headline's words may be vaguer than the body's: «عدوان تركي» for shelling, «مقتل ثلاثة» alone. */
function announces(h: Frame, g: Frame): boolean {
  if (h.type === g.type || absorbs(h.type, g.type) || absorbs(g.type, h.type) || group(h) === group(g)) return true;
  return h.triggers.every((t) => t.value.outcome !== undefined || t.value.weight < 0.6);
}

function exactCounts(f: Frame): CountKey[] {
  return (Object.keys(f.counts) as CountKey[]).filter((k) => f.counts[k] && f.counts[k].q.kind !== 'vague');
}

function foldHeadlines(frames: Frame[], decisions: EventDecision[]): Frame[] {
  const out = frames.slice();
  for (const h of frames) {
    if (!h.heading) continue;
    const body = out.filter((g) => !g.heading && announces(h, g) && perpetratorsAgree(h, g) && placesCompatible(g, h));
    if (body.length === 0) continue;
    // the event of its own type first, then one its type absorbs, then one of its ACLED group
    const rank = (g: Frame) =>
      g.type === h.type ? 0 : absorbs(h.type, g.type) || absorbs(g.type, h.type) ? 1 : group(g) === group(h) ? 2 : 3;
    const best = Math.min(...body.map(rank));
    const fit = body.filter((g) => rank(g) === best);
    const after = fit.filter((g) => g.sentence > h.sentence);
    const into = after[0] ?? fit.at(-1);
    if (!into) continue;
    // a headline over several events gives a total that is none of theirs, unless none of them states a
    // figure of that kind («مقتل 3 أشخاص في عدوان تركي» over the shelling that killed them and a strike
    // that killed no one): then it is the figure of the event it announces
    if (body.length > 1)
      for (const k of Object.keys(h.counts) as CountKey[]) if (body.some((g) => g.counts[k])) delete h.counts[k];
    mergeInto(into, h);
    out.splice(out.indexOf(h), 1);
    decisions.push({ rule: 'headline', frame: h.key, into: into.key });
  }
  return out;
}

/**
 * «قتل 6 مدنيين … بقصف استهدف إدلب وريفها» then «… مقتل 5 في إدلب» and «… مقتل شخص في سرمين»: the
 * lead's figure is the sum of the events told after it, each with its own figure.
 */
function dropLeadTotals(frames: Frame[], decisions: EventDecision[]): Frame[] {
  const out = frames.slice();
  const lead = Math.min(...frames.filter((f) => !f.heading).map((f) => f.sentence));
  for (const t of frames) {
    const keys = exactCounts(t);
    if (keys.length === 0 || t.earlier || t.heading || t.sentence !== lead) continue;
    const parts = out.filter(
      (g) =>
        g !== t &&
        g.sentence > t.sentence &&
        group(g) === group(t) &&
        !g.earlier &&
        placesCompatible(t, g) &&
        perpetratorsAgree(t, g) &&
        keys.some((k) => g.counts[k]),
    );
    if (!sumsTo(t, keys, parts)) continue;
    out.splice(out.indexOf(t), 1);
    decisions.push({ rule: 'lead-total', frame: t.key, into: null });
  }
  return out;
}

/** The figures of two or more later events, taken in order, add up to the total's: exactly for one
 * figure, within it for the others (6 killed, 41 injured = 5 + 1 killed, 35 + 6 injured). A total
 * told as approximate («18 على الأقل», «نحو 20») is met within a tenth of it (at least 1): «لقي 18
 * على الأقل مصرعهم» then 3, 6 and 8 killed in three towns. */
function sumsTo(t: Frame, keys: CountKey[], parts: Frame[]): boolean {
  const sum = new Map<CountKey, number>();
  const total = (k: CountKey) => t.counts[k]!.q.value;
  const slack = (k: CountKey) => (t.counts[k]!.q.kind === 'exact' ? 0 : Math.max(1, Math.floor(total(k) / 10)));
  for (let i = 0; i < parts.length; i++) {
    for (const k of keys) sum.set(k, (sum.get(k) ?? 0) + (parts[i]!.counts[k]?.q.value ?? 0));
    if (keys.some((k) => sum.get(k)! > total(k) + slack(k))) return false;
    if (i >= 1 && keys.some((k) => Math.abs(sum.get(k)! - total(k)) <= slack(k))) return true;
  }
  return false;
}

function definiteMention(f: Frame): boolean {
  return f.definite && f.eventTriggers > 0;
}

/** The later mention names no place the first did not («في التفجير»), or none at all. */
function noNewPlace(a: Frame, b: Frame): boolean {
  const ids = new Set(a.places.map((p) => p.entry?.id ?? p.text));
  return b.places.every((p) => ids.has(p.entry?.id ?? p.text));
}

function sameEventOtherFigures(a: Frame, b: Frame): boolean {
  if (a.type !== b.type || a.earlier !== b.earlier || b.another || !definiteMention(b)) return false;
  if (!perpetratorsAgree(a, b) || !noNewPlace(a, b) || !timesCompatible(a, b)) return false;
  const shared = exactCounts(b).filter((k) => a.counts[k] && a.counts[k].q.kind !== 'vague');
  return shared.length > 0 && shared.some((k) => a.counts[k]!.q.value !== b.counts[k]!.q.value);
}

function joinOtherSources(frames: Frame[], decisions: EventDecision[]): Frame[] {
  const out = frames.slice();
  for (const b of frames) {
    const a = out.find((x) => x !== b && x.sentence < b.sentence && sameEventOtherFigures(x, b));
    if (!a) continue;
    const lowest: Frame['counts'] = {};
    for (const k of Object.keys(a.counts) as CountKey[]) {
      const x = a.counts[k]!;
      const y = b.counts[k];
      // a toll that rose since («وارتفعت حصيلة القصف إلى 20») replaces the first one instead
      lowest[k] = y && y.q.kind !== 'vague' && (b.update ? y.q.value > x.q.value : y.q.value < x.q.value) ? y : x;
    }
    for (const k of Object.keys(b.counts) as CountKey[]) if (!lowest[k]) lowest[k] = b.counts[k];
    b.counts = {};
    mergeInto(a, b);
    a.counts = lowest;
    a.rules.push('count:lowest-source');
    out.splice(out.indexOf(b), 1);
    decisions.push({ rule: 'other-source', frame: b.key, into: a.key });
  }
  return out;
}

/** Nothing of its own to tell it apart: no figure, no place, no date (what carry-over adds later). */
function bareMention(f: Frame): boolean {
  return (
    Object.keys(f.counts).length === 0 && f.combined === null && f.places.length === 0 && f.time === null && !f.earlier
  );
}

/**
 * «وقال المصور: "قصف بطائرات ميغ"», «حاول التهرب لأيام قبل اعتقاله»: a mention that adds nothing to
 * an event of its type told elsewhere in the report is that event again (the nearest one, before it
 * first), unless it names another doer.
 */
function joinBareMentions(frames: Frame[], decisions: EventDecision[]): Frame[] {
  const out = frames.slice();
  for (const b of frames) {
    if (!bareMention(b) || b.heading || b.another) continue;
    // the clause-level merge has already weighed the other events of its own sentence
    const same = out.filter(
      (a) =>
        a !== b &&
        !a.heading &&
        a.sentence !== b.sentence &&
        !a.earlier &&
        (a.type === b.type || absorbs(a.type, b.type)) &&
        !measuresDiffer(a, b) &&
        perpetratorsAgree(a, b),
    );
    if (same.length === 0) continue;
    const before = same.filter((a) => a.sentence <= b.sentence);
    const into = before.at(-1) ?? same[0];
    if (!into) continue;
    mergeInto(into, b);
    out.splice(out.indexOf(b), 1);
    decisions.push({ rule: 'bare-mention', frame: b.key, into: into.key });
  }
  return out;
}

/** Places the mention names itself (not lent by the sentence before or by the report). */
function ownPlaces(f: Frame): Frame['places'] {
  return f.rules.includes('place:previous') || f.rules.includes('place:document') ? [] : f.places;
}

/** «the attack», «the raid», «the killing»: a word general enough to name the event told before it. */
function refersBack(a: Frame, b: Frame): boolean {
  if (a.type === b.type || absorbs(a.type, b.type) || group(a) === group(b)) return true;
  return b.triggers.every((t) => t.value.outcome !== undefined || t.value.weight < 0.6);
}

/**
 * «At least nine civilians were killed … when warplanes struck a market» then «Another 35 people were
 * wounded in the attack»: a definite mention with no place of its own other than the event's, no other
 * doer and no other day is that event; it lends the figures the event lacks.
 */
function joinDefiniteMentions(frames: Frame[], decisions: EventDecision[]): Frame[] {
  const out = frames.slice();
  for (const b of frames) {
    if (!definiteMention(b) || b.heading || b.earlier) continue;
    const before = out.filter((a) => a !== b && !a.heading && !a.earlier && a.sentence < b.sentence);
    const a = before[before.length - 1];
    if (!a || !refersBack(a, b) || !perpetratorsAgree(a, b) || !timesCompatible(a, b)) continue;
    const ids = new Set(a.places.map((p) => p.entry?.id ?? p.text));
    if (!ownPlaces(b).every((p) => ids.has(p.entry?.id ?? p.text))) continue;
    if (ownPlaces(b).length === 0) b.places = [];
    mergeInto(a, b);
    out.splice(out.indexOf(b), 1);
    decisions.push({ rule: 'definite-mention', frame: b.key, into: a.key });
  }
  return out;
}

const TERRITORY: ReadonlySet<string> = new Set(['non_state_overtakes_territory', 'government_regains_territory']);

function joinFightingForGround(frames: Frame[], decisions: EventDecision[]): Frame[] {
  const out = frames.slice();
  for (const c of frames) {
    if (c.type !== 'armed_clash' || c.earlier || c.heading) continue;
    const into = out.find((t) => TERRITORY.has(t.type) && t.sentence === c.sentence && !t.earlier && noNewPlace(t, c));
    if (!into) continue;
    mergeInto(into, c);
    out.splice(out.indexOf(c), 1);
    decisions.push({ rule: 'fighting-for-ground', frame: c.key, into: into.key });
  }
  return out;
}

export function resolveDocumentEvents(
  frames: Frame[],
  lang: 'ar' | 'en' = 'ar',
): { frames: Frame[]; decisions: EventDecision[] } {
  const decisions: EventDecision[] = [];
  // bare mentions first: a lead with nothing of its own («شنت قسد حملة اعتقالات واسعة») joins the
  // detailed event below it before the headline joins either
  let out = joinFightingForGround(frames, decisions);
  out = joinBareMentions(out, decisions);
  out = foldHeadlines(out, decisions);
  out = dropLeadTotals(out, decisions);
  out = joinOtherSources(out, decisions);
  // English «the attack» points back; the Arabic article marks most nouns, referring or not
  if (lang === 'en') out = joinDefiniteMentions(out, decisions);
  return { frames: out, decisions };
}
