// A lead total broken down by place inside its own sentence («قتل 9 مدنيين في قصف على ريف إدلب، 5 منهم
// في سراقب و4 في أريحا») gives the breakdown's incidents only (annotation.md): the frame is split into
// one frame per place, each with its own figure. Only a breakdown that adds up to the total splits it;
// a figure for one place among others («بينهم 3 في سراقب») is a detail of the same event.
import type { CountKey } from '../../schema.ts';
import type { Quantity } from '../../quantity/types.ts';
import type { PlaceMention } from '../../geo/types.ts';
import type { DocContext } from '../context.ts';
import type { Frame } from '../frames.ts';

/** How far after a figure its place may start: «5 منهم في مدينة سراقب» */
const PLACE_REACH = 5;

interface Part {
  q: Quantity;
  place: PlaceMention;
}

function parts(ctx: DocContext, f: Frame, total: Quantity): Part[] {
  const out: Part[] = [];
  const figures = ctx.quantities.filter(
    (q) =>
      ctx.sentOf[q.tokenStart] === f.sentence &&
      q.tokenStart >= total.tokenEnd &&
      q.kind === 'exact' &&
      !q.unit &&
      q.value < total.value,
  );
  figures.forEach((q, i) => {
    const next = figures[i + 1]?.tokenStart ?? Infinity;
    const place = f.places.find(
      (p) =>
        p.entry &&
        p.role === 'location' &&
        p.tokenStart >= q.tokenEnd &&
        p.tokenStart <= q.tokenEnd + PLACE_REACH &&
        p.tokenStart < next,
    );
    if (place) out.push({ q, place });
  });
  return out;
}

function cloneFrame(f: Frame, key: number): Frame {
  return {
    ...f,
    key,
    triggers: [...f.triggers],
    lowered: [...f.lowered],
    clauses: new Set(f.clauses),
    actors: f.actors.map((a) => ({ ...a })),
    counts: { ...f.counts },
    methods: new Map(f.methods),
    accusations: new Map(f.accusations),
    violations: new Set(f.violations),
    places: [...f.places],
    evidence: f.evidence.map(([a, b]) => [a, b] as [number, number]),
    rules: [...f.rules],
    issues: [...f.issues],
  };
}

/** Split each frame whose total is broken down by place in its sentence; returns the frames in order. */
export function splitBreakdowns(ctx: DocContext, frames: Frame[]): Frame[] {
  let key = Math.max(-1, ...frames.map((f) => f.key)) + 1;
  const out: Frame[] = [];
  for (const f of frames) {
    const k = (Object.keys(f.counts) as CountKey[]).find((c) => f.counts[c]!.q.kind === 'exact');
    const total = k ? f.counts[k]!.q : undefined;
    const ps = total ? parts(ctx, f, total) : [];
    const distinct = new Set(ps.map((p) => p.place.entry?.id ?? p.place.text));
    if (
      !k ||
      !total ||
      ps.length < 2 ||
      distinct.size < ps.length ||
      ps.reduce((s, p) => s + p.q.value, 0) !== total.value
    ) {
      out.push(f);
      continue;
    }
    ps.forEach((p, i) => {
      const g = i === 0 ? f : cloneFrame(f, key++);
      g.counts = { ...f.counts, [k]: { q: p.q, rule: 'count:breakdown' } };
      g.places = [p.place];
      g.rules = [...g.rules, 'breakdown:place'];
      out.push(g);
    });
  }
  return out;
}
