// The Arabic place probe (place-probe.ts) on the reference data of ../shared/data, with floors: names
// put into report-like frames must be found and placed within 25 km, quarters of another city must not
// land on the namesake town, and common words in their ordinary sense must not become places. The
// floors sit a little under the figures measured when they were set (tuned and held-out names alike).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { figures, runCounter, runProbe, sampleNames } from './place-probe.ts';
import { readReferences, referencesPresent } from './place-probe-refs.ts';

const DATA = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'data');
const present = referencesPresent(DATA);
const skip = present ? false : `reference data not found at ${DATA} (../shared/data): the place probe needs it`;

test('Arabic place probe: reference names in report frames', { skip }, () => {
  const rows = runProbe(sampleNames(readReferences(DATA), 9, 300));
  const group = (g: string) => figures(rows.filter((r) => r.group === g));
  const placed = figures(rows.filter((r) => r.group !== 'quarter'));
  assert.ok(placed.found >= 0.94, `found ${placed.found}`);
  assert.ok(placed.within25 >= 0.92, `within 25 km ${placed.within25}`);
  assert.ok(placed.wrong <= 0.01, `wrong place ${placed.wrong}`);
  assert.ok(group('clitic').found >= 0.85, `clitic frames found ${group('clitic').found}`);
  assert.ok(group('parent').within25 >= 0.97, `parent frames within 25 km ${group('parent').within25}`);
  assert.ok(group('variant').within25 >= 0.9, `spelling variants within 25 km ${group('variant').within25}`);
  assert.ok(group('quarter').wrong <= 0.02, `quarters placed on a namesake town ${group('quarter').wrong}`);
});

test('Arabic place probe: common words in their ordinary sense', { skip }, () => {
  const rows = runCounter();
  const rate = rows.filter((r) => r.place).length / rows.length;
  assert.ok(rate <= 0.15, `false places ${rate.toFixed(3)}`);
});
