import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generatePassword, hashPassword, verifyPassword } from './password.ts';
import { RateLimiter } from './rate-limit.ts';
import { SessionStore } from './sessions.ts';
import { generateToken, hashToken } from './tokens.ts';
import { hasRole } from './users.ts';

test('scrypt hashes are salted and verify only the right password', async () => {
  const a = await hashPassword('correct horse');
  const b = await hashPassword('correct horse');
  assert.notEqual(a, b);
  assert.match(a, /^scrypt\$16384\$8\$1\$/);
  assert.equal(await verifyPassword('correct horse', a), true);
  assert.equal(await verifyPassword('correct horsf', a), false);
  assert.equal(await verifyPassword('correct horse', 'plain-text'), false);
  assert.ok(!a.includes('correct'));
});

test('generated passwords and tokens are long and distinct', () => {
  assert.ok(generatePassword().length >= 20);
  assert.notEqual(generatePassword(), generatePassword());
  const t = generateToken();
  assert.match(t, /^rsd_[\w-]{43}$/);
  assert.match(hashToken(t), /^[0-9a-f]{64}$/);
});

test('sessions expire and can be destroyed; only the hash of the id is kept', () => {
  let now = 1_000;
  const s = new SessionStore({ ttlMs: 100, now: () => now });
  const { id, csrf } = s.create('u1');
  assert.deepEqual(s.get(id), { userId: 'u1', csrf, expiresAt: 1_100 });
  assert.equal(s.get(id + 'x'), null);
  now = 1_100;
  assert.equal(s.get(id), null);
  const second = s.create('u2');
  s.destroy(second.id);
  assert.equal(s.get(second.id), null);
});

test('the rate limiter counts per key and resets after its window', () => {
  let now = 0;
  const rl = new RateLimiter({ max: 2, windowMs: 1000, now: () => now });
  assert.equal(rl.hit('a'), 0);
  assert.equal(rl.hit('a'), 0);
  assert.equal(rl.hit('a'), 1);
  assert.equal(rl.hit('b'), 0);
  now = 1000;
  assert.equal(rl.hit('a'), 0);
});

test('roles rank viewer < editor < admin', () => {
  assert.equal(hasRole({ role: 'admin' }, 'editor'), true);
  assert.equal(hasRole({ role: 'editor' }, 'editor'), true);
  assert.equal(hasRole({ role: 'viewer' }, 'editor'), false);
  assert.equal(hasRole({ role: 'editor' }, 'admin'), false);
});
