// One batch mixing good and bad inputs — files and a feed served on loopback — where every bad
// input is listed with its reason and everything else lands; plus the other-language version of a
// post, found through "This post is also available in", ingested and linked.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/store/open.ts';
import { runRasid } from './cli-process.ts';

const AR_BODY = `<p>قصفت طائرات حربية سوق مدينة الميادين صباح يوم الجمعة، ما أدى إلى مقتل سبعة مدنيين وإصابة عشرين آخرين بجروح متفاوتة.</p>
<p>وقال ناشطون من المدينة إن القصف استهدف الشارع الرئيسي في وقت الذروة حين كان السوق مزدحماً بالمتسوقين والباعة.</p>
<p>وأضافوا أن فرق الإسعاف واجهت صعوبة في نقل الجرحى إلى المشفى الوحيد العامل في المنطقة بسبب نقص الوقود.</p>`;
const EN_BODY = `<p>Warplanes struck the market of al-Mayadin city on Friday morning, killing seven civilians and wounding twenty others.</p>
<p>Activists from the city said the strike hit the main street at the busiest hour, when the market was crowded with shoppers and vendors.</p>
<p>They added that ambulance crews struggled to move the wounded to the only working hospital in the area because of a fuel shortage.</p>`;
const AR2_BODY = `<p>شنت دوريات أمنية حملة مداهمات في بلدة الشحيل فجر يوم الأحد واعتقلت اثني عشر شاباً واقتادتهم إلى جهة مجهولة.</p>
<p>وذكر أحد الأهالي أن الدوريات فتشت المنازل وصادرت الهواتف المحمولة وأجهزة الحاسوب من البيوت التي دخلتها.</p>`;

function article(lang: string, title: string, body: string, extra = ''): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${title}</title></head>
<body><header><a href="/">home</a></header><main><article><h1>${title}</h1>${body}${extra}</article></main>
<footer>© test monitor</footer></body></html>`;
}

let server: Server;
const fullPages: string[] = [];
const notModified: string[] = [];
let base = '';
const hanging = new Set<ServerResponse>();
const dir = mkdtempSync(join(tmpdir(), 'rasid-bad-'));
const db = join(dir, 'store.db');
const files = join(dir, 'files');

before(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    const html = (body: string) => {
      // pages answer conditional requests, as WordPress behind a cache does
      const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
      if (req.headers['if-none-match'] === etag) {
        res.statusCode = 304;
        notModified.push(path);
        return res.end();
      }
      res.setHeader('etag', etag);
      res.setHeader('content-type', 'text/html; charset=utf-8');
      fullPages.push(path);
      res.end(body);
    };
    if (path === '/ar/post-1/')
      return html(
        article(
          'ar',
          'قصف سوق الميادين',
          AR_BODY,
          `<p class="qtranxs-available-languages-message">هذه المقالة متوفرة أيضاً باللغة: <a href="${base}/en/post-1/">English</a></p>`,
        ),
      );
    if (path === '/en/post-1/')
      return html(
        article(
          'en',
          'Strike on al-Mayadin market',
          EN_BODY,
          `<p>This post is also available in: <a href="${base}/ar/post-1/">العربية</a></p>`,
        ),
      );
    if (path === '/ar/post-2/') return html(article('ar', 'مداهمات في الشحيل', AR2_BODY));
    if (path === '/cut/') {
      const page = article('ar', 'مقطوع', AR2_BODY);
      return html(page.slice(0, page.indexOf('</article>')));
    }
    if (path === '/huge/') return html(article('ar', 'كبير', AR_BODY.repeat(400)));
    if (path === '/slow/') {
      hanging.add(res);
      return;
    }
    if (path === '/feed/') {
      res.setHeader('content-type', 'application/rss+xml; charset=utf-8');
      const items = ['/ar/post-1/', '/ar/post-2/', '/missing/', '/slow/', '/huge/', '/cut/']
        .map(
          (p, i) =>
            `<item><title>item ${i}</title><link>${base}${p}</link><pubDate>Fri, 0${i + 1} Jul 2016 08:00:00 +0000</pubDate></item>`,
        )
        .join('\n');
      return res.end(
        `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>test</title>${items}</channel></rss>`,
      );
    }
    if (path === '/broken-feed/') {
      res.setHeader('content-type', 'application/rss+xml');
      return res.end(
        `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>x</item></channel></rss>`,
      );
    }
    res.statusCode = 404;
    res.end('not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  mkdirSync(files);
  writeFileSync(
    join(files, 'good.txt'),
    'انفجرت سيارة مفخخة قرب مسجد في مدينة البوكمال، وقتل خمسة أشخاص بينهم طفلان.\n',
  );
  writeFileSync(
    join(files, 'good.html'),
    article(
      'en',
      'Shelling',
      '<p>Artillery shells fell on a residential neighbourhood of Hajin on Monday, wounding nine civilians.</p>',
    ),
  );
  // a program, not a document (a PNG would now be read as a scan)
  writeFileSync(
    join(files, 'binary.txt'),
    Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3e, 0]),
  );
  writeFileSync(join(files, 'latin1.txt'), Buffer.from('Qu\xe9bec caf\xe9 r\xe9sum\xe9\n', 'latin1'));
  writeFileSync(join(files, 'empty.txt'), '');
  writeFileSync(join(files, 'cut.html'), article('ar', 'مقطوع', AR2_BODY).slice(0, 300));
});

after(() => {
  for (const r of hanging) r.destroy();
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Summary {
  new: number;
  unchanged: number;
  failed: number;
  failures: Array<{ source: string; code: string; message: string }>;
}

test('bad inputs are listed with their reasons while everything else lands', async () => {
  const r = await runRasid([
    'ingest',
    files,
    `${base}/feed/`,
    `${base}/broken-feed/`,
    '--db',
    db,
    '--allow-private',
    '--timeout',
    '6000',
    '--max-bytes',
    '100000',
    '--host-delay',
    '0',
    '--json',
  ]);
  assert.equal(r.code, 1, 'exit 1: some inputs failed');
  const s = JSON.parse(r.stdout) as Summary;
  const failed = Object.fromEntries(
    s.failures.map((f) => [f.source.replace(base, '').replace(files, 'files'), f.code]),
  );
  assert.deepEqual(failed, {
    'files/binary.txt': 'input.binary',
    'files/latin1.txt': 'input.encoding',
    'files/empty.txt': 'input.empty',
    'files/cut.html': 'input.truncated',
    '/missing/': 'fetch.status',
    '/slow/': 'fetch.timeout',
    '/huge/': 'fetch.too-large',
    '/cut/': 'input.truncated',
    '/broken-feed/': 'parse.feed',
  });
  assert.ok(
    s.failures.every((f) => f.message.length > 0 && !f.message.includes('الميادين')),
    'reasons, no report text',
  );
  // good.txt, good.html, two feed items and the English version found from the Arabic one
  assert.equal(s.new, 5);

  const store = await openStore({ db });
  try {
    const docs = (await store.listDocuments({ limit: 50, offset: 0 })).items;
    const byUrl = new Map(docs.map((d) => [d.url?.replace(base, ''), d]));
    const ar = byUrl.get('/ar/post-1/')!;
    const en = byUrl.get('/en/post-1/')!;
    assert.ok(ar && en, 'both language versions stored');
    assert.equal(ar.lang, 'ar');
    assert.equal(en.lang, 'en');
    assert.equal(ar.published, '2016-07-01', 'the feed item date');
    assert.match(ar.text, /مقتل سبعة مدنيين/);
    assert.doesNotMatch(ar.text, /© test monitor|متوفرة أيضاً/);
    assert.deepEqual(ar.alternates, [{ lang: 'en', url: `${base}/en/post-1/` }]);
    assert.deepEqual(
      (await store.alternatesOf(ar.id)).map((d) => d.id),
      [en.id],
    );
    assert.deepEqual(
      (await store.alternatesOf(en.id)).map((d) => d.id),
      [ar.id],
    );
    assert.ok((await store.countIncidents({ documentId: ar.id })) > 0, 'the Arabic post has its incidents');
  } finally {
    await store.close();
  }
});

test('a second run: the good inputs are unchanged, the bad ones fail again', async () => {
  fullPages.length = 0;
  const r = await runRasid([
    'ingest',
    files,
    `${base}/feed/`,
    '--db',
    db,
    '--allow-private',
    '--timeout',
    '6000',
    '--max-bytes',
    '100000',
    '--host-delay',
    '0',
    '--json',
  ]);
  const s = JSON.parse(r.stdout) as Summary;
  assert.equal(s.new, 0);
  assert.equal(s.unchanged, 5);
  assert.equal(s.failed, 8);
  // unchanged pages are not downloaded again; the cut-off and oversized pages, never landed, are
  assert.deepEqual(fullPages.sort(), ['/cut/', '/huge/']);
  assert.deepEqual(notModified.sort(), ['/ar/post-1/', '/ar/post-2/', '/en/post-1/']);
});

test('a page stored with --no-extract is fetched in full and extracted by the next run', async () => {
  const other = join(dir, 'two-step.db');
  const common = ['--db', other, '--allow-private', '--host-delay', '0', '--json'];
  const stored = await runRasid(['ingest', `${base}/ar/post-2/`, '--no-extract', ...common]);
  assert.equal(JSON.parse(stored.stdout).new, 1);
  fullPages.length = 0;
  const extracted = await runRasid(['ingest', `${base}/ar/post-2/`, ...common]);
  assert.equal(JSON.parse(extracted.stdout).unchanged, 1);
  assert.deepEqual(fullPages, ['/ar/post-2/'], 'not a conditional request: the stored copy lacks its extraction');
  const store = await openStore({ db: other });
  try {
    const [doc] = (await store.listDocuments({ limit: 5, offset: 0 })).items;
    assert.ok((await store.countIncidents({ documentId: doc!.id })) > 0);
  } finally {
    await store.close();
  }
});

test('without --allow-private a loopback URL is refused', async () => {
  const r = await runRasid(['ingest', `${base}/ar/post-2/`, '--db', join(dir, 'other.db'), '--json']);
  assert.equal(r.code, 1);
  const s = JSON.parse(r.stdout) as Summary;
  assert.deepEqual(
    s.failures.map((f) => f.code),
    ['fetch.private-address'],
  );
});

test('usage errors exit 2', async () => {
  const r = await runRasid(['ingest', files, '--db', join(dir, 'x.db'), '--concurrency', 'many']);
  assert.equal(r.code, 2);
  const q = await runRasid(['ingest', files, '--db', join(dir, 'x.db'), '--queue']);
  assert.equal(q.code, 2);
  assert.match(q.stderr, /DATABASE_URL/);
});
