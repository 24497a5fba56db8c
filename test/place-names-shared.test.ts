// Latin place names of the shared evaluation data (ACLED, PITF Iraq, UCDP-AEC) put in a sentence of
// our own and read by the English place finder (`rasid eval --places`): the share resolved to the
// right place must not fall below a floor, nor the share resolved to a wrong place rise above one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evalPlaceNames, sharedNames } from '../src/eval/place-names.ts';

const DATA = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'data');
const present = existsSync(join(DATA, 'acled-sample-2020')) && existsSync(join(DATA, 'pitf-atrocities'));

test(
  'Latin place names of the shared data resolve to the right place',
  { skip: present ? false : `../shared/data not found at ${DATA}` },
  () => {
    const r = evalPlaceNames(sharedNames(DATA), 'all').overall;
    assert.ok(r.names > 500, `only ${r.names} names`);
    const right = r.right / r.names;
    const wrong = r.wrong / r.names;
    assert.ok(right >= RIGHT_FLOOR, `right ${right.toFixed(3)} < ${RIGHT_FLOOR}`);
    assert.ok(wrong <= WRONG_CEILING, `wrong place ${wrong.toFixed(3)} > ${WRONG_CEILING}`);
  },
);

const RIGHT_FLOOR = 0.53;
const WRONG_CEILING = 0.075;
