import { test } from 'node:test';
import assert from 'node:assert/strict';
import { publishedDate, publishedFromDateline, publishedFromHtml, publishedFromUrl } from './published.ts';

const page = (head: string, body = '') => `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;

test('article:published_time keeps the publisher’s own day', () => {
  const html = page('<meta property="article:published_time" content="2015-09-01T23:40:00+03:00">');
  assert.equal(publishedFromHtml(html), '2015-09-01');
});

test('meta names in any case, most specific first', () => {
  const html = page('<meta name="date" content="2014-01-01"><meta name="PubDate" content="2015-07-07">');
  assert.equal(publishedFromHtml(html), '2015-07-07');
});

test('JSON-LD datePublished, nested in @graph; a broken block is skipped', () => {
  const ld = JSON.stringify({
    '@context': 'https://schema.org',
    '@graph': [{ '@type': 'WebPage' }, { '@type': 'NewsArticle', datePublished: '2018-03-18T10:00:00Z' }],
  });
  const html = page(
    `<script type="application/ld+json">{broken</script><script type="application/ld+json">${ld}</script>`,
  );
  assert.equal(publishedFromHtml(html), '2018-03-18');
});

test('<time datetime>, preferring the one marked as the post date', () => {
  const html = page(
    '',
    '<time datetime="2016-01-02">comment</time><time class="entry-date published" datetime="2015-12-30T08:00">30 ديسمبر</time>',
  );
  assert.equal(publishedFromHtml(html), '2015-12-30');
  assert.equal(publishedFromHtml(page('', '<time datetime="2016-01-02">x</time>')), '2016-01-02');
});

test('a written date in metadata', () => {
  assert.equal(publishedFromHtml(page('<meta name="pubdate" content="Tue, 01 Sep 2015 10:00:00 GMT">')), '2015-09-01');
  assert.equal(publishedFromHtml(page('<meta itemprop="datePublished" content="12 أيار 2015">')), '2015-05-12');
});

test('a saved page without date metadata falls back on its canonical address', () => {
  assert.equal(publishedFromHtml(page('<link rel="canonical" href="https://7al.net/2015/07/07/x/">')), '2015-07-07');
  assert.equal(
    publishedFromHtml(page('<meta property="og:url" content="https://example.org/2018/03/18/104175/">')),
    '2018-03-18',
  );
});

test('a page without dates gives null', () => {
  assert.equal(publishedFromHtml(page('<title>تقرير</title>', '<p>نص</p>')), null);
});

test('dates in URLs', () => {
  assert.equal(publishedFromUrl('https://7al.net/2015/07/07/داعش-يجند-الأطفال/'), '2015-07-07');
  assert.equal(publishedFromUrl('https://www.alrasheedmedia.com/2018/03/18/104175/'), '2018-03-18');
  assert.equal(publishedFromUrl('https://example.org/news/2016-05-06-report.html'), '2016-05-06');
  assert.equal(publishedFromUrl('https://example.org/archive/20170821/story'), '2017-08-21');
  // year and month only: the month's last day
  assert.equal(publishedFromUrl('https://example.org/2015/09/some-post'), '2015-09-30');
  assert.equal(publishedFromUrl('https://sy-24.com/28376'), null);
  assert.equal(publishedFromUrl('https://example.org/2015/13/40/x'), null);
});

test('datelines at the head of a text', () => {
  assert.equal(publishedFromDateline('دير الزور - 12 أيار 2015 - قال ناشطون إن التنظيم أعدم ثلاثة رجال'), '2015-05-12');
  assert.equal(publishedFromDateline('BEIRUT, May 3, 2020 (Reuters) - Air strikes killed 12 people'), '2020-05-03');
  assert.equal(publishedFromDateline('5/6/2016\nقصف الطيران السوق'), '2016-06-05');
  // no date in the dateline
  assert.equal(publishedFromDateline('BEIRUT (Reuters) - Air strikes killed 12 people on Sunday'), null);
  // the event's date opening a sentence is no dateline
  assert.equal(publishedFromDateline('في 3 أيار 2015، قتل ثلاثة مدنيين في قصف'), null);
});

test('publishedDate tries HTML, then the URL, then the dateline', () => {
  const html = page('<meta property="article:published_time" content="2015-09-01">');
  assert.equal(
    publishedDate({ html, url: 'https://x.org/2014/01/01/a', text: 'حلب - 2 شباط 2013 - نص' }),
    '2015-09-01',
  );
  assert.equal(
    publishedDate({ html: page(''), url: 'https://x.org/2014/01/01/a', text: 'حلب - 2 شباط 2013 - نص' }),
    '2014-01-01',
  );
  assert.equal(publishedDate({ url: 'https://x.org/a', text: 'حلب - 2 شباط 2013 - نص' }), '2013-02-02');
  assert.equal(publishedDate({ html: null, url: null, text: null }), null);
});
