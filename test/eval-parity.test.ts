// `rasid eval` must report the figures of the reference scorer (../shared/tools/score.py).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { evaluateGoldDir } from '../src/cli/eval.ts';

const shared = resolve(import.meta.dirname, '..', '..', 'shared');
const scorer = join(shared, 'tools', 'score.py');
const dev = join(shared, 'corpus', 'dev');
const skip = !existsSync(scorer) || !existsSync(dev) ? 'needs ../shared (tools/score.py and corpus/dev)' : false;

test('rasid eval equals score.py on the dev set', { skip }, () => {
  const out = mkdtempSync(join(tmpdir(), 'rasid-eval-'));
  try {
    const ours = evaluateGoldDir(dev, { out }).overall;
    const theirs = JSON.parse(execFileSync('python3', [scorer, dev, out, '--json'], { encoding: 'utf8' }));
    assert.deepEqual(JSON.parse(JSON.stringify(ours)), theirs);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
