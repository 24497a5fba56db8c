// Date finding throughput (findTimes) over a generated Arabic corpus, next to text analysis alone
// (analyze), which every stage pays first. Standalone: node --import tsx bench/time.bench.ts
import { performance } from 'node:perf_hooks';
import { generateCorpus } from './corpus.ts';
import { analyze } from '../src/text/analyze.ts';
import { findTimes } from '../src/time/find-times.ts';

const MB = 1024 * 1024;
const target = Number(process.env.RASID_BENCH_MB ?? 10) * MB;

// The shared corpus with a date phrase of our own appended to every paragraph, so that every
// phrase type the grammar reads is exercised.
const EXTRA = [
  'وكان التنظيم قد اعتقلهم في 3 تموز (يوليو) 2014.',
  'وذلك يوم 5/6/2016 بحسب ناشطين.',
  'وتتواصل الحملة منذ مطلع العام.',
  'ووقعت الحادثة في 15 رمضان 1436 هـ.',
  'وقتل ثلاثة آخرون قبل 3 أيام.',
  'وتصاعدت الاعتقالات خلال الأيام القليلة الماضية.',
  'ونزح الأهالي في أواخر أيار 2015.',
  'وأعدم التنظيم شاباً يوم الجمعة الماضي.',
];
const docs = generateCorpus(target).map((d, i) =>
  d
    .split('\n')
    .map((p, k) => `${p} ${EXTRA[(i + k) % EXTRA.length]}`)
    .join('\n'),
);
const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d), 0);
const mb = bytes / MB;

findTimes(analyze(docs[0]), '2015-09-01'); // load the vocabulary outside the timing

// Two passes over the same documents: analyze alone, then analyze + findTimes. The difference is
// what dates cost a pipeline, garbage collection of the shared token arrays included.
let t0 = performance.now();
for (const d of docs) analyze(d);
const analyzeSec = (performance.now() - t0) / 1000;

let mentions = 0;
let resolved = 0;
t0 = performance.now();
for (const d of docs) {
  const found = findTimes(analyze(d), '2015-09-01');
  mentions += found.length;
  for (const m of found) if (m.start !== null) resolved++;
}
const bothSec = (performance.now() - t0) / 1000;
const timesSec = Math.max(bothSec - analyzeSec, 1e-9);

const peak = process.resourceUsage().maxRSS / 1024;
console.log(`time: corpus ${mb.toFixed(1)} MB, ${docs.length} documents, ${mentions} time mentions (${resolved} resolved)`);
console.log(`time: analyze alone ${(mb / analyzeSec).toFixed(2)} MB/s`);
console.log(`time: analyze + findTimes ${(mb / bothSec).toFixed(2)} MB/s, ${(docs.length / bothSec).toFixed(0)} documents/s`);
console.log(`time: findTimes alone ${(mb / timesSec).toFixed(2)} MB/s (adds ${((100 * timesSec) / analyzeSec).toFixed(0)}% to analyze)`);
console.log(`time: peak RSS ${peak.toFixed(0)} MB`);
