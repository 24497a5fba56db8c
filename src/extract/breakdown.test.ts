// A lead total broken down by place in its own sentence gives the breakdown's incidents only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractDocument } from '../pipeline/index.ts';

const summary = (text: string) =>
  extractDocument({ text }).incidents.map(
    (i) => `${i.type} ${i.counts.killed?.value ?? '-'} ${i.locations.map((l) => l.name).join(',')}`,
  );

test('a total followed by its figures per place splits into one incident per place', () => {
  assert.deepEqual(
    summary('قتل 7 مدنيين اليوم في قصف مدفعي لقوات النظام على ريف إدلب، 4 منهم في مدينة سراقب و3 في مدينة أريحا.'),
    ['shelling 4 Saraqib', 'shelling 3 Ariha'],
  );
});

test('figures that do not add up to the total are details of one event', () => {
  assert.equal(
    summary('قتل 9 مدنيين اليوم في قصف مدفعي لقوات النظام على ريف إدلب، 3 منهم في مدينة سراقب و2 في مدينة أريحا.')
      .length,
    1,
  );
  assert.equal(summary('قتل 9 مدنيين بينهم 4 أطفال في قصف مدفعي على مدينة سراقب.').length, 1);
});
