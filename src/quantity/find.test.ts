import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze } from '../text/analyze.ts';
import { findQuantities } from './find.ts';
import type { Quantity, QuantityUnit } from './types.ts';

// [sentence, the quantity's exact text, value, min, max, approximate, extra]
type Extra = { noun?: string; unit?: QuantityUnit };
type Row = [string, string, number, number, number, boolean, Extra?];

const arabic: Row[] = [
  ['أعدم التنظيم ما لا يقل عن 19 رجلاً في بادية دير الزور', 'ما لا يقل عن 19', 19, 19, 29, true, { noun: 'رجل' }],
  ['بلغ عدد ضحايا الإعدامات قرابة الـ 100 ضحية', 'قرابة الـ 100', 100, 90, 110, true, { noun: 'ضحيه' }],
  ['قتل ٤٣ مدنياً في الغارة على الجميلي', '٤٣', 43, 43, 43, false, { noun: 'مدني' }],
  ['نزح ١٬٥٠٠ شخص من القرية', '١٬٥٠٠', 1500, 1500, 1500, false, { noun: 'شخص' }],
  ['قتل ثلاثة وأربعون مدنياً في القصف', 'ثلاثة وأربعون', 43, 43, 43, false, { noun: 'مدني' }],
  ['أصيب خمسة عشر طفلاً بجروح', 'خمسة عشر', 15, 15, 15, false, { noun: 'طفل' }],
  ['اعتقلت القوات ثلاثة عشر شاباً من البلدة', 'ثلاثة عشر', 13, 13, 13, false, { noun: 'شاب' }],
  ['جرح مئة وعشرون شخصاً في الانفجار', 'مئة وعشرون', 120, 120, 120, false],
  ['هجّرت الميليشيا مئتي عائلة من الحي', 'مئتي', 200, 200, 200, false, { noun: 'عايله' }],
  ['جنّد التنظيم ثلاثمائة طفل في معسكراته', 'ثلاثمائة', 300, 300, 300, false, { noun: 'طفل' }],
  ['غادر أكثر من مئة وخمسين ألفاً منطقة عفرين', 'أكثر من مئة وخمسين ألفاً', 150000, 150000, 225000, true],
  ['نزح مليونا شخص خلال سنوات الحرب', 'مليونا', 2000000, 2000000, 2000000, false],
  ['نزح ألفين وخمسمائة شخص خلال يومين', 'ألفين وخمسمائة', 2500, 2500, 2500, false],
  ['نزح ألف شخص من المخيم', 'ألف', 1000, 1000, 1000, false, { noun: 'شخص' }],
  ['أعدم التنظيم رجلين في مدينة الميادين', 'رجلين', 2, 2, 2, false, { noun: 'رجل' }],
  ['قتل طفلان بقذيفة هاون', 'طفلان', 2, 2, 2, false, { noun: 'طفل' }],
  ['كان أعدم قبل أيام رجلين اثنين وعلق رأسيهما', 'رجلين اثنين', 2, 2, 2, false, { noun: 'رجل' }],
  ['قتل شخص واحد وأصيب آخرون', 'واحد', 1, 1, 1, false, { noun: 'شخص' }],
  ['اعتقلت الدورية اثني عشر شاباً', 'اثني عشر', 12, 12, 12, false, { noun: 'شاب' }],
  ['أعدم التنظيم أحد عشر رجلاً', 'أحد عشر', 11, 11, 11, false, { noun: 'رجل' }],
  ['قتل اثنان من عناصر الشرطة', 'اثنان', 2, 2, 2, false],
  ['فرّ العشرات من عناصر التنظيم', 'العشرات', 12, 20, 99, true, { noun: 'عناصر' }],
  ['شارك عشرات المسلحين في الهجوم', 'عشرات', 12, 20, 99, true, { noun: 'مسلحين' }],
  ['نزحت مئات العائلات من البلدة', 'مئات', 100, 200, 999, true, { noun: 'عايلات' }],
  ['نزح الآلاف من سكان المدينة', 'الآلاف', 1000, 2000, 9999, true],
  ['نزح عشرات الآلاف من المدنيين', 'عشرات الآلاف', 12000, 20000, 99999, true, { noun: 'مدنيين' }],
  ['هُجّر مئات الآلاف من السوريين', 'مئات الآلاف', 100000, 200000, 999999, true],
  ['أصيب عدد من المدنيين بجروح', 'عدد من', 10, 3, 10, true, { noun: 'مدنيين' }],
  ['اعتقلت القوات بضعة شبان', 'بضعة', 10, 3, 10, true, { noun: 'شبان' }],
  ['قتل عدة مدنيين في القصف', 'عدة', 10, 3, 10, true],
  ['نزحت نحو 50 عائلة', 'نحو 50', 50, 45, 55, true],
  ['اعتقل حوالي 200 شخص', 'حوالي 200', 200, 180, 220, true],
  ['قتل زهاء ثلاثين مقاتلاً', 'زهاء ثلاثين', 30, 27, 33, true],
  ['قتل أكثر من 40 مدنياً', 'أكثر من 40', 40, 40, 60, true],
  ['أصيب ما يزيد على مئة شخص', 'ما يزيد على مئة', 100, 100, 150, true],
  ['قتل 12 شخصاً على الأقل في الغارة', '12 شخصاً على الأقل', 12, 12, 18, true, { noun: 'شخص' }],
  ['قتل ما بين 10 و15 شخصاً', 'ما بين 10 و15', 10, 10, 15, true],
  ['قتل بين عشرين وثلاثين عنصراً', 'بين عشرين وثلاثين', 20, 20, 30, true],
  ['اعتقل من 20 إلى 30 شاباً', 'من 20 إلى 30', 20, 20, 30, true],
  ['أصيب 5-7 أشخاص', '5-7', 5, 5, 7, true],
  ['أصيب ثلاثة أو أربعة أشخاص', 'ثلاثة أو أربعة', 3, 3, 4, true],
  ['نزح 150 ألف شخص', '150 ألف', 150000, 150000, 150000, false],
  ['نزح مليون شخص داخل البلاد', 'مليون', 1000000, 1000000, 1000000, false],
  ['نزح 1.5 مليون شخص', '1.5 مليون', 1500000, 1500000, 1500000, false],
  ['نزح عشرة آلاف شخص', 'عشرة آلاف', 10000, 10000, 10000, false],
  ['نزح بضعة آلاف من السكان', 'بضعة آلاف', 10000, 3000, 10999, true],
  ['قتل نحو ألفي شخص', 'نحو ألفي', 2000, 1800, 2200, true],
  ['خرجت المظاهرة في 15/3/2011', '15/3/2011', 15, 15, 15, false, { unit: 'date' }],
  ['أكثر من ٣٠٠ ألف نازح', 'أكثر من ٣٠٠ ألف', 300000, 300000, 450000, true],
  ['نزح مئة ألف مدني', 'مئة ألف', 100000, 100000, 100000, false],
  ['وصل ثلاثة آلاف وخمسمئة نازح', 'ثلاثة آلاف وخمسمئة', 3500, 3500, 3500, false],
  ['سجل ألف ومئتي حالة', 'ألف ومئتي', 1200, 1200, 1200, false],
  ['قتل تسعة وتسعون شخصاً', 'تسعة وتسعون', 99, 99, 99, false],
  ['اعتقل خمسمئة وخمسين شاباً', 'خمسمئة وخمسين', 550, 550, 550, false],
  ['نزح ثلاثمائة وخمسة وعشرون شخصاً', 'ثلاثمائة وخمسة وعشرون', 325, 325, 325, false],
  ['قتل سبعة عشر عنصراً', 'سبعة عشر', 17, 17, 17, false, { noun: 'عنصر' }],
  ['اختطفت اثنتي عشرة امرأة', 'اثنتي عشرة', 12, 12, 12, false],
  ['قتلت ثماني نساء في الغارة', 'ثماني', 8, 8, 8, false, { noun: 'نساء' }],
  ['نزحت ست عائلات', 'ست', 6, 6, 6, false],
  ['وأكد المرصد إعدام الرجال الـ19 بتهمة الإفساد', 'الـ19', 19, 19, 19, false],
  ['ولم تعرف هوية الرجال الثلاثة', 'الثلاثة', 3, 3, 3, false, { noun: 'رجال' }],
  ['وجرى إعدام الرجال ال 19 بتهمة الإفساد', 'ال 19', 19, 19, 19, false, { noun: 'رجال' }],
  ['أعدم التنظيم 54 شخصاً خلال الأيام الخمسة الأخيرة', 'الخمسة', 5, 5, 5, false, { unit: 'duration' }],
  ['قتل 7 عناصر من قوات النظام', '7', 7, 7, 7, false, { noun: 'عناصر' }],
  ['أعدم 19رجلاً في الساحة', '19', 19, 19, 19, false, { noun: 'رجل' }],
  ['قتلت امرأتان بقصف مدفعي', 'امرأتان', 2, 2, 2, false, { noun: 'امراه' }],
  ['اعتقلت القوات عدداً كبيراً من الشبان', 'عدداً كبيراً من', 10, 10, 99, true],
  ['قتل ما يقارب 60 شخصاً', 'ما يقارب 60', 60, 54, 66, true],
  ['نزح نحو 3 آلاف شخص', 'نحو 3 آلاف', 3000, 2700, 3300, true],
  ['سقط عشرات القتلى والجرحى', 'عشرات', 12, 20, 99, true],
  ['نزح 300 شخص تقريباً', '300 شخص تقريباً', 300, 270, 330, true],
  ['أسفر القصف عن سقوط 6 قتلى و41 جريحاً', '41', 41, 41, 41, false, { noun: 'جريح' }],
  // not head counts
  ['قتل طفل عمره 15 عاماً برصاص قناص', '15 عاماً', 15, 15, 15, false, { unit: 'age' }],
  ['قتل الشاب (22 عاماً) برصاص قناص', '22 عاماً', 22, 22, 22, false, { unit: 'age' }],
  ['قصفت الطائرات مقر الفرقة 17 في الرقة', '17', 17, 17, 17, false, { unit: 'label' }],
  ['اعتقلتهم في 3 تموز الماضي', '3 تموز', 3, 3, 3, false, { unit: 'date' }],
  ['سيطر التنظيم على المدينة منذ عام 2014', '2014', 2014, 2014, 2014, false, { unit: 'year' }],
  ['ارتكبت المجزرة في عام ١٩٨٢', '١٩٨٢', 1982, 1982, 1982, false, { unit: 'year' }],
  ['ارتفعت الأسعار عشرة بالمئة', 'عشرة بالمئة', 10, 10, 10, false, { unit: 'percent' }],
  ['يعيش 30% من السكان تحت خط الفقر', '30%', 30, 30, 30, false, { unit: 'percent' }],
  ['شنت الطائرات غارات يوم الاثنين', 'الاثنين', 2, 2, 2, false, { unit: 'date' }],
  ['أحيا السكان الذكرى العشرين للمجزرة', 'العشرين', 20, 20, 20, false, { unit: 'ordinal' }],
  ['في الخامس عشر من آذار خرجت المظاهرة', 'الخامس عشر', 10, 10, 10, false, { unit: 'ordinal' }],
  ['كان أعدم قبل ثلاثة أيام رجلين', 'ثلاثة أيام', 3, 3, 3, false, { unit: 'duration' }],
  ['فرض التنظيم غرامة قدرها 100 دولار', '100 دولار', 100, 100, 100, false, { unit: 'measure' }],
  ['على بعد 5 كم من البلدة', '5 كم', 5, 5, 5, false, { unit: 'measure' }],
  ['وقع الانفجار عند الساعة 9 صباحاً', '9', 9, 9, 9, false, { unit: 'time' }],
  ['في الساعة 9:30 مساء', '9:30', 9, 9, 9, false, { unit: 'time' }],
  ['استهدفت الغارة طريق M4 الدولي', '4', 4, 4, 4, false, { unit: 'label' }],
];

const english: Row[] = [
  ['IS executed nineteen men near al-Omar field', 'nineteen', 19, 19, 19, false, { noun: 'men' }],
  ['twenty-one civilians were killed', 'twenty-one', 21, 21, 21, false, { noun: 'civilians' }],
  ['a dozen fighters surrendered', 'a dozen', 12, 10, 14, true, { noun: 'fighters' }],
  ['at least 12 civilians were killed', 'at least 12', 12, 12, 18, true, { noun: 'civilians' }],
  ['more than 40 people were arrested', 'more than 40', 40, 40, 60, true],
  ['dozens of civilians were wounded', 'dozens', 12, 20, 99, true, { noun: 'civilians' }],
  ['hundreds of families fled', 'hundreds', 100, 200, 999, true, { noun: 'families' }],
  ['several civilians were injured', 'several', 10, 3, 10, true],
  ['two men were executed in Mayadin', 'two', 2, 2, 2, false, { noun: 'men' }],
  ['about 100 people were executed', 'about 100', 100, 90, 110, true],
  ['nearly 50 families were displaced', 'nearly 50', 50, 45, 55, true],
  ['around 300 detainees were released', 'around 300', 300, 270, 330, true],
  ['between 10 and 15 people were killed', 'between 10 and 15', 10, 10, 15, true],
  ['10-15 people were killed', '10-15', 10, 10, 15, true],
  ['1,200 people were displaced', '1,200', 1200, 1200, 1200, false],
  ['three hundred families were displaced', 'three hundred', 300, 300, 300, false],
  ['five thousand people fled', 'five thousand', 5000, 5000, 5000, false],
  ['1.5 million people were displaced', '1.5 million', 1500000, 1500000, 1500000, false],
  ['tens of thousands fled the city', 'tens of thousands', 10000, 20000, 99999, true],
  ['thousands of residents fled', 'thousands', 1000, 2000, 9999, true],
  ['a number of civilians were wounded', 'a number of', 10, 3, 10, true],
  ['one hundred and twenty people were detained', 'one hundred and twenty', 120, 120, 120, false],
  ['three or four people were injured', 'three or four', 3, 3, 4, true],
  ['30 or more people were detained', '30 or more', 30, 30, 45, true],
  ['some 40 families fled', 'some 40', 40, 36, 44, true],
  ['scores of fighters deserted', 'scores of', 12, 20, 99, true],
  ['a hundred people gathered', 'a hundred', 100, 100, 100, false],
  ['half a dozen fighters surrendered', 'half a dozen', 6, 5, 7, true],
  ['nearly two dozen people were wounded', 'nearly two dozen', 24, 21, 27, true],
  ['more than a dozen civilians were killed', 'more than a dozen', 12, 12, 18, true],
  ['fifteen hundred people fled', 'fifteen hundred', 1500, 1500, 1500, false],
  ['the town was emptied in the 1990s', '1990s', 1990, 1990, 1990, false, { unit: 'year' }],
  ['On 3 May 2020, IS fighters attacked a checkpoint', '3 May', 3, 3, 3, false, { unit: 'date' }],
  ['On 3 May 2020, IS fighters attacked a checkpoint', '2020', 2020, 2020, 2020, false, { unit: 'year' }],
  ['a 15-year-old boy was shot', '15-year-old', 15, 15, 15, false, { unit: 'age' }],
  ['a boy aged 15 was shot', '15', 15, 15, 15, false, { unit: 'age' }],
  ['prices rose by 10 percent', '10 percent', 10, 10, 10, false, { unit: 'percent' }],
  ['turnout was 30% lower', '30%', 30, 30, 30, false, { unit: 'percent' }],
  ['a strike hit the headquarters of Division 17', '17', 17, 17, 17, false, { unit: 'label' }],
  ['two men were executed three days ago', 'three days', 3, 3, 3, false, { unit: 'duration' }],
  ['on the twenty-first day of the siege', 'twenty-first', 20, 20, 20, false, { unit: 'ordinal' }],
  ['the 21st brigade withdrew', '21st', 21, 21, 21, false, { unit: 'ordinal' }],
  ['the blast happened at 9 pm', '9 pm', 9, 9, 9, false, { unit: 'time' }],
  ['IS imposed a fine of 100 dollars', '100 dollars', 100, 100, 100, false, { unit: 'measure' }],
  ['the group has held the town since 2014', '2014', 2014, 2014, 2014, false, { unit: 'year' }],
];

// sentences with no head count at all
const noCount: string[] = [
  'قتل مدنيين في القصف على البلدة',
  'قتل الكثير من المدنيين',
  'في اليوم الثالث من الحصار',
  'وفي الساعة الثالثة فجراً',
  'قتل أحد المدنيين برصاص قناص',
  'هذه هي المرة العاشرة',
  'many civilians were killed',
  'one of the fighters was killed',
  'the group has controlled the city since last year',
  'the second strike hit the market',
];

function check(rows: Row[], lang: string): void {
  for (const [sentence, text, value, min, max, approximate, extra] of rows) {
    test(`${lang}: ${sentence} → ${text}`, () => {
      const qs = findQuantities(analyze(sentence));
      const q = qs.find((x) => x.text === text);
      assert.ok(q, `no quantity «${text}» among ${JSON.stringify(qs.map((x) => x.text))}`);
      assert.deepEqual(
        { value: q.value, min: q.min, max: q.max, approximate: q.approximate, unit: q.unit },
        { value, min, max, approximate, unit: extra?.unit },
      );
      if (extra?.noun) assert.equal(q.noun?.key, extra.noun);
    });
  }
}

check(arabic, 'ar');
check(english, 'en');

for (const sentence of noCount) {
  test(`no head count: ${sentence}`, () => {
    const counts = findQuantities(analyze(sentence)).filter((q) => !q.unit);
    assert.deepEqual(
      counts.map((q) => q.text),
      [],
    );
  });
}

test('the tables are big enough', () => {
  assert.ok(arabic.length >= 60 && english.length >= 25);
});

test('spans: raw.slice(rawStart, rawEnd) is the text and tokens are in order', () => {
  const all = [...arabic, ...english].map((r) => r[0]).join('\n');
  const a = analyze(all);
  let last = -1;
  for (const q of findQuantities(a) as Quantity[]) {
    assert.equal(a.raw.slice(q.rawStart, q.rawEnd), q.text);
    assert.ok(q.tokenStart < q.tokenEnd && q.tokenStart >= last);
    assert.ok(q.min <= q.max);
    last = q.tokenEnd;
  }
});

test('a definite number is marked as referring back', () => {
  const qs = findQuantities(analyze('أعدموا ثمانية رجال بينما أعدم الرجال السبعة الآخرين رمياً بالرصاص'));
  assert.deepEqual(
    qs.map((q) => [q.text, q.definite ?? false, q.noun?.key]),
    [
      ['ثمانية', false, 'رجال'],
      ['السبعة', true, 'رجال'],
    ],
  );
});

test('«واحد» after a definite name or with «و» counts no noun before it', () => {
  const qs = findQuantities(analyze('قتل ثلاثة منهم (2 في العراق وواحد في دير الزور)'));
  assert.deepEqual(
    qs.map((q) => [q.text, q.noun?.key ?? null]),
    [
      ['ثلاثة', null],
      ['2', null],
      ['وواحد', null],
    ],
  );
});

test('a date with «من» between day and month is not a count', () => {
  const qs = findQuantities(analyze('وارتكبت قوات النظام في 25 من تشرين الثاني مجزرة'));
  assert.deepEqual(
    qs.map((q) => [q.text, q.unit]),
    [['25 من تشرين', 'date']],
  );
});

test('presentation forms that NFKC leaves alone do not crash', () => {
  for (const ch of ['\uFD3E', '\uFDC8']) assert.doesNotThrow(() => findQuantities(analyze(`قتل 3 ${ch} أشخاص`)));
});

test('arbitrary text: never throws, every span is the words it names', () => {
  const pieces = [
    'ثلاثة',
    'و',
    'عشر',
    'الـ',
    '19',
    '١٢',
    ',',
    '.',
    '-',
    '%',
    ':',
    '/',
    'بين',
    'من',
    'إلى',
    'أكثر',
    'ألفاً',
    'عشرات',
    'الآلاف',
    'رجلين',
    'اثنين',
    'at',
    'least',
    'twenty',
    'a',
    'dozen',
    'M',
    '\n',
    ' ',
  ];
  fc.assert(
    fc.property(
      fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ unit: 'binary' })), {
        maxLength: 30,
      }),
      (parts) => {
        const a = analyze(parts.join(' '));
        let last = 0;
        for (const q of findQuantities(a)) {
          assert.equal(a.raw.slice(q.rawStart, q.rawEnd), q.text);
          assert.ok(q.tokenStart >= last && q.tokenStart < q.tokenEnd && q.tokenEnd <= a.tokens.length);
          assert.ok(Number.isFinite(q.value) && q.min <= q.max);
          last = q.tokenEnd;
        }
      },
    ),
    { numRuns: 500 },
  );
});
