// One ACLED row → a reference document (the row's notes) and its one incident, so an analyst can
// set ACLED's coding beside ours. Names are mapped back through the actor table; a name it does
// not know is kept under a slug id with an issue saying so, never dropped.
import {
  ACCUSATIONS,
  ACLED_EVENT,
  INCIDENT_TYPES,
  METHODS,
  VIOLATIONS,
  type Actor,
  type Extraction,
  type ExtractionIssue,
  type Incident,
  type IncidentType,
} from '../schema.ts';
import type { DocumentInput } from '../store/types.ts';
import { actorIdFromAcled, assocParent, countryInfo } from '../acled-coding/actors.ts';
import { parseAcledDate, type AcledRecord } from './parse.ts';
import { ACLED_IMPORT_RULE, ACLED_SOURCE_PREFIX, UNNAMED_ACTOR1_TAG } from '../acled-coding/conventions.ts';
import { RasidError } from '../errors.ts';

// Where ACLED folds several of our types into one pair, the broadest of ours stands for it.
const PREFERRED: Partial<Record<string, IncidentType>> = {
  'Violence against civilians|Attack': 'attack',
  'Strategic developments|Other': 'coercion',
};

export function typeFromAcled(eventType: string, subEventType: string, tags = ''): IncidentType | null {
  const tagged = /(?:^|;\s*)rasid_type=([a-z_]+)/.exec(tags)?.[1];
  if (tagged && (INCIDENT_TYPES as readonly string[]).includes(tagged)) return tagged as IncidentType;
  const key = `${eventType.trim()}|${subEventType.trim()}`;
  if (PREFERRED[key]) return PREFERRED[key];
  for (const t of INCIDENT_TYPES) {
    const a = ACLED_EVENT[t];
    if (a && `${a.event_type}|${a.sub_event_type}` === key) return t;
  }
  return null;
}

function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_|_$/g, '') || 'unknown'
  );
}

function splitNames(s: string | undefined): string[] {
  return (s ?? '')
    .split(';')
    .map((x) => x.trim())
    .filter(Boolean);
}

function sideActors(primary: string, assoc: string, role: Actor['role'], issues: ExtractionIssue[]): Actor[] {
  const out: Actor[] = [];
  const names = [primary, ...splitNames(assoc)].filter(Boolean);
  for (const name of names) {
    const m = actorIdFromAcled(name);
    if (!m)
      issues.push({
        code: 'acled.actor-unmapped',
        stage: 'acled',
        message: `no Rasid actor id for ACLED actor "${name}"`,
        span: null,
      });
    const actor: Actor = { role, id: m?.id ?? slug(name), name, span: null, ...(m?.group ? { group: m.group } : {}) };
    // ACLED codes journalists as Civilians with an associated actor: ours has the finer id
    const parent = assocParent(actor.id);
    const parentAt = parent ? out.findIndex((a) => a.id === parent) : -1;
    const parentActor = out[parentAt];
    if (parentActor) out[parentAt] = { ...actor, name: parentActor.name };
    else if (!out.some((a) => a.id === actor.id)) out.push(actor);
  }
  return out;
}

function tagValues(tags: string, key: string): string[] {
  const out: string[] = [];
  for (const part of splitNames(tags)) {
    const m = /^([a-z_]+)=(.+)$/.exec(part);
    if (m && m[1] === key) out.push(m[2]!.trim());
  }
  return out;
}

function num(s: string | undefined): number | null {
  if (s === undefined || s.trim() === '') return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

export interface AcledReference {
  document: DocumentInput;
  extraction: Omit<Extraction, 'document'> & { document: Extraction['document'] };
}

export class AcledRowError extends RasidError {
  declare readonly code: 'acled.row';
  constructor(code: 'acled.row', message: string) {
    super(code, message);
  }
}

/** The document and incident for one ACLED row; throws AcledRowError when the row has no usable date or type. */
export function referenceFromAcled(row: AcledRecord): AcledReference {
  const eventId = (row.event_id_cnty ?? '').trim();
  if (!eventId) throw new AcledRowError('acled.row', 'row without event_id_cnty');
  const date = parseAcledDate(row.event_date ?? '');
  if (!date)
    throw new AcledRowError(
      'acled.row',
      `${eventId}: expected an event_date like 2020-05-09 or 9-May-20, found "${row.event_date}"`,
    );
  const tags = row.tags ?? '';
  const type = typeFromAcled(row.event_type ?? '', row.sub_event_type ?? '', tags);
  if (!type)
    throw new AcledRowError('acled.row', `${eventId}: unknown event type "${row.event_type} / ${row.sub_event_type}"`);

  const issues: ExtractionIssue[] = [];
  const inter2 = num(row.inter2);
  // the second side are victims when ACLED codes them as civilians or protesters, else the target
  const role2: Actor['role'] = inter2 === 7 || inter2 === 6 ? 'victim' : 'target';
  const actors = [
    // an actor1 we filled in only because ACLED requires one is not part of our coding
    ...(tags.includes(UNNAMED_ACTOR1_TAG)
      ? []
      : sideActors(row.actor1 ?? '', row.assoc_actor_1 ?? '', 'perpetrator', issues)),
    ...sideActors(row.actor2 ?? '', row.assoc_actor_2 ?? '', role2, issues),
  ];
  const country = countryInfo(row.iso3 || row.country || row.iso);
  const lat = num(row.latitude);
  const lon = num(row.longitude);
  const geoPrecision = num(row.geo_precision);
  const timePrecision = num(row.time_precision);
  const fatalities = num(row.fatalities) ?? 0;
  const notes = row.notes ?? '';

  const methods = tagValues(tags, 'method').filter((m): m is (typeof METHODS)[number] =>
    (METHODS as readonly string[]).includes(m),
  );
  const accusations = tagValues(tags, 'accusation').filter((a): a is (typeof ACCUSATIONS)[number] =>
    (ACCUSATIONS as readonly string[]).includes(a),
  );
  const violations = tagValues(tags, 'violation').filter((v): v is (typeof VIOLATIONS)[number] =>
    (VIOLATIONS as readonly string[]).includes(v),
  );

  const incident: Incident = {
    id: `acled-${eventId}`,
    type,
    acled: ACLED_EVENT[type],
    violations: [...new Set(violations)],
    actors,
    locations:
      row.location || lat !== null
        ? [
            {
              name: row.location ?? '',
              name_ar: null,
              gazetteer_id: null,
              lat: lat !== null && lat >= -90 && lat <= 90 ? lat : null,
              lon: lon !== null && lon >= -180 && lon <= 180 ? lon : null,
              country: country?.iso2 ?? null,
              admin1: row.admin1 || null,
              admin2: row.admin2 || null,
              admin3: row.admin3 || null,
              kind: null,
              role: 'location',
              precision: geoPrecision === 1 || geoPrecision === 2 || geoPrecision === 3 ? geoPrecision : null,
              span: null,
            },
          ]
        : [],
    time: {
      start: date,
      end: date,
      precision: timePrecision === 1 || timePrecision === 2 || timePrecision === 3 ? timePrecision : null,
      text: null,
      span: null,
      anchored: true,
    },
    // ACLED codes «no fatalities» as 0: we code it as no killed count
    counts:
      fatalities > 0
        ? {
            killed: {
              value: fatalities,
              min: fatalities,
              max: fatalities,
              approximate: false,
              text: String(fatalities),
              span: null,
            },
          }
        : {},
    methods: [...new Set(methods)].map((id) => ({ id, span: null })),
    accusations: [...new Set(accusations)].map((id) => ({ id, span: null })),
    attribution: row.source ? { text: row.source, span: null } : null,
    evidence: notes ? [{ span: [0, notes.length] }] : [],
    summary_en: notes,
    confidence: 1,
    issues,
    rules: [ACLED_IMPORT_RULE],
  };
  const document: DocumentInput = {
    sourceKey: `${ACLED_SOURCE_PREFIX}${eventId}`,
    url: null,
    title: `ACLED ${eventId}`,
    lang: 'en',
    published: date,
    text: notes,
    format: 'acled',
    alternates: [],
  };
  return {
    document,
    extraction: {
      document: {
        id: document.sourceKey,
        lang: 'en',
        title: document.title,
        url: null,
        published: date,
        text: notes,
        alternates: [],
      },
      incidents: [incident],
    },
  };
}
