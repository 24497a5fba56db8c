// Which merged frames become incidents. Doubtful frames are dropped here rather than emitted with a
// low score: a bare weak word («هجوم») with no one acting, no figure and no place is background, and
// casualty words alone in a tally document (SNHR monthly totals) are not incidents (annotation.md).
import type { DocContext } from './context.ts';
import type { Frame } from './frames.ts';
import { confidence } from './assemble.ts';

const MIN_CONFIDENCE = 0.5;
/** More dead than one event in one place leaves, unless a town or village is named: a running total */
const TALLY_DEAD = 1000;

/** «بلغ عدد الشهداء تحت التعذيب في سجون النظام نحو 13 ألف شخص»: a total over years and places
 * (annotation.md: totals without a place finer than the country are not incidents). */
function runningTotal(f: Frame): boolean {
  const dead = f.counts.killed?.q.value ?? 0;
  if (dead < TALLY_DEAD) return false;
  // a place lent by the sentence before or by the report does not count as the total's own
  if (f.rules.includes('place:previous') || f.rules.includes('place:document')) return true;
  return !f.places.some(
    (p) => p.entry && p.precision <= 2 && p.entry.kind !== 'country' && p.entry.kind !== 'governorate',
  );
}

/**
 * «أبرمت الشركة اتفاقاً مع شركة أخرى», «اتفق النادي مع اللاعب»: when every event word of the frame
 * needs a side of the conflict (`party = armed`), a frame naming none — no armed actor, no fighters
 * noun and no side named by a common noun (cues of kind `party`: «الحكومة», «العشيرة», «القوات») in its
 * sentences — tells no incident.
 */
function lacksParty(ctx: DocContext, f: Frame): boolean {
  const words = f.triggers.filter((t) => !t.value.outcome);
  if (!words.length || !words.every((t) => t.value.armedParty)) return false;
  const sentences = new Set([f.sentence, ...f.triggers.map((t) => t.sentence)]);
  for (const s of sentences) {
    if (ctx.ix.fighters[s]?.length) return false;
    if (ctx.ix.actors[s]?.some((m) => m.value.side === 'armed')) return false;
    if (ctx.ix.cues[s]?.some((c) => c.value.kind === 'party')) return false;
  }
  return true;
}

export function keepFrame(ctx: DocContext, f: Frame): boolean {
  const explicitActor = f.actors.some((a) => !a.carried);
  const hasCount = Object.keys(f.counts).length > 0 || f.combined !== null;
  const hasPlace = f.places.length > 0;
  if (f.eventTriggers === 0) {
    if (ctx.tally) return false;
    if (!hasCount && !f.actors.some((a) => !a.carried)) return false;
  }
  if (f.weight < 0.6 && !explicitActor && !hasCount && !hasPlace) return false;
  if (runningTotal(f)) return false;
  if (lacksParty(ctx, f)) return false;
  return confidence(f) >= MIN_CONFIDENCE;
}
