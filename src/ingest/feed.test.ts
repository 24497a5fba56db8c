import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFeed, sniffFeed } from './feed.ts';

const rss = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>مرصد تجريبي</title><link>https://example.org/ar/</link><language>ar</language>
<item><title>قصف على أطراف المدينة</title><link>https://example.org/ar/2016/05/shelling/</link>
<guid isPermaLink="false">https://example.org/?p=101</guid><pubDate>Tue, 03 May 2016 09:12:00 +0000</pubDate>
<content:encoded><![CDATA[<p>سقطت قذائف على حي سكني.</p>]]></content:encoded></item>
<item><title>بدون رابط</title><guid>https://example.org/ar/2016/05/guid-only/</guid></item>
<item><title>لا شيء</title><guid isPermaLink="false">p=7</guid></item>
</channel></rss>`;

const atom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><title>Test monitor</title>
<entry><title>Arrests in the eastern countryside</title><id>tag:example.org,2016:1</id>
<link rel="alternate" type="text/html" href="https://example.org/en/2016/06/arrests/"/>
<link rel="alternate" hreflang="ar" href="https://example.org/ar/2016/06/arrests/"/>
<link rel="replies" href="https://example.org/en/2016/06/arrests/#comments"/>
<published>2016-06-02T10:00:00Z</published><updated>2016-06-03T10:00:00Z</updated></entry>
<entry><title>Relative</title><id>2</id><link href="/en/2016/06/b/"/><updated>2016-06-04T00:00:00Z</updated></entry>
</feed>`;

test('RSS 2.0: links, permalink guids, dates', () => {
  const f = parseFeed(rss, 'https://example.org/ar/feed/', 'feed');
  assert.equal(f.kind, 'rss');
  assert.equal(f.lang, 'ar');
  assert.deepEqual(
    f.items.map((i) => [i.link, i.published]),
    [
      ['https://example.org/ar/2016/05/shelling/', '2016-05-03'],
      ['https://example.org/ar/2016/05/guid-only/', null],
    ],
  );
});

test('Atom: the first alternate link is the page, hreflang links are its other-language versions', () => {
  const f = parseFeed(atom, 'https://example.org/en/feed/atom/', 'feed');
  assert.equal(f.kind, 'atom');
  assert.equal(f.items[0]!.link, 'https://example.org/en/2016/06/arrests/');
  assert.deepEqual(f.items[0]!.alternates, [{ lang: 'ar', url: 'https://example.org/ar/2016/06/arrests/' }]);
  assert.equal(f.items[0]!.published, '2016-06-02');
  assert.equal(f.items[1]!.link, 'https://example.org/en/2016/06/b/');
});

test('malformed XML fails with parse.feed and the line', () => {
  const broken = rss.replace('</item>', '');
  assert.throws(
    () => parseFeed(broken, null, 'feed'),
    (e: { code?: string; message?: string }) => e.code === 'parse.feed' && /line \d+/.test(e.message ?? ''),
  );
});

test('XML that is not a feed fails with parse.feed', () => {
  assert.throws(
    () => parseFeed('<?xml version="1.0"?><urlset><url/></urlset>', null, 'x'),
    (e: { code?: string }) => e.code === 'parse.feed',
  );
});

test('sniffing the root tells feeds from pages', () => {
  assert.equal(sniffFeed(rss), 'rss');
  assert.equal(sniffFeed(atom), 'atom');
  assert.equal(sniffFeed('<!-- c --><rdf:RDF xmlns:rdf="x"></rdf:RDF>'), 'rdf');
  assert.equal(sniffFeed('<!doctype html><html></html>'), null);
  assert.equal(sniffFeed('plain text'), null);
});
