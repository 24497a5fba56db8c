// The restricted rule of an ingest run over the web (issue 12): a rule that names a feed restricts
// every item of it and the other-language versions of those pages; a rule that names one page
// restricts that page alone; a page landed before is restricted by a later run even when the server
// answers 304. Pages and feed are our own, served from loopback.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../store/open.ts';
import type { Store } from '../store/types.ts';
import { Fetcher } from './http.ts';
import { ingest, type Processing } from './ingest.ts';

const dir = mkdtempSync(join(tmpdir(), 'rasid-ingest-restricted-'));
let server: Server;
let base: string;
const storeOnly: Processing = { kind: 'none' };
const fetcher = new Fetcher({ allowPrivate: true, hostDelayMs: 0, timeoutMs: 5000 });

const page = (lang: string, body: string, alternate = '') =>
  `<!doctype html><html lang="${lang}"><head><title>t</title>${alternate}</head><body><article><p>${body}</p></article></body></html>`;

before(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    res.setHeader('content-type', path.endsWith('.xml') ? 'application/rss+xml' : 'text/html; charset=utf-8');
    if (path === '/witness/feed.xml')
      return res.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>شهادات</title>
<item><title>شهادة</title><link>${base}/ar/testimony</link></item></channel></rss>`);
    if (path === '/ar/testimony')
      return res.end(
        page(
          'ar',
          'قال الشاهد إن دورية اعتقلت ثلاثة شبان من بلدة ذيبان يوم 3 آذار 2019.',
          `<link rel="alternate" hreflang="en" href="${base}/en/testimony">`,
        ),
      );
    if (path === '/en/testimony')
      return res.end(page('en', 'A witness said a patrol arrested three young men in Dhiban on 3 March 2019.'));
    if (path === '/news/shelling') {
      // a page that says it has not changed, as a server with ETags does
      res.setHeader('etag', '"v1"');
      if (req.headers['if-none-match'] === '"v1"') {
        res.statusCode = 304;
        return res.end();
      }
      return res.end(page('ar', 'قُتل خمسة مدنيين في قصف مدفعي على مدينة إدلب يوم 4 آذار 2019.'));
    }
    res.statusCode = 404;
    res.end('no');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(async () => {
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

async function withStore<T>(name: string, f: (s: Store) => Promise<T>): Promise<T> {
  const store = await openStore({ db: join(dir, `${name}.db`) });
  try {
    return await f(store);
  } finally {
    await store.close();
  }
}

const restrictedUrls = async (s: Store) =>
  (await s.listDocuments({ limit: 50, offset: 0 })).items
    .filter((d) => d.restricted)
    .map((d) => d.url)
    .sort();

test('a rule naming a feed restricts its items and their other-language versions; other pages stay open', async () => {
  await withStore('feed', async (store) => {
    const rule = (keys: string[]) => keys.some((k) => /\/witness\/feed\.xml$/.test(k));
    const s = await ingest([`${base}/witness/feed.xml`, `${base}/news/shelling`], {
      store,
      fetcher,
      processing: storeOnly,
      restricted: rule,
    });
    assert.equal(s.failed, 0, JSON.stringify(s.failures));
    assert.equal(s.new, 3);
    assert.deepEqual(await restrictedUrls(store), [`${base}/ar/testimony`, `${base}/en/testimony`]);
  });
});

test('a page landed before is restricted by a later run with a rule, even when the server answers 304', async () => {
  await withStore('etag', async (store) => {
    const url = `${base}/news/shelling`;
    assert.equal((await ingest([url], { store, fetcher, processing: storeOnly })).new, 1);
    assert.deepEqual(await restrictedUrls(store), []);
    const again = await ingest([url], {
      store,
      fetcher,
      processing: storeOnly,
      restricted: (keys) => keys.includes(url),
    });
    assert.equal(again.unchanged, 1);
    assert.deepEqual(await restrictedUrls(store), [url]);
    const audit = await store.listAudit({ limit: 5, offset: 0 });
    assert.deepEqual(
      audit.map((e) => [e.action, e.detail]),
      [['document.restrict', 'an ingest rule']],
    );
  });
});
