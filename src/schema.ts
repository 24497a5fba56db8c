// The incident contract (../shared/spec/incidents.md) as zod schemas: the one source of truth for
// extraction output, storage, the API and exports. Types come from z.infer.
import { z } from 'zod';
import {
  ACCUSATIONS,
  ACTOR_ROLES,
  COUNT_KEYS,
  INCIDENT_STATUSES,
  INCIDENT_TYPES,
  METHODS,
  VIOLATIONS,
} from './taxonomy.ts';
import { PageStart } from './input/paged.ts';

export {
  ACCUSATIONS,
  ACLED_EVENT,
  ACTOR_ROLES,
  COUNT_KEYS,
  EXPORTED_STATUSES,
  INCIDENT_STATUSES,
  INCIDENT_TYPES,
  METHODS,
  VIOLATIONS,
  acledFor,
} from './taxonomy.ts';

export const IncidentType = z.enum(INCIDENT_TYPES);
export const IncidentStatus = z.enum(INCIDENT_STATUSES);
export type IncidentStatus = z.infer<typeof IncidentStatus>;
export type IncidentType = z.infer<typeof IncidentType>;

export const Violation = z.enum(VIOLATIONS);
export type Violation = z.infer<typeof Violation>;

export const Method = z.enum(METHODS);
export type Method = z.infer<typeof Method>;

export const Accusation = z.enum(ACCUSATIONS);
export type Accusation = z.infer<typeof Accusation>;

export const CountKey = z.enum(COUNT_KEYS);
export type CountKey = z.infer<typeof CountKey>;

export const ActorRole = z.enum(ACTOR_ROLES);
export type ActorRole = z.infer<typeof ActorRole>;

/** [start, end) in UTF-16 code units of document.text. */
export const Span = z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]);
export type Span = z.infer<typeof Span>;

export const Actor = z.object({
  role: ActorRole,
  id: z.string().min(1),
  name: z.string(),
  group: z.string().optional(),
  span: Span.nullable(),
});
export type Actor = z.infer<typeof Actor>;

export const PlaceRole = z.enum(['location', 'origin', 'destination']);
export const Location = z.object({
  name: z.string(),
  name_ar: z.string().nullable().optional(),
  gazetteer_id: z.string().nullable().optional(),
  lat: z.number().min(-90).max(90).nullable(),
  lon: z.number().min(-180).max(180).nullable(),
  country: z.string().nullable().optional(),
  admin1: z.string().nullable().optional(),
  admin2: z.string().nullable().optional(),
  admin3: z.string().nullable().optional(),
  kind: z.string().nullable().optional(),
  role: PlaceRole.optional(),
  precision: z.number().int().min(1).max(3).nullable(),
  span: Span.nullable(),
});
export type Location = z.infer<typeof Location>;

export const TimeRange = z.object({
  start: z.string().nullable(),
  end: z.string().nullable(),
  precision: z.number().int().min(1).max(3).nullable(),
  text: z.string().nullable(),
  span: Span.nullable(),
  anchored: z.boolean().optional(),
});
export type TimeRange = z.infer<typeof TimeRange>;

export const Count = z.object({
  value: z.number().nonnegative(),
  min: z.number().nonnegative(),
  max: z.number().nonnegative(),
  approximate: z.boolean(),
  text: z.string(),
  span: Span.nullable(),
});
export type Count = z.infer<typeof Count>;

export type Counts = Partial<Record<CountKey, Count>>;

export const ExtractionIssue = z.object({
  code: z.string(),
  stage: z.string(),
  message: z.string(),
  span: Span.nullable(),
});
export type ExtractionIssue = z.infer<typeof ExtractionIssue>;

export const Incident = z.object({
  id: z.string(),
  type: IncidentType,
  acled: z.object({ event_type: z.string(), sub_event_type: z.string() }).nullable(),
  violations: z.array(Violation),
  actors: z.array(Actor),
  locations: z.array(Location),
  time: TimeRange.nullable(),
  counts: z.partialRecord(CountKey, Count),
  methods: z.array(z.object({ id: Method, span: Span.nullable() })),
  accusations: z.array(z.object({ id: Accusation, span: Span.nullable() })),
  attribution: z.object({ text: z.string(), span: Span.nullable() }).nullable(),
  /** `page`: for paged sources (PDF, scans), the 1-based page on which the span starts */
  evidence: z.array(z.object({ span: Span, page: z.number().int().positive().optional() })),
  summary_en: z.string(),
  confidence: z.number().min(0).max(1),
  issues: z.array(ExtractionIssue).optional(),
  rules: z.array(z.string()).optional(),
});
export type Incident = z.infer<typeof Incident>;

export const Alternate = z.object({ lang: z.string(), url: z.string() });
export type Alternate = z.infer<typeof Alternate>;

export const DocumentInfo = z.object({
  id: z.string(),
  lang: z.enum(['ar', 'en']),
  title: z.string().nullable(),
  url: z.string().nullable(),
  published: z.string().nullable(),
  text: z.string(),
  alternates: z.array(Alternate),
  /** paged sources: where each page starts in `text` (page n is pages[n - 1]) and which pages were read by OCR */
  pages: z.array(PageStart).optional(),
});
export type DocumentInfo = z.infer<typeof DocumentInfo>;

export const Extraction = z.object({
  document: DocumentInfo,
  incidents: z.array(Incident),
  issues: z.array(ExtractionIssue).optional(),
});
export type Extraction = z.infer<typeof Extraction>;
