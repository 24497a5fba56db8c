// `rasid eval --fakes FILE`: run the English extractor on each article of FA-KES (Abu Salem et al. 2019:
// English news about the Syrian war, 2011–2017) and score it against the fields crowd-coded for the
// article's main incident: governorate, actor, cause of death, civilians killed. These are SILVER
// labels (crowd answers checked against the VDC database, one incident per article even when the
// article tells several), not span-level gold: read the figures as agreement, not accuracy.
//
// The file is read as latin-1 (a few stray bytes are not UTF-8). The text is the article's content,
// with its title in front when the content does not already begin with it; it is published on the
// article's date. The `label` column (credible / fake) plays no part: every article is scored.
//
// Per article: detection (a killing incident, where the article has deaths), governorate (any place of
// any incident lies in the coded governorate, by the gazetteer's admin1), cause of death (the main
// incident's type or a method of it belongs to the coded cause), actor (a perpetrator of the main
// incident belongs to the coded class), civilians killed (the main incident's killed within ±20 % of
// the coded civilians, and exactly equal where the article states that figure). The main incident is
// PITF's: the killing incident with the most killed, else the first in the text.
import { readFile } from 'node:fs/promises';
import { parse as parseSync } from 'csv-parse/sync';
import { extractDocument } from '../pipeline/index.ts';
import type { Incident, IncidentType } from '../schema.ts';
import { KILLING_TYPES, mainIncident } from '../pitf/eval.ts';
import { inSplit, type AcledSplit } from '../acled/eval.ts';
import { RasidError } from '../errors.ts';

export type FakesRecord = Record<string, string>;

const REQUIRED = ['article_title', 'article_content', 'date', 'location', 'actor', 'cause_of_death', 'nb_civilians'];

/** FA-KES governorate → the gazetteer's admin1 names it covers. FA-KES has no Rural Damascus: its
 * «damascus» articles tell of Douma and Ghouta as well as the city. */
export const GOVERNORATES: Record<string, readonly string[]> = {
  aleppo: ['Aleppo'],
  damascus: ['Damascus', 'Rural Damascus'],
  idlib: ['Idleb'],
  'deir ezzor': ['Deir-ez-Zor'],
  raqqa: ['Ar-Raqqa'],
  homs: ['Homs'],
  hasakeh: ['Al-Hasakeh'],
  hama: ['Hama'],
  daraa: ["Dar'a"],
  lattakia: ['Lattakia'],
  quneitra: ['Quneitra'],
  tartous: ['Tartous'],
  sweida: ['As-Sweida'],
};

export type Cause = 'shelling' | 'explosion' | 'chemical' | 'shooting' | 'execution';

/** The types and methods that tell each cause of death. */
export const CAUSES: Record<Cause, { types: readonly IncidentType[]; methods: readonly string[] }> = {
  shelling: {
    types: ['shelling', 'air_strike'],
    methods: ['shelling', 'air_strike', 'barrel_bomb', 'rocket', 'missile'],
  },
  explosion: {
    types: ['explosive_device', 'suicide_bomb', 'grenade'],
    methods: ['ied', 'car_bomb', 'landmine', 'suicide_attack'],
  },
  chemical: { types: ['chemical_weapon'], methods: ['chemical'] },
  shooting: { types: [], methods: ['shooting', 'sniper'] },
  execution: {
    types: ['execution'],
    methods: ['beheading', 'hanging', 'crucifixion', 'stoning', 'throwing_from_height'],
  },
};

/** FA-KES's cause of death as ours; null for «unknown» or anything else (not scored). */
export function fakesCause(cell: string | undefined): Cause | null {
  const c = (cell ?? '').trim().toLowerCase();
  if (c.startsWith('chemical')) return 'chemical';
  return c in CAUSES ? (c as Cause) : null;
}

export type ActorClass = 'government' | 'isis' | 'coalition' | 'opposition' | 'sdf' | 'nusra';

/** Our actor ids in each FA-KES actor class (the government side includes its Russian, Iranian and
 * Hezbollah allies; the Turkey-backed factions are opposition; HTS is the Nusra Front renamed). */
export const ACTOR_CLASSES: Record<ActorClass, readonly string[]> = {
  government: ['syrian_government', 'russia', 'iran_backed_militias', 'hezbollah'],
  isis: ['isis'],
  coalition: ['international_coalition'],
  opposition: ['syrian_opposition', 'sna'],
  sdf: ['sdf', 'ypg'],
  nusra: ['hts'],
};

/** FA-KES's actor as a class; null for «unknown» (not scored). */
export function fakesActorClass(cell: string | undefined): ActorClass | null {
  const a = (cell ?? '').trim().toLowerCase();
  if (a.startsWith('syrian government') || a.includes('russian')) return 'government';
  if (a.includes('isis') || a.includes('islamic state')) return 'isis';
  if (a.includes('coalition')) return 'coalition';
  if (a.includes('opposition')) return 'opposition';
  if (a.includes('self administration')) return 'sdf';
  if (a.includes('nusra')) return 'nusra';
  return null;
}

/** Our class of an incident's perpetrators (the first that has one), or null. */
export function ourActorClass(inc: Incident | null): ActorClass | null {
  for (const a of inc?.actors ?? []) {
    if (a.role !== 'perpetrator') continue;
    const c = (Object.keys(ACTOR_CLASSES) as ActorClass[]).find((k) => ACTOR_CLASSES[k].includes(a.id));
    if (c) return c;
  }
  return null;
}

/** The rows of a FA-KES CSV file, read as latin-1 and keyed by column name. */
export async function readFakesFile(file: string): Promise<FakesRecord[]> {
  let text: string;
  try {
    text = await readFile(file, 'latin1');
  } catch (e) {
    throw new RasidError('fakes.file', `${file}: cannot read (${(e as { code?: string }).code ?? 'error'})`);
  }
  let rows: FakesRecord[];
  try {
    rows = parseSync(text.replace(/^\u00EF\u00BB\u00BF/, ''), {
      columns: true,
      relax_column_count: true,
      skip_empty_lines: true,
    });
  } catch (e) {
    throw new RasidError('fakes.csv', `${file}: not valid CSV (${(e as { code?: string }).code ?? 'error'})`);
  }
  const missing = REQUIRED.filter((c) => rows.length && !(c in rows[0]!));
  if (missing.length)
    throw new RasidError('fakes.columns', `${file}: expected FA-KES columns, missing ${missing.join(', ')}`);
  return rows;
}

/** FA-KES dates are month/day/two-digit year («4/5/17»). */
export function fakesDate(cell: string | undefined): string | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec((cell ?? '').trim());
  if (!m) return null;
  const [mm, dd, yy] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const year = yy < 100 ? 2000 + yy : yy;
  if (mm < 1 || mm > 12 || dd < 1 || dd > 31) return null;
  return `${year}-${String(mm).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
}

/** The article as one text: the title in front unless the content's opening already holds it. */
export function articleText(row: FakesRecord): string {
  const title = (row.article_title ?? '').trim();
  const content = (row.article_content ?? '').trim();
  if (!title || content.slice(0, 400).toLowerCase().includes(title.slice(0, 30).toLowerCase())) return content;
  return `${title}.\n\n${content}`;
}

const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'].concat([
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
  'twenty',
]);

/** Whether the text states the figure: as digits (not inside a longer number) or, up to twenty, as a word. */
export function statesFigure(text: string, n: number): boolean {
  if (new RegExp(`(^|[^\\d.,])${n}(?![\\d]|[.,]\\d)`).test(text)) return true;
  const word = NUMBER_WORDS[n];
  return word !== undefined && new RegExp(`\\b${word}\\b`, 'i').test(text);
}

const int = (cell: string | undefined) => {
  const n = Number((cell ?? '').trim());
  return Number.isFinite(n) && n >= 0 ? Math.round(n) : 0;
};

export interface FakesRowScore {
  index: number;
  /** the article has deaths (civilians or others) */
  hasDeaths: boolean;
  detected: boolean;
  detectedKilling: boolean;
  /** null when the governorate is not one we know */
  governorate: boolean | null;
  /** the same, on the main incident's places alone */
  governorateMain: boolean | null;
  /** null for an unknown cause */
  cause: boolean | null;
  /** null for an unknown actor */
  actor: boolean | null;
  /** null when no civilians are coded */
  civilians20: boolean | null;
  /** null unless civilians are coded and the article states the figure */
  civiliansExact: boolean | null;
  predicted: string;
  killed: number;
  fakesCivilians: number;
  fakesGovernorate: string;
  ourAdmin1: string[];
  fakesCause: Cause | null;
  ourCause: string;
  fakesActor: ActorClass | null;
  ourActor: ActorClass | null;
}

const placesOf = (incs: Incident[]) =>
  incs.flatMap((i) => i.locations.filter((l) => !l.role || l.role === 'location').map((l) => l.admin1 ?? ''));

/** Our reading of one FA-KES article, scored against its coded fields. */
export function scoreFakesRow(row: FakesRecord, index = 0): FakesRowScore {
  const text = articleText(row);
  const out = extractDocument({ text, id: `fakes-${index}`, lang: 'en', published: fakesDate(row.date) });
  const inc = mainIncident(out.incidents);
  const killing = out.incidents.filter((i) => KILLING_TYPES.has(i.type));
  const civilians = int(row.nb_civilians);
  const hasDeaths = civilians + int(row.nb_noncivilians) > 0;
  const gov = (row.location ?? '').trim().toLowerCase();
  const admin1s = GOVERNORATES[gov];
  const ours = placesOf(out.incidents);
  const oursMain = placesOf(inc ? [inc] : []);
  const cause = fakesCause(row.cause_of_death);
  const fits = (i: Incident, c: Cause) =>
    CAUSES[c].types.includes(i.type) || i.methods.some((m) => CAUSES[c].methods.includes(m.id));
  const ourCause = inc ? [inc.type, ...inc.methods.map((m) => m.id)].join('+') : '(none)';
  const actorClass = fakesActorClass(row.actor);
  const ourActor = ourActorClass(inc);
  const killed = inc && KILLING_TYPES.has(inc.type) ? (inc.counts.killed?.value ?? 0) : 0;
  return {
    index,
    hasDeaths,
    detected: out.incidents.length > 0,
    detectedKilling: killing.length > 0,
    governorate: admin1s ? ours.some((a) => admin1s.includes(a)) : null,
    governorateMain: admin1s ? oursMain.some((a) => admin1s.includes(a)) : null,
    cause: cause === null ? null : inc !== null && fits(inc, cause),
    actor: actorClass === null ? null : ourActor === actorClass,
    civilians20: civilians > 0 ? Math.abs(killed - civilians) <= 0.2 * civilians : null,
    civiliansExact: civilians > 0 && statesFigure(text, civilians) ? killed === civilians : null,
    predicted: out.incidents.map((i) => i.type).join(',') || '(none)',
    killed,
    fakesCivilians: civilians,
    fakesGovernorate: gov,
    ourAdmin1: [...new Set(ours.filter(Boolean))],
    fakesCause: cause,
    ourCause,
    fakesActor: actorClass,
    ourActor,
  };
}

/** A share and the rows it is taken over. */
export interface Share {
  rows: number;
  value: number;
}

export interface FakesEvalResult {
  rows: number;
  detection_any: Share;
  /** over articles with deaths */
  detection_killing: Share;
  governorate_any: Share;
  governorate_main: Share;
  cause: Share;
  actor: Share;
  civilians_within_20pct: Share;
  civilians_exact_stated: Share;
  /** FA-KES → ours, for the cause and actor disagreements (counts) */
  cause_confusion: Record<string, number>;
  actor_confusion: Record<string, number>;
}

export interface FakesEvalOptions {
  split?: AcledSplit;
  onRow?: (s: FakesRowScore, row: FakesRecord) => void;
}

function share(scores: FakesRowScore[], f: (s: FakesRowScore) => boolean | null): Share {
  const scored = scores.map(f).filter((v): v is boolean => v !== null);
  const n = scored.length;
  return { rows: n, value: n ? Math.round((scored.filter(Boolean).length / n) * 1000) / 1000 : 0 };
}

function confusion(scores: FakesRowScore[], pick: (s: FakesRowScore) => string | null): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of scores) {
    const k = pick(s);
    if (k !== null) out[k] = (out[k] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(out).sort((a, b) => b[1] - a[1]));
}

/** The split (tune: two thirds, kept: every third row in file order) is PITF's and ACLED's. */
export async function evalFakes(file: string, opts: FakesEvalOptions = {}): Promise<FakesEvalResult> {
  const split = opts.split ?? 'all';
  const rows = await readFakesFile(file);
  const scores: FakesRowScore[] = [];
  rows.forEach((row, index) => {
    if (!inSplit(index, split)) return;
    const s = scoreFakesRow(row, index);
    scores.push(s);
    opts.onRow?.(s, row);
  });
  return {
    rows: scores.length,
    detection_any: share(scores, (s) => s.detected),
    detection_killing: share(scores, (s) => (s.hasDeaths ? s.detectedKilling : null)),
    governorate_any: share(scores, (s) => s.governorate),
    governorate_main: share(scores, (s) => s.governorateMain),
    cause: share(scores, (s) => s.cause),
    actor: share(scores, (s) => s.actor),
    civilians_within_20pct: share(scores, (s) => s.civilians20),
    civilians_exact_stated: share(scores, (s) => s.civiliansExact),
    cause_confusion: confusion(scores, (s) => (s.cause === false ? `${s.fakesCause} → ${s.ourCause}` : null)),
    actor_confusion: confusion(scores, (s) => (s.actor === false ? `${s.fakesActor} → ${s.ourActor ?? 'none'}` : null)),
  };
}

/** The figures as readable lines; `aggregateOnly` leaves out the confusions (the kept split's). */
export function formatFakesEval(r: FakesEvalResult, aggregateOnly = false): string {
  const line = (label: string, s: Share, of: string) =>
    `${label.padEnd(26)}${(s.value * 100).toFixed(1).padStart(5)} % of ${s.rows} ${of}`;
  const lines = [
    `FA-KES articles: ${r.rows} (silver labels: crowd-coded fields of one main incident per article)`,
    line('detection (killing type)', r.detection_killing, 'articles with deaths'),
    line('detection (any type)', r.detection_any, 'articles'),
    line('governorate (any place)', r.governorate_any, 'articles'),
    line('governorate (main)', r.governorate_main, 'articles'),
    line('cause of death', r.cause, 'articles with a known cause'),
    line('actor class', r.actor, 'articles with a known actor'),
    line('civilians killed ±20 %', r.civilians_within_20pct, 'articles with civilians killed'),
    line('civilians killed exact', r.civilians_exact_stated, 'articles stating the figure'),
  ];
  if (!aggregateOnly) {
    const top = (c: Record<string, number>) =>
      Object.entries(c)
        .slice(0, 15)
        .map(([k, v]) => `  ${v}× ${k}`);
    lines.push('cause disagreements (FA-KES → ours):', ...top(r.cause_confusion));
    lines.push('actor disagreements (FA-KES → ours):', ...top(r.actor_confusion));
  }
  return lines.join('\n');
}
