// The method/charge probe (method-probe.ts) with floors: the forms of every method and charge id of
// contract section 8, in report-like frames, must come out on the incident, and the counter-sentences
// must not yield their id. The floors sit a little under the figures measured when they were set,
// for tuned and held-out sentences alike.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { figures, perId, runCounter, runProbe, type Kind, type Lang } from './method-probe.ts';

const rows = runProbe();
const part = (lang: Lang, kind: Kind, held: boolean) =>
  rows.filter((r) => r.lang === lang && r.kind === kind && r.held === held);

const FLOORS: Array<[Lang, Kind, number, number]> = [
  // language, kind, floor on tuned sentences, floor on held-out sentences
  ['ar', 'method', 0.93, 0.9],
  ['ar', 'accusation', 0.98, 0.95],
  ['en', 'method', 0.94, 0.92],
  ['en', 'accusation', 0.98, 0.96],
];

for (const [lang, kind, tune, held] of FLOORS)
  test(`method/charge probe: ${lang} ${kind}`, () => {
    const t = figures(part(lang, kind, false)).found;
    const h = figures(part(lang, kind, true)).found;
    assert.ok(t >= tune, `tuned sentences carry the id: ${t}`);
    assert.ok(h >= held, `held-out sentences carry the id: ${h}`);
  });

test('method/charge probe: every id is probed in both languages', () => {
  for (const lang of ['ar', 'en'] as const) {
    assert.equal(perId(rows.filter((r) => r.lang === lang && r.kind === 'method')).size, 21, lang);
    assert.equal(perId(rows.filter((r) => r.lang === lang && r.kind === 'accusation')).size, 15, lang);
  }
});

test('method/charge probe: words in another sense', () => {
  const rs = runCounter();
  const misfires = rs.filter((r) => r.misfire).map((r) => `${r.id}: ${r.text}`);
  assert.ok(misfires.length <= 1, misfires.join('\n'));
});
