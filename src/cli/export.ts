// `rasid export`: incidents from the store to ACLED CSV, GeoJSON, HXL or JSON Lines, streamed.
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { RasidError } from '../errors.ts';
import { INCIDENT_TYPES, type IncidentType } from '../schema.ts';
import { EXPORT_FORMATS, isExportFormat, writeExport, type ExportFormat, type Provenance } from '../export/index.ts';
import { ACLED_SOURCE_PREFIX } from '../acled/from-acled.ts';
import type { ExportIncident } from '../export/fields.ts';
import { openStore } from '../store/open.ts';
import type { IncidentFilter, IncidentStatus, Store } from '../store/types.ts';

interface ExportCliOptions {
  format: string;
  type?: string;
  status?: string;
  from?: string;
  to?: string;
  actor?: string;
  admin1?: string;
  output?: string;
  db: string;
  skipUnlocated?: boolean;
}

const STATUSES: IncidentStatus[] = ['machine', 'edited', 'verified', 'rejected'];
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function list(s: string | undefined): string[] {
  return (s ?? '').split(',').map((x) => x.trim()).filter(Boolean);
}

/** The store filter for the CLI options; rejected incidents stay out unless asked for. */
export function exportFilter(o: Omit<ExportCliOptions, 'format' | 'db'>): IncidentFilter {
  const types = list(o.type);
  for (const t of types) {
    if (!(INCIDENT_TYPES as readonly string[]).includes(t)) throw new RasidError('export.bad-type', `--type: expected incident types (${INCIDENT_TYPES.join(', ')}), found "${t}"`);
  }
  const statuses = list(o.status);
  for (const s of statuses) {
    if (!(STATUSES as string[]).includes(s)) throw new RasidError('export.bad-status', `--status: expected ${STATUSES.join(', ')}, found "${s}"`);
  }
  for (const [name, v] of [['--from', o.from], ['--to', o.to]] as const) {
    if (v !== undefined && !DAY.test(v)) throw new RasidError('export.bad-date', `${name}: expected YYYY-MM-DD, found "${v}"`);
  }
  return {
    ...(types.length ? { type: types as IncidentType[] } : {}),
    status: statuses.length ? (statuses as IncidentStatus[]) : ['machine', 'edited', 'verified'],
    ...(o.from ? { from: o.from } : {}),
    ...(o.to ? { to: o.to } : {}),
    ...(o.actor ? { actor: o.actor } : {}),
    ...(o.admin1 ? { admin1: o.admin1 } : {}),
  };
}

/**
 * Where each incident came from: its document's outlet (URL host, else title) for ACLED's `source`;
 * an incident imported from ACLED keeps ACLED's event id and source, so re-importing changes nothing.
 */
export function documentProvenance(store: Store): (inc: ExportIncident) => Promise<Provenance | undefined> {
  const cache = new Map<string, { source?: string; acledId?: string } | undefined>();
  return async (inc) => {
    if (!inc.documentId) return undefined;
    let d = cache.get(inc.documentId);
    if (!cache.has(inc.documentId)) {
      const doc = await store.getDocument(inc.documentId);
      let source: string | undefined;
      if (doc?.url) {
        try {
          source = new URL(doc.url).hostname;
        } catch {
          source = undefined;
        }
      }
      source ??= doc?.title ?? undefined;
      const acledId = doc?.sourceKey.startsWith(ACLED_SOURCE_PREFIX) ? doc.sourceKey.slice(ACLED_SOURCE_PREFIX.length) : undefined;
      d = doc ? { source, acledId } : undefined;
      // incidents stream roughly grouped by document; a bounded cache is enough
      if (cache.size > 5000) cache.clear();
      cache.set(inc.documentId, d);
    }
    if (!d) return undefined;
    if (d.acledId) return { eventId: d.acledId, source: inc.attribution?.text ?? d.source };
    return { source: d.source };
  };
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('export incidents as ACLED CSV, GeoJSON, HXL-tagged CSV or JSON Lines')
    .requiredOption('--format <format>', `one of ${EXPORT_FORMATS.join(', ')}`)
    .option('--type <types>', 'incident types, comma-separated')
    .option('--status <statuses>', 'machine, edited, verified, rejected (comma-separated; default all but rejected)')
    .option('--from <date>', 'incidents on or after YYYY-MM-DD')
    .option('--to <date>', 'incidents on or before YYYY-MM-DD')
    .option('--actor <id>', 'incidents with this actor id')
    .option('--admin1 <name>', 'incidents in this governorate')
    .option('-o, --output <file>', 'write to FILE instead of standard output')
    .option('--skip-unlocated', 'GeoJSON: leave out incidents without coordinates (default: null geometry)')
    .option('--db <file>', 'SQLite database file (DATABASE_URL selects PostgreSQL)', './rasid.db')
    .action(async (o: ExportCliOptions) => {
      if (!isExportFormat(o.format)) throw new RasidError('export.format', `--format: expected ${EXPORT_FORMATS.join(', ')}, found "${o.format}"`);
      const format: ExportFormat = o.format;
      const filter = exportFilter(o);
      const store = await openStore({ db: o.db, databaseUrl: process.env.DATABASE_URL });
      try {
        const out: Writable = o.output ? createWriteStream(o.output) : process.stdout;
        try {
          const res = await writeExport(format, store.streamIncidents(filter), out, {
            end: Boolean(o.output),
            unlocated: o.skipUnlocated ? 'skip' : 'null',
            provenance: documentProvenance(store),
          });
          process.stderr.write(`rasid export: ${res.incidents} incidents as ${format}${o.output ? ` to ${o.output}` : ''}\n`);
        } catch (e) {
          // `rasid export … | head` closes the pipe early: that is the reader's choice, not an error
          if ((e as { code?: string }).code !== 'EPIPE') throw e;
        }
      } finally {
        await store.close();
      }
    });
}
