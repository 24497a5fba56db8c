// Every input the API accepts, as zod schemas. Incident field shapes come from src/schema.ts so
// the API cannot drift from the contract.
import { z } from 'zod';
import { Actor, COUNT_KEYS, Count, Incident, IncidentType, Location, TimeRange } from '../schema.ts';

const STATUSES = ['machine', 'edited', 'verified', 'rejected'] as const;
export const IncidentStatus = z.enum(STATUSES);

const csv = <T extends z.ZodType<string, string>>(item: T) =>
  z
    .string()
    .max(2000)
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(item).max(64));

// Control characters have no place in a filter, and PostgreSQL refuses NUL outright (a 500 before this)
const text = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .refine((s) => !/\p{Cc}/u.test(s), 'control characters are not allowed');

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

export const Bbox = z
  .string()
  .max(200)
  .transform((s) => s.split(',').map(Number))
  .pipe(
    z
      .tuple([
        z.number().min(-180).max(180),
        z.number().min(-90).max(90),
        z.number().min(-180).max(180),
        z.number().min(-90).max(90),
      ])
      .refine(([w, s, e, n]) => w <= e && s <= n, 'bbox is west,south,east,north'),
  );

export const FilterQuery = z.object({
  type: csv(IncidentType).optional(),
  status: csv(IncidentStatus).optional(),
  actor: text(200).optional(),
  place: text(200).optional(),
  admin1: text(200).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  q: text(500).optional(),
  bbox: Bbox.optional(),
  documentId: text(200).optional(),
  clusterId: text(200).optional(),
});
export type FilterQuery = z.infer<typeof FilterQuery>;

export const ListQuery = FilterQuery.extend({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

export const MapQuery = FilterQuery.extend({
  zoom: z.coerce.number().int().min(0).max(20).default(5),
});

export const EXPORT_FORMATS = ['acled', 'geojson', 'hxl', 'jsonl'] as const;
export const ExportQuery = FilterQuery.extend({ format: z.enum(EXPORT_FORMATS) });

export const IdParam = z.object({ id: text(200) });

const note = z.string().max(2000).optional();

// A calendar day that exists (2015-02-30 does not), as the contract writes time.start and time.end
const calendarDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
  .refine((s) => {
    const t = Date.parse(`${s}T00:00:00Z`);
    return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === s;
  }, 'no such day');

const PatchTime = TimeRange.extend({ start: calendarDay.nullable(), end: calendarDay.nullable() }).refine(
  (t) => t.start === null || t.end === null || t.start <= t.end,
  { message: 'time.start is after time.end', path: ['end'] },
);

const PatchCount = Count.refine((c) => c.min <= c.max, { message: 'count min is above its max', path: ['min'] });

/** Fields an analyst may edit; everything else (spans of evidence, ids, rules) is the machine's. */
export const IncidentPatch = z.strictObject({
  type: IncidentType.optional(),
  violations: Incident.shape.violations.optional(),
  actors: z.array(Actor).max(50).optional(),
  locations: z.array(Location).max(50).optional(),
  time: PatchTime.nullable().optional(),
  counts: z.partialRecord(z.enum(COUNT_KEYS), PatchCount).optional(),
  methods: Incident.shape.methods.optional(),
  accusations: Incident.shape.accusations.optional(),
  summary_en: z.string().max(2000).optional(),
  note,
});
export type IncidentPatch = z.infer<typeof IncidentPatch>;

export const ActionBody = z.strictObject({ note });
export const MergeBody = z.strictObject({ with: z.array(z.string().min(1).max(200)).min(1).max(50), note });

export const LoginBody = z.strictObject({
  name: z.string().min(1).max(64),
  password: z.string().min(1).max(1024),
});

export const NewUserBody = z.strictObject({
  name: z.string().min(1).max(64),
  role: z.enum(['viewer', 'editor', 'admin']),
  password: z.string().min(8).max(1024).optional(),
});
