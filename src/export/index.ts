// One entry point for every export: the CLI (`rasid export`) and the server's export routes call
// writeExport with the store's incident stream and a Writable. Everything streams: rows are pulled
// from the source only as fast as `out` drains, so memory stays flat for a million incidents.
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { ACLED_COLUMNS, toAcledRow, type AcledRowContext } from './acled-csv.ts';
import { neutralizeCell } from '../acled-coding/csv-cell.ts';
import { geojsonChunks, type GeoJsonOptions } from './geojson.ts';
import { HXL_COLUMNS, toHxlRow } from './hxl.ts';
import { toJsonLine } from './jsonl.ts';
import type { ExportIncident } from './fields.ts';
import { ACLED_IMPORT_RULE } from '../acled-coding/conventions.ts';
import { RasidError } from '../errors.ts';

export const EXPORT_FORMATS = ['acled', 'geojson', 'hxl', 'jsonl'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_MEDIA: Record<ExportFormat, { contentType: string; extension: string }> = {
  acled: { contentType: 'text/csv; charset=utf-8', extension: 'csv' },
  geojson: { contentType: 'application/geo+json', extension: 'geojson' },
  hxl: { contentType: 'text/csv; charset=utf-8', extension: 'hxl.csv' },
  jsonl: { contentType: 'application/x-ndjson', extension: 'jsonl' },
};

export class ExportError extends RasidError {
  declare readonly code: 'export.format';
  constructor(code: 'export.format', message: string) {
    super(code, message);
  }
}

export function isExportFormat(s: string): s is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(s);
}

/**
 * Incidents imported from ACLED (`rasid import acled`) are ACLED's coding, kept to compare with ours;
 * ACLED's terms restrict redistributing them, so exports leave them out unless asked.
 */
export type ReferenceMode = 'exclude' | 'include' | 'only';
export const REFERENCE_MODES: readonly ReferenceMode[] = ['exclude', 'include', 'only'];

export function isReference(inc: ExportIncident): boolean {
  return inc.rules?.includes(ACLED_IMPORT_RULE) ?? false;
}

export interface ExportOptions extends GeoJsonOptions {
  /** ACLED reference incidents: left out (default), kept, or the only ones exported */
  reference?: ReferenceMode;
  /** end `out` when done (default true); false for process.stdout or a response you finish yourself */
  end?: boolean;
  /** where an incident came from (its document's outlet, an original ACLED event id), looked up per incident */
  provenance?: (inc: ExportIncident) => Promise<Provenance | undefined> | Provenance | undefined;
  /** Unix seconds for ACLED `timestamp` when an incident has no updatedAt */
  now?: number;
  /**
   * restricted incidents (seen by editors and admins only) are written only when this is true:
   * an admin's or the operator's choice. By default they never leave, whatever the source yields.
   */
  includeRestricted?: boolean;
}

export interface Provenance {
  /** the reporting outlet, for ACLED's `source` column */
  source?: string;
  /** an ACLED event id to keep (for incidents imported from ACLED) */
  eventId?: string;
}

export interface ExportResult {
  format: ExportFormat;
  /** incidents read from the source */
  incidents: number;
}

// every text cell of both CSV formats goes through here; the header rows are ours and safe
const CSV_CAST = { string: neutralizeCell };

async function* acledRows(src: AsyncIterable<ExportIncident>, opts: ExportOptions, counter: { n: number }) {
  const now = opts.now ?? Math.floor(Date.now() / 1000);
  for await (const inc of src) {
    counter.n++;
    const p = opts.provenance ? await opts.provenance(inc) : undefined;
    const ctx: AcledRowContext = { now, source: p?.source, eventId: p?.eventId };
    yield toAcledRow(inc, ctx);
  }
}

async function* hxlRows(src: AsyncIterable<ExportIncident>, counter: { n: number }) {
  yield HXL_COLUMNS.map(([name]) => name);
  yield HXL_COLUMNS.map(([, tag]) => tag);
  for await (const inc of src) {
    counter.n++;
    yield toHxlRow(inc);
  }
}

async function* counted<T>(src: AsyncIterable<T>, counter: { n: number }): AsyncGenerator<T> {
  for await (const x of src) {
    counter.n++;
    yield x;
  }
}

async function* jsonLines(src: AsyncIterable<ExportIncident>): AsyncGenerator<string> {
  for await (const inc of src) yield toJsonLine(inc);
}

/** Stream `incidents` to `out` in `format`; resolves when everything is written (and flushed). */
export async function writeExport(
  format: ExportFormat,
  incidents: AsyncIterable<ExportIncident> | Iterable<ExportIncident>,
  out: Writable,
  opts: ExportOptions = {},
): Promise<ExportResult> {
  if (!isExportFormat(format))
    throw new ExportError('export.format', `expected one of ${EXPORT_FORMATS.join(', ')}, found "${String(format)}"`);
  const mode = opts.reference ?? 'exclude';
  const src = selectReference(withoutRestricted(toAsync(incidents), opts.includeRestricted ?? false), mode);
  const counter = { n: 0 };
  const end = opts.end ?? true;
  switch (format) {
    case 'acled':
      await pipeline(
        Readable.from(acledRows(src, opts, counter)),
        stringify({ header: true, columns: [...ACLED_COLUMNS], cast: CSV_CAST }),
        out,
        { end },
      );
      break;
    case 'hxl':
      await pipeline(Readable.from(hxlRows(src, counter)), stringify({ cast: CSV_CAST }), out, { end });
      break;
    case 'geojson':
      await pipeline(Readable.from(geojsonChunks(counted(src, counter), opts), { objectMode: false }), out, { end });
      break;
    case 'jsonl':
      await pipeline(Readable.from(jsonLines(counted(src, counter)), { objectMode: false }), out, { end });
      break;
  }
  return { format, incidents: counter.n };
}

async function* selectReference(
  src: AsyncIterable<ExportIncident>,
  mode: ReferenceMode,
): AsyncGenerator<ExportIncident> {
  for await (const inc of src) {
    const ref = isReference(inc);
    if (mode === 'include' || (mode === 'only') === ref) yield inc;
  }
}

async function* withoutRestricted(
  src: AsyncIterable<ExportIncident>,
  include: boolean,
): AsyncGenerator<ExportIncident> {
  for await (const inc of src) if (include || !inc.restricted) yield inc;
}

async function* toAsync<T>(xs: AsyncIterable<T> | Iterable<T>): AsyncGenerator<T> {
  for await (const x of xs) yield x;
}
