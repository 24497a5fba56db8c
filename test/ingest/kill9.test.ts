// kill -9 in the middle of a 2,000-document ingest leaves a store the next run completes: exactly
// 2,000 documents, none twice, each with the incidents extraction gives it. A third run over the
// same folder changes nothing.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { extractDocument } from '../../src/pipeline/index.ts';
import { openStore } from '../../src/store/open.ts';
import { runRasid, startRasid, until } from './cli-process.ts';
import { writeCorpus } from './corpus.ts';

const N = 2000;
const dir = mkdtempSync(join(tmpdir(), 'rasid-kill9-'));
const corpus = join(dir, 'corpus');
const db = join(dir, 'store.db');
writeCorpus(corpus, N);
after(() => rmSync(dir, { recursive: true, force: true }));

function landed(): number {
  try {
    const con = new Database(db, { readonly: true, fileMustExist: true });
    try {
      return (con.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n;
    } finally {
      con.close();
    }
  } catch {
    return 0; // not created or not migrated yet
  }
}

test('SIGKILL partway, then a rerun: every document once, each with its incidents', async () => {
  const first = startRasid(['ingest', corpus, '--db', db, '--concurrency', '2']);
  await until(() => landed() >= 150 || first.child.exitCode !== null, 'the first documents to land');
  first.child.kill('SIGKILL');
  const killed = await first.done;
  assert.equal(killed.signal, 'SIGKILL', 'the first run was still going when killed');
  const before = landed();
  assert.ok(before > 0 && before < N, `killed partway (${before} of ${N} landed)`);

  const rerun = await runRasid(['ingest', corpus, '--db', db, '--json']);
  assert.equal(rerun.code, 0, rerun.stderr);
  const summary = JSON.parse(rerun.stdout) as { new: number; unchanged: number; failed: number };
  assert.equal(summary.failed, 0);
  assert.equal(summary.new + summary.unchanged, N);
  assert.equal(summary.unchanged, before, 'what the killed run stored is not stored again');

  const store = await openStore({ db });
  try {
    assert.equal(await store.countDocuments(), N);
    const docs = (await store.listDocuments({ limit: N + 10, offset: 0 })).items;
    assert.equal(docs.length, N);
    assert.equal(new Set(docs.map((d) => d.sourceKey)).size, N, 'no source stored twice');
    assert.ok(docs.every((d) => d.version === 1));
    let incidents = 0;
    for (const d of docs) {
      // the extraction this text gives, compared with what the store holds for it
      assert.equal(d.text, readFileSync(d.sourceKey, 'utf8'), 'stored as read');
      const expected = extractDocument({
        text: d.text,
        id: d.id,
        lang: d.lang,
        title: d.title,
        url: d.url,
        published: d.published,
        alternates: d.alternates,
      }).incidents.length;
      const stored = await store.countIncidents({ documentId: d.id });
      assert.equal(stored, expected, `${d.sourceKey}: ${stored} incidents stored, extraction gives ${expected}`);
      incidents += stored;
    }
    assert.ok(incidents >= N, `the corpus yields incidents (${incidents})`);
  } finally {
    await store.close();
  }
});

test('ingesting the same 2,000 documents again: all unchanged, still exactly 2,000', async () => {
  const again = await runRasid(['ingest', corpus, '--db', db, '--json']);
  assert.equal(again.code, 0, again.stderr);
  const summary = JSON.parse(again.stdout) as { new: number; unchanged: number; updated: number; failed: number };
  assert.deepEqual([summary.new, summary.unchanged, summary.updated, summary.failed], [0, N, 0, 0]);
  const store = await openStore({ db });
  try {
    assert.equal(await store.countDocuments(), N);
  } finally {
    await store.close();
  }
});
