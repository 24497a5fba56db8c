// The whole extraction pipeline in order. Each stage takes the analysed document and the
// annotations so far and adds its own; none rewrites an earlier stage's output.
import type { Extraction } from '../schema.ts';

export interface ExtractInput {
  text: string;
  id?: string;
  lang?: 'ar' | 'en';
  title?: string | null;
  url?: string | null;
  published?: string | null;
  alternates?: Array<{ lang: string; url: string }>;
}

export interface ExtractOptions {
  trace?: boolean;
}

export interface TraceEntry {
  stage: string;
  added: unknown[];
}

export interface ExtractResult extends Extraction {
  trace?: TraceEntry[];
}

export function extractDocument(_input: ExtractInput, _options: ExtractOptions = {}): ExtractResult {
  throw new Error('extractDocument: pipeline not assembled yet');
}
