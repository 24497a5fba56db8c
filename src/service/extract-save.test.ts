// Bounds on the work of one document, with the real extractor: a long text is extracted part by
// part with its spans where they belong, the cut is an issue, the budget fails the document.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractDocument } from '../pipeline/index.ts';
import { extractFor, partsOf } from './extract-save.ts';

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
  assert.equal(parts[0][0], 0);
  assert.equal(parts.at(-1)![1], text.length);
  for (let k = 1; k < parts.length; k++) {
    assert.equal(parts[k][0], parts[k - 1][1]);
    assert.equal(text.slice(parts[k][0] - 2, parts[k][0]), '\n\n');
  }
});

test('a text in parts gives the incidents of the whole, with spans into the whole text and unique ids', () => {
  const whole = extractFor('d1', doc, extract, { maxIncidents: 1000, partChars: 1_000_000, budgetMs: 600_000 });
  const parted = extractFor('d1', doc, extract, { maxIncidents: 1000, partChars: 700, budgetMs: 600_000 });
  assert.ok(whole.incidents.length >= 30, `${whole.incidents.length}`);
  assert.equal(parted.incidents.length, whole.incidents.length);
  assert.equal(new Set(parted.incidents.map((i) => i.id)).size, parted.incidents.length);
  const words = (e: typeof whole) => e.incidents.map((i) => text.slice(...i.evidence[0].span)).sort();
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
