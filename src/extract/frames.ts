// Frames: a trigger (or several that name one event) with the clause it stands in. Built clause by
// clause, then joined inside the sentence; arguments are attached later (arguments.ts) and frames
// that tell one event are merged across sentences (merge.ts).
import type { ActorRole, Accusation, CountKey, ExtractionIssue, IncidentType, Method, Violation } from '../schema.ts';
import type { Quantity } from '../quantity/types.ts';
import type { TimeMention } from '../time/types.ts';
import type { PlaceMention } from '../geo/types.ts';
import type { DocContext } from './context.ts';
import type { Mention } from './mentions.ts';
import type { CueValue, Realis, TriggerValue } from './lexicons.ts';
import { hasArticle } from '../text/clitics.ts';
import { toldApart } from './realis.ts';
import { participle } from '../text/aspect.ts';
// which type swallows another named in the same clause is data: lexicons/types.txt
import { absorbs } from './type-policy.ts';

export interface FrameActor {
  role: ActorRole;
  id: string;
  name: string;
  group?: string;
  span: [number, number] | null;
  /** token position, for ordering and distance; -1 when carried over */
  token: number;
  carried?: string;
}

export interface FrameCount {
  q: Quantity;
  rule: string;
}

export interface Frame {
  key: number;
  type: IncidentType;
  sentence: number;
  paragraph: number;
  heading: boolean;
  triggers: Mention<TriggerValue>[];
  /** triggers that name the event (not casualty words) */
  eventTriggers: number;
  weight: number;
  lowered: string[];
  earlier: boolean;
  reference: boolean;
  /** its sentence is an English direct quote («"They opened fire on our men," the commander said») */
  quoted: boolean;
  /** every event word carries the article: it refers back to an event already named */
  definite: boolean;
  /** told as another event besides those before it («كما شنت الطائرات غارات مماثلة»): never merged
   * into an event of an earlier sentence */
  another: boolean;
  /** its sentence tells a toll that rose since it was first told («وارتفعت حصيلة القتلى إلى 20») */
  update: boolean;
  clauses: Set<number>;
  actors: FrameActor[];
  counts: Partial<Record<CountKey, FrameCount>>;
  methods: Map<Method, [number, number] | null>;
  accusations: Map<Accusation, [number, number]>;
  violations: Set<Violation>;
  places: PlaceMention[];
  time: TimeMention | null;
  attribution: { text: string; span: [number, number] } | null;
  evidence: Array<[number, number]>;
  rules: string[];
  issues: ExtractionIssue[];
  fightersVictim: boolean;
  /** «سقوط 20 بين قتيل وجريح»: a toll of the dead and wounded together, no count of either */
  combined: FrameCount | null;
  /** whether the mention tells an event that happened (realis.ts) */
  realis: Realis;
  realisRule: string | null;
}

export interface CueEffect {
  cue: Mention<CueValue>;
  trigger: Mention<TriggerValue>;
}

/** Token b is in the list that starts at token a: same clause, or clauses that each open with «و». */
function inList(ctx: DocContext, a: number, b: number): boolean {
  let clause = ctx.clauseOf[a];
  for (let t = a; t <= b; t++) {
    if (ctx.clauseOf[t] !== clause) {
      const tok = ctx.a.tokens[t]!;
      const continues = tok.arabic ? tok.norm.startsWith('و') && tok.keys.length > 1 : tok.norm === 'and';
      if (!continues) return false;
      clause = ctx.clauseOf[t];
    }
  }
  return true;
}

/** The last token of the charge list opened by a cue: its own clause, then the «و» clauses after it
 * as far as the last one that names a charge («بتهم مثل العمالة، والتنسيق مع الصحوات، والردة»). */
function listEnd(ctx: DocContext, c: Mention<CueValue>): number {
  const s = ctx.a.sentences[c.sentence]!;
  let end = c.tokenEnd;
  while (end < s.tokenEnd && ctx.clauseOf[end] === ctx.clauseOf[c.tokenStart]) end++;
  for (const acc of ctx.m.accusations) {
    if (acc.sentence !== c.sentence || acc.tokenStart < end) continue;
    if (inList(ctx, c.tokenEnd, acc.tokenStart)) end = Math.max(end, clauseEnd(ctx, acc.tokenStart));
  }
  return end;
}

function clauseEnd(ctx: DocContext, t: number): number {
  let e = t;
  while (e < ctx.clauseOf.length && ctx.clauseOf[e] === ctx.clauseOf[t]) e++;
  return e;
}

/** Tokens covered by charge lists: what the victims were accused of, not what happened. */
export function chargeListTokens(ctx: DocContext): Set<number> {
  const out = new Set<number>();
  for (const c of ctx.m.cues) {
    if (c.value.kind !== 'charge' || c.value.scope !== 'list') continue;
    const end = listEnd(ctx, c);
    for (let t = c.tokenStart; t < end; t++) out.add(t);
  }
  return out;
}

const TOWN_KINDS: ReadonlySet<string> = new Set(['town', 'village', 'quarter', 'subdistrict', 'site']);

/** A town, village or quarter, or a city called one («مدينة الموصل»; a bare «حماة» in a running toll
 * is as much the governorate). */
function townInSentence(ctx: DocContext, sentence: number): boolean {
  return ctx.places.some((p) => {
    if (!p.entry || p.role !== 'location' || ctx.sentOf[p.tokenStart] !== sentence) return false;
    if (TOWN_KINDS.has(p.entry.kind)) return true;
    return p.entry.kind === 'city' && p.tokenStart > 0 && /مدينه$/.test(ctx.a.tokens[p.tokenStart - 1]!.norm);
  });
}

/** Which triggers each suppress/lower cue reaches (same sentence; scope per cues.txt). */
export function cueEffects(ctx: DocContext): { suppressed: CueEffect[]; lowered: CueEffect[] } {
  const suppressed: CueEffect[] = [];
  const lowered: CueEffect[] = [];
  const bySentence = new Map<number, Mention<TriggerValue>[]>();
  for (const t of ctx.m.triggers) {
    if (t.value.type === 'none') continue;
    const l = bySentence.get(t.sentence) ?? [];
    l.push(t);
    bySentence.set(t.sentence, l);
  }
  for (const c of ctx.m.cues) {
    if (c.value.effect === 'none' || c.value.effect === 'realis') continue;
    // «وثقها التقرير … في منطقة الغابات شمالي مدينة الموصل», «في شهر آذار الماضي … بناحية القيارة»: a
    // monthly total names no town; a sentence of a report that does tells an incident (annotation.md)
    if (c.value.kind === 'total' && townInSentence(ctx, c.sentence)) continue;
    for (const t of bySentence.get(c.sentence) ?? []) {
      let hit: boolean;
      if (c.value.scope === 'sentence') hit = true;
      else if (c.value.scope === 'rest') hit = t.tokenStart >= c.tokenEnd;
      else if (c.value.scope === 'list') hit = t.tokenStart >= c.tokenEnd && t.tokenStart < listEnd(ctx, c);
      else if (c.value.scope === 'clause')
        hit =
          t.tokenStart >= c.tokenEnd &&
          t.tokenStart < c.tokenEnd + c.value.reach &&
          ctx.clauseOf[t.tokenStart] === ctx.clauseOf[c.tokenStart];
      else hit = t.tokenStart >= c.tokenEnd && t.tokenStart < c.tokenEnd + c.value.reach;
      // a quantity phrase like «ما لا يقل عن» or a casualty word is not negated by a nearby «لا»
      if (!hit) continue;
      (c.value.effect === 'suppress' ? suppressed : lowered).push({ cue: c, trigger: t });
    }
  }
  return { suppressed, lowered };
}

const WEAK = 0.6;

function definiteToken(ctx: DocContext, t: number): boolean {
  const tok = ctx.a.tokens[t];
  if (!tok) return false;
  if (!tok.arabic) return t > 0 && ctx.a.tokens[t - 1]!.norm === 'the';
  return hasArticle(tok.norm);
}

/** An English sentence opening with a quotation mark: someone retelling in their own words. */
function quotedSentence(ctx: DocContext, s: { start: number; end: number }): boolean {
  return ctx.a.lang === 'en' && /^\s*["\u201c]/u.test(ctx.a.norm.slice(s.start, s.end));
}

function emptyFrame(ctx: DocContext, key: number, t: Mention<TriggerValue>, type: IncidentType): Frame {
  const s = ctx.a.sentences[t.sentence]!;
  const p = ctx.a.paragraphs[s.paragraph]!;
  return {
    key,
    type,
    sentence: s.i,
    paragraph: s.paragraph,
    heading: p.heading,
    triggers: [t],
    eventTriggers: t.value.outcome ? 0 : 1,
    weight: t.value.weight,
    lowered: [],
    earlier: false,
    reference: false,
    quoted: quotedSentence(ctx, s),
    definite: false,
    another: false,
    update: false,
    clauses: new Set([ctx.clauseOf[t.tokenStart]!]),
    actors: [],
    counts: {},
    methods: new Map(),
    accusations: new Map(),
    violations: new Set(t.value.violations),
    places: [],
    time: null,
    attribution: null,
    evidence: [],
    rules: [`trigger:${t.value.id}`],
    issues: [],
    fightersVictim: false,
    combined: null,
    realis: 'actual',
    realisRule: null,
  };
}

function addTrigger(f: Frame, t: Mention<TriggerValue>, clause: number): void {
  f.triggers.push(t);
  if (!t.value.outcome) f.eventTriggers++;
  f.weight = Math.max(f.weight, t.value.weight);
  for (const v of t.value.violations) f.violations.add(v);
  f.clauses.add(clause);
  if (!f.rules.includes(`trigger:${t.value.id}`)) f.rules.push(`trigger:${t.value.id}`);
}

/** How many tokens before a strike word its aircraft subject may stand, across commas. */
const SUBJECT_REACH = 8;

/**
 * An aircraft word shares the strike word's clause, or is its subject: earlier in the sentence, close,
 * with no other event word between («unidentified warplanes, likely Israeli, struck a convoy»).
 */
function aircraftDoes(ctx: DocContext, t: Mention<TriggerValue>): boolean {
  const c = ctx.clauseOf[t.tokenStart];
  return ctx.ix.aircraft[t.sentence]!.some((x) => {
    if (ctx.clauseOf[x.tokenStart] === c) return true;
    if (!t.value.aircraftOnly || x.tokenEnd > t.tokenStart || t.tokenStart - x.tokenEnd > SUBJECT_REACH) return false;
    for (let i = x.tokenEnd; i < t.tokenStart; i++) if (ctx.triggerAtToken[i]) return false;
    return true;
  });
}

/**
 * A strike word is an air strike when an aircraft word is its doer; otherwise the entry's own type
 * (shelling for «قصف», a ground raid for «carried out raids»), or no event at all for a word that
 * names one only with aircraft («struck», «hit»: `strike = aircraft`).
 */
export function triggerType(ctx: DocContext, t: Mention<TriggerValue>): IncidentType | null {
  if (t.value.type === 'none') throw new RangeError('blocking entries carry no type');
  if (!t.value.genericStrike && !t.value.aircraftOnly) return t.value.type;
  if (aircraftDoes(ctx, t)) return 'air_strike';
  return t.value.aircraftOnly ? null : t.value.type;
}

const PROTEST_TYPES: ReadonlySet<IncidentType> = new Set<IncidentType>([
  'peaceful_protest',
  'protest_with_intervention',
  'excessive_force_against_protesters',
  'violent_demonstration',
]);

/**
 * A protest and what met it in one sentence are one event, typed by the worst that happened:
 * shooting or deaths → excessive force; dispersal or arrests → intervention; arson, stones or fighting
 * by the protesters → violent demonstration («أضرم محتجون غاضبون النار في مبنى المحافظة»).
 */
function protestCombination(ctx: DocContext, sentence: number, local: Frame[]): void {
  const protesterNamed = ctx.ix.actors[sentence]!.some((m) => m.value.actor === 'protesters');
  const told = local.filter((f) => !f.triggers.some((t) => toldApart(ctx, t)));
  const protest =
    told.find((f) => PROTEST_TYPES.has(f.type)) ??
    (protesterNamed
      ? told.find((f) => ['mob_violence', 'looting', 'armed_clash', 'attack', 'arrests'].includes(f.type))
      : undefined);
  if (!protest) return;
  const others = told.filter((f) => f !== protest);
  const has = (types: IncidentType[]) => [protest, ...others].some((f) => types.includes(f.type));
  const killing = [protest, ...others].some(
    (f) =>
      f.triggers.some((t) => t.value.outcome) || f.type === 'attack' || f.type === 'excessive_force_against_protesters',
  );
  let type: IncidentType;
  if (killing) type = 'excessive_force_against_protesters';
  else if (has(['protest_with_intervention', 'arrests'])) type = 'protest_with_intervention';
  else if (has(['violent_demonstration', 'mob_violence', 'looting', 'armed_clash'])) type = 'violent_demonstration';
  else return;
  protest.type = type;
  for (const f of others) {
    if (f.type === 'displacement' || f.type === 'agreement') continue;
    for (const t of f.triggers) addTrigger(protest, t, ctx.clauseOf[t.tokenStart]!);
    local.splice(local.indexOf(f), 1);
  }
  protest.rules.push('type:protest-combination');
}

/** A separator cue of sentence `s` stands in tokens [a, b). */
function separated(sepCues: Mention<CueValue>[], s: number, a: number, b: number): boolean {
  return sepCues.some((c) => c.sentence === s && c.tokenStart >= a && c.tokenStart < b);
}

/** The cue is the sentence's first word («كما», «وكذلك»), punctuation aside. */
function opensSentence(ctx: DocContext, first: number, c: Mention<CueValue>): boolean {
  for (let i = first; i < c.tokenStart; i++) if (/\p{L}|\p{N}/u.test(ctx.a.tokens[i]!.norm)) return false;
  return true;
}

/**
 * «وفي الـ20 من الشهر الجاري، أصيب ثلاثة…», «وفي يوم الخميس قصفت…»: a sentence that opens with «وفي»
 * and a date moves the report on to the next dated item, one more event; a date later in the sentence
 * («وأصيب ثلاثة في الهجوم نفسه يوم الخميس») does not.
 */
function opensWithDate(ctx: DocContext, first: number, end: number): boolean {
  let i = first;
  while (i < end && !/\p{L}|\p{N}/u.test(ctx.a.tokens[i]!.norm)) i++;
  if (i >= end || ctx.a.tokens[i]!.norm !== 'وفي') return false;
  return ctx.times.some((t) => t.tokenStart > i && t.tokenStart <= i + 2);
}

/** «غارات جوية مماثلة», «هجوم آخر»: an `another` cue within its reach after one of the frame's event words. */
function followsEventWord(f: Frame, cues: Mention<CueValue>[]): boolean {
  return cues.some((c) =>
    f.triggers.some((t) => !t.value.outcome && c.tokenStart >= t.tokenEnd && c.tokenStart < t.tokenEnd + c.value.reach),
  );
}

/** Clause-level frames of one document, before arguments and merging. */
export function buildFrames(
  ctx: DocContext,
  suppressed: Set<Mention<TriggerValue>>,
  lowered: Map<Mention<TriggerValue>, string[]>,
): Frame[] {
  const frames: Frame[] = [];
  let key = 0;
  // «On 14 March, …»: an English word the date grammar read as part of a date names no event
  const dateTokens = new Set<number>();
  if (ctx.a.lang === 'en') for (const d of ctx.times) for (let i = d.tokenStart; i < d.tokenEnd; i++) dateTokens.add(i);
  for (const s of ctx.a.sentences) {
    // most sentences name no event: they are left before their cues are sorted out
    const trig = ctx.ix.triggers[s.i]!.filter(
      (t) => t.value.type !== 'none' && !suppressed.has(t) && !dateTokens.has(t.tokenStart),
    );
    if (trig.length === 0) continue;
    const cues = ctx.ix.cues[s.i]!;
    const sepCues = cues.filter((c) => c.value.kind === 'separator');
    const earlierCues = cues.filter((c) => c.value.kind === 'earlier' || c.value.kind === 'earlier_before');
    const causeCues = cues.filter((c) => c.value.kind === 'cause');
    const anotherCues = cues.filter((c) => c.value.kind === 'another');
    const update = cues.some((c) => c.value.kind === 'update');
    const opensAnother =
      cues.some((c) => c.value.opening === 'another' && opensSentence(ctx, s.tokenStart, c)) ||
      opensWithDate(ctx, s.tokenStart, s.tokenEnd);
    const types = new Map(trig.map((t) => [t, t.value.outcome ? null : triggerType(ctx, t)]));
    const events = trig.filter((t) => !t.value.outcome && types.get(t));
    const outcomes = trig.filter((t) => t.value.outcome);
    const local: Frame[] = [];
    for (const t of events) {
      const type = types.get(t)!;
      const clause = ctx.clauseOf[t.tokenStart]!;
      // the same clause (or an adjacent trigger) names the same event; a weak word joins a strong one
      let joined = false;
      for (let i = local.length - 1; i >= 0 && !joined; i--) {
        const f = local[i]!;
        if (!f.clauses.has(clause)) continue;
        const last = f.triggers[f.triggers.length - 1]!;
        if (separated(sepCues, s.i, last.tokenEnd, t.tokenStart)) continue;
        const disjoint =
          f.violations.size > 0 &&
          t.value.violations.length > 0 &&
          !t.value.violations.some((v) => f.violations.has(v));
        if (f.type === type && !disjoint) {
          addTrigger(f, t, clause);
          joined = true;
        } else if ((f.type !== type && absorbs(f.type, type)) || (t.value.weight < WEAK && f.weight >= WEAK)) {
          addTrigger(f, t, clause);
          joined = true;
        } else if ((f.type !== type && absorbs(type, f.type)) || (f.weight < WEAK && t.value.weight >= WEAK)) {
          f.type = type;
          addTrigger(f, t, clause);
          joined = true;
        }
      }
      if (!joined) local.push(emptyFrame(ctx, key++, t, type));
    }
    for (const o of outcomes) {
      // a casualty word belongs to the nearest event of its sentence
      let best: Frame | null = null;
      let bestD = Infinity;
      for (const f of local) {
        if (f.eventTriggers === 0) continue;
        for (const t of f.triggers) {
          const d = Math.abs(t.tokenStart - o.tokenStart);
          if (d < bestD) {
            bestD = d;
            best = f;
          }
        }
      }
      if (best) addTrigger(best, o, ctx.clauseOf[o.tokenStart]!);
      else {
        const prev = local.find((f) => f.eventTriggers === 0);
        if (prev) addTrigger(prev, o, ctx.clauseOf[o.tokenStart]!);
        else local.push(emptyFrame(ctx, key++, o, o.value.type === 'none' ? 'attack' : o.value.type));
      }
    }
    protestCombination(ctx, s.i, local);
    for (const f of local) {
      const first = Math.min(...f.triggers.map((t) => t.tokenStart));
      // «وكانت الدولة الإسلامية أعدمت» tells an earlier act; «كانت السيارة مفخخة» a state
      const state = participle(ctx.a.tokens[first]!.norm);
      f.earlier = earlierCues.some(
        (c) =>
          c.sentence === s.i &&
          ((c.tokenStart < first && !(state && c.value.kind === 'earlier_before')) ||
            (c.value.kind === 'earlier' && c.tokenStart < first + 8)),
      );
      // «العبوة كانت مزروعة», «نقل المختطفين»: a definite noun names an event already told; the
      // article of a weapon («بالمدفعية», «بالدبابات») names its kind, not an event told before
      f.definite = f.triggers.every(
        (t) => t.value.outcome || (!t.value.instrument && definiteToken(ctx, t.tokenStart)),
      );
      f.another = f.eventTriggers > 0 && ((opensAnother && !f.definite) || followsEventWord(f, anotherCues));
      f.update = update;
      f.reference = f.triggers.every((t) =>
        causeCues.some(
          (c) =>
            c.sentence === s.i &&
            c.tokenEnd <= t.tokenStart &&
            ctx.clauseOf[c.tokenStart] === ctx.clauseOf[t.tokenStart],
        ),
      );
      // «regime forces clashed with the factions following an infiltration operation»: a word of the
      // frame outside every lowering cue's reach states the event; only a wholly lowered frame is lowered
      if (f.triggers.every((t) => lowered.has(t)))
        for (const t of f.triggers) for (const k of lowered.get(t)!) if (!f.lowered.includes(k)) f.lowered.push(k);
      if (f.type === ('none' as string)) continue;
      frames.push(f);
    }
  }
  return frames.sort((x, y) => x.triggers[0]!.tokenStart - y.triggers[0]!.tokenStart);
}
