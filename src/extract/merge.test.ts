// One incident per event: repeated mentions merge, different figures, places and earlier events do not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractDocument } from '../pipeline/index.ts';

test('the same event told twice is one incident with two evidence spans', () => {
  const r = extractDocument({
    text: 'قتل 12 شخصا وأصيب 23 آخرون في انفجار سيارة مفخخة مساء الجمعة في بغداد. وقال المتحدث إن 12 شخصا قتلوا وأصيب 23 في انفجار سيارة مفخخة في منطقة المشتل.',
  });
  assert.equal(r.incidents.length, 1);
  assert.equal(r.incidents[0]!.evidence.length, 2);
});

test('a vague figure is refined by an exact one told next', () => {
  const r = extractDocument({
    text: 'داهمت قوات النظام مدينة دوما واعتقلت العشرات من أبناء المدينة.\nوأسفرت الحملة عن اعتقال أكثر من 50 شابا من مدينة دوما.',
  });
  assert.equal(r.incidents.length, 1);
  assert.equal(r.incidents[0]!.counts.arrested?.value, 50);
});

test('different figures of one type are different incidents', () => {
  const r = extractDocument({
    text: 'أعدم التنظيم 54 شخصا في دير الزور خلال خمسة أيام، مشيرا إلى أن عناصره أعدموا ثمانية رجال يوم الاثنين.',
  });
  assert.deepEqual(
    r.incidents.map((i) => i.counts.killed?.value),
    [54, 8],
  );
});

test('an earlier event recalled («وكانت … في وقت سابق») stays separate', () => {
  const r = extractDocument({
    text: 'أعدم التنظيم رجلين في الميادين ذبحا. وكانت الدولة الإسلامية أعدمت في وقت سابق رجلين بتهمة التجسس.',
  });
  assert.equal(r.incidents.length, 2);
});

test('ids are deterministic', () => {
  const text = 'قتل خمسة مدنيين في غارة على مدينة الرقة.';
  assert.equal(
    extractDocument({ text, id: 'x' }).incidents[0]!.id,
    extractDocument({ text, id: 'x' }).incidents[0]!.id,
  );
  assert.notEqual(
    extractDocument({ text, id: 'x' }).incidents[0]!.id,
    extractDocument({ text, id: 'y' }).incidents[0]!.id,
  );
});

test("a raid merged with the abduction it ends in keeps the abduction's own figure", () => {
  const r = extractDocument({ text: 'داهمت عصابة مسلحة خياماً للبدو قرب القرية، واختطفت طفلين من العشيرة.' });
  assert.deepEqual(
    r.incidents.map((i) => [i.type, i.counts.abducted?.value]),
    [['abduction', 2]],
  );
  // the arrested led away are the abducted, as before
  const s = extractDocument({ text: 'اعتقلت القوات عشرين شاباً من البلدة، واقتادتهم إلى جهة مجهولة.' });
  assert.deepEqual(
    s.incidents.map((i) => [i.type, i.counts.abducted?.value]),
    [['abduction', 20]],
  );
});

test('a toll that rose since it was first told replaces the first figure', () => {
  const killed = (text: string) => extractDocument({ text }).incidents.map((i) => i.counts.killed?.value);
  assert.deepEqual(killed('قتل 12 مدنيا في قصف على بلدة سرمين. وارتفعت حصيلة القتلى لاحقا إلى 20.'), [20]);
  assert.deepEqual(killed('قتل 12 مدنيا في قصف على بلدة سرمين. وارتفعت حصيلة القصف لاحقا إلى 20 قتيلا.'), [20]);
  // another source's figure is not an update: the lowest stays
  assert.deepEqual(killed('قتل 12 مدنيا في قصف على بلدة سرمين. وتحدثت وكالة عن مقتل 8 في القصف.'), [8]);
});

test('a weapon set apart by commas is the means of the event of its sentence, not an incident of its own', () => {
  const r = extractDocument({
    text: 'أعدم التنظيم خمسة رجال في ساحة البلدة، رمياً بالرصاص، بحسب ناشطين.',
  });
  assert.deepEqual(
    r.incidents.map((i) => i.type),
    ['execution'],
  );
  assert.deepEqual(
    r.incidents[0]!.methods.map((m) => m.id),
    ['shooting'],
  );
});

test('a re-mention naming a town inside the region that placed the event places it there', () => {
  const r = extractDocument({
    text: 'تتواصل المعارك الدائرة بين الفصيلين في ريف حلب الغربي لليوم الثاني. وأسفر الاقتتال بين الفصيلين اليوم في محيط مدينة الأتارب عن مقتل 4 عناصر.',
  });
  assert.equal(r.incidents.length, 1);
  assert.ok(r.incidents[0]!.locations.some((l) => l.name === 'Al Atarib'));
});

test('a definite mention right after an event with no figure gives it its toll («وأسفر الاقتتال عن مقتل 3»)', () => {
  const r = extractDocument({
    text: 'اندلعت اشتباكات عنيفة مساء أمس بين فصيلين مسلحين في مدينة منبج بريف حلب.\nوأسفر الاقتتال عن مقتل 4 عناصر وإصابة 6 آخرين.',
  });
  assert.deepEqual(
    r.incidents.map((i) => [i.type, i.counts.killed?.value, i.counts.injured?.value]),
    [['armed_clash', 4, 6]],
  );
});

test('a definite mention after an event that has its own toll stays a second event', () => {
  const r = extractDocument({
    text: 'اندلعت اشتباكات بين فصيلين مسلحين في مدينة منبج أدت إلى مقتل عنصرين.\nوأسفر الاقتتال في مدينة جرابلس عن مقتل 4 عناصر.',
  });
  assert.deepEqual(
    r.incidents.map((i) => i.counts.killed?.value),
    [2, 4],
  );
});

test('weapons stopped in a headline do not swallow a strike that killed («الدفاعات الجوية تتصدى» over a toll)', () => {
  const text = (tail: string) =>
    `الدفاعات الجوية تتصدى لعدوان جوي إسرائيلي على ريف حمص\n\nشنت طائرات إسرائيلية غارات على مواقع قرب مدينة القصير${tail}.`;
  const types = (tail: string) => extractDocument({ text: text(tail) }).incidents.map((i) => i.type);
  assert.deepEqual(types(' ما أدى إلى مقتل ثلاثة جنود'), ['air_strike']);
  // with no one killed or wounded, the strike the defences met stays disrupted weapons use
  assert.deepEqual(types(''), ['disrupted_weapons_use']);
});

test('«ارتقاء» tells deaths; «الارتقاء بمستوى» does not', () => {
  const r = extractDocument({ text: 'وقال مصدر عسكري إن الهجوم على بلدة كفرنبل أدى إلى ارتقاء جنديين اثنين.' });
  assert.equal(r.incidents[0]?.counts.killed?.value, 2);
  assert.equal(
    extractDocument({ text: 'تعمل المديرية على الارتقاء بمستوى الخدمات في مدينة حمص.' }).incidents.length,
    0,
  );
});

test('a district of the same governorate is another place unless it holds the first one', () => {
  const strike =
    'قصفت طائرة مسيرة تركية سيارة قرب ناحية كاني ماسي في قضاء العمادية بمحافظة دهوك، ما أدى إلى مقتل اثنين.';
  // Zakho is another district of Duhok: the shelling there is a second incident
  const other = extractDocument({ text: `${strike} وقصفت المدفعية التركية قرى تابعة لقضاء زاخو.` });
  assert.deepEqual(
    other.incidents.map((i) => i.type),
    ['air_strike', 'shelling'],
  );
  // the district that holds Kani Masi: the «shelling» is the strike retold
  const same = extractDocument({ text: `${strike} وقصفت الطائرة قرى تابعة لقضاء العمادية.` });
  assert.deepEqual(
    same.incidents.map((i) => i.type),
    ['air_strike'],
  );
});

test('the same kind of event on the next line with nothing of its own retells it; with another town it does not', () => {
  const first = 'استشهد مدنيان جراء سقوط قذائف صاروخية على حي الزراعة في مدينة اللاذقية.\n';
  const places = (next: string) =>
    extractDocument({ text: first + next }).incidents.map((i) => i.locations.map((l) => l.name).join('|'));
  assert.deepEqual(places('وذكر مصدر في الشرطة أن المسلحين أطلقوا عدة قذائف صاروخية سقطت إحداها قرب مدرسة.'), [
    'Latakia',
  ]);
  assert.deepEqual(places('وسقطت قذائف صاروخية على مدينة جبلة.'), ['Latakia', 'Jablah']);
});
