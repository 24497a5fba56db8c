// A systematic test of the Arabic place finder that does not depend on the dev reports: reference
// places (place-probe-refs.ts) put into sentence frames of the kinds reports use («قصف الطيران قرية X
// بريف حماة الشمالي», «في بلدة X شرقي دير الزور», «بX», «لX», «وX»), spelled as writers vary them
// (ة/ه, ى/ي, hamza), and common words that are also place names put where their ordinary reading is
// meant. The sample is drawn with a fixed seed; every third name is held out, and for those only
// figures are reported. The frames are ours (no report text).
import { analyze } from '../text/analyze.ts';
import { arabicKey, builtinGazetteer, type Gazetteer } from './gazetteer.ts';
import { findPlaces, distanceKm } from './find-places.ts';
import type { RefPlace } from './place-probe-refs.ts';
import type { GazetteerEntry } from './types.ts';
import { COUNTER_FRAMES } from './place-probe-counter.ts';

/** One name of the sample: every reference bearer of its spelling, and the one parent frames name. */
export interface ProbeName {
  nameAr: string;
  key: string;
  bearers: RefPlace[];
  target: RefPlace;
  held: boolean;
}

export type FrameGroup = 'plain' | 'clitic' | 'variant' | 'parent' | 'quarter';

interface Ctx {
  x: string;
  /** governorate name, its countryside phrase («ريف دمشق» for Rural Damascus) and the direction from its seat */
  gov: string | null;
  rif: string | null;
  dir: Direction | null;
  district: string | null;
  /** a city of another governorate, in whose quarter frames the name is a quarter («حي X في حلب») */
  city: { ar: string; at: GazetteerEntry } | null;
}

interface Direction {
  /** «شمال» */
  noun: string;
  /** «الشمالي» */
  adj: string;
}

interface Frame {
  id: string;
  group: FrameGroup;
  /** the sentence with «@» before the name's first token, or null when the frame does not apply */
  build(c: Ctx): string | null;
  /** parent frames name the target's own governorate or district: they must land on the target;
   * quarter frames name another city: they must land in it or nowhere, never on the namesake town */
  parent: boolean | 'city';
}

const withL = (x: string) => (x.startsWith('ال') ? `لل${x.slice(2)}` : `ل${x}`);

/** Orthographic variants writers use; null when the name has no such letter. */
const VARIANTS: Array<[string, (x: string) => string | null]> = [
  ['ta-marbuta', (x) => (/ة(\s|$)/.test(x) ? x.replace(/ة(\s|$)/g, 'ه$1') : null)],
  [
    'alif-maqsura',
    (x) => (/ى(\s|$)/.test(x) ? x.replace(/ى(\s|$)/g, 'ي$1') : /ي$/.test(x) ? x.replace(/ي$/, 'ى') : null),
  ],
  ['hamza', (x) => (/[أإآ]/.test(x) ? x.replace(/[أإآ]/g, 'ا') : null)],
];

const FRAMES: Frame[] = [
  { id: 'village', group: 'plain', parent: false, build: (c) => `قصف الطيران الحربي قرية @${c.x} صباح اليوم` },
  { id: 'town', group: 'plain', parent: false, build: (c) => `قتل ثلاثة مدنيين في بلدة @${c.x} برصاص قناص` },
  { id: 'city', group: 'plain', parent: false, build: (c) => `دخلت القوات مدينة @${c.x} بعد اشتباكات عنيفة` },
  { id: 'bare', group: 'plain', parent: false, build: (c) => `سقطت قذائف صاروخية على @${c.x} ليلة أمس` },
  { id: 'bi', group: 'clitic', parent: false, build: (c) => `اعتقلت الدورية شابين @ب${c.x} فجر اليوم` },
  { id: 'li', group: 'clitic', parent: false, build: (c) => `وصلت تعزيزات عسكرية @${withL(c.x)} من جهة الشرق` },
  {
    id: 'wa',
    group: 'clitic',
    parent: false,
    build: (c) => `قصفت المدفعية المنازل ليلا، @و${c.x} تتعرض لقصف مستمر منذ أيام`,
  },
  ...VARIANTS.map(([id, v]): Frame => ({
    id,
    group: 'variant',
    parent: false,
    build: (c) => {
      const y = v(c.x);
      return y ? `قتل ثلاثة مدنيين في بلدة @${y} برصاص قناص` : null;
    },
  })),
  {
    id: 'rif-dir',
    group: 'parent',
    parent: true,
    build: (c) => (c.rif && c.dir ? `قصف الطيران قرية @${c.x} بريف ${c.rif} ${c.dir.adj}` : null),
  },
  {
    id: 'dir-gov',
    group: 'parent',
    parent: true,
    build: (c) => (c.gov && c.dir ? `انفجرت عبوة ناسفة في بلدة @${c.x} ${c.dir.noun}ي ${c.gov}` : null),
  },
  {
    id: 'in-gov',
    group: 'parent',
    parent: true,
    build: (c) => (c.gov ? `داهمت القوات بلدة @${c.x} في محافظة ${c.gov} واعتقلت شابين` : null),
  },
  {
    id: 'belongs-to',
    group: 'parent',
    parent: true,
    build: (c) => (c.district ? `قتل مدني في قرية @${c.x} التابعة لمنطقة ${c.district} برصاص مجهولين` : null),
  },
  {
    id: 'quarter-in',
    group: 'quarter',
    parent: 'city',
    build: (c) => (c.city ? `قصفت الطائرات حي @${c.x} في ${c.city.ar} وقتلت مدنيين` : null),
  },
  {
    id: 'quarter-bi',
    group: 'quarter',
    parent: 'city',
    build: (c) => (c.city ? `داهمت دورية منازل في حي @${c.x} ب${c.city.ar} فجر اليوم` : null),
  },
];

/** Cities whose quarters the quarter frames name: the first one outside the place's governorate. */
const QUARTER_CITIES: Array<[string, string]> = [
  ['حلب', 'Aleppo'],
  ['حمص', 'Homs'],
  ['بغداد', 'Baghdad'],
];

const DIRECTIONS: Record<string, Direction> = {
  n: { noun: 'شمال', adj: 'الشمالي' },
  s: { noun: 'جنوب', adj: 'الجنوبي' },
  e: { noun: 'شرق', adj: 'الشرقي' },
  w: { noun: 'غرب', adj: 'الغربي' },
};

/** The side of the governorate's seat a place lies on; none within 8 km of it (it is the seat). */
function directionFrom(seat: GazetteerEntry, p: RefPlace): Direction | null {
  if (distanceKm(seat, p) < 8) return null;
  const dy = p.lat - seat.lat;
  const dx = (p.lon - seat.lon) * Math.cos((seat.lat * Math.PI) / 180);
  return Math.abs(dx) > Math.abs(dy) ? DIRECTIONS[dx > 0 ? 'e' : 'w']! : DIRECTIONS[dy > 0 ? 'n' : 's']!;
}

/** mulberry32: a small seeded generator, so the sample is the same on every machine. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Names grouped by spelling key, shuffled with the seed, cut to `size`; every third one is held out. */
export function sampleNames(refs: RefPlace[], seed: number, size: number): ProbeName[] {
  const byKey = new Map<string, RefPlace[]>();
  for (const r of refs) {
    const k = arabicKey(r.nameAr);
    if (k.replace(/^ال/, '').length < 3) continue;
    const list = byKey.get(k) ?? [];
    list.push(r);
    byKey.set(k, list);
  }
  const keys = [...byKey.keys()].sort();
  const rand = rng(seed);
  for (let i = keys.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [keys[i], keys[j]] = [keys[j]!, keys[i]!];
  }
  return keys.slice(0, size).map((key, i) => {
    const bearers = byKey.get(key)!;
    const target = bearers[Math.floor(rand() * bearers.length)]!;
    return { nameAr: target.nameAr, key, bearers, target, held: i % 3 === 2 };
  });
}

export interface ProbeRow {
  name: ProbeName;
  frame: string;
  group: FrameGroup;
  sentence: string;
  found: boolean;
  resolved: GazetteerEntry | null;
  /** km from the nearest admissible bearer (the target in parent frames), when resolved */
  km: number | null;
}

function quarterCity(g: Gazetteer, n: ProbeName): { ar: string; at: GazetteerEntry } | null {
  for (const [ar, admin1] of QUARTER_CITIES) {
    if (n.bearers.some((b) => b.admin1 === admin1) || arabicKey(ar) === n.key) continue;
    const at = g.lookup(ar).find((e) => e.kind === 'city');
    if (at) return { ar, at };
  }
  return null;
}

function govOf(g: Gazetteer, p: RefPlace): GazetteerEntry | null {
  return g.entries.find((e) => e.kind === 'governorate' && e.country === p.country && e.admin1 === p.admin1) ?? null;
}

/** The mention that covers the name in the sentence (its first letter lies at `at`). */
function mentionAt(sentence: string, at: number, g: Gazetteer) {
  const a = analyze(sentence, 'ar');
  return findPlaces(a, { gazetteer: g }).find((m) => m.rawStart <= at && m.rawEnd > at) ?? null;
}

export function runProbe(names: ProbeName[], g: Gazetteer = builtinGazetteer()): ProbeRow[] {
  const rows: ProbeRow[] = [];
  for (const n of names) {
    const seat = govOf(g, n.target);
    const govName = seat?.names_ar[0] ?? null;
    // a place that is its governorate's seat («حماة بريف حماة») gets no parent frames
    const own = govName !== null && arabicKey(govName) === n.key;
    const ctx: Ctx = {
      x: n.nameAr,
      gov: own ? null : govName,
      rif: own || !govName ? null : govName.replace(/^ريف /, ''),
      dir: seat && !own ? directionFrom(seat, n.target) : null,
      district: n.target.districtAr && arabicKey(n.target.districtAr) !== n.key ? n.target.districtAr : null,
      city: quarterCity(g, n),
    };
    for (const f of FRAMES) {
      const marked = f.build(ctx);
      if (!marked) continue;
      // «@» marks where the name's first token (clitics included) starts
      const at = marked.indexOf('@');
      const sentence = marked.replace('@', '');
      const m = mentionAt(sentence, at, g);
      const admissible = f.parent === 'city' ? [ctx.city!.at] : f.parent ? [n.target] : n.bearers;
      const e = m?.entry ?? null;
      rows.push({
        name: n,
        frame: f.id,
        group: f.group,
        sentence,
        found: m !== null,
        resolved: e,
        km: e ? Math.min(...admissible.map((b) => distanceKm(e, b))) : null,
      });
    }
  }
  return rows;
}

export interface Figures {
  sentences: number;
  found: number;
  within25: number;
  wrong: number;
}

export function figures(rows: ProbeRow[]): Figures {
  const n = rows.length || 1;
  const r = (x: number) => Math.round((x / n) * 1000) / 1000;
  return {
    sentences: rows.length,
    found: r(rows.filter((x) => x.found).length),
    within25: r(rows.filter((x) => x.km !== null && x.km <= 25).length),
    wrong: r(rows.filter((x) => x.km !== null && x.km > 25).length),
  };
}

export interface CounterRow {
  word: string;
  sentence: string;
  held: boolean;
  /** the place the finder read there, if any */
  place: string | null;
}

/** Common-word sentences: the word must yield no place. Every third word (in file order) is held out. */
export function runCounter(g: Gazetteer = builtinGazetteer()): CounterRow[] {
  return COUNTER_FRAMES.map(([word, sentence], i) => {
    const a = analyze(sentence, 'ar');
    const at = sentence.indexOf(word);
    const m = findPlaces(a, { gazetteer: g }).find((x) => x.rawStart <= at && x.rawEnd > at);
    const place = m
      ? m.entry
        ? `${m.entry.name} (${m.entry.admin1 ?? m.entry.country})`
        : `«${m.text}» unresolved`
      : null;
    return { word, sentence, held: i % 3 === 2, place };
  });
}
