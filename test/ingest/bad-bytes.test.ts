// One bad byte must cost one document at most, never the run (issue 12): text files with a NUL
// after their first 8 KB (which PostgreSQL text cannot hold) land with U+FFFD in its place, and a
// document the database refuses for its values fails alone instead of counting as a failing store.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Fetcher } from '../../src/ingest/http.ts';
import { ingest } from '../../src/ingest/ingest.ts';
import { openStore } from '../../src/store/open.ts';
import type { Store } from '../../src/store/types.ts';
import { createTestDatabase } from './cli-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'rasid-bad-bytes-'));
const cleanup: Array<() => Promise<void> | void> = [() => rmSync(dir, { recursive: true, force: true })];
after(async () => {
  for (const f of cleanup.reverse()) await f();
});

const LINE = 'Gunmen opened fire on a minibus near the northern checkpoint on Sunday, witnesses said.\n';

function writeFiles(folder: string): void {
  mkdirSync(folder, { recursive: true });
  const long = LINE.repeat(120); // about 10 KB: the binary check reads the first 8 KB only
  for (let i = 0; i < 4; i++)
    writeFileSync(join(folder, `nul-${i}.txt`), `${long}A stray byte\u0000 here, file ${i}.\n`);
  writeFileSync(join(folder, 'good.txt'), `${LINE}A clean file.\n`);
  writeFileSync(join(folder, 'refused.txt'), `${LINE}The word REFUSE-ME makes the test database refuse this one.\n`);
}

async function backends(): Promise<
  Array<{ name: string; open: () => Promise<Store>; exec?: (q: string) => Promise<void>; skip?: string }>
> {
  const list: Array<{ name: string; open: () => Promise<Store>; exec?: (q: string) => Promise<void>; skip?: string }> =
    [{ name: 'sqlite', open: () => openStore({ db: join(dir, 'bytes.db') }) }];
  const database = await createTestDatabase('rasid_bad_bytes');
  if ('skip' in database)
    list.push({ name: 'postgres', open: () => Promise.reject(new Error('skipped')), skip: database.skip });
  else {
    cleanup.push(database.drop);
    list.push({
      name: 'postgres',
      open: () => openStore({ databaseUrl: database.url }),
      exec: async (q) => {
        const c = new pg.Client({ connectionString: database.url });
        await c.connect();
        try {
          await c.query(q);
        } finally {
          await c.end();
        }
      },
    });
  }
  return list;
}

for (const b of await backends()) {
  test(
    `${b.name}: NUL bytes past the first 8 KB are cleaned, a refused document fails alone`,
    { skip: b.skip },
    async () => {
      const folder = join(dir, b.name);
      writeFiles(folder);
      const store = await b.open();
      try {
        // the test database refuses one document for its values (a CHECK constraint: class 23)
        if (b.exec)
          await b.exec(`ALTER TABLE documents ADD CONSTRAINT refuse_me CHECK (position('REFUSE-ME' in text) = 0)`);
        const summary = await ingest([folder], {
          store,
          fetcher: new Fetcher(),
          processing: { kind: 'none' },
          concurrency: 1,
        });
        assert.equal(summary.aborted, null);
        const docs = (await store.listDocuments({ limit: 20, offset: 0 })).items;
        const nul = docs.filter((d) => d.sourceKey.includes('nul-'));
        assert.equal(nul.length, 4);
        for (const d of nul) {
          assert.ok(!d.text.includes('\u0000'));
          const at = d.text.indexOf('A stray byte') + 'A stray byte'.length;
          assert.equal(d.text[at], '\uFFFD', 'the NUL is replaced in place: spans keep their offsets');
        }
        assert.ok(docs.some((d) => d.sourceKey.endsWith('good.txt')));
        if (b.exec) {
          assert.deepEqual(
            summary.failures.map((f) => [f.source.endsWith('refused.txt'), f.code]),
            [[true, 'store.invalid']],
          );
          assert.equal(summary.new, 5);
        } else assert.equal(summary.new, 6);
      } finally {
        await store.close();
      }
    },
  );
}
