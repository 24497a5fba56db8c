import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractDocument } from '../pipeline/index.ts';
import { openStore } from '../store/open.ts';
import type { Store } from '../store/types.ts';
import { Fetcher } from './http.ts';
import { ingest, type Processing } from './ingest.ts';

const dir = mkdtempSync(join(tmpdir(), 'rasid-ingest-unit-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const fetcher = new Fetcher({ hostDelayMs: 0 });
const storeOnly: Processing = { kind: 'none' };

async function withStore<T>(name: string, f: (s: Store) => Promise<T>): Promise<T> {
  const store = await openStore({ db: join(dir, `${name}.db`) });
  try {
    return await f(store);
  } finally {
    await store.close();
  }
}

test('a changed file becomes a new version linked to the old one', async () => {
  const file = join(dir, 'report.txt');
  writeFileSync(file, 'اعتقلت دورية أمنية ثلاثة شبان من بلدة ذيبان.\n');
  await withStore('versions', async (store) => {
    assert.equal((await ingest([file], { store, fetcher, processing: storeOnly })).new, 1);
    assert.equal((await ingest([file], { store, fetcher, processing: storeOnly })).unchanged, 1);
    writeFileSync(file, 'اعتقلت دورية أمنية أربعة شبان من بلدة ذيبان.\n');
    assert.equal((await ingest([file], { store, fetcher, processing: storeOnly })).updated, 1);
    const docs = (await store.listDocuments({ limit: 10, offset: 0 })).items.sort((a, b) => a.version - b.version);
    assert.deepEqual(
      docs.map((d) => d.version),
      [1, 2],
    );
    assert.equal(docs[1]!.previousId, docs[0]!.id);
  });
});

test('JSON Lines records: each counted on its own, a bad record fails alone', async () => {
  const file = join(dir, 'records.jsonl');
  writeFileSync(
    file,
    [
      JSON.stringify({
        text: 'Regime forces arrested six men in Muhasan.',
        url: 'https://example.org/a',
        published: '2016-03-02',
        lang: 'en',
        title: 'Arrests',
      }),
      JSON.stringify({ text: 'قصفت طائرات حربية أطراف مدينة العشارة.' }),
      JSON.stringify({ text: 42 }),
      '{"text": "unterminated',
      JSON.stringify({ text: 'Shells fell on Hajin.', published: 'sometime last year' }),
      JSON.stringify({ text: 'Shells fell on Dhiban.', published: '2016-07-05T23:30:00-04:00' }),
    ].join('\n'),
  );
  await withStore('records', async (store) => {
    const s = await ingest([file], { store, fetcher, processing: storeOnly });
    assert.deepEqual([s.total, s.done, s.new, s.failed], [6, 6, 3, 3]);
    assert.deepEqual(
      s.failures.map((f) => [f.source.replace(dir, ''), f.code]),
      [
        ['/records.jsonl#3', 'input.record'],
        ['/records.jsonl#4', 'input.json'],
        ['/records.jsonl#5', 'input.record'],
      ],
    );
    assert.match(s.failures[2]!.message, /published: expected a date/);
    const docs = (await store.listDocuments({ limit: 10, offset: 0 })).items;
    const en = docs.find((d) => d.url === 'https://example.org/a')!;
    assert.deepEqual([en.lang, en.published, en.title, en.format], ['en', '2016-03-02', 'Arrests', 'jsonl']);
    assert.equal(
      docs.find((d) => d.text.startsWith('قصفت'))!.lang,
      'ar',
      'language detected when the record does not say',
    );
    assert.equal(docs.find((d) => d.text.includes('Dhiban'))!.published, '2016-07-05', 'the day as written');
  });
});

test('a folder: documents by extension, other files skipped, missing paths failed', async () => {
  const folder = join(dir, 'folder');
  mkdirSync(join(folder, 'deep', 'deeper'), { recursive: true });
  writeFileSync(join(folder, 'a.md'), '# Shelling\n\nShells fell on Hajin.\n');
  writeFileSync(join(folder, 'deep', 'deeper', 'b.html'), '<html><body><p>سقطت قذائف على هجين.</p></body></html>');
  // pictures are documents now (scans, read by OCR); a sound file is not
  writeFileSync(join(folder, 'voice.mp3'), Buffer.from([0x49, 0x44, 0x33, 4, 0]));
  writeFileSync(join(folder, '.hidden.txt'), 'hidden');
  await withStore('folder', async (store) => {
    const s = await ingest([folder, join(dir, 'nowhere')], { store, fetcher, processing: storeOnly });
    assert.deepEqual([s.new, s.skipped, s.failed], [2, 1, 1]);
    assert.equal(s.failures[0]!.code, 'input.missing');
    const formats = (await store.listDocuments({ limit: 10, offset: 0 })).items.map((d) => d.format).sort();
    assert.deepEqual(formats, ['html', 'md']);
  });
});

test('a saved feed file: its items are fetched (and refused here: loopback is private)', async () => {
  const feed = join(dir, 'saved-feed.xml');
  writeFileSync(
    feed,
    `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>a</title><link>http://127.0.0.1:9/a/</link></item><item><title>b</title><link>http://127.0.0.1:9/b/</link></item></channel></rss>`,
  );
  await withStore('feed', async (store) => {
    const s = await ingest([feed], { store, fetcher, processing: storeOnly });
    assert.deepEqual([s.total, s.failed], [2, 2]);
    assert.deepEqual(
      s.failures.map((f) => f.code),
      ['fetch.private-address', 'fetch.private-address'],
    );
  });
});

test('a document stored by a run killed before its extraction is extracted by the next run', async () => {
  const file = join(dir, 'interrupted.txt');
  writeFileSync(file, 'انفجرت عبوة ناسفة على طريق الميادين.\n');
  let extracted = 0;
  const processing: Processing = {
    kind: 'extract',
    extract: (input) => {
      extracted++;
      return extractDocument(input);
    },
  };
  await withStore('interrupted', async (store) => {
    // the state a kill between putDocument and saveExtraction leaves behind
    await ingest([file], { store, fetcher, processing: storeOnly });
    const s = await ingest([file], { store, fetcher, processing });
    assert.equal(s.unchanged, 1, 'the document itself was already there');
    assert.equal(extracted, 1, 'but its extraction had not run, so it runs now');
    await ingest([file], { store, fetcher, processing });
    assert.equal(extracted, 1, 'and not again');
    // storing only, after extraction, does not lower the mark
    await ingest([file], { store, fetcher, processing: storeOnly });
    await ingest([file], { store, fetcher, processing });
    assert.equal(extracted, 1);
  });
});

test('re-ingesting never overwrites what an analyst verified or edited', async () => {
  const file = join(dir, 'reviewed.txt');
  writeFileSync(
    file,
    'قصفت طائرات حربية سوق مدينة البوكمال يوم الجمعة، ما أدى إلى مقتل تسعة مدنيين.\n\nوأعدم تنظيم داعش خمسة رجال في ساحة بلدة هجين.\n',
  );
  const processing: Processing = { kind: 'extract', extract: (input) => extractDocument(input) };
  await withStore('reviewed', async (store) => {
    await ingest([file], { store, fetcher, processing });
    const first = (await store.listIncidents({}, { limit: 50, offset: 0 })).items;
    assert.ok(first.length >= 2, `the report yields incidents (${first.length})`);
    const verified = await store.setStatus(first[0]!.id, 'verified', { userId: null });
    const edited = await store.updateIncident(first[1]!.id, { summary_en: 'checked by an analyst' }, { userId: null });

    // the page changes (a correction appended): a new version, extracted again
    writeFileSync(
      file,
      'قصفت طائرات حربية سوق مدينة البوكمال يوم الجمعة، ما أدى إلى مقتل عشرة مدنيين.\n\nوأعدم تنظيم داعش خمسة رجال في ساحة بلدة هجين.\n',
    );
    assert.equal((await ingest([file], { store, fetcher, processing })).updated, 1);
    const v = await store.getIncident(verified.id);
    const e = await store.getIncident(edited.id);
    assert.equal(v?.status, 'verified');
    assert.deepEqual(v?.counts, verified.counts, 'the verified count is not replaced by the new version');
    assert.equal(e?.status, 'edited');
    assert.equal(e?.summary_en, 'checked by an analyst');
  });
});

test(
  'bounded work per document: a nested page lands, a long one is cut with a note, the batch goes on',
  { timeout: 300_000 },
  async () => {
    const folder = join(dir, 'bounded');
    mkdirSync(folder, { recursive: true });
    const towns = ['al-Mayadin', 'Raqqa', 'Idlib', 'Homs', 'Mosul', 'Kirkuk'];
    writeFileSync(
      join(folder, 'deep.html'),
      `<!doctype html><html lang="en"><head><title>Deep</title></head><body>${'<div>'.repeat(5000)}<p>On 3 May 2016, gunmen shot dead four civilians in Raqqa, activists said.</p>${'</div>'.repeat(5000)}</body></html>`,
    );
    const paras = Array.from(
      { length: 400 },
      (_, i) =>
        `<p>On ${1 + (i % 27)} May 2016, gunmen shot dead ${2 + (i % 5)} civilians in ${towns[i % towns.length]}, activists said.</p>`,
    );
    writeFileSync(
      join(folder, 'long.html'),
      `<!doctype html><html lang="en"><head><title>Long</title></head><body>${paras.join('\n')}</body></html>`,
    );
    writeFileSync(
      join(folder, 'short.txt'),
      'On 4 May 2016, gunmen shot dead three civilians in Homs, activists said.\n',
    );
    await withStore('bounded', async (store) => {
      const processing: Processing = { kind: 'extract', extract: (input) => extractDocument(input) };
      const summary = await ingest([folder], {
        store,
        fetcher,
        processing,
        limits: { maxIncidents: 10, partChars: 2_000, budgetMs: 600_000 },
      });
      assert.equal(summary.failed, 0, JSON.stringify(summary.failures));
      assert.equal(summary.new, 3);
      assert.deepEqual(
        summary.capped.map((c) => [c.source.endsWith('long.html'), c.code]),
        [[true, 'document.incidents-capped']],
      );
      const docs = (await store.listDocuments({ limit: 10, offset: 0 })).items;
      const long = docs.find((d) => d.sourceKey.endsWith('long.html'))!;
      assert.equal(await store.countIncidents({ documentId: long.id }), 10);
      const deep = docs.find((d) => d.sourceKey.endsWith('deep.html'))!;
      assert.ok((await store.countIncidents({ documentId: deep.id })) >= 1);

      // with no time at all, a long text fails on its own (extract.budget; an HTML page would fail
      // reading it, input.too-slow) and the other document still lands
      const rushedDir = join(dir, 'rushed');
      mkdirSync(rushedDir, { recursive: true });
      writeFileSync(join(rushedDir, 'long.txt'), paras.map((p) => p.slice(3, -4)).join('\n\n'));
      writeFileSync(
        join(rushedDir, 'short.txt'),
        'On 5 May 2016, gunmen shot dead two civilians in Hama, activists said.\n',
      );
      const rushed = await ingest([rushedDir], {
        store,
        fetcher,
        processing,
        limits: { maxIncidents: 1000, partChars: 2_000, budgetMs: 0 },
      });
      assert.deepEqual(
        rushed.failures.map((f) => [f.source.endsWith('long.txt'), f.code]),
        [[true, 'extract.budget']],
      );
      assert.equal(rushed.new, 1);
    });
  },
);
