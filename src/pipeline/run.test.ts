import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runStages, type Stage } from './run.ts';
import { STAGES } from './stages.ts';
import { extractDocument } from './index.ts';

interface S {
  issues: Array<{ code: string; stage: string; message: string; span: null }>;
  seen: string[];
}

const stage = (name: string, onError: 'skip' | 'stop', fail = false): Stage<S> => ({
  name,
  onError,
  run: (s) => {
    if (fail) throw new TypeError('odd input');
    s.seen.push(name);
  },
  trace: (s) => [s.seen.length],
});

test('stages run in order and the trace records what each added', () => {
  const s: S = { issues: [], seen: [] };
  const trace = runStages([stage('a', 'stop'), stage('b', 'stop')], s, true);
  assert.deepEqual(s.seen, ['a', 'b']);
  assert.deepEqual(trace, [
    { stage: 'a', added: [1] },
    { stage: 'b', added: [2] },
  ]);
});

test('a failing optional stage is skipped with an issue; a failing required stage stops the run', () => {
  const s: S = { issues: [], seen: [] };
  runStages([stage('a', 'skip', true), stage('b', 'stop'), stage('c', 'stop', true), stage('d', 'stop')], s, false);
  assert.deepEqual(s.seen, ['b']);
  assert.deepEqual(
    s.issues.map((i) => i.code),
    ['a.failed', 'c.failed'],
  );
});

test('the pipeline lists its stages once, and --trace shows each of them that adds something', () => {
  const names = STAGES.map((x) => x.name);
  assert.equal(new Set(names).size, names.length);
  const r = extractDocument({ text: 'قتل خمسة مدنيين في غارة جوية على مدينة سراقب.' }, { trace: true });
  const traced = (r.trace ?? []).map((t) => t.stage);
  for (const n of ['mentions', 'quantities', 'times', 'places', 'frames', 'realis', 'merge', 'events', 'filter'])
    assert.ok(traced.includes(n), n);
});
