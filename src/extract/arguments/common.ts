// What the argument passes share: the incident types that have victims, the civilian sides, the frame
// nearest a token, grouping by sentence and the dateline test.
import type { IncidentType } from '../../schema.ts';
import type { DocContext } from '../context.ts';
import type { Frame } from '../frames.ts';
import type { Quantity } from '../../quantity/types.ts';

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
export const ARMED_VICTIM_TYPES: ReadonlySet<IncidentType> = new Set<IncidentType>([
  'execution',
  'arrests',
  'abduction',
  'forced_recruitment',
  'forced_labour',
  'coercion',
  'sexual_violence',
  'displacement',
]);

export const CIVILIAN: ReadonlySet<string> = new Set(['civilians', 'journalists', 'aid_workers', 'protesters']);

export function distance(f: Frame, t: number): number {
  let d = Infinity;
  for (const x of f.triggers) {
    if (t >= x.tokenStart && t < x.tokenEnd) return 0;
    d = Math.min(d, t < x.tokenStart ? x.tokenStart - t : t - x.tokenEnd + 1);
  }
  return d;
}

export function nearest(frames: Frame[], t: number, accept: (f: Frame) => boolean = () => true): Frame | null {
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

/** Append to the list under `key` (grouping without copying the list on every append). */
export function pushTo<K, V>(m: Map<K, V[]>, key: K, v: V): void {
  const list = m.get(key);
  if (list) list.push(v);
  else m.set(key, [v]);
}

export function framesBySentence(frames: Frame[]): Map<number, Frame[]> {
  const m = new Map<number, Frame[]>();
  for (const f of frames) pushTo(m, f.sentence, f);
  return m;
}

/** «بغداد - أعلنت خلية الإعلام…», «دير الزور – 14 آب»: where the report was filed, not the event. */
export function dateline(ctx: DocContext, p: DocContext['places'][number]): boolean {
  const para = ctx.a.paragraphs.find((x) => x.tokenStart <= p.tokenStart && p.tokenStart < x.tokenEnd);
  if (!para || p.tokenStart > para.tokenStart + 1 || para.i > 1) return false;
  const after = ctx.a.raw.slice(p.rawEnd, p.rawEnd + 4);
  return /^\s*[-–—:،,(]/.test(after);
}

/** An exact count read off tokens [start, end) rather than from a number («مقتلهما» = 2, «was gunned down» = 1). */
export function exactCount(ctx: DocContext, start: number, end: number, value: number, rule: string): Quantity {
  const rawStart = ctx.a.tokens[start]!.rawStart;
  const rawEnd = ctx.a.tokens[end - 1]!.rawEnd;
  return {
    tokenStart: start,
    tokenEnd: end,
    rawStart,
    rawEnd,
    text: ctx.a.raw.slice(rawStart, rawEnd),
    value,
    min: value,
    max: value,
    approximate: false,
    kind: 'exact',
    rule,
  };
}
