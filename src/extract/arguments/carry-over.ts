// After merging: what a frame takes from the ones before it and from the document (time, place,
// perpetrator) and the default victims.
import type { IncidentType } from '../../schema.ts';
import type { DocContext } from '../context.ts';
import type { Frame } from '../frames.ts';
import { ARMED_VICTIM_TYPES, dateline, pushTo } from './common.ts';

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

const PROTEST_TYPES = new Set(['peaceful_protest', 'protest_with_intervention', 'violent_demonstration']);

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
      const own = ctx.ix.fighters[f.sentence]!.some(
        (x) =>
          f.clauses.has(ctx.clauseOf[x.tokenStart]!) &&
          /(ه|ها|هم)$/.test(ctx.a.tokens[x.tokenEnd - 1]!.norm) &&
          !ctx.ix.actors[f.sentence]!.some((m) => m.tokenStart === x.tokenEnd),
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
