// Bad input gets one clear line naming the file and the problem and a non-zero exit, while the other
// files of the same call are still processed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync, openSync, ftruncateSync, closeSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';

const bin = resolve(import.meta.dirname, '..', 'bin', 'rasid.js');
const run = (args: string[], input?: string) =>
  spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', input, maxBuffer: 64 * 1024 * 1024 });

test('bad inputs are named with their problem; good files are still extracted', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rasid-cli-'));
  try {
    const good = join(dir, 'good.txt');
    writeFileSync(good, 'أعدم تنظيم داعش رجلين رمياً بالرصاص في مدينة الميادين بتهمة التخابر مع التحالف.\n');
    const binary = join(dir, 'photo.txt');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01, 0x02]));
    const latin1 = join(dir, 'latin1.txt');
    writeFileSync(latin1, Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0xe0, 0x20, 0x6c, 0x61]));
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '');
    const huge = join(dir, 'huge.txt');
    const fd = openSync(huge, 'w');
    ftruncateSync(fd, 50 * 1024 * 1024);
    closeSync(fd);
    const folder = join(dir, 'folder.txt');
    mkdirSync(folder);
    const missing = join(dir, 'missing.txt');

    const r = run(['extract', '--json', binary, good, latin1, empty, huge, missing, folder]);
    assert.equal(r.status, 3, 'exit 3: bad input');
    const lines = r.stderr.trim().split('\n');
    const expect: Array<[string, RegExp]> = [
      [binary, /binary/],
      [latin1, /UTF-8/],
      [empty, /empty/],
      [huge, /MB is over/],
      [missing, /no such file/],
      [folder, /directory/],
    ];
    assert.equal(lines.length, expect.length, r.stderr);
    for (const [file, problem] of expect) {
      const line = lines.find((l) => l.includes(file));
      assert.ok(line, `a line names ${file}`);
      assert.match(line!, problem);
    }
    const docs = JSON.parse(r.stdout);
    assert.equal(docs.length, 1);
    assert.equal(docs[0].document.id, 'good');
    assert.ok(docs[0].incidents.some((i: { type: string }) => i.type === 'execution'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('stdin, the readable table, and a bad --published', () => {
  const r = run(['extract', '-'], 'قُتل ثلاثة مدنيين بغارة جوية على بلدة العشارة.');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /stdin .*incident/);
  const bad = run(['extract', '--published', 'yesterday', '-'], 'نص');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--published: expected a date YYYY-MM-DD/);
});

test('places imported with `rasid gazetteer import` into --db reach extraction', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rasid-gz-'));
  try {
    // an invented village in the GeoNames dump format: only the import can know it
    const dump = join(dir, 'XX.txt');
    writeFileSync(
      dump,
      '99999001\tKhirbat Rasid\tKhirbat Rasid\tKhirbat Rasid,خربة راصد\t36.1234\t39.4321\tP\tPPL\tSY\t\t04\t\t\t\t1200\t\t300\tAsia/Damascus\t2024-01-01\n',
    );
    const db = join(dir, 'rasid.db');
    const imp = run(['gazetteer', 'import', '--db', db, dump]);
    assert.equal(imp.status, 0, imp.stderr);
    const report = join(dir, 'report.txt');
    writeFileSync(report, 'قصفت طائرات حربية قرية خربة راصد في ريف الرقة وقتل ثلاثة مدنيين.\n');
    const place = (args: string[]) => {
      const r = run(['extract', '--json', ...args, report]);
      assert.equal(r.status, 0, r.stderr);
      return JSON.parse(r.stdout).incidents[0]?.locations?.[0];
    };
    const withImport = place(['--db', db]);
    assert.equal(withImport.lat, 36.1234);
    assert.equal(withImport.gazetteer_id, 'geonames:99999001');
    assert.notEqual(place(['--db', join(dir, 'none.db')])?.gazetteer_id, 'geonames:99999001');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
