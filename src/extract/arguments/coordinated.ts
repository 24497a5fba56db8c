// «استشهد امرأة وطفلان», «اعتقلت رجلاً وابنه مع ثلاثة أخوة آخرين»: the people a casualty or detention
// word names, one by one and joined by «و» or «مع», add up to its count (1 + 2; 1 + 1 + 3). In English
// the list is joined by «and», commas and «as well as» («killing a policeman and seven civilians»).
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

// English words that name people after a number («six others», «28 women»), beside fighters nouns,
// civilian actors and count nouns
const EN_PEOPLE: ReadonlySet<string> = new Set(
  'people persons others men women children boys girls relatives members guests worshippers pilgrims workers labourers laborers guards iraqi iraqis iranian iranians syrians kurds turkmen shiites sunnis christians yazidis'.split(
    ' ',
  ),
);
// a singular relative named by a possessive («his son», «her husband»): one person
const EN_KIN =
  /^(son|daughter|wife|husband|father|mother|brother|sister|child|cousin|nephew|uncle|bodyguard|driver|guard)$/;

/** A comma stands right before token t (punctuation is no token). */
function commaBefore(ctx: DocContext, t: number): boolean {
  const a = ctx.a.tokens[t - 1];
  const b = ctx.a.tokens[t];
  return !!a && !!b && ctx.a.raw.slice(a.rawEnd, b.rawStart).includes(',');
}

function enPersonWord(ctx: DocContext, t: number): boolean {
  const tok = ctx.a.tokens[t];
  if (!tok) return false;
  const s = ctx.sentOf[t]!;
  const covers = (x: { tokenStart: number; tokenEnd: number }) => x.tokenStart <= t && t < x.tokenEnd;
  return (
    EN_PEOPLE.has(tok.norm) ||
    (ctx.countNounAtToken[t]?.value.count ?? 'none') !== 'none' ||
    (ctx.ix.fighters[s]?.some((x) => covers(x) && x.value.person) ?? false) ||
    (ctx.ix.actors[s]?.some((x) => covers(x) && x.value.side === 'civilian') ?? false)
  );
}

/** An English item: a number, «a» or «his son», then up to three more words to a people word. */
function enItemAt(ctx: DocContext, i: number, sentence: number): Item | null {
  const tok = ctx.a.tokens[i];
  if (!tok || ctx.sentOf[i] !== sentence) return null;
  if (/^(his|her|their)$/.test(tok.norm) && EN_KIN.test(ctx.a.tokens[i + 1]?.norm ?? ''))
    return { value: 1, start: i, end: i + 2 };
  const qs = ctx.ix.quantityAt.get(i);
  if (!qs?.length) return null;
  const q = qs.reduce((a, b) => (b.tokenEnd > a.tokenEnd ? b : a));
  if (q.kind === 'vague' || q.unit) return null;
  const value = q.value;
  const from = q.tokenEnd;
  // the last people word before the list goes on («15 Iranian pipeline workers and …»)
  let end = 0;
  for (let t = from; t < from + 4 && ctx.sentOf[t] === sentence; t++) {
    const tok = ctx.a.tokens[t]!;
    if (ctx.triggerAtToken[t] || ctx.ix.quantityAt.has(t) || tok.norm === 'and' || commaBefore(ctx, t)) break;
    if (enPersonWord(ctx, t)) end = t + 1;
  }
  return end ? { value, start: i, end } : null;
}

/** The next English item after «and», a comma or «as well as». */
function enNextItem(ctx: DocContext, at: number, sentence: number): Item | null {
  const tok = ctx.a.tokens[at];
  if (!tok || ctx.sentOf[at] !== sentence) return null;
  if (tok.norm === 'and') return enItemAt(ctx, at + 1, sentence);
  // «, his wife», «, and three children»
  if (commaBefore(ctx, at)) return enItemAt(ctx, tok.norm === 'and' ? at + 1 : at, sentence);
  const w = (k: number) => ctx.a.tokens[at + k]?.norm;
  if (w(0) === 'as' && w(1) === 'well' && w(2) === 'as') return enItemAt(ctx, at + 3, sentence);
  return null;
}

/** The next item of the list: its own token opens with «و» («وطفلان»), or «مع» stands before it. */
function nextItem(ctx: DocContext, at: number, sentence: number): Item | null {
  if (ctx.a.lang === 'en') return enNextItem(ctx, at, sentence);
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
      const itemHere =
        ctx.a.lang === 'en' ? (i: number) => enItemAt(ctx, i, t.sentence) : (i: number) => itemAt(ctx, i);
      const first = itemHere(t.tokenEnd) ?? (actor ? itemHere(actor.tokenEnd) : null);
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
