// Times, places and the attribution («بحسب مصادر محلية») of each frame, from its sentence.
import type { DocContext } from '../context.ts';
import type { Frame } from '../frames.ts';
import { dateline, framesBySentence, nearest } from './common.ts';

export function assignTimesPlacesAttribution(ctx: DocContext, frames: Frame[]): void {
  const bySentence = framesBySentence(frames);
  for (const t of ctx.times) {
    if (!t.start) continue;
    const f = nearest(bySentence.get(ctx.sentOf[t.tokenStart]!) ?? [], t.tokenStart);
    if (f && !f.time) f.time = t;
  }
  // «وتدعمه روسيا»: a country named as an actor is not where the event happened
  const actorTokens = new Set<number>();
  for (const m of ctx.m.actors)
    if (m.value.country || m.value.side === 'armed') for (let t = m.tokenStart; t < m.tokenEnd; t++) actorTokens.add(t);
  for (const p of ctx.places) {
    if (p.role !== 'location' || ctx.chargeTokens.has(p.tokenStart) || dateline(ctx, p)) continue;
    // «(90 كم غرب الرمادي)»: a landmark the place of the event is measured from is not that place
    if (p.rule.includes('place.landmark')) continue;
    if (p.entry?.kind === 'country' && actorTokens.has(p.tokenStart)) continue;
    const f = nearest(bySentence.get(ctx.sentOf[p.tokenStart]!) ?? [], p.tokenStart);
    if (f) f.places.push(p);
  }
  for (const m of ctx.m.attributions) {
    const fs = bySentence.get(m.sentence) ?? [];
    if (fs.length === 0) continue;
    // the source phrase: the cue and the words after it, up to the end of its clause (at most 8 words)
    const clause = ctx.clauseOf[m.tokenStart];
    let end = m.tokenEnd;
    while (
      end < ctx.a.tokens.length &&
      end < m.tokenEnd + 6 &&
      ctx.clauseOf[end] === clause &&
      ctx.sentOf[end] === m.sentence
    )
      end++;
    // «بحسب مصادر محلية»: the cue before a named source belongs to the same phrase
    const lead = ctx.ix.attributions[m.sentence]!.find(
      (g) => g.value.source === 'generic' && g !== m && g.tokenEnd <= m.tokenStart && g.tokenEnd >= m.tokenStart - 1,
    );
    const span: [number, number] = [(lead ?? m).rawStart, ctx.a.tokens[end - 1]!.rawEnd];
    for (const f of fs) {
      const better = !f.attribution || (m.value.source !== 'generic' && f.rules.includes('attribution:generic'));
      if (better) {
        f.attribution = { text: ctx.a.raw.slice(span[0], span[1]), span };
        f.rules = f.rules.filter((r) => !r.startsWith('attribution:'));
        f.rules.push(`attribution:${m.value.source}`);
      }
    }
  }
}
