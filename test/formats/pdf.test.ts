// PDFs printed by Debian's Chromium from our own reports: the text comes back in reading order
// (Arabic right to left, two columns, running headers and page numbers gone, hyphenated words
// rejoined), each incident's evidence names the page it is on.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { readPdf } from '../../src/input/pdf.ts';
import { pageAt } from '../../src/input/paged.ts';
import { extractDocument } from '../../src/pipeline/index.ts';
import { charAccuracy, comparable, launch, noChromium, plainPdf, printPdf, soffice, which, writeDocx } from './make.ts';
import { AR_PARAGRAPHS, AR_TITLE, EN_PARAGRAPHS, EN_TITLE } from './texts.ts';

const AR_HEADER = 'راصد — التقرير الشهري — آذار 2021';
const EN_HEADER = 'Rasid monthly report, March 2021';

describe('PDF text layer (Chromium-printed)', { skip: noChromium }, () => {
  let browser: Browser;
  let dir: string;
  before(async () => {
    browser = await launch();
    dir = mkdtempSync(join(tmpdir(), 'rasid-pdf-'));
  });
  after(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('Arabic, one column, three pages: text, order, running header and page numbers of spans', async () => {
    const path = join(dir, 'ar.pdf');
    // paragraph 4 starts page 2 and paragraph 7 page 3
    await printPdf(
      browser,
      { lang: 'ar', title: AR_TITLE, paragraphs: AR_PARAGRAPHS, breaksBefore: [4, 7] },
      path,
      AR_HEADER,
    );
    const pdf = await readPdf(readFileSync(path), 'ar.pdf');
    assert.equal(pdf.pageCount, 3);
    assert.equal(pdf.pages.length, 3);
    const source = comparable([AR_TITLE, ...AR_PARAGRAPHS].join('\n'));
    const acc = charAccuracy(source, comparable(pdf.text));
    assert.ok(acc >= 0.99, `character accuracy ${acc.toFixed(4)}`);
    assert.ok(!pdf.text.includes('التقرير الشهري — آذار'), 'the running header is removed');
    // paragraphs are kept apart
    for (const p of AR_PARAGRAPHS) assert.ok(pdf.text.includes(p), `paragraph «${p.slice(0, 30)}…» comes back whole`);
    const pageOf = (p: number) => pageAt(pdf.pages, pdf.text.indexOf(AR_PARAGRAPHS[p]!));
    assert.deepEqual([0, 3, 4, 6, 7].map(pageOf), [1, 1, 2, 2, 3]);

    const r = extractDocument({ text: pdf.text, pages: pdf.pages, published: '2021-03-31' });
    const clean = extractDocument({ text: [AR_TITLE, ...AR_PARAGRAPHS].join('\n\n'), published: '2021-03-31' });
    assert.deepEqual(r.incidents.map((i) => i.type).sort(), clean.incidents.map((i) => i.type).sort());
    const execution = r.incidents.find((i) => i.type === 'execution')!;
    assert.equal(execution.evidence[0]!.page, 1);
    const abduction = r.incidents.find((i) => i.type === 'abduction')!;
    assert.equal(abduction.evidence[0]!.page, 2);
    for (const i of r.incidents) for (const e of i.evidence) assert.equal(e.page, pageAt(pdf.pages, e.span[0]));
    assert.deepEqual(r.document.pages, pdf.pages);
  });

  test('English, two columns with a running header over several pages, hyphenated words rejoined', async () => {
    const path = join(dir, 'en.pdf');
    const paragraphs = [
      ...EN_PARAGRAPHS,
      ...EN_PARAGRAPHS.map((p) => p.replace(/March/g, 'April')),
      ...EN_PARAGRAPHS.map((p) => p.replace(/March/g, 'May')),
    ];
    await printPdf(
      browser,
      { lang: 'en', title: EN_TITLE, paragraphs, columns: 2, hyphenate: true, fontPt: 11 },
      path,
      EN_HEADER,
    );
    const pdf = await readPdf(readFileSync(path), 'en.pdf');
    assert.ok(pdf.pageCount >= 2, `${pdf.pageCount} pages`);
    const acc = charAccuracy(comparable([EN_TITLE, ...paragraphs].join('\n')), comparable(pdf.text));
    assert.ok(acc >= 0.99, `character accuracy ${acc.toFixed(4)}`);
    assert.ok(!pdf.text.includes(EN_HEADER), 'the running header is removed');
    // reading order: the paragraphs come back in the order written, left column before right
    let at = -1;
    for (const p of paragraphs.slice(0, 8)) {
      const k = pdf.text.indexOf(p.slice(0, 40));
      assert.ok(k > at, `«${p.slice(0, 40)}» follows the paragraph before it`);
      at = k;
    }
    const r = extractDocument({ text: pdf.text, pages: pdf.pages, published: '2021-05-31' });
    assert.ok(r.incidents.some((i) => i.type === 'execution'));
    assert.ok(r.incidents.every((i) => i.evidence.every((e) => e.page! >= 1 && e.page! <= pdf.pageCount)));
  });
});

describe('PDF made by LibreOffice from a Word file', () => {
  test('Arabic and English round trips; a password-protected copy is named', async (t) => {
    if (!(await which('soffice')))
      return t.skip('LibreOffice not installed (apt-get install libreoffice-writer-nogui)');
    const dir = mkdtempSync(join(tmpdir(), 'rasid-lo-'));
    try {
      writeDocx(join(dir, 'ar.docx'), AR_TITLE, AR_PARAGRAPHS, true);
      writeDocx(join(dir, 'en.docx'), EN_TITLE, EN_PARAGRAPHS, false);
      await soffice(['--convert-to', 'pdf', '--outdir', dir, join(dir, 'ar.docx'), join(dir, 'en.docx')], dir);
      for (const [name, title, paragraphs] of [
        ['ar', AR_TITLE, AR_PARAGRAPHS],
        ['en', EN_TITLE, EN_PARAGRAPHS],
      ] as const) {
        const pdf = await readPdf(readFileSync(join(dir, `${name}.pdf`)), `${name}.pdf`);
        const acc = charAccuracy(comparable([title, ...paragraphs].join('\n')), comparable(pdf.text));
        assert.ok(acc >= 0.99, `${name}: character accuracy ${acc.toFixed(4)}`);
        // LibreOffice draws each line as one run: paragraphs still come apart by their spacing
        assert.equal(pdf.text.split('\n\n').length, paragraphs.length + 1, `${name}: one block per paragraph`);
      }
      // the same file saved with an opening password
      const options = JSON.stringify({
        EncryptFile: { type: 'boolean', value: 'true' },
        DocumentOpenPassword: { type: 'string', value: 'witness' },
      });
      await soffice(
        ['--convert-to', `pdf:writer_pdf_Export:${options}`, '--outdir', join(dir, 'locked'), join(dir, 'en.docx')],
        dir,
      );
      await assert.rejects(
        readPdf(readFileSync(join(dir, 'locked', 'en.pdf')), 'locked.pdf'),
        (e: Error & { code?: string }) => e.code === 'input.pdf-encrypted' && e.message.startsWith('locked.pdf: '),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('PDFs that cannot be read', () => {
  test('damaged, over the page limit', async () => {
    await assert.rejects(
      readPdf(Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage'), 'broken.pdf'),
      (e: Error & { code?: string }) => e.code === 'input.pdf-damaged' && e.message.startsWith('broken.pdf: '),
    );
    await assert.rejects(
      readPdf(
        plainPdf(2000, (n) => `page ${n}`),
        'long.pdf',
      ),
      (e: Error & { code?: string }) =>
        e.code === 'input.too-many-pages' && /2000 pages is over the 1000-page limit/.test(e.message),
    );
    const words = ['Alpha report', 'Bravo findings', 'Charlie annex'];
    const ok = await readPdf(
      plainPdf(3, (n) => words[n - 1]!),
      'short.pdf',
    );
    assert.equal(ok.pageCount, 3);
    assert.equal(ok.text, words.join('\n\n'));
  });
});
