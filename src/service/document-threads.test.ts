// Documents read and extracted in worker threads: the same answers as in this thread, errors with
// their codes, and a document whose one part outlasts its budget is stopped (the thread is
// terminated, not asked) while the next document still gets its answer.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { extractDocument } from '../pipeline/index.ts';
import { DEFAULT_EXTRACT_LIMITS } from '../config.ts';
import { budgetMessage, budgetOf, inlineRunner } from './document-runner.ts';
import { DocumentThreads } from './document-threads.ts';

const threads = new DocumentThreads({ size: 1 });
after(() => threads.close());

const PAGE = `<!doctype html><html lang="en"><head><title>Two events</title></head><body><article>
<p>On 3 May 2016, gunmen shot dead four civilians in Raqqa, activists said.</p>
<p>On 9 May 2016, an air strike on a market in Idlib killed seven people, a local doctor said.</p>
</article></body></html>`;
const bytes = (s: string) => new TextEncoder().encode(s);
const roomy = { ...DEFAULT_EXTRACT_LIMITS, budgetMs: 600_000 };

test('a page read and extracted in a thread gives what this thread gives', async () => {
  const inline = inlineRunner((input) => extractDocument(input));
  const src = { bytes: bytes(PAGE), label: 'two.html', path: 'two.html' };
  const [a, b] = [await threads.read(src, {}, budgetOf(roomy)), await inline.read(src, {}, budgetOf(roomy))];
  assert.equal(a.kind, 'document');
  assert.deepEqual(a, b);
  if (a.kind !== 'document') return;
  const doc = { ...a.document, lang: 'en' as const };
  const threaded = await threads.extract('d1', doc, roomy, budgetOf(roomy), 'two.html');
  const here = await inline.extract('d1', doc, roomy, budgetOf(roomy), 'two.html');
  assert.ok(threaded.incidents.length >= 1, 'the page yields incidents');
  assert.deepEqual(threaded, here);
});

test("a bad record keeps its code across the thread; the file's good records are read", async () => {
  const jsonl = '{"text": "Gunmen shot dead two civilians in Homs."}\n{"title": "no text"}\n';
  const r = await threads.read({ bytes: bytes(jsonl), label: 'r.jsonl', path: 'r.jsonl' }, {}, budgetOf(roomy));
  assert.equal(r.kind, 'records');
  if (r.kind !== 'records') return;
  assert.ok(r.records[0]?.document);
  assert.equal(typeof r.records[1]?.error?.code, 'string');
  assert.match(r.records[1]?.error?.message ?? '', /r\.jsonl/);
});

test('one part that outlasts the budget: the thread is stopped, the error names the file and the budget, the next document is extracted', async () => {
  // a few MB in a single part (no paragraph breaks to cut at, parts as large as the text): the
  // extractor cannot check its budget inside it, only stopping the thread ends it
  const sentence = (i: number) => `On ${1 + (i % 27)} May 2016, gunmen shot dead ${2 + (i % 5)} civilians in Raqqa. `;
  const text = Array.from({ length: 30_000 }, (_, i) => sentence(i)).join('');
  const limits = { maxIncidents: 1_000_000, partChars: 100_000_000, budgetMs: 50 };
  const doc = { text, title: null, url: null, lang: 'en' as const, published: '2016-06-01', alternates: [] };
  const budget = budgetOf(limits);
  await assert.rejects(
    threads.extract('huge', doc, limits, budget, 'reports/huge.txt'),
    (e: Error & { code?: string }) => {
      assert.equal(e.code, 'extract.budget');
      assert.equal(e.message, `reports/huge.txt: ${budgetMessage(budget)}`);
      assert.match(e.message, /0\.05 s budget/);
      return true;
    },
  );
  assert.equal(budget.leftMs, 0);
  const short = { ...doc, text: sentence(3) };
  const next = await threads.extract('short', short, roomy, budgetOf(roomy), 'short.txt');
  assert.equal(next.incidents.length, 1);
});

test('a budget already spent (by reading) fails the extraction before it starts', async () => {
  await assert.rejects(
    threads.extract(
      'd',
      { text: 'x', title: null, url: null, lang: 'en', published: null, alternates: [] },
      roomy,
      {
        totalMs: 1000,
        leftMs: 0,
      },
      'late.txt',
    ),
    { code: 'extract.budget', message: /^late\.txt: .*1 s budget/ },
  );
});
