import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Command } from 'commander';
import { DEFAULT_DB_FILE, buildConfig, dbOption, readEnvironment } from './config.ts';

test('DATABASE_URL selects PostgreSQL for the store; an empty one counts as unset', () => {
  const pgUrl = 'postgres://root@127.0.0.1:5432/test';
  assert.deepEqual(readEnvironment({ DATABASE_URL: '' }), { databaseUrl: null });
  assert.deepEqual(buildConfig({ db: 'a.db' }, readEnvironment({ DATABASE_URL: pgUrl })), {
    store: { kind: 'postgres', databaseUrl: pgUrl },
    databaseUrl: pgUrl,
  });
  assert.deepEqual(buildConfig({ db: 'a.db' }, readEnvironment({})).store, { kind: 'sqlite', db: 'a.db' });
  assert.deepEqual(buildConfig({}, readEnvironment({})).store, { kind: 'sqlite', db: DEFAULT_DB_FILE });
});

test('--db parses the same on every command: the default, or the file given', () => {
  const parse = (args: string[]) =>
    new Command().exitOverride().addOption(dbOption()).parse(args, { from: 'user' }).opts<{ db: string }>().db;
  assert.equal(parse([]), DEFAULT_DB_FILE);
  assert.equal(parse(['--db', 'x.db']), 'x.db');
});
