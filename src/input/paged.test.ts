import assert from 'node:assert/strict';
import { test } from 'node:test';
import { joinPages, pageAt } from './paged.ts';
import { sniffBinary } from './sniff.ts';

test('pages joined by blank lines; an offset finds its page; empty pages keep their number', () => {
  const p = joinPages([{ text: 'one' }, { text: '  ' }, { text: 'three\n', ocr: true }]);
  assert.equal(p.text, 'one\n\nthree');
  assert.deepEqual(p.pages, [{ start: 0 }, { start: 3 }, { start: 5, ocr: true }]);
  assert.deepEqual(
    [0, 2, 3, 5, 9].map((at) => pageAt(p.pages, at)),
    [1, 1, 2, 3, 3],
  );
});

test('binary kinds by their first bytes, not their names', () => {
  const b = (...x: number[]) => Uint8Array.from(x);
  assert.equal(sniffBinary(Buffer.from('%PDF-1.7\n')), 'pdf');
  assert.equal(sniffBinary(Buffer.from('\ufeff%PDF-1.4')), 'pdf');
  assert.equal(sniffBinary(b(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)), 'png');
  assert.equal(sniffBinary(b(0xff, 0xd8, 0xff, 0xe0)), 'jpeg');
  assert.equal(sniffBinary(b(0x49, 0x49, 0x2a, 0)), 'tiff');
  assert.equal(sniffBinary(b(0x4d, 0x4d, 0, 0x2a)), 'tiff');
  assert.equal(sniffBinary(b(0x50, 0x4b, 3, 4)), 'zip');
  assert.equal(sniffBinary(Buffer.from('قصفت قوات النظام')), null);
  assert.equal(sniffBinary(Buffer.from('notes on the file %PDF-1.7 we received')), null, 'a text that mentions %PDF-');
  assert.equal(sniffBinary(b(0x89, 0x50, 0x4e, 0x47, 0, 0)), null, 'half a PNG signature is not a PNG');
});
