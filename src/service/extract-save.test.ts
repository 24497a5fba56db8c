// Bounds on the work of one document, with the real extractor: a long text is extracted part by
// part with its spans where they belong, the cut is an issue, the budget fails the document.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractDocument } from '../pipeline/index.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../store/open.ts';
import { inlineRunner } from './document-runner.ts';
import { extractFor, extractStoredDocument, partsOf } from './extract-save.ts';

const TOWNS = ['al-Mayadin', 'Raqqa', 'Idlib', 'Homs', 'Mosul', 'Kirkuk', 'Hama', 'Daraa', 'Manbij', 'Tikrit'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June'];
// each paragraph its own event: another town or another day
const PARA = (i: number) =>
  `On ${1 + (i % 27)} ${MONTHS[i % MONTHS.length]} 2016, gunmen shot dead ${2 + (i % 5)} civilians in ${TOWNS[i % TOWNS.length]}, activists said.`;
const text = Array.from({ length: 60 }, (_, i) => PARA(i + 1)).join('\n\n');
const doc = { text, title: null, url: null, lang: 'en' as const, published: '2016-03-01', alternates: [] };
const extract = (input: Parameters<typeof extractDocument>[0]) => extractDocument(input);

test('parts end at paragraph breaks and cover the text exactly', () => {
  const parts = partsOf(text, 500);
  assert.ok(parts.length > 5);
  assert.equal(parts[0]![0], 0);
  assert.equal(parts.at(-1)![1], text.length);
  for (let k = 1; k < parts.length; k++) {
    assert.equal(parts[k]![0], parts[k - 1]![1]);
    assert.equal(text.slice(parts[k]![0] - 2, parts[k]![0]), '\n\n');
  }
});

test('a text in parts gives the incidents of the whole, with spans into the whole text and unique ids', () => {
  const whole = extractFor('d1', doc, extract, { maxIncidents: 1000, partChars: 1_000_000, budgetMs: 600_000 });
  const parted = extractFor('d1', doc, extract, { maxIncidents: 1000, partChars: 700, budgetMs: 600_000 });
  assert.ok(whole.incidents.length >= 30, `${whole.incidents.length}`);
  assert.equal(parted.incidents.length, whole.incidents.length);
  assert.equal(new Set(parted.incidents.map((i) => i.id)).size, parted.incidents.length);
  const words = (e: typeof whole) => e.incidents.map((i) => text.slice(...i.evidence[0]!.span)).sort();
  assert.deepEqual(words(parted), words(whole));
});

test('past maxIncidents extraction stops and says so with an issue spanning the rest', () => {
  const capped = extractFor('d1', doc, extract, { maxIncidents: 5, partChars: 700, budgetMs: 600_000 });
  assert.equal(capped.incidents.length, 5);
  const issue = capped.issues?.find((i) => i.code === 'document.incidents-capped');
  assert.ok(issue);
  assert.equal(issue.span![1], text.length);
  assert.ok(issue.span![0] > 0 && issue.span![0] < text.length / 2);
});

test('a document that spends its time budget fails with extract.budget', () => {
  assert.throws(
    () => extractFor('d1', doc, extract, { maxIncidents: 1000, partChars: 700, budgetMs: 0 }),
    (e: { code?: string }) => e.code === 'extract.budget',
  );
});

test('a worker re-extracting a stored PDF still gives each evidence its page, and OCR pages their issue', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rasid-job-'));
  const store = await openStore({ db: join(dir, 'job.db') });
  try {
    const page1 = 'يوثق هذا التقرير ما رصده فريقنا خلال شهر آذار.';
    const page2 = 'أعدم تنظيم داعش ثلاثة رجال في مدينة الميادين بتهمة التعامل مع التحالف الدولي.';
    const text = `${page1}\n\n${page2}`;
    const pages = [{ start: 0 }, { start: page1.length + 2, ocr: true }];
    const put = await store.putDocument({
      sourceKey: '/reports/scan.pdf',
      url: null,
      title: null,
      lang: 'ar',
      published: '2021-03-31',
      text,
      format: 'pdf',
      alternates: [],
      pages,
    });
    assert.deepEqual((await store.getDocument(put.id))!.pages, pages);
    const r = await extractStoredDocument(
      store,
      put.id,
      inlineRunner((input) => extractDocument(input)),
    );
    assert.equal(r.saved, 1);
    const [inc] = (await store.listIncidents({ documentId: put.id }, { limit: 5, offset: 0 })).items;
    assert.equal(inc!.type, 'execution');
    assert.equal(inc!.evidence[0]!.page, 2);
    assert.ok(inc!.issues?.some((i) => i.code === 'ocr'));
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
