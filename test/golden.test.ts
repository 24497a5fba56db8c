// Golden cases: our own short reports with the incidents a careful annotator would code
// (annotation.md), compared field by field on what the scorer reads. An expected.json records the
// right answer, not merely the current output: a change that breaks a case is a regression to explain.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { extractDocument } from '../src/pipeline/index.ts';
import type { Incident } from '../src/schema.ts';

const ROOT = new URL('./golden/', import.meta.url);

export function project(inc: Incident) {
  const ids = (role: string) =>
    [
      ...new Set(
        inc.actors.filter((a) => (role === 'victim' ? a.role !== 'perpetrator' : a.role === role)).map((a) => a.id),
      ),
    ].sort();
  return {
    type: inc.type,
    perpetrators: ids('perpetrator'),
    victims: ids('victim'),
    counts: Object.fromEntries(Object.entries(inc.counts).map(([k, c]) => [k, c!.value])),
    methods: inc.methods.map((m) => m.id).sort(),
    accusations: inc.accusations.map((m) => m.id).sort(),
    places: inc.locations.map((l) => l.gazetteer_id ?? l.name),
    violations: [...inc.violations].sort(),
  };
}

for (const name of readdirSync(ROOT).sort()) {
  test(`golden ${name}`, () => {
    const text = readFileSync(new URL(`${name}/input.txt`, ROOT), 'utf8');
    const expected = JSON.parse(readFileSync(new URL(`${name}/expected.json`, ROOT), 'utf8'));
    const r = extractDocument({ text, id: name, published: expected.published ?? null });
    assert.deepEqual(r.incidents.map(project), expected.incidents);
    for (const inc of r.incidents) for (const e of inc.evidence) assert.ok(text.slice(...e.span).trim().length > 0);
  });
}
