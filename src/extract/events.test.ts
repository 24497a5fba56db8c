// The document-level event layer: headlines, lead totals, other sources' figures, bare re-mentions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractDocument } from '../pipeline/index.ts';

test('a headline joins the event it announces', () => {
  const r = extractDocument({
    text: 'مقتل خمسة مدنيين بغارة على سراقب\n\nقتل خمسة مدنيين بينهم طفلان في غارة جوية استهدفت سوق مدينة سراقب صباح اليوم.',
  });
  assert.equal(r.incidents.length, 1);
  assert.equal(r.incidents[0]!.evidence.length, 2);
});

test('a headline over several events lends none of them its total', () => {
  const r = extractDocument({
    text: 'مقتل تسعة مدنيين بغارات على ريف إدلب\n\nقتل أربعة مدنيين في غارة جوية على بلدة سرمين.\nوفي بلدة كفرنبل قتل خمسة مدنيين بغارة جوية أخرى.',
  });
  assert.deepEqual(
    r.incidents.map((i) => i.counts.killed?.value),
    [4, 5],
  );
});

test('a headline over several events gives its figure to the one it announces when none states one', () => {
  const r = extractDocument({
    text: 'مقتل أربعة رعاة في عدوان تركي على دهوك\n\nاستهدف قصف تركي، مواقع في محافظة دهوك، وفق مصادر محلية.\n\nبعد أيام من البحث، عرف مصير أربعة رعاة من قرية في دهوك، حيث تبين أنهم «فارقوا الحياة إثر تعرضهم للقصف المدفعي التركي».\n\nوقبل أيام تعرضت سيارة تابعة لحزب العمال الكردستاني إلى قصف جوي تركي في قرية قرب زاخو في محافظة دهوك، ما أدى إلى أضرار مادية.',
  });
  assert.deepEqual(
    r.incidents.map((i) => [i.type, i.counts.killed?.value]),
    [
      ['shelling', 4],
      ['air_strike', undefined],
    ],
  );
});

test('a lead total followed by its breakdown gives the breakdown only', () => {
  const r = extractDocument({
    text: 'قتل سبعة مدنيين وأصيب 20 آخرون بقصف مدفعي لقوات النظام على مدينة إدلب وريفها.\nوقال مراسلنا إن القصف استهدف مدينة إدلب ما أسفر عن مقتل خمسة مدنيين وإصابة 15.\nكما استهدف القصف بلدة سرمين ما أدى لمقتل شخصين وإصابة خمسة آخرين.',
  });
  assert.deepEqual(
    r.incidents.map((i) => i.counts.killed?.value),
    [5, 2],
  );
});

test('an approximate lead total is met within a tenth of it; an exact one only exactly', () => {
  const story = (lead: string) =>
    `${lead} في غارات للطيران الحربي على مناطق بريفي إدلب الجنوبي والشرقي. وقال ناشطون إن ثلاثة مدنيين قتلوا في غارة على بلدة كفرنبل بريف إدلب الجنوبي. وأضافوا أن ستة أشخاص قتلوا في غارة على بلدة سراقب بريف إدلب الشرقي. كما قتل ثمانية مدنيين في غارة على مدينة معرة النعمان.`;
  const killed = (text: string) => extractDocument({ text }).incidents.map((i) => i.counts.killed?.value);
  assert.deepEqual(killed(story('قتل 18 شخصا على الأقل')), [3, 6, 8]);
  assert.deepEqual(killed(story('قتل 18 شخصا')), [18, 3, 6, 8]);
  assert.deepEqual(killed(story('قتل 30 شخصا على الأقل')), [30, 3, 6, 8]);
});

test('figures that do not add up to the lead leave it an event of its own', () => {
  const r = extractDocument({
    text: 'قتل عشرون مدنيا بقصف مدفعي على مدينة إدلب وريفها.\nوقتل شخصان بقصف على بلدة سرمين.\nكما قتل ثلاثة بقصف مدفعي على بلدة بنش.',
  });
  assert.equal(r.incidents.length, 3);
});

test('another source giving other figures for the same blast is one incident with the lowest figure', () => {
  const r = extractDocument({
    text: 'قتل 15 شخصا وأصيب 40 آخرون في انفجار سيارة مفخخة في حي الزهراء بمدينة حمص. من جانبها تحدثت الوكالة الرسمية عن مقتل سبعة أشخاص وإصابة 30 آخرين في التفجير.',
  });
  assert.equal(r.incidents.length, 1);
  assert.equal(r.incidents[0]!.counts.killed?.value, 7);
  assert.equal(r.incidents[0]!.counts.injured?.value, 30);
});

test('a mention with nothing of its own is the event of its type told before', () => {
  const r = extractDocument({
    text: 'اعتقلت الشرطة العسكرية الصحفي في بلدة الباب صباح الثلاثاء. وكان الصحفي قد تلقى تهديدات قبل اعتقاله.',
  });
  assert.equal(r.incidents.length, 1);
});

test('addresses and file names in a report give no figure and no event word', () => {
  const r = extractDocument({
    text: 'المصادر: ar-021-afrin-mass-displacement.ar.txt و https://example.org/2018/03/21/displacement-of-21/\nنزح 300 شخص من قرية كفرنبل أمس.',
  });
  assert.equal(r.document.lang, 'ar');
  assert.deepEqual(
    r.incidents.map((i) => [i.type, i.counts.displaced?.value]),
    [['displacement', 300]],
  );
});

test('a combined toll of dead and wounded keeps the event but counts neither', () => {
  const r = extractDocument({ text: 'أسفر التفجير عن سقوط 20 بين قتيل وجريح في سوق مدينة الباب.' });
  assert.equal(r.incidents.length, 1);
  assert.deepEqual(r.incidents[0]!.counts, {});
  assert.ok(r.incidents[0]!.issues?.some((i) => i.code === 'count.combined'));
});

test('a death toll over years and places is a running total, not an incident; a massacre in a town is one', () => {
  assert.equal(
    extractDocument({ text: 'وبلغ عدد الذين توفوا تحت التعذيب في سجون النظام نحو 13 ألف شخص.' }).incidents.length,
    0,
  );
  assert.equal(
    extractDocument({ text: 'قتل أكثر من 1400 شخص في هجوم بغاز السارين على بلدة زملكا.' }).incidents.length,
    1,
  );
});

test('a sentence opened by «كما» or «وفي سياق متصل» tells one more event, not the last one again', () => {
  const r = extractDocument({
    text: 'قتل ثلاثة مدنيين بغارات جوية روسية على بلدة سرمين صباح اليوم.\nكما شنت الطائرات الروسية غارات مماثلة على محيط بلدة بنش.\nوفي سياق متصل، شنت الطائرات الروسية غارات على قرية كفرنبل.',
  });
  assert.equal(r.incidents.length, 3);
});

test('an event word followed by «مماثلة» or «آخر» is another event of its kind', () => {
  const r = extractDocument({
    text: 'استهدفت غارة جوية روسية سوق بلدة سرمين ظهر اليوم.\nوشنت الطائرات الروسية غارات جوية مماثلة بعد ساعات.',
  });
  assert.equal(r.incidents.length, 2);
});

test('«كما» before a definite event word or a casualty word adds to the event already told', () => {
  const r = extractDocument({
    text: 'قتل ثلاثة مدنيين بغارة جوية على بلدة سرمين صباح اليوم.\nكما أدت الغارة إلى دمار واسع في السوق.',
  });
  assert.equal(r.incidents.length, 1);
  const s = extractDocument({
    text: 'قتل ثلاثة مدنيين بغارة جوية على بلدة سرمين صباح اليوم.\nكما أصيب خمسة آخرون بجروح.',
  });
  assert.equal(s.incidents.length, 1);
});

test('leading people away is a detention, one with the arrest it follows, an abduction when it ends nowhere known', () => {
  const types = (text: string) => extractDocument({ text }).incidents.map((i) => i.type);
  assert.deepEqual(types('اقتادت قوات النظام عشرة رجال من بلدة الصنمين صباح اليوم.'), ['arrests']);
  assert.deepEqual(types('اعتقلت قوات النظام شابين في بلدة الصنمين واقتادتهما إلى فرع الأمن العسكري.'), ['arrests']);
  assert.deepEqual(types('اقتاد عناصر التنظيم النساء إلى جهة مجهولة.'), ['abduction']);
});

test('a landmark the place is measured from is not where the event happened', () => {
  const r = extractDocument({ text: 'هاجم أربعة انتحاريين ناحية البغدادي (90 كم غرب الرمادي) فجر اليوم.' });
  const names = r.incidents.flatMap((i) => i.locations.map((l) => l.name_ar ?? l.name));
  assert.ok(!names.some((n) => n?.includes('الرمادي')), `landmark kept: ${names.join(', ')}`);
});

test('rockets fired by aircraft are missiles, rockets fired from the ground stay rockets', () => {
  const methods = (text: string) => extractDocument({ text }).incidents.flatMap((i) => i.methods.map((m) => m.id));
  assert.ok(methods('استهدف الطيران الحربي الروسي بالصواريخ مخيما للنازحين قرب جسر الشغور.').includes('missile'));
  const ground = methods('قصفت قوات النظام مدينة إدلب بالصواريخ ما أدى لمقتل خمسة مدنيين.');
  assert.ok(ground.includes('rocket') && !ground.includes('missile'));
});
