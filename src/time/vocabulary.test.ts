import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../text/analyze.ts';
import { Lexicon } from '../lexicon/matcher.ts';
import { normalizeString } from '../text/normalize.ts';
import { findTimes } from './find-times.ts';
import { timeEntries, timeVocabulary } from './vocabulary.ts';

const PUBLISHED = '2015-09-01';
const entries = timeEntries();

test('both time lexicons load', () => {
  assert.ok(entries.some((e) => e.file.startsWith('ar/')));
  assert.ok(entries.some((e) => e.file.startsWith('en/')));
  assert.ok(timeVocabulary().size > 200);
});

for (const e of entries) {
  test(`${e.file} [${e.id}] has an example`, () => assert.ok(e.examples.length > 0));

  for (const ex of e.examples) {
    test(`${e.file} [${e.id}] fires in: ${ex}`, () => {
      const a = analyze(ex);
      const own = new Lexicon(e.match.map((pattern) => ({ pattern, value: e.id }))).matchAll(a.tokens);
      assert.ok(own.length > 0, 'the entry does not match its example');
      const found = findTimes(a, PUBLISHED);
      assert.ok(found.length > 0, 'no time found in the example');
      // a word that stops «اليوم» being today or a weekday being a day sits outside the mention by nature
      if (e.attrs.blocks_today || e.attrs.blocks_weekday || e.attrs.blocks_date) return;
      const inside = own.some((m) => found.some((t) => m.tokenStart >= t.tokenStart && m.tokenEnd <= t.tokenEnd));
      assert.ok(inside, `the entry's words are outside ${JSON.stringify(found.map((t) => t.text))}`);
    });
  }
}

// An entry may have several `not_time` lines and the lexicon parser keeps only the last as an
// attribute, so the test reads them from the files.
test('every not_time line yields no time', async () => {
  const { readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { LEXICON_DIR } = await import('../lexicon/load.ts');
  for (const lang of ['ar', 'en']) {
    const text = readFileSync(join(LEXICON_DIR, lang, 'time.txt'), 'utf8');
    for (const line of text.split('\n')) {
      const m = /^not_time\s*=\s*(.+)$/.exec(line.trim());
      if (m) assert.deepEqual(findTimes(analyze(m[1]!), PUBLISHED), [], m[1]);
    }
  }
});

test('no two patterns collide after normalisation', () => {
  const seen = new Map<string, string>();
  for (const e of entries) {
    const lang = e.file.slice(0, 2);
    for (const p of e.match) {
      const key =
        lang +
        ':' +
        p
          .split(/\s+/)
          .map((w) => normalizeString(w))
          .map((w) => (/[\u0600-\u06ff]/.test(w) && w.startsWith('ال') && w.length > 3 ? w.slice(2) : w))
          .join(' ');
      const prev = seen.get(key);
      assert.equal(prev, undefined, `«${p}» in [${e.id}] collides with [${prev}]`);
      seen.set(key, e.id);
    }
  }
});
