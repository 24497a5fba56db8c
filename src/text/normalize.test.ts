import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalize, toRawSpan } from './normalize.ts';
import { tokenize } from './tokens.ts';

const cases: Array<[string, string]> = [
  ['أإآٱ', 'اااا'],
  ['مستشفى', 'مستشفي'],
  ['مدينة', 'مدينه'],
  ['تلقّاها', 'تلقاها'],
  ['قتـــلى', 'قتلي'],
  ['١٩ و۲۳', '19 و23'],
  ['ﻻ', 'لا'],
  ['Deir EZ-Zor', 'deir ez-zor'],
  ['مؤسسة رئيس', 'موسسه رييس'],
  ['«التنظيم»، قال؛ لماذا؟', '"التنظيم", قال; لماذا?'],
];

for (const [raw, want] of cases) {
  test(`normalize ${raw}`, () => assert.equal(normalize(raw).norm, want));
}

test('spans of normalised matches are the raw words, marks included', () => {
  const raw = 'التي تلقّاها من قبل';
  const t = normalize(raw);
  const i = t.norm.indexOf('تلقاها');
  const [a, b] = toRawSpan(t, i, i + 'تلقاها'.length);
  assert.equal(raw.slice(a, b), 'تلقّاها');
});

test('presentation forms expand without losing offsets', () => {
  const raw = 'ﻻ شيء';
  const t = normalize(raw);
  assert.equal(t.norm, 'لا شيء');
  assert.deepEqual(toRawSpan(t, 0, 2), [0, 1]);
});

test('tokens carry clitic-stripped keys', () => {
  const keys = (w: string) => tokenize(normalize(w))[0]!.keys;
  assert.ok(keys('وأجبرت').includes('اجبرت'));
  assert.ok(keys('بالدورات').includes('دورات'));
  assert.ok(keys('لعشرات').includes('عشرات'));
  assert.ok(keys('للتنظيم').includes('تنظيم'));
});

test('digits split from letters: «الـ100»', () => {
  const toks = tokenize(normalize('قرابة الـ100 ضحية'));
  assert.deepEqual(
    toks.map((t) => t.norm),
    ['قرابه', 'ال', '100', 'ضحيه'],
  );
});

test('presentation-block characters that are their own NFKC form stay as they are', () => {
  for (const raw of ['\ufd3e', '\ufdc8', '\ufd3f النص \ufdcf']) {
    const t = normalize(raw);
    assert.equal(t.norm.length, t.starts.length);
  }
  assert.equal(normalize('\ufd3e').norm, '\ufd3e');
});
