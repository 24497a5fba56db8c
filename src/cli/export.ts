// `rasid export`: incidents from the store to ACLED CSV, GeoJSON, HXL or JSON Lines, streamed.
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { RasidError } from '../errors.ts';
import { INCIDENT_TYPES, type IncidentType } from '../schema.ts';
import { EXPORT_FORMATS, REFERENCE_MODES, isExportFormat, writeExport, type ExportFormat } from '../export/index.ts';
import { documentProvenance } from '../export/provenance.ts';
import { buildConfig, dbOption, type Environment } from '../config.ts';
import { openStore } from '../store/open.ts';
import type { IncidentFilter, IncidentStatus } from '../store/types.ts';

// the server's export route imported it from here first; it lives with the exporters now
export { documentProvenance };

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
  reference: string;
}

const STATUSES: IncidentStatus[] = ['machine', 'edited', 'verified', 'rejected'];
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function list(s: string | undefined): string[] {
  return (s ?? '').split(',').map((x) => x.trim()).filter(Boolean);
}

/** The store filter for the CLI options; rejected incidents stay out unless asked for. */
export function exportFilter(o: Omit<ExportCliOptions, 'format' | 'db' | 'reference'>): IncidentFilter {
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

export function registerExport(cmd: Command, env: Environment): void {
  cmd
    .requiredOption('--format <format>', `one of ${EXPORT_FORMATS.join(', ')}`)
    .option('--type <types>', 'incident types, comma-separated')
    .option('--status <statuses>', 'machine, edited, verified, rejected (comma-separated; default all but rejected)')
    .option('--from <date>', 'incidents on or after YYYY-MM-DD')
    .option('--to <date>', 'incidents on or before YYYY-MM-DD')
    .option('--actor <id>', 'incidents with this actor id')
    .option('--admin1 <name>', 'incidents in this governorate')
    .option('-o, --output <file>', 'write to FILE instead of standard output')
    .option('--skip-unlocated', 'GeoJSON: leave out incidents without coordinates (default: null geometry)')
    .option('--reference <mode>', 'incidents imported from ACLED: exclude (default), include or only', 'exclude')
    .addOption(dbOption())
    .action(async (o: ExportCliOptions) => {
      if (!isExportFormat(o.format)) throw new RasidError('export.format', `--format: expected ${EXPORT_FORMATS.join(', ')}, found "${o.format}"`);
      const format: ExportFormat = o.format;
      const filter = exportFilter(o);
      const reference = REFERENCE_MODES.find((m) => m === o.reference);
      if (!reference) throw new RasidError('export.bad-reference', `--reference: expected ${REFERENCE_MODES.join(', ')}, found "${o.reference}"`);
      const store = await openStore(buildConfig(o, env).store);
      try {
        const out: Writable = o.output ? createWriteStream(o.output) : process.stdout;
        try {
          const res = await writeExport(format, store.streamIncidents(filter), out, {
            end: Boolean(o.output),
            unlocated: o.skipUnlocated ? 'skip' : 'null',
            reference,
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
