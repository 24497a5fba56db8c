import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Command } from 'commander';
import {
  DEFAULT_DB_FILE,
  DEFAULT_EXTRACT_LIMITS,
  buildConfig,
  dbOption,
  limitOptions,
  readEnvironment,
} from './config.ts';

test('DATABASE_URL selects PostgreSQL for the store; an empty one counts as unset', () => {
  const pgUrl = 'postgres://root@127.0.0.1:5432/test';
  assert.deepEqual(readEnvironment({ DATABASE_URL: '' }), { databaseUrl: null });
  assert.deepEqual(buildConfig({ db: 'a.db' }, readEnvironment({ DATABASE_URL: pgUrl })), {
    store: { kind: 'postgres', databaseUrl: pgUrl },
    databaseUrl: pgUrl,
    limits: DEFAULT_EXTRACT_LIMITS,
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

test('--max-incidents and --extract-budget parse the same for ingest and worker, into the config limits', () => {
  const limits = (args: string[]) => {
    const cmd = new Command().exitOverride().configureOutput({ writeErr: () => undefined });
    for (const o of limitOptions()) cmd.addOption(o);
    const flags = cmd.parse(args, { from: 'user' }).opts<{ maxIncidents: number; extractBudget: number }>();
    return buildConfig(flags, readEnvironment({})).limits;
  };
  assert.deepEqual(limits([]), DEFAULT_EXTRACT_LIMITS);
  assert.deepEqual(limits(['--max-incidents', '50', '--extract-budget', '2.5']), {
    ...DEFAULT_EXTRACT_LIMITS,
    maxIncidents: 50,
    budgetMs: 2500,
  });
  assert.throws(() => limits(['--max-incidents', '0']), /whole number/);
  assert.throws(() => limits(['--extract-budget', 'soon']), /seconds/);
});
