// The whole extraction pipeline in order. Each stage takes the analysed document and the
// annotations so far and adds its own; none rewrites an earlier stage's output.
//   analyse → lexicon mentions → quantities, times, places → cues → frames → arguments →
//   merge → carry-over → filter → incidents
import type { Extraction, ExtractionIssue } from '../schema.ts';
import { analyze } from '../text/analyze.ts';
import { findQuantities } from '../quantity/find.ts';
import { findTimes } from '../time/find-times.ts';
import { findPlaces } from '../geo/find-places.ts';
import type { Gazetteer } from '../geo/gazetteer.ts';
import { lexiconsFor } from '../extract/lexicons.ts';
import { findMentions } from '../extract/mentions.ts';
import { sentenceIndex, tokenIndexes, tokenMaps, type DocContext } from '../extract/context.ts';
import { buildFrames, chargeListTokens, cueEffects, type Frame } from '../extract/frames.ts';
import { attachArguments, carryOver, documentSubject } from '../extract/arguments.ts';
import { mergeFrames } from '../extract/merge.ts';
import { clauseSegments, frameEvidence } from '../extract/evidence.ts';
import { toIncident } from '../extract/assemble.ts';
import { keepFrame } from '../extract/filter.ts';
import type { Mention } from '../extract/mentions.ts';
import type { TriggerValue } from '../extract/lexicons.ts';

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
  /** places to resolve against: the built-in gazetteer when absent, or one with imported GeoNames dumps */
  gazetteer?: Gazetteer;
}

export interface TraceEntry {
  stage: string;
  added: unknown[];
}

export interface ExtractResult extends Extraction {
  trace?: TraceEntry[];
}

function guard<T>(stage: string, issues: ExtractionIssue[], fallback: T, f: () => T): T {
  try {
    return f();
  } catch (err) {
    // a stage that fails on odd input loses its own annotations, never the document
    issues.push({ code: `${stage}.failed`, stage, message: err instanceof Error ? err.name : 'error', span: null });
    return fallback;
  }
}

function frameTrace(ctx: DocContext, f: Frame) {
  return {
    key: f.key,
    type: f.type,
    sentence: f.sentence,
    triggers: f.triggers.map((t) => `${t.value.id}:${ctx.a.raw.slice(t.rawStart, t.rawEnd)}`),
    actors: f.actors.map((a) => `${a.role}:${a.id}${a.carried ? `(${a.carried})` : ''}`),
    counts: Object.fromEntries(Object.entries(f.counts).map(([k, c]) => [k, `${c!.q.value} (${c!.rule})`])),
    earlier: f.earlier,
    reference: f.reference,
  };
}

export function extractDocument(input: ExtractInput, options: ExtractOptions = {}): ExtractResult {
  const text = typeof input.text === 'string' ? input.text : '';
  const issues: ExtractionIssue[] = [];
  const trace: TraceEntry[] = [];
  const a = guard('text', issues, null, () => analyze(text, input.lang));
  const published = input.published ?? null;
  const document = {
    id: input.id ?? createDocId(text),
    lang: a?.lang ?? input.lang ?? 'ar',
    title: input.title ?? null,
    url: input.url ?? null,
    published,
    text,
    alternates: input.alternates ?? [],
  };
  const incidents = guard('extract', issues, [], () => {
    if (!a) return [];
    const lex = lexiconsFor(a.lang);
    const m = findMentions(a, lex);
    const quantities = guard('quantities', issues, [], () => findQuantities(a));
    const times = guard('times', issues, [], () => findTimes(a, published));
    const { sentOf, clauseOf } = tokenMaps(a);
    const places = guard('places', issues, [], () => findPlaces(a, { gazetteer: options.gazetteer }));
    const { countNounAtToken, triggerAtToken } = tokenIndexes(a.tokens.length, m);
    // a literal without a spread in the middle: V8 builds it in one step
    const ctx: DocContext = { a, lex, m, quantities, times, places, published, sentOf, clauseOf, subject: null, tally: false, country: dominantCountry(places), chargeTokens: new Set(), countNounAtToken, triggerAtToken, ix: sentenceIndex(a.sentences.length, m, quantities), issues };
    ctx.chargeTokens = chargeListTokens(ctx);
    ctx.subject = documentSubject(ctx);
    const totalSentences = new Set(m.cues.filter((c) => c.value.kind === 'total').map((c) => c.sentence));
    ctx.tally = totalSentences.size >= 2;
    if (options.trace) {
      trace.push({ stage: 'mentions', added: [
        ...m.triggers.map((t) => `trigger ${t.value.id} ${a.raw.slice(t.rawStart, t.rawEnd)}`),
        ...m.actors.map((t) => `actor ${t.value.actor} ${a.raw.slice(t.rawStart, t.rawEnd)}`),
        ...m.cues.map((t) => `cue ${t.value.kind} ${a.raw.slice(t.rawStart, t.rawEnd)}`),
      ] });
      trace.push({ stage: 'quantities', added: quantities.map((q) => `${q.text} = ${q.value}${q.unit ? ` (${q.unit})` : ''}`) });
      trace.push({ stage: 'times', added: times.map((t) => `${t.text} = ${t.start}..${t.end}`) });
      trace.push({ stage: 'places', added: places.map((p) => `${p.text} = ${p.entry?.id ?? '?'} (${p.role}, precision ${p.precision})`) });
      trace.push({ stage: 'subject', added: [ctx.subject, ctx.tally ? 'tally document' : 'event report'] });
    }
    const { suppressed, lowered } = cueEffects(ctx);
    const suppressedSet = new Set<Mention<TriggerValue>>(suppressed.map((x) => x.trigger));
    const loweredMap = new Map<Mention<TriggerValue>, string[]>();
    for (const x of lowered) {
      const kinds = loweredMap.get(x.trigger);
      if (kinds) kinds.push(x.cue.value.kind);
      else loweredMap.set(x.trigger, [x.cue.value.kind]);
    }
    if (options.trace) trace.push({ stage: 'cues', added: suppressed.map((x) => `${x.cue.value.kind} «${a.raw.slice(x.cue.rawStart, x.cue.rawEnd)}» suppresses ${x.trigger.value.id}`) });
    let frames = buildFrames(ctx, suppressedSet, loweredMap);
    attachArguments(ctx, frames);
    const clauses = clauseSegments(ctx);
    for (const f of frames) f.evidence = [frameEvidence(ctx, f, clauses)];
    if (options.trace) trace.push({ stage: 'frames', added: frames.map((f) => frameTrace(ctx, f)) });
    const merged = mergeFrames(ctx, frames);
    frames = merged.frames;
    if (options.trace) trace.push({ stage: 'merge', added: merged.merges });
    carryOver(ctx, frames);
    const kept = frames.filter((f) => keepFrame(ctx, f));
    if (options.trace) trace.push({ stage: 'filter', added: frames.filter((f) => !kept.includes(f)).map((f) => `dropped ${f.key} ${f.type}`) });
    return kept.map((f) => toIncident(ctx, document.id, f));
  });
  const result: ExtractResult = { document, incidents, ...(issues.length ? { issues } : {}) };
  if (options.trace) result.trace = trace;
  return result;
}

function dominantCountry(places: Array<{ entry: { country: string; kind: string } | null; role: string }>): string | null {
  const n = new Map<string, number>();
  for (const p of places) if (p.entry && p.role === 'location' && p.entry.kind !== 'country') n.set(p.entry.country, (n.get(p.entry.country) ?? 0) + 1);
  let best: string | null = null;
  let k = 0;
  for (const [c, v] of n) if (v > k) [best, k] = [c, v];
  return best;
}

function createDocId(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return `doc-${h.toString(16).padStart(8, '0')}`;
}
