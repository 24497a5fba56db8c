// Names in a sentence that take no part in its event: who speaks about it, a party that only describes
// a place in a relative clause, people named after a denied casualty.
import type { DocContext } from '../context.ts';
import type { Mention } from '../mentions.ts';
import type { ActorValue } from '../lexicons.ts';

// «إن», «بأن», «عن», and the masdars of occurrence that open a reported event («بوقوع مجزرة»)
const COMPLEMENT: ReadonlySet<string> = new Set(['ان', 'بان', 'عن', 'بوقوع', 'بسقوط', 'بحدوث', 'that']);

/** «أفاد الجيش الحر بوقوع مجزرة», «وقال المصور: "قصف بطائرات ميغ"»: the party named after a verb of
 * saying, before what it says (a complement «إن/بأن/عن», a quote, or an event masdar with «ب»), is
 * the speaker; «قال الجيش الحر إنه قتل…» names the doer through its pronoun and is kept. */
function speaker(ctx: DocContext, m: Mention<ActorValue>): boolean {
  const clause = ctx.clauseOf[m.tokenStart];
  const said = ctx.ix.attributions[m.sentence]!.find(
    (c) =>
      c.value.speech &&
      c.tokenEnd <= m.tokenStart &&
      m.tokenStart - c.tokenEnd <= 4 &&
      ctx.clauseOf[c.tokenStart] === clause,
  );
  if (!said) return false;
  for (let t = said.tokenEnd; t < m.tokenStart; t++) if (ctx.triggerAtToken[t]) return false;
  const next = ctx.a.tokens[m.tokenEnd];
  if (next && /[:"«“]/.test(ctx.a.raw.slice(ctx.a.tokens[m.tokenEnd - 1]!.rawEnd, next.rawStart))) return true;
  for (let t = m.tokenEnd; t < m.tokenEnd + 8 && t < ctx.a.tokens.length; t++) {
    const tok = ctx.a.tokens[t]!;
    if (COMPLEMENT.has(tok.norm)) return true;
    if (ctx.triggerAtToken[t]) return tok.arabic && tok.norm.startsWith('ب') && tok.keys.includes(tok.norm.slice(1));
  }
  return false;
}

const RELATIVE: ReadonlySet<string> = new Set(['التي', 'الذي', 'الذين', 'اللتين', 'اللذين', 'اللواتي']);

/** «الممرات التي فتحتها القوات الأمنية», «المناطق التي يسيطر عليها التنظيم»: the subject of a verb in a
 * relative clause describes the noun before it; it is no party to the event unless the verb is an event
 * word or a role marker («الغارات التي شنها الطيران الروسي», «البلدة التي قصفها النظام»). */
function relativeSubject(ctx: DocContext, m: Mention<ActorValue>): boolean {
  const tok = (t: number) => ctx.a.tokens[t];
  const roleAt = (t: number) => ctx.ix.roles[m.sentence]!.some((r) => r.tokenStart <= t && t < r.tokenEnd);
  for (const verb of [m.tokenStart - 1, m.tokenStart - 2]) {
    const rel = tok(verb - 1);
    if (!rel || !RELATIVE.has(rel.norm) || ctx.clauseOf[verb - 1] !== ctx.clauseOf[m.tokenStart]) continue;
    if (ctx.triggerAtToken[verb] || roleAt(verb) || (verb < m.tokenStart - 1 && roleAt(verb + 1))) return false;
    // one preposition with its pronoun may stand between the verb and its subject («عليها»)
    if (verb === m.tokenStart - 2 && !/^(علي|في|من|ب|ل|عن)(ها|ه|هم|هما)$/.test(tok(verb + 1)!.norm)) continue;
    return tok(verb)!.arabic;
  }
  return false;
}

/** «لم يوقع القصف أي ضحايا في صفوف الأهالي»: people named after a denied casualty are not victims. */
function deniedVictims(ctx: DocContext, m: Mention<ActorValue>): boolean {
  if (m.value.side !== 'civilian') return false;
  const clause = ctx.clauseOf[m.tokenStart];
  return ctx.ix.cues[m.sentence]!.some((c) => {
    if (c.value.kind !== 'negation' || c.tokenEnd > m.tokenStart || m.tokenStart - c.tokenEnd > 7) return false;
    if (ctx.clauseOf[c.tokenStart] !== clause) return false;
    // the casualty noun may be the mention itself («لم يوقع أي ضحايا»)
    for (let t = c.tokenEnd; t < m.tokenEnd; t++) {
      const k = ctx.countNounAtToken[t]?.value.count;
      if (k === 'killed' || k === 'injured') return true;
    }
    return false;
  });
}

export function notAParty(ctx: DocContext, m: Mention<ActorValue>): boolean {
  return speaker(ctx, m) || relativeSubject(ctx, m) || deniedVictims(ctx, m);
}
