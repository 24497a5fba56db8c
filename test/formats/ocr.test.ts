// A scan made from our own Arabic report: the page rendered by Chromium to an image, turned by
// 1.5° and sprinkled with specks, then read back by tesseract. The text is marked as OCR'd and its
// incidents say so.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { readBinaryDocument } from '../../src/input/document.ts';
import { extractDocument } from '../../src/pipeline/index.ts';
import { charAccuracy, comparable, launch, noChromium, scanImage, which } from './make.ts';
import { AR_PARAGRAPHS, AR_TITLE } from './texts.ts';

const tools = await Promise.all([which('tesseract'), which('pdftoppm')]);
const skip =
  noChromium ||
  (!tools[0] ? 'tesseract not installed (apt-get install tesseract-ocr tesseract-ocr-ara tesseract-ocr-eng)' : false);

describe('OCR of a scanned page (tesseract)', { skip }, () => {
  let browser: Browser;
  let dir: string;
  before(async () => {
    browser = await launch();
    dir = mkdtempSync(join(tmpdir(), 'rasid-ocr-'));
  });
  after(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('Arabic scan: ≥ 90 % of characters, the same incidents as the clean text, marked as OCR', async () => {
    const path = join(dir, 'scan.png');
    await scanImage(browser, { lang: 'ar', title: AR_TITLE, paragraphs: AR_PARAGRAPHS }, path, {
      degrees: 1.5,
      specks: 800,
      type: 'png',
    });
    const doc = (await readBinaryDocument(readFileSync(path), 'scan.png'))!;
    assert.equal(doc.format, 'image');
    assert.deepEqual(doc.pages, [{ start: 0, ocr: true }]);
    const source = [AR_TITLE, ...AR_PARAGRAPHS].join('\n\n');
    const acc = charAccuracy(comparable(source), comparable(doc.text));
    assert.ok(acc >= 0.9, `character accuracy ${acc.toFixed(4)}`);

    const scanned = extractDocument({ text: doc.text, pages: doc.pages, published: '2021-03-31' });
    const clean = extractDocument({ text: source, published: '2021-03-31' });
    assert.deepEqual(scanned.incidents.map((i) => i.type).sort(), clean.incidents.map((i) => i.type).sort());
    for (const inc of scanned.incidents) {
      assert.ok(
        inc.issues?.some((i) => i.code === 'ocr'),
        `${inc.type} carries the ocr issue`,
      );
      assert.equal(inc.evidence[0]!.page, 1);
      const twin = clean.incidents.find((c) => c.type === inc.type)!;
      assert.ok(inc.confidence < twin.confidence, `${inc.type}: OCR lowers confidence`);
    }
  });

  test(
    'a PDF of scanned pages: pages without a text layer are rendered and read',
    { skip: tools[1] ? false : 'pdftoppm not installed (apt-get install poppler-utils)' },
    async () => {
      // Chromium prints an <img> of the scan: a PDF page with a picture and no text
      const png = join(dir, 'scan2.png');
      await scanImage(browser, { lang: 'ar', title: AR_TITLE, paragraphs: AR_PARAGRAPHS.slice(0, 4) }, png, {
        degrees: 1,
        specks: 300,
        type: 'png',
      });
      const page = await browser.newPage();
      const data = readFileSync(png).toString('base64');
      await page.setContent(
        `<html><body style="margin:0"><img style="width:100%" src="data:image/png;base64,${data}"></body></html>`,
      );
      const pdfPath = join(dir, 'scanned.pdf');
      await page.pdf({ path: pdfPath, format: 'A4', margin: { top: '0', bottom: '0', left: '0', right: '0' } });
      await page.close();
      const doc = (await readBinaryDocument(readFileSync(pdfPath), 'scanned.pdf'))!;
      assert.equal(doc.format, 'pdf');
      assert.equal(doc.pages?.[0]!.ocr, true);
      const acc = charAccuracy(comparable([AR_TITLE, ...AR_PARAGRAPHS.slice(0, 4)].join('\n')), comparable(doc.text));
      assert.ok(acc >= 0.85, `character accuracy ${acc.toFixed(4)}`);
      const r = extractDocument({ text: doc.text, pages: doc.pages, published: '2021-03-31' });
      assert.ok(r.incidents.some((i) => i.type === 'execution' && i.issues?.some((x) => x.code === 'ocr')));
    },
  );
});
