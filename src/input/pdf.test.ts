// Pieces of the PDF reader that need no PDF; whole PDFs printed by Chromium and LibreOffice are
// read in test/formats/pdf.test.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { joinLine, repairLamAlef } from './pdf.ts';

test('a word hyphenated at a line end is rejoined; a real dash and Arabic lines are not touched', () => {
  assert.equal(
    joinLine('government forces dropped barrel bombs on the docu-', 'mented town'),
    'government forces dropped barrel bombs on the documented town',
  );
  assert.equal(joinLine('the Kafr Nabl -', 'Idlib road'), 'the Kafr Nabl - Idlib road');
  assert.equal(joinLine('a well-', 'Documented case'), 'a well- Documented case');
  assert.equal(joinLine('قصفت قوات النظام', 'بلدة كفرنبل'), 'قصفت قوات النظام بلدة كفرنبل');
});

test('lam-alef ligatures reversed by the producer are put back where only a ligature fits', () => {
  // as LibreOffice's PDF reads through pdf.js: «لا» never appears, «اال» and «األ» do
  assert.equal(
    repairLamAlef('ادعى االحتالل ان األهالي غادروا، وال أحد يعرف، وبقي المصير مجهوالً'),
    'ادعى الاحتالل ان الأهالي غادروا، ولا أحد يعرف، وبقي المصير مجهولاً',
  );
  // a text with a real «لا» was not reversed: left alone
  const fine = 'لا أحد يعرف مصير الأهالي';
  assert.equal(repairLamAlef(fine), fine);
  // same length: page offsets still hold
  const broken = 'االنتهاكات في األحياء';
  assert.equal(repairLamAlef(broken).length, broken.length);
});
