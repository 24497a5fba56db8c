// `rasid eval --pitf FILE`: run the English extractor on each narrative row of the PITF Worldwide
// Atrocities data (deliberate killings of non-combatants coded from news reports) and score it
// against the row's coding. The row's `Description` is the text; it is published on the row's start
// day. Rows whose description is too short to tell an event are skipped.
//
// The incident compared (the "main" one) is the killing incident with the most killed (the first in
// the text on a tie), else the first incident in the text: a PITF row codes one event or one series,
// its `Deaths Number` the whole toll, so the largest toll we read is the one that should equal it. A
// description that tells the toll place by place gives one incident per place, and their sum is the
// row's toll: that reading is scored too (deaths_exact_sum).
import { readFile } from 'node:fs/promises';
import { parse as parseSync } from 'csv-parse/sync';
import { extractDocument } from '../pipeline/index.ts';
import type { Incident, IncidentType } from '../schema.ts';
import { REMOTE_VIOLENCE_TYPES } from '../taxonomy.ts';
import { acledActor } from '../acled-coding/actors.ts';
import { distanceKm, inSplit, type AcledSplit } from '../acled/eval.ts';
import { RasidError } from '../errors.ts';

export type PitfRecord = Record<string, string>;

const REQUIRED = ['Description', 'Deaths Number', 'Injured Number', 'Perp State Role', 'Start Year'];

/** Types that kill by their nature: a PITF row tells a killing, so one of these is a detection. */
export const KILLING_TYPES: ReadonlySet<IncidentType> = new Set<IncidentType>([
  'attack',
  'execution',
  ...REMOTE_VIOLENCE_TYPES,
  'excessive_force_against_protesters',
  'mob_violence',
]);

/** The rows of a PITF CSV file (header row, comma-separated), keyed by column name. */
export async function readPitfFile(file: string): Promise<PitfRecord[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new RasidError('pitf.file', `${file}: cannot read (${(e as { code?: string }).code ?? 'error'})`);
  }
  let rows: PitfRecord[];
  try {
    rows = parseSync(text.replace(/^\uFEFF/, ''), { columns: true, relax_column_count: true, skip_empty_lines: true });
  } catch (e) {
    throw new RasidError('pitf.csv', `${file}: not valid CSV (${(e as { code?: string }).code ?? 'error'})`);
  }
  const missing = REQUIRED.filter((c) => rows.length && !(c in rows[0]!));
  if (missing.length)
    throw new RasidError('pitf.columns', `${file}: expected PITF columns, missing ${missing.join(', ')}`);
  return rows;
}

/** A description tells an event when it has at least five words. */
export function usableDescription(row: PitfRecord): boolean {
  return (row.Description ?? '').trim().split(/\s+/).length >= 5;
}

/** Decimal degrees from PITF's degrees, minutes, seconds and direction; null when not given. */
export function dms(deg?: string, min?: string, sec?: string, dir?: string): number | null {
  if (!deg?.trim() || !Number.isFinite(Number(deg))) return null;
  const v = Number(deg) + (Number(min) || 0) / 60 + (Number(sec) || 0) / 3600;
  return /^[SW]/i.test(dir?.trim() ?? '') ? -v : v;
}

function isoDay(y?: string, m?: string, d?: string): string | null {
  const [yy, mm, dd] = [Number(y), Number(m), Number(d)];
  if (!(yy > 1900 && yy < 2100 && mm >= 1 && mm <= 12 && dd >= 1 && dd <= 31)) return null;
  return `${yy}-${String(mm).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
}

export type PerpClass = 'state' | 'non_state' | 'unknown';

/** PITF's perpetrator class from `Perp State Role`; null for mixed or missing (not scored). */
export function pitfPerpClass(row: PitfRecord): PerpClass | null {
  const role = (row['Perp State Role'] ?? '').trim().toLowerCase();
  if (role.startsWith('multiple') || !role) return null;
  if (role.startsWith('unknown')) return 'unknown';
  if (role.includes('non-state')) return 'non_state';
  if (role.includes('state')) return 'state';
  return null;
}

// Ours, coarsely, from the ACLED inter code of the actor (1 state forces, 8 foreign state forces;
// 2–5 rebels and militias), except two PITF sees otherwise: the Popular Mobilisation is coded by
// PITF as militias (non-state), and «unidentified gunmen» are PITF's unknown perpetrators.
const PERP_CLASS_OVERRIDE: Record<string, PerpClass> = { pmf: 'non_state', unidentified_armed_group: 'unknown' };

export function ourPerpClass(inc: Incident | null): PerpClass {
  const perp = inc?.actors.find((a) => a.role === 'perpetrator');
  if (!perp) return 'unknown';
  const over = PERP_CLASS_OVERRIDE[perp.id];
  if (over) return over;
  const inter = acledActor(perp.id, 'IQ').inter;
  if (inter === 1 || inter === 8) return 'state';
  if (inter >= 2 && inter <= 5) return 'non_state';
  return 'unknown';
}

function firstAt(inc: Incident): number {
  return Math.min(...inc.evidence.map((e) => e.span[0]), Infinity);
}

/** The incident compared with the row (see the head of this file). */
export function mainIncident(incidents: Incident[]): Incident | null {
  const killing = incidents.filter((i) => KILLING_TYPES.has(i.type));
  const killed = (i: Incident) => (killing.length ? (i.counts.killed?.value ?? 0) : 0);
  const ranked = [...(killing.length ? killing : incidents)].sort(
    (a, b) => killed(b) - killed(a) || firstAt(a) - firstAt(b),
  );
  return ranked[0] ?? null;
}

export interface PitfRowScore {
  index: number;
  detected: boolean;
  detectedKilling: boolean;
  deaths: boolean;
  deathsSum: boolean;
  /** null when the row gives no injured number */
  injured: boolean | null;
  /** null when the row has no coordinates */
  location: boolean | null;
  /** null when PITF's perpetrator is mixed or missing */
  perp: boolean | null;
  predicted: string;
  killed: number;
  killedSum: number;
  pitfDeaths: number;
  pitfInjured: number | null;
  ourPerp: PerpClass;
  pitfPerp: PerpClass | null;
  places: string[];
}

/** Our reading of one PITF row's description, scored against the row. */
export function scorePitfRow(row: PitfRecord, index = 0): PitfRowScore {
  const published = isoDay(row['Start Year'], row['Start Month'], row['Start Day']);
  const out = extractDocument({ text: row.Description ?? '', id: `pitf-${index}`, lang: 'en', published });
  const inc = mainIncident(out.incidents);
  const killing = out.incidents.filter((i) => KILLING_TYPES.has(i.type));
  const killed = inc?.counts.killed?.value ?? 0;
  const killedSum = (killing.length ? killing : out.incidents).reduce((n, i) => n + (i.counts.killed?.value ?? 0), 0);
  const deaths = Number(row['Deaths Number']) || 0;
  const injuredCell = (row['Injured Number'] ?? '').trim();
  const pitfInjured = injuredCell && Number.isFinite(Number(injuredCell)) ? Number(injuredCell) : null;
  const lat = dms(row['Lat Degrees'], row['Lat Minutes'], row['Lat Seconds'], row['Lat Direction']);
  const lon = dms(row['Lon Degrees'], row['Lon Minutes'], row['Lon Seconds'], row['Lon Direction']);
  const places = (inc?.locations ?? []).filter(
    (l) => (!l.role || l.role === 'location') && l.lat !== null && l.lon !== null,
  );
  const pitfPerp = pitfPerpClass(row);
  const ourPerp = ourPerpClass(inc);
  return {
    index,
    detected: out.incidents.length > 0,
    detectedKilling: killing.length > 0,
    deaths: killed === deaths,
    deathsSum: killedSum === deaths,
    injured: pitfInjured === null ? null : (inc?.counts.injured?.value ?? 0) === pitfInjured,
    location: lat === null || lon === null ? null : places.some((p) => distanceKm(p.lat!, p.lon!, lat, lon) <= 25),
    perp: pitfPerp === null ? null : pitfPerp === ourPerp,
    predicted: out.incidents.map((i) => i.type).join(',') || '(none)',
    killed,
    killedSum,
    pitfDeaths: deaths,
    pitfInjured,
    ourPerp,
    pitfPerp,
    places: places.map((p) => p.name),
  };
}

export interface PitfEvalResult {
  rows: number;
  /** rows skipped for want of a usable description */
  skipped: number;
  detection_any: number;
  detection_killing: number;
  deaths_exact: number;
  deaths_exact_sum: number;
  injured_rows: number;
  injured_exact: number;
  located_rows: number;
  location_within_25km: number;
  perp_rows: number;
  perp_class: number;
  /** PITF class → ours, for the rows we got wrong (counts) */
  perp_confusion: Record<string, number>;
}

export interface PitfEvalOptions {
  split?: AcledSplit;
  onRow?: (s: PitfRowScore, row: PitfRecord) => void;
}

const ratio = (n: number, d: number) => (d ? Math.round((n / d) * 1000) / 1000 : 0);

/** The split (tune: two thirds, kept: every third row in file order) is taken before rows are skipped. */
export async function evalPitf(file: string, opts: PitfEvalOptions = {}): Promise<PitfEvalResult> {
  const split = opts.split ?? 'all';
  const rows = await readPitfFile(file);
  const scores: PitfRowScore[] = [];
  let skipped = 0;
  rows.forEach((row, index) => {
    if (!inSplit(index, split)) return;
    if (!usableDescription(row)) {
      skipped++;
      return;
    }
    const s = scorePitfRow(row, index);
    scores.push(s);
    opts.onRow?.(s, row);
  });
  const n = scores.length;
  const count = (f: (s: PitfRowScore) => boolean) => scores.filter(f).length;
  const injured = scores.filter((s) => s.injured !== null);
  const located = scores.filter((s) => s.location !== null);
  const perp = scores.filter((s) => s.perp !== null);
  const confusion: Record<string, number> = {};
  for (const s of perp) {
    if (s.perp) continue;
    const k = `${s.pitfPerp} → ${s.ourPerp}`;
    confusion[k] = (confusion[k] ?? 0) + 1;
  }
  return {
    rows: n,
    skipped,
    detection_any: ratio(
      count((s) => s.detected),
      n,
    ),
    detection_killing: ratio(
      count((s) => s.detectedKilling),
      n,
    ),
    deaths_exact: ratio(
      count((s) => s.deaths),
      n,
    ),
    deaths_exact_sum: ratio(
      count((s) => s.deathsSum),
      n,
    ),
    injured_rows: injured.length,
    injured_exact: ratio(injured.filter((s) => s.injured).length, injured.length),
    located_rows: located.length,
    location_within_25km: ratio(located.filter((s) => s.location).length, located.length),
    perp_rows: perp.length,
    perp_class: ratio(perp.filter((s) => s.perp).length, perp.length),
    perp_confusion: Object.fromEntries(Object.entries(confusion).sort((a, b) => b[1] - a[1])),
  };
}

/** The figures as readable lines; `aggregateOnly` leaves out the confusions (the kept split's). */
export function formatPitfEval(r: PitfEvalResult, aggregateOnly = false): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const lines = [
    `PITF rows: ${r.rows} (skipped without a usable description: ${r.skipped})`,
    `detection (killing type) ${pct(r.detection_killing)}`,
    `detection (any type)     ${pct(r.detection_any)}`,
    `deaths exact (main)      ${pct(r.deaths_exact)}`,
    `deaths exact (sum)       ${pct(r.deaths_exact_sum)}`,
    `injured exact            ${pct(r.injured_exact)} of ${r.injured_rows} rows with a figure`,
    `location within 25 km    ${pct(r.location_within_25km)} of ${r.located_rows} rows with coordinates`,
    `perpetrator class        ${pct(r.perp_class)} of ${r.perp_rows} rows (state / non-state / unknown)`,
  ];
  if (!aggregateOnly)
    lines.push(
      'perpetrator class disagreements (PITF → ours):',
      ...Object.entries(r.perp_confusion).map(([k, v]) => `  ${v}× ${k}`),
    );
  return lines.join('\n');
}
