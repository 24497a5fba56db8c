// The restricted flag through the real CLI on a temporary SQLite file: `rasid ingest` restricts by
// rule (`--restricted-source`, `--restricted`), a rule never overrides an editor's choice, and
// `rasid export` leaves restricted incidents out unless `--include-restricted`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../store/open.ts';
import type { Store } from '../store/types.ts';
import { restrictedRule } from './ingest.ts';

const BIN = new URL('../../bin/rasid.js', import.meta.url).pathname;

function rasid(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: '' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

// our own sentences: a shelling told in public, an arrest told by a named witness
const PUBLIC = 'قُتل خمسة مدنيين في قصف مدفعي على مدينة إدلب يوم 4 آذار 2019.\n';
const WITNESS =
  'اعتقلت دورية أمنية ثلاثة شبان من بلدة ذيبان يوم 3 آذار 2019، وقال الشاهد أحمد إنهم اقتيدوا إلى جهة مجهولة.\n';

async function withStore<T>(file: string, f: (s: Store) => Promise<T>): Promise<T> {
  const store = await openStore({ db: file });
  try {
    return await f(store);
  } finally {
    await store.close();
  }
}

const jsonlTypes = (out: string) =>
  out
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { type: string }).type)
    .sort();

test('the restricted rule: every document, or those whose path, URL or feed matches', () => {
  assert.equal(restrictedRule(false, []), undefined);
  assert.equal(restrictedRule(true, [])?.(['anything']), true);
  const rule = restrictedRule(false, ['/testimonies/', '^https://witness\\.example\\.org/'])!;
  assert.equal(rule(['/data/testimonies/b.txt']), true);
  assert.equal(rule(['https://news.example.org/item', 'https://witness.example.org/feed.xml']), true, 'by its feed');
  assert.equal(rule(['/data/public/a.txt']), false);
  assert.throws(() => restrictedRule(false, ['(unclosed']), { code: 'usage.restricted-source' });
});

test('rasid ingest restricts by rule; rasid export leaves restricted incidents out unless asked', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rasid-cli-restricted-'));
  try {
    mkdirSync(join(dir, 'in', 'public'), { recursive: true });
    mkdirSync(join(dir, 'in', 'testimonies'), { recursive: true });
    writeFileSync(join(dir, 'in', 'public', 'a.txt'), PUBLIC);
    writeFileSync(join(dir, 'in', 'testimonies', 'b.txt'), WITNESS);
    const ing = rasid(['ingest', 'in', '--restricted-source', '/testimonies/', '--db', 'r.db'], dir);
    assert.equal(ing.code, 0, ing.err + ing.out);
    const db = join(dir, 'r.db');
    const ids = await withStore(db, async (s) => {
      const docs = (await s.listDocuments({ limit: 10, offset: 0 })).items;
      const byName = (n: string) => docs.find((d) => d.sourceKey.endsWith(n))!;
      assert.deepEqual(
        [byName('b.txt').restricted, byName('b.txt').restrictedBy, byName('a.txt').restricted],
        [true, 'ingest', false],
      );
      assert.equal(await s.countIncidents({ restricted: 'only' }), 1);
      return { a: byName('a.txt').id, b: byName('b.txt').id };
    });

    const plain = rasid(['export', '--format', 'jsonl', '--db', 'r.db'], dir);
    assert.equal(plain.code, 0, plain.err);
    assert.deepEqual(jsonlTypes(plain.out), ['shelling']);
    assert.match(plain.err, /1 restricted left out \(--include-restricted/);
    for (const format of ['acled', 'geojson', 'hxl']) {
      const out = rasid(['export', '--format', format, '--db', 'r.db'], dir);
      assert.equal(out.code, 0, out.err);
      assert.ok(!/Dhiban|ذيبان/.test(out.out), `${format}: the restricted arrest stays out`);
      assert.ok(/Idlib/.test(out.out), `${format}: the public shelling is in`);
    }
    const all = rasid(['export', '--format', 'jsonl', '--include-restricted', '--db', 'r.db'], dir);
    assert.equal(all.code, 0, all.err);
    assert.equal(jsonlTypes(all.out).length, 2);
    assert.doesNotMatch(all.err, /left out/);

    // an editor lifted the restriction of b: a later run with the rule, unchanged or changed, keeps that
    await withStore(db, (s) => s.setDocumentRestricted(ids.b, false, { userId: null, via: 'editor' }));
    assert.equal(rasid(['ingest', 'in', '--restricted-source', '/testimonies/', '--db', 'r.db'], dir).code, 0);
    writeFileSync(join(dir, 'in', 'testimonies', 'b.txt'), WITNESS + 'وأكد ذلك شاهد ثان.\n');
    assert.equal(rasid(['ingest', 'in', '--restricted-source', '/testimonies/', '--db', 'r.db'], dir).code, 0);
    // --restricted on a document landed before, unchanged: restricted now
    const again = rasid(['ingest', join('in', 'public', 'a.txt'), '--restricted', '--db', 'r.db'], dir);
    assert.equal(again.code, 0, again.err);
    assert.match(again.out, /unchanged 1/);
    await withStore(db, async (s) => {
      const docs = (await s.listDocuments({ limit: 10, offset: 0 })).items;
      const latestB = docs.filter((d) => d.sourceKey.endsWith('b.txt')).sort((x, y) => y.version - x.version)[0];
      assert.deepEqual([latestB!.version, latestB!.restricted, latestB!.restrictedBy], [2, false, 'editor']);
      assert.equal((await s.getDocument(ids.a))?.restricted, true);
      assert.equal(await s.countIncidents({ type: ['shelling'], restricted: 'exclude' }), 0);
    });

    const bad = rasid(['ingest', 'in', '--restricted-source', '(', '--db', 'r.db'], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--restricted-source: not a regular expression/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
