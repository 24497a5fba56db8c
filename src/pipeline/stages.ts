// The extraction stages in the order they run. Each reads what the stages above it left in the
// document state and adds its own field; the comments say why one must come before another.
import type { PageStart } from '../input/paged.ts';
import { markPages } from '../extract/pages.ts';
import type { ExtractionIssue, Incident } from '../schema.ts';
import type { AnalyzedText } from '../text/analyze.ts';
import type { Quantity } from '../quantity/types.ts';
import type { TimeMention } from '../time/types.ts';
import type { PlaceMention } from '../geo/types.ts';
import type { Gazetteer } from '../geo/gazetteer.ts';
import { analyze } from '../text/analyze.ts';
import { findQuantities } from '../quantity/find.ts';
import { findTimes } from '../time/find-times.ts';
import { findPlaces } from '../geo/find-places.ts';
import { lexiconsFor, type Lexicons, type TriggerValue } from '../extract/lexicons.ts';
import { findMentions, type Mention, type Mentions } from '../extract/mentions.ts';
import { sentenceIndex, tokenIndexes, tokenMaps, type DocContext } from '../extract/context.ts';
import { buildFrames, chargeListTokens, cueEffects, type CueEffect, type Frame } from '../extract/frames.ts';
import { attachArguments, carryOver, documentSubject } from '../extract/arguments.ts';
import { dropUncharged } from '../extract/arguments/lists.ts';
import { mergeFrames } from '../extract/merge.ts';
import { clauseSegments, frameEvidence } from '../extract/evidence.ts';
import { assessRealis, toldAsEvent } from '../extract/realis.ts';
import { resolveDocumentEvents, type EventDecision } from '../extract/events.ts';
import { toIncident } from '../extract/assemble.ts';
import { keepFrame } from '../extract/filter.ts';
import type { Stage } from './run.ts';

export interface DocState {
  text: string;
  lang?: 'ar' | 'en';
  published: string | null;
  gazetteer?: Gazetteer;
  issues: ExtractionIssue[];
  a?: AnalyzedText;
  lex?: Lexicons;
  m?: Mentions;
  quantities?: Quantity[];
  times?: TimeMention[];
  places?: PlaceMention[];
  ctx?: DocContext;
  suppressed?: CueEffect[];
  lowered?: CueEffect[];
  frames?: Frame[];
  merges?: Array<{ into: number; from: number }>;
  decisions?: EventDecision[];
  dropped?: Frame[];
  /** frames whose realis is not an event that happened */
  untold?: Frame[];
  docId: string;
  /** paged sources (PDF, scans): where each page starts in the text */
  pages?: PageStart[];
  incidents: Incident[];
}

type DocStage = Stage<DocState>;

function need<T>(x: T | undefined, what: string): T {
  if (x === undefined) throw new ReferenceError(`${what} missing`);
  return x;
}

const slice = (s: DocState, m: { rawStart: number; rawEnd: number }) => s.text.slice(m.rawStart, m.rawEnd);

function frameTrace(s: DocState, f: Frame) {
  return {
    key: f.key,
    type: f.type,
    sentence: f.sentence,
    triggers: f.triggers.map((t) => `${t.value.id}:${slice(s, t)}`),
    actors: f.actors.map((a) => `${a.role}:${a.id}${a.carried ? `(${a.carried})` : ''}`),
    counts: Object.fromEntries(Object.entries(f.counts).map(([k, c]) => [k, `${c.q.value} (${c.rule})`])),
    realis: f.realis,
    earlier: f.earlier,
    reference: f.reference,
  };
}

export const STAGES: ReadonlyArray<DocStage> = [
  {
    name: 'text',
    onError: 'stop',
    run: (s) => {
      s.a = analyze(s.text, s.lang);
    },
  },
  {
    name: 'mentions',
    onError: 'stop',
    run: (s) => {
      const a = need(s.a, 'text');
      s.lex = lexiconsFor(a.lang);
      s.m = findMentions(a, s.lex);
    },
    trace: (s) => {
      const m = need(s.m, 'mentions');
      return [
        ...m.triggers.map((t) => `trigger ${t.value.id} ${slice(s, t)}`),
        ...m.actors.map((t) => `actor ${t.value.actor} ${slice(s, t)}`),
        ...m.cues.map((t) => `cue ${t.value.kind} ${slice(s, t)}`),
      ];
    },
  },
  // quantities, times and places read only the analysed text; a failure in one loses its own
  // annotations, never the document
  {
    name: 'quantities',
    onError: 'skip',
    run: (s) => {
      s.quantities = findQuantities(need(s.a, 'text'));
    },
    trace: (s) => (s.quantities ?? []).map((q) => `${q.text} = ${q.value}${q.unit ? ` (${q.unit})` : ''}`),
  },
  {
    name: 'times',
    onError: 'skip',
    run: (s) => {
      s.times = findTimes(need(s.a, 'text'), s.published);
    },
    trace: (s) => (s.times ?? []).map((t) => `${t.text} = ${t.start}..${t.end}`),
  },
  {
    name: 'places',
    onError: 'skip',
    run: (s) => {
      s.places = findPlaces(need(s.a, 'text'), { gazetteer: s.gazetteer });
    },
    trace: (s) =>
      (s.places ?? []).map((p) => `${p.text} = ${p.entry?.id ?? '?'} (${p.role}, precision ${p.precision})`),
  },
  // the document-wide context: the subject («التنظيم» = IS) and whether the report is a tally need
  // every mention, and every later stage reads them
  {
    name: 'subject',
    onError: 'stop',
    run: (s) => {
      const a = need(s.a, 'text');
      const m = need(s.m, 'mentions');
      const quantities = s.quantities ?? [];
      const places = s.places ?? [];
      const { sentOf, clauseOf } = tokenMaps(a);
      const { countNounAtToken, triggerAtToken } = tokenIndexes(a.tokens.length, m);
      // a literal without a spread in the middle: V8 builds it in one step
      const ctx: DocContext = {
        a,
        lex: need(s.lex, 'lexicons'),
        m,
        quantities,
        times: s.times ?? [],
        places,
        published: s.published,
        sentOf,
        clauseOf,
        subject: null,
        tally: false,
        country: dominantCountry(places),
        chargeTokens: new Set(),
        countNounAtToken,
        triggerAtToken,
        ix: sentenceIndex(a.sentences.length, m, quantities),
        issues: s.issues,
      };
      ctx.chargeTokens = chargeListTokens(ctx);
      dropUncharged(ctx);
      ctx.subject = documentSubject(ctx);
      const totalSentences = new Set(m.cues.filter((c) => c.value.kind === 'total').map((c) => c.sentence));
      ctx.tally = totalSentences.size >= 2;
      s.ctx = ctx;
    },
    trace: (s) => [s.ctx?.subject ?? null, s.ctx?.tally ? 'tally document' : 'event report'],
  },
  {
    name: 'cues',
    onError: 'stop',
    run: (s) => {
      const { suppressed, lowered } = cueEffects(need(s.ctx, 'subject'));
      s.suppressed = suppressed;
      s.lowered = lowered;
    },
    trace: (s) =>
      (s.suppressed ?? []).map((x) => `${x.cue.value.kind} «${slice(s, x.cue)}» suppresses ${x.trigger.value.id}`),
  },
  // frames, then their arguments and evidence: arguments are found around each frame's clauses
  {
    name: 'frames',
    onError: 'stop',
    run: (s) => {
      const ctx = need(s.ctx, 'subject');
      const suppressed = new Set<Mention<TriggerValue>>((s.suppressed ?? []).map((x) => x.trigger));
      const lowered = new Map<Mention<TriggerValue>, string[]>();
      for (const x of s.lowered ?? []) {
        const kinds = lowered.get(x.trigger);
        if (kinds) kinds.push(x.cue.value.kind);
        else lowered.set(x.trigger, [x.cue.value.kind]);
      }
      const frames = attachArguments(ctx, buildFrames(ctx, suppressed, lowered));
      const clauses = clauseSegments(ctx);
      for (const f of frames) f.evidence = [frameEvidence(ctx, f, clauses)];
      s.frames = frames;
    },
    trace: (s) => (s.frames ?? []).map((f) => frameTrace(s, f)),
  },
  // realis before merging: whether a mention tells an event that happened decides what it may join
  {
    name: 'realis',
    onError: 'stop',
    run: (s) => assessRealis(need(s.ctx, 'subject'), need(s.frames, 'frames')),
    trace: (s) =>
      (s.frames ?? [])
        .filter((f) => f.realis !== 'actual')
        .map((f) => `${f.key} ${f.type} ${f.realis} (${f.realisRule})`),
  },
  {
    name: 'merge',
    onError: 'stop',
    run: (s) => {
      // habits, kinds of event, backgrounds and failed attempts neither become incidents nor lend an
      // incident their words
      const frames = need(s.frames, 'frames');
      s.untold = frames.filter((f) => !toldAsEvent(f));
      const told = frames.filter(toldAsEvent);
      const merged = mergeFrames(
        need(s.ctx, 'subject'),
        told.filter((f) => !f.heading),
      );
      s.frames = [...merged.frames, ...told.filter((f) => f.heading)].sort(
        // every frame is opened by a trigger
        (x, y) => x.triggers[0]!.tokenStart - y.triggers[0]!.tokenStart,
      );
      s.merges = merged.merges;
    },
    trace: (s) => [
      ...(s.untold ?? []).map((f) => `not an event: ${f.key} ${f.type} (${f.realis})`),
      ...(s.merges ?? []),
    ],
  },
  // the document-level event layer: headlines, leads and their breakdowns, retellings by other
  // sources; after merging, so that it compares whole events rather than clauses
  {
    name: 'events',
    onError: 'stop',
    run: (s) => {
      const r = resolveDocumentEvents(need(s.frames, 'frames'), need(s.a, 'text').lang);
      s.frames = r.frames;
      s.decisions = r.decisions;
    },
    trace: (s) => s.decisions ?? [],
  },
  {
    name: 'carry-over',
    onError: 'stop',
    run: (s) => carryOver(need(s.ctx, 'subject'), need(s.frames, 'frames')),
  },
  {
    name: 'filter',
    onError: 'stop',
    run: (s) => {
      const ctx = need(s.ctx, 'subject');
      const frames = need(s.frames, 'frames');
      const kept = frames.filter((f) => keepFrame(ctx, f));
      s.dropped = frames.filter((f) => !kept.includes(f));
      s.frames = kept;
      s.incidents = kept.map((f) => toIncident(ctx, s.docId, f));
    },
    trace: (s) => (s.dropped ?? []).map((f) => `dropped ${f.key} ${f.type}`),
  },
  {
    // last: pages only label the evidence the stages found, and OCR only lowers what they were sure of
    name: 'pages',
    onError: 'skip',
    run: (s) => {
      if (s.pages?.length) markPages(s.incidents, s.pages);
    },
    trace: (s) =>
      s.pages?.length ? s.incidents.map((i) => `${i.type} p. ${i.evidence.map((e) => e.page).join(', ')}`) : [],
  },
];

function dominantCountry(
  places: Array<{ entry: { country: string; kind: string } | null; role: string }>,
): string | null {
  const n = new Map<string, number>();
  for (const p of places)
    if (p.entry && p.role === 'location' && p.entry.kind !== 'country')
      n.set(p.entry.country, (n.get(p.entry.country) ?? 0) + 1);
  let best: string | null = null;
  let k = 0;
  for (const [c, v] of n) if (v > k) [best, k] = [c, v];
  return best;
}
