// Methods, accusations and violation words of each frame; a sentence that only lists them gives them to
// the frame just before it.
import type { IncidentType } from '../../schema.ts';
import type { DocContext } from '../context.ts';
import type { Frame } from '../frames.ts';
import { framesBySentence, nearest } from './common.ts';

const ACCUSATION_TYPES: ReadonlySet<IncidentType> = new Set<IncidentType>([
  'execution',
  'arrests',
  'abduction',
  'attack',
  'coercion',
  'sexual_violence',
]);

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
  return cands[0] ?? null;
}

/** The mention lies in a charge: a list opened by a charge cue («بتهمة», «بتهم منها»), or within its
 * reach after a charge cue of its sentence («لاتهامه بـ», "accused of", "for allegedly"). */
function inCharge(ctx: DocContext, m: { sentence: number; tokenStart: number }): boolean {
  if (ctx.chargeTokens.has(m.tokenStart)) return true;
  return (ctx.ix.cues[m.sentence] ?? []).some(
    (c) => c.value.kind === 'charge' && c.tokenEnd <= m.tokenStart && m.tokenStart - c.tokenEnd <= c.value.reach,
  );
}

/** Words that name a charge only inside one (`charged = true`: «قتل شخص», «عملاء», «الكفر») are dropped
 * elsewhere, before actors and frames look at the charges: there they tell the event or name a party. */
export function dropUncharged(ctx: DocContext): void {
  if (!ctx.m.accusations.some((m) => m.value.charged)) return;
  const keep = (m: (typeof ctx.m.accusations)[number]) => !m.value.charged || inCharge(ctx, m);
  ctx.m = { ...ctx.m, accusations: ctx.m.accusations.filter(keep) };
  ctx.ix = { ...ctx.ix, accusations: ctx.ix.accusations.map((s) => s.filter(keep)) };
}

export function assignLists(ctx: DocContext, frames: Frame[]): void {
  const bySentence = framesBySentence(frames);
  const inSentence = (s: number) => bySentence.get(s) ?? [];
  const near = (s: number, t: number, accept: (f: Frame) => boolean): Frame | null => {
    const own = nearest(inSentence(s), t, accept);
    if (own) return own;
    // a list sentence of its own attaches to the frame just before it, within two sentences
    const prev = previousFrame(frames, s, accept);
    return prev && s - prev.sentence <= 2 && ctx.a.sentences[s]!.paragraph === prev.paragraph ? prev : null;
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
