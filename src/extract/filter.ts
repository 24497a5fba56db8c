// Which merged frames become incidents. Doubtful frames are dropped here rather than emitted with a
// low score: a bare weak word («هجوم») with no one acting, no figure and no place is background, and
// casualty words alone in a tally document (SNHR monthly totals) are not incidents (annotation.md).
import type { DocContext } from './context.ts';
import type { Frame } from './frames.ts';
import { confidence } from './assemble.ts';

const MIN_CONFIDENCE = 0.5;

export function keepFrame(ctx: DocContext, f: Frame): boolean {
  const explicitActor = f.actors.some((a) => !a.carried);
  const hasCount = Object.keys(f.counts).length > 0 || f.combined !== null;
  const hasPlace = f.places.length > 0;
  if (f.eventTriggers === 0) {
    if (ctx.tally) return false;
    if (!hasCount && !f.actors.some((a) => a.role !== 'perpetrator' && !a.carried)) return false;
  }
  if (f.weight < 0.6 && !explicitActor && !hasCount && !hasPlace) return false;
  return confidence(f) >= MIN_CONFIDENCE;
}
