// The readable view of `rasid extract`. Terminals differ in bidi support, so every Arabic quotation
// stands alone at the end of its line: a bidi-aware terminal reorders only that run, and columns
// never interleave with right-to-left text. Widths ignore combining marks (harakat take no cell).
import type { Extraction, Incident } from '../schema.ts';

const MARKS = /[\u0300-\u036f\u064b-\u065f\u0670\u0610-\u061a\u06d6-\u06ed\u200b-\u200f\u2066-\u2069]/g;

export function displayWidth(s: string): number {
  return [...s.replace(MARKS, '')].length;
}

function padEnd(s: string, w: number): string {
  return s + ' '.repeat(Math.max(0, w - displayWidth(s)));
}

function quote(text: string, span: [number, number] | null | undefined, max = 90): string {
  if (!span) return '';
  let q = text.slice(span[0], span[1]).replace(/\s+/g, ' ').trim();
  if (q.length > max) q = q.slice(0, max - 1) + '…';
  return `«${q}»`;
}

function row(label: string, value: string, text: string, span?: [number, number] | null): string {
  const q = quote(text, span ?? null);
  return `    ${padEnd(label, 13)}${padEnd(value, 34)}${q ? ' ' + q : ''}`.trimEnd();
}

function incidentLines(inc: Incident, n: number, text: string): string[] {
  const lines = [`  ${n}. ${inc.type}  (confidence ${inc.confidence.toFixed(2)})  ${inc.summary_en}`];
  const ev = inc.evidence[0]?.span;
  lines.push(row('evidence', `[${ev?.[0] ?? ''}, ${ev?.[1] ?? ''})`, text, ev));
  for (const a of inc.actors) lines.push(row(a.role, `${a.id}${a.group ? ` (${a.group})` : ''}`, text, a.span));
  for (const l of inc.locations) {
    const where =
      l.lat !== null && l.lon !== null
        ? `${l.name} ${l.lat.toFixed(3)},${l.lon.toFixed(3)} p${l.precision}`
        : `${l.name} (no coordinates)`;
    lines.push(row(l.role && l.role !== 'location' ? l.role : 'place', where, text, l.span));
  }
  if (inc.time) {
    const t = inc.time.start ? `${inc.time.start}…${inc.time.end} p${inc.time.precision}` : 'unanchored';
    lines.push(row('time', t, text, inc.time.span));
  }
  for (const [k, c] of Object.entries(inc.counts)) {
    if (!c) continue;
    const range = c.min === c.max ? `${c.value}` : `${c.value} (${c.min}–${c.max})`;
    lines.push(row(k, `${range}${c.approximate ? ' approx.' : ''}`, text, c.span));
  }
  for (const m of inc.methods) lines.push(row('method', m.id, text, m.span));
  for (const a of inc.accusations) lines.push(row('charge', a.id, text, a.span));
  if (inc.attribution) lines.push(row('according to', '', text, inc.attribution.span));
  if (inc.violations.length) lines.push(row('violations', inc.violations.join(', '), text));
  for (const i of inc.issues ?? []) lines.push(row('issue', i.code, text, i.span));
  return lines;
}

export function formatTable(x: Extraction): string {
  const d = x.document;
  const head = `${d.id}  [${d.lang}]  published ${d.published ?? 'unknown'}  ${x.incidents.length} incident${x.incidents.length === 1 ? '' : 's'}`;
  const lines = [head];
  x.incidents.forEach((inc, i) => lines.push(...incidentLines(inc, i + 1, d.text)));
  return lines.join('\n');
}
