// Frames: which words make an event, which cues silence them, and how words of one clause combine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractDocument } from '../pipeline/index.ts';

const types = (text: string) => extractDocument({ text }).incidents.map((i) => i.type);

test('a trigger verb makes an incident with an evidence span over its clause', () => {
  const text = 'أعدم تنظيم داعش ثلاثة رجال في مدينة الميادين بتهمة التجسس.';
  const r = extractDocument({ text });
  assert.equal(r.incidents.length, 1);
  const [inc] = r.incidents;
  assert.equal(inc!.type, 'execution');
  const [a, b] = inc!.evidence[0]!.span;
  assert.ok(text.slice(a, b).includes('أعدم'));
});

test('a casualty word joins the event of its sentence instead of making its own', () => {
  assert.deepEqual(types('قتل خمسة مدنيين في غارة جوية على بلدة سراقب.'), ['air_strike']);
  assert.deepEqual(types('قتل 12 شخصا وأصيب 23 آخرون في انفجار سيارة مفخخة في بغداد.'), ['explosive_device']);
});

test('a strike word is an air strike with an aircraft in its clause and shelling without', () => {
  assert.deepEqual(types('قتل طفلان في قصف للطيران الحربي على بلدة كفرنبل.'), ['air_strike']);
  assert.deepEqual(types('قتل طفلان في قصف مدفعي على بلدة كفرنبل.'), ['shelling']);
});

test('a suicide attacker makes a car bomb a suicide bombing', () => {
  assert.deepEqual(types('فجر انتحاري سيارة مفخخة عند حاجز للجيش قرب سامراء.'), ['suicide_bomb']);
});

test('denials, threats, plans, negation, sport and metaphor yield nothing', () => {
  for (const text of [
    'نفى المتحدث باسم الفصيل أن تكون قواته قد اعتقلت أي مدني في البلدة.',
    'هدد التنظيم بإعدام الأسرى إن لم تدفع عائلاتهم الفدية.',
    'تستعد قوات النظام لشن هجوم على ريف إدلب الجنوبي.',
    'لم تسجل أي اعتقالات في المدينة خلال الأسبوع.',
    'شن المنتخب هجوما قويا في الشوط الثاني من المباراة.',
    'شنت القناة قصفا إعلاميا على الحكومة.',
    'أحيا الأهالي الذكرى السنوية لمجزرة الحولة.',
  ]) {
    assert.deepEqual(types(text), [], text);
  }
});

test('a trigger inside a list of charges is what the victims were accused of', () => {
  const r = extractDocument({ text: 'أعدم التنظيم رجلين بتهمة تفجير سيارة مفخخة قرب حاجز للتنظيم.' });
  assert.deepEqual(
    r.incidents.map((i) => i.type),
    ['execution'],
  );
});

test('a protest and the shooting at it are one incident of excessive force', () => {
  assert.deepEqual(types('أطلقت قوات الأمن النار على المتظاهرين في الناصرية ما أدى إلى مقتل ثلاثة منهم.'), [
    'excessive_force_against_protesters',
  ]);
  assert.deepEqual(types('فرقت الشرطة مظاهرة في مدينة الكوت بالغاز المسيل للدموع.'), ['protest_with_intervention']);
});

test('fighters who flee desert; civilians who flee are displaced', () => {
  assert.deepEqual(types('فر العشرات من عناصر التنظيم من مدينة البوكمال باتجاه الحدود.'), ['group_change']);
  assert.deepEqual(types('فر آلاف المدنيين من مدينة عفرين هربا من القصف.').includes('displacement'), true);
});

test('a monthly countrywide tally is not an incident', () => {
  assert.deepEqual(types('وثقت الشبكة مقتل 171 مدنيا خلال شهر تشرين الأول في سوريا.'), []);
});

test('English text goes through the same frames with the English lexicons', () => {
  const r = extractDocument({
    text: 'At least 14 civilians were killed on Monday when Russian warplanes struck a market in Atarib, west of Aleppo.',
  });
  assert.equal(r.document.lang, 'en');
  assert.deepEqual(
    r.incidents.map((i) => i.type),
    ['air_strike'],
  );
  assert.equal(r.incidents[0]!.counts.killed?.value, 14);
  assert.ok(r.incidents[0]!.actors.some((a) => a.role === 'perpetrator' && a.id === 'russia'));
});

test('--trace reports what each stage added', () => {
  const r = extractDocument({ text: 'نفى الجيش قصف البلدة. أعدم التنظيم رجلين في الميادين.' }, { trace: true });
  const stages = r.trace!.map((t) => t.stage);
  for (const s of ['mentions', 'quantities', 'times', 'places', 'cues', 'frames', 'merge', 'filter'])
    assert.ok(stages.includes(s), s);
  const cues = r.trace!.find((t) => t.stage === 'cues')!.added as string[];
  assert.ok(cues.some((c) => c.startsWith('denial')));
  assert.equal(extractDocument({ text: 'أعدم التنظيم رجلين.' }).trace, undefined);
});

test('an empty or wordless document yields no incidents and no error', () => {
  for (const text of ['', '   \n\n', '12345 — !!!', '\u0000\u0001']) {
    const r = extractDocument({ text });
    assert.deepEqual(r.incidents, []);
  }
});

test('the abducted («المخطوفين») are the people taken: they join the abduction of their sentence', () => {
  const text = 'خطف مسلحون المئات من النساء في قرى قضاء سنجار، فيما يقول ناشطون إن عددهم بضعة آلاف من المخطوفين.';
  assert.deepEqual(
    extractDocument({ text }).incidents.map((i) => i.type),
    ['abduction'],
  );
  assert.deepEqual(
    extractDocument({ text: 'أفرج الخاطفون عن المختطفين الثلاثة في بلدة الصنمين أمس.' }).incidents.map((i) => i.type),
    ['abduction'],
  );
});

test('a campaign name or a tally of many places taken tells no one taking of a place', () => {
  assert.deepEqual(types('لم تشهد عمليات تحرير الموصل منذ انطلاقها أي انتهاك لحقوق الإنسان.'), []);
  assert.deepEqual(types('أعلن الجيش أن القوات العراقية استعادت العديد من المدن التي سيطر عليها التنظيم.'), []);
  assert.deepEqual(types('استعادت القوات العراقية السيطرة على مدينة هيت.'), ['government_regains_territory']);
});

test('a gun as the instrument names a strike of its own; the article of a weapon refers to no event told before', () => {
  // tanks or field guns after a verb that names no strike («استهدف») make shelling; tanks that only move do not
  assert.deepEqual(types('استهدفت قوات النظام أطراف قرية الحراك بالدبابات من التلال المحيطة.'), ['shelling']);
  assert.deepEqual(types('تقدمت الدبابات نحو أطراف قرية الحراك.'), []);
  // a second strike opened by «كما», told by its gun with the article, is one more event, not the first again
  const text = 'قتل مدني جراء قصف مدفعي على بلدة الحراك.\n\nكما استهدفت قوات النظام أطراف بلدة نوى بالمدفعية الثقيلة.';
  assert.deepEqual(types(text), ['shelling', 'shelling']);
  // a definite event word still tells the strike already told
  assert.deepEqual(types('قتل مدني جراء قصف مدفعي على بلدة الحراك.\n\nكما أدى القصف إلى دمار منازل.'), ['shelling']);
});

test('a fighter killed by a sniper is fighting; a civilian killed by one is an attack', () => {
  assert.deepEqual(types('قتل مقاتل من الفصائل برصاص قناص في مدينة نوى.'), ['armed_clash']);
  assert.deepEqual(types('قتل مدني برصاص قناص في مدينة نوى.'), ['attack']);
  // «مقاتلات» are warplanes, not fighters
  assert.deepEqual(types('قصفت المقاتلات الروسية مدينة نوى.'), ['air_strike']);
});

test('suicide bombers killed by the forces that besieged them are fighting; a bomber who strikes is a suicide bombing', () => {
  assert.deepEqual(types('تمكنت قوة أمنية من قتل ثلاثة انتحاريين بعد محاصرتهم في أحد منازل مدينة هيت.'), [
    'armed_clash',
  ]);
  // the bomber is the killer: no figure between the killing word and him
  assert.deepEqual(types('قتل انتحاري عشرة مدنيين بتفجير نفسه في سوق مدينة هيت.'), ['suicide_bomb']);
  // the bombers died with their victims
  assert.deepEqual(types('أسفر الهجوم عن مقتل ثلاثة انتحاريين وخمسة مدنيين في سوق مدينة هيت.'), ['suicide_bomb']);
});

test('what captives were taken for («لبيعهن سبايا») is the purpose of the abduction, not a second event', () => {
  assert.deepEqual(types('اقتاد المسلحون عشرات النساء من القرية إلى مكان مجهول لبيعهن سبايا.'), ['abduction']);
  assert.deepEqual(types('باع عناصر التنظيم النساء سبايا في سوق المدينة.'), ['sexual_violence']);
});

test('a sentence opening with «وفي» and a date tells the next dated event; «وفي» without a date retells', () => {
  const n = (text: string) => extractDocument({ text }).incidents.length;
  assert.equal(
    n('أصيب رجلان برصاص مجهولين في قرية الحصان. وفي الـ20 من الشهر الجاري، أصيب رجلان برصاص مجهولين في قرية الحصان.'),
    2,
  );
  assert.equal(
    n('أصيب رجلان برصاص مجهولين في قرية الحصان. وفي التفاصيل، أصيب الرجلان برصاص مجهولين في قرية الحصان.'),
    1,
  );
});

test('a monthly-total cue does not silence a sentence that names a town; a total over a country stays none', () => {
  const town = extractDocument({
    text: 'قالت المنظمة إن اثنين من المحتجزين توفيا تحت التعذيب في شهر آذار الماضي في مركز احتجاز بناحية القيارة.',
  }).incidents;
  assert.deepEqual(
    town.map((i) => [i.type, i.counts.killed?.value]),
    [['attack', 2]],
  );
  assert.equal(
    extractDocument({ text: 'وثق التقرير مقتل 171 مدنياً في سوريا في شهر تشرين الأول.' }).incidents.length,
    0,
  );
});
