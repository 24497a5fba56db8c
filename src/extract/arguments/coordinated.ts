// «استشهد امرأة وطفلان», «اعتقلت رجلاً وابنه مع ثلاثة أخوة آخرين»: the people a casualty or detention
// word names, one by one and joined by «و» or «مع», add up to its count (1 + 2; 1 + 1 + 3).
import type { CountKey } from '../../schema.ts';
import type { Quantity } from '../../quantity/types.ts';
import type { DocContext } from '../context.ts';
import type { Frame } from '../frames.ts';

interface Item {
  value: number;
  start: number;
  end: number;
}

/** A figure with its noun («ثلاثة أخوة آخرين», «وطفلان») or one singular person («امرأة», «وابنه»). */
function itemAt(ctx: DocContext, i: number): Item | null {
  const qs = ctx.ix.quantityAt.get(i);
  if (qs?.length) {
    const q = qs.reduce((a, b) => (b.tokenEnd > a.tokenEnd ? b : a));
    if (q.kind === 'vague' || q.unit) return null;
    let end = q.tokenEnd;
    // the counted noun and «آخرين» after it
    while (end < q.tokenEnd + 2 && ctx.countNounAtToken[end]) end++;
    if (!q.noun && end === q.tokenEnd && ctx.ix.actors[ctx.sentOf[end]!]?.some((m) => m.tokenStart === end)) end++;
    return { value: q.value, start: i, end };
  }
  const c = ctx.countNounAtToken[i];
  if (c?.value.one && c.tokenStart === i) return { value: 1, start: i, end: c.tokenEnd };
  return null;
}

/** The next item of the list: its own token opens with «و» («وطفلان»), or «مع» stands before it. */
function nextItem(ctx: DocContext, at: number, sentence: number): Item | null {
  const tok = ctx.a.tokens[at];
  if (!tok || ctx.sentOf[at] !== sentence) return null;
  if (tok.norm === 'مع') return nextItemAfterWith(ctx, at + 1, sentence);
  if (!tok.norm.startsWith('و') || tok.keys.length < 2) return null;
  return itemAt(ctx, at);
}

function nextItemAfterWith(ctx: DocContext, at: number, sentence: number): Item | null {
  return ctx.sentOf[at] === sentence ? itemAt(ctx, at) : null;
}

// words that end a person's name: prepositions, relatives and the like («قتل الشاب في القصف وثلاثة…»)
const NOT_NAME: ReadonlySet<string> = new Set(
  'في علي من الي عن مع بعد قبل اثر جراء خلال عند حيث الذي التي الذين اثناء بين منذ حتي لدي اليوم امس اول ثاني بينما فيما كما بسبب نتيجه برصاص'.split(
    ' ',
  ),
);

function mentioned(ctx: DocContext, t: number): boolean {
  const covers = (x: { tokenStart: number; tokenEnd: number }) => x.tokenStart <= t && t < x.tokenEnd;
  const s = ctx.sentOf[t]!;
  return (
    ctx.triggerAtToken[t] === 1 ||
    ctx.countNounAtToken[t] !== undefined ||
    ctx.ix.quantityAt.has(t) ||
    (ctx.ix.actors[s]?.some(covers) ?? true) ||
    (ctx.ix.fighters[s]?.some(covers) ?? true) ||
    ctx.places.some(covers) ||
    ctx.times.some(covers) ||
    ctx.m.methods.some(covers)
  );
}

/** «قتل الإعلامي أسامة ناصر الزعبي واثنان من أقربائه»: a definite title is followed by the person's
 * name (one to four plain words of its clause) before the next item of the list. */
function afterName(ctx: DocContext, item: Item): number {
  if (item.end - item.start !== 1 || !/^(و|ف)?(ب|ل)?ال|^(و|ف)?لل/.test(ctx.a.tokens[item.start]!.norm)) return item.end;
  const clause = ctx.clauseOf[item.start];
  for (let t = item.end; t < item.end + 4; t++) {
    const tok = ctx.a.tokens[t];
    if (!tok?.arabic || ctx.clauseOf[t] !== clause || NOT_NAME.has(tok.norm) || mentioned(ctx, t)) return item.end;
    const next = ctx.a.tokens[t + 1];
    if (next?.norm.startsWith('و') && itemAt(ctx, t + 1)) return t + 1;
  }
  return item.end;
}

export function sumCoordinated(ctx: DocContext, frames: Frame[]): void {
  for (const f of frames) {
    for (const t of f.triggers) {
      const key: CountKey | undefined = t.value.outcome ?? (t.value.type === f.type ? t.value.count : undefined);
      if (!key) continue;
      // «اعتقلت قوات النظام رجلاً وابنه»: the doer may stand between the word and the people
      const actor = ctx.ix.actors[t.sentence]?.find((m) => m.tokenStart === t.tokenEnd);
      const first = itemAt(ctx, t.tokenEnd) ?? (actor ? itemAt(ctx, actor.tokenEnd) : null);
      if (!first) continue;
      const items = [first];
      for (
        let next = nextItem(ctx, afterName(ctx, first), t.sentence);
        next;
        next = nextItem(ctx, next.end, t.sentence)
      )
        items.push(next);
      if (items.length < 2) continue;
      const sum = items.reduce((s, x) => s + x.value, 0);
      const cur = f.counts[key];
      const last = items[items.length - 1]!;
      // only a count read off the list itself (or none) gives way to the list's sum
      if (cur && (cur.q.tokenStart < first.start || cur.q.tokenStart >= last.end || cur.q.value >= sum)) continue;
      const a = ctx.a.tokens[first.start]!;
      const b = ctx.a.tokens[last.end - 1]!;
      const q: Quantity = {
        tokenStart: first.start,
        tokenEnd: last.end,
        rawStart: a.rawStart,
        rawEnd: b.rawEnd,
        text: ctx.a.raw.slice(a.rawStart, b.rawEnd),
        value: sum,
        min: sum,
        max: sum,
        approximate: false,
        kind: 'exact',
        rule: 'coordinated',
      };
      f.counts[key] = { q, rule: 'count:coordinated' };
    }
  }
}
