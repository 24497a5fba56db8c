// Evidence spans: the clause(s) of the frame's triggers in its sentence, widened to the clauses of
// its first figure and its perpetrator when the whole stays short (annotation.md: the shortest clause
// holding the trigger and, if possible, its main arguments; about 300 characters at most).
import type { DocContext } from './context.ts';
import type { Frame } from './frames.ts';

const MAX_EVIDENCE = 320;

export function clauseSegments(ctx: DocContext): Array<{ tokenStart: number; tokenEnd: number; sentence: number }> {
  const out: Array<{ tokenStart: number; tokenEnd: number; sentence: number }> = [];
  for (const s of ctx.a.sentences)
    for (const c of s.clauses) out.push({ tokenStart: c.tokenStart, tokenEnd: c.tokenEnd, sentence: s.i });
  return out;
}

export function frameEvidence(ctx: DocContext, f: Frame, clauses: ReturnType<typeof clauseSegments>): [number, number] {
  const idx = [...f.clauses].filter((c) => c >= 0 && clauses[c] && clauses[c].tokenEnd > clauses[c].tokenStart);
  let lo: number;
  let hi: number;
  if (idx.length === 0) {
    lo = Math.min(...f.triggers.map((t) => t.tokenStart));
    hi = Math.max(...f.triggers.map((t) => t.tokenEnd));
  } else {
    lo = Math.min(...idx.map((c) => clauses[c]!.tokenStart));
    hi = Math.max(...idx.map((c) => clauses[c]!.tokenEnd));
  }
  const extra: number[] = [];
  const firstCount = Object.values(f.counts)[0];
  if (firstCount) extra.push(firstCount.q.tokenStart);
  const perp = f.actors.find((a) => a.role === 'perpetrator' && a.token >= 0);
  if (perp) extra.push(perp.token);
  for (const t of extra) {
    if (ctx.sentOf[t] !== f.sentence) continue;
    const c = clauses[ctx.clauseOf[t]!];
    if (!c) continue;
    const nlo = Math.min(lo, c.tokenStart);
    const nhi = Math.max(hi, c.tokenEnd);
    if (ctx.a.tokens[nhi - 1]!.rawEnd - ctx.a.tokens[nlo]!.rawStart <= MAX_EVIDENCE) {
      lo = nlo;
      hi = nhi;
    }
  }
  if (ctx.a.tokens[hi - 1]!.rawEnd - ctx.a.tokens[lo]!.rawStart > MAX_EVIDENCE) {
    // a clause without commas running on for lines: keep the words around the triggers
    const s = ctx.a.sentences[f.sentence]!;
    const first = Math.min(...f.triggers.map((t) => t.tokenStart));
    const last = Math.max(...f.triggers.map((t) => t.tokenEnd));
    lo = Math.max(s.tokenStart, first - 6);
    hi = Math.min(s.tokenEnd, Math.max(last, first + 1) + 10);
    while (hi - 1 > lo && ctx.a.tokens[hi - 1]!.rawEnd - ctx.a.tokens[lo]!.rawStart > MAX_EVIDENCE) hi--;
  }
  return [ctx.a.tokens[lo]!.rawStart, ctx.a.tokens[hi - 1]!.rawEnd];
}
