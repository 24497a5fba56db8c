// Date finding throughput (findTimes) over a generated Arabic corpus, next to text analysis alone
// (analyze), which every stage pays first. Standalone: node --import tsx bench/time.bench.ts
// (RASID_BENCH_MB sets the corpus size, 10 MB by default).
import { performance } from 'node:perf_hooks';
import { generateCorpus, withExtraSentences } from './corpus.ts';
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
const docs = withExtraSentences(generateCorpus(target), EXTRA);
const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d), 0);
const mb = bytes / MB;

findTimes(analyze(docs[0]!), '2015-09-01'); // load the vocabulary outside the timing

// In batches of documents: analyze the batch, then findTimes over its results, each side timed by
// this process's CPU time (process.cpuUsage), so that other work on a shared machine does not land
// on either side; a batch is long enough for the kernel's CPU accounting to be exact.
const BATCH = 200;
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
let analyzeSec = 0;
let timesSec = 0;
let mentions = 0;
let resolved = 0;
const wall0 = performance.now();
for (let b = 0; b < docs.length; b += BATCH) {
  const batch = docs.slice(b, b + BATCH);
  const t0 = cpu();
  const analysed = batch.map((d) => analyze(d));
  const t1 = cpu();
  const found = analysed.map((a) => findTimes(a, '2015-09-01'));
  const t2 = cpu();
  analyzeSec += t1 - t0;
  timesSec += t2 - t1;
  for (const f of found) {
    mentions += f.length;
    for (const m of f) if (m.start !== null) resolved++;
  }
}
const wallSec = (performance.now() - wall0) / 1000;

const peak = process.resourceUsage().maxRSS / 1024;
console.log(
  `time: corpus ${mb.toFixed(1)} MB, ${docs.length} documents, ${mentions} time mentions (${resolved} resolved)`,
);
console.log(`time: analyze alone ${(mb / analyzeSec).toFixed(2)} MB/s of CPU time`);
console.log(
  `time: findTimes alone ${(mb / timesSec).toFixed(2)} MB/s of CPU time (adds ${((100 * timesSec) / analyzeSec).toFixed(0)}% to analyze)`,
);
console.log(
  `time: analyze + findTimes ${(mb / (analyzeSec + timesSec)).toFixed(2)} MB/s of CPU time, ${(docs.length / wallSec).toFixed(0)} documents/s wall-clock`,
);
console.log(`time: peak RSS ${peak.toFixed(0)} MB`);
