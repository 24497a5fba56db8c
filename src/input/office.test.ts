import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeDocx, zip } from '../../test/formats/make.ts';
import { AR_PARAGRAPHS, AR_TITLE } from '../../test/formats/texts.ts';
import { readOffice } from './office.ts';
import { readBinaryDocument } from './document.ts';

const isCode = (code: string) => (e: Error & { code?: string }) => e.code === code;

test('a Word file: its paragraphs, in order, one block each (mammoth)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rasid-docx-'));
  try {
    writeDocx(join(dir, 'w.docx'), AR_TITLE, AR_PARAGRAPHS.slice(0, 3), true);
    const r = await readOffice(readFileSync(join(dir, 'w.docx')), 'w.docx');
    assert.equal(r.kind, 'docx');
    assert.equal(r.text, [AR_TITLE, ...AR_PARAGRAPHS.slice(0, 3)].join('\n\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an OpenDocument text: paragraphs and headings, spaces and breaks', async () => {
  const content = `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><text:h text:outline-level="1">Monthly report</text:h><text:p>Government forces dropped<text:s text:c="2"/>barrel bombs on <text:span>Kafr Nabl</text:span>.</text:p><text:p>Second &amp; last.</text:p></office:text></office:body></office:document-content>`;
  const bytes = zip([
    ['mimetype', Buffer.from('application/vnd.oasis.opendocument.text')],
    ['content.xml', Buffer.from(content)],
  ]);
  const r = await readOffice(bytes, 'r.odt');
  assert.equal(r.kind, 'odt');
  assert.equal(r.text, 'Monthly report\n\nGovernment forces dropped  barrel bombs on Kafr Nabl.\n\nSecond & last.');
});

test('a zip bomb inside a docx is refused before mammoth unpacks it, whatever its header claims', async () => {
  const huge = Buffer.alloc(40 * 1024 * 1024, 0x20);
  const bytes = zip([
    ['[Content_Types].xml', Buffer.from('<Types/>')],
    ['word/document.xml', huge, 1000],
  ]);
  assert.ok(bytes.length < 200 * 1024, `the bomb is ${bytes.length} bytes packed`);
  await assert.rejects(
    readBinaryDocument(bytes, 'bomb.docx'),
    (e: Error & { code?: string }) =>
      e.code === 'input.zip-bomb' && /bomb\.docx: word\/document\.xml unpacks to more than 32 MB/.test(e.message),
  );
});

test('other zips and broken zips are named', async () => {
  await assert.rejects(readOffice(zip([['a.txt', Buffer.from('x')]]), 'a.zip'), isCode('input.format'));
  await assert.rejects(readOffice(Buffer.from('PK\x03\x04garbage'), 'b.docx'), isCode('input.zip-damaged'));
});
