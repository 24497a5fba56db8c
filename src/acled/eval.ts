// `rasid eval --acled FILE`: run the English extractor on each ACLED row's notes (published = the
// row's event_date) and score our coding against ACLED's. The incident compared is the first one in
// the notes' text order (earliest evidence, then the extractor's own order): ACLED notes lead with the
// event the row codes.
import { extractDocument } from '../pipeline/index.ts';
import type { Incident } from '../schema.ts';
import { actorIdFromAcled } from '../acled-coding/actors.ts';
import { acledActor1Id } from '../acled-coding/conventions.ts';
import { parseAcledDate, readAcledFile, type AcledRecord } from './parse.ts';

export interface AcledEvalResult {
  rows: number;
  /** rows where the extractor found no incident at all */
  no_incident: number;
  event_type_accuracy: number;
  sub_event_type_accuracy: number;
  /** our killed value (none = 0) equals ACLED's fatalities */
  fatalities_exact: number;
  /** one of our places lies within 25 km of ACLED's point (50 km at ACLED geo_precision 3), as the contract scores places */
  location_within_25km: number;
  /** the actor our ACLED export puts in actor1 (first perpetrator; for an unnamed one ACLED's own
   * convention: protesters, rioters, unidentified military forces or armed group) is ACLED's actor1 */
  actor1_accuracy: number;
  /** the same, counting only perpetrators the text names */
  actor1_named_accuracy: number;
  /** actor1_accuracy over rows whose actor1 our table maps */
  actor1_accuracy_mapped: number;
  /** per ACLED event_type: rows and how many we typed the same */
  by_event_type: Record<string, { rows: number; event_type: number; sub_event_type: number; fatalities: number }>;
  /** ACLED pair → our pair, for the rows we got wrong (counts) */
  confusion: Record<string, number>;
}

export interface RowScore {
  eventId: string;
  eventType: boolean;
  subEventType: boolean;
  fatalities: boolean;
  location: boolean;
  actor1: boolean | null;
  actor1Named: boolean | null;
  predicted: string;
  expected: string;
  killed: number;
  acledFatalities: number;
}

const R = 6371;
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(a)));
}

function firstInText(incidents: Incident[]): Incident | null {
  let best: Incident | null = null;
  let bestAt = Infinity;
  for (const inc of incidents) {
    const at = Math.min(...inc.evidence.map((e) => e.span[0]), Infinity);
    // the extractor lists incidents in the order of their first trigger: on a tie the earlier one wins
    if (at < bestAt) {
      best = inc;
      bestAt = at;
    }
  }
  return best ?? incidents[0] ?? null;
}

/** Our coding of one ACLED row's notes, scored against the row. */
export function scoreRow(row: AcledRecord): RowScore {
  const published = parseAcledDate(row.event_date ?? '');
  const out = extractDocument({ text: row.notes ?? '', id: row.event_id_cnty, lang: 'en', published });
  const inc = firstInText(out.incidents);
  const killed = inc?.counts.killed?.value ?? 0;
  const fatalities = Number(row.fatalities) || 0;
  const lat = Number(row.latitude);
  const lon = Number(row.longitude);
  // as the contract scores places (section 7): found when any place of ours lies within 25 km of
  // ACLED's point, 50 km when ACLED itself only knows the region (geo_precision 3)
  const radius = row.geo_precision === '3' ? 50 : 25;
  const places = (inc?.locations ?? []).filter(
    (l) => (!l.role || l.role === 'location') && l.lat !== null && l.lon !== null,
  );
  const want = actorIdFromAcled(row.actor1 ?? '');
  const ours = inc ? acledActor1Id(inc) : null;
  return {
    eventId: row.event_id_cnty ?? '',
    eventType: inc?.acled?.event_type === row.event_type,
    subEventType: inc?.acled?.event_type === row.event_type && inc?.acled?.sub_event_type === row.sub_event_type,
    fatalities: killed === fatalities,
    location:
      Number.isFinite(lat) &&
      Number.isFinite(lon) &&
      places.some((p) => distanceKm(p.lat!, p.lon!, lat, lon) <= radius),
    actor1: want ? ours?.id === want.id : null,
    actor1Named: want ? !!ours && !ours.unnamed && ours.id === want.id : null,
    predicted: inc?.acled ? `${inc.acled.event_type} / ${inc.acled.sub_event_type}` : inc ? `(${inc.type})` : '(none)',
    expected: `${row.event_type} / ${row.sub_event_type}`,
    killed,
    acledFatalities: fatalities,
  };
}

const ratio = (n: number, d: number) => (d ? Math.round((n / d) * 1000) / 1000 : 0);

/**
 * A fixed split of a file's rows, so that rules tuned on some rows can be judged on rows nobody read:
 * `kept` is every third row in file order (the 3rd, 6th, 9th…), `tune` the other two thirds, `all` both.
 */
export const ACLED_SPLITS = ['all', 'tune', 'kept'] as const;
export type AcledSplit = (typeof ACLED_SPLITS)[number];

export function inSplit(index: number, split: AcledSplit): boolean {
  if (split === 'all') return true;
  return (index % 3 === 2) === (split === 'kept');
}

export interface AcledEvalOptions {
  split?: AcledSplit;
  onRow?: (s: RowScore) => void;
}

export async function evalAcled(file: string, opts: AcledEvalOptions = {}): Promise<AcledEvalResult> {
  const split = opts.split ?? 'all';
  const scores: RowScore[] = [];
  const byType: AcledEvalResult['by_event_type'] = {};
  let index = -1;
  for await (const row of readAcledFile(file)) {
    index++;
    if (!inSplit(index, split)) continue;
    const s = scoreRow(row);
    scores.push(s);
    opts.onRow?.(s);
    const t = (byType[String(row.event_type)] ??= { rows: 0, event_type: 0, sub_event_type: 0, fatalities: 0 });
    t.rows++;
    t.event_type += Number(s.eventType);
    t.sub_event_type += Number(s.subEventType);
    t.fatalities += Number(s.fatalities);
  }
  const confusion: Record<string, number> = {};
  for (const s of scores) {
    if (s.subEventType) continue;
    const k = `${s.expected} → ${s.predicted}`;
    confusion[k] = (confusion[k] ?? 0) + 1;
  }
  const n = scores.length;
  const mapped = scores.filter((s) => s.actor1 !== null);
  return {
    rows: n,
    no_incident: scores.filter((s) => s.predicted === '(none)').length,
    event_type_accuracy: ratio(scores.filter((s) => s.eventType).length, n),
    sub_event_type_accuracy: ratio(scores.filter((s) => s.subEventType).length, n),
    fatalities_exact: ratio(scores.filter((s) => s.fatalities).length, n),
    location_within_25km: ratio(scores.filter((s) => s.location).length, n),
    actor1_accuracy: ratio(scores.filter((s) => s.actor1 === true).length, n),
    actor1_named_accuracy: ratio(scores.filter((s) => s.actor1Named === true).length, n),
    actor1_accuracy_mapped: ratio(mapped.filter((s) => s.actor1 === true).length, mapped.length),
    by_event_type: byType,
    confusion: Object.fromEntries(Object.entries(confusion).sort((a, b) => b[1] - a[1])),
  };
}

/** The figures as readable lines for the terminal; `aggregateOnly` leaves out the disagreements (for
 * the kept split, whose errors are not to be read while tuning). */
export function formatAcledEval(r: AcledEvalResult, aggregateOnly = false): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const lines = [
    `ACLED rows: ${r.rows} (no incident found in ${r.no_incident})`,
    `event_type accuracy      ${pct(r.event_type_accuracy)}`,
    `sub_event_type accuracy  ${pct(r.sub_event_type_accuracy)}`,
    `fatalities exact         ${pct(r.fatalities_exact)}`,
    `location within 25 km    ${pct(r.location_within_25km)}`,
    `actor1 accuracy          ${pct(r.actor1_accuracy)} as our ACLED export codes it; ${pct(r.actor1_named_accuracy)} counting named perpetrators only`,
    'by ACLED event_type (rows · same event_type · same sub_event_type · fatalities exact):',
    ...Object.entries(r.by_event_type).map(
      ([k, v]) => `  ${k}: ${v.rows} · ${v.event_type} · ${v.sub_event_type} · ${v.fatalities}`,
    ),
  ];
  if (!aggregateOnly)
    lines.push(
      'most frequent disagreements (ACLED → ours):',
      ...Object.entries(r.confusion)
        .slice(0, 10)
        .map(([k, v]) => `  ${v}× ${k}`),
    );
  return lines.join('\n');
}
