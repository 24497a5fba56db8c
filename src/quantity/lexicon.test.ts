// Every quantity lexicon entry fires on its example and not on its counter-example, judged by the
// finder itself: a quantity whose rule names the entry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadLexicon, type LexiconEntry } from '../lexicon/load.ts';
import { normalizeString } from '../text/normalize.ts';
import { analyze } from '../text/analyze.ts';
import { findQuantities } from './find.ts';
import { buildVocabulary } from './vocabulary.ts';

// a number, vague word, modifier or dual fires when it builds a head count (no unit); a context or
// ordinal entry fires when it gives a number its unit; a not_noun entry fires when it leaves a count
// without a noun
const fired = (sentence: string, e: LexiconEntry) =>
  findQuantities(analyze(sentence)).some((q) =>
    e.attrs.class === 'not_noun'
      ? !q.unit && !q.noun
      : q.rule.split('+').includes(e.id) && (e.attrs.class === 'context' || e.attrs.class === 'ordinal' || !q.unit),
  );

for (const lang of ['ar', 'en'] as const) {
  const entries = loadLexicon(lang, 'quantities');

  test(`${lang} quantities: the lexicon loads and every entry has an example`, () => {
    assert.ok(entries.length > 40);
    buildVocabulary(entries);
    for (const e of entries) assert.ok(e.examples.length > 0, `[${e.id}] has no example`);
  });

  test(`${lang} quantities: no two entries of one class and position collide after normalisation`, () => {
    const seen = new Map<string, string>();
    for (const e of entries) {
      for (const m of e.match) {
        const key = `${e.attrs.class}:${e.attrs.position ?? ''}:${e.attrs.unit ?? ''}:${normalizeString(m)}`;
        const other = seen.get(key);
        assert.ok(!other || other === e.id, `«${m}» is in both [${other}] and [${e.id}]`);
        seen.set(key, e.id);
      }
    }
  });

  for (const e of entries) {
    test(`${lang} [${e.id}] fires on its examples and not on its counters`, () => {
      for (const ex of e.examples) assert.ok(fired(ex, e), `example did not fire: ${ex}`);
      for (const c of e.counters) assert.ok(!fired(c, e), `counter fired: ${c}`);
    });
  }
}
