// `rasid user` and `rasid serve` as a user runs them: accounts, tokens, the first admin, the address.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/rasid.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'rasid-cli-serve-'));
const db = join(dir, 'cli.db');
after(() => rmSync(dir, { recursive: true, force: true }));

const rasid = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000 });

test('rasid serve makes and prints the first admin, prints its address and answers', async () => {
  const child = spawn(process.execPath, [BIN, 'serve', '--db', db, '--port', '0', '--quiet'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${code}`)));
  });
  try {
    const pw = /first account: admin \/ (\S+)/.exec(out)?.[1];
    assert.ok(pw, out);
    // the command the message names is one that works (it said `rasid user add`, which fails)
    const hint = /change it with: (rasid user passwd admin[^)]*)\)/.exec(out)?.[1];
    assert.ok(hint, out);
    assert.equal(hint, `rasid user passwd admin --db ${db}`);
    assert.equal((await fetch(`${url}/api/incidents`)).status, 401);
    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'admin', password: pw }),
    });
    assert.equal(login.status, 200);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
});

test('rasid user add generates or takes a password; token prints a bearer token that works', async () => {
  const gen = rasid('user', 'add', 'reviewer', '--role', 'editor', '--db', db);
  assert.equal(gen.status, 0, gen.stderr);
  assert.match(gen.stdout, /user reviewer \(editor\) created\npassword: \S{20,}\n/);
  const given = rasid('user', 'add', 'reader', '--role', 'viewer', '--password', 'a-long-password', '--db', db);
  assert.equal(given.status, 0, given.stderr);
  assert.doesNotMatch(given.stdout, /password:/);
  const token = rasid('user', 'token', 'reviewer', '--db', db);
  assert.equal(token.status, 0, token.stderr);
  assert.match(token.stdout.trim(), /^rsd_[\w-]+$/);
  const list = rasid('user', 'list', '--db', db);
  assert.match(list.stdout, /reviewer\teditor/);
  assert.match(list.stdout, /reader\tviewer/);
});

test('bad input gets one line with a code and exit status 2', () => {
  const role = rasid('user', 'add', 'x', '--role', 'owner', '--db', db);
  assert.equal(role.status, 2);
  assert.match(role.stderr, /user\.bad-role/);
  const dup = rasid('user', 'add', 'reader', '--role', 'viewer', '--db', db);
  assert.equal(dup.status, 2);
  assert.match(dup.stderr, /user\.exists/);
  const weak = rasid('user', 'add', 'y', '--password', 'short', '--db', db);
  assert.equal(weak.status, 2);
  assert.match(weak.stderr, /user\.weak-password/);
  const missing = rasid('user', 'token', 'nobody', '--db', db);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /user\.not-found/);
  const port = rasid('serve', '--port', 'eighty', '--db', db);
  assert.equal(port.status, 2);
  assert.match(port.stderr, /serve\.bad-port/);
});

test('rasid user passwd, role, disable/enable, tokens and revoke manage access, each audited', async () => {
  rasid('user', 'add', 'manager', '--role', 'viewer', '--password', 'manager-pass-1', '--db', db);
  const pw = rasid('user', 'passwd', 'manager', '--db', db);
  assert.equal(pw.status, 0, pw.stderr);
  assert.match(pw.stdout, /password of manager changed\npassword: \S{20,}\n/);
  const role = rasid('user', 'role', 'manager', 'editor', '--db', db);
  assert.equal(role.status, 0, role.stderr);
  assert.match(role.stdout, /manager is now editor/);
  assert.equal(rasid('user', 'disable', 'manager', '--db', db).status, 0);
  assert.match(rasid('user', 'list', '--db', db).stdout, /manager\teditor\tdisabled/);
  assert.equal(rasid('user', 'enable', 'manager', '--db', db).status, 0);
  assert.match(rasid('user', 'list', '--db', db).stdout, /manager\teditor\n/);
  rasid('user', 'token', 'manager', '--label', 'cron', '--db', db);
  const tokens = rasid('user', 'tokens', 'manager', '--db', db);
  assert.equal(tokens.status, 0, tokens.stderr);
  const id = /^(\d+)\tmanager\tcron\t/m.exec(tokens.stdout)?.[1];
  assert.ok(id, tokens.stdout);
  const revoke = rasid('user', 'revoke', id, '--db', db);
  assert.equal(revoke.status, 0, revoke.stderr);
  assert.doesNotMatch(rasid('user', 'tokens', 'manager', '--db', db).stdout, /cron/);
  const again = rasid('user', 'revoke', id, '--db', db);
  assert.equal(again.status, 2);
  assert.match(again.stderr, /token\.not-found/);
  const { openStore } = await import('../../src/store/open.ts');
  const store = await openStore({ db });
  try {
    const actions = (await store.listAudit({ limit: 50, offset: 0 }))
      .filter((e) => e.target === 'manager')
      .map((e) => e.action);
    assert.deepEqual(actions.sort(), [
      'token.add',
      'token.revoke',
      'user.add',
      'user.disable',
      'user.enable',
      'user.password',
      'user.role',
    ]);
  } finally {
    await store.close();
  }
});
