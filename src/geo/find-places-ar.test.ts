// Arabic place rules, each with our own example and, where it could misfire, a counter-example:
// the parent's governorate, links through a parent's own cue, clitics on a two-letter first word,
// spellings that differ from the listed one by the article, cues cut off by a comma, and quarters
// that lie inside the city named after them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../text/analyze.ts';
import { findPlaces } from './find-places.ts';
import type { PlaceMention } from './types.ts';

function at(sentence: string, text: string): PlaceMention | undefined {
  return findPlaces(analyze(sentence, 'ar')).find((m) => m.text === text);
}

function admin1(sentence: string, text: string): string | null | undefined {
  const m = at(sentence, text);
  assert.ok(m, `no mention «${text}» in «${sentence}»`);
  return m.entry ? m.entry.admin1 : null;
}

test('a town named as the parent speaks for its governorate beyond the town itself', () => {
  // Suran lies both north of Aleppo and north of Hama; Rabia both in Lattakia and in Ninewa
  assert.equal(admin1('انفجرت عبوة ناسفة في بلدة صوران شمالي حلب', 'صوران'), 'Aleppo');
  assert.equal(admin1('انفجرت عبوة ناسفة في بلدة صوران شمالي حماة', 'صوران'), 'Hama');
  assert.equal(admin1('قصفت المدفعية قرية ربيعة شمال اللاذقية', 'ربيعة'), 'Lattakia');
  // counter-example: without a parent the larger Suran (Hama's) is read, as before
  assert.equal(admin1('قصفت المدفعية قرية صوران', 'صوران'), 'Hama');
});

test('after link words the parent may carry its own cue («التابعة لناحية Y»)', () => {
  assert.equal(admin1('قتل مدني في قرية ربيعة التابعة لمنطقة اللاذقية', 'ربيعة'), 'Lattakia');
  assert.equal(admin1('داهمت دورية قرية صوران التابعة لناحية أعزاز', 'صوران'), 'Aleppo');
  // counter-example: a second place with its own cue and no link word is a list, not a parent
  // (Tall Rifaat, in Aleppo, does not pull Suran there)
  const m = at('قصفت الطائرات قرية صوران وبلدة تل رفعت', 'صوران');
  assert.equal(m?.entry?.admin1, 'Hama');
  assert.ok(!m?.rule.includes('place.parent'));
});

test('clitics on a two-letter first word («وتل», «بجب», «لتل») are peeled for longer names', () => {
  assert.equal(admin1('نزح الأهالي من قراهم، وتل رفعت تتعرض لقصف', 'وتل رفعت'), 'Aleppo');
  assert.equal(admin1('سقطت قذائف بجب رملة', 'بجب رملة'), 'Hama');
  const li = at('وصلت النازحين تعزيزات لتل أبيض', 'لتل أبيض');
  assert.equal(li?.entry?.admin1, 'Ar-Raqqa');
  // counter-example: the word alone is no place, and «لام» before a word that starts no name is the verb
  assert.deepEqual(
    findPlaces(analyze('وقف الجنود بتل من الرمال', 'ar')).map((m) => m.text),
    [],
  );
  assert.deepEqual(
    findPlaces(analyze('لام الوزير الحكومة على التأخير', 'ar')).map((m) => m.text),
    [],
  );
});

test('a cue before a comma belongs to the phrase before it', () => {
  const m = at('نزحت العائلات من المنطقة، وتل رفعت تتعرض لقصف', 'وتل رفعت');
  assert.ok(m);
  assert.ok(!m.rule.includes('cue.district'), m.rule);
  assert.equal(m.role, 'location');
  // counter-example: the same cue right before the name still counts
  assert.ok(at('نزحت العائلات من منطقة عفرين', 'عفرين')?.rule.includes('cue.district'));
});

test('the article of a cue word is not the preposition «ل»', () => {
  // «هاجر … المدينة الرقة»: «ال» ends in ل but leads nowhere
  assert.equal(at('هاجر السكان وبقيت المدينة الرقة تحت القصف', 'الرقة')?.role, 'location');
  // counter-example: «للرقة» (ل + ال) after a movement word is a destination
  assert.equal(at('هاجر السكان للرقة هربا من القصف', 'للرقة')?.role, 'destination');
});

test('a spelling without the listed article, or with one it lacks, names a place after a settlement noun', () => {
  // the gazetteer lists «السوسة» and «عريقة»
  assert.equal(admin1('داهمت القوات بلدة سوسة قرب الحدود', 'سوسة'), 'Deir-ez-Zor');
  assert.equal(admin1('قصف الطيران قرية العريقة بريف السويداء', 'العريقة'), 'As-Sweida');
  // counter-examples: the same words without a settlement noun, or after another cue, are not places
  assert.equal(at('شاهد سوسة على الجدار', 'سوسة'), undefined);
  assert.equal(at('ينتمي القتيل إلى عائلة العريقة', 'العريقة'), undefined);
  assert.equal(at('في منطقة سوسة', 'سوسة'), undefined);
});

test('a quarter lies inside the city named after it, not on a namesake town', () => {
  // Sarmin and Binnish are towns of Idlib, not quarters of Aleppo: the quarter is one we do not hold
  const m = at('قصفت الطائرات حي سرمين في حلب', 'سرمين');
  assert.ok(m);
  assert.equal(m.entry, null);
  assert.equal(m.issues?.[0]?.code, 'place.outside-parent');
  assert.equal(at('داهمت دورية حي بنش بحلب', 'بنش')?.entry, null);
  // counter-examples: a known quarter of the city, and the town itself after a settlement noun
  assert.equal(at('استهدفت غارة حي الفردوس في حلب', 'الفردوس')?.entry?.kind, 'quarter');
  assert.equal(admin1('قصفت الطائرات بلدة سرمين في ريف إدلب', 'سرمين'), 'Idleb');
});

test('places joined by «و» are a list, not a place and its parent', () => {
  const ms = findPlaces(analyze('تنشط الخلايا في مدن كالميادين والبوكمال والعشارة', 'ar'));
  assert.deepEqual(
    ms.map((m) => [m.text, m.rule.includes('place.parent') || m.rule.includes('place.is_parent')]),
    [
      ['كالميادين', false],
      ['والبوكمال', false],
      ['والعشارة', false],
    ],
  );
  // counter-example: «ب» glued to the next name still makes it the parent
  const q = at('سقطت قذيفة على حارة الجميلي بالرقة', 'حارة الجميلي');
  assert.ok(q?.rule.includes('place.parent'));
  assert.equal(q?.parentStart, at('سقطت قذيفة على حارة الجميلي بالرقة', 'بالرقة')?.tokenStart);
});

test('ordinary words that share a place name: a pool, a colour', () => {
  // «بركة» is a listed common word: a pool or a blessing unless a settlement noun names it
  assert.equal(at('غرق طفل في بركة ماء قرب منزله', 'بركة'), undefined);
  assert.equal(at('قصفت الطائرات قرية بركة', 'بركة')?.entry?.country, 'IQ');
  // «اللون الرمادي» is grey; Ramadi after «في» is still the city
  assert.equal(at('كان المسلحون يستقلون سيارة من اللون الرمادي', 'الرمادي'), undefined);
  assert.equal(admin1('انفجرت سيارة باللون الرمادي في الرمادي', 'الرمادي'), 'Anbar');
});
