// The extractor never throws and every span it emits is valid, whatever the input: mixed scripts,
// very long lines, control characters, lone surrogates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { extractDocument } from '../src/pipeline/index.ts';
import type { Extraction } from '../src/schema.ts';

const arabicWords = [
  'أعدم',
  'داعش',
  'قتل',
  'مدنيين',
  'في',
  'دير الزور',
  'غارة',
  'قرابة',
  '١٠٠',
  'عشرات',
  'التنظيم',
  'بحسب',
  'نزوح',
  'اعتقال',
  'رجلين',
  'حي',
  'الجورة',
  'ريف',
  'تموز',
  'أمس',
];
const englishWords = [
  'killed',
  'Islamic State',
  'air strike',
  'in',
  'Raqqa',
  'at least',
  '12',
  'dozens',
  'on 3 May 2020',
  'civilians',
];
const chunk = fc.oneof(
  fc.constantFrom(
    ...arabicWords,
    ...englishWords,
    ' ',
    '\n',
    '، ',
    '. ',
    '\u0640',
    '\u064e',
    '\u200f',
    '\ufeff',
    'ﻻ',
    '\u0000',
    '\u001b[31m',
  ),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }), // includes lone surrogates
  fc.integer({ min: 0, max: 1_000_000 }).map(String),
);
const documentText = fc.array(chunk, { maxLength: 120 }).map((parts) => parts.join(' '));

function checkSpans(x: Extraction): void {
  const text = x.document.text;
  const check = (sp: [number, number] | null | undefined, what: string) => {
    if (!sp) return;
    assert.ok(Number.isInteger(sp[0]) && Number.isInteger(sp[1]), `${what}: integer offsets`);
    assert.ok(sp[0] >= 0 && sp[0] < sp[1] && sp[1] <= text.length, `${what}: [${sp}] inside text of ${text.length}`);
    assert.ok(text.slice(sp[0], sp[1]).trim().length > 0, `${what}: not only white space`);
  };
  for (const inc of x.incidents) {
    inc.evidence.forEach((e) => check(e.span, 'evidence'));
    inc.actors.forEach((a) => check(a.span, 'actor'));
    inc.locations.forEach((l) => check(l.span, 'location'));
    inc.methods.forEach((m) => check(m.span, 'method'));
    inc.accusations.forEach((m) => check(m.span, 'accusation'));
    Object.values(inc.counts).forEach((c) => check(c?.span, 'count'));
    check(inc.time?.span, 'time');
    check(inc.attribution?.span, 'attribution');
  }
}

test('arbitrary text: never throws, only valid spans', () => {
  fc.assert(
    fc.property(
      documentText,
      fc.option(fc.constantFrom('2015-09-01', '2020-05-03'), { nil: null }),
      (text, published) => {
        checkSpans(extractDocument({ text, published }));
      },
    ),
    { numRuns: 300 },
  );
});

test('a very long line and raw control characters', () => {
  const long = 'أعدم تنظيم داعش رجلين في الميادين '.repeat(4000) + '\u0000\u0007\u001f'.repeat(100);
  checkSpans(extractDocument({ text: long }));
  checkSpans(extractDocument({ text: '\ud800\udc00\ud800 قتل \udfff ثلاثة' }));
  checkSpans(extractDocument({ text: '' }));
});
