// Extraction throughput over a generated Arabic corpus of 20 MB, next to a lower bound measured in
// the same run: one pass of a single precompiled regular expression over the same text.
import { performance } from 'node:perf_hooks';
import { generateCorpus } from './corpus.ts';
import { extractDocument } from '../src/pipeline/index.ts';
import { analyze } from '../src/text/analyze.ts';
import { findPlaces } from '../src/geo/find-places.ts';
import { findTimes } from '../src/time/find-times.ts';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MB = 1024 * 1024;
const target = Number(process.env.RASID_BENCH_MB ?? 20) * MB;
const docs = generateCorpus(target);
const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d), 0);

const re = /(?:اعدم|أعدم|قتل|قُتل|غارة|قصف|اعتقال|نزح|اشتباك)[\u0600-\u06ff]*/g;
let t0 = performance.now();
let hits = 0;
for (const d of docs) {
  re.lastIndex = 0;
  while (re.exec(d) !== null) hits++;
}
const regexSec = (performance.now() - t0) / 1000;

t0 = performance.now();
for (const d of docs) analyze(d);
const analyzeSec = (performance.now() - t0) / 1000;

extractDocument({ text: docs[0]!, published: '2015-09-01' }); // warm the lexicons
t0 = performance.now();
const cpu0 = process.cpuUsage();
let incidents = 0;
for (let i = 0; i < docs.length; i++)
  incidents += extractDocument({ text: docs[i]!, id: `d${i}`, published: '2015-09-01' }).incidents.length;
const extractSec = (performance.now() - t0) / 1000;
// all threads: V8's garbage-collection helpers run on the other core, so this reads above wall time
const cpu = process.cpuUsage(cpu0);
const cpuSec = (cpu.user + cpu.system) / 1e6;

// what place and time resolution add: the same two stages run alone over the same analysed text
// (one document at a time: holding every analysed document would dwarf the pipeline's own memory)
let placesSec = 0;
let timesSec = 0;
for (const d of docs) {
  const a = analyze(d);
  let t = performance.now();
  findPlaces(a);
  placesSec += (performance.now() - t) / 1000;
  t = performance.now();
  findTimes(a, '2015-09-01');
  timesSec += (performance.now() - t) / 1000;
}
const rest = extractSec - placesSec - timesSec;

const mb = bytes / MB;
const peak = process.resourceUsage().maxRSS / 1024;
console.log(`extract: corpus ${mb.toFixed(1)} MB, ${docs.length} documents, ${incidents} incidents`);
console.log(`extract: lower bound (one precompiled regex pass) ${(mb / regexSec).toFixed(1)} MB/s (${hits} hits)`);
console.log(`extract: text analysis alone ${(mb / analyzeSec).toFixed(2)} MB/s`);
console.log(
  `extract: full pipeline ${(mb / extractSec).toFixed(2)} MB/s, ${(docs.length / extractSec).toFixed(0)} documents/s, ${(extractSec / regexSec).toFixed(0)}× the regex bound`,
);
console.log(
  `extract: CPU time ${cpuSec.toFixed(1)} s for ${extractSec.toFixed(1)} s of wall time (${(mb / cpuSec).toFixed(2)} MB per CPU-second, all threads)`,
);
console.log(
  `extract: places ${placesSec.toFixed(2)} s and times ${timesSec.toFixed(2)} s of ${extractSec.toFixed(2)} s: they add ${((100 * (placesSec + timesSec)) / rest).toFixed(0)} % to the rest of extraction (this corpus names a place and a date in every sentence)`,
);
console.log(`extract: peak RSS ${peak.toFixed(0)} MB`);

// Real report text: the dev reports of ../shared (when this clone sits beside it), extracted again and
// again after a warm-up pass so that the figure is the steady state, not the JIT's first compile
const realDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'corpus', 'dev');
if (existsSync(realDir)) {
  const real = readdirSync(realDir)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => readFileSync(join(realDir, f), 'utf8'));
  const realBytes = real.reduce((n, d) => n + Buffer.byteLength(d), 0);
  for (let r = 0; r < 5; r++) for (const d of real) extractDocument({ text: d, published: '2016-01-01' });
  const passes = Math.max(10, Math.ceil((4 * MB) / realBytes));
  const c0 = process.cpuUsage();
  const w0 = performance.now();
  for (let r = 0; r < passes; r++) for (const d of real) extractDocument({ text: d, published: '2016-01-01' });
  const wall = (performance.now() - w0) / 1000;
  const used = process.cpuUsage(c0);
  const realMb = (realBytes * passes) / MB;
  console.log(
    `extract: real reports (${real.length} dev reports, ${(realBytes / 1024).toFixed(0)} KB × ${passes}) ${(realMb / wall).toFixed(2)} MB/s, ${(realMb / ((used.user + used.system) / 1e6)).toFixed(2)} MB per CPU-second`,
  );
} else {
  console.log('extract: real reports skipped (no ../shared/corpus/dev beside this clone)');
}
