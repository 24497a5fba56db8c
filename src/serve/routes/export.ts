import { PassThrough, Readable } from 'node:stream';
import { Hono } from 'hono';
import { EXPORT_MEDIA, writeExport } from '../../export/index.ts';
import { documentProvenance } from '../../export/provenance.ts';
import { exportFilter } from '../../service/incident-filter.ts';
import { type AppEnv, type ServeDeps, parse, requireRead } from '../context.ts';
import { ExportQuery } from '../schemas.ts';

export function exportRoutes(deps: ServeDeps) {
  const r = new Hono<AppEnv>();

  r.get('/export', (c) => {
    requireRead(c, deps);
    const q = parse(ExportQuery, c.req.query());
    // as on the command line, rejected incidents stay out unless a status filter asks for them
    const filter = exportFilter(q);
    const out = new PassThrough();
    // streamed: the store is read only as fast as the client takes the bytes
    writeExport(q.format, deps.store.streamIncidents(filter), out, {
      provenance: documentProvenance(deps.store),
    }).catch((err: unknown) => out.destroy(err as Error));
    const media = EXPORT_MEDIA[q.format];
    return new Response(Readable.toWeb(out) as ReadableStream<Uint8Array>, {
      headers: {
        'Content-Type': media.contentType,
        'Content-Disposition': `attachment; filename="rasid-incidents.${media.extension}"`,
      },
    });
  });

  return r;
}
