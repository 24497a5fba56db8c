import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Mark, safeHref, segments } from '../../web/src/highlight.ts';

const text = 'أعدم تنظيم داعش ثلاثة رجال في الميادين.';
const at = (phrase: string) => {
  const i = text.indexOf(phrase);
  return [i, i + phrase.length] as const;
};
const mark = (phrase: string, kind: Mark['kind']): Mark => {
  const [start, end] = at(phrase);
  return { start, end, kind, label: kind };
};

test('segments cover the text exactly once, in order', () => {
  const marks = [
    mark(text, 'evidence'),
    mark('تنظيم داعش', 'actor'),
    mark('ثلاثة', 'count'),
    mark('الميادين', 'location'),
  ];
  const segs = segments(text.length, marks);
  assert.equal(segs.map((s) => text.slice(s.start, s.end)).join(''), text);
  for (let i = 1; i < segs.length; i++) assert.equal(segs[i]!.start, segs[i - 1]!.end);
});

test('the narrowest field wins where spans nest; evidence stays underneath', () => {
  const segs = segments(text.length, [mark(text, 'evidence'), mark('ثلاثة رجال', 'actor'), mark('ثلاثة', 'count')]);
  const of = (phrase: string) => segs.find((s) => text.slice(s.start, s.end) === phrase)!;
  assert.deepEqual(of('ثلاثة').kinds, ['count', 'actor', 'evidence']);
  assert.deepEqual(of(' رجال').kinds, ['actor', 'evidence']);
  assert.deepEqual(segs[0]!.kinds, ['evidence']);
});

test('text with no marks is one plain segment; marks past the end are clipped by the caller', () => {
  assert.deepEqual(segments(5, []), [{ start: 0, end: 5, kinds: [], labels: [] }]);
});

test('only http and https URLs become links', () => {
  assert.equal(safeHref('https://example.org/a'), 'https://example.org/a');
  assert.equal(safeHref('javascript:alert(1)'), null);
  assert.equal(safeHref('JaVaScRiPt:alert(1)'), null);
  assert.equal(safeHref('data:text/html,<script>alert(1)</script>'), null);
  assert.equal(safeHref('not a url'), null);
});
