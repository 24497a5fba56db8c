// One incident per event (annotation.md): frames of the body that tell the same event — the same
// type, no new place, no conflicting figure, no other perpetrator — are merged, inside a sentence and
// across the report. A frame with nothing of its own (no figure, place or time) joins the last one
// of its type in its paragraph; a frame named as a cause («نتيجة … الإعدامات») joins an earlier one
// anywhere in the report. Recalled earlier events («في وقت سابق») never merge. Headlines are joined
// to the events they announce later, by the document-level event layer (events.ts).
import type { CountKey } from '../schema.ts';
import type { DocContext } from './context.ts';
import type { Frame } from './frames.ts';
import { absorbs, retold } from './type-policy.ts';
import { frameCountKey } from './arguments.ts';
import { bestPlace } from './assemble.ts';
import { distanceKm } from '../geo/find-places.ts';
import type { GazetteerEntry, PlaceMention } from '../geo/types.ts';
import { englishKey } from '../geo/gazetteer.ts';
import { ACLED_EVENT } from '../taxonomy.ts';

function placeKey(p: Frame['places'][number]): string {
  return p.entry?.id ?? p.text;
}

/** Same place, a place within 25 km, or one inside the other («حي الفردوس» in «حلب»). */
function samePlace(p: PlaceMention, q: PlaceMention): boolean {
  if (placeKey(p) === placeKey(q)) return true;
  const a = p.entry;
  const b = q.entry;
  if (!a || !b) return false;
  if (a.country !== b.country) return false;
  if (wideEntry(a) && (a.kind === 'country' || (a.admin1 === b.admin1 && inDistrict(a, b)))) return true;
  if (wideEntry(b) && (b.kind === 'country' || (b.admin1 === a.admin1 && inDistrict(b, a)))) return true;
  // «الشدادي جنوب الحسكة»: a place given by direction or as a region only locates; allow more room
  return distanceKm(a, b) <= (p.precision === 1 && q.precision === 1 ? 25 : 60);
}

/** «قرى تابعة لقضاء زاخو» after a strike near «كاني ماسي» (another district of Duhok): a district holds
 * a place of its own district (same admin2, or within 40 km of its seat where the spellings differ),
 * not every place of its governorate. */
function inDistrict(d: GazetteerEntry, e: GazetteerEntry): boolean {
  if (d.kind !== 'district' || !d.admin2 || !e.admin2) return true;
  return englishKey(d.admin2) === englishKey(e.admin2) || distanceKm(d, e) <= 40;
}

function wideEntry(e: { kind: string }): boolean {
  return e.kind === 'country' || e.kind === 'governorate' || e.kind === 'district';
}

function specific(f: Frame): Set<string> {
  return new Set(f.triggers.filter((t) => !t.value.generic && !t.value.outcome).map((t) => t.value.id));
}

/** A ban on salaries and forced religious courses are two measures; «منع» and «فرض» name neither. */
export function measuresDiffer(a: Frame, b: Frame): boolean {
  if (a.type !== 'coercion' || b.type !== 'coercion') return false;
  const sa = specific(a);
  const sb = specific(b);
  return sa.size > 0 && sb.size > 0 && ![...sb].some((x) => sa.has(x));
}

/** Compared on each frame's own place (the most specific one): «بادية الميادين شرقي دير الزور»
 * names Mayadin; Deir ez-Zor there only locates it. */
export function placesCompatible(a: Frame, b: Frame): boolean {
  const pb = bestPlace(b.places.filter((p) => p.entry));
  if (!pb || !a.places.some((p) => p.entry)) return true;
  // a district («قرى تابعة لقضاء زاخو») is not matched through the governorate that only locates the
  // other frame's finer places («قرب ناحية كاني ماسي في قضاء العمادية بمحافظة دهوك»)
  const finer =
    pb.entry!.kind === 'district'
      ? a.places.filter((q) => q.entry && q.entry.kind !== 'governorate' && q.entry.kind !== 'country')
      : [];
  return (finer.length ? finer : a.places).some((q) => q.entry && samePlace(pb, q));
}

function countsCompatible(a: Frame, b: Frame): boolean {
  for (const k of Object.keys(b.counts) as CountKey[]) {
    const x = a.counts[k];
    const y = b.counts[k];
    if (!x || !y) continue;
    if (x.q.kind === 'vague' || y.q.kind === 'vague') continue;
    if (x.q.value !== y.q.value && !(b.update && y.q.value > x.q.value)) return false;
  }
  return true;
}

function perpetrators(f: Frame): Set<string> {
  return new Set(f.actors.filter((a) => a.role === 'perpetrator' && !a.carried).map((a) => a.id));
}

/** Nothing of its own: no figure (its places and time were already found compatible). */
function bare(f: Frame): boolean {
  return Object.keys(f.counts).length === 0;
}

export function timesCompatible(a: Frame, b: Frame): boolean {
  if (!a.time?.start || !b.time?.start || !a.time.end || !b.time.end) return true;
  return a.time.start <= b.time.end && b.time.start <= a.time.end;
}

function outcomeOnly(f: Frame): boolean {
  return f.eventTriggers === 0;
}

export function compatible(ctx: DocContext, a: Frame, b: Frame): boolean {
  if (b.earlier && (a.sentence !== b.sentence || !a.earlier)) return false;
  // «كما شنت الطائرات غارات مماثلة على …»: told as one more event, not the last one again
  if (b.another && a.sentence !== b.sentence) return false;
  // one type swallowing another («اعتقال … واقتيادهم إلى جهة مجهولة») holds only close by
  const absorbed =
    (absorbs(a.type, b.type) || absorbs(b.type, a.type)) &&
    (a.sentence === b.sentence || b.reference || (near(a, b) && retold(a.type, b.type)));
  // «وتبنى تنظيم داعش الهجوم»: a definite general word («الهجوم») refers to the event just told
  const generalReference =
    b.definite && bare(b) && b.triggers.every((t) => t.value.outcome || t.value.weight < 0.6) && near(a, b);
  // «"They came in two trucks and opened fire on our men," the commander said»: a quote right after an
  // event, with no figure or place of its own, retells it in the speaker's words, whatever it calls it
  const quote = b.quoted && bare(b) && b.places.length === 0 && !b.earlier && !b.another && near(a, b);
  const typeOk = a.type === b.type || absorbed || outcomeOnly(b) || generalReference || quote;
  if (!typeOk) return false;
  if (quote && a.sentence !== b.sentence) return timesCompatible(a, b);
  // a casualty sentence after the event («بين الضحايا ثلاثة قتلى من عائلة واحدة») details it
  if (outcomeOnly(b) && !b.reference)
    return near(a, b) && b.places.every((p) => a.places.some((q) => placeKey(q) === placeKey(p)));
  if (measuresDiffer(a, b)) return false;
  if (!placesCompatible(a, b) || !timesCompatible(a, b)) return false;
  const pa = perpetrators(a);
  const pb = perpetrators(b);
  if (pa.size && pb.size && ![...pb].every((x) => pa.has(x))) return false;
  if (b.reference || (b.definite && bare(b) && b.eventTriggers > 0)) return true;
  if (generalReference) return true;
  if (!countsCompatible(a, b)) return false;
  // «اندلعت اشتباكات …» then «وأسفر الاقتتال عن مقتل 3»: a definite mention of the same type in the
  // next sentences, with figures the event does not have yet, is that event's toll
  if (b.definite && b.eventTriggers > 0 && a.type === b.type && next(a, b) && bare(a)) return true;
  // a bare mention by the same named perpetrator close by is the same campaign («عمليات اعتقال واسعة»)
  if (bare(b) && pb.size && [...pb].every((x) => pa.has(x)) && near(a, b)) return true;
  const sameParagraph = a.paragraph === b.paragraph;
  if (a.sentence === b.sentence) {
    // two clauses of one sentence: joined only when the second adds nothing that conflicts
    if (a.type !== b.type && !outcomeOnly(b) && !absorbs(a.type, b.type) && !absorbs(b.type, a.type)) return false;
    const between = (kind: string) =>
      ctx.ix.cues[a.sentence]!.some(
        (c) =>
          c.value.kind === kind && c.tokenStart > a.triggers[0]!.tokenStart && c.tokenStart < b.triggers[0]!.tokenStart,
      );
    // «أعدم التنظيم سبعة رجال …، رمياً بالرصاص»: a weapon with no event word of its own is the means
    // of the event its type is absorbed by, whatever stands between them
    if (b.triggers.every((t) => t.value.instrument || t.value.outcome) && absorbs(a.type, b.type)) return true;
    if (between('separator')) return false;
    return !between('contrast') || (bare(b) && b.places.length === 0);
  }
  if (sameParagraph) return bare(b) || bare(a) || countsOverlap(a, b) || countsRefine(a, b);
  // «وذكر مصدر في الشرطة أن المسلحين أطلقوا عدة قذائف» on the next line: the same kind of event with no
  // figure, doer or new place of its own, right after the event, retells it
  if (a.type === b.type && bare(b) && !b.earlier && pb.size === 0 && next(a, b) && noOtherPlace(a, b)) return true;
  // the next lines of a one-sentence-per-line report: joined when they add a figure to the same event
  if (near(a, b) && Object.keys(b.counts).length > 0 && Object.keys(a.counts).length > 0)
    return countsOverlap(a, b) || countsRefine(a, b);
  return false;
}

/** Reports that put one sentence per line: the next two sentences still tell the same event. */
function near(a: Frame, b: Frame): boolean {
  const last = Math.max(...a.triggers.map((t) => t.sentence));
  return b.sentence - last <= 2;
}

/** One figure vague, the other exact («العشرات» then «أكثر من 50»): the later one refines it. */
function countsRefine(a: Frame, b: Frame): boolean {
  const ka = Object.keys(a.counts) as CountKey[];
  const kb = Object.keys(b.counts) as CountKey[];
  if (ka.length === 0 || kb.length === 0) return true;
  return kb.every((k) => !a.counts[k] || a.counts[k].q.kind === 'vague' || b.counts[k]!.q.kind === 'vague');
}

function countsOverlap(a: Frame, b: Frame): boolean {
  for (const k of Object.keys(b.counts) as CountKey[])
    if (a.counts[k] && b.counts[k] && a.counts[k].q.value === b.counts[k].q.value) return true;
  return false;
}

export function mergeInto(a: Frame, b: Frame): void {
  // the absorbed type's figure is the absorbing type's («اعتقلت نحو 30» in an abduction → abducted)
  const ka = frameCountKey(a);
  const kb = frameCountKey(b);
  if (ka && kb && ka !== kb && b.eventTriggers > 0 && b.counts[kb]) {
    if (absorbs(a.type, b.type) && (!a.counts[ka] || a.counts[ka].q.kind === 'vague')) a.counts[ka] = b.counts[kb];
    // «داهمت عصابة خياماً، واختطفت طفلين»: the absorbing type's own figure stays under its own key
    if (!(a.eventTriggers > 0 && absorbs(b.type, a.type))) delete b.counts[kb];
  }
  // «وارتفعت حصيلة القتلى إلى 20»: the latest toll wins
  if (b.update)
    for (const k of Object.keys(b.counts) as CountKey[]) {
      const x = a.counts[k];
      const y = b.counts[k]!;
      if (x && x.q.kind !== 'vague' && y.q.kind !== 'vague' && y.q.value > x.q.value) {
        a.counts[k] = y;
        delete b.counts[k];
      }
    }
  if (b.eventTriggers === 0) for (const k of Object.keys(b.counts) as CountKey[]) if (a.counts[k]) delete b.counts[k];
  for (const t of b.triggers) a.triggers.push(t);
  a.eventTriggers += b.eventTriggers;
  a.weight = Math.max(a.weight, b.weight);
  if (
    a.eventTriggers > 0 &&
    b.eventTriggers > 0 &&
    b.type !== a.type &&
    absorbs(b.type, a.type) &&
    !stoppedHarm(b, a)
  ) {
    // «اعتقلت نحو عشرين شاباً … واقتادتهم إلى جهة مجهولة»: the arrested are the abducted
    const before = ka;
    a.type = b.type;
    const after = frameCountKey(a);
    if (before && after && before !== after && a.counts[before] && !a.counts[after]) {
      a.counts[after] = a.counts[before];
      delete a.counts[before];
    }
  }
  for (const c of b.clauses) a.clauses.add(c);
  for (const x of b.actors) if (!a.actors.some((y) => y.role === x.role && y.id === x.id)) a.actors.push(x);
  const headline = b.heading && Object.keys(a.counts).length > 0;
  for (const k of Object.keys(b.counts) as CountKey[]) {
    if (headline) break;
    const y = b.counts[k];
    const x = a.counts[k];
    if (y && (!x || (x.q.kind === 'vague' && y.q.kind !== 'vague'))) a.counts[k] = y;
  }
  for (const [k, v] of b.methods) if (!a.methods.has(k)) a.methods.set(k, v);
  for (const [k, v] of b.accusations) if (!a.accusations.has(k)) a.accusations.set(k, v);
  for (const v of b.violations) a.violations.add(v);
  // a headline or a passing reference adds no place to an event already placed
  // … unless the event is placed only by its region and the mention names a town inside it («المعارك في
  // ريف حلب الغربي» then «أسفر الاقتتال في محيط مدينة الأتارب عن مقتل 6»)
  const regional = a.places.length > 0 && a.places.every((p) => p.precision === 3);
  const inside = (p: PlaceMention) => p.precision < 3 && a.places.some((q) => samePlace(p, q));
  if (a.places.length === 0 || !(b.heading || b.reference || b.definite) || (regional && b.places.some(inside)))
    for (const p of b.places) if (!a.places.some((q) => placeKey(q) === placeKey(p))) a.places.push(p);
  if (!a.time && b.time) a.time = b.time;
  if (!a.attribution && b.attribution) a.attribution = b.attribution;
  for (const e of b.evidence) a.evidence.push(e);
  // a hedge or a «after the attack» in a later sentence that retells the event does not weaken the
  // event as first told; inside one sentence the wording covers both
  if (b.sentence === a.sentence || a.lowered.length)
    for (const l of b.lowered) if (!a.lowered.includes(l)) a.lowered.push(l);
  a.rules.push(`merged:s${b.sentence}`);
  for (const r of b.rules) if (!a.rules.includes(r)) a.rules.push(r);
  a.fightersVictim ||= b.fightersVictim;
  a.combined ??= b.combined;
}

/** A cause named before the event it refers to («هرباً من القصف الروسي … وكانت الطائرات شنت 40 غارة»)
 * joins the first later frame of its type that fits. */
function forwardReferences(ctx: DocContext, frames: Frame[], merges: Array<{ into: number; from: number }>): Frame[] {
  const out = [...frames];
  for (const f of frames) {
    if (!f.reference || !bare(f) || !out.includes(f)) continue;
    const later = out.find(
      (g) =>
        g !== f &&
        g.triggers[0]!.tokenStart > f.triggers[0]!.tokenStart &&
        g.type === f.type &&
        !measuresDiffer(g, f) &&
        placesCompatible(g, f),
    );
    if (!later) continue;
    mergeInto(later, f);
    merges.push({ into: later.key, from: f.key });
    out.splice(out.indexOf(f), 1);
  }
  return out;
}

/**
 * «أعدم أكثر من 54 شخصاً … مشيراً إلى أن عناصره أعدموا ثمانية رجال بفصل الرأس وإطلاق النار»: the
 * smaller event told after a larger one of its type in the same sentence is part of it, so its
 * methods and charges are the larger event's too.
 */
function shareDetails(frames: Frame[]): void {
  for (const a of frames) {
    for (const b of frames) {
      if (
        a === b ||
        a.sentence !== b.sentence ||
        a.type !== b.type ||
        b.triggers[0]!.tokenStart < a.triggers[0]!.tokenStart
      )
        continue;
      const k = frameCountKey(a);
      const x = k ? a.counts[k] : undefined;
      const y = k ? b.counts[k] : undefined;
      if (!x || !y || x.q.value <= y.q.value) continue;
      for (const [m, span] of b.methods) if (!a.methods.has(m)) a.methods.set(m, span);
      for (const [m, span] of b.accusations) if (!a.accusations.has(m)) a.accusations.set(m, span);
    }
  }
}

/** Merge frames in document order; returns the survivors and what joined what (for --trace). */
export function mergeFrames(
  ctx: DocContext,
  frames: Frame[],
): { frames: Frame[]; merges: Array<{ into: number; from: number }> } {
  const out: Frame[] = [];
  const merges: Array<{ into: number; from: number }> = [];
  for (const f of frames) {
    let target: Frame | null = null;
    // the nearest 60 frames: events told further apart are merged only as references or headlines
    const floor = f.reference || f.definite ? 0 : Math.max(0, out.length - 60);
    for (let i = out.length - 1; i >= floor; i--) {
      if (compatible(ctx, out[i]!, f)) {
        target = out[i]!;
        break;
      }
    }
    if (target) {
      mergeInto(target, f);
      merges.push({ into: target.key, from: f.key });
    } else out.push(f);
  }
  const survivors = forwardReferences(ctx, out, merges);
  shareDetails(survivors);
  return { frames: survivors, merges };
}

/** The sentence right after the event's last word. */
function next(a: Frame, b: Frame): boolean {
  return b.sentence - Math.max(...a.triggers.map((t) => t.sentence)) === 1;
}

/** «الدفاعات الجوية تتصدى لعدوان» over a strike that killed two: a development that stops weapons
 * (ACLED's strategic developments) does not swallow a violent event that killed or wounded. */
function stoppedHarm(b: Frame, a: Frame): boolean {
  return ACLED_EVENT[b.type]?.event_type === 'Strategic developments' && (!!a.counts.killed || !!a.counts.injured);
}

/** Every place of b is one of a's, or a region («ريف اللاذقية») that may hold them. */
function noOtherPlace(a: Frame, b: Frame): boolean {
  return b.places.every((p) => a.places.some((q) => placeKey(q) === placeKey(p)) || (p.entry && wideEntry(p.entry)));
}
