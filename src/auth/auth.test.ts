import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generatePassword, hashPassword, verifyPassword } from './password.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../store/open.ts';
import type { SqliteStore } from '../store/sqlite.ts';
import { LoginThrottle } from './rate-limit.ts';
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

test('sessions live in the store: hashed, expiring, and still there after the store is reopened', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rasid-sessions-'));
  const file = join(dir, 's.db');
  try {
    let now = Date.now();
    const store = await openStore({ db: file });
    const u1 = await store.createUser('u1', 'viewer', 'x');
    const u2 = await store.createUser('u2', 'viewer', 'x');
    const s = new SessionStore(store, { ttlMs: 60_000, now: () => now });
    const { id, csrf } = await s.create(u1.id);
    assert.deepEqual(await s.get(id), { userId: u1.id, csrf, expiresAt: now + 60_000 });
    assert.equal(await s.get(id + 'x'), null);
    const raw = (store as SqliteStore).raw.prepare('SELECT id_hash FROM sessions').all() as Array<{ id_hash: string }>;
    assert.deepEqual(
      raw.map((r) => r.id_hash),
      [hashToken(id)],
      'only the hash of the id is stored',
    );
    const second = await s.create(u2.id);
    await s.destroy(second.id);
    assert.equal(await s.get(second.id), null);
    await store.close();

    // a restart: a new process opens the same store and knows the session
    const again = await openStore({ db: file });
    const s2 = new SessionStore(again, { ttlMs: 60_000, now: () => now });
    assert.equal((await s2.get(id))?.userId, u1.id);
    now += 60_000;
    assert.equal(await s2.get(id), null, 'expired');
    // a new password ends the user's sessions
    const fresh = await s2.create(u1.id);
    await again.updateUser(u1.id, { passwordHash: 'y' });
    assert.equal(await s2.get(fresh.id), null);
    await again.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('login throttle: only failures count, a success clears the name, waits double and are capped', () => {
  let now = 0;
  const t = new LoginThrottle({ now: () => now });
  // an office behind one address: a hundred good sign-ins in a row are never throttled
  for (let i = 0; i < 100; i++) {
    assert.equal(t.wait('10.0.0.1', `analyst${i % 12}`), 0);
    t.succeeded('10.0.0.1', `analyst${i % 12}`);
  }
  // one guesser at one address: five free failures, then 1 s, 2 s, 4 s …
  for (let i = 0; i < 5; i++) t.failed('10.0.0.2', 'admin');
  assert.equal(t.wait('10.0.0.2', 'admin'), 0);
  t.failed('10.0.0.2', 'admin');
  assert.equal(t.wait('10.0.0.2', 'admin'), 1);
  t.failed('10.0.0.2', 'admin');
  assert.equal(t.wait('10.0.0.2', 'admin'), 2);
  // … which does not touch the real admin at another address
  assert.equal(t.wait('10.0.0.3', 'admin'), 0);
  // many addresses failing on `admin` make the real admin wait 30 s at most
  for (let i = 0; i < 400; i++) t.failed(`198.51.100.${i % 250}.${i}`, 'admin');
  assert.ok(t.wait('10.0.0.3', 'admin') <= 30 && t.wait('10.0.0.3', 'admin') > 0);
  now += 30_000;
  assert.equal(t.wait('10.0.0.3', 'admin'), 0);
  t.succeeded('10.0.0.3', 'admin');
  assert.equal(t.wait('10.0.0.4', 'admin'), 0, 'a success clears the name');
  // the address of a guesser keeps its count after it signs in to its own account
  for (let i = 0; i < 40; i++) t.failed('10.0.0.9', `name${i}`);
  t.succeeded('10.0.0.9', 'own-account');
  assert.ok(t.wait('10.0.0.9', 'someone-else') > 0);
  // failures are forgotten after 15 minutes
  now += 16 * 60_000;
  assert.equal(t.wait('10.0.0.9', 'someone-else'), 0);
});

test('login throttle memory is bounded: the least recently touched keys go first', () => {
  const t = new LoginThrottle({ maxKeys: 1000 });
  for (let i = 0; i < 5000; i++) t.failed('10.0.0.5', `flood-${i}`);
  assert.ok(t.name.size <= 2000 && t.name.size >= 1000, `${t.name.size}`);
  assert.ok(t.pair.size <= 2000);
  assert.equal(t.address.size, 1);
  assert.ok(t.wait('10.0.0.5', 'anyone') > 0, 'the flooding address is still held back');
});

test('roles rank viewer < editor < admin', () => {
  assert.equal(hasRole({ role: 'admin' }, 'editor'), true);
  assert.equal(hasRole({ role: 'editor' }, 'editor'), true);
  assert.equal(hasRole({ role: 'viewer' }, 'editor'), false);
  assert.equal(hasRole({ role: 'editor' }, 'admin'), false);
});
