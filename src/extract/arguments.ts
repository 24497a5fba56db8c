// Arguments of each frame: actors with roles, counts, methods, accusations, violation words, places,
// times and the attribution, taken from the frame's sentence. An argument goes to the nearest frame
// of its sentence, so «قتل 38 مدنياً … في قصف» and «اعتقال العشرات» in one sentence keep their own
// figures. A sentence without a trigger that lists methods or charges («ترافقت مع تنوع التهم بين …»)
// gives them to the frame just before it.
import type { CountKey, IncidentType } from '../schema.ts';
import type { Quantity } from '../quantity/types.ts';
import { needsPerson } from '../quantity/vocabulary.ts';
import type { DocContext } from './context.ts';
import type { Frame, FrameActor } from './frames.ts';
import type { Mention } from './mentions.ts';
import type { ActorValue, TriggerValue } from './lexicons.ts';

export const VICTIM_TYPES: ReadonlySet<IncidentType> = new Set<IncidentType>([
  'attack',
  'execution',
  'abduction',
  'arrests',
  'air_strike',
  'shelling',
  'explosive_device',
  'suicide_bomb',
  'chemical_weapon',
  'grenade',
  'sexual_violence',
  'displacement',
  'coercion',
  'forced_recruitment',
  'forced_labour',
  'excessive_force_against_protesters',
  'protest_with_intervention',
  'mob_violence',
  'looting',
]);

/** Types where an armed side that suffers is a victim (executed soldiers, detained fighters), not a target. */
const ARMED_VICTIM_TYPES: ReadonlySet<IncidentType> = new Set<IncidentType>([
  'execution',
  'arrests',
  'abduction',
  'forced_recruitment',
  'forced_labour',
  'coercion',
  'sexual_violence',
  'displacement',
]);

/** Types whose victims the annotation names as civilians when the text names no one else. */
const DEFAULT_CIVILIAN_VICTIMS: ReadonlySet<IncidentType> = new Set<IncidentType>([
  'execution',
  'arrests',
  'abduction',
  'coercion',
  'forced_recruitment',
  'forced_labour',
  'displacement',
  'sexual_violence',
]);

const ACCUSATION_TYPES: ReadonlySet<IncidentType> = new Set<IncidentType>([
  'execution',
  'arrests',
  'abduction',
  'attack',
  'coercion',
  'sexual_violence',
]);

const CIVILIAN: ReadonlySet<string> = new Set(['civilians', 'journalists', 'aid_workers', 'protesters']);

// ACLED's convention: only a government's own forces and their allies *regain* territory; a
// non-state group, or a foreign state's forces with the factions they back (Turkey and the SNA in
// Syria), *overtake* it. Russia fights as the Syrian government's ally, the PMF and Peshmerga are
// Iraqi state forces.
const GOVERNMENTS: ReadonlySet<string> = new Set([
  'syrian_government',
  'iraqi_security_forces',
  'pmf',
  'peshmerga',
  'russia',
]);
// state forces, at home or abroad: the only ones ACLED codes as making arrests
const STATE_FORCES: ReadonlySet<string> = new Set([
  ...GOVERNMENTS,
  'turkey',
  'iran',
  'israel',
  'united_states',
  'international_coalition',
]);
/** what a government taking ground does instead of overtaking it */
const REGAINED: Partial<Record<IncidentType, IncidentType>> = {
  non_state_overtakes_territory: 'government_regains_territory',
};

function distance(f: Frame, t: number): number {
  let d = Infinity;
  for (const x of f.triggers) {
    if (t >= x.tokenStart && t < x.tokenEnd) return 0;
    d = Math.min(d, t < x.tokenStart ? x.tokenStart - t : t - x.tokenEnd + 1);
  }
  return d;
}

function nearest(frames: Frame[], t: number, accept: (f: Frame) => boolean = () => true): Frame | null {
  let best: Frame | null = null;
  let bd = Infinity;
  for (const f of frames) {
    if (!accept(f)) continue;
    const d = distance(f, t);
    if (d < bd) {
      bd = d;
      best = f;
    }
  }
  return best;
}

/** An Arabic genitive «لقوات النظام», «للطيران الحربي»: the actor owns the act. */
function lamGenitive(ctx: DocContext, t: number): boolean {
  const tok = ctx.a.tokens[t];
  if (!tok?.arabic) return false;
  const n = tok.norm;
  return (
    (n.startsWith('ل') && tok.keys.includes(n.slice(1))) ||
    (n.startsWith('لل') && tok.keys.some((k) => n.slice(2) === k || `ال${k}` === n.slice(1)))
  );
}

/** «قسد وقوات التحالف», «Russian and Syrian jets»: two names joined by «و» / «and». */
function joinedTo(ctx: DocContext, prev: Mention<ActorValue>, m: Mention<ActorValue>): boolean {
  if (m.tokenStart === prev.tokenEnd) return /^و/.test(ctx.a.tokens[m.tokenStart].norm);
  return m.tokenStart === prev.tokenEnd + 1 && ctx.a.tokens[prev.tokenEnd].norm === 'and';
}

/** «اشتباكات بين قسد وقوات التحالف من جانب، وداعش من جانب آخر»: joined names are one side only when
 * the text says so; otherwise «بين X و Y» names the two sides of a clash. */
function sameSide(ctx: DocContext, m: Mention<ActorValue>): boolean {
  for (let t = m.tokenEnd; t <= m.tokenEnd + 1; t++) {
    const next = ctx.a.tokens[t];
    const after = ctx.a.tokens[t + 1];
    if (next && after && next.keys.includes('من') && after.keys.includes('جانب')) return true;
  }
  return false;
}

/** «قصف مدفعي وصاروخي لقوات النظام», «بضربة جوية لطيران الجيش العراقي»: a genitive right after the
 * trigger names who did it (the «ل» may sit on the name or on the forces noun before it). */
function ownsTrigger(ctx: DocContext, f: Frame, m: Mention<ActorValue>): boolean {
  const start = lamGenitive(ctx, m.tokenStart)
    ? m.tokenStart
    : lamGenitive(ctx, m.tokenStart - 1) && FORCES_NOUN.test(ctx.a.tokens[m.tokenStart - 1].norm)
      ? m.tokenStart - 1
      : -1;
  return start >= 0 && f.triggers.some((t) => start >= t.tokenEnd && start - t.tokenEnd <= 3);
}

const FORCES_NOUN = /^لل?(طيران|طايرات|قوات|مقاتلي|عناصر|مروحيات|مدفعيه|ميليشيا|مليشيا|خلايا|مسلحي)/;

/** «مقتل أربعة من عناصر تنظيم داعش»: a number «من» a group counts members of that group. */
function partitive(ctx: DocContext, m: Mention<ActorValue>): boolean {
  const prev = ctx.a.tokens[m.tokenStart - 1];
  if (!prev || !(prev.keys.includes('من') || prev.norm === 'of')) return false;
  const before = m.tokenStart - 2;
  if (before < 0) return false;
  if (ctx.ix.quantityEnds.has(before + 1) || ctx.countNounAtToken[before]) return true;
  // «9 عناصر من قوات النظام» counts members; «عناصر من التنظيم أعدموا» names the doers
  const fighters = ctx.ix.fighters[m.sentence].find((x) => x.tokenEnd === before + 1);
  return !!fighters && ctx.ix.quantityEnds.has(fighters.tokenStart);
}

function roleMarkerBefore(ctx: DocContext, m: Mention<ActorValue>): 'perpetrator' | 'target' | 'ignore' | null {
  let best: { role: 'perpetrator' | 'target' | 'ignore'; end: number } | null = null;
  // the marker stands right before the name, or before a fighters noun in front of it («على يد عناصر داعش»)
  const gapIsFighters = ctx.ix.fighters[m.sentence].some(
    (x) => x.tokenStart === m.tokenStart - 1 && x.tokenEnd === m.tokenStart,
  );
  for (const r of ctx.ix.roles[m.sentence]) {
    if (r.tokenEnd > m.tokenStart) continue;
    if (r.tokenEnd !== m.tokenStart && !(gapIsFighters && r.tokenEnd === m.tokenStart - 1)) continue;
    if (!best || r.tokenEnd > best.end) best = { role: r.value.role, end: r.tokenEnd };
  }
  return best?.role ?? null;
}

const LOCATIVE_AR: ReadonlySet<string> = new Set(['في', 'الي', 'باتجاه', 'نحو', 'من', 'داخل', 'خارج']);
const LOCATIVE_EN: ReadonlySet<string> = new Set(['in', 'to', 'into', 'towards', 'from', 'inside']);

/** Actor mentions the document supports: «التنظيم» only in an IS report; a country after «إلى» is a place. */
export function usableActors(ctx: DocContext): Mention<ActorValue>[] {
  // «بتهمة العمالة للنظام النصيري»: an actor inside a charge is what the victim was accused of
  // «التنظيم» is IS wherever the report names IS at all (the regime may be named more often as victim)
  const named = new Set(
    ctx.m.actors.filter((m) => !m.value.anaphor && !ctx.chargeTokens.has(m.tokenStart)).map((m) => m.value.actor),
  );
  // «بحسب الدفاع المدني», «according to the Syrian Civil Defence»: the source of the report, not a party
  const isSource = (m: Mention<ActorValue>) =>
    ctx.ix.attributions[m.sentence].some(
      (x) =>
        (x.tokenStart <= m.tokenStart && m.tokenStart < x.tokenEnd) ||
        (x.value.id === 'according_to' && m.tokenStart >= x.tokenEnd && m.tokenStart <= x.tokenEnd + 2),
    );
  const inCharge = (m: Mention<ActorValue>) =>
    ctx.ix.accusations[m.sentence].some((x) => x.tokenStart <= m.tokenStart && m.tokenStart < x.tokenEnd);
  const locative = ctx.a.lang === 'ar' ? LOCATIVE_AR : LOCATIVE_EN;
  return ctx.m.actors.filter((m) => {
    if (m.value.anaphor && ctx.subject !== m.value.actor && !named.has(m.value.actor)) return false;
    if (inCharge(m) || ctx.chargeTokens.has(m.tokenStart) || isSource(m)) return false;
    if (m.value.country) {
      const prev = m.tokenStart > 0 ? ctx.a.tokens[m.tokenStart - 1] : null;
      const first = ctx.a.tokens[m.tokenStart];
      const withPrep = first.arabic && /^[بل]/.test(first.norm) && first.keys.includes(first.norm.slice(1));
      if (withPrep || (prev && prev.keys.some((k) => locative.has(k)))) return false;
    }
    return true;
  });
}

/** The armed actor the report is about: the most named one outside charges («بتهمة العمالة للنظام»
 * names no actor of the report); «التنظيم» counts half a vote for IS. */
export function documentSubject(ctx: Pick<DocContext, 'm' | 'a' | 'chargeTokens' | 'ix'>): string | null {
  const counts = new Map<string, number>();
  for (const m of ctx.m.actors) {
    if (m.value.side !== 'armed' || ctx.chargeTokens.has(m.tokenStart)) continue;
    if (ctx.ix.accusations[m.sentence].some((x) => x.tokenStart <= m.tokenStart && m.tokenStart < x.tokenEnd)) continue;
    counts.set(m.value.actor, (counts.get(m.value.actor) ?? 0) + (m.value.anaphor ? 0.5 : 1));
  }
  let best: string | null = null;
  let n = 0;
  for (const [k, v] of counts) if (v > n) [best, n] = [k, v];
  return best;
}

/**
 * A frame actor written out rather than spread from a shared base (the spreads were a visible cost
 * per actor); the field order is the one the spreads gave.
 */
function frameActor(
  id: string,
  name: string,
  span: [number, number],
  token: number,
  group: string | undefined,
  role: FrameActor['role'],
): FrameActor {
  return group ? { id, name, span, token, group, role } : { id, name, span, token, role };
}

/** Append to the list under `key` (grouping without copying the list on every append). */
function pushTo<K, V>(m: Map<K, V[]>, key: K, v: V): void {
  const list = m.get(key);
  if (list) list.push(v);
  else m.set(key, [v]);
}

function addActor(f: Frame, a: FrameActor): void {
  if (f.actors.some((x) => x.role === a.role && x.id === a.id)) return;
  f.actors.push(a);
}

function assignActors(ctx: DocContext, frames: Frame[], actors: Mention<ActorValue>[]): void {
  const bySentence = framesBySentence(frames);
  const perMention = new Map<Frame, Mention<ActorValue>[]>();
  for (const m of actors) {
    const fs = bySentence.get(m.sentence);
    if (!fs) continue;
    const f = nearest(fs, m.tokenStart);
    if (f) pushTo(perMention, f, m);
  }
  const usableBySentence = new Map<number, Mention<ActorValue>[]>();
  for (const m of actors) pushTo(usableBySentence, m.sentence, m);
  // «وأن الدولة الإسلامية اعتقلتهم أثناء سيطرتها على الآبار»: a second event of the clause shares its subject
  for (const f of frames) {
    const first = Math.min(...f.triggers.map((t) => t.tokenStart));
    const own = perMention.get(f) ?? [];
    if (own.some((m) => m.value.side === 'armed' && m.tokenStart < first)) continue;
    const clause = ctx.clauseOf[first];
    const subject = (usableBySentence.get(f.sentence) ?? [])
      .filter(
        (m) =>
          m.value.side === 'armed' && m.tokenEnd <= first && ctx.clauseOf[m.tokenStart] === clause && !own.includes(m),
      )
      .pop();
    if (subject)
      perMention.set(
        f,
        [subject, ...own].sort((x, y) => x.tokenStart - y.tokenStart),
      );
  }
  for (const [f, all] of perMention) {
    // «فصائل الجيش الوطني»: two aliases side by side name one actor once
    const ms = all.filter(
      (m, i) => !(i > 0 && all[i - 1].value.actor === m.value.actor && all[i - 1].tokenEnd === m.tokenStart),
    );
    let lastPerp: Mention<ActorValue> | null = null;
    // once an actor is marked as the doer («من قبل طيران التحالف»), unmarked ones are not
    const markedPerp = ms.some(
      (m) =>
        m.value.side === 'armed' &&
        !partitive(ctx, m) &&
        roleMarkerBefore(ctx, m) !== 'target' &&
        (roleMarkerBefore(ctx, m) === 'perpetrator' || ownsTrigger(ctx, f, m)),
    );
    for (let i = 0; i < ms.length; i++) {
      const m = ms[i];
      const v = m.value;
      const span: [number, number] = [m.rawStart, m.rawEnd];
      const id = (ctx.country && v.inCountry?.[ctx.country]) || v.actor;
      const name = ctx.lex.actorNames.get(id) ?? v.name;
      if (v.side === 'civilian') {
        if (!VICTIM_TYPES.has(f.type)) continue;
        // «عشرة أشخاص من عناصر قوات النظام»: the persons are the soldiers named next
        const next = ms[i + 1];
        if (
          next &&
          next.value.side === 'armed' &&
          next.tokenStart - m.tokenEnd <= 3 &&
          roleMarkerBefore(ctx, next) === 'target'
        )
          continue;
        addActor(f, frameActor(id, name, span, m.tokenStart, v.group, 'victim'));
        if (v.also)
          addActor(
            f,
            frameActor(v.also, ctx.lex.actorNames.get(v.also) ?? v.also, span, m.tokenStart, v.group, 'victim'),
          );
        continue;
      }
      const marker = partitive(ctx, m) ? 'target' : roleMarkerBefore(ctx, m);
      if (marker === 'ignore') continue;
      // «وسط تجمع لعناصر الحشد»: a target marker outranks the genitive
      const hasPerp = f.actors.some((x) => x.role === 'perpetrator');
      let role: 'perpetrator' | 'target' | 'victim' | null;
      if (marker === 'target') role = ARMED_VICTIM_TYPES.has(f.type) ? 'victim' : 'target';
      // «two PMF fighters were killed when…», «a regime soldier was wounded by sniper fire»: the subject of
      // an English passive is acted on
      else if (ctx.a.lang === 'en' && marker !== 'perpetrator' && passiveSubject(ctx, f, m))
        role = VICTIM_TYPES.has(f.type) && f.type !== 'air_strike' && f.type !== 'shelling' ? 'victim' : 'target';
      else if (marker === 'perpetrator' || ownsTrigger(ctx, f, m)) role = 'perpetrator';
      else if (f.type === 'group_change') role = 'perpetrator';
      else if (markedPerp) role = ARMED_VICTIM_TYPES.has(f.type) ? 'victim' : 'target';
      else if (!hasPerp) role = 'perpetrator';
      else if (lastPerp && joinedTo(ctx, lastPerp, m) && (f.type !== 'armed_clash' || sameSide(ctx, m)))
        role = 'perpetrator';
      else if (ctx.ix.fighters[m.sentence].some((x) => x.tokenStart <= m.tokenStart && x.tokenEnd >= m.tokenStart - 1))
        role = ARMED_VICTIM_TYPES.has(f.type) ? 'victim' : 'target';
      // English puts the object after the verb: «gunmen assassinated a QSD member», «killed a member of
      // the regime's intelligence» (in Arabic the word after the verb is its subject)
      else if (ctx.a.lang === 'en' && objectOf(ctx, f, m))
        role = VICTIM_TYPES.has(f.type) && f.type !== 'air_strike' && f.type !== 'shelling' ? 'victim' : 'target';
      else role = VICTIM_TYPES.has(f.type) && f.type !== 'air_strike' && f.type !== 'shelling' ? null : 'target';
      if (!role) continue;
      // the group a victim pledges to («مبايعة التنظيم») is its own perpetrator, not a victim; infighting keeps both
      if (
        role !== 'perpetrator' &&
        f.type !== 'armed_clash' &&
        f.actors.some((x) => x.role === 'perpetrator' && x.id === id)
      )
        continue;
      if (role === 'perpetrator') {
        lastPerp = m;
        if (f.type !== 'armed_clash')
          f.actors = f.actors.filter((x) => x.role === 'perpetrator' || x.id !== id || CIVILIAN.has(x.id));
      }
      addActor(f, frameActor(id, name, span, m.tokenStart, v.group, role));
    }
  }
}

const EN_AUXILIARY = new Set(['was', 'were', 'been', 'being', 'is', 'are']);
const EN_PARTICIPLE = /(ed|en)$|^(shot|hit|struck|held|slain|taken|stabbed)$/;

/** «X were killed», «X was reportedly shot»: the mention is followed, in its clause, by an auxiliary and a participle trigger. */
function passiveSubject(ctx: DocContext, f: Frame, m: Mention<ActorValue>): boolean {
  return f.triggers.some((t) => {
    if (
      t.tokenStart < m.tokenEnd ||
      t.tokenStart - m.tokenEnd > 4 ||
      ctx.clauseOf[m.tokenStart] !== ctx.clauseOf[t.tokenStart]
    )
      return false;
    if (!EN_PARTICIPLE.test(ctx.a.tokens[t.tokenStart].norm)) return false;
    // the auxiliary right before the participle, or before one adverb («were reportedly killed»);
    // «airstrikes were reported to have targeted» is no passive of «targeted»
    const before = ctx.a.tokens[t.tokenStart - 1];
    const before2 = ctx.a.tokens[t.tokenStart - 2];
    if (t.tokenStart - 1 >= m.tokenEnd && EN_AUXILIARY.has(before.norm)) return true;
    return t.tokenStart - 2 >= m.tokenEnd && EN_AUXILIARY.has(before2.norm) && /ly$/.test(before.norm);
  });
}

/** The mention follows one of the frame's words within four tokens of its own clause (articles, numbers, «member of»). */
function objectOf(ctx: DocContext, f: Frame, m: Mention<ActorValue>): boolean {
  return f.triggers.some(
    (t) =>
      m.tokenStart >= t.tokenEnd &&
      m.tokenStart - t.tokenEnd <= 4 &&
      ctx.clauseOf[m.tokenStart] === ctx.clauseOf[t.tokenStart],
  );
}

type CountNounMention = DocContext['m']['countNouns'][number];

function countNounAt(ctx: DocContext, t: number): CountNounMention | undefined {
  return t >= 0 ? ctx.countNounAtToken[t] : undefined;
}

function andAt(ctx: DocContext, t: number): boolean {
  return ctx.a.tokens[t]?.norm === 'and';
}

function casualty(k: string): boolean {
  return k === 'killed' || k === 'injured';
}

function coversToken(x: { tokenStart: number; tokenEnd: number }, t: number): boolean {
  return x.tokenStart <= t && t < x.tokenEnd;
}

/** The key of a count noun and of one coordinated with it by «و» («القتلى والجرحى», «مقتل وإصابة»). */
const OTHERS = /^(ا|و)?اخر(ون|ين|ان)$|^others$/;

function withCoordinated(ctx: DocContext, c: CountNounMention, dir: 1 | -1): CountKey[] {
  if (c.value.count === 'none') return [];
  const keys: CountKey[] = [c.value.count];
  // Arabic joins with a «و» clitic on the next word, English with a separate «and» («killed and wounded»)
  const t =
    dir === 1
      ? andAt(ctx, c.tokenEnd)
        ? c.tokenEnd + 1
        : c.tokenEnd
      : andAt(ctx, c.tokenStart - 1)
        ? c.tokenStart - 2
        : c.tokenStart - 1;
  const o = countNounAt(ctx, t);
  const joined =
    dir === 1
      ? o && (/^و/.test(ctx.a.tokens[o.tokenStart].norm) || andAt(ctx, c.tokenEnd))
      : /^و/.test(ctx.a.tokens[c.tokenStart].norm) || andAt(ctx, c.tokenStart - 1);
  const sameClause = o && ctx.clauseOf[o.tokenStart] === ctx.clauseOf[c.tokenStart];
  // «قتلوا وأصيب 23 بجروح»: the second word has its own figure; «قتلوا وأصيب آخرون»: its own people
  if (
    o &&
    dir === 1 &&
    (ctx.ix.quantityAt.has(o.tokenEnd) ||
      ctx.ix.quantityAt.has(o.tokenEnd + 1) ||
      OTHERS.test(ctx.a.tokens[o.tokenEnd]?.norm ?? ''))
  )
    return keys;
  if (
    o &&
    o !== c &&
    joined &&
    sameClause &&
    o.value.count !== 'none' &&
    casualty(o.value.count) &&
    casualty(c.value.count) &&
    !keys.includes(o.value.count)
  )
    keys.push(o.value.count);
  return keys;
}

/** The noun right after the number (or the one the quantity module found) says what it counts. */
function nounKeysAfter(ctx: DocContext, q: Quantity): CountKey[] | 'unit' | null {
  // a dual («شخصين») is its own counted noun: «مقتل شخصين وإصابة خمسة» does not count the injured
  const dual = q.noun !== undefined && q.noun.tokenStart < q.tokenEnd;
  const at = dual ? [q.noun!.tokenStart] : [q.tokenEnd, q.noun?.tokenStart ?? -1];
  for (const t of at) {
    if (t < 0 || ctx.sentOf[t] !== ctx.sentOf[q.tokenStart]) continue;
    const c = countNounAt(ctx, t);
    if (!c) continue;
    if (c.value.count === 'none') return c.value.subset || c.value.one ? null : 'unit';
    return withCoordinated(ctx, c, 1);
  }
  return null;
}

/** «مقتل 31 شخصا», «مقتل وإصابة عدد من»: the nearest casualty word just before the number. */
function keysBefore(ctx: DocContext, q: Quantity): CountKey[] {
  const clause = ctx.clauseOf[q.tokenStart];
  for (let t = q.tokenStart - 1; t >= Math.max(0, q.tokenStart - 3) && ctx.clauseOf[t] === clause; t--) {
    const c = countNounAt(ctx, t);
    if (c && c.value.count !== 'none') return withCoordinated(ctx, c, -1);
  }
  return [];
}

/** «11 مدنياً على الأقل قتلوا», «Dozens of people were killed and wounded»: a casualty verb after the
 * counted noun, in the same clause (with the one coordinated with it). */
function keyAfterNoun(ctx: DocContext, q: Quantity): CountKey[] {
  const clause = ctx.clauseOf[q.tokenStart];
  // the counted noun may stand inside the quantity («ثلاثة مقاتلين على الأقل قتلوا») or right after it
  const from = q.noun && q.noun.tokenStart < q.tokenEnd ? q.tokenEnd : q.tokenEnd + 1;
  for (let t = from; t < q.tokenEnd + 5 && t < ctx.a.tokens.length && ctx.clauseOf[t] === clause; t++) {
    const c = countNounAt(ctx, t);
    if (c && (c.value.count === 'killed' || c.value.count === 'injured')) return withCoordinated(ctx, c, 1);
    if (ctx.ix.quantityAt.has(t)) return [];
  }
  return [];
}

function isSubset(ctx: DocContext, q: Quantity): boolean {
  const clause = ctx.clauseOf[q.tokenStart];
  for (let t = q.tokenStart - 1; t >= 0 && ctx.clauseOf[t] === clause; t--) {
    if (countNounAt(ctx, t)?.value.subset) return true;
    if (ctx.triggerAtToken[t]) return false;
  }
  return false;
}

/** «عشرة أشخاص», «العشرات من العناصر»: the counted noun is people, not checkpoints or websites. */
function personNoun(ctx: DocContext, t: number): boolean {
  const s = ctx.sentOf[t];
  if (s < 0) return false;
  const noun = ctx.countNounAtToken[t];
  return (
    ctx.ix.actors[s].some((x) => coversToken(x, t)) ||
    ctx.ix.fighters[s].some((x) => coversToken(x, t)) ||
    (!!noun && noun.value.count !== 'none')
  );
}

export function frameCountKey(f: Frame): CountKey | null {
  for (const t of f.triggers) if (!t.value.outcome && t.value.count && t.value.type === f.type) return t.value.count;
  for (const t of f.triggers) if (!t.value.outcome && t.value.count) return t.value.count;
  for (const t of f.triggers) if (t.value.count) return t.value.count;
  return null;
}

function setCount(f: Frame, key: CountKey, q: Quantity, rule: string): void {
  const cur = f.counts[key];
  if (!cur || (cur.q.kind === 'vague' && q.kind !== 'vague')) f.counts[key] = { q, rule };
  else if (cur.q.value !== q.value && q.kind !== 'vague' && cur.q !== q) {
    // two figures for one key in one event: the first is kept, the other is reported
    f.issues.push({
      code: 'count.competing',
      stage: 'counts',
      message: `${key}: ${cur.q.value} kept, ${q.value} also given`,
      span: [q.rawStart, q.rawEnd],
    });
  }
}

function framesBySentence(frames: Frame[]): Map<number, Frame[]> {
  const m = new Map<number, Frame[]>();
  for (const f of frames) pushTo(m, f.sentence, f);
  return m;
}

/** A fighter word or a civilian noun within three tokens from `t`. */
function personFollows(ctx: DocContext, t: number): boolean {
  const end = Math.min(t + 3, ctx.a.tokens.length);
  const covers = (x: { tokenStart: number; tokenEnd: number }) => x.tokenStart < end && x.tokenEnd > t;
  return ctx.m.fighters.some(covers) || ctx.m.actors.some((x) => covers(x) && x.value.side === 'civilian');
}

/** A person, not a military target, named in the three tokens from `t` («a QSD member», «a civilian»; not «a checkpoint»). */
function personNamedAfter(ctx: DocContext, t: number): boolean {
  const end = Math.min(t + 3, ctx.a.tokens.length);
  const covers = (x: { tokenStart: number; tokenEnd: number }) => x.tokenStart < end && x.tokenEnd > t;
  return (
    ctx.m.fighters.some((x) => covers(x) && x.value.person) ||
    ctx.m.actors.some((x) => covers(x) && x.value.side === 'civilian')
  );
}

const PROTEST_TYPES = new Set(['peaceful_protest', 'protest_with_intervention', 'violent_demonstration']);

function assignCounts(ctx: DocContext, frames: Frame[]): void {
  const bySentence = framesBySentence(frames);
  const timeTokens = new Set<number>();
  for (const t of ctx.times) for (let i = t.tokenStart; i < t.tokenEnd; i++) timeTokens.add(i);
  for (const q of ctx.quantities) {
    if (q.unit || timeTokens.has(q.tokenStart) || ctx.chargeTokens.has(q.tokenStart)) continue;
    // «killing a civilian»: a number word marked person_only counts only a person named right after it
    const personOnly = needsPerson(q);
    if (personOnly && !personFollows(ctx, q.tokenEnd)) continue;
    const s = ctx.sentOf[q.tokenStart];
    const fs = bySentence.get(s) ?? [];
    if (fs.length === 0 || isSubset(ctx, q)) continue;
    if ([0, 1, 2].some((d) => ctx.countNounAtToken[q.tokenEnd + d]?.value.rest)) continue;
    const after = nounKeysAfter(ctx, q);
    if (after === 'unit') continue;
    const f = nearest(fs, q.tokenStart);
    if (!f) continue;
    const dflt = frameCountKey(f);
    let keys: CountKey[] = [];
    let rule = '';
    if (after && after.length) {
      // a status noun after the number («عشرات النازحين») yields to the event: abducted, not displaced
      keys = after.filter((k) => k === 'killed' || k === 'injured' || k === dflt || !dflt);
      rule = 'count:noun-after';
    }
    // «جرح أربعة أطفال برصاص القناصة»: a casualty word next to the number says what it counts before
    // the event word's default does
    if (keys.length === 0) {
      keys = keysBefore(ctx, q);
      rule = 'count:word-before';
    }
    if (keys.length === 0) {
      keys = keyAfterNoun(ctx, q);
      rule = 'count:verb-after';
    }
    const sameClause = f.triggers.some((t) => ctx.clauseOf[t.tokenStart] === ctx.clauseOf[q.tokenStart]);
    if (keys.length === 0 && after && after.length && dflt && sameClause) {
      keys = [dflt];
      rule = 'count:noun-after';
    }
    // «اختطفت ميليشيات الحشد، الثلاثاء، 35 رجلاً»: the object may sit one comma away
    // «gunmen assassinated a colonel», «shot dead a QSD member»: an article right after the word names the one person
    const oneObject =
      personOnly &&
      f.triggers.some((t) => t.tokenEnd === q.tokenStart && t.value.count === dflt) &&
      personNamedAfter(ctx, q.tokenEnd);
    if (
      keys.length === 0 &&
      dflt &&
      (!personOnly || oneObject) &&
      (sameClause || distance(f, q.tokenStart) <= 6) &&
      (!q.noun || personNoun(ctx, q.noun.tokenStart))
    ) {
      keys = [dflt];
      rule = 'count:trigger-default';
    }
    // «مقتل وإصابة 15 مدنياً», «سقوط 20 بين قتيل وجريح»: an exact combined toll counts neither the dead
    // nor the wounded (annotation.md takes only the counts stated for one key); a vague one is vague
    // for both («عدد من القتلى والجرحى»)
    if (q.kind !== 'vague' && keys.includes('killed') && keys.includes('injured')) {
      if (!f.combined) {
        f.combined = { q, rule };
        f.issues.push({
          code: 'count.combined',
          stage: 'counts',
          message: `${q.value} killed and injured together; neither count is known`,
          span: [q.rawStart, q.rawEnd],
        });
      }
      continue;
    }
    for (const k of keys) setCount(f, k, q, rule);
  }
  // «مقتل شخص في سرمين», «وأصيب طفل بجروح»: a casualty word before one person counts one
  for (const f of frames) {
    for (const t of f.triggers) {
      const key = t.value.outcome ?? (t.value.type === f.type ? t.value.count : undefined);
      if (!key || f.counts[key]) continue;
      // «أعدم التنظيم رجلاً»: the doer may stand between the verb and the one person
      const actor = ctx.ix.actors[t.sentence].find((m) => m.tokenStart === t.tokenEnd);
      const c = countNounAt(ctx, t.tokenEnd) ?? (actor ? countNounAt(ctx, actor.tokenEnd) : undefined);
      if (!c || !c.value.one || ctx.ix.quantityAt.has(c.tokenStart) || ctx.ix.quantityAt.has(c.tokenStart - 1))
        continue;
      const tok = ctx.a.tokens[c.tokenStart];
      const q: Quantity = {
        tokenStart: c.tokenStart,
        tokenEnd: c.tokenEnd,
        rawStart: tok.rawStart,
        rawEnd: ctx.a.tokens[c.tokenEnd - 1].rawEnd,
        text: ctx.a.raw.slice(tok.rawStart, ctx.a.tokens[c.tokenEnd - 1].rawEnd),
        value: 1,
        min: 1,
        max: 1,
        approximate: false,
        kind: 'exact',
        rule: 'singular',
      };
      setCount(f, key, q, 'count:singular');
    }
  }
}

/** The frame a list sentence continues: the latest earlier sentence with a frame; there an execution
 * first (charges and methods are told of executions), else the frame whose trigger comes last. */
function previousFrame(frames: Frame[], sentence: number, accept: (f: Frame) => boolean): Frame | null {
  const before = frames.filter((f) => f.sentence < sentence && accept(f));
  if (before.length === 0) return null;
  const s = Math.max(...before.map((f) => f.sentence));
  const last = (f: Frame) => Math.max(...f.triggers.map((t) => t.tokenStart));
  const cands = before
    .filter((f) => f.sentence === s)
    .sort((x, y) => Number(y.type === 'execution') - Number(x.type === 'execution') || last(y) - last(x));
  return cands[0];
}

function assignLists(ctx: DocContext, frames: Frame[]): void {
  const bySentence = framesBySentence(frames);
  const inSentence = (s: number) => bySentence.get(s) ?? [];
  const near = (s: number, t: number, accept: (f: Frame) => boolean): Frame | null => {
    const own = nearest(inSentence(s), t, accept);
    if (own) return own;
    // a list sentence of its own attaches to the frame just before it, within two sentences
    const prev = previousFrame(frames, s, accept);
    return prev && s - prev.sentence <= 2 && ctx.a.sentences[s].paragraph === prev.paragraph ? prev : null;
  };
  for (const m of ctx.m.methods) {
    // «بتهمة تفجير سيارة مفخخة»: a method inside a charge is what the victim was accused of using
    if (ctx.chargeTokens.has(m.tokenStart)) continue;
    const f = near(m.sentence, m.tokenStart, () => true);
    if (f && !f.methods.has(m.value.method)) f.methods.set(m.value.method, [m.rawStart, m.rawEnd]);
  }
  for (const f of frames)
    for (const t of f.triggers)
      if (t.value.method && !f.methods.has(t.value.method)) f.methods.set(t.value.method, [t.rawStart, t.rawEnd]);
  for (const m of ctx.m.accusations) {
    const f = near(m.sentence, m.tokenStart, (x) => ACCUSATION_TYPES.has(x.type));
    if (f && !f.accusations.has(m.value.accusation)) f.accusations.set(m.value.accusation, [m.rawStart, m.rawEnd]);
  }
  for (const m of ctx.m.violations) {
    const f = nearest(inSentence(m.sentence), m.tokenStart, (x) => !m.value.types || m.value.types.includes(x.type));
    if (f) f.violations.add(m.value.violation);
  }
}

/** «بغداد - أعلنت خلية الإعلام…», «دير الزور – 14 آب»: where the report was filed, not the event. */
function dateline(ctx: DocContext, p: DocContext['places'][number]): boolean {
  const para = ctx.a.paragraphs.find((x) => x.tokenStart <= p.tokenStart && p.tokenStart < x.tokenEnd);
  if (!para || p.tokenStart > para.tokenStart + 1 || para.i > 1) return false;
  const after = ctx.a.raw.slice(p.rawEnd, p.rawEnd + 4);
  return /^\s*[-–—:،,(]/.test(after);
}

function assignTimesPlacesAttribution(ctx: DocContext, frames: Frame[]): void {
  const bySentence = framesBySentence(frames);
  for (const t of ctx.times) {
    if (!t.start) continue;
    const f = nearest(bySentence.get(ctx.sentOf[t.tokenStart]) ?? [], t.tokenStart);
    if (f && !f.time) f.time = t;
  }
  // «وتدعمه روسيا»: a country named as an actor is not where the event happened
  const actorTokens = new Set<number>();
  for (const m of ctx.m.actors)
    if (m.value.country || m.value.side === 'armed') for (let t = m.tokenStart; t < m.tokenEnd; t++) actorTokens.add(t);
  for (const p of ctx.places) {
    if (p.role !== 'location' || ctx.chargeTokens.has(p.tokenStart) || dateline(ctx, p)) continue;
    if (p.entry?.kind === 'country' && actorTokens.has(p.tokenStart)) continue;
    const f = nearest(bySentence.get(ctx.sentOf[p.tokenStart]) ?? [], p.tokenStart);
    if (f) f.places.push(p);
  }
  for (const m of ctx.m.attributions) {
    const fs = bySentence.get(m.sentence) ?? [];
    if (fs.length === 0) continue;
    // the source phrase: the cue and the words after it, up to the end of its clause (at most 8 words)
    const clause = ctx.clauseOf[m.tokenStart];
    let end = m.tokenEnd;
    while (
      end < ctx.a.tokens.length &&
      end < m.tokenEnd + 6 &&
      ctx.clauseOf[end] === clause &&
      ctx.sentOf[end] === m.sentence
    )
      end++;
    // «بحسب مصادر محلية»: the cue before a named source belongs to the same phrase
    const lead = ctx.ix.attributions[m.sentence].find(
      (g) => g.value.source === 'generic' && g !== m && g.tokenEnd <= m.tokenStart && g.tokenEnd >= m.tokenStart - 1,
    );
    const span: [number, number] = [(lead ?? m).rawStart, ctx.a.tokens[end - 1].rawEnd];
    for (const f of fs) {
      const better = !f.attribution || (m.value.source !== 'generic' && f.rules.includes('attribution:generic'));
      if (better) {
        f.attribution = { text: ctx.a.raw.slice(span[0], span[1]), span };
        f.rules = f.rules.filter((r) => !r.startsWith('attribution:'));
        f.rules.push(`attribution:${m.value.source}`);
      }
    }
  }
}

function actorsInClauses(ctx: DocContext, f: Frame): Mention<ActorValue>[] {
  return ctx.ix.actors[f.sentence].filter((m) => f.clauses.has(ctx.clauseOf[m.tokenStart]));
}

/** Type changes that depend on the arguments: fighters fleeing desert; a government taking ground regains it. */
function refineTypes(ctx: DocContext, frames: Frame[]): void {
  for (const f of frames) {
    const fighters =
      f.actors.some(
        (a) => a.role !== 'perpetrator' && a.role !== undefined && !CIVILIAN.has(a.id) && a.role === 'victim',
      ) ||
      ctx.ix.fighters[f.sentence].some(
        (x) =>
          f.clauses.has(ctx.clauseOf[x.tokenStart]) &&
          !f.actors.some((a) => a.role === 'perpetrator' && ownFighters(ctx, a, x)),
      );
    f.fightersVictim = fighters;
    // fighters who flee are the subject of the flight: any fighters noun in the clause makes it desertion
    const fleeing =
      f.type === 'displacement' &&
      ctx.ix.fighters[f.sentence].some((x) =>
        f.triggers.some(
          (t) =>
            (x.tokenStart >= t.tokenEnd && x.tokenStart - t.tokenEnd <= 2) ||
            (x.tokenEnd <= t.tokenStart && t.tokenStart - x.tokenEnd <= 2),
        ),
      );
    // «captured the town of Kafr Nabuda» is territory, «captured two fighters» is not
    const placeType = f.triggers.find((t) => t.value.ifPlace && placeObject(ctx, t))?.value.ifPlace;
    if (placeType) {
      f.type = placeType;
      f.rules.push('type:place-object');
    }
    // only a word of the frame's own type retypes it (an absorbed «attack» word does not make shelling a battle)
    const alt = f.triggers.find((t) => t.value.ifFighters && t.value.type === f.type)?.value.ifFighters;
    // «IS militants attacked Iraqi forces»: an attack whose target is an armed side is a battle
    const armedTarget = alt === 'armed_clash' && f.actors.some((a) => a.role === 'target' && !CIVILIAN.has(a.id));
    if ((fighters || fleeing || armedTarget) && alt && !placeType) {
      f.type = alt;
      f.rules.push('type:fighters');
      if (alt === 'group_change') f.actors = f.actors.filter((a) => a.role === 'perpetrator');
    }
    // «هاجم عناصر من داعش رعاة أغنام وقتلوا خمسة منهم»: a weak «attack» word against civilians is not a battle
    if (f.type === 'armed_clash' && f.triggers.every((t) => t.value.outcome || t.value.weight < 0.6)) {
      const civ = actorsInClauses(ctx, f).filter((m) => m.value.side === 'civilian');
      const armedTarget = f.actors.some((a) => a.role !== 'perpetrator');
      if (civ.length && !armedTarget) {
        f.type = 'attack';
        f.rules.push('type:attack-on-civilians');
      }
    }
    // «قصف جوي على مناطق تسيطر عليها الكتائب المقاتلة»: a side with no aircraft named by an air raid
    // is what the raid struck, not who flew it
    if (f.type === 'air_strike') {
      for (const a of f.actors) {
        if (a.role === 'perpetrator' && !ctx.lex.airForces.has(a.id)) {
          a.role = CIVILIAN.has(a.id) ? 'victim' : 'target';
          if (!f.rules.includes('actor:no-aircraft')) f.rules.push('actor:no-aircraft');
        }
      }
    }
    // «أحرق أهال غاضبون منازل», «اشتبك أبناء عشيرتين بالعصي»: residents, not an armed group
    const protesters = ctx.ix.actors[f.sentence].some((m) => m.value.actor === 'protesters');
    if (['looting', 'armed_clash', 'attack'].includes(f.type) || (f.type === 'violent_demonstration' && !protesters)) {
      // the crowd is the subject: right after the verb, or earlier in the same clause
      const doer = (x: { tokenStart: number }) =>
        f.triggers.some(
          (t) =>
            (x.tokenStart >= t.tokenStart - 3 && x.tokenStart <= t.tokenEnd + 1) ||
            (x.tokenStart < t.tokenStart && ctx.clauseOf[x.tokenStart] === ctx.clauseOf[t.tokenStart]),
        );
      if (ctx.ix.crowds[f.sentence].some((x) => doer(x))) {
        f.type = 'mob_violence';
        f.weight = Math.max(f.weight, 0.8);
        f.actors = f.actors.filter((a) => a.role !== 'perpetrator');
        f.rules.push('type:crowd');
      }
    }
    const gov = placeType ? REGAINED[placeType] : f.triggers.find((t) => t.value.ifGovernment)?.value.ifGovernment;
    if (gov && f.actors.some((a) => a.role === 'perpetrator' && GOVERNMENTS.has(a.id))) {
      f.type = gov;
      f.rules.push('type:government');
    }
    // «QSD arrested four men»: ACLED codes detention by a non-state group as abduction. The doer is the
    // subject before the verb or the agent after «by»: in «arrested an IS leader» IS is the one arrested
    const detain = f.triggers.find((t) => t.value.ifNonState && t.value.type === f.type);
    const perps = detain
      ? f.actors.filter(
          (a) =>
            a.role === 'perpetrator' &&
            !a.carried &&
            (a.token < detain.tokenStart || ctx.a.tokens[a.token - 1]?.norm === 'by'),
        )
      : [];
    if (detain && perps.length && perps.every((a) => !STATE_FORCES.has(a.id) && !CIVILIAN.has(a.id))) {
      f.type = detain.value.ifNonState!;
      f.rules.push('type:non-state');
    }
  }
}

/**
 * The fighters noun names the perpetrator's own men: it covers the actor, stands up to two words before
 * it («عناصر من داعش», «members of HTS»), inside its name or right after it («IS militants shot dead a
 * civilian» is an attack on a civilian, not a battle).
 */
function ownFighters(ctx: DocContext, a: FrameActor, x: { tokenStart: number; tokenEnd: number }): boolean {
  if (a.token < 0) return false;
  if (a.token >= x.tokenStart && a.token <= x.tokenEnd) return true;
  if (x.tokenEnd <= a.token && a.token - x.tokenEnd <= 2) return true;
  const at = ctx.a.tokens[x.tokenStart].rawStart;
  return !!a.span && at >= a.span[0] && at - a.span[1] <= 1;
}

/** A named place within four words after the trigger, with no number or person between («captured the
 * village of X», «seized X»; not «captured 2 fighters in X»). */
function placeObject(ctx: DocContext, t: Mention<TriggerValue>): boolean {
  for (const p of ctx.places) {
    if (p.tokenStart < t.tokenEnd || p.tokenStart > t.tokenEnd + 4 || !p.entry) continue;
    if (ctx.sentOf[p.tokenStart] !== t.sentence) continue;
    let clean = true;
    for (let i = t.tokenEnd; i < p.tokenStart && clean; i++) {
      if (ctx.a.tokens[i].numeric) clean = false;
      else if (ctx.ix.actors[t.sentence].some((m) => m.tokenStart <= i && i < m.tokenEnd)) clean = false;
      else if (ctx.ix.fighters[t.sentence].some((m) => m.tokenStart <= i && i < m.tokenEnd)) clean = false;
    }
    if (clean) return true;
  }
  return false;
}

export function attachArguments(ctx: DocContext, frames: Frame[]): void {
  assignActors(ctx, frames, usableActors(ctx));
  refineTypes(ctx, frames);
  assignCounts(ctx, frames);
  assignLists(ctx, frames);
  assignTimesPlacesAttribution(ctx, frames);
}

/** The place the report names most often (ties: the first named), not counting datelines and charges. */
function mainPlace(ctx: DocContext): DocContext['places'][number] | null {
  const tally = new Map<string, { n: number; p: DocContext['places'][number] }>();
  for (const p of ctx.places) {
    if (
      p.role !== 'location' ||
      !p.entry ||
      p.entry.kind === 'country' ||
      ctx.chargeTokens.has(p.tokenStart) ||
      dateline(ctx, p)
    )
      continue;
    const t = tally.get(p.entry.id) ?? { n: 0, p };
    t.n++;
    tally.set(p.entry.id, t);
  }
  let best: { n: number; p: DocContext['places'][number] } | null = null;
  for (const t of tally.values()) if (!best || t.n > best.n) best = t;
  return best?.p ?? null;
}

/** After merging: the report's subject acts where no one else is named; victims default to civilians;
 * an event with no date of its own takes the date told just before it in its paragraph. */
// Acts whose doer a report names only when someone claims them: an air raid (whose aircraft?), a bomb
// or a suicide attack; the report's subject is not assumed to have done them (annotation.md leaves
// unclaimed attackers out)
const UNCLAIMED_TYPES: ReadonlySet<string> = new Set(['air_strike', 'explosive_device', 'suicide_bomb']);

export function carryOver(ctx: DocContext, frames: Frame[]): void {
  const docPlace = mainPlace(ctx);
  const placesBySentence = new Map<number, DocContext['places']>();
  for (const p of ctx.places) pushTo(placesBySentence, ctx.sentOf[p.tokenStart], p);
  let prev: Frame | null = null;
  for (const f of frames) {
    if (!f.time && prev?.time && prev.paragraph === f.paragraph && !f.earlier) {
      f.time = prev.time;
      f.rules.push('time:paragraph');
    }
    // «قرب المدينة»: an event with no place of its own happened where the text last put one
    if (f.places.length === 0) {
      const first = Math.min(...f.triggers.map((t) => t.tokenStart));
      const near = [...(placesBySentence.get(f.sentence - 1) ?? []), ...(placesBySentence.get(f.sentence) ?? [])];
      const before = near.filter(
        (p) =>
          p.role === 'location' &&
          p.entry &&
          p.tokenStart < first &&
          !ctx.chargeTokens.has(p.tokenStart) &&
          !dateline(ctx, p),
      );
      const last = before[before.length - 1];
      if (last) {
        f.places.push(last);
        f.rules.push('place:previous');
      } else if (docPlace) {
        // the report's main place: where an event with no place of its own most likely happened
        f.places.push(docPlace);
        f.rules.push('place:document');
      }
    }
    prev = f;
    // «وأضاف أن القصف استهدف أيضاً بلدات …»: a definite event word points back to the same kind of event
    // told just before, and to its perpetrator
    if (!f.actors.some((a) => a.role === 'perpetrator') && f.definite) {
      const before = frames.filter(
        (g) => g !== f && g.type === f.type && g.sentence < f.sentence && f.sentence - g.sentence <= 3,
      );
      const src = before[before.length - 1]?.actors.find((a) => a.role === 'perpetrator' && !a.carried);
      if (src) {
        f.actors.unshift({ ...src, span: null, token: -1, carried: 'reference' });
        f.rules.push('actor:reference');
      }
    }
    const hasPerp = f.actors.some((a) => a.role === 'perpetrator');
    if (!hasPerp && ctx.subject === 'isis' && !UNCLAIMED_TYPES.has(f.type)) {
      f.actors.unshift({
        role: 'perpetrator',
        id: 'isis',
        name: ctx.lex.actorNames.get('isis') ?? 'Islamic State',
        span: null,
        token: -1,
        carried: 'subject',
      });
      f.rules.push('actor:subject');
    }
    // a protest or riot with no one named is the protesters' own act (ACLED codes actor1 so)
    if (!hasPerp && PROTEST_TYPES.has(f.type)) {
      f.actors.unshift({
        role: 'perpetrator',
        id: 'protesters',
        name: ctx.lex.actorNames.get('protesters') ?? 'Protesters',
        span: null,
        token: -1,
        carried: 'default',
      });
      f.rules.push('actor:protesters');
    }
    // «أعدم التنظيم ثلاثة من عناصره بتهمة الفرار»: its own members are the victims (annotation.md)
    const perp = f.actors.find((a) => a.role === 'perpetrator');
    if (perp && ARMED_VICTIM_TYPES.has(f.type) && !f.actors.some((a) => a.role === 'victim')) {
      const own = ctx.ix.fighters[f.sentence].some(
        (x) =>
          f.clauses.has(ctx.clauseOf[x.tokenStart]) &&
          /(ه|ها|هم)$/.test(ctx.a.tokens[x.tokenEnd - 1].norm) &&
          !ctx.ix.actors[f.sentence].some((m) => m.tokenStart === x.tokenEnd),
      );
      if (own) {
        f.actors.push({ role: 'victim', id: perp.id, name: perp.name, span: null, token: -1, carried: 'own-members' });
        f.rules.push('actor:own-members');
      }
    }
    const hasVictim = f.actors.some((a) => a.role === 'victim' || a.role === 'target');
    if (!hasVictim && DEFAULT_CIVILIAN_VICTIMS.has(f.type) && !f.fightersVictim) {
      f.actors.push({
        role: 'victim',
        id: 'civilians',
        name: ctx.lex.actorNames.get('civilians') ?? 'Civilians',
        span: null,
        token: -1,
        carried: 'default',
      });
      f.rules.push('actor:default-victim');
    }
  }
}
