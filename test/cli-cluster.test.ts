// Ingest joins incidents that reports in two languages tell of one event; `rasid cluster` reruns
// keep the cluster as it is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';

const bin = resolve(import.meta.dirname, '..', 'bin', 'rasid.js');
const run = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

const records = [
  {
    text: 'أعدم تنظيم داعش خمسة عشر رجلاً رمياً بالرصاص في مدينة الميادين يوم الاثنين بتهمة التعامل مع التحالف الدولي، بحسب ناشطين.',
    url: 'https://example.org/ar/1',
    published: '2015-05-12',
    lang: 'ar',
  },
  {
    text: 'Islamic State executed 17 men by shooting in al-Mayadin on Monday, accusing them of collaborating with the international coalition, activists said.',
    url: 'https://example.org/en/1',
    published: '2015-05-12',
    lang: 'en',
  },
  {
    text: 'Islamic State executed 4 men in Raqqa city on 20 June 2015.',
    url: 'https://example.org/en/2',
    published: '2015-06-21',
    lang: 'en',
  },
];

test('ingest clusters one event told in Arabic and English, and leaves another event alone', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rasid-cluster-'));
  try {
    mkdirSync(join(dir, 'in'));
    writeFileSync(join(dir, 'in', 'reports.jsonl'), records.map((r) => JSON.stringify(r)).join('\n') + '\n');
    const db = join(dir, 'rasid.db');
    const first = run(['ingest', '--json', join(dir, 'in'), '--db', db]);
    assert.equal(first.status, 0, first.stderr);
    const summary = JSON.parse(first.stdout);
    assert.equal(summary.new, 3);
    assert.equal(summary.clusters.clusters, 1);
    const again = run(['cluster', '--json', '--db', db]);
    assert.equal(again.status, 0, again.stderr);
    const r = JSON.parse(again.stdout);
    assert.deepEqual([r.clusters, r.created, r.kept, r.removed], [1, 0, 1, 0]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
