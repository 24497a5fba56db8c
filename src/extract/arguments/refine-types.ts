// Type changes that depend on the arguments: fighters as victims, a place as object, crowds, a
// government regaining ground, detention by a non-state group.
import type { IncidentType } from '../../schema.ts';
import type { DocContext } from '../context.ts';
import type { Frame, FrameActor } from '../frames.ts';
import type { Mention } from '../mentions.ts';
import type { ActorValue, TriggerValue } from '../lexicons.ts';
import { CIVILIAN } from './common.ts';

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

const TAKEN: ReadonlySet<IncidentType> = new Set(['non_state_overtakes_territory', 'government_regains_territory']);

/** an agreement word in the frame's clauses (its own or another frame's) */
function agreedInClause(ctx: DocContext, f: Frame): boolean {
  return ctx.ix.triggers[f.sentence]!.some(
    (t) => t.value.type === 'agreement' && f.clauses.has(ctx.clauseOf[t.tokenStart]!),
  );
}

function actorsInClauses(ctx: DocContext, f: Frame): Mention<ActorValue>[] {
  return ctx.ix.actors[f.sentence]!.filter((m) => f.clauses.has(ctx.clauseOf[m.tokenStart]!));
}

/** Type changes that depend on the arguments: fighters fleeing desert; a government taking ground regains it. */
export function refineTypes(ctx: DocContext, frames: Frame[]): void {
  for (const f of frames) {
    const fighters =
      f.actors.some(
        (a) => a.role !== 'perpetrator' && a.role !== undefined && !CIVILIAN.has(a.id) && a.role === 'victim',
      ) ||
      ctx.ix.fighters[f.sentence]!.some(
        (x) =>
          f.clauses.has(ctx.clauseOf[x.tokenStart]!) &&
          !f.actors.some((a) => a.role === 'perpetrator' && ownFighters(ctx, a, x)) &&
          !englishSubject(ctx, f, x),
      );
    f.fightersVictim = fighters;
    // fighters who flee are the subject of the flight: any fighters noun in the clause makes it desertion
    const fleeing =
      f.type === 'displacement' &&
      ctx.ix.fighters[f.sentence]!.some((x) =>
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
    // «تمكنت القوة من قتل ثلاثة انتحاريين»: the attackers are the ones killed, by others, before
    // they struck; with no civilian among the victims it is fighting, not their attack
    const killedType = f.triggers.find((t) => t.value.ifKilled && t.value.type === f.type && killedByOthers(ctx, f, t))
      ?.value.ifKilled;
    if (killedType && !f.actors.some((a) => a.role === 'victim' && CIVILIAN.has(a.id))) {
      f.type = killedType;
      f.rules.push('type:killed');
    }
    // «هاجم عناصر من داعش رعاة أغنام وقتلوا خمسة منهم»: a weak «attack» word against civilians is not a battle
    if (f.type === 'armed_clash' && f.triggers.every((t) => t.value.outcome || t.value.weight < 0.6)) {
      // «جنود عراقيين»: a nationality right after a fighters word qualifies the fighters, it names no civilians
      const qualifies = (m: { tokenStart: number }) =>
        ctx.ix.fighters[f.sentence]!.some((x) => x.tokenEnd === m.tokenStart);
      const civ = actorsInClauses(ctx, f).filter((m) => m.value.side === 'civilian' && !qualifies(m));
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
    const protesters = ctx.ix.actors[f.sentence]!.some((m) => m.value.actor === 'protesters');
    if (['looting', 'armed_clash', 'attack'].includes(f.type) || (f.type === 'violent_demonstration' && !protesters)) {
      // the crowd is the subject: right after the verb, or earlier in the same clause
      const doer = (x: { tokenStart: number }) =>
        f.triggers.some(
          (t) =>
            (x.tokenStart >= t.tokenStart - 3 && x.tokenStart <= t.tokenEnd + 1) ||
            (x.tokenStart < t.tokenStart && ctx.clauseOf[x.tokenStart] === ctx.clauseOf[t.tokenStart]),
        );
      if (ctx.ix.crowds[f.sentence]!.some((x) => doer(x))) {
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
    // ACLED: ground taken through an agreement is a non-violent transfer, whoever takes it
    // («دخلت قوات النظام البلدة بموجب اتفاق التسوية», "took over the town under a settlement agreement")
    if (TAKEN.has(f.type) && agreedInClause(ctx, f)) {
      f.type = 'non_violent_transfer';
      f.rules.push('type:agreed');
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
 * The word counts the people a killing word of its frame acted on: the killing word, then the figure
 * that counts them («قتل ثلاثة انتحاريين», «مقتل 3 انتحاريين»). Without a figure between, the word
 * may be the killer («قتل انتحاري عشرة مدنيين»).
 */
function killedByOthers(ctx: DocContext, f: Frame, t: Mention<TriggerValue>): boolean {
  return f.triggers.some((o) => {
    if (o.value.outcome !== 'killed' || o.tokenEnd >= t.tokenStart || t.tokenStart - o.tokenEnd > 2) return false;
    return (ctx.ix.quantityAt.get(o.tokenEnd) ?? []).some((q) => !q.unit && q.tokenEnd <= t.tokenEnd);
  });
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
  const at = ctx.a.tokens[x.tokenStart]!.rawStart;
  return !!a.span && at >= a.span[0] && at - a.span[1] <= 1;
}

// what opens the object of an English verb: an article, a possessive, a number or a name of people
const OBJECT_OPENERS: ReadonlySet<string> = new Set(['a', 'an', 'the', 'his', 'her', 'their', 'its', 'two', 'three']);

/**
 * «Militants gunned down 12 people», «Shiite militiamen killed six farmers»: in English a fighters noun
 * right before an event word that takes an object (a figure, an article, a possessive) is its subject,
 * the doer, not the people acted on. «3 militants killed in the desert» has no object: they died.
 */
function englishSubject(ctx: DocContext, f: Frame, x: { tokenStart: number; tokenEnd: number }): boolean {
  if (ctx.a.lang !== 'en') return false;
  return f.triggers.some((t) => {
    if (x.tokenEnd !== t.tokenStart && !(x.tokenStart === t.tokenStart && x.tokenEnd < t.tokenEnd)) return false;
    const next = t.tokenEnd;
    const tok = ctx.a.tokens[next];
    if (!tok || ctx.sentOf[next] !== t.sentence) return false;
    return ctx.ix.quantityAt.has(next) || OBJECT_OPENERS.has(tok.norm);
  });
}

/** A named place within four words after the trigger, with no number or person between («captured the
 * village of X», «seized X»; not «captured 2 fighters in X»). */
/** Token i is part of a named actor or a fighters noun of the sentence. */
function namesPeople(ctx: DocContext, s: number, i: number): boolean {
  return (
    ctx.ix.actors[s]!.some((m) => m.tokenStart <= i && i < m.tokenEnd) ||
    ctx.ix.fighters[s]!.some((m) => m.tokenStart <= i && i < m.tokenEnd)
  );
}

/**
 * «SNA factions captured Tal Tawil and Sayda»: in English a capitalised name right after the verb
 * (or after «the») that names no actor and no one's men is ground, even when the gazetteer does not
 * know the village.
 */
function unknownNameObject(ctx: DocContext, t: Mention<TriggerValue>): boolean {
  if (ctx.a.lang !== 'en') return false;
  let i = t.tokenEnd;
  if (ctx.a.tokens[i]?.norm === 'the') i++;
  const tok = ctx.a.tokens[i];
  if (!tok || tok.arabic || tok.numeric || ctx.sentOf[i] !== t.sentence) return false;
  const c = ctx.a.raw[tok.rawStart] ?? '';
  if (c === c.toLowerCase() || namesPeople(ctx, t.sentence, i)) return false;
  // the name runs on to a noun of people («Sayda residents») or a fighters word: not ground
  for (let k = i + 1; k < i + 4 && ctx.sentOf[k] === t.sentence; k++) if (namesPeople(ctx, t.sentence, k)) return false;
  return true;
}

function placeObject(ctx: DocContext, t: Mention<TriggerValue>): boolean {
  if (unknownNameObject(ctx, t)) return true;
  for (const p of ctx.places) {
    if (p.tokenStart < t.tokenEnd || p.tokenStart > t.tokenEnd + 4 || !p.entry) continue;
    if (ctx.sentOf[p.tokenStart] !== t.sentence) continue;
    let clean = true;
    for (let i = t.tokenEnd; i < p.tokenStart && clean; i++) {
      if (ctx.a.tokens[i]!.numeric) clean = false;
      else if (ctx.ix.actors[t.sentence]!.some((m) => m.tokenStart <= i && i < m.tokenEnd)) clean = false;
      else if (ctx.ix.fighters[t.sentence]!.some((m) => m.tokenStart <= i && i < m.tokenEnd)) clean = false;
    }
    if (clean) return true;
  }
  return false;
}
