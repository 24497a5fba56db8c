// Turns an incident's field spans into non-overlapping segments of the source text, each carrying
// the fields that cover it, so the page can colour one field per mark without touching HTML.
import type { Incident, Span } from './types.ts';

export const FIELD_KINDS = ['actor', 'location', 'time', 'count', 'method', 'accusation', 'attribution'] as const;
export type FieldKind = (typeof FIELD_KINDS)[number] | 'evidence';

export interface Mark {
  start: number;
  end: number;
  kind: FieldKind;
  label: string;
}

export interface Segment {
  start: number;
  end: number;
  /** most specific (narrowest) first; evidence last */
  kinds: FieldKind[];
  labels: string[];
}

const PRIORITY: FieldKind[] = [...FIELD_KINDS, 'evidence'];
// evidence is the backdrop, always beneath the fields
const rank = (m: Mark) => (m.kind === 'evidence' ? 1 : 0);

export function incidentMarks(inc: Incident, textLength: number): Mark[] {
  const marks: Mark[] = [];
  const add = (span: Span | null | undefined, kind: FieldKind, label: string) => {
    if (!span) return;
    const start = Math.max(0, Math.min(span[0], textLength));
    const end = Math.max(start, Math.min(span[1], textLength));
    if (end > start) marks.push({ start, end, kind, label });
  };
  for (const e of inc.evidence) add(e.span, 'evidence', 'evidence');
  for (const a of inc.actors) add(a.span, 'actor', `${a.role}: ${a.id}`);
  for (const l of inc.locations) add(l.span, 'location', l.name);
  if (inc.time) add(inc.time.span, 'time', [inc.time.start, inc.time.end].filter(Boolean).join(' – '));
  for (const [key, c] of Object.entries(inc.counts)) if (c) add(c.span, 'count', `${key}: ${c.value}`);
  for (const m of inc.methods) add(m.span, 'method', m.id);
  for (const a of inc.accusations) add(a.span, 'accusation', a.id);
  if (inc.attribution) add(inc.attribution.span, 'attribution', 'attribution');
  return marks;
}

export function segments(textLength: number, marks: Mark[]): Segment[] {
  const cuts = new Set<number>([0, textLength]);
  for (const m of marks) {
    cuts.add(m.start);
    cuts.add(m.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    if (end <= start) continue;
    // the narrowest mark is the most specific: «ثلاثة» is a count inside the victims «ثلاثة رجال»
    const covering = marks
      .filter((m) => m.start <= start && m.end >= end)
      .sort(
        (a, b) =>
          rank(a) - rank(b) ||
          a.end - a.start - (b.end - b.start) ||
          PRIORITY.indexOf(a.kind) - PRIORITY.indexOf(b.kind),
      );
    const kinds = [...new Set(covering.map((m) => m.kind))];
    const prev = out[out.length - 1];
    const labels = covering.filter((m) => m.kind !== 'evidence').map((m) => m.label);
    if (prev && prev.kinds.join() === kinds.join() && prev.labels.join() === labels.join()) prev.end = end;
    else out.push({ start, end, kinds, labels });
  }
  return out;
}

/** Only http(s) URLs become links; anything else (javascript:, data:) is shown as text. */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}
