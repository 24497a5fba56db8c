// One reader for `rasid extract` and `rasid ingest`: which reader a source gets, and what it gives.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isRasidError } from '../errors.ts';
import { readDocument, type ReadSource } from './read-document.ts';

const bytes = (s: string) => new TextEncoder().encode(s);
const published = () => '2016-07-05';

const HTML =
  '<!doctype html><html lang="ar"><head><title>غارة على البلدة</title></head><body><article><p>قصفت طائرات حربية سوق البلدة صباح اليوم وقتل ثلاثة مدنيين وأصيب آخرون بجروح في الهجوم.</p></article></body></html>';
const RSS =
  '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>one</title><link>https://example.org/one/</link></item></channel></rss>';

test('each source reaches its reader', async () => {
  const cases: Array<[string, ReadSource, string]> = [
    ['a .txt file', { bytes: bytes('نص التقرير'), label: 'a.txt', path: 'a.txt' }, 'document:txt'],
    ['a .md file', { bytes: bytes('# report'), label: 'a.md', path: 'a.md' }, 'document:md'],
    ['an .html file', { bytes: bytes(HTML), label: 'a.html', path: 'a.html' }, 'document:html'],
    ['a feed saved as .txt', { bytes: bytes(RSS), label: 'feed.txt', path: 'feed.txt' }, 'feed'],
    ['a .xml file', { bytes: bytes(RSS), label: 'f.xml', path: 'f.xml' }, 'feed'],
    ['records', { bytes: bytes('{"text":"نص"}\n'), label: 'r.jsonl', path: 'r.jsonl' }, 'records'],
    [
      'a web page',
      { bytes: bytes(HTML), label: 'u', url: 'https://example.org/a/', contentType: 'text/html; charset=utf-8' },
      'document:html',
    ],
    [
      'plain text from the web',
      { bytes: bytes('نص'), label: 'u', url: 'https://example.org/a.txt', contentType: 'text/plain' },
      'document:txt',
    ],
    [
      'an RSS response',
      { bytes: bytes(RSS), label: 'u', url: 'https://example.org/feed/', contentType: 'application/rss+xml' },
      'feed',
    ],
    ['HTML on stdin', { bytes: bytes(HTML), label: 'stdin' }, 'document:html'],
    ['text on stdin', { bytes: bytes('نص'), label: 'stdin' }, 'document:txt'],
  ];
  for (const [name, src, want] of cases) {
    const r = await readDocument(src, { published });
    assert.equal(r.kind === 'document' ? `document:${r.document.format}` : r.kind, want, name);
  }
});

test('what the readers give: page metadata, record fields, a bad record alone', async () => {
  const page = await readDocument({ bytes: bytes(HTML), label: 'a.html', path: 'a.html' }, { published });
  assert.ok(page.kind === 'document');
  assert.equal(page.document.title, 'غارة على البلدة');
  assert.equal(page.document.lang, 'ar');
  assert.equal(page.document.published, '2016-07-05');
  assert.match(page.document.text, /قصفت طائرات حربية/);

  const recs = await readDocument(
    {
      bytes: bytes('{"text":"first","lang":"en","id":"x1"}\n{"text":""}\n{"text":"third","published":"2015-03-01"}\n'),
      label: 'r.jsonl',
      path: 'r.jsonl',
    },
    { published },
  );
  assert.ok(recs.kind === 'records');
  assert.deepEqual(
    recs.records.map((r) => [
      r.position,
      r.id,
      r.document?.lang ?? null,
      r.document?.published ?? null,
      r.error?.code ?? null,
    ]),
    [
      [1, 'x1', 'en', '2016-07-05', null],
      [2, null, null, null, 'input.record'],
      [3, null, null, '2015-03-01', null],
    ],
  );
});

test('bad bytes are refused with a code naming the source', async () => {
  await assert.rejects(
    readDocument({ bytes: new Uint8Array([0x63, 0xe9, 0x20]), label: 'latin1.txt', path: 'latin1.txt' }),
    (e) => isRasidError(e) && e.code === 'input.encoding' && e.message.startsWith('latin1.txt: '),
  );
  await assert.rejects(
    readDocument({ bytes: bytes('x'), label: 'u', url: 'https://example.org/p.png', contentType: 'image/png' }),
    (e) => isRasidError(e) && e.code === 'input.binary',
  );
});

test('a page too deep for a DOM: its date comes from its head, and no DOM is built of its body for it', async () => {
  const { publishedDate } = await import('../time/published.ts');
  const deep = (head: string, body: string) =>
    `<!doctype html><html lang="en"><head><title>Deep</title>${head}</head><body>${'<div>'.repeat(3000)}${body}<p>Gunmen shot dead four civilians in Raqqa, activists said.</p>${'</div>'.repeat(3000)}</body></html>`;
  const read = async (html: string) => {
    const r = await readDocument(
      { bytes: bytes(html), label: 'deep.html', path: 'deep.html' },
      { published: publishedDate },
    );
    assert.equal(r.kind, 'document');
    return r.kind === 'document' ? r.document.published : undefined;
  };
  assert.equal(
    await read(deep('<meta property="article:published_time" content="2016-05-04T10:00:00Z">', '')),
    '2016-05-04',
  );
  // a <time> deep in the body is not looked for: finding it took a DOM of the whole page (issue 12)
  assert.equal(await read(deep('', '<time datetime="2016-05-06">6 May</time>')), null);
});
