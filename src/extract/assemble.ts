// Frames → contract incidents: ids, ACLED pair, violations by type, counts with spans, confidence,
// summary, and the doubts met on the way as issues.
import { createHash, hash } from 'node:crypto';
import type { Count, CountKey, ExtractionIssue, Incident, IncidentType, Method, Violation } from '../schema.ts';
import { acledFor } from '../taxonomy.ts';
import type { DocContext } from './context.ts';
import type { Frame } from './frames.ts';
import type { PlaceMention } from '../geo/types.ts';
import { toLocation } from '../geo/find-places.ts';
import { summarize } from './summary.ts';

const TYPE_VIOLATIONS: Partial<Record<IncidentType, Violation[]>> = {
  execution: ['execution'],
  arrests: ['arbitrary_detention'],
  abduction: ['arbitrary_detention'],
  displacement: ['forced_displacement'],
  forced_recruitment: ['forced_recruitment'],
  forced_labour: ['forced_labour'],
  sexual_violence: ['sexual_violence'],
  looting: ['looting'],
};

const CIVILIAN_HARM: ReadonlySet<IncidentType> = new Set<IncidentType>([
  'air_strike',
  'shelling',
  'explosive_device',
  'suicide_bomb',
  'chemical_weapon',
  'grenade',
  'attack',
  'excessive_force_against_protesters',
]);

const CIVILIAN_IDS = new Set(['civilians', 'journalists', 'aid_workers', 'protesters']);

function daysBefore(iso: string, n: number): string {
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
}

/**
 * The incident's places: the most specific one, and the places listed beside it at the same level
 * («استهدف القصف بلدات سرمين والنيرب وآفس»: three towns, not the governorate named after them).
 */
function wide(k: string): boolean {
  return k === 'governorate' || k === 'country' || k === 'district';
}

/** «كالميادين والبوكمال»: in Arabic lists a sub-district named among towns is its seat town (Latin-script
 * names are resolved by their own rules) */
function settlement(k: string, arabic = false): boolean {
  return k === 'village' || k === 'town' || k === 'city' || (arabic && k === 'subdistrict');
}

const ARABIC = /[\u0600-\u06ff]/;

function placeRank(p: PlaceMention): number {
  return p.entry ? p.precision * 10 + (KIND_RANK[p.entry.kind] ?? 9) : 99;
}

/** Whether a and b stand next to each other in a list joined by «و» (the later one carries place.listed). */
function listedWith(a: PlaceMention, b: PlaceMention, places: PlaceMention[]): boolean {
  const [x, y] = a.tokenStart < b.tokenStart ? [a, b] : [b, a];
  const i = places.indexOf(y);
  return i > 0 && places[i - 1] === x && y.rule.includes('place.listed');
}

export function incidentPlaces(places: PlaceMention[]): PlaceMention[] {
  const best = bestPlace(places);
  if (!best?.entry) return best ? [best] : [];
  const out = [best];
  for (const p of places) {
    if (out.length >= 5) break;
    if (!p.entry || out.some((q) => q.entry?.id === p.entry!.id)) continue;
    // siblings only: «حي البدو وسط مدينة الرقة» names the quarter; the city around it is no second place
    const arabic = ARABIC.test(p.text);
    const sibling =
      p.entry.kind === best.entry.kind || (settlement(p.entry.kind, arabic) && settlement(best.entry.kind, arabic));
    // «محيط مدينة إدلب وقرية كنصفرة»: a place listed with the best one by «و» is a place of the incident at
    // its own precision
    const listed = arabic && listedWith(p, best, places);
    if ((p.precision !== best.precision && !listed) || wide(p.entry.kind) !== wide(best.entry.kind) || !sibling)
      continue;
    if (Math.abs(p.tokenStart - best.tokenStart) > 12) continue;
    // «حي الزهراء بحمص»: the city named as the quarter's parent only locates it
    if (arabic && out.some((q) => q.parentStart === p.tokenStart)) continue;
    out.push(p);
  }
  return out.sort((x, y) => x.tokenStart - y.tokenStart);
}

export function incidentId(docId: string, type: string, span: [number, number]): string {
  const key = `${docId}\u0000${type}\u0000${span[0]}:${span[1]}`;
  // the one-shot crypto.hash (Node ≥ 20.12) is a few times cheaper than a Hash object per incident
  if (typeof hash === 'function') return hash('sha1', key).slice(0, 16);
  return createHash('sha1').update(key).digest('hex').slice(0, 16);
}

function violations(f: Frame): Violation[] {
  const v = new Set<Violation>(f.violations);
  for (const x of TYPE_VIOLATIONS[f.type] ?? []) v.add(x);
  const civilianVictims = f.actors.some((a) => a.role !== 'perpetrator' && CIVILIAN_IDS.has(a.id) && !a.carried);
  if (CIVILIAN_HARM.has(f.type) && civilianVictims) v.add('attack_on_civilians');
  if (!CIVILIAN_HARM.has(f.type)) v.delete('attack_on_civilians');
  if (!CIVILIAN_HARM.has(f.type) || !civilianVictims) v.delete('attack_on_infrastructure');
  // a coercion or recruitment aimed at fighters is not a violation against children unless said
  if (f.type === 'group_change' || f.type === 'armed_clash') v.clear();
  return [...v].sort();
}

export function confidence(f: Frame): number {
  let c = f.weight * 0.6;
  if (f.actors.some((a) => a.role === 'perpetrator' && !a.carried)) c += 0.12;
  if (Object.keys(f.counts).length || f.combined) c += 0.1;
  if (f.places.length) c += 0.06;
  if (f.time && !f.rules.includes('time:paragraph')) c += 0.04;
  if (f.triggers.length > 1) c += 0.05;
  // casualty words alone name an attack only when someone is named as doing it
  if (f.eventTriggers === 0 && !f.actors.some((a) => a.role === 'perpetrator' && !a.carried)) c *= 0.75;
  if (f.lowered.length) c *= 0.5;
  return Math.round(Math.min(0.95, Math.max(0.05, c)) * 100) / 100;
}

const KIND_RANK: Record<string, number> = {
  quarter: 0,
  site: 1,
  village: 2,
  town: 3,
  city: 4,
  subdistrict: 5,
  district: 6,
  governorate: 7,
  country: 8,
};

/** The most specific place of the incident (annotation.md): a quarter or village before its city, a
 * city before «دير الزور وريفها»; parents named beside it only locate it. */
export function bestPlace(places: PlaceMention[]): PlaceMention | null {
  let best: PlaceMention | null = null;
  for (const p of places) if (!best || placeRank(p) < placeRank(best)) best = p;
  return best;
}

/** Written out rather than spread: the spread of an optional `group` was a visible cost per actor. */
function incidentActor(a: Frame['actors'][number]): Incident['actors'][number] {
  return a.group
    ? { role: a.role, id: a.id, name: a.name, group: a.group, span: a.span }
    : { role: a.role, id: a.id, name: a.name, span: a.span };
}

/** «استهدف الطيران الحربي بالصواريخ»: in an air strike a word may name another method (methods.txt `if_air`). */
function methodsOf(ctx: DocContext, f: Frame): Incident['methods'] {
  const out = new Map<Method, [number, number] | null>();
  for (const [id, span] of f.methods) {
    const m = f.type === 'air_strike' ? (ctx.lex.airMethods.get(id) ?? id) : id;
    if (!out.has(m)) out.set(m, span);
  }
  return [...out].map(([id, span]) => ({ id, span }));
}

export function toIncident(ctx: DocContext, docId: string, f: Frame): Incident {
  const counts: Partial<Record<CountKey, Count>> = {};
  for (const k of Object.keys(f.counts) as CountKey[]) {
    const c = f.counts[k];
    if (!c) continue;
    counts[k] = {
      value: c.q.value,
      min: c.q.min,
      max: c.q.max,
      approximate: c.q.approximate,
      text: c.q.text,
      span: [c.q.rawStart, c.q.rawEnd],
    };
  }
  const evidence = f.evidence.map((span) => ({ span }));
  const issues: ExtractionIssue[] = [...f.issues];
  if (!f.actors.some((a) => a.role === 'perpetrator'))
    issues.push({
      code: 'actor.no_perpetrator',
      stage: 'roles',
      message: 'no perpetrator named near the trigger',
      span: null,
    });
  if (f.lowered.length)
    issues.push({
      code: 'cue.lowered',
      stage: 'cues',
      message: `confidence lowered by ${f.lowered.join(', ')} wording`,
      span: null,
    });
  // the gazetteer's doubts about the chosen place (ambiguous names, unresolved places) travel with it
  const place = bestPlace(f.places);
  for (const i of place?.issues ?? []) issues.push({ code: i.code, stage: i.stage, message: i.message, span: i.span });
  if (f.eventTriggers === 0)
    issues.push({
      code: 'type.from_casualties',
      stage: 'frames',
      message: 'only casualty words name this event; type assumed',
      span: null,
    });
  let time: Incident['time'] = null;
  if (f.time)
    time = {
      start: f.time.start,
      end: f.time.end,
      precision: f.time.precision,
      text: f.time.text,
      span: [f.time.rawStart, f.time.rawEnd],
      anchored: f.time.anchored,
    };
  else if (ctx.published && !f.earlier) {
    // news reports tell events of the days before publication; the week up to it, flagged as assumed
    time = {
      start: daysBefore(ctx.published, 6),
      end: ctx.published,
      precision: 2,
      text: null,
      span: null,
      anchored: true,
    };
    issues.push({
      code: 'time.from_published',
      stage: 'time',
      message: 'no date in the text; the week before publication is assumed',
      span: null,
    });
  }
  const inc: Incident = {
    id: incidentId(docId, f.type, f.evidence[0]!),
    type: f.type,
    acled: acledFor(f.type),
    violations: violations(f),
    actors: f.actors.map(incidentActor),
    locations: incidentPlaces(f.places).map(toLocation),
    time,
    counts,
    methods: methodsOf(ctx, f),
    accusations: [...f.accusations].map(([id, span]) => ({ id, span })),
    attribution: f.attribution,
    evidence,
    summary_en: '',
    confidence: confidence(f),
    issues,
    rules: f.rules,
  };
  inc.summary_en = summarize(inc);
  return inc;
}
