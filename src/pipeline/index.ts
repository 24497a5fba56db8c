// The whole extraction pipeline: an ordered list of stages run by one runner (run.ts). Each stage
// reads what earlier stages left in the document state and adds its own annotations; none rewrites
// an earlier stage's output. The comments say why a stage must come where it is.
import type { Extraction } from '../schema.ts';
import type { Gazetteer } from '../geo/gazetteer.ts';
import { runStages, type TraceEntry } from './run.ts';
import { STAGES, type DocState } from './stages.ts';
import type { PageStart } from '../input/paged.ts';

export type { TraceEntry } from './run.ts';

export interface ExtractInput {
  text: string;
  id?: string;
  lang?: 'ar' | 'en';
  title?: string | null;
  url?: string | null;
  published?: string | null;
  alternates?: Array<{ lang: string; url: string }>;
  /** paged sources (PDF, scans): where each page starts in `text` */
  pages?: PageStart[];
}

export interface ExtractOptions {
  trace?: boolean;
  /** places to resolve against: the built-in gazetteer when absent, or one with imported GeoNames dumps */
  gazetteer?: Gazetteer;
}

export interface ExtractResult extends Extraction {
  trace?: TraceEntry[];
}

export function extractDocument(input: ExtractInput, options: ExtractOptions = {}): ExtractResult {
  const text = typeof input.text === 'string' ? input.text : '';
  const published = input.published ?? null;
  const docId = input.id ?? createDocId(text);
  const pages = input.pages?.length ? input.pages : undefined;
  const state: DocState = {
    text,
    docId,
    lang: input.lang,
    published,
    gazetteer: options.gazetteer,
    pages,
    issues: [],
    incidents: [],
  };
  const trace = runStages(STAGES, state, options.trace === true);
  const document = {
    id: docId,
    lang: state.a?.lang ?? input.lang ?? 'ar',
    title: input.title ?? null,
    url: input.url ?? null,
    published,
    text,
    alternates: input.alternates ?? [],
    ...(pages ? { pages } : {}),
  };
  const result: ExtractResult = {
    document,
    incidents: state.incidents,
    ...(state.issues.length ? { issues: state.issues } : {}),
  };
  if (trace) result.trace = trace;
  return result;
}

function createDocId(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return `doc-${h.toString(16).padStart(8, '0')}`;
}
