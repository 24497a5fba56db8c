// Arguments of each frame: actors with roles, counts, methods, accusations, violation words, places,
// times and the attribution, taken from the frame's sentence. An argument goes to the nearest frame
// of its sentence, so «قتل 38 مدنياً … في قصف» and «اعتقال العشرات» in one sentence keep their own
// figures. A sentence without a trigger that lists methods or charges («ترافقت مع تنوع التهم بين …»)
// gives them to the frame just before it. Each kind of argument has its module in arguments/.
import type { DocContext } from './context.ts';
import type { Frame } from './frames.ts';
import { assignActors, usableActors } from './arguments/actors.ts';
import { assignCounts } from './arguments/counts.ts';
import { sumCoordinated } from './arguments/coordinated.ts';
import { assignLists } from './arguments/lists.ts';
import { refineTypes } from './arguments/refine-types.ts';
import { assignTimesPlacesAttribution } from './arguments/times-places.ts';
import { splitBreakdowns } from './arguments/breakdown.ts';

export { VICTIM_TYPES } from './arguments/common.ts';
export { documentSubject, usableActors } from './arguments/actors.ts';
export { frameCountKey } from './arguments/counts.ts';
export { carryOver } from './arguments/carry-over.ts';

/** Fills each frame's arguments; a total broken down by place splits into its parts (the frames returned). */
export function attachArguments(ctx: DocContext, frames: Frame[]): Frame[] {
  assignActors(ctx, frames, usableActors(ctx));
  refineTypes(ctx, frames);
  assignCounts(ctx, frames);
  sumCoordinated(ctx, frames);
  assignLists(ctx, frames);
  assignTimesPlacesAttribution(ctx, frames);
  return splitBreakdowns(ctx, frames);
}
