import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../text/analyze.ts';
import { findTimes } from './find-times.ts';

// [sentence, publication date, the words of the mention, start, end, precision]
type Case = [string, string | null, string, string, string, 1 | 2 | 3];

// 2015-09-01 was a Tuesday; an Arabic week starts on Saturday.
const AR = '2015-09-01';
// 2020-05-06 was a Wednesday; an English week starts on Monday.
const EN = '2020-05-06';

const arabic: Case[] = [
  ['أعدم التنظيم 19 رجلاً في 3 تموز (يوليو) 2014', AR, 'في 3 تموز (يوليو) 2014', '2014-07-03', '2014-07-03', 1],
  ['اعتقلهم التنظيم في 13 تموز الماضي', AR, 'في 13 تموز الماضي', '2015-07-13', '2015-07-13', 1],
  ['قصف الطيران السوق يوم 5/6/2016', AR, 'يوم 5/6/2016', '2016-06-05', '2016-06-05', 1],
  ['وثقت الشبكة الحادثة بتاريخ 2016-05-06', AR, 'بتاريخ 2016-05-06', '2016-05-06', '2016-05-06', 1],
  ['سيطر التنظيم على الحقل في أواخر أيار 2015', AR, 'في أواخر أيار 2015', '2015-05-21', '2015-05-31', 2],
  ['تصاعدت الاعتقالات منتصف الشهر الجاري', '2015-09-25', 'منتصف الشهر الجاري', '2015-09-11', '2015-09-20', 2],
  ['قتل 300 مدني منذ مطلع العام', AR, 'منذ مطلع العام', '2015-01-01', '2015-09-01', 3],
  ['نزح آلاف الأهالي عام 2014', AR, 'عام 2014', '2014-01-01', '2014-12-31', 3],
  ['في 15 رمضان 1436 هـ قصف الطيران السوق', AR, 'في 15 رمضان 1436 هـ', '2015-07-02', '2015-07-02', 1],
  ['قصف الطيران السوق خلال شهر رمضان', AR, 'خلال شهر رمضان', '2015-06-18', '2015-07-16', 3],
  ['قتل أمس الأحد ثلاثة مدنيين', '2015-08-31', 'أمس الأحد', '2015-08-30', '2015-08-30', 1],
  ['قتل اليوم ثلاثة مدنيين', AR, 'اليوم', '2015-09-01', '2015-09-01', 1],
  ['قصف الطيران البلدة أمس', AR, 'أمس', '2015-08-31', '2015-08-31', 1],
  ['أعدم التنظيم شاباً يوم الجمعة الماضي', AR, 'يوم الجمعة الماضي', '2015-08-28', '2015-08-28', 1],
  ['قصف الطيران البلدة الليلة الماضية', AR, 'الليلة الماضية', '2015-08-31', '2015-08-31', 1],
  ['قصفت الطائرات الحي فجر اليوم', AR, 'فجر اليوم', '2015-09-01', '2015-09-01', 1],
  ['داهمت الدورية المنزل صباح اليوم', AR, 'صباح اليوم', '2015-09-01', '2015-09-01', 1],
  ['اعتقل الشاب منذ أسبوع', AR, 'منذ أسبوع', '2015-08-25', '2015-09-01', 2],
  ['لا يزال الحي محاصراً منذ 3 أيام', AR, 'منذ 3 أيام', '2015-08-29', '2015-09-01', 2],
  ['قتل الشاب قبل 3 أيام', AR, 'قبل 3 أيام', '2015-08-29', '2015-08-29', 1],
  ['قصف الطيران المدينة الأسبوع الماضي', AR, 'الأسبوع الماضي', '2015-08-22', '2015-08-28', 2],
  ['اعتقل الشاب الشهر الماضي', AR, 'الشهر الماضي', '2015-08-01', '2015-08-31', 3],
  ['أعدم التنظيم في الشهور الأربعة الأخيرة نحو 100 شخص', AR, 'في الشهور الأربعة الأخيرة', '2015-05-01', '2015-09-01', 3],
  ['ازدادت الاعتقالات في الفترة الأخيرة', AR, 'في الفترة الأخيرة', '2015-08-01', '2015-09-01', 3],
  ['نزح المئات خلال الأيام الماضية', AR, 'خلال الأيام الماضية', '2015-08-25', '2015-09-01', 2],
  ['تتواصل الاشتباكات منذ مساء السبت', AR, 'منذ مساء السبت', '2015-08-29', '2015-09-01', 2],
  ['قتل 500 مدني خلال العام الجاري', AR, 'خلال العام الجاري', '2015-01-01', '2015-09-01', 3],
  ['أعلن المرصد اليوم (الاثنين) مقتل 31 شخصاً', '2015-08-31', 'اليوم (الاثنين)', '2015-08-31', '2015-08-31', 1],
  ['انفجرت سيارة مفخخة مساء الجمعة في بغداد', AR, 'مساء الجمعة', '2015-08-28', '2015-08-28', 1],
  ['وقع الهجوم في الثالث من تموز / يوليو عام 2014 على الحقل', AR, 'في الثالث من تموز / يوليو عام 2014', '2014-07-03', '2014-07-03', 1],
  ['قتل 40 مدنياً خلال تشرين الثاني', '2015-12-05', 'خلال تشرين الثاني', '2015-11-01', '2015-11-30', 3],
  ['وثق التقرير مقتل طفل في 25 من تشرين الثاني', '2015-12-05', 'في 25 من تشرين الثاني', '2015-11-25', '2015-11-25', 1],
  ['قتل 171 مدنياً خلال شهر تشرين الأول الماضي', '2015-11-03', 'خلال شهر تشرين الأول الماضي', '2015-10-01', '2015-10-31', 3],
  ['استولى المقاتلون على عربة في 23 من الشهر الجاري', '2015-09-25', 'في 23 من الشهر الجاري', '2015-09-23', '2015-09-23', 1],
  ['قتل ثلاثة مدنيين في 4 كانون الثاني 2016', AR, 'في 4 كانون الثاني 2016', '2016-01-04', '2016-01-04', 1],
  ['في شباط 2018 نزح الأهالي', AR, 'في شباط 2018', '2018-02-01', '2018-02-28', 3],
  ['اعتقلته دورية يوم 2 مارس', AR, 'يوم 2 مارس', '2015-03-02', '2015-03-02', 1],
  ['قصفت الطائرات القرية في 21 آب 2013', AR, 'في 21 آب 2013', '2013-08-21', '2013-08-21', 1],
  ['اعتقلت القوات الشاب أول أمس', AR, 'أول أمس', '2015-08-30', '2015-08-30', 1],
  ['انفجرت العبوة قبل يومين', AR, 'قبل يومين', '2015-08-30', '2015-08-30', 1],
  ['اختفى الشاب منذ ستة أشهر', AR, 'منذ ستة أشهر', '2015-03-01', '2015-09-01', 3],
  ['قصف الطيران القرية في الحادي والعشرين من آب 2013', AR, 'في الحادي والعشرين من آب 2013', '2013-08-21', '2013-08-21', 1],
  ['خرجت المظاهرات في الخامس عشر من آذار 2011', AR, 'في الخامس عشر من آذار 2011', '2011-03-15', '2011-03-15', 1],
  ['تتواصل الحملة منذ صيف 2012', AR, 'منذ صيف 2012', '2012-06-01', '2015-09-01', 3],
  ['نزح الأهالي في خريف العام الماضي', AR, 'في خريف العام الماضي', '2014-09-01', '2014-11-30', 3],
  ['قتل ثلاثة أشخاص خلال الـ24 ساعة الماضية', AR, 'خلال الـ24 ساعة الماضية', '2015-08-31', '2015-09-01', 2],
  ['قتل 50 مدنياً خلال آخر 4 أشهر', AR, 'خلال آخر 4 أشهر', '2015-05-01', '2015-09-01', 3],
  ['قصف الطيران السوق يوم الأحد الموافق 3 أيار 2015', AR, 'يوم الأحد الموافق 3 أيار 2015', '2015-05-03', '2015-05-03', 1],
  ['نزح الأهالي في أوائل حزيران 2015', AR, 'في أوائل حزيران 2015', '2015-06-01', '2015-06-10', 2],
  ['تراجعت الهجمات في نهاية العام الماضي', AR, 'في نهاية العام الماضي', '2014-09-01', '2014-12-31', 3],
  ['قصف الطيران البلدة البارحة', AR, 'البارحة', '2015-08-31', '2015-08-31', 1],
  ['وصل اليوم الثلاثاء نحو 30 نازحاً', AR, 'اليوم الثلاثاء', '2015-09-01', '2015-09-01', 1],
  ['قتل هذا الأسبوع خمسة مدنيين', AR, 'هذا الأسبوع', '2015-08-29', '2015-09-01', 2],
  ['اعتقلته الدورية منذ بضعة أيام', AR, 'منذ بضعة أيام', '2015-08-25', '2015-09-01', 2],
  ['عاد الأهالي في 1 شوال 1436', AR, 'في 1 شوال 1436', '2015-07-17', '2015-07-17', 1],
  ['انفجرت العبوة عصر أمس', AR, 'عصر أمس', '2015-08-31', '2015-08-31', 1],
  ['انفجرت سيارة في 9 مايس 2016', AR, 'في 9 مايس 2016', '2016-05-09', '2016-05-09', 1],
  ['اعتقل الشاب في أيار المقبل', '2015-03-10', 'في أيار المقبل', '2015-05-01', '2015-05-31', 3],
  ['قتل في العام الماضي أكثر من ألف مدني', AR, 'في العام الماضي', '2014-01-01', '2014-12-31', 3],
  ['في 10 ذي الحجة 1436 هـ', AR, 'في 10 ذي الحجة 1436 هـ', '2015-09-23', '2015-09-23', 1],
  ['سقطت القذائف ظهر الثلاثاء', '2015-09-03', 'ظهر الثلاثاء', '2015-09-01', '2015-09-01', 1],
  ['داهمت الدورية مدينة دوما قبل أيام', AR, 'قبل أيام', '2015-08-25', '2015-08-31', 2],
  // a month still running at publication is clipped to it and keeps month precision
  ['قتل 60 مدنياً خلال شهر أيلول', AR, 'خلال شهر أيلول', '2015-09-01', '2015-09-01', 3],
  ['اعتقل الشاب منذ 15 يوماً', AR, 'منذ 15 يوماً', '2015-08-17', '2015-09-01', 3],
  ['قصف الطيران المدينة بين 3 و5 تموز 2015', AR, 'بين 3 و5 تموز 2015', '2015-07-03', '2015-07-05', 2],
  ['استمر الحصار من 3 إلى 20 أيار 2016', AR, 'من 3 إلى 20 أيار 2016', '2016-05-03', '2016-05-20', 3],
  ['قتل الآلاف بين عامي 2011 و2014', AR, 'بين عامي 2011 و2014', '2011-01-01', '2014-12-31', 3],
  ['نزح الأهالي من 28 كانون الأول إلى 3 كانون الثاني 2015', AR, 'من 28 كانون الأول إلى 3 كانون الثاني 2015', '2014-12-28', '2015-01-03', 2],
  ['قصف الطيران السوق في أول أيام عيد الفطر', AR, 'في أول أيام عيد الفطر', '2015-07-17', '2015-07-17', 1],
  ['أعدم التنظيم ثلاثة رجال صباح عيد الأضحى', AR, 'صباح عيد الأضحى', '2014-10-04', '2014-10-07', 2],
  ['تعرضت البلدة لقصف عنيف ليل السبت - الأحد', AR, 'ليل السبت - الأحد', '2015-08-29', '2015-08-30', 2],
  ['نزح المئات خلال اليومين الماضيين', AR, 'خلال اليومين الماضيين', '2015-08-30', '2015-09-01', 2],
  ['اعتقلته دورية في شهر 5 الماضي', AR, 'في شهر 5 الماضي', '2015-05-01', '2015-05-31', 3],
  ['اقتحمت القوات الحي يوم 13 الجاري', '2015-09-20', 'يوم 13 الجاري', '2015-09-13', '2015-09-13', 1],
  ['داهمت الدورية الحي في الساعات الأولى من صباح اليوم', AR, 'في الساعات الأولى من صباح اليوم', '2015-09-01', '2015-09-01', 1],
  ['انفجرت العبوة في ساعة متأخرة من ليل الأحد', AR, 'في ساعة متأخرة من ليل الأحد', '2015-08-30', '2015-08-30', 1],
  ['قتل 300 مدني في النصف الأول من العام الجاري', AR, 'في النصف الأول من العام الجاري', '2015-01-01', '2015-06-30', 3],
  ['قتل 90 مدنياً خلال الربع الأخير من العام الماضي', AR, 'خلال الربع الأخير من العام الماضي', '2014-10-01', '2014-12-31', 3],
  ['اعتقلته دورية في شهر تموز من العام الماضي', AR, 'في شهر تموز من العام الماضي', '2014-07-01', '2014-07-31', 3],
  ['قصفت الطائرات السوق في 5 تموز من هذا العام', AR, 'في 5 تموز من هذا العام', '2015-07-05', '2015-07-05', 1],
  ['قصف الطيران المدينة الأسبوع قبل الماضي', AR, 'الأسبوع قبل الماضي', '2015-08-15', '2015-08-21', 2],
  ['أعدم التنظيم شاباً يوم الجمعة قبل الماضية', AR, 'يوم الجمعة قبل الماضية', '2015-08-21', '2015-08-21', 1],
  ['اختفى الشاب منذ أكثر من شهر', AR, 'منذ أكثر من شهر', '2015-08-01', '2015-09-01', 3],
];

const english: Case[] = [
  ['Gunmen attacked the checkpoint on 3 May 2020.', EN, 'on 3 May 2020', '2020-05-03', '2020-05-03', 1],
  ['The raid took place on February 3, 2017.', EN, 'on February 3, 2017', '2017-02-03', '2017-02-03', 1],
  ['Three people were killed on 3 May.', EN, 'on 3 May', '2020-05-03', '2020-05-03', 1],
  ['Aircraft struck the city last week.', EN, 'last week', '2020-04-27', '2020-05-03', 2],
  ['A car bomb exploded on Sunday.', EN, 'on Sunday', '2020-05-03', '2020-05-03', 1],
  ['Aircraft bombed the market yesterday.', EN, 'yesterday', '2020-05-05', '2020-05-05', 1],
  ['Families fled in early June.', '2020-06-20', 'in early June', '2020-06-01', '2020-06-10', 2],
  ['He was killed three days ago.', EN, 'three days ago', '2020-05-03', '2020-05-03', 1],
  ['About 100 people were executed in the past four months.', EN, 'in the past four months', '2020-01-06', '2020-05-06', 3],
  ['Aircraft struck the town last night.', EN, 'last night', '2020-05-05', '2020-05-05', 1],
  ['A car bomb killed 12 people on Friday evening in Baghdad.', EN, 'on Friday evening', '2020-05-01', '2020-05-01', 1],
  ['The siege tightened in mid-December 2013.', EN, 'in mid-December 2013', '2013-12-11', '2013-12-20', 2],
  ['Ten people were arrested earlier this month.', EN, 'earlier this month', '2020-05-01', '2020-05-06', 2],
  ['He was detained about a week ago.', EN, 'about a week ago', '2020-04-26', '2020-05-02', 2],
  ['Fighting resumed in September 2016.', EN, 'in September 2016', '2016-09-01', '2016-09-30', 3],
  ['The conflict escalated in 2015.', EN, 'in 2015', '2015-01-01', '2015-12-31', 3],
  ['Clashes have continued since Saturday.', EN, 'since Saturday', '2020-05-02', '2020-05-06', 2],
  ['Militants executed a man last Thursday.', EN, 'last Thursday', '2020-04-30', '2020-04-30', 1],
  ['Fighting broke out on the 3rd of May 2020.', EN, 'on the 3rd of May 2020', '2020-05-03', '2020-05-03', 1],
  ['Nineteen men were executed on July 3, 2014.', EN, 'on July 3, 2014', '2014-07-03', '2014-07-03', 1],
  ['Three people died in the past 24 hours.', EN, 'in the past 24 hours', '2020-05-05', '2020-05-06', 2],
  ['The market was hit during the month of Ramadan.', EN, 'during the month of Ramadan', '2020-04-24', '2020-05-06', 3],
  ['Thousands fled last winter.', EN, 'last winter', '2019-12-01', '2020-02-29', 3],
  ['The town fell in late May 2015.', EN, 'in late May 2015', '2015-05-21', '2015-05-31', 2],
  ['The shelling started at dawn on Sunday.', EN, 'at dawn on Sunday', '2020-05-03', '2020-05-03', 1],
  ['Two people were killed today.', EN, 'today', '2020-05-06', '2020-05-06', 1],
  ['The patrol raided the house this morning.', EN, 'this morning', '2020-05-06', '2020-05-06', 1],
  ['The school was bombed on 12/25/2016.', EN, 'on 12/25/2016', '2016-12-25', '2016-12-25', 1],
  ['Hundreds fled in the past few days.', EN, 'in the past few days', '2020-04-29', '2020-05-06', 2],
  ['The city fell on 15 Ramadan 1436 AH.', EN, 'on 15 Ramadan 1436 AH', '2015-07-02', '2015-07-02', 1],
  ['Aircraft struck the town between 3 and 5 May 2020.', EN, 'between 3 and 5 May 2020', '2020-05-03', '2020-05-05', 2],
  ['The siege lasted from May 1 to May 20, 2016.', EN, 'from May 1 to May 20, 2016', '2016-05-01', '2016-05-20', 3],
  ['Around 7 May 2020, two bodies were found near the river.', '2020-05-09', 'Around 7 May 2020', '2020-05-04', '2020-05-09', 2],
  ['Five people were killed over the weekend.', EN, 'over the weekend', '2020-05-02', '2020-05-03', 2],
  ['A drone struck the car in the early hours of Sunday.', EN, 'in the early hours of Sunday', '2020-05-03', '2020-05-03', 1],
  ['Gunmen stormed the village on the night of 3 May 2020.', EN, 'on the night of 3 May 2020', '2020-05-03', '2020-05-03', 1],
  ['Attacks rose sharply in mid-2015.', EN, 'in mid-2015', '2015-05-01', '2015-08-31', 3],
  ['Attacks fell in the second half of last year.', EN, 'in the second half of last year', '2019-07-01', '2019-12-31', 3],
];

for (const [sentence, published, text, start, end, precision] of [...arabic, ...english]) {
  test(`${sentence} @${published}`, () => {
    const a = analyze(sentence);
    const found = findTimes(a, published);
    assert.equal(found.length, 1, JSON.stringify(found));
    const m = found[0];
    assert.deepEqual([m.text, m.start, m.end, m.precision, m.anchored], [text, start, end, precision, true], m.rule);
    assert.equal(a.raw.slice(m.rawStart, m.rawEnd), m.text);
  });
}

test('at least sixty phrases are tabled', () => assert.ok(arabic.length + english.length >= 60));

// Ages, unit names, counts and words that only look like dates
const notTimes = [
  'قال والده إن عمره 15 عاماً',
  'اشتبك المقاتلون في محيط الفرقة 17',
  'قتل 2015 شخصاً في المعارك',
  'مارس التنظيم ضغوطاً على الأهالي',
  'قتل أب وأطفاله الثلاثة',
  'أصيب أحد العناصر بجروح',
  'في ذلك اليوم قتل ثلاثة مدنيين',
  'وفي اليوم التالي عاد الأهالي',
  'فجر انتحاري نفسه قرب الحاجز',
  'اعتقل الشاب رمضان الأحمد',
  'ارتفع العدد من صفر إلى عشرة',
  'بعد الربيع العربي تغير كل شيء',
  'قال المدير العام إن الوضع صعب',
  'استمر الحصار ثلاثة أيام',
  'قتل 3 و5 جرحى في القصف',
  'سقط خلال الشهر 5 قتلى',
  'قتل 2014 و2015 شخصاً في عامين',
  'The strikes may continue for days.',
  'Protesters march towards the square.',
  'The boy was 15 years old.',
  'Water from the spring was cut off.',
];

for (const s of notTimes) {
  test(`no time in: ${s}`, () => assert.deepEqual(findTimes(analyze(s), AR), []));
}

test('relative phrases without a publication date are unanchored', () => {
  for (const [s, precision] of [
    ['قتل أمس ثلاثة مدنيين', 1],
    ['في 13 تموز الماضي', 1],
    ['منذ أسبوع', 2],
    ['في الشهور الأربعة الأخيرة', 3],
    ['last week', 2],
  ] as const) {
    const [m] = findTimes(analyze(s), null);
    assert.deepEqual([m.start, m.end, m.anchored, m.precision], [null, null, false, precision], s);
  }
});

test('absolute dates resolve without a publication date, whole and unclipped', () => {
  const [a] = findTimes(analyze('نزح الأهالي عام 2015'), null);
  assert.deepEqual([a.start, a.end, a.anchored], ['2015-01-01', '2015-12-31', true]);
  const [b] = findTimes(analyze('في 15 رمضان 1436 هـ'), null);
  assert.deepEqual([b.start, b.end, b.anchored], ['2015-07-02', '2015-07-02', true]);
});

test('a bare day and month takes the year that puts it on or before publication', () => {
  const [a] = findTimes(analyze('في 13 تموز'), '2015-07-12');
  assert.equal(a.start, '2014-07-13');
  const [b] = findTimes(analyze('في 13 تموز'), '2015-07-13');
  assert.equal(b.start, '2015-07-13');
});

test('a weekday said on that weekday is today; «الماضي» makes it a week ago', () => {
  assert.equal(findTimes(analyze('قتل يوم الثلاثاء'), AR)[0].start, '2015-09-01');
  assert.equal(findTimes(analyze('قتل يوم الثلاثاء الماضي'), AR)[0].start, '2015-08-25');
});

test('mentions keep raw spans across diacritics and Eastern digits', () => {
  const raw = 'قُتِلَ ثلاثةٌ في ٣ تمّوز ٢٠١٤ قرب الحقل';
  const a = analyze(raw);
  const [m] = findTimes(a, null);
  assert.equal(m.text, 'في ٣ تمّوز ٢٠١٤');
  assert.equal(m.start, '2014-07-03');
});

test('several mentions in one text, in order', () => {
  const found = findTimes(analyze('قتل أمس شاب، وكان قد اعتقل في 3 تموز 2014 ثم أفرج عنه منذ أسبوع'), AR);
  assert.deepEqual(
    found.map((m) => m.text),
    ['أمس', 'في 3 تموز 2014', 'منذ أسبوع'],
  );
});

test('a weekday named with «اليوم» or «أمس» that disagrees with publication is a doubt', () => {
  // published on Tuesday 1 September 2015: «أمس الأحد» is one day off, «اليوم الخميس» two
  const [a] = findTimes(analyze('قتل أمس الأحد ثلاثة مدنيين'), AR);
  assert.deepEqual([a.start, a.issue], ['2015-08-30', 'time.weekday-mismatch']);
  const [b] = findTimes(analyze('قتل اليوم الخميس ثلاثة مدنيين'), AR);
  assert.deepEqual([b.start, b.issue], ['2015-09-01', 'time.weekday-mismatch']);
  const [c] = findTimes(analyze('قتل اليوم الثلاثاء ثلاثة مدنيين'), AR);
  assert.equal(c.issue, undefined);
});

test('a date after publication is a doubt, unless the words say future', () => {
  const [a] = findTimes(analyze('استولى المقاتلون على عربة في 23 من الشهر الجاري'), AR);
  assert.equal(a.issue, 'time.after-publication');
  const [b] = findTimes(analyze('تبدأ المحاكمة غداً'), AR);
  assert.deepEqual([b.start, b.issue], ['2015-09-02', undefined]);
});

test('a day that does not exist falls back to its month', () => {
  const found = findTimes(analyze('وقع الانفجار في 30 شباط 2015'), AR);
  assert.deepEqual(
    found.map((m) => [m.text, m.start, m.end, m.precision]),
    [['شباط 2015', '2015-02-01', '2015-02-28', 3]],
  );
});

test('numeric Hijri dates and doubtful English numeric dates', () => {
  const [h] = findTimes(analyze('صدر القرار بتاريخ 15/9/1436 هـ'), AR);
  assert.deepEqual([h.text, h.start, h.rule], ['بتاريخ 15/9/1436 هـ', '2015-07-02', 'hijri.numeric']);
  const [e] = findTimes(analyze('The school was bombed on 5/6/2016.'), EN);
  assert.deepEqual([e.start, e.issue], ['2016-06-05', 'time.ambiguous-day']);
  const [f] = findTimes(analyze('The school was bombed on 25/6/2016.'), EN);
  assert.deepEqual([f.start, f.issue], ['2016-06-25', undefined]);
});
