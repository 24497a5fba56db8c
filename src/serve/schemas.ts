// Every input the API accepts, as zod schemas. Incident field shapes come from src/schema.ts so
// the API cannot drift from the contract.
import { z } from 'zod';
import { Actor, COUNT_KEYS, Count, Incident, IncidentType, Location, TimeRange } from '../schema.ts';
import { FilterQuery, text } from '../service/incident-filter.ts';

export { FilterQuery };

export const ListQuery = FilterQuery.extend({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

export const MapQuery = FilterQuery.extend({
  zoom: z.coerce.number().int().min(0).max(20).default(5),
});

export const EXPORT_FORMATS = ['acled', 'geojson', 'hxl', 'jsonl'] as const;
export const ExportQuery = FilterQuery.extend({
  format: z.enum(EXPORT_FORMATS),
  /** admins only: restricted incidents too (1 or true) */
  include_restricted: z
    .enum(['0', '1', 'true', 'false'])
    .optional()
    .transform((v) => v === '1' || v === 'true'),
});

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

export const UserNameParam = z.object({ name: z.string().min(1).max(64) });

export const UserChangeBody = z
  .strictObject({
    role: z.enum(['viewer', 'editor', 'admin']).optional(),
    password: z.string().min(8).max(1024).optional(),
    disabled: z.boolean().optional(),
  })
  .refine(
    (b) => b.role !== undefined || b.password !== undefined || b.disabled !== undefined,
    'change role, password or disabled',
  );

export const TokenQuery = z.object({ user: z.string().min(1).max(64).optional() });

export const AuditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});
