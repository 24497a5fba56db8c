// The text a document's hash is taken over must not change when the way it is computed does: the
// regular expressions that fold white space match only the runs that change, and long texts are
// normalised a chunk at a time. Both are compared here with the former computation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalText } from './sql-base.ts';
import { normalize, normalizeString } from '../text/normalize.ts';

/** the former computation: every run matched, the whole text normalised with its offsets */
const former = (text: string) =>
  normalize(text)
    .norm.replace(/[ \t\f\v]+/g, ' ')
    .replace(/ ?\n[\s]*/g, '\n')
    .trim();

const PIECES = [
  ' ',
  '  ',
  '\n',
  '\n\n',
  '\t',
  '\f',
  '\v',
  '\r',
  '\u00a0',
  '\u2003',
  '\ufeff',
  ' \n ',
  'a',
  'B',
  'قتل',
  'أُطلق',
  '\ufefb',
  '\u0640',
  '\ud83d\ude00',
  '\ud800',
  '.',
];

test('canonicalText gives the text the former computation gave, on tricky texts short and long', () => {
  let seed = 987654;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  for (let i = 0; i < 2000; i++) {
    let text = '';
    for (let j = rnd(i % 50 === 0 ? 40000 : 30); j > 0; j--) text += PIECES[rnd(PIECES.length)];
    assert.equal(canonicalText(text), former(text), JSON.stringify(text.slice(0, 200)));
    assert.equal(normalizeString(text), normalize(text).norm);
  }
});
