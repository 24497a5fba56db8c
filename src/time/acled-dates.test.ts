// English dates on real data: ACLED notes open with the event's date («On 9 May 2020, …»); the first
// mention found in each note must contain the row's event_date. Runs when ../shared is present.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { analyze } from '../text/analyze.ts';
import { findTimes } from './find-times.ts';

const file = fileURLToPath(
  new URL('../../../shared/data/acled-sample-2020/acled_syria_iraq_2020-04-27_to_2020-05-09.csv', import.meta.url),
);
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

test(
  'the first date in ACLED notes contains the event date',
  { skip: existsSync(file) ? false : `${file} is absent` },
  () => {
    const rows = parse(readFileSync(file), { columns: true }) as Array<Record<string, string>>;
    let hit = 0;
    for (const r of rows) {
      const [d, mon, yy] = r.event_date!.split('-');
      const iso = `20${yy}-${String(MONTHS.indexOf(mon!) + 1).padStart(2, '0')}-${d!.padStart(2, '0')}`;
      const [first] = findTimes(analyze(r.notes!), null);
      if (first?.start && first.end && first.start <= iso && iso <= first.end) hit++;
    }
    assert.ok(rows.length > 300);
    assert.ok(hit / rows.length >= 0.95, `${hit} of ${rows.length}`);
  },
);
