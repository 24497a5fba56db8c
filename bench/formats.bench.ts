// Reading PDFs and scans: pages per second for a text PDF of 500+ pages printed by Chromium from the
// generated Arabic corpus, and for OCR of scanned pages (images, and a scanned PDF rendered by
// pdftoppm), each with the peak RSS of the process that read it. Fixtures are made first; each
// measurement then runs in a fresh process of its own, so its peak RSS is its own.
// Standalone: node --import tsx bench/formats.bench.ts (RASID_BENCH_PDF_PAGES: pages, 500 by default).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CHROMIUM, launch, printPdf, scanImage, which } from '../test/formats/make.ts';
import { AR_PARAGRAPHS, AR_TITLE } from '../test/formats/texts.ts';
import { generateCorpus } from './corpus.ts';

// The measuring child runs the compiled reader (dist/, as `rasid` runs it) under plain node: under
// tsx, pdf.js's 2 MB worker module is transformed on load, which alone costs seconds and 300+ MB.
const DIST = fileURLToPath(new URL('../dist/input/document.js', import.meta.url));
const CHILD = `
const { readFileSync } = await import('node:fs');
const { readBinaryDocument } = await import(process.env.RASID_BENCH_DIST);
const files = process.env.RASID_BENCH_READ.split(',');
let pages = 0;
const t0 = performance.now();
for (const f of files) {
  const doc = await readBinaryDocument(readFileSync(f), f, { maxPages: 5000 });
  pages += doc?.pages?.length ?? 0;
}
const sec = (performance.now() - t0) / 1000;
console.log(JSON.stringify({ pages, sec, rss: process.resourceUsage().maxRSS / 1024 }));
`;

await main();

async function main(): Promise<void> {
  if (!existsSync(DIST)) {
    console.log('formats: skipped, no compiled build in dist/ (npm run build)');
    return;
  }
  if (!existsSync(CHROMIUM)) {
    console.log(`formats: skipped, Chromium not found at ${CHROMIUM} (apt-get install chromium)`);
    return;
  }
  const pagesWanted = Number(process.env.RASID_BENCH_PDF_PAGES ?? 500);
  const dir = mkdtempSync(join(tmpdir(), 'rasid-bench-formats-'));
  try {
    const browser = await launch();
    const pdf = join(dir, 'long.pdf');
    const scans: string[] = [];
    try {
      // about 4.5 KB of the corpus (UTF-8) fills an A4 page at 12 pt; a little more, to pass the count
      const corpus = generateCorpus(pagesWanted * 4800);
      const paragraphs = corpus.flatMap((d) => d.split(/\n+/)).filter((p) => p.trim());
      const t0 = performance.now();
      await printPdf(browser, { lang: 'ar', title: AR_TITLE, paragraphs, fontPt: 12 }, pdf, 'راصد — تقرير للقياس');
      console.log(
        `formats: fixture: Chromium printed ${(readFileSync(pdf).length / 1048576).toFixed(1)} MB of PDF in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );
      if (await which('tesseract'))
        for (let i = 0; i < 4; i++) {
          const f = join(dir, `scan-${i}.png`);
          const paras = AR_PARAGRAPHS.slice(i, i + 5);
          await scanImage(browser, { lang: 'ar', title: AR_TITLE, paragraphs: paras }, f, {
            degrees: 1,
            specks: 500,
            type: 'png',
          });
          scans.push(f);
        }
      if (scans.length && (await which('pdftoppm'))) {
        // a scanned PDF: Chromium prints the scans as pictures, one per page
        const page = await browser.newPage();
        const imgs = scans
          .map(
            (f) =>
              `<div style="height:297mm;break-after:page"><img style="height:100%;width:100%;object-fit:contain" src="data:image/png;base64,${readFileSync(f).toString('base64')}"></div>`,
          )
          .join('');
        await page.setContent(`<html><body style="margin:0">${imgs}</body></html>`);
        await page.pdf({
          path: join(dir, 'scanned.pdf'),
          format: 'A4',
          margin: { top: '0', bottom: '0', left: '0', right: '0' },
        });
        await page.close();
      }
    } finally {
      await browser.close();
    }

    const child = (files: string[]) => {
      const r = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD], {
        env: { ...process.env, RASID_BENCH_READ: files.join(','), RASID_BENCH_DIST: pathToFileURL(DIST).href },
        encoding: 'utf8',
      });
      if (r.status !== 0) throw new Error(`formats: reading ${files.join(', ')} failed: ${r.stderr.slice(0, 400)}`);
      return JSON.parse(r.stdout.trim().split('\n').pop()!) as { pages: number; sec: number; rss: number };
    };
    const text = child([pdf]);
    console.log(
      `formats: text PDF: ${text.pages} pages in ${text.sec.toFixed(1)} s = ${(text.pages / text.sec).toFixed(1)} pages/s, peak RSS ${text.rss.toFixed(0)} MB (target under 300 MB for 500 pages)`,
    );
    if (scans.length) {
      const ocr = child(scans);
      console.log(
        `formats: OCR of page images (2480×3508 PNG): ${ocr.pages} pages in ${ocr.sec.toFixed(1)} s = ${(ocr.pages / ocr.sec).toFixed(2)} pages/s, peak RSS ${ocr.rss.toFixed(0)} MB (tesseract runs in its own process)`,
      );
    } else
      console.log(
        'formats: OCR skipped, tesseract not installed (apt-get install tesseract-ocr tesseract-ocr-ara tesseract-ocr-eng)',
      );
    if (existsSync(join(dir, 'scanned.pdf'))) {
      const sp = child([join(dir, 'scanned.pdf')]);
      console.log(
        `formats: OCR of a scanned PDF (pdftoppm at 300 dpi, then tesseract): ${sp.pages} pages in ${sp.sec.toFixed(1)} s = ${(sp.pages / sp.sec).toFixed(2)} pages/s, peak RSS ${sp.rss.toFixed(0)} MB`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
