// Section 7 of the incident contract, the same arithmetic as ../shared/tools/score.py so both
// report identical figures (a test compares them on the dev set).
import type { Extraction, Incident } from '../schema.ts';

export interface GoldIncident {
  type: string;
  evidence: string;
  actors?: Record<string, string[]>;
  locations?: Array<{ name?: string; lat: number; lon: number; country?: string; precision?: number }>;
  counts?: Record<string, { value: number; approximate?: boolean }>;
  methods?: string[];
  accusations?: string[];
  violations?: string[];
}

export interface GoldDocument {
  doc: string;
  lang?: string;
  published?: string | null;
  incidents: GoldIncident[];
}

export interface ScoredDocument {
  name: string;
  lang: string;
  text: string;
  gold: GoldDocument;
  /** null when no prediction exists for the document */
  prediction: Extraction | null;
}

export type PRF = [number, number, number] | null;

export interface Scores {
  documents: number;
  missing_predictions: string[];
  incidents_gold: number;
  incidents_pred: number;
  detection_prf: PRF;
  detection_lenient_prf: PRF;
  actors_prf: PRF;
  locations_prf: PRF;
  counts_prf: PRF;
  methods_prf: PRF;
  accusations_prf: PRF;
  violations_prf: PRF;
  bad_spans: number;
  spans: number;
  time_coverage: number | null;
}

export interface PerDoc {
  name: string;
  gold: number;
  pred: number;
  matched: number;
}

const ACLED_GROUP: Record<string, string> = {
  armed_clash: 'Battles',
  government_regains_territory: 'Battles',
  non_state_overtakes_territory: 'Battles',
  air_strike: 'ER',
  shelling: 'ER',
  explosive_device: 'ER',
  suicide_bomb: 'ER',
  chemical_weapon: 'ER',
  grenade: 'ER',
  attack: 'VAC',
  execution: 'VAC',
  abduction: 'VAC',
  sexual_violence: 'VAC',
  peaceful_protest: 'Protests',
  protest_with_intervention: 'Protests',
  excessive_force_against_protesters: 'Protests',
  violent_demonstration: 'Riots',
  mob_violence: 'Riots',
  arrests: 'SD',
  looting: 'SD',
  agreement: 'SD',
  group_change: 'SD',
  headquarters_established: 'SD',
  non_violent_transfer: 'SD',
  disrupted_weapons_use: 'SD',
  forced_recruitment: 'SD',
  forced_labour: 'SD',
  coercion: 'SD',
  displacement: 'none',
};

class Tally {
  tp = 0;
  fp = 0;
  fn = 0;
  add(pred: Iterable<string>, gold: Iterable<string>): void {
    const p = new Set(pred);
    const g = new Set(gold);
    for (const x of p)
      if (g.has(x)) this.tp++;
      else this.fp++;
    for (const x of g) if (!p.has(x)) this.fn++;
  }
  prf(): PRF {
    if (this.tp + this.fp + this.fn === 0) return null;
    const p = this.tp + this.fp ? this.tp / (this.tp + this.fp) : this.fn ? 0 : 1;
    const r = this.tp + this.fn ? this.tp / (this.tp + this.fn) : 1;
    const f = p + r ? (2 * p * r) / (p + r) : 0;
    return [round3(p), round3(r), round3(f)];
  }
}

/**
 * Python's round(x, 3). toFixed rounds the exact binary value like Python does; they differ only on
 * exact ties (odd multiples of 1/16 in [0, 1]), where Python rounds half to even.
 */
export function round3(x: number): number {
  if (Number.isInteger(x * 16) && !Number.isInteger(x * 8)) {
    const fl = Math.floor(x * 1000);
    return (fl % 2 === 0 ? fl : fl + 1) / 1000;
  }
  return Number(x.toFixed(3));
}

export function haversineKm(a: [number, number], b: [number, number]): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const [la1, lo1, la2, lo2] = [rad(a[0]), rad(a[1]), rad(b[0]), rad(b[1])];
  const h = Math.sin((la2 - la1) / 2) ** 2 + Math.cos(la1) * Math.cos(la2) * Math.sin((lo2 - lo1) / 2) ** 2;
  return 6371 * 2 * Math.asin(Math.sqrt(h));
}

function overlap(a: [number, number], b: [number, number]): number {
  return Math.max(0, Math.min(a[1], b[1]) - Math.max(a[0], b[0]));
}

function spansOf(inc: Incident): Array<[number, number]> {
  return (inc.evidence ?? [])
    .map((e) => e.span)
    .filter((s): s is [number, number] => Array.isArray(s) && s.length === 2);
}

const FIELD_KEYS = ['actors', 'locations', 'counts', 'methods', 'accusations', 'violations'] as const;

export function score(docs: ScoredDocument[]): { scores: Scores; perDoc: PerDoc[] } {
  const det = new Tally();
  const detLenient = new Tally();
  const fields = Object.fromEntries(FIELD_KEYS.map((k) => [k, new Tally()])) as Record<
    (typeof FIELD_KEYS)[number],
    Tally
  >;
  let badSpans = 0;
  let totalSpans = 0;
  let timeHave = 0;
  let timeNeed = 0;
  const missing: string[] = [];
  const perDoc: PerDoc[] = [];

  for (const d of [...docs].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0))) {
    const preds = d.prediction?.incidents ?? [];
    if (!d.prediction) missing.push(d.name);
    const ptext = d.prediction?.document?.text || d.text;
    // Spans are UTF-16 offsets, which is what JavaScript strings index: no conversion needed here.
    for (const inc of preds) {
      for (const key of ['actors', 'locations', 'methods', 'accusations'] as const) {
        for (const x of (inc[key] ?? []) as Array<{ span?: [number, number] | null }>) {
          const sp = x?.span;
          if (!sp) continue;
          totalSpans++;
          if (!(sp[0] >= 0 && sp[0] < sp[1] && sp[1] <= ptext.length) || !ptext.slice(sp[0], sp[1]).trim()) badSpans++;
        }
      }
    }
    const golds = d.gold.incidents.map((g) => {
      let i = ptext.indexOf(g.evidence);
      if (i < 0) i = d.text.indexOf(g.evidence);
      return { g, span: [i, i + g.evidence.length] as [number, number] };
    });
    const used = new Set<number>();
    const matched: Array<[GoldIncident, Incident]> = [];
    for (const { g, span } of golds) {
      let best: { j: number; p: Incident } | null = null;
      let bestOv = 0;
      preds.forEach((p, j) => {
        if (used.has(j) || p.type !== g.type) return;
        const ov = Math.max(0, ...spansOf(p).map((s) => overlap(span, s)));
        if (ov > bestOv) {
          best = { j, p };
          bestOv = ov;
        }
      });
      if (best) {
        const { j, p } = best;
        used.add(j);
        matched.push([g, p]);
      }
    }
    det.tp += matched.length;
    det.fn += golds.length - matched.length;
    det.fp += preds.length - matched.length;
    const used2 = new Set<number>();
    let tp2 = 0;
    for (const { g, span } of golds) {
      for (const [j, p] of preds.entries()) {
        if (used2.has(j) || ACLED_GROUP[p.type] !== ACLED_GROUP[g.type]) continue;
        if (Math.max(0, ...spansOf(p).map((s) => overlap(span, s))) > 0) {
          used2.add(j);
          tp2++;
          break;
        }
      }
    }
    detLenient.tp += tp2;
    detLenient.fn += golds.length - tp2;
    detLenient.fp += preds.length - tp2;
    perDoc.push({ name: d.name, gold: golds.length, pred: preds.length, matched: matched.length });

    for (const [g, p] of matched) {
      if (d.gold.published) {
        timeNeed++;
        if (p.time?.start) timeHave++;
      }
      if (g.actors) {
        const role = (r: string) => (r === 'target' ? 'victim' : r);
        const gp = Object.entries(g.actors).flatMap(([r, ids]) => ids.map((a) => `${role(r)}\u0000${a}`));
        const pp = (p.actors ?? []).map((a) => `${role(a.role)}\u0000${a.id}`);
        fields.actors.add(pp, gp);
      }
      if (g.locations) {
        const plocs = (p.locations ?? [])
          .filter((l) => l.lat !== null && l.lat !== undefined)
          .map((l) => [l.lat as number, l.lon as number] as [number, number]);
        let hit = 0;
        for (const gl of g.locations) {
          const tol = gl.precision === 3 ? 50 : 25;
          if (plocs.some((q) => haversineKm([gl.lat, gl.lon], q) <= tol)) hit++;
        }
        fields.locations.tp += hit;
        fields.locations.fn += g.locations.length - hit;
        fields.locations.fp += Math.max(0, plocs.length - hit);
      }
      if (g.counts) {
        const pc = Object.entries(p.counts ?? {})
          .filter(([, v]) => v && typeof v === 'object')
          .map(([k, v]) => `${k}\u0000${v.value}`);
        fields.counts.add(
          pc,
          Object.entries(g.counts).map(([k, v]) => `${k}\u0000${v.value}`),
        );
      }
      if (g.methods)
        fields.methods.add(
          (p.methods ?? []).map((x) => x.id),
          g.methods,
        );
      if (g.accusations)
        fields.accusations.add(
          (p.accusations ?? []).map((x) => x.id),
          g.accusations,
        );
      if (g.violations) fields.violations.add(p.violations ?? [], g.violations);
    }
  }
  const scores: Scores = {
    documents: docs.length,
    missing_predictions: missing,
    incidents_gold: det.tp + det.fn,
    incidents_pred: det.tp + det.fp,
    detection_prf: det.prf(),
    detection_lenient_prf: detLenient.prf(),
    actors_prf: fields.actors.prf(),
    locations_prf: fields.locations.prf(),
    counts_prf: fields.counts.prf(),
    methods_prf: fields.methods.prf(),
    accusations_prf: fields.accusations.prf(),
    violations_prf: fields.violations.prf(),
    bad_spans: badSpans,
    spans: totalSpans,
    time_coverage: timeNeed ? round3(timeHave / timeNeed) : null,
  };
  return { scores, perDoc };
}
