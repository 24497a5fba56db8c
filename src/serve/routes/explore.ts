import { Hono } from 'hono';
import { type AppEnv, type ServeDeps, parse, requireRead } from '../context.ts';
import { notFound } from '../errors.ts';
import { toFilter } from '../../service/incident-filter.ts';
import { cellDegrees, type Bbox } from '../../store/map-index.ts';
import { FilterQuery, IdParam, MapQuery } from '../schemas.ts';

const WORLD: Bbox = [-180, -90, 180, 90];

export function exploreRoutes(deps: ServeDeps) {
  const { store } = deps;
  const r = new Hono<AppEnv>();

  r.get('/documents/:id', async (c) => {
    requireRead(c, deps);
    const { id } = parse(IdParam, c.req.param());
    const doc = await store.getDocument(id);
    if (!doc) throw notFound('document');
    const [alternates, incidents] = await Promise.all([
      store.alternatesOf(id),
      store.listIncidents({ documentId: id }, { limit: 500, offset: 0 }),
    ]);
    return c.json({
      // named fields only: a file's source key is its absolute path on the server (issue 12)
      document: {
        id: doc.id,
        title: doc.title,
        lang: doc.lang,
        url: doc.url,
        published: doc.published,
        text: doc.text,
        format: doc.format,
        version: doc.version,
        previousId: doc.previousId,
        createdAt: doc.createdAt,
        extractedAt: doc.extractedAt ?? null,
        // what a reviewer should know of its extraction: incidents cut by --max-incidents, a spent budget
        issues: doc.issues ?? [],
      },
      alternates: alternates.map((a) => ({
        id: a.id,
        lang: a.lang,
        title: a.title,
        url: a.url,
        published: a.published,
      })),
      incidents: incidents.items.map((i) => ({
        id: i.id,
        type: i.type,
        status: i.status,
        summary_en: i.summary_en,
        evidence: i.evidence,
      })),
    });
  });

  r.get('/map', async (c) => {
    requireRead(c, deps);
    const q = parse(MapQuery, c.req.query());
    const { bbox = WORLD, ...rest } = toFilter(q);
    return c.json(await store.mapClusters(rest, bbox, cellDegrees(q.zoom), deps.mapFallbackCap));
  });

  r.get('/timeline', async (c) => {
    requireRead(c, deps);
    const f = toFilter(parse(FilterQuery, c.req.query()));
    return c.json({ rows: await store.timeline(f) });
  });

  return r;
}
