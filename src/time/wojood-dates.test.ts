// Arabic dates on real data: the DATE entities of the Wojood NER sample. Bare years («1948») and
// durations («لثلاثة أيام») are DATE there but not event dates here, so recall has a floor, not a
// target; what we do find must be a date or time there. Runs when ../shared is present.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { analyze } from '../text/analyze.ts';
import { findTimes } from './find-times.ts';

const dir = fileURLToPath(new URL('../../../shared/data/wojood-sample/', import.meta.url));

interface Sentence {
  text: string;
  dates: Array<[number, number]>;
  timeish: Array<[number, number]>;
}

function read(file: string): Sentence[] {
  const out: Sentence[] = [];
  let toks: Array<{ t: string; tags: string[] }> = [];
  const flush = () => {
    if (!toks.length) return;
    let text = '';
    const offs: Array<[number, number]> = [];
    for (const { t } of toks) {
      if (text) text += ' ';
      offs.push([text.length, text.length + t.length]);
      text += t;
    }
    const dates: Array<[number, number]> = [];
    let start = -1;
    toks.forEach(({ tags }, i) => {
      const b = tags.includes('B-DATE');
      if (start >= 0 && (b || !tags.includes('I-DATE'))) {
        dates.push([offs[start]![0], offs[i - 1]![1]]);
        start = -1;
      }
      if (b) start = i;
    });
    if (start >= 0) dates.push([offs[start]![0], offs[toks.length - 1]![1]]);
    const timeish = offs.filter((_, i) => toks[i]!.tags.some((x) => x.endsWith('-DATE') || x.endsWith('-TIME')));
    out.push({ text, dates, timeish });
    toks = [];
  };
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) flush();
    else {
      const [t = '', ...tags] = line.trim().split(/\s+/);
      toks.push({ t, tags });
    }
  }
  flush();
  return out;
}

const overlaps = (a: number, b: number, c: number, d: number) => a < d && c < b;

test(
  'Wojood DATE entities: few false dates, most dates found',
  { skip: existsSync(dir) ? false : `${dir} is absent` },
  () => {
    let gold = 0;
    let found = 0;
    let mentions = 0;
    let right = 0;
    for (const f of ['train.txt', 'val.txt', 'test.txt']) {
      for (const s of read(dir + f)) {
        const ms = findTimes(analyze(s.text), '2020-01-15');
        mentions += ms.length;
        right += ms.filter((m) => s.timeish.some(([a, b]) => overlaps(a, b, m.rawStart, m.rawEnd))).length;
        gold += s.dates.length;
        found += s.dates.filter(([a, b]) => ms.some((m) => overlaps(a, b, m.rawStart, m.rawEnd))).length;
      }
    }
    assert.ok(gold > 500);
    assert.ok(right / mentions >= 0.95, `precision ${right}/${mentions}`);
    assert.ok(found / gold >= 0.7, `recall ${found}/${gold}`);
  },
);
