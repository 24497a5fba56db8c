import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EXIT, RasidError, errorKind, exitStatus, httpStatus } from './errors.ts';
import { StoreError } from './store/errors.ts';
import { AuthError } from './auth/users.ts';
import { LexiconFormatError } from './lexicon/load.ts';
import { AcledFormatError } from './acled/parse.ts';
import { HttpError } from './serve/errors.ts';

test('each code maps to one kind, one exit status and one HTTP status', () => {
  const table: Array<[RasidError, string, number, number]> = [
    [new RasidError('usage.queue', 'q'), 'usage', EXIT.usage, 400],
    [new RasidError('export.bad-type', 't'), 'usage', EXIT.usage, 400],
    [new AuthError('user.exists', 'u'), 'usage', EXIT.usage, 409],
    [new RasidError('input.binary', 'b'), 'input', EXIT.input, 400],
    [new LexiconFormatError('l'), 'input', EXIT.input, 400],
    [new AcledFormatError('acled.columns', 'a'), 'input', EXIT.input, 400],
    [new StoreError('store.unavailable', 's'), 'store', EXIT.store, 503],
    [new StoreError('store.not-found', 's'), 'store', EXIT.store, 404],
    [new StoreError('store.conflict', 's'), 'store', EXIT.store, 409],
    [new RasidError('fetch.timeout', 'f'), 'network', EXIT.network, 502],
    [new HttpError(401, 'auth.bad-token', 'h'), 'input', EXIT.input, 401],
  ];
  for (const [e, kind, exit, status] of table) {
    assert.ok(e instanceof RasidError, e.code);
    assert.equal(e.kind, kind, e.code);
    assert.equal(exitStatus(e), exit, e.code);
    assert.equal(httpStatus(e), status, e.code);
  }
});

test('the four kinds have distinct exit statuses, apart from success, partial failure and bugs', () => {
  const statuses = [EXIT.ok, EXIT.partial, EXIT.usage, EXIT.input, EXIT.store, EXIT.network, EXIT.internal];
  assert.equal(new Set(statuses).size, statuses.length);
  assert.equal(exitStatus(new TypeError('x')), EXIT.internal);
  assert.equal(errorKind('no-family'), 'input');
});
