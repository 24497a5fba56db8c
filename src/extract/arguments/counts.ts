// Counts of each frame: which key (killed, injured, detained…) a number counts, from the noun after it,
// the casualty word before it or the event word's default.
import type { CountKey } from '../../schema.ts';
import { REMOTE_VIOLENCE_TYPES } from '../../taxonomy.ts';
import type { Quantity } from '../../quantity/types.ts';
import { needsPerson } from '../../quantity/vocabulary.ts';
import { hasArticle } from '../../text/clitics.ts';
import type { DocContext } from '../context.ts';
import type { Frame } from '../frames.ts';
import { distance, exactCount, framesBySentence, nearest } from './common.ts';
import { englishOne } from './english-one.ts';

type CountNounMention = DocContext['m']['countNouns'][number];

function countNounAt(ctx: DocContext, t: number): CountNounMention | undefined {
  return t >= 0 ? ctx.countNounAtToken[t] : undefined;
}

function andAt(ctx: DocContext, t: number): boolean {
  return ctx.a.tokens[t]?.norm === 'and';
}

function casualty(k: string): boolean {
  return k === 'killed' || k === 'injured';
}

function coversToken(x: { tokenStart: number; tokenEnd: number }, t: number): boolean {
  return x.tokenStart <= t && t < x.tokenEnd;
}

/** The passive participle of a three-letter verb (مفعول: «مقتولاً», «مخطوفاً»), clitics aside. */
const PASSIVE_PARTICIPLE = /^م\p{L}\p{L}و\p{L}(ا|ين|ون|ه|ات)?$/u;

function participleAt(ctx: DocContext, t: number): boolean {
  return ctx.a.tokens[t]?.keys.some((k) => PASSIVE_PARTICIPLE.test(k)) === true;
}

/** «مقتلهما», «إصابتهما», «استشهادهما»: the dual pronoun «ـهما» on a word of at least three letters before it */
const DUAL_PRONOUN = /^[^\s]{3,}هما$/;
// «ما أدى إلى إصابته», «أسفر عن مقتلها»: the singular pronoun, in the raw spelling (ة is not ه)
const SINGULAR_PRONOUN = /^[^\s]{3,}(?:ه|ها)$/;

function pronounCount(ctx: DocContext, i: number, value: number): Quantity {
  return exactCount(ctx, i, i + 1, value, 'dual-pronoun');
}

/** The key of a count noun and of one coordinated with it by «و» («القتلى والجرحى», «مقتل وإصابة»). */
const OTHERS = /^(ا|و)?اخر(ون|ين|ان)$|^others$/;

function withCoordinated(ctx: DocContext, c: CountNounMention, dir: 1 | -1): CountKey[] {
  if (c.value.count === 'none') return [];
  const keys: CountKey[] = [c.value.count];
  // Arabic joins with a «و» clitic on the next word, English with a separate «and» («killed and wounded»)
  const t =
    dir === 1
      ? andAt(ctx, c.tokenEnd)
        ? c.tokenEnd + 1
        : c.tokenEnd
      : andAt(ctx, c.tokenStart - 1)
        ? c.tokenStart - 2
        : c.tokenStart - 1;
  const o = countNounAt(ctx, t);
  const joined =
    dir === 1
      ? o && (/^و/.test(ctx.a.tokens[o.tokenStart]!.norm) || andAt(ctx, c.tokenEnd))
      : /^و/.test(ctx.a.tokens[c.tokenStart]!.norm) || andAt(ctx, c.tokenStart - 1);
  const sameClause = o && ctx.clauseOf[o.tokenStart] === ctx.clauseOf[c.tokenStart];
  // «قتلوا وأصيب 23 بجروح»: the second word has its own figure; «قتلوا وأصيب آخرون»: its own people
  if (
    o &&
    dir === 1 &&
    (ctx.ix.quantityAt.has(o.tokenEnd) ||
      ctx.ix.quantityAt.has(o.tokenEnd + 1) ||
      OTHERS.test(ctx.a.tokens[o.tokenEnd]?.norm ?? ''))
  )
    return keys;
  // «14 شخصاً قتلوا وأصيب 31 آخرون»: the first word already has its own figure before it
  if (o && dir === -1 && ctx.quantities.some((q) => q.tokenEnd <= o.tokenStart && q.tokenEnd >= o.tokenStart - 2))
    return keys;
  if (
    o &&
    o !== c &&
    joined &&
    sameClause &&
    o.value.count !== 'none' &&
    casualty(o.value.count) &&
    casualty(c.value.count) &&
    !keys.includes(o.value.count)
  )
    keys.push(o.value.count);
  return keys;
}

/** The noun right after the number (or the one the quantity module found) says what it counts. */
function nounKeysAfter(ctx: DocContext, q: Quantity): CountKey[] | 'unit' | null {
  // a dual («شخصين») is its own counted noun: «مقتل شخصين وإصابة خمسة» does not count the injured
  const dual = q.noun !== undefined && q.noun.tokenStart < q.tokenEnd;
  const at = dual ? [q.noun!.tokenStart] : [q.tokenEnd, q.noun?.tokenStart ?? -1];
  for (const t of at) {
    if (t < 0 || ctx.sentOf[t] !== ctx.sentOf[q.tokenStart]) continue;
    const c = countNounAt(ctx, t);
    if (!c) continue;
    if (c.value.count === 'none') return c.value.subset || c.value.one || c.value.ordinal ? null : 'unit';
    return withCoordinated(ctx, c, 1);
  }
  return null;
}

/** «مقتل 31 شخصا», «مقتل وإصابة عدد من»: the nearest casualty word just before the number. */
function keysBefore(ctx: DocContext, q: Quantity): CountKey[] {
  const clause = ctx.clauseOf[q.tokenStart];
  for (let t = q.tokenStart - 1; t >= Math.max(0, q.tokenStart - 3) && ctx.clauseOf[t] === clause; t--) {
    const c = countNounAt(ctx, t);
    if (c && c.value.count !== 'none') return withCoordinated(ctx, c, -1);
    // «27 people were killed and 51 others wounded»: the casualty word before «and» has its own figure
    if (andAt(ctx, t)) return [];
  }
  return [];
}

/** «11 مدنياً على الأقل قتلوا», «Dozens of people were killed and wounded»: a casualty verb after the
 * counted noun, in the same clause (with the one coordinated with it). */
function keyAfterNoun(ctx: DocContext, q: Quantity): CountKey[] {
  let clause = ctx.clauseOf[q.tokenStart];
  // the counted noun may stand inside the quantity («ثلاثة مقاتلين على الأقل قتلوا») or right after it
  const from = q.noun && q.noun.tokenStart < q.tokenEnd ? q.tokenEnd : q.tokenEnd + 1;
  let limit = q.tokenEnd + 5;
  let aside = false;
  for (let t = from; t < limit && t < ctx.a.tokens.length; t++) {
    if (ctx.clauseOf[t] !== clause) {
      // «Four of them, including two children, died»: one aside naming a part of those counted may
      // stand between the number and its verb; the verb's clause follows it
      if (aside || ctx.clauseOf[t] !== clause! + 1 || !countNounAt(ctx, t)?.value.subset) return [];
      let u = t;
      while (u < ctx.a.tokens.length && ctx.clauseOf[u] === ctx.clauseOf[t]) u++;
      aside = true;
      limit += u - t;
      clause = ctx.clauseOf[u];
      t = u - 1;
      continue;
    }
    const c = countNounAt(ctx, t);
    // «gunned down 70 people and wounded 20»: a casualty word with its own figure after it counts that one
    if (c && (c.value.count === 'killed' || c.value.count === 'injured'))
      return ctx.ix.quantityAt.has(c.tokenEnd) ? [] : withCoordinated(ctx, c, 1);
    if (ctx.ix.quantityAt.has(t)) return [];
  }
  return [];
}

function isSubset(ctx: DocContext, q: Quantity): boolean {
  const clause = ctx.clauseOf[q.tokenStart];
  for (let t = q.tokenStart - 1; t >= 0 && ctx.clauseOf[t] === clause; t--) {
    if (countNounAt(ctx, t)?.value.subset) return true;
    if (ctx.triggerAtToken[t]) return false;
  }
  return false;
}

/** «عشرة أشخاص», «العشرات من العناصر»: the counted noun is people, not checkpoints or websites. */
function personNoun(ctx: DocContext, t: number): boolean {
  const s = ctx.sentOf[t]!;
  if (s < 0) return false;
  const noun = ctx.countNounAtToken[t];
  return (
    ctx.ix.actors[s]!.some((x) => coversToken(x, t)) ||
    ctx.ix.fighters[s]!.some((x) => coversToken(x, t)) ||
    (!!noun && noun.value.count !== 'none')
  );
}

export function frameCountKey(f: Frame): CountKey | null {
  for (const t of f.triggers) if (!t.value.outcome && t.value.count && t.value.type === f.type) return t.value.count;
  for (const t of f.triggers) if (!t.value.outcome && t.value.count) return t.value.count;
  for (const t of f.triggers) if (t.value.count) return t.value.count;
  return null;
}

function setCount(f: Frame, key: CountKey, q: Quantity, rule: string): void {
  const cur = f.counts[key];
  if (!cur || (cur.q.kind === 'vague' && q.kind !== 'vague')) f.counts[key] = { q, rule };
  else if (cur.q.value !== q.value && q.kind !== 'vague' && cur.q !== q) {
    // two figures for one key in one event: the first is kept, the other is reported
    f.issues.push({
      code: 'count.competing',
      stage: 'counts',
      message: `${key}: ${cur.q.value} kept, ${q.value} also given`,
      span: [q.rawStart, q.rawEnd],
    });
  }
}

/** A fighter word or a civilian noun within three tokens from `t`. */
function personFollows(ctx: DocContext, t: number): boolean {
  const end = Math.min(t + 3, ctx.a.tokens.length);
  const covers = (x: { tokenStart: number; tokenEnd: number }) => x.tokenStart < end && x.tokenEnd > t;
  return ctx.m.fighters.some(covers) || ctx.m.actors.some((x) => covers(x) && x.value.side === 'civilian');
}

/** A person, not a military target, named in the three tokens from `t` («a QSD member», «a civilian»; not «a checkpoint»). */
function personNamedAfter(ctx: DocContext, t: number): boolean {
  const end = Math.min(t + 3, ctx.a.tokens.length);
  const covers = (x: { tokenStart: number; tokenEnd: number }) => x.tokenStart < end && x.tokenEnd > t;
  return (
    ctx.m.fighters.some((x) => covers(x) && x.value.person) ||
    ctx.m.actors.some((x) => covers(x) && x.value.side === 'civilian')
  );
}

// types whose words are done to people: their singular passive has a person as its subject
const PERSON_TYPES: ReadonlySet<string> = new Set(['attack', 'execution', 'abduction', 'arrests']);

// Event words whose number counts the blows, not the people they hit («3 bombings», «two car bombs»,
// «ثلاث غارات»); an execution, an arrest or an assassination counts its people.
const COUNTS_BLOWS: ReadonlySet<string> = new Set([...REMOTE_VIOLENCE_TYPES, 'armed_clash']);

// a word between the number and the event word that is no adjective («killed 3 in clashes»)
const NOT_ADJECTIVE: ReadonlySet<string> = new Set(
  'in at by on of from during after before with and to for near as when while amid since'.split(' '),
);

// «2 suicide bombers were killed», «3 IS militants killed»: the word names people (or opens with a
// fighters noun), whom its number counts
const PERSON_WORD = /(bombers?|inghimasis?|attackers?|snipers?)$/;

/** «3 bombings in Kirkuk killed 10», «two separate car bombs»: the number stands right before such an
 * event word, or one adjective before it. English only: an Arabic number stands before a prepositional
 * clitic («مقتل 2 بغارة») where it counts the people. */
function countsBlows(ctx: DocContext, q: Quantity): boolean {
  if (ctx.a.lang !== 'en') return false;
  const s = ctx.sentOf[q.tokenStart]!;
  const gap = ctx.a.tokens[q.tokenEnd];
  return (ctx.ix.triggers[s] ?? []).some(
    (t) =>
      !t.value.outcome &&
      t.value.type !== 'none' &&
      COUNTS_BLOWS.has(t.value.type) &&
      !PERSON_WORD.test(ctx.a.tokens[t.tokenEnd - 1]?.norm ?? '') &&
      !(ctx.ix.fighters[s] ?? []).some((x) => coversToken(x, t.tokenStart)) &&
      (t.tokenStart === q.tokenEnd ||
        (t.tokenStart === q.tokenEnd + 1 &&
          !!gap &&
          !NOT_ADJECTIVE.has(gap.norm) &&
          !ctx.countNounAtToken[q.tokenEnd] &&
          !ctx.ix.quantityAt.has(q.tokenEnd))),
  );
}

/** «على الجزيرة (بـ3) في ضاحية حرستا»: a letter glued to a number alone in brackets is a label (a block,
 * a sector), not a head count; «(15) قتيلاً» and «بـ3 غارات» stay figures. */
function bracketLabel(ctx: DocContext, q: Quantity): boolean {
  if (q.noun) return false;
  const before = ctx.a.raw.slice(Math.max(0, q.rawStart - 6), q.rawStart);
  const after = ctx.a.raw.slice(q.rawEnd, q.rawEnd + 3);
  return /\(\s*\p{L}[\u0640\s-]*$/u.test(before) && /^\s*\)/.test(after);
}

const THAT: ReadonlySet<string> = new Set(['ان', 'بان', 'وان']);

/** «أفاد بأن ضابطاً برتبة نقيب قتل وأصيب اثنان»: after «أن», an indefinite singular person (with up to
 * two words describing it) is the subject of the casualty verb that follows, and counts one. */
function reportedSubject(ctx: DocContext, verb: number): CountNounMention | undefined {
  const clause = ctx.clauseOf[verb];
  for (let t = verb - 1; t >= Math.max(1, verb - 3) && ctx.clauseOf[t] === clause; t--) {
    if (ctx.ix.quantityAt.has(t) || ctx.triggerAtToken[t]) return undefined;
    const c = countNounAt(ctx, t);
    if (!c) continue;
    const ok = c.value.one && !hasArticle(ctx.a.tokens[t]!.norm) && THAT.has(ctx.a.tokens[t - 1]!.norm);
    return ok ? c : undefined;
  }
  return undefined;
}

export function assignCounts(ctx: DocContext, frames: Frame[]): void {
  const bySentence = framesBySentence(frames);
  const timeTokens = new Set<number>();
  for (const t of ctx.times) for (let i = t.tokenStart; i < t.tokenEnd; i++) timeTokens.add(i);
  for (const q of ctx.quantities) {
    if (q.unit || timeTokens.has(q.tokenStart) || ctx.chargeTokens.has(q.tokenStart) || bracketLabel(ctx, q)) continue;
    // «killing a civilian»: a number word marked person_only counts only a person named right after it
    const personOnly = needsPerson(q);
    if (personOnly && !personFollows(ctx, q.tokenEnd)) continue;
    const s = ctx.sentOf[q.tokenStart]!;
    const fs = bySentence.get(s) ?? [];
    if (fs.length === 0 || isSubset(ctx, q)) continue;
    if ([0, 1, 2].some((d) => ctx.countNounAtToken[q.tokenEnd + d]?.value.rest)) continue;
    if (countsBlows(ctx, q)) continue;
    const after = nounKeysAfter(ctx, q);
    if (after === 'unit') continue;
    const f = nearest(fs, q.tokenStart);
    if (!f) continue;
    const dflt = frameCountKey(f);
    let keys: CountKey[] = [];
    let rule = '';
    if (after && after.length) {
      // a status noun after the number («عشرات النازحين») yields to the event: abducted, not displaced
      keys = after.filter((k) => k === 'killed' || k === 'injured' || k === dflt || !dflt);
      rule = 'count:noun-after';
    }
    // «جرح أربعة أطفال برصاص القناصة»: a casualty word next to the number says what it counts before
    // the event word's default does
    if (keys.length === 0) {
      keys = keysBefore(ctx, q);
      rule = 'count:word-before';
    }
    if (keys.length === 0) {
      keys = keyAfterNoun(ctx, q);
      rule = 'count:verb-after';
    }
    const sameClause = f.triggers.some((t) => ctx.clauseOf[t.tokenStart] === ctx.clauseOf[q.tokenStart]);
    if (keys.length === 0 && after && after.length && dflt && sameClause) {
      keys = [dflt];
      rule = 'count:noun-after';
    }
    // «اختطفت ميليشيات الحشد، الثلاثاء، 35 رجلاً»: the object may sit one comma away
    // «gunmen assassinated a colonel», «shot dead a QSD member»: an article right after the word names the one person
    const oneObject =
      personOnly &&
      f.triggers.some((t) => t.tokenEnd === q.tokenStart && t.value.count === dflt) &&
      personNamedAfter(ctx, q.tokenEnd);
    if (
      keys.length === 0 &&
      dflt &&
      (!personOnly || oneObject) &&
      (sameClause || distance(f, q.tokenStart) <= 6) &&
      (!q.noun || personNoun(ctx, q.noun.tokenStart))
    ) {
      keys = [dflt];
      rule = 'count:trigger-default';
    }
    // «مقتل وإصابة 15 مدنياً», «سقوط 20 بين قتيل وجريح»: an exact combined toll counts neither the dead
    // nor the wounded (annotation.md takes only the counts stated for one key); a vague one is vague
    // for both («عدد من القتلى والجرحى»)
    if (q.kind !== 'vague' && keys.includes('killed') && keys.includes('injured')) {
      if (!f.combined) {
        f.combined = { q, rule };
        f.issues.push({
          code: 'count.combined',
          stage: 'counts',
          message: `${q.value} killed and injured together; neither count is known`,
          span: [q.rawStart, q.rawEnd],
        });
      }
      continue;
    }
    for (const k of keys) setCount(f, k, q, rule);
  }
  // «مقتل شخص في سرمين», «وأصيب طفل بجروح»: a casualty word before one person counts one
  for (const f of frames) {
    for (const t of f.triggers) {
      const key = t.value.outcome ?? (t.value.type === f.type ? t.value.count : undefined);
      if (!key || f.counts[key]) continue;
      // «ما أدى لمقتلهما», «أسفر عن إصابتهما»: a casualty word carrying the dual pronoun counts two
      if (t.value.outcome && DUAL_PRONOUN.test(ctx.a.tokens[t.tokenEnd - 1]!.norm)) {
        setCount(f, key, pronounCount(ctx, t.tokenEnd - 1, 2), 'count:dual-pronoun');
        continue;
      }
      const last = ctx.a.tokens[t.tokenEnd - 1]!;
      if (t.value.outcome && SINGULAR_PRONOUN.test(ctx.a.raw.slice(last.rawStart, last.rawEnd))) {
        setCount(f, key, pronounCount(ctx, t.tokenEnd - 1, 1), 'count:singular-pronoun');
        continue;
      }
      // «X was gunned down», «shot dead Mohammed Hussein Hamid»: one person (English; a word aimed at
      // people, not a weak «attacked» that a house or a convoy can take)
      const one = (t.value.outcome || (PERSON_TYPES.has(t.value.type) && t.value.weight >= 0.6)) && englishOne(ctx, t);
      if (one) {
        setCount(f, key, one, 'count:singular');
        continue;
      }
      // «أعدم التنظيم رجلاً»: the doer may stand between the verb and the one person
      const actor = ctx.ix.actors[t.sentence]!.find((m) => m.tokenStart === t.tokenEnd);
      // «عثر على جثة شاب مقتولاً»: a passive participle describes the one person right before it
      const before =
        t.value.outcome && participleAt(ctx, t.tokenStart) ? countNounAt(ctx, t.tokenStart - 1) : undefined;
      // «اغتالوا في الثالث من آذار الماضي مختار البلدة», «اغتال مسلحون، مساء أمس، عضواً»: or a date
      const from = actor ? actor.tokenEnd : t.tokenEnd;
      const date = ctx.times.find((x) => x.tokenStart >= from && x.tokenStart <= from + 1);
      const c = [
        countNounAt(ctx, t.tokenEnd),
        actor ? countNounAt(ctx, actor.tokenEnd) : undefined,
        date ? countNounAt(ctx, date.tokenEnd) : undefined,
        before,
        t.value.outcome ? reportedSubject(ctx, t.tokenStart) : undefined,
      ].find((x) => x && (x.value.one || x.value.ordinal));
      if (!c || ctx.ix.quantityAt.has(c.tokenStart) || ctx.ix.quantityAt.has(c.tokenStart - 1)) continue;
      // «وأصيب ثالث»: an ordinal without the article is one more person
      if (!c.value.one && !(c.value.ordinal && !hasArticle(ctx.a.tokens[c.tokenStart]!.norm))) continue;
      const q = exactCount(ctx, c.tokenStart, c.tokenEnd, 1, 'singular');
      setCount(f, key, q, 'count:singular');
    }
  }
}
