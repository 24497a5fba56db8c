import { test } from 'node:test';
import assert from 'node:assert/strict';
import { summarize } from './summary.ts';

test('summary_en says who did what, how many, where and when', () => {
  const line = summarize({
    type: 'execution',
    actors: [
      { role: 'perpetrator', id: 'isis', name: 'Islamic State', span: null },
      { role: 'victim', id: 'civilians', name: 'Civilians', span: null },
    ],
    counts: { killed: { value: 100, min: 90, max: 110, approximate: true, text: 'قرابة الـ 100', span: [0, 12] } },
    locations: [{ name: 'Deir ez-Zor', lat: 35.3, lon: 40.1, precision: 3, span: null }],
    time: { start: '2015-05-01', end: '2015-09-01', precision: 3, text: null, span: null },
    methods: [{ id: 'shooting', span: null }],
  });
  assert.equal(
    line,
    'Islamic State: execution against civilians (about 100 killed), by shooting in Deir ez-Zor between 2015-05-01 and 2015-09-01',
  );
});

test('summary without a perpetrator starts with the event', () => {
  const line = summarize({ type: 'air_strike', actors: [], counts: {}, locations: [], time: null, methods: [] });
  assert.equal(line, 'Air strike');
});
