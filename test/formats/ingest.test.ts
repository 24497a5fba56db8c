// `rasid ingest` on a folder that mixes every format a documentation group holds: Chromium PDFs,
// a Word file, a Telegram channel export, a scan, plain text — and files that cannot be read. Every
// good file lands with its incidents (PDF evidence with pages); every bad one is named with a reason.
// A later Telegram export lands only its new and edited messages.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Fetcher } from '../../src/ingest/http.ts';
import { ingest, type Processing } from '../../src/ingest/ingest.ts';
import { extractDocument } from '../../src/pipeline/index.ts';
import { openStore } from '../../src/store/open.ts';
import { CHANNEL_EXPORT } from './telegram-export.ts';
import { launch, noChromium, plainPdf, printPdf, scanImage, which, writeDocx, zip } from './make.ts';
import { AR_PARAGRAPHS, AR_TITLE, EN_PARAGRAPHS, EN_TITLE } from './texts.ts';

const extract: Processing = { kind: 'extract', extract: (input) => extractDocument(input) };
const fetcher = new Fetcher({ hostDelayMs: 0 });

describe('ingest of a mixed folder', { skip: noChromium }, () => {
  let dir: string;
  let hasOcr = false;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rasid-mixed-'));
    hasOcr = (await which('tesseract')) && (await which('pdftoppm'));
    const folder = join(dir, 'reports');
    mkdirSync(join(folder, 'telegram'), { recursive: true });
    const browser = await launch();
    try {
      await printPdf(
        browser,
        { lang: 'ar', title: AR_TITLE, paragraphs: AR_PARAGRAPHS, breaksBefore: [4] },
        join(folder, 'monthly-ar.pdf'),
        'راصد — التقرير الشهري',
      );
      // a PDF whose name says nothing: found by its bytes
      await printPdf(
        browser,
        { lang: 'en', title: EN_TITLE, paragraphs: EN_PARAGRAPHS, columns: 2 },
        join(folder, 'monthly-en.download'),
        'Rasid monthly report',
      );
      if (hasOcr)
        await scanImage(
          browser,
          { lang: 'ar', title: AR_TITLE, paragraphs: AR_PARAGRAPHS.slice(0, 3) },
          join(folder, 'scan.png'),
          { degrees: 1, specks: 300, type: 'png' },
        );
    } finally {
      await browser.close();
    }
    writeDocx(join(folder, 'statement.docx'), EN_TITLE, EN_PARAGRAPHS.slice(2, 4), false);
    writeFileSync(join(folder, 'telegram', 'result.json'), JSON.stringify(CHANNEL_EXPORT));
    writeFileSync(join(folder, 'note.txt'), AR_PARAGRAPHS[6] + '\n');
    // the bad ones
    writeFileSync(join(folder, 'broken.pdf'), '%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage');
    writeFileSync(
      join(folder, 'long.pdf'),
      plainPdf(2000, (n) => `page ${n}`),
    );
    writeFileSync(
      join(folder, 'bomb.docx'),
      zip([
        ['[Content_Types].xml', Buffer.from('<Types/>')],
        ['word/document.xml', Buffer.alloc(40 * 1024 * 1024, 0x20), 1000],
      ]),
    );
    writeFileSync(join(folder, 'other.json'), JSON.stringify({ name: 'not telegram', type: 'list', messages: 'none' }));
    writeFileSync(
      join(folder, 'holiday.jpg.txt'),
      Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]),
    );
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('every good file lands with incidents, every bad one is named', async () => {
    const store = await openStore({ db: join(dir, 'mixed.db') });
    try {
      const s = await ingest([join(dir, 'reports')], { store, fetcher, processing: extract, concurrency: 2 });
      const failed = Object.fromEntries(s.failures.map((f) => [f.source.split('/').pop(), f.code]));
      const expectedFailures: Record<string, string> = {
        'broken.pdf': 'input.pdf-damaged',
        'long.pdf': 'input.too-many-pages',
        'bomb.docx': 'input.zip-bomb',
        'other.json': 'input.telegram',
        // a truncated JPEG: tesseract cannot read it (or, without tesseract, OCR is missing)
        'holiday.jpg.txt': hasOcr ? 'ocr.failed' : 'ocr.missing',
      };
      assert.deepEqual(failed, expectedFailures);
      for (const f of s.failures)
        assert.ok(f.message.length > 10 && !f.message.includes('\n'), `${f.source}: one line with a reason`);
      // 2 PDFs, the Word file, 3 Telegram messages, the note, and the scan when OCR is there
      assert.equal(s.new, 7 + (hasOcr ? 1 : 0));

      const docs = (await store.listDocuments({ limit: 50, offset: 0 })).items;
      const byFormat = (f: string) => docs.filter((d) => d.format === f);
      assert.equal(byFormat('pdf').length, 2);
      assert.equal(byFormat('docx').length, 1);
      assert.equal(byFormat('telegram').length, 3);
      assert.equal(byFormat('image').length, hasOcr ? 1 : 0);
      const ar = byFormat('pdf').find((d) => d.lang === 'ar')!;
      assert.equal(ar.pages?.length, 2);
      const incidents = (await store.listIncidents({ documentId: ar.id }, { limit: 50, offset: 0 })).items;
      assert.ok(incidents.length >= 5);
      const abduction = incidents.find((i) => i.type === 'abduction')!;
      assert.equal(abduction.evidence[0]!.page, 2);
      assert.equal(incidents.find((i) => i.type === 'execution')!.evidence[0]!.page, 1);
      for (const d of [...byFormat('docx'), ...byFormat('telegram')]) {
        const n = await store.countIncidents({ documentId: d.id });
        assert.ok(n >= 1, `${d.format} ${d.url ?? d.sourceKey}: ${n} incidents`);
      }
      const tg = byFormat('telegram').find((d) => d.url === 'https://t.me/c/1780001234/2')!;
      assert.equal(tg.published, '2021-03-12');
      if (hasOcr) {
        const scan = byFormat('image')[0];
        const inc = (await store.listIncidents({ documentId: scan!.id }, { limit: 10, offset: 0 })).items;
        assert.ok(inc.length >= 1 && inc.every((i) => i.issues?.some((x) => x.code === 'ocr')));
      }
    } finally {
      await store.close();
    }
  });

  test('a later export of the channel lands only new and edited messages; edits become versions', async () => {
    const store = await openStore({ db: join(dir, 'telegram.db') });
    const file = join(dir, 'result.json');
    try {
      writeFileSync(file, JSON.stringify(CHANNEL_EXPORT));
      const first = await ingest([file], { store, fetcher, processing: extract, telegramChannel: 'rasd_sharqiya' });
      assert.equal(first.new, 3);
      const later = structuredClone(CHANNEL_EXPORT) as typeof CHANNEL_EXPORT & {
        messages: Array<Record<string, unknown>>;
      };
      const edited = later.messages.find((m) => m.id === 2)!;
      edited.text = 'أعدم تنظيم داعش أربعة رجال في مدينة الميادين اليوم بتهمة التعامل مع التحالف الدولي.';
      edited.edited = '2021-03-12T16:00:00';
      later.messages.push({
        id: 6,
        type: 'message',
        date: '2021-03-16T07:30:00',
        date_unixtime: '1615879800',
        from: 'شبكة رصد الشرقية',
        text: 'اعتقلت قوات النظام ثلاثة شبان في مدينة دير الزور.',
        text_entities: [],
      });
      writeFileSync(file, JSON.stringify(later));
      const second = await ingest([file], { store, fetcher, processing: extract, telegramChannel: 'rasd_sharqiya' });
      assert.deepEqual([second.new, second.updated, second.unchanged, second.failed], [1, 1, 2, 0]);
      const docs = (await store.listDocuments({ limit: 50, offset: 0 })).items;
      const v2 = docs.find((d) => d.url === 'https://t.me/rasd_sharqiya/2' && d.version === 2)!;
      const versions = await store.versionsOf(v2.id);
      assert.equal(versions.length, 2);
      assert.match(versions[1]!.text, /أربعة رجال/);
    } finally {
      await store.close();
    }
  });

  test('a PDF copied under a .txt name is still read as a PDF', async () => {
    const store = await openStore({ db: join(dir, 'renamed.db') });
    try {
      const renamed = join(dir, 'renamed.txt');
      copyFileSync(join(dir, 'reports', 'monthly-ar.pdf'), renamed);
      assert.equal((await ingest([renamed], { store, fetcher, processing: extract })).new, 1);
      const [doc] = (await store.listDocuments({ limit: 1, offset: 0 })).items;
      assert.equal(doc!.format, 'pdf');
      assert.ok(readFileSync(renamed).subarray(0, 5).toString() === '%PDF-');
    } finally {
      await store.close();
    }
  });
});
