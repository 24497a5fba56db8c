// Realis: habits, backgrounds and failed non-violent attempts are not incidents; anchored ones are.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractDocument } from '../pipeline/index.ts';
import { imperfectiveVerb, pastProgressive } from '../text/aspect.ts';

const types = (text: string) => extractDocument({ text }).incidents.map((i) => i.type);

test('a present-tense verb over an event word in the body tells a habit', () => {
  const text = 'قتل ثلاثة مدنيين في غارة جوية على بلدة كفرنبل صباح اليوم.\nويستهدف المسلحون الأحياء الشرقية بالقذائف.';
  assert.deepEqual(types(text), ['air_strike']);
});

test('the same verb in a headline tells the news', () => {
  assert.deepEqual(
    types('الطيران الحربي يقصف بلدة كفرنبل\n\nقتل ثلاثة مدنيين في غارة جوية على بلدة كفرنبل صباح اليوم.'),
    ['air_strike'],
  );
});

test('a habit with its doer and its village is a reported practice', () => {
  assert.deepEqual(types('يجبر التنظيم الأهالي على حضور دورات شرعية في مدينة الميادين.'), ['coercion']);
});

test('a habit with a figure of its own is an event', () => {
  assert.equal(types('ويستهدف المسلحون الأحياء الشرقية بالقذائف ما أدى إلى مقتل خمسة مدنيين.').length, 1);
});

test('an attempted dispersal did not happen; an attempted assassination is an attack', () => {
  assert.deepEqual(types('حاولت القوات الأمنية فض الاعتصام في الساحة لكنها فشلت.'), []);
  assert.deepEqual(types('نجا قائد الفصيل من محاولة اغتيال بإطلاق نار على سيارته في بلدة الجيزة.'), ['attack']);
});

test('a verb of saying or of going on is not a habit', () => {
  assert.deepEqual(types('يقول ناشطون إن الطائرات قصفت بلدة معرة النعمان بالبراميل.'), ['air_strike']);
  assert.equal(types('لا يزال شاب من مدينة الرستن مغيبا قسريا منذ أن اقتاده عناصر الأمن من منزله.').length, 1);
});

test('the circumstances an event is set in are background', () => {
  assert.deepEqual(types('اعتقلت قوات الأمن ناشطا في مدينة داريا على خلفية المظاهرات التي شهدتها المدينة.'), [
    'arrests',
  ]);
});

test('imperfective verbs by their shape', () => {
  for (const w of ['يستهدف', 'ويقصفون', 'يجبر']) assert.equal(imperfectiveVerb(w), true, w);
  for (const w of ['يوم', 'يناير', 'اليوم', 'تفجير', 'قصف', 'يد']) assert.equal(imperfectiveVerb(w), false, w);
});

test('events counted as cases («حالة اعتقال», «حالات اختفاء قسري») are a tally, not an event', () => {
  assert.deepEqual(types('ولفت التقرير إلى أن 161 حالة اعتقال تحولت إلى حالات اختفاء قسري.'), []);
});

test('cases with a village and a day of their own are an event', () => {
  assert.deepEqual(types('سجلت أمس الثلاثاء 12 حالة اعتقال في بلدة الصنمين.'), ['arrests']);
});

test('«كانت تقمع»: after a form of «كان» a word opening with ت is a verb, a habit of the past', () => {
  assert.equal(pastProgressive('كانت', 'تقمع'), true);
  assert.equal(pastProgressive('وكانوا', 'يستهدفون'), true);
  assert.equal(pastProgressive('قالت', 'تقمع'), false);
  assert.equal(imperfectiveVerb('تقمع'), false);
  assert.deepEqual(types('وزع الناشط الورد على قوات الأمن التي كانت تقمع المتظاهرين في مدينة داريا.'), []);
  assert.deepEqual(types('قمعت قوات الأمن المتظاهرين في مدينة داريا أمس.').length, 1);
});

test('«وجاء ذلك أثناء …» sets the news in its circumstances: they are not news of their own', () => {
  const told = 'قتل مصور صحفي برصاص مسلحين في ساحة التحرير ببغداد مساء الجمعة.\n';
  assert.deepEqual(
    types(told + 'وجاء ذلك أثناء قيام مسلحين مجهولين بإطلاق النار بشكل عشوائي على المتظاهرين المعتصمين في كراج السنك.'),
    ['attack'],
  );
  assert.equal(types(told + 'وأطلق مسلحون النار على المتظاهرين المعتصمين في كراج السنك وقتلوا ثلاثة منهم.').length, 2);
});

test('a name after the noun of one person is no present-tense verb («الشاب ياسر», «المواطن يوسف»)', () => {
  assert.deepEqual(types('استهدف عناصر قسد الشاب ياسر بقذيفة هاون في ريف دير الزور.'), ['shelling']);
  // a present-tense verb after a plural noun still tells a habit
  assert.deepEqual(types('وما زال عناصر قسد يستهدفون الشبان بقذائف الهاون في ريف دير الزور.'), []);
});

test('an event noun with a possessive pronoun after a preposition of time refers to an event, it tells none', () => {
  // «قبل اعتقاله»: his arrest, already told or taken as known
  assert.deepEqual(types('اعتقلت الدورية الناشط في البلدة، وكان قد حاول التهرب لأيام قبل اعتقاله.'), ['arrests']);
  assert.deepEqual(types('حاول الناشط التهرب لأيام قبل اعتقاله.'), []);
  // an event noun with its own object is an event, and a killing that counts its victim stays one
  assert.deepEqual(types('قبل اعتقال خمسة شبان في البلدة، داهمت الدورية المنازل.'), ['arrests']);
  assert.deepEqual(types('عثر الأهالي على جثة الشاب بعد مقتله برصاص مجهولين في البلدة.'), ['attack']);
});

test('an event dated decades before the report is history; a recalled one of the last years is not', () => {
  const published = '2016-05-01';
  const told = (text: string) => extractDocument({ text, published }).incidents.map((i) => i.type);
  assert.deepEqual(told('وكانت القوات قد قصفت مدينة حماة بالمدفعية في شباط عام 1982.'), []);
  assert.deepEqual(told('وكان التنظيم قد سيطر على حي الصناعة في مدينة دير الزور في تموز 2014.'), [
    'non_state_overtakes_territory',
  ]);
  // no publication date: the latest year the report names, and nothing before 1950 is news
  assert.deepEqual(types('نزح آلاف السكان من قراهم عام 1948 إلى الدول المجاورة.'), []);
  assert.deepEqual(types('نزح آلاف السكان من قرى ريف حلب في آذار 2016.'), ['displacement']);
});
