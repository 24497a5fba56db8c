// One incident → one row of ACLED's public columns, in ACLED's order. Fine types that ACLED folds
// together (execution → Attack, forced_recruitment → Other) travel in `tags` so an import of our
// own export gets them back.
import { ACLED_EVENT, type Incident, type IncidentType } from '../schema.ts';
import { acledActor, countryInfo, type AcledActor } from '../acled-coding/actors.ts';
import { acledActor1Id, UNNAMED_ACTOR1_TAG } from '../acled-coding/conventions.ts';
import { acledNotes } from './acled-notes.ts';
import { actorsByRole, eventDate, primaryLocation, round6, type ExportIncident } from './fields.ts';

export const ACLED_COLUMNS = [
  'event_id_cnty',
  'event_date',
  'year',
  'time_precision',
  'disorder_type',
  'event_type',
  'sub_event_type',
  'actor1',
  'assoc_actor_1',
  'inter1',
  'actor2',
  'assoc_actor_2',
  'inter2',
  'interaction',
  'civilian_targeting',
  'iso',
  'region',
  'country',
  'admin1',
  'admin2',
  'admin3',
  'location',
  'latitude',
  'longitude',
  'geo_precision',
  'source',
  'source_scale',
  'notes',
  'fatalities',
  'tags',
  'timestamp',
] as const;
export type AcledColumn = (typeof ACLED_COLUMNS)[number];
export type AcledRow = Record<AcledColumn, string | number>;

/** Tag prefix carrying our finer type; read back by the ACLED importer. */
export const TYPE_TAG = 'rasid_type=';

// ACLED's disorder types (2022 codebook): excessive force is both political violence and a
// demonstration; mob violence is political violence; other riots and protests are demonstrations.
export function disorderType(type: IncidentType): string {
  const ev = ACLED_EVENT[type]?.event_type;
  if (!ev) return '';
  if (type === 'excessive_force_against_protesters') return 'Political violence; Demonstrations';
  if (type === 'mob_violence') return 'Political violence';
  if (ev === 'Protests' || ev === 'Riots') return 'Demonstrations';
  if (ev === 'Strategic developments') return 'Strategic developments';
  return 'Political violence';
}

/** ACLED's interaction code: the two inter codes, smaller first; a lone actor gives inter×10. */
export function interaction(inter1: number, inter2: number): number {
  if (!inter1 && !inter2) return 0;
  if (!inter1 || !inter2) return (inter1 || inter2) * 10;
  return Math.min(inter1, inter2) * 10 + Math.max(inter1, inter2);
}

export interface AcledRowContext {
  /** the reporting outlet, when the caller knows it (document title or host) */
  source?: string;
  sourceScale?: string;
  /** keep this event id (an incident imported from ACLED keeps ACLED's) */
  eventId?: string;
  /** Unix seconds for `timestamp` when the incident has no updatedAt */
  now?: number;
}

function sideOf(actors: Incident['actors'], country: string | null) {
  const mapped: AcledActor[] = actors.map((a) => acledActor(a.id, country, a.name));
  const names: string[] = [];
  const assoc: string[] = [];
  let inter = 0;
  for (const m of mapped) {
    if (!names.length) {
      names.push(m.name);
      inter = m.inter;
    } else if (m.name !== names[0] && !assoc.includes(m.name)) assoc.push(m.name);
    if (m.assocOf && !assoc.includes(m.assocOf.name)) assoc.push(m.assocOf.name);
  }
  return { actor: names[0] ?? '', assoc: assoc.join('; '), inter };
}

function tagsOf(inc: Incident, unnamed: boolean): string {
  const tags = [`${TYPE_TAG}${inc.type}`];
  if (unnamed) tags.push(UNNAMED_ACTOR1_TAG);
  for (const m of inc.methods) tags.push(`method=${m.id}`);
  for (const a of inc.accusations) tags.push(`accusation=${a.id}`);
  for (const v of inc.violations) tags.push(`violation=${v}`);
  return tags.join('; ');
}

function unixSeconds(iso: string | undefined, fallback: number): number {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(t) ? Math.floor(t / 1000) : fallback;
}

export function toAcledRow(inc: ExportIncident, ctx: AcledRowContext = {}): AcledRow {
  const loc = primaryLocation(inc);
  const country = countryInfo(loc?.country ?? null);
  const cc = country?.iso2 ?? loc?.country ?? null;
  const first = acledActor1Id(inc);
  const unnamed = first?.unnamed ?? false;
  const side1 = sideOf(
    unnamed && first ? [{ role: 'perpetrator', id: first.id, name: '', span: null }] : actorsByRole(inc, 'perpetrator'),
    cc,
  );
  const side2 = sideOf(actorsByRole(inc, 'victim', 'target'), cc);
  const acled = inc.acled ?? ACLED_EVENT[inc.type];
  const date = eventDate(inc);
  const killed = inc.counts.killed?.value ?? 0;
  return {
    event_id_cnty: ctx.eventId ?? `${country?.iso3 ?? 'XXX'}-${inc.id}`,
    event_date: date ?? '',
    year: date ? Number(date.slice(0, 4)) : '',
    time_precision: inc.time?.precision ?? '',
    disorder_type: disorderType(inc.type),
    event_type: acled?.event_type ?? '',
    sub_event_type: acled?.sub_event_type ?? '',
    actor1: side1.actor,
    assoc_actor_1: side1.assoc,
    inter1: side1.inter,
    actor2: side2.actor,
    assoc_actor_2: side2.assoc,
    inter2: side2.inter,
    interaction: interaction(side1.inter, side2.inter),
    civilian_targeting: side2.inter === 7 && acled && acled.event_type !== 'Protests' ? 'Civilian targeting' : '',
    iso: country?.numeric ?? '',
    region: country?.region ?? '',
    country: country?.name ?? loc?.country ?? '',
    admin1: loc?.admin1 ?? '',
    admin2: loc?.admin2 ?? '',
    admin3: loc?.admin3 ?? '',
    location: loc?.name ?? '',
    latitude: loc?.lat != null ? round6(loc.lat) : '',
    longitude: loc?.lon != null ? round6(loc.lon) : '',
    geo_precision: loc?.precision ?? '',
    source: ctx.source ?? '',
    source_scale: ctx.sourceScale ?? '',
    notes: acledNotes(inc),
    fatalities: Math.round(killed),
    tags: tagsOf(inc, unnamed),
    timestamp: unixSeconds(inc.updatedAt, ctx.now ?? Math.floor(Date.now() / 1000)),
  };
}
