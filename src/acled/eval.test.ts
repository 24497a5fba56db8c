import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { distanceKm, evalAcled, inSplit, scoreRow } from './eval.ts';

const SAMPLE = new URL(
  '../../../shared/data/acled-sample-2020/acled_syria_iraq_2020-04-27_to_2020-05-09.csv',
  import.meta.url,
).pathname;

test('distances on the globe', () => {
  assert.equal(distanceKm(35, 40, 35, 40), 0);
  // Mayadin to Deir ez-Zor city is about 44 km
  const d = distanceKm(35.0192, 40.4517, 35.3359, 40.1408);
  assert.ok(d > 40 && d < 48, String(d));
});

// A row of our own making, in ACLED's note style
const row = {
  event_id_cnty: 'TST1',
  event_date: '12-Mar-21',
  event_type: 'Explosions/Remote violence',
  sub_event_type: 'Shelling/artillery/missile attack',
  actor1: 'Military Forces of Syria (2000-)',
  country: 'Syria',
  latitude: '35.6',
  longitude: '36.6',
  notes:
    'On 12 March 2021, regime forces shelled the village of Kafr Oweid in Idleb with artillery, killing 3 civilians.',
  fatalities: '3',
};

test('one row is scored field by field', () => {
  const s = scoreRow(row);
  assert.equal(s.eventType, true);
  assert.equal(s.subEventType, true);
  assert.equal(s.fatalities, true, `killed ${s.killed}`);
  assert.equal(s.actor1, true);
  const wrong = scoreRow({
    ...row,
    event_type: 'Battles',
    sub_event_type: 'Armed clash',
    fatalities: '0',
    actor1: 'Islamic State (Syria)',
  });
  assert.deepEqual([wrong.eventType, wrong.subEventType, wrong.fatalities, wrong.actor1], [false, false, false, false]);
  assert.equal(scoreRow({ ...row, actor1: 'Farmers (Narnia)' }).actor1, null);
});

test(
  'the shared ACLED sample: event_type ≥ 0.8',
  { skip: existsSync(SAMPLE) ? false : `no ACLED sample at ${SAMPLE}` },
  async () => {
    const r = await evalAcled(SAMPLE);
    assert.equal(r.rows, 404);
    for (const k of [
      'event_type_accuracy',
      'sub_event_type_accuracy',
      'fatalities_exact',
      'location_within_25km',
      'actor1_accuracy',
    ] as const) {
      assert.ok(r[k] >= 0 && r[k] <= 1, k);
    }
    assert.ok(r.event_type_accuracy >= 0.8, `event_type ${r.event_type_accuracy}`);
    // the target is 0.85 (issue 6); this floor catches regressions while the rest is open
    assert.ok(r.fatalities_exact >= 0.75, `fatalities ${r.fatalities_exact}`);
    assert.equal(
      Object.values(r.by_event_type).reduce((n, v) => n + v.rows, 0),
      404,
    );
  },
);

test('the kept third is every third row in file order; tune is the rest', () => {
  const kept = [...Array(9).keys()].filter((i) => inSplit(i, 'kept'));
  const tune = [...Array(9).keys()].filter((i) => inSplit(i, 'tune'));
  assert.deepEqual(kept, [2, 5, 8]);
  assert.deepEqual(tune, [0, 1, 3, 4, 6, 7]);
  assert.equal([...Array(9).keys()].filter((i) => inSplit(i, 'all')).length, 9);
});

test(
  'the shared ACLED sample splits into 270 tuning rows and 134 kept rows',
  { skip: existsSync(SAMPLE) ? false : `no ACLED sample at ${SAMPLE}` },
  async () => {
    const seen: string[] = [];
    const kept = await evalAcled(SAMPLE, { split: 'kept', onRow: (s) => seen.push(s.eventId) });
    assert.equal(kept.rows, 134);
    assert.equal(seen.length, 134);
    // held-out figures are checked against floors only: their rows are not read while tuning
    assert.ok(kept.event_type_accuracy >= 0.8, `kept event_type ${kept.event_type_accuracy}`);
  },
);
