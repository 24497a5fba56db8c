import { PassThrough, Readable } from 'node:stream';
import { Hono } from 'hono';
import { EXPORT_MEDIA, writeExport } from '../../export/index.ts';
import { documentProvenance } from '../../export/provenance.ts';
import { exportFilter } from '../../service/incident-filter.ts';
import { hasRole } from '../../auth/users.ts';
import { type AppEnv, type ServeDeps, parse, requireRead } from '../context.ts';
import { HttpError } from '../errors.ts';
import { ExportQuery } from '../schemas.ts';

export function exportRoutes(deps: ServeDeps) {
  const r = new Hono<AppEnv>();

  r.get('/export', (c) => {
    requireRead(c, deps);
    const { include_restricted: include, ...q } = parse(ExportQuery, c.req.query());
    // restricted incidents leave the server only when an admin asks for them: an editor's export
    // goes on to others too, and an admin is who answers for where sensitive data goes
    const user = c.get('user');
    const admin = user !== null && hasRole(user, 'admin');
    if ((include || q.restricted === 'only') && !admin)
      throw new HttpError(
        403,
        'auth.forbidden',
        'restricted incidents are exported for admins only (include_restricted=1)',
      );
    if (q.restricted === 'only' && !include)
      throw new HttpError(400, 'bad-request', 'restricted=only needs include_restricted=1');
    // as on the command line, rejected incidents stay out unless a status filter asks for them
    const filter = exportFilter(q, { includeRestricted: include });
    const out = new PassThrough();
    // streamed: the store is read only as fast as the client takes the bytes
    writeExport(q.format, deps.store.streamIncidents(filter), out, {
      provenance: documentProvenance(deps.store),
      includeRestricted: include,
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
