// The type policy file: strict attributes, and every block's example gives one incident of its type
// while its counter (the absorbed kind alone) gives another.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTypePolicy, typePolicy, absorbs, retold } from './type-policy.ts';
import { extractDocument } from '../pipeline/index.ts';

test('types.txt: an unknown attribute, a type outside the contract or a missing example is refused', () => {
  assert.throws(() => parseTypePolicy('[air_strike]\nabsorb = shelling\nexample = x\n'), /unknown attribute "absorb"/);
  assert.throws(
    () => parseTypePolicy('[air_strike]\nabsorbs = bombing\nexample = x\n'),
    /"bombing" is not an incident type/,
  );
  assert.throws(() => parseTypePolicy('[airstrike]\nabsorbs = shelling\nexample = x\n'), /must be an incident type/);
  assert.throws(() => parseTypePolicy('[air_strike]\nabsorbs = shelling\n'), /has no example/);
});

test('types.txt: absorption is one-way, retelling both ways', () => {
  assert.ok(absorbs('suicide_bomb', 'explosive_device'));
  assert.ok(!absorbs('explosive_device', 'suicide_bomb'));
  assert.ok(retold('shelling', 'air_strike') && retold('air_strike', 'shelling'));
  assert.ok(!retold('attack', 'execution'));
});

for (const e of typePolicy().entries) {
  test(`types.txt [${e.id}]: its examples give one ${e.id}, its counters another type`, () => {
    for (const ex of e.examples) {
      const types = extractDocument({ text: ex }).incidents.map((i) => i.type);
      assert.deepEqual(types, [e.id], `«${ex}»`);
    }
    for (const c of e.counters) {
      const types = extractDocument({ text: c }).incidents.map((i) => i.type);
      assert.ok(types.length > 0 && !types.includes(e.id as never), `«${c}» gave ${types.join(', ')}`);
    }
  });
}
