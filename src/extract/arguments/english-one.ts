// English singular victims of a killing word with no figure: «X was gunned down», «gunmen shot dead
// Mohammed Hussein Hamid», «a car bomb killed Judge Sajid Abdul-Amir» each count one person.
import type { Quantity } from '../../quantity/types.ts';
import type { DocContext } from '../context.ts';
import type { Mention } from '../mentions.ts';
import type { TriggerValue } from '../lexicons.ts';
import { exactCount } from './common.ts';

/** «was», «has been», «had been» right before the word (an adverb may stand between: «was reportedly killed»). */
function singularPassive(ctx: DocContext, t: Mention<TriggerValue>): number | null {
  const w = (k: number) => ctx.a.tokens[t.tokenStart - k]?.norm;
  for (const k of [1, 2]) {
    if (ctx.sentOf[t.tokenStart - k] !== t.sentence) return null;
    if (w(k) === 'was' || (w(k) === 'been' && (w(k + 1) === 'has' || w(k + 1) === 'had'))) return t.tokenStart - k;
    if (k === 1 && !/ly$/.test(w(1) ?? '')) return null;
  }
  return null;
}

function capitalised(ctx: DocContext, i: number): boolean {
  const tok = ctx.a.tokens[i];
  if (!tok || tok.arabic || tok.numeric) return false;
  const c = ctx.a.raw[tok.rawStart] ?? '';
  return c !== c.toLowerCase();
}

function named(ctx: DocContext, i: number): boolean {
  const covers = (x: { tokenStart: number; tokenEnd: number }) => x.tokenStart <= i && i < x.tokenEnd;
  const s = ctx.sentOf[i]!;
  return (
    ctx.places.some(covers) ||
    ctx.times.some(covers) ||
    (ctx.ix.actors[s]?.some(covers) ?? false) ||
    ctx.triggerAtToken[i] === 1 ||
    ctx.ix.quantityAt.has(i)
  );
}

/** A person's name right after the word: two or more capitalised words that name no place, actor or time. */
function nameAfter(ctx: DocContext, t: Mention<TriggerValue>): number | null {
  const i = t.tokenEnd;
  let n = 0;
  while (capitalised(ctx, i + n) && !named(ctx, i + n) && ctx.sentOf[i + n] === t.sentence && n < 5) n++;
  return n >= 2 ? i : null;
}

/** One person killed by `t`, when the text names one: a singular passive or a name as its object. */
export function englishOne(ctx: DocContext, t: Mention<TriggerValue>): Quantity | null {
  if (ctx.a.lang !== 'en') return null;
  const at = singularPassive(ctx, t) ?? nameAfter(ctx, t);
  if (at === null) return null;
  return exactCount(ctx, at, at + 1, 1, 'singular');
}
