import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze } from '../text/analyze.ts';
import { findTimes } from './find-times.ts';
import { publishedDate } from './published.ts';

// Words the grammar reacts to, so that random texts reach deep into it rather than only past it.
const PIECES = [
  'في',
  'منذ',
  'قبل',
  'بين',
  'من',
  'إلى',
  'و',
  'يوم',
  'اليوم',
  'أمس',
  'أول',
  'مساء',
  'ليل',
  'الجمعة',
  'السبت',
  'تموز',
  '(يوليو)',
  'كانون',
  'الثاني',
  'رمضان',
  'عيد',
  'الأضحى',
  'شهر',
  'الشهر',
  'العام',
  'عام',
  'الماضي',
  'الجاري',
  'الأخيرة',
  'الأيام',
  'أيام',
  'الشهور',
  'الأربعة',
  'مطلع',
  'أواخر',
  'صيف',
  'هـ',
  'الثالث',
  'عشر',
  'والعشرين',
  'on',
  'May',
  'last',
  'week',
  'ago',
  'three',
  'the',
  'past',
  'between',
  'and',
  'Sunday',
  'night',
  'early',
  'mid-',
  '3',
  '13',
  '31',
  '0',
  '99',
  '2015',
  '1436',
  '2016-05-06',
  '5/6/2016',
  '12/25/2016',
  '-',
  '/',
  '،',
  '.',
  '\n',
  ')',
  '(',
];

// normalize() recurses without end on presentation-form code points that NFKC leaves as they are
// (U+FBB2, U+FD3E): a text-layer bug reported to its owner, kept out of this test of the time stage.
const PRESENTATION_SELF = /[\uFB50-\uFDFF\uFE70-\uFEFC]/g;
const anyText = (maxLength: number) =>
  fc.string({ unit: 'binary', maxLength }).map((s) => s.replace(PRESENTATION_SELF, ''));
const mixed = fc.array(fc.oneof(fc.constantFrom(...PIECES), anyText(6)), { maxLength: 40 }).map((xs) => xs.join(' '));
const published = fc.oneof(
  fc.constant(null),
  fc.integer({ min: 1990, max: 2030 }).map((y) => `${y}-03-15`),
);

function checkMentions(raw: string, pub: string | null): void {
  const a = analyze(raw);
  const found = findTimes(a, pub);
  let lastEnd = -1;
  for (const m of found) {
    assert.equal(raw.slice(m.rawStart, m.rawEnd), m.text);
    assert.ok(m.rawStart < m.rawEnd);
    assert.ok(m.tokenStart < m.tokenEnd && m.tokenStart >= lastEnd);
    lastEnd = m.tokenEnd;
    assert.ok([1, 2, 3].includes(m.precision));
    assert.equal(m.start === null, m.end === null);
    if (m.start !== null && m.end !== null) {
      assert.match(m.start, /^\d{4}-\d{2}-\d{2}$/);
      assert.ok(m.start <= m.end, `${m.text}: ${m.start} > ${m.end}`);
      assert.ok(m.anchored);
    }
    if (!m.anchored) assert.equal(m.start, null);
  }
}

test('findTimes never throws and yields only valid spans and ranges', () => {
  fc.assert(
    fc.property(fc.oneof(mixed, anyText(200)), published, (raw, pub) => checkMentions(raw, pub)),
    { numRuns: 1500 },
  );
});

test('publishedDate never throws on arbitrary input', () => {
  fc.assert(
    fc.property(anyText(300), mixed, (html, text) => {
      const d = publishedDate({ html: `<meta name="date" content="${html}">${html}`, url: html, text });
      assert.ok(d === null || /^\d{4}-\d{2}-\d{2}$/.test(d));
    }),
    { numRuns: 300 },
  );
});
