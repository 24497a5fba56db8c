// The Latin place-name measure on names of our own: how names are cleaned, DMS read, the split
// drawn and a resolved entry judged against a point or a governorate.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanName, dms, evalPlaceNames, inPlaceSplit, judge, resolveName, type KnownName } from './place-names.ts';

test('a name loses its parenthesis and the second of two slashed names, keeping the qualifier', () => {
  assert.equal(cleanName('Tall Kayf (Tel Keppe)'), 'Tall Kayf');
  assert.equal(cleanName('Hama/Hamah town'), 'Hama town');
  assert.equal(cleanName('Eastern Hama  countryside'), 'Eastern Hama countryside');
});

test('DMS with a direction; missing degrees give nothing', () => {
  assert.equal(dms('36', '30', '0', 'N'), 36.5);
  assert.equal(dms('43', '15', '0', 'W'), -43.25);
  assert.equal(dms('', '10', '0', 'N'), null);
});

test('every third name of a source is kept, the rest tuned on', () => {
  assert.deepEqual(
    [0, 1, 2, 3, 4, 5].map((i) => inPlaceSplit(i, 'kept')),
    [false, false, true, false, false, true],
  );
  assert.ok([0, 1, 2].every((i) => inPlaceSplit(i, 'all')));
});

const mosul: KnownName = {
  source: 'pitf',
  name: 'Mosul',
  point: { lat: 36.34, lon: 43.13, km: 25 },
  admin1: null,
  country: 'IQ',
};

test('a name resolved near its point is right, far from it wrong, unresolved unfound', () => {
  const r = resolveName('Mosul');
  assert.equal(judge(mosul, r.entry), 'right');
  assert.equal(judge({ ...mosul, point: { lat: 33.3, lon: 44.4, km: 25 } }, r.entry), 'wrong');
  assert.equal(judge(mosul, null), 'unfound');
});

test('a name known only by its governorate is right inside it, written as the source writes it', () => {
  const hama: KnownName = {
    source: 'ucdp',
    name: 'Hama town',
    point: null,
    admin1: 'Ḩamāh governorate',
    country: 'SY',
  };
  assert.equal(judge(hama, resolveName('Hama town').entry), 'right');
  assert.equal(judge({ ...hama, admin1: 'Idlib governorate' }, resolveName('Hama town').entry), 'wrong');
});

test('figures per source and overall', () => {
  const r = evalPlaceNames([mosul, { ...mosul, name: 'Qwxzt' }, { ...mosul, name: 'Baghdad' }], 'all');
  assert.deepEqual(r.overall, { names: 3, found: 2, right: 1, wrong: 1 });
  assert.deepEqual(r.by_source.pitf, r.overall);
});
