// Our own sentences, one per line: every sentence in test/fixtures/types/<lang>/<type>.txt must yield at
// least one incident of that type, and every sentence in test/fixtures/negatives/<lang>.txt none at
// all. Each test names the sentences that fail, so a rule change shows what it fixed or broke.
// Sentences in test/fixtures/known-failures.txt are expected to fail (a fix must remove them there).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { INCIDENT_TYPES } from '../src/schema.ts';
import { extractDocument } from '../src/pipeline/index.ts';

const FIXTURES = new URL('./fixtures/', import.meta.url);
const LANGS = ['ar', 'en'] as const;
const MIN_PER_TYPE = { ar: 10, en: 5 };
const MIN_NEGATIVES = { ar: 30, en: 10 };

function sentences(rel: string): string[] {
  return readFileSync(new URL(rel, FIXTURES), 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

const KNOWN = new Set(sentences('known-failures.txt'));

/** Failing sentences not known to fail, and known failures that now pass. */
function judge(all: string[], fails: (text: string) => string | null): { unexpected: string[]; fixed: string[] } {
  const unexpected: string[] = [];
  const fixed: string[] = [];
  for (const text of all) {
    const why = fails(text);
    if (why !== null && !KNOWN.has(text)) unexpected.push(`${text}  → ${why}`);
    if (why === null && KNOWN.has(text)) fixed.push(text);
  }
  return { unexpected, fixed };
}

test('fixture files: one per incident type and language, each with enough sentences', () => {
  for (const lang of LANGS) {
    const files = readdirSync(new URL(`types/${lang}/`, FIXTURES))
      .filter((f) => f.endsWith('.txt'))
      .sort();
    assert.deepEqual(files, INCIDENT_TYPES.map((t) => `${t}.txt`).sort());
    for (const type of INCIDENT_TYPES) {
      const n = sentences(`types/${lang}/${type}.txt`).length;
      assert.ok(n >= MIN_PER_TYPE[lang], `${lang}/${type}.txt has ${n} sentences`);
    }
    const neg = sentences(`negatives/${lang}.txt`).length;
    assert.ok(neg >= MIN_NEGATIVES[lang], `negatives/${lang}.txt has ${neg} sentences`);
  }
});

for (const lang of LANGS) {
  for (const type of INCIDENT_TYPES) {
    test(`${lang} ${type}: every sentence yields an incident of this type`, (t) => {
      const all = sentences(`types/${lang}/${type}.txt`);
      const { unexpected, fixed } = judge(all, (text) => {
        const types = extractDocument({ text }).incidents.map((i) => i.type);
        return types.includes(type) ? null : `[${types.join(', ')}]`;
      });
      const known = all.filter((s) => KNOWN.has(s)).length;
      t.diagnostic(`${lang} ${type}: ${all.length - unexpected.length - known + fixed.length}/${all.length}`);
      assert.deepEqual(unexpected, [], 'sentences that fail');
      assert.deepEqual(fixed, [], 'known failures that now pass: remove them from known-failures.txt');
    });
  }

  test(`${lang} negatives: no sentence yields an incident`, (t) => {
    const all = sentences(`negatives/${lang}.txt`);
    const { unexpected, fixed } = judge(all, (text) => {
      const types = extractDocument({ text }).incidents.map((i) => i.type);
      return types.length > 0 ? `[${types.join(', ')}]` : null;
    });
    const known = all.filter((s) => KNOWN.has(s)).length;
    t.diagnostic(`${lang} negatives: ${all.length - unexpected.length - known + fixed.length}/${all.length} clean`);
    assert.deepEqual(unexpected, [], 'sentences that yield an incident');
    assert.deepEqual(fixed, [], 'known failures that now pass: remove them from known-failures.txt');
  });
}
