// Actors of each frame and their roles: the doer marked by «من قبل», a genitive, word order or an
// English passive; the victims and targets; the document's subject.
import type { DocContext } from '../context.ts';
import type { Frame, FrameActor } from '../frames.ts';
import type { Mention } from '../mentions.ts';
import type { ActorValue } from '../lexicons.ts';
import { notAParty } from './non-parties.ts';
import { ARMED_VICTIM_TYPES, CIVILIAN, VICTIM_TYPES, nearest, pushTo, framesBySentence } from './common.ts';

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

/** «قسد وقوات التحالف», «Russian and Syrian jets», «Russian or Syrian planes»: two names joined by «و» / «and» / «or»; the «و» stands
 * alone before a quoted name («نظام الأسد و«حزب الله»») or when the writer left a space after it. */
function joinedTo(ctx: DocContext, prev: Mention<ActorValue>, m: Mention<ActorValue>): boolean {
  if (m.tokenStart === prev.tokenEnd) return /^و/.test(ctx.a.tokens[m.tokenStart]!.norm);
  // «الفصائل الإسلامية وجبهة النصرة»: a definite adjective may follow the first name
  if (m.tokenStart === prev.tokenEnd + 1 && adjective(ctx, prev.tokenEnd))
    return /^و/.test(ctx.a.tokens[m.tokenStart]!.norm);
  const and = ctx.a.tokens[prev.tokenEnd]!.norm;
  return m.tokenStart === prev.tokenEnd + 1 && (and === 'and' || and === 'or' || and === 'و');
}

/** A definite nisba adjective («الإسلامية», «اللبناني») that names nothing itself («المدينة» is a noun). */
function adjective(ctx: DocContext, t: number): boolean {
  const tok = ctx.a.tokens[t];
  if (!tok?.arabic || !/^ال\S+(ي|يه|يين|يون)$/.test(tok.norm)) return false;
  const s = ctx.sentOf[t]!;
  const covers = (x: { tokenStart: number; tokenEnd: number }) => x.tokenStart <= t && t < x.tokenEnd;
  return (
    ctx.triggerAtToken[t] === 0 &&
    !ctx.countNounAtToken[t] &&
    !ctx.ix.actors[s]!.some(covers) &&
    !ctx.ix.fighters[s]!.some(covers) &&
    !ctx.places.some(covers)
  );
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
    : lamGenitive(ctx, m.tokenStart - 1) && FORCES_NOUN.test(ctx.a.tokens[m.tokenStart - 1]!.norm)
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
  const fighters = ctx.ix.fighters[m.sentence]!.find((x) => x.tokenEnd === before + 1);
  return !!fighters && ctx.ix.quantityEnds.has(fighters.tokenStart);
}

function roleMarkerBefore(ctx: DocContext, m: Mention<ActorValue>): 'perpetrator' | 'target' | 'ignore' | null {
  let best: { role: 'perpetrator' | 'target' | 'ignore'; end: number } | null = null;
  // the marker stands right before the name, or before a fighters noun in front of it («على يد عناصر داعش»)
  const gapIsFighters = ctx.ix.fighters[m.sentence]!.some(
    (x) => x.tokenStart === m.tokenStart - 1 && x.tokenEnd === m.tokenStart,
  );
  for (const r of ctx.ix.roles[m.sentence]!) {
    if (r.tokenEnd > m.tokenStart) continue;
    if (r.tokenEnd !== m.tokenStart && !(gapIsFighters && r.tokenEnd === m.tokenStart - 1)) continue;
    if (!best || r.tokenEnd > best.end) best = { role: r.value.role, end: r.tokenEnd };
  }
  return best?.role ?? null;
}

/** «اعتقلت حواجز قسد عشرات الشبان»: a post of the side right after a verb done to people is its subject. */
function postAsSubject(ctx: DocContext, f: Frame, m: Mention<ActorValue>): boolean {
  if (!ARMED_VICTIM_TYPES.has(f.type)) return false;
  return ctx.ix.roles[m.sentence]!.some(
    (r) => r.value.site && r.tokenEnd === m.tokenStart && f.triggers.some((t) => t.tokenEnd === r.tokenStart),
  );
}

const SPEECH_EN: ReadonlySet<string> = new Set(['said', 'say', 'says', 'told', 'confirmed', 'stated', 'announced']);

/**
 * «Iraqi police said», «Iraqi police and hospital officials say»: in English an actor that is the subject
 * of a verb of saying, with only plain words between (no event word, figure or other actor), is the
 * report's source. Not when it speaks of itself («IS said it carried out the bombing»).
 */
function speaker(ctx: DocContext, m: Mention<ActorValue>): boolean {
  if (ctx.a.lang !== 'en') return false;
  for (let t = m.tokenEnd; t < m.tokenEnd + 5 && ctx.sentOf[t] === m.sentence; t++) {
    const tok = ctx.a.tokens[t]!;
    if (SPEECH_EN.has(tok.norm)) return !/^(it|its|they|their|he|his)$/.test(ctx.a.tokens[t + 1]?.norm ?? '');
    if (ctx.triggerAtToken[t] || ctx.ix.quantityAt.has(t) || ctx.ix.actors[m.sentence]!.some((x) => x.tokenStart === t))
      return false;
  }
  return false;
}

const LOCATIVE_AR: ReadonlySet<string> = new Set(['في', 'الي', 'باتجاه', 'نحو', 'من', 'داخل', 'خارج']);
const LOCATIVE_EN: ReadonlySet<string> = new Set(['in', 'to', 'into', 'towards', 'from', 'inside', 'near']);
const BORDER: ReadonlySet<string> = new Set(['border', 'borders', 'frontier']);

/** Actor mentions the document supports: «التنظيم» only in an IS report; a country after «إلى» is a place. */
export function usableActors(ctx: DocContext): Mention<ActorValue>[] {
  // «بتهمة العمالة للنظام النصيري»: an actor inside a charge is what the victim was accused of
  // «التنظيم» is IS wherever the report names IS at all (the regime may be named more often as victim)
  const named = new Set(
    ctx.m.actors.filter((m) => !m.value.anaphor && !ctx.chargeTokens.has(m.tokenStart)).map((m) => m.value.actor),
  );
  // «بحسب الدفاع المدني», «according to the Syrian Civil Defence»: the source of the report, not a party
  const isSource = (m: Mention<ActorValue>) =>
    ctx.ix.attributions[m.sentence]!.some(
      (x) =>
        (x.tokenStart <= m.tokenStart && m.tokenStart < x.tokenEnd) ||
        (x.value.id === 'according_to' && m.tokenStart >= x.tokenEnd && m.tokenStart <= x.tokenEnd + 2),
    );
  const inCharge = (m: Mention<ActorValue>) =>
    ctx.ix.accusations[m.sentence]!.some((x) => x.tokenStart <= m.tokenStart && m.tokenStart < x.tokenEnd);
  const locative = ctx.a.lang === 'ar' ? LOCATIVE_AR : LOCATIVE_EN;
  return ctx.m.actors.filter((m) => {
    if (m.value.anaphor && (m.value.needsName || ctx.subject !== m.value.actor) && !named.has(m.value.actor))
      return false;
    if (inCharge(m) || ctx.chargeTokens.has(m.tokenStart) || isSource(m) || speaker(ctx, m) || notAParty(ctx, m))
      return false;
    if (m.value.country) {
      const prev = m.tokenStart > 0 ? ctx.a.tokens[m.tokenStart - 1] : null;
      const first = ctx.a.tokens[m.tokenStart]!;
      const withPrep = first.arabic && /^[بل]/.test(first.norm) && first.keys.includes(first.norm.slice(1));
      if (withPrep || (prev && prev.keys.some((k) => locative.has(k)))) return false;
      // «on the border with Turkey»: the country is where the border runs
      const before = m.tokenStart > 1 ? ctx.a.tokens[m.tokenStart - 2]!.norm : '';
      if (prev?.norm === 'with' && BORDER.has(before)) return false;
    }
    return true;
  });
}

/** The armed actor the report is about: the most named one outside charges («بتهمة العمالة للنظام»
 * names no actor of the report); «التنظيم» counts half a vote for IS. */
export function documentSubject(ctx: Pick<DocContext, 'm' | 'a' | 'chargeTokens' | 'ix'>): string | null {
  const counts = new Map<string, number>();
  for (const m of ctx.m.actors) {
    if (m.value.side !== 'armed' || m.value.needsName || ctx.chargeTokens.has(m.tokenStart)) continue;
    if (ctx.ix.accusations[m.sentence]!.some((x) => x.tokenStart <= m.tokenStart && m.tokenStart < x.tokenEnd))
      continue;
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

function addActor(f: Frame, a: FrameActor): void {
  if (f.actors.some((x) => x.role === a.role && x.id === a.id)) return;
  f.actors.push(a);
}

export function assignActors(ctx: DocContext, frames: Frame[], actors: Mention<ActorValue>[]): void {
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
      (m, i) => !(i > 0 && all[i - 1]!.value.actor === m.value.actor && all[i - 1]!.tokenEnd === m.tokenStart),
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
      const m = ms[i]!;
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
      // «نظام الرئيس بشار الأسد و«حزب الله»»: the doer named again in apposition stays the doer, and the
      // name joined after it joins the doer
      if (lastPerp && lastPerp.value.actor === v.actor && m.tokenStart - lastPerp.tokenEnd <= 2) {
        lastPerp = m;
        continue;
      }
      const marker = partitive(ctx, m) ? 'target' : postAsSubject(ctx, f, m) ? 'perpetrator' : roleMarkerBefore(ctx, m);
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
      else if (ctx.ix.fighters[m.sentence]!.some((x) => x.tokenStart <= m.tokenStart && x.tokenEnd >= m.tokenStart - 1))
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
      // «Syrian and Russian jets»: one name for two sides, in the same role
      if (v.also)
        addActor(f, frameActor(v.also, ctx.lex.actorNames.get(v.also) ?? v.also, span, m.tokenStart, v.group, role));
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
    if (!EN_PARTICIPLE.test(ctx.a.tokens[t.tokenStart]!.norm)) return false;
    // the auxiliary right before the participle, or before one adverb («were reportedly killed»);
    // «airstrikes were reported to have targeted» is no passive of «targeted»
    const before = ctx.a.tokens[t.tokenStart - 1];
    const before2 = ctx.a.tokens[t.tokenStart - 2];
    if (!before) return false;
    if (t.tokenStart - 1 >= m.tokenEnd && EN_AUXILIARY.has(before.norm)) return true;
    return t.tokenStart - 2 >= m.tokenEnd && !!before2 && EN_AUXILIARY.has(before2.norm) && /ly$/.test(before.norm);
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
