// The text of a streamed page is normalised as it streams (TextSink); it must equal what the passes
// over the whole text gave before (join, per-line white space and trim, empty lines, trim).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextSink, streamHtml } from './html-text.ts';

type Step = { kind: 'words'; data: string } | { kind: 'gap' } | { kind: 'breaks'; n: number };

/** the former normalisation: pieces collected, then passes over the joined text */
function passes(steps: Step[]): string {
  const out: string[] = [];
  for (const s of steps) {
    if (s.kind === 'words') out.push(s.data.replace(/\s+/g, ' '));
    else if (s.kind === 'gap') out.push(' ');
    else out.push('\n'.repeat(s.n));
  }
  return out
    .join('')
    .split('\n')
    .map((l) => l.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function sink(steps: Step[]): string {
  const t = new TextSink();
  for (const s of steps) {
    if (s.kind === 'words') t.words(s.data);
    else if (s.kind === 'gap') t.gap();
    else t.lineBreaks(s.n);
  }
  return t.text();
}

const PIECES = [
  '',
  ' ',
  '  ',
  '\n',
  '\t',
  '\u00a0',
  '\u2003',
  '\u2028',
  '\ufeff',
  'a',
  'قتل',
  ' b ',
  'c\nd',
  '\t e\u00a0',
  'x  y',
  '.',
];

test('TextSink gives the text the former passes gave, on tricky sequences', () => {
  let seed = 12345;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  for (let i = 0; i < 3000; i++) {
    const steps: Step[] = [];
    const len = rnd(12);
    for (let j = 0; j < len; j++) {
      const k = rnd(10);
      if (k < 6) {
        let data = '';
        for (let m = rnd(4); m >= 0; m--) data += PIECES[rnd(PIECES.length)];
        steps.push({ kind: 'words', data });
      } else if (k < 7) steps.push({ kind: 'gap' });
      else steps.push({ kind: 'breaks', n: rnd(2) === 0 ? 1 : 2 });
    }
    assert.equal(sink(steps), passes(steps), JSON.stringify(steps));
  }
});

test('a streamed page: lines trimmed, one empty line at most, cells spaced, <br> one break', () => {
  const page = streamHtml(
    '<html><body>\n  <p>  One\u00a0 two  </p>\n\n<div>\n</div><p>three<br>  four</p><table><tr><td>a</td><td> b</td></tr></table>&nbsp;</body></html>',
  );
  assert.equal(page.text, 'One two\n\nthree\nfour\n\na b');
});
