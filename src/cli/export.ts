// `rasid export`: incidents from the store to ACLED CSV, GeoJSON, HXL or JSON Lines, streamed.
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { RasidError } from '../errors.ts';
import { EXPORT_FORMATS, REFERENCE_MODES, isExportFormat, writeExport, type ExportFormat } from '../export/index.ts';
import { documentProvenance } from '../export/provenance.ts';
import { buildConfig, dbOption, type Environment } from '../config.ts';
import { exportFilter, parseFilterOptions } from '../service/incident-filter.ts';
import { openStore } from '../store/open.ts';

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
  includeRestricted?: boolean;
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
    .option(
      '--include-restricted',
      'also export restricted incidents (they name witnesses or victims; left out by default)',
    )
    .addOption(dbOption())
    .action(async (o: ExportCliOptions) => {
      if (!isExportFormat(o.format))
        throw new RasidError('export.format', `--format: expected ${EXPORT_FORMATS.join(', ')}, found "${o.format}"`);
      const format: ExportFormat = o.format;
      const filter = exportFilter(
        parseFilterOptions({
          type: o.type,
          status: o.status,
          from: o.from,
          to: o.to,
          actor: o.actor,
          admin1: o.admin1,
        }),
        // the command line runs as the operator of the store, with an admin's choice to make
        { includeRestricted: Boolean(o.includeRestricted) },
      );
      const reference = REFERENCE_MODES.find((m) => m === o.reference);
      if (!reference)
        throw new RasidError(
          'export.bad-reference',
          `--reference: expected ${REFERENCE_MODES.join(', ')}, found "${o.reference}"`,
        );
      const store = await openStore(buildConfig(o, env).store);
      try {
        const out: Writable = o.output ? createWriteStream(o.output) : process.stdout;
        try {
          const res = await writeExport(format, store.streamIncidents(filter), out, {
            end: Boolean(o.output),
            unlocated: o.skipUnlocated ? 'skip' : 'null',
            reference,
            provenance: documentProvenance(store),
            includeRestricted: Boolean(o.includeRestricted),
          });
          // the operator is told what stayed out, never silently
          const held = o.includeRestricted ? 0 : await store.countIncidents({ ...filter, restricted: 'only' });
          process.stderr.write(
            `rasid export: ${res.incidents} incidents as ${format}${o.output ? ` to ${o.output}` : ''}` +
              (held ? `; ${held} restricted left out (--include-restricted to export them)` : '') +
              '\n',
          );
        } catch (e) {
          // `rasid export … | head` closes the pipe early: that is the reader's choice, not an error
          if ((e as { code?: string }).code !== 'EPIPE') throw e;
        }
      } finally {
        await store.close();
      }
    });
}
