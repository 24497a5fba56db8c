import type { IncidentFilter } from '../store/types.ts';
import type { FilterQuery } from './schemas.ts';

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
  return f;
}
