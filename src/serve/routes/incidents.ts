import { Hono } from 'hono';
import { INCIDENT_STATUSES } from '../../schema.ts';
import type { StoredIncident } from '../../store/types.ts';
import { type AppEnv, type ServeDeps, jsonBody, parse, requireRead, requireWrite } from '../context.ts';
import { toFilter } from '../../service/incident-filter.ts';
import {
  changeStatus,
  editIncident,
  getIncidentView,
  mergeIncidents,
  restrictIncident,
  splitIncident,
} from '../incident-service.ts';
import { readFilter, seesRestricted } from '../restricted.ts';
import { ActionBody, FilterQuery, IdParam, IncidentPatch, ListQuery, MergeBody } from '../schemas.ts';

/** The list carries what a table row shows, not the whole incident. */
export function listRow(i: StoredIncident) {
  return {
    id: i.id,
    documentId: i.documentId,
    type: i.type,
    status: i.status,
    summary_en: i.summary_en,
    actors: i.actors.map((a) => ({ role: a.role, id: a.id, name: a.name })),
    locations: i.locations.map((l) => ({
      name: l.name,
      name_ar: l.name_ar ?? null,
      lat: l.lat,
      lon: l.lon,
      admin1: l.admin1 ?? null,
    })),
    time: i.time ? { start: i.time.start, end: i.time.end } : null,
    counts: Object.fromEntries(Object.entries(i.counts).map(([k, v]) => [k, v?.value])),
    confidence: i.confidence,
    clusterId: i.clusterId,
    updatedAt: i.updatedAt,
    restricted: Boolean(i.restricted),
  };
}

export function incidentRoutes(deps: ServeDeps) {
  const { store } = deps;
  const r = new Hono<AppEnv>();

  r.get('/incidents', async (c) => {
    requireRead(c, deps);
    const q = parse(ListQuery, c.req.query());
    const page = await store.listIncidents(readFilter(c, toFilter(q)), { limit: q.limit, offset: q.offset });
    return c.json({ items: page.items.map(listRow), total: page.total, limit: q.limit, offset: q.offset });
  });

  r.get('/incidents/counts', async (c) => {
    requireRead(c, deps);
    const { status: _ignored, ...f } = readFilter(c, toFilter(parse(FilterQuery, c.req.query())));
    const n = await Promise.all(INCIDENT_STATUSES.map((s) => store.countIncidents({ ...f, status: [s] })));
    return c.json({
      total: n.reduce((a, b) => a + b, 0),
      byStatus: Object.fromEntries(INCIDENT_STATUSES.map((s, i) => [s, n[i]])),
    });
  });

  r.get('/incidents/:id', async (c) => {
    requireRead(c, deps);
    const { id } = parse(IdParam, c.req.param());
    return c.json(await getIncidentView(store, id, { seesRestricted: seesRestricted(c) }));
  });

  r.get('/incidents/:id/reviews', async (c) => {
    requireRead(c, deps);
    const { id } = parse(IdParam, c.req.param());
    await getIncidentView(store, id, { seesRestricted: seesRestricted(c) });
    return c.json({ items: await store.reviews(id) });
  });

  r.patch('/incidents/:id', async (c) => {
    const user = requireWrite(c, 'editor');
    const { id } = parse(IdParam, c.req.param());
    const patch = parse(IncidentPatch, await jsonBody(c));
    const incident = await editIncident(store, id, patch, user);
    return c.json({ incident });
  });

  for (const action of ['verify', 'reject', 'reopen'] as const) {
    r.post(`/incidents/:id/${action}`, async (c) => {
      const user = requireWrite(c, 'editor');
      const { id } = parse(IdParam, c.req.param());
      const body = parse(ActionBody, await jsonBody(c));
      const incident = await changeStatus(store, id, action, user, body.note);
      return c.json({ incident });
    });
  }

  // restricted: seen by editors and admins only (issue 12); the flag is audited as a review
  for (const [action, restricted] of [
    ['restrict', true],
    ['unrestrict', false],
  ] as const) {
    r.post(`/incidents/:id/${action}`, async (c) => {
      const user = requireWrite(c, 'editor');
      const { id } = parse(IdParam, c.req.param());
      const body = parse(ActionBody, await jsonBody(c));
      return c.json({ incident: await restrictIncident(store, id, restricted, user, body.note) });
    });
  }

  r.post('/incidents/:id/merge', async (c) => {
    const user = requireWrite(c, 'editor');
    const { id } = parse(IdParam, c.req.param());
    const body = parse(MergeBody, await jsonBody(c));
    return c.json({ cluster: await mergeIncidents(store, id, body.with, user, body.note) });
  });

  r.post('/incidents/:id/split', async (c) => {
    const user = requireWrite(c, 'editor');
    const { id } = parse(IdParam, c.req.param());
    const body = parse(ActionBody, await jsonBody(c));
    return c.json({ incident: await splitIncident(store, id, user, body.note) });
  });

  return r;
}
