// The English lexicons (grown from the phrasing of ACLED notes) are data; this runs every entry's
// examples and counters and compiles each file through the extractor's attribute checks, so a typo
// in a type, method or count key fails here rather than in an incident.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lexiconFiles, loadLexicon } from '../lexicon/load.ts';
import { Lexicon } from '../lexicon/matcher.ts';
import { analyze } from '../text/analyze.ts';
import { lexiconsFor } from '../extract/lexicons.ts';
import { sameCase } from '../extract/mentions.ts';

// quantities, time and place cues have their own owners and tests
const OWN = [
  'accusations',
  'actors',
  'aircraft',
  'attribution',
  'count-nouns',
  'cues',
  'fighters',
  'methods',
  'roles',
  'triggers',
  'violations',
];

test('every English lexicon file this suite covers exists', () => {
  const present = new Set(
    lexiconFiles()
      .filter((f) => f.lang === 'en')
      .map((f) => f.name),
  );
  for (const name of OWN) assert.ok(present.has(name), `lexicons/en/${name}.txt`);
});

test('the English lexicons compile with valid attributes', () => {
  const lex = lexiconsFor('en');
  assert.ok(lex.triggers.size > 100);
  assert.ok(lex.actors.size > 100);
});

for (const name of OWN) {
  test(`lexicons/en/${name}.txt: every example fires its entry, no counter does`, () => {
    const entries = loadLexicon('en', name);
    assert.ok(entries.length > 0);
    const lex = new Lexicon(entries.flatMap((e) => e.match.map((p) => ({ pattern: p, value: e.id }))));
    const cased = new Set(entries.filter((e) => e.attrs.cased === 'true').map((e) => e.id));
    // a `cased` entry fires only where the raw words have the pattern's letter case, as in extraction
    const fires = (text: string, id: string) => {
      const a = analyze(text, 'en');
      return lex
        .matchAll(a.tokens)
        .filter((m) => m.value === id && (!cased.has(id) || sameCase(a.raw.slice(m.rawStart, m.rawEnd), m.pattern)));
    };
    const ids = new Set<string>();
    for (const e of entries) {
      assert.ok(!ids.has(e.id), `duplicate id [${e.id}]`);
      ids.add(e.id);
      assert.ok(e.examples.length > 0, `[${e.id}] has no example`);
      for (const ex of e.examples) {
        const hits = fires(ex, e.id);
        assert.ok(hits.length > 0, `[${e.id}] example does not fire: ${ex}`);
      }
      // a `charged` accusation's counter holds its words outside a charge: src/lexicon/lexicon.test.ts
      // checks it by extraction
      if (name === 'accusations' && e.attrs.charged === 'true') continue;
      for (const c of e.counters) {
        const hits = fires(c, e.id);
        assert.equal(hits.length, 0, `[${e.id}] counter fires (${hits.map((h) => h.pattern).join(', ')}): ${c}`);
      }
    }
  });
}
