// Which incidents a list, map, count or export is about, as one zod schema over query strings
// ("execution,shelling"): the server reads it from the URL and `rasid export` from its options, so
// both accept and refuse the same values and turn them into the same store filter.
import { z } from 'zod';
import { RasidError } from '../errors.ts';
import { EXPORTED_STATUSES, IncidentStatus, IncidentType } from '../schema.ts';
import type { IncidentFilter } from '../store/types.ts';

const csv = <T extends z.ZodType<string, string>>(item: T) =>
  z
    .string()
    .max(2000)
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).max(64));

// Control characters have no place in a filter, and PostgreSQL refuses NUL outright (a 500 before this)
export const text = (max: number) =>
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
  /** restricted incidents: left out, or the only ones (editors and admins; exports: admins) */
  restricted: z.enum(['exclude', 'only']).optional(),
});
export type FilterQuery = z.infer<typeof FilterQuery>;

export function toFilter(q: FilterQuery): IncidentFilter {
  const f: IncidentFilter = {};
  if (q.type?.length) f.type = q.type;
  if (q.status?.length) f.status = q.status;
  if (q.actor) f.actor = q.actor;
  if (q.place) f.place = q.place;
  if (q.admin1) f.admin1 = q.admin1;
  if (q.from) f.from = q.from;
  if (q.to) f.to = q.to;
  if (q.q) f.q = q.q;
  if (q.bbox) f.bbox = q.bbox;
  if (q.documentId) f.documentId = q.documentId;
  if (q.clusterId) f.clusterId = q.clusterId;
  if (q.restricted) f.restricted = q.restricted;
  return f;
}

/**
 * What an export holds: rejected incidents stay out unless a status filter asks for them, and
 * restricted ones unless `includeRestricted` (an admin's request, or the operator's CLI).
 */
export function exportFilter(q: FilterQuery, opts: { includeRestricted?: boolean } = {}): IncidentFilter {
  const f = toFilter(q);
  f.status ??= [...EXPORTED_STATUSES];
  if (!opts.includeRestricted) {
    if (f.restricted === 'only')
      throw new RasidError('export.restricted', 'restricted incidents are exported only with --include-restricted');
    f.restricted = 'exclude';
  }
  return f;
}

const FIELD_CODES: Partial<Record<keyof FilterQuery, string>> = {
  type: 'export.bad-type',
  status: 'export.bad-status',
  from: 'export.bad-date',
  to: 'export.bad-date',
};

/** Filter options as the command line gives them (`--type a,b`): the same schema, a coded error naming the option. */
export function parseFilterOptions(options: Partial<Record<keyof FilterQuery, string | undefined>>): FilterQuery {
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const r = FilterQuery.safeParse(given);
  if (r.success) return r.data;
  // a failed parse reports at least one issue
  const issue = r.error.issues[0]!;
  const field = String(issue.path[0]) as keyof FilterQuery;
  const raw = String(given[field] ?? '');
  // a bad item of a list is named alone: «--type: … found "picnic"», not the whole list
  const item =
    typeof issue.path[1] === 'number'
      ? raw
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean)[issue.path[1]]
      : raw;
  const expected = 'values' in issue ? `expected one of ${(issue.values as unknown[]).join(', ')}` : issue.message;
  throw new RasidError(
    FIELD_CODES[field] ?? 'export.bad-filter',
    `--${field}: ${expected}, found "${(item ?? raw).slice(0, 80)}"`,
  );
}
