// One filter schema for the server's query strings and `rasid export`'s options.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isRasidError } from '../errors.ts';
import { exportFilter, FilterQuery, parseFilterOptions, toFilter } from './incident-filter.ts';

test('the same values pass and fail for the server and the command line', () => {
  const q = { type: 'execution, shelling', status: 'verified', from: '2015-01-01', actor: 'isis' };
  const server = FilterQuery.parse(q);
  assert.deepEqual(parseFilterOptions(q), server);
  assert.deepEqual(toFilter(server), {
    type: ['execution', 'shelling'],
    status: ['verified'],
    from: '2015-01-01',
    actor: 'isis',
  });
  for (const [bad, code, named] of [
    [{ type: 'shelling,picnic' }, 'export.bad-type', /--type: expected one of .*found "picnic"/],
    [
      { status: 'nope' },
      'export.bad-status',
      /--status: expected one of machine, edited, verified, rejected, found "nope"/,
    ],
    [{ to: '5 May 2015' }, 'export.bad-date', /--to: expected YYYY-MM-DD/],
    [{ actor: 'a\u0000b' }, 'export.bad-filter', /--actor: control characters/],
  ] as const) {
    assert.equal(FilterQuery.safeParse(bad).success, false);
    assert.throws(
      () => parseFilterOptions(bad),
      (e) => isRasidError(e) && e.code === code && named.test(e.message),
    );
  }
});

test('exports leave rejected incidents out unless a status is asked for', () => {
  assert.deepEqual(exportFilter({}).status, ['machine', 'edited', 'verified']);
  assert.deepEqual(exportFilter(parseFilterOptions({ status: 'rejected' })).status, ['rejected']);
  assert.equal(toFilter({}).status, undefined);
});
