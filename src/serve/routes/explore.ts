import { Hono } from 'hono';
import { type AppEnv, type ServeDeps, jsonBody, parse, requireRead, requireWrite } from '../context.ts';
import { notFound } from '../errors.ts';
import { restrictDocument } from '../incident-service.ts';
import { readFilter, redactText, seesRestricted } from '../restricted.ts';
import { toFilter } from '../../service/incident-filter.ts';
import { cellDegrees, type Bbox } from '../../store/map-index.ts';
import { ActionBody, FilterQuery, IdParam, MapQuery } from '../schemas.ts';

const WORLD: Bbox = [-180, -90, 180, 90];

export function exploreRoutes(deps: ServeDeps) {
  const { store } = deps;
  const r = new Hono<AppEnv>();

  r.get('/documents/:id', async (c) => {
    requireRead(c, deps);
    const { id } = parse(IdParam, c.req.param());
    const doc = await store.getDocument(id);
    const sees = seesRestricted(c);
    // a viewer is told no more about a restricted document than about one that does not exist
    if (!doc || (doc.restricted && !sees)) throw notFound('document');
    const [alternates, incidents, hidden] = await Promise.all([
      store.alternatesOf(id),
      store.listIncidents(readFilter(c, { documentId: id }), { limit: 500, offset: 0 }),
      sees
        ? Promise.resolve(null)
        : store.listIncidents({ documentId: id, restricted: 'only' }, { limit: 500, offset: 0 }),
    ]);
    return c.json({
      // named fields only: a file's source key is its absolute path on the server (issue 12)
      document: {
        id: doc.id,
        title: doc.title,
        lang: doc.lang,
        url: doc.url,
        published: doc.published,
        // the words of its restricted incidents are blanked for a viewer
        text: hidden ? redactText(doc.text, hidden.items) : doc.text,
        format: doc.format,
        version: doc.version,
        previousId: doc.previousId,
        createdAt: doc.createdAt,
        extractedAt: doc.extractedAt ?? null,
        // what a reviewer should know of its extraction: incidents cut by --max-incidents, a spent budget
        issues: doc.issues ?? [],
        restricted: Boolean(doc.restricted),
        restrictedBy: sees ? (doc.restrictedBy ?? null) : null,
      },
      alternates: alternates
        .filter((a) => sees || !a.restricted)
        .map((a) => ({
          id: a.id,
          lang: a.lang,
          title: a.title,
          url: a.url,
          published: a.published,
          restricted: Boolean(a.restricted),
        })),
      incidents: incidents.items.map((i) => ({
        id: i.id,
        type: i.type,
        status: i.status,
        summary_en: i.summary_en,
        evidence: i.evidence,
        restricted: Boolean(i.restricted),
      })),
    });
  });

  // restricted: every version of the document's source and all their incidents (issue 12)
  for (const [action, restricted] of [
    ['restrict', true],
    ['unrestrict', false],
  ] as const) {
    r.post(`/documents/:id/${action}`, async (c) => {
      const user = requireWrite(c, 'editor');
      const { id } = parse(IdParam, c.req.param());
      const body = parse(ActionBody, await jsonBody(c));
      const { document, changed } = await restrictDocument(store, id, restricted, user, body.note);
      return c.json({
        document: { id: document.id, restricted: Boolean(document.restricted), restrictedBy: document.restrictedBy },
        changed,
      });
    });
  }

  r.get('/map', async (c) => {
    requireRead(c, deps);
    const q = parse(MapQuery, c.req.query());
    const { bbox = WORLD, ...rest } = readFilter(c, toFilter(q));
    return c.json(await store.mapClusters(rest, bbox, cellDegrees(q.zoom), deps.mapFallbackCap));
  });

  r.get('/timeline', async (c) => {
    requireRead(c, deps);
    const f = readFilter(c, toFilter(parse(FilterQuery, c.req.query())));
    return c.json({ rows: await store.timeline(f) });
  });

  return r;
}
