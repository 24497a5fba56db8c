// Places: built-in gazetteer load (time and memory, measured first, in a fresh process) and findPlaces
// throughput over a generated Arabic corpus next to analyze() alone, which every stage pays first.
// Standalone: node --import tsx bench/geo.bench.ts   (RASID_BENCH_MB sets the corpus size, default 10)
import { performance } from 'node:perf_hooks';
import { analyze } from '../src/text/analyze.ts';

const MB = 1024 * 1024;

// warm the text layer so that the load figure is the gazetteer's own
analyze('تهيئة: قتل مدني في مدينة');
const mem0 = process.memoryUsage();
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const { builtinGazetteer } = await import('../src/geo/gazetteer.ts');
const { findPlaces } = await import('../src/geo/find-places.ts');
const g = builtinGazetteer();
g.matcher();
findPlaces(analyze('قتل مدني في مدينة الرقة'));
const loadMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const mem1 = process.memoryUsage();
console.log(
  `gazetteer load: ${loadMs.toFixed(0)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU; ` +
    `${g.size} entries, ${g.nameIndex().size} spellings; heap +${((mem1.heapUsed - mem0.heapUsed) / MB).toFixed(1)} MB, ` +
    `RSS +${((mem1.rss - mem0.rss) / MB).toFixed(1)} MB (targets: < 300 ms, < 100 MB)`,
);

const { generateCorpus, withExtraSentences } = await import('./corpus.ts');
const target = Number(process.env.RASID_BENCH_MB ?? 10) * MB;
// our own place phrases appended to the shared templates: quarters with parents, sites, roles,
// common-word names with and without cues
const EXTRA = [
  'وسقطت قذيفة على حارة الجميلي في الرقة.',
  'ونزحت عشرات العائلات إلى تركيا عبر معبر باب السلامة.',
  'وعثر على جثث قرب حقل العمر النفطي.',
  'وقال إن الباب مفتوح أمام المصالحة.',
  'واستهدفت غارة مدينة الباب شرق حلب.',
  'ونقل المعتقلون إلى سجن صيدنايا.',
  'وفر الأهالي من الميادين باتجاه البادية.',
  'وقصف الطيران حي الفردوس في حلب.',
];
const docs = withExtraSentences(generateCorpus(target), EXTRA);
const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d), 0);
const mb = bytes / MB;

// CPU time beside wall time: on a shared machine the wall clock also counts other processes' turns
function time(fn: () => void): { wall: number; cpu: number } {
  const c = process.cpuUsage();
  const t = performance.now();
  fn();
  const u = process.cpuUsage(c);
  return { wall: (performance.now() - t) / 1000, cpu: (u.user + u.system) / 1e6 };
}

let analyzed = 0;
const tAnalyze = time(() => {
  for (const d of docs) analyzed += analyze(d).tokens.length;
});
let mentions = 0;
let resolved = 0;
const tBoth = time(() => {
  for (const d of docs) {
    const ps = findPlaces(analyze(d));
    mentions += ps.length;
    for (const p of ps) if (p.entry) resolved++;
  }
});
const rss = process.memoryUsage().rss / MB;
const rate = (t: { wall: number; cpu: number }) =>
  `${(mb / t.wall).toFixed(2)} MB/s wall, ${(mb / t.cpu).toFixed(2)} MB/s CPU`;
console.log(`corpus: ${docs.length} documents, ${mb.toFixed(1)} MB UTF-8, ${analyzed} tokens`);
console.log(`analyze alone:        ${rate(tAnalyze)}`);
console.log(`analyze + findPlaces: ${rate(tBoth)}`);
console.log(
  `findPlaces alone:     ${(mb / Math.max(1e-9, tBoth.cpu - tAnalyze.cpu)).toFixed(2)} MB/s CPU; it adds ${(((tBoth.cpu - tAnalyze.cpu) / tAnalyze.cpu) * 100).toFixed(0)} % to analysis (CPU)`,
);
console.log(`places: ${mentions} mentions, ${resolved} resolved; RSS ${rss.toFixed(0)} MB`);

// The target is relative to extraction: place resolution's share of extractDocument's time,
// over the first 1 MB of the corpus (extraction is slower than analysis by an order of magnitude).
const { extractDocument } = await import('../src/pipeline/index.ts');
const sub: string[] = [];
for (let n = 0, i = 0; i < docs.length && n < MB; i++) {
  sub.push(docs[i]!);
  n += Buffer.byteLength(docs[i]!);
}
const tExtract = time(() => {
  for (const d of sub) extractDocument({ text: d, published: '2015-06-01' });
});
const tSubAnalyze = time(() => {
  for (const d of sub) analyze(d);
});
const tSubPlaces = time(() => {
  for (const d of sub) findPlaces(analyze(d));
});
const share = (tSubPlaces.cpu - tSubAnalyze.cpu) / tExtract.cpu;
console.log(
  `extraction of ${sub.length} documents: ${tExtract.cpu.toFixed(2)} s CPU; findPlaces is ${(share * 100).toFixed(1)} % of it (target: place and time together < 20 %)`,
);
