import { test } from 'node:test';
import assert from 'node:assert/strict';
import { score, round3, haversineKm, type ScoredDocument } from './score.ts';
import type { Extraction, Incident } from '../schema.ts';

const text = 'أعدم التنظيم رجلين في الميادين. وقصفت الطائرات بلدة العشارة وقتل ثلاثة مدنيين.';

function inc(type: Incident['type'], evidence: string, extra: Partial<Incident> = {}): Incident {
  const i = text.indexOf(evidence);
  return {
    id: `${type}-${i}`,
    type,
    acled: null,
    violations: [],
    actors: [],
    locations: [],
    time: null,
    counts: {},
    methods: [],
    accusations: [],
    attribution: null,
    evidence: [{ span: [i, i + evidence.length] }],
    summary_en: '',
    confidence: 0.5,
    ...extra,
  };
}

function doc(incidents: Incident[]): Extraction {
  return {
    document: { id: 'd', lang: 'ar', title: null, url: null, published: null, text, alternates: [] },
    incidents,
  };
}

const gold = {
  doc: 'd.txt',
  published: '2015-05-01',
  incidents: [
    {
      type: 'execution',
      evidence: 'أعدم التنظيم رجلين في الميادين',
      actors: { perpetrator: ['isis'] },
      counts: { killed: { value: 2 } },
    },
    {
      type: 'air_strike',
      evidence: 'قصفت الطائرات بلدة العشارة',
      locations: [{ lat: 34.92, lon: 40.55, precision: 1 }],
    },
  ],
};

test('a perfect prediction scores 1 everywhere it is scored', () => {
  const preds = doc([
    inc('execution', 'أعدم التنظيم رجلين', {
      actors: [{ role: 'perpetrator', id: 'isis', name: 'Islamic State', span: null }],
      counts: { killed: { value: 2, min: 2, max: 2, approximate: false, text: 'رجلين', span: null } },
    }),
    inc('air_strike', 'قصفت الطائرات', {
      locations: [{ name: 'Ashara', lat: 34.93, lon: 40.56, precision: 1, span: null }],
    }),
  ]);
  const { scores } = score([{ name: 'd', lang: 'ar', text, gold, prediction: preds }]);
  assert.deepEqual(scores.detection_prf, [1, 1, 1]);
  assert.deepEqual(scores.actors_prf, [1, 1, 1]);
  assert.deepEqual(scores.counts_prf, [1, 1, 1]);
  assert.deepEqual(scores.locations_prf, [1, 1, 1]);
  assert.equal(scores.time_coverage, 0);
});

test('a wrong type is lenient-only when the ACLED event type agrees', () => {
  const preds = doc([inc('attack', 'أعدم التنظيم رجلين'), inc('shelling', 'قصفت الطائرات')]);
  const { scores } = score([{ name: 'd', lang: 'ar', text, gold, prediction: preds } as ScoredDocument]);
  assert.deepEqual(scores.detection_prf, [0, 0, 0]);
  assert.deepEqual(scores.detection_lenient_prf, [1, 1, 1]);
});

test('a missing prediction counts every gold incident as missed', () => {
  const { scores } = score([{ name: 'd', lang: 'ar', text, gold, prediction: null }]);
  assert.deepEqual(scores.missing_predictions, ['d']);
  assert.deepEqual(scores.detection_prf, [0, 0, 0]);
});

test('rounding follows Python on exact ties', () => {
  assert.equal(round3(0.0625), 0.062);
  assert.equal(round3(0.1875), 0.188);
  assert.equal(round3(2 / 3), 0.667);
  assert.ok(Math.abs(haversineKm([35.33, 40.14], [35.1, 40.55]) - 45.2) < 1);
});
