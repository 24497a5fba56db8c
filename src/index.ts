// The library: `import { extract } from 'rasid'`. One document's text in, the contract's extraction
// out (docs: the README and the output contract); the CLI and the server are built on the same call.
import { extractDocument, type ExtractInput, type ExtractOptions, type ExtractResult } from './pipeline/index.ts';

export type { ExtractInput, ExtractOptions, ExtractResult, TraceEntry } from './pipeline/index.ts';
export type {
  Accusation,
  Actor,
  ActorRole,
  Alternate,
  Count,
  CountKey,
  Counts,
  DocumentInfo,
  Extraction,
  ExtractionIssue,
  Incident,
  IncidentType,
  Location,
  Method,
  Span,
  TimeRange,
  Violation,
} from './schema.ts';
export { INCIDENT_TYPES } from './taxonomy.ts';
export { RasidError, isRasidError } from './errors.ts';

/** Incidents in one report: a plain string, or the text with its id, language, publication date and URL. */
export function extract(input: string | ExtractInput, options: ExtractOptions = {}): ExtractResult {
  return extractDocument(typeof input === 'string' ? { text: input } : input, options);
}
