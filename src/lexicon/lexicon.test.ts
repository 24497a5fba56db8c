// Every entry of every lexicon file fires on each of its `example` lines and on none of its `counter`
// lines; attributes are valid for the file that holds them; no two patterns of one file are the same
// after normalisation (a collision means two entries fight over the same words).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lexiconFiles, loadLexicon, parseLexicon, type LexiconEntry } from './load.ts';
import { Lexicon, parsePattern } from './matcher.ts';
import { analyze } from '../text/analyze.ts';
import { arabicKeys } from '../text/tokens.ts';
import { VALUE_READERS, checkAttributes } from '../extract/lexicons.ts';
import { sameCase } from '../extract/mentions.ts';
import { extract } from '../index.ts';

// quantities.txt, time.txt and place-cues.txt drive grammars (number compounds, date phrases, place
// phrases) where one word may hold several roles on purpose and an example must produce a quantity,
// a date or a place naming the entry; src/quantity, src/time and src/geo test that stronger claim.
const GRAMMAR_FILES = new Set(['quantities', 'time', 'place-cues']);

function fires(entry: LexiconEntry, sentence: string): boolean {
  const lex = new Lexicon(entry.match.map((pattern) => ({ pattern, value: entry.id })));
  const a = analyze(sentence);
  const matches = lex.matchAll(a.tokens);
  // `cased = true`: the words must keep the pattern's letter case, as extraction requires
  if (entry.attrs.cased === 'true') return matches.some((m) => sameCase(a.raw.slice(m.rawStart, m.rawEnd), m.pattern));
  return matches.length > 0;
}

/** `charged = true` accusations: the extraction of the sentence carries the entry's charge. */
function charges(lang: string, e: LexiconEntry, sentence: string): boolean {
  const incidents = extract({ text: sentence, lang: lang === 'en' ? 'en' : 'ar' }).incidents;
  return incidents.some((i) => i.accusations.some((a) => a.id === e.attrs.accusation));
}

/** The form a pattern is matched under: «الإعدامات» and «إعدامات» are the same entry word. */
export function patternKey(pattern: string): string {
  return parsePattern(pattern)
    .map((w) => {
      if (w.optional) return '~';
      if (w.prefix) return `${w.text}*`;
      const keys = /[\u0600-\u06ff]/.test(w.text) ? arabicKeys(w.text) : [w.text];
      const bare = w.text.startsWith('ال') && w.text.length > 3 ? w.text.slice(2) : null;
      return bare && keys.includes(bare) ? bare : w.text;
    })
    .join(' ');
}

for (const { lang, name } of lexiconFiles()) {
  const entries = loadLexicon(lang, name);
  test(`lexicon ${lang}/${name}: entries parse and carry examples`, () => {
    assert.ok(entries.length > 0, 'file has no entries');
    const ids = new Set<string>();
    for (const e of entries) {
      assert.ok(!ids.has(e.id), `${e.file}:${e.line} duplicate id [${e.id}]`);
      ids.add(e.id);
      assert.ok(e.match.length > 0, `${e.file}:${e.line} [${e.id}] has no match`);
      assert.ok(e.examples.length > 0, `${e.file}:${e.line} [${e.id}] has no example`);
      const read = VALUE_READERS[name];
      if (read) assert.doesNotThrow(() => read(e), `${e.file}:${e.line} [${e.id}] attributes`);
      assert.doesNotThrow(() => checkAttributes(name, e), `${e.file}:${e.line} [${e.id}] attribute schema`);
    }
  });
  if (!GRAMMAR_FILES.has(name)) {
    test(`lexicon ${lang}/${name}: every entry fires on its examples and not on its counters`, () => {
      const failures: string[] = [];
      for (const e of entries) {
        for (const ex of e.examples)
          if (!fires(e, ex)) failures.push(`${e.file}:${e.line} [${e.id}] does not fire on example «${ex}»`);
        for (const c of e.counters)
          if (name === 'accusations' && e.attrs.charged === 'true' ? charges(lang, e, c) : fires(e, c))
            failures.push(`${e.file}:${e.line} [${e.id}] fires on counter «${c}»`);
        // a word that names a charge only inside one: its examples must come out as the charge
        if (name === 'accusations' && e.attrs.charged === 'true')
          for (const ex of e.examples)
            if (!charges(lang, e, ex)) failures.push(`${e.file}:${e.line} [${e.id}] no charge out of «${ex}»`);
      }
      assert.deepEqual(failures, []);
    });
  }
  if (GRAMMAR_FILES.has(name)) continue;
  test(`lexicon ${lang}/${name}: no two patterns collide after normalisation`, () => {
    const seen = new Map<string, string>();
    const collisions: string[] = [];
    for (const e of entries) {
      for (const p of e.match) {
        const k = patternKey(p);
        const prev = seen.get(k);
        if (prev) collisions.push(`${e.file}: «${p}» in [${e.id}] collides with ${prev}`);
        else seen.set(k, `«${p}» in [${e.id}]`);
      }
    }
    assert.deepEqual(collisions, []);
  });
}

test('patternKey folds the article and keeps prefixes and gaps', () => {
  assert.equal(patternKey('الإعدامات'), patternKey('إعدامات'));
  assert.notEqual(patternKey('اعدم*'), patternKey('اعدم'));
  assert.equal(patternKey('قتل ~ مدني*'), 'قتل ~ مدني*');
});

test('an unknown attribute or a flag spelled other than true/false is refused', () => {
  const [typo] = parseLexicon('[x.typo]\ntype = attack\nwieght = 0.5\nmatch = x\nexample = x\n', 'ar/triggers.txt');
  assert.throws(() => checkAttributes('triggers', typo!), /unknown attribute "wieght"/);
  const [yes] = parseLexicon('[x.yes]\nactor = isis\nanaphor = yes\nmatch = x\nexample = x\n', 'ar/actors.txt');
  assert.throws(() => checkAttributes('actors', yes!), /anaphor = yes: expected true or false/);
});
