import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DOM_LIMITS, parseHtmlPage } from './html.ts';
import { streamHtml } from './html-text.ts';

const filler = 'وأضاف المصدر أن الأهالي ما زالوا ينتظرون معرفة مصير المعتقلين في السجن المركزي. '.repeat(4);

function page(head: string, body: string, lang = 'ar'): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">${head}</head><body>
<nav><a href="/">الرئيسية</a> <a href="/about">من نحن</a></nav>
<article><h1>اعتقالات في بلدة الشحيل</h1>
<p>اعتقلت دورية أمنية خمسة شبان من بلدة الشحيل صباح يوم الثلاثاء. ${filler}</p>
${body}
<p>وقال شاهد عيان إن الدورية صادرت هواتف المعتقلين. ${filler}</p></article>
<footer>جميع الحقوق محفوظة</footer></body></html>`;
}

test('article text keeps paragraphs and drops navigation and footer', () => {
  const p = parseHtmlPage(page('<title>الشحيل | موقع</title>', ''), 'https://example.org/ar/2016/05/a/', 'x');
  assert.match(p.text, /اعتقلت دورية أمنية خمسة شبان/);
  assert.match(p.text, /صادرت هواتف المعتقلين/);
  assert.ok(p.text.includes('\n\n'), 'paragraph break kept');
  assert.doesNotMatch(p.text, /جميع الحقوق محفوظة/);
  assert.doesNotMatch(p.text, /من نحن/);
  assert.equal(p.lang, 'ar');
  assert.ok(p.title);
  assert.ok(p.text.startsWith(`${p.title}\n\n`), 'the headline heads the text');
});

test('hreflang alternates, absolute, without the page itself', () => {
  const head = `<link rel="alternate" hreflang="ar" href="https://example.org/ar/2016/05/a/">
<link rel="alternate" hreflang="en-US" href="/en/2016/05/a/"><link rel="alternate" hreflang="x-default" href="/">`;
  const p = parseHtmlPage(page(head, ''), 'https://example.org/ar/2016/05/a/', 'x');
  assert.deepEqual(p.alternates, [{ lang: 'en', url: 'https://example.org/en/2016/05/a/' }]);
});

test('"This post is also available in" links are found and removed from the text', () => {
  const note = `<p class="qtranxs-available-languages-message">This post is also available in:
<a href="https://example.org/en/a/" class="qtranxs-available-language-link qtranxs-available-language-link-en" title="English">English</a></p>`;
  const p = parseHtmlPage(page('', note), 'https://example.org/ar/a/', 'x');
  assert.deepEqual(p.alternates, [{ lang: 'en', url: 'https://example.org/en/a/' }]);
  assert.doesNotMatch(p.text, /also available/);
});

test('the Arabic availability note, with hamza and tanwin variants, names its link by language name', () => {
  const note = `<p>هذه المقالة متوفرة أيضاً باللغة: <a href="https://example.org/?p=12&lang=en">English</a></p>`;
  const p = parseHtmlPage(page('', note), 'https://example.org/?p=12', 'x');
  assert.deepEqual(p.alternates, [{ lang: 'en', url: 'https://example.org/?p=12&lang=en' }]);
  assert.doesNotMatch(p.text, /متوفرة أيضاً/);
});

test('an English page names its Arabic version', () => {
  const body =
    `<p>Five young men were detained in al-Shuhail on Tuesday morning by a security patrol. `.repeat(6) +
    `</p>
<div class="post-langs">This post is also available in: <a href="/ar/a/">العربية</a></div>`;
  const p = parseHtmlPage(
    `<html lang="en"><head><title>Arrests</title></head><body><article>${body}</article></body></html>`,
    'https://example.org/en/a/',
    'x',
  );
  assert.equal(p.lang, 'en');
  assert.deepEqual(p.alternates, [{ lang: 'ar', url: 'https://example.org/ar/a/' }]);
});

test('a page cut off before </body> is refused with input.truncated', () => {
  const html = page('', '');
  const cut = html.slice(0, html.indexOf('وقال شاهد'));
  assert.throws(
    () => parseHtmlPage(cut, null, 'cut.html'),
    (e: { code?: string }) => e.code === 'input.truncated',
  );
});

test('a page without text is refused with input.empty', () => {
  assert.throws(
    () =>
      parseHtmlPage('<html><head><title>t</title></head><body><script>var a=1</script></body></html>', null, 'e.html'),
    (e: { code?: string }) => e.code === 'input.empty',
  );
});

test('a fragment without <html> is read as it is', () => {
  const p = parseHtmlPage('<p>قصفت طائرات حربية سوق المدينة.</p><p>وأصيب عشرة مدنيين.</p>', null, 'f.html');
  assert.equal(p.text, 'قصفت طائرات حربية سوق المدينة.\n\nوأصيب عشرة مدنيين.');
});

test('the headline heads the text once, without the site name of <title>', () => {
  const body = `<p>${'Warplanes struck the market of al-Mayadin on Friday morning. '.repeat(8)}</p>`;
  const withH1 = parseHtmlPage(
    `<html lang="en"><head><title>Strike on the market | Test Monitor</title></head><body><article><h1>Strike on the market</h1>${body}</article></body></html>`,
    null,
    'x',
  );
  const without = parseHtmlPage(
    `<html lang="en"><head><title>Strike on the market | Test Monitor</title></head><body><article>${body}</article></body></html>`,
    null,
    'x',
  );
  for (const p of [withH1, without]) {
    assert.equal(p.title, 'Strike on the market');
    assert.ok(p.text.startsWith('Strike on the market\n\nWarplanes struck'), JSON.stringify(p.text.slice(0, 60)));
  }
});

// issue 12: a 22 KB page of 2,000 nested <div>s took 34 s, a 1 MB one minutes. The timeouts only
// stop a hang from stalling the suite; the assertions are about what is read.
const nested = (n: number) =>
  `<!doctype html><html lang="en"><head><title>Deep</title></head><body>${'<div>'.repeat(n)}Gunmen shot a farmer near the mill of al-Mayadin.${'</div>'.repeat(n)}</body></html>`;

test('deeply nested pages are read as plain text, past the article extractor', { timeout: 120_000 }, () => {
  for (const n of [2_000, 100_000]) {
    const p = parseHtmlPage(nested(n), null, 'deep.html');
    assert.equal(p.lang, 'en');
    assert.match(p.text, /Gunmen shot a farmer near the mill of al-Mayadin\./);
  }
  const s = streamHtml(nested(300));
  assert.deepEqual([s.maxDepth > DOM_LIMITS.maxDepth, s.title], [true, 'Deep']);
});

test('the plain-text reader keeps blocks apart, skips scripts, and finds hreflang alternates', () => {
  const html = `<!doctype html><html lang="ar"><head><title>عنوان</title><link rel="alternate" hreflang="en" href="/en/report"></head><body>
${'<section>'.repeat(DOM_LIMITS.maxDepth + 5)}<h1>اعتقالات في الرقة</h1><p>اعتقلت دورية عشرة شبان.</p><script>var x = "not text";</script><p>وأفرج عن اثنين &amp; بقي ثمانية.</p>${'</section>'.repeat(DOM_LIMITS.maxDepth + 5)}</body></html>`;
  const p = parseHtmlPage(html, 'https://reports.example.org/ar/report', 'r.html');
  assert.equal(p.title, 'اعتقالات في الرقة');
  assert.equal(p.text, 'اعتقالات في الرقة\n\nاعتقلت دورية عشرة شبان.\n\nوأفرج عن اثنين & بقي ثمانية.');
  assert.deepEqual(p.alternates, [{ lang: 'en', url: 'https://reports.example.org/en/report' }]);
});

test('a page whose reading outruns its deadline fails with input.too-slow', () => {
  assert.throws(
    () => parseHtmlPage(nested(10), null, 'slow.html', { deadline: performance.now() - 1, budgetMs: 1000 }),
    (e: { code?: string; message?: string }) => e.code === 'input.too-slow' && /slow\.html/.test(e.message ?? ''),
  );
});
