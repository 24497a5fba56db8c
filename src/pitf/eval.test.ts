import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { Incident } from '../schema.ts';
import { dms, evalPitf, formatPitfEval, mainIncident, ourPerpClass, pitfPerpClass, scorePitfRow } from './eval.ts';

// Rows of our own making, in PITF's columns (test/fixtures/pitf/rows.csv)
const FIXTURE = new URL('../../test/fixtures/pitf/rows.csv', import.meta.url).pathname;
const SHARED = new URL(
  '../../../shared/data/pitf-atrocities/pitf_atrocities_iraq_2013-01_to_2017-09.csv',
  import.meta.url,
).pathname;

test('degrees, minutes and seconds as decimal degrees', () => {
  assert.equal(dms('33', '30', '0', 'N'), 33.5);
  assert.equal(dms('44', '15', '36', 'W'), -44.26);
  assert.equal(dms('', '', '', ''), null);
});

test("PITF's perpetrator role as a class", () => {
  const role = (r: string) => pitfPerpClass({ 'Perp State Role': r });
  assert.equal(role('State Perpetrator'), 'state');
  assert.equal(role('Transnational, State'), 'state');
  assert.equal(role('Non-State, Internal, No State Sanction'), 'non_state');
  assert.equal(role('Transnational, Non-State'), 'non_state');
  assert.equal(role('Unknown/Unclear/Other'), 'unknown');
  assert.equal(role('Multiple Perpetrators (State and Non-State)'), null);
});

const inc = (type: Incident['type'], killed: number | null, at: number, perp?: string) =>
  ({
    type,
    counts: killed === null ? {} : { killed: { value: killed } },
    evidence: [{ span: [at, at + 5] }],
    actors: perp ? [{ role: 'perpetrator', id: perp }] : [],
  }) as unknown as Incident;

test('the main incident: the killing with the most killed, else the first in the text', () => {
  const a = inc('arrests', 0, 0);
  const b = inc('attack', 3, 10);
  const c = inc('suicide_bomb', 12, 20);
  assert.equal(mainIncident([a, b, c]), c);
  assert.equal(mainIncident([a, inc('attack', 3, 30), b]), b);
  assert.equal(mainIncident([inc('arrests', null, 9), a]), a);
  assert.equal(mainIncident([]), null);
});

test('our perpetrator class, coarsely', () => {
  assert.equal(ourPerpClass(inc('attack', 1, 0, 'isis')), 'non_state');
  assert.equal(ourPerpClass(inc('attack', 1, 0, 'iraqi_security_forces')), 'state');
  assert.equal(ourPerpClass(inc('air_strike', 1, 0, 'international_coalition')), 'state');
  assert.equal(ourPerpClass(inc('attack', 1, 0, 'pmf')), 'non_state');
  assert.equal(ourPerpClass(inc('attack', 1, 0, 'unidentified_armed_group')), 'unknown');
  assert.equal(ourPerpClass(inc('attack', 1, 0)), 'unknown');
  assert.equal(ourPerpClass(null), 'unknown');
});

test('one row is scored field by field', () => {
  const row = {
    'Start Day': '14',
    'Start Month': '3',
    'Start Year': '2014',
    'Lat Degrees': '32',
    'Lat Minutes': '28',
    'Lat Seconds': '0',
    'Lat Direction': 'N',
    'Lon Degrees': '44',
    'Lon Minutes': '25',
    'Lon Seconds': '0',
    'Lon Direction': 'E',
    'Perp State Role': 'Unknown/Unclear/Other',
    'Deaths Number': '9',
    'Injured Number': '25',
    Description:
      'A suicide bomber blew himself up in a crowded market in Hilla on Sunday, killing 9 people and wounding 25.',
  };
  const s = scorePitfRow(row);
  assert.deepEqual(
    [s.detected, s.detectedKilling, s.deaths, s.injured, s.location, s.perp],
    [true, true, true, true, true, true],
  );
  const wrong = scorePitfRow({
    ...row,
    'Deaths Number': '10',
    'Injured Number': '',
    'Lat Degrees': '36',
    'Perp State Role': 'State Perpetrator',
  });
  assert.deepEqual([wrong.deaths, wrong.injured, wrong.location, wrong.perp], [false, null, false, false]);
  assert.equal(scorePitfRow({ ...row, 'Lat Degrees': '' }).location, null);
});

test('a file: short descriptions are skipped, the figures are ratios of the scored rows', async () => {
  const r = await evalPitf(FIXTURE);
  assert.equal(r.rows, 3);
  assert.equal(r.skipped, 1);
  assert.equal(r.detection_any, 1);
  assert.equal(r.deaths_exact, 1);
  assert.equal(r.located_rows, 2);
  assert.equal(r.location_within_25km, 1);
  assert.equal(r.injured_rows, 2);
  // the kept third: every third row in file order, before skipping (the fixture's third is too short)
  const kept = await evalPitf(FIXTURE, { split: 'kept' });
  assert.deepEqual([kept.rows, kept.skipped], [0, 1]);
  assert.equal((await evalPitf(FIXTURE, { split: 'tune' })).rows, 3);
  assert.doesNotMatch(formatPitfEval(kept, true), /disagreements/);
  assert.match(formatPitfEval(r), /deaths exact \(main\)/);
});

test('a file without PITF columns is refused with a code', async () => {
  const acled = new URL('../../test/fixtures/news-en/reports.json', import.meta.url).pathname;
  await assert.rejects(evalPitf(acled), (e: { code?: string }) => /^pitf\./.test(e.code ?? ''));
});

test(
  'the shared PITF Iraq file: 643 narratives, 429 tuning rows and 214 kept',
  { skip: existsSync(SHARED) ? false : `no PITF file at ${SHARED}` },
  async () => {
    const tune = await evalPitf(SHARED, { split: 'tune' });
    const kept = await evalPitf(SHARED, { split: 'kept' });
    assert.equal(tune.rows + tune.skipped, 429);
    assert.equal(kept.rows + kept.skipped, 214);
    // floors that catch a regression; the held-out figures are judged by these alone
    for (const r of [tune, kept]) {
      assert.ok(r.detection_killing >= 0.75, `detection ${r.detection_killing}`);
      assert.ok(r.deaths_exact >= 0.55, `deaths ${r.deaths_exact}`);
    }
  },
);
