// Pages that used to stall ingestion (issue 12): 2,000 nested <div>s (22 KB, 34 s before), 100,000
// nested <div>s (1 MB, minutes), and a 10 MB page of 100,000 paragraphs (100 s, 2 GB, 100,000
// incidents). Each is read and extracted as `rasid ingest` does it: in a document thread
// (src/service/document-threads.ts) with the default limits, so its budget is kept for real. Prints
// the time of each against its budget, the incidents kept, and this process's peak RSS, threads
// included (the target: under 500 MB for the 10 MB page). Then the cost of the thread itself: short
// documents extracted in this thread and through a thread, per document.
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractDocument } from '../src/pipeline/index.ts';
import { DEFAULT_EXTRACT_LIMITS } from '../src/config.ts';
import { budgetOf, inlineRunner, type DocumentRunner } from '../src/service/document-runner.ts';
import type { DocumentThreads as Threads } from '../src/service/document-threads.ts';

// the threads as the command runs them: built JavaScript (`npm run bench` builds first), not the
// sources compiled on the fly in every thread
const { DocumentThreads } = (await import(new URL('../dist/service/document-threads.js', import.meta.url).href)) as {
  DocumentThreads: typeof Threads;
};

const TOWNS = ['al-Mayadin', 'Raqqa', 'Idlib', 'Homs', 'Mosul', 'Kirkuk', 'Hama', 'Daraa'];
const para = (i: number) =>
  `On ${1 + (i % 27)} May 2016, gunmen shot dead ${2 + (i % 5)} civilians in ${TOWNS[i % TOWNS.length]}, activists said.`;
const nested = (n: number) => [
  `<!doctype html><html lang="en"><head><title>Deep</title></head><body>${'<div>'.repeat(n)}<p>${para(1)}</p>${'</div>'.repeat(n)}</body></html>`,
];
function* paragraphs(n: number): Iterable<string> {
  yield '<!doctype html><html lang="en"><head><title>Many</title></head><body>';
  for (let i = 0; i < n; i++) yield `<p>${para(i)} The monitor has their names.</p>\n`;
  yield '</body></html>';
}
const limits = DEFAULT_EXTRACT_LIMITS;
const dir = mkdtempSync(join(tmpdir(), 'rasid-hostile-'));

/** The page as a file's bytes, as ingest reads it: written piece by piece, never one string here. */
function pageFile(name: string, pieces: Iterable<string>): Buffer {
  const file = join(dir, `${name.replace(/\W+/g, '-')}.html`);
  const fd = openSync(file, 'w');
  for (const p of pieces) writeSync(fd, p);
  closeSync(fd);
  return readFileSync(file);
}

async function run(runner: DocumentRunner, name: string, pieces: Iterable<string>): Promise<void> {
  const bytes = pageFile(name, pieces);
  const budget = budgetOf(limits);
  const t0 = performance.now();
  const read = await runner.read({ bytes, label: name, path: `${name}.html` }, {}, budget);
  if (read.kind !== 'document') throw new Error(`${name}: read as ${read.kind}`);
  const t1 = performance.now();
  const doc = { ...read.document, lang: 'en' as const };
  const ex = await runner.extract('bench', doc, limits, budget, name);
  const t2 = performance.now();
  const capped = ex.issues?.some((i) => i.code === 'document.incidents-capped') ? ' (capped)' : '';
  console.log(
    `${name.padEnd(20)} ${(bytes.length / 1048576).toFixed(2).padStart(6)} MB  read ${(t1 - t0).toFixed(0).padStart(6)} ms  extract ${(t2 - t1).toFixed(0).padStart(6)} ms  total ${((t2 - t0) / 1000).toFixed(1)} s of ${limits.budgetMs / 1000} s budget  ${ex.incidents.length} incidents${capped}`,
  );
}

async function perDocument(runner: DocumentRunner, n: number): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const doc = { text: para(i), title: null, url: null, lang: 'en' as const, published: '2016-06-01', alternates: [] };
    await runner.extract(`d${i}`, doc, limits, budgetOf(limits), `d${i}`);
  }
  return (performance.now() - t0) / n;
}

const threads = new DocumentThreads({ size: 1, published: true });
try {
  // the thread loads lexicons and gazetteer once, before its first document (not charged to it)
  const t0 = performance.now();
  await perDocument(threads, 1);
  console.log(
    `thread start-up (lexicons, gazetteer) ${(performance.now() - t0).toFixed(0)} ms, once per thread; RSS now ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB`,
  );
  await run(threads, '2,000 nested divs', nested(2_000));
  await run(threads, '100,000 nested divs', nested(100_000));
  await run(threads, '100,000 paragraphs', paragraphs(100_000));
  console.log(
    `limits: ${limits.maxIncidents} incidents, parts of ${limits.partChars} characters, ${limits.budgetMs / 1000} s per document`,
  );
  console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (threads included)`);

  const inline = inlineRunner((input) => extractDocument(input));
  await perDocument(inline, 20);
  const N = 300;
  const here = await perDocument(inline, N);
  // the 10 MB page retired its thread (its heap goes with it): start the next one before timing
  await perDocument(threads, 1);
  const there = await perDocument(threads, N);
  console.log(
    `one-sentence documents: ${here.toFixed(2)} ms each in this thread, ${there.toFixed(2)} ms through a thread (+${(there - here).toFixed(2)} ms)`,
  );
} finally {
  await threads.close();
  rmSync(dir, { recursive: true, force: true });
}
