// Arguments: roles, figures, methods, charges and places taken from the words around a trigger.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractDocument } from '../pipeline/index.ts';
import type { Incident } from '../schema.ts';

const one = (text: string): Incident => {
  const r = extractDocument({ text });
  assert.equal(r.incidents.length, 1, `one incident in «${text}»: ${r.incidents.map((i) => i.type).join(', ')}`);
  return r.incidents[0]!;
};
const roles = (inc: Incident) => inc.actors.map((a) => `${a.role}:${a.id}`).sort();
const counts = (inc: Incident) => Object.fromEntries(Object.entries(inc.counts).map(([k, c]) => [k, c!.value]));

test('«من قبل» and a genitive after the trigger name the perpetrator; «على مواقع» the target', () => {
  assert.deepEqual(roles(one('قتل عشرة مدنيين في غارة شنها طيران التحالف الدولي على الرقة.')), [
    'perpetrator:international_coalition',
    'victim:civilians',
  ]);
  assert.deepEqual(roles(one('قتل ستة مدنيين بقصف مدفعي لقوات النظام على مدينة إدلب.')), [
    'perpetrator:syrian_government',
    'victim:civilians',
  ]);
  assert.deepEqual(roles(one('شن طيران التحالف غارات على مواقع تنظيم داعش في البوكمال.')), [
    'perpetrator:international_coalition',
    'target:isis',
  ]);
});

test('soldiers named after «من عناصر» are the victims of an execution', () => {
  assert.deepEqual(roles(one('أعدم تنظيم داعش عشرة أشخاص من عناصر قوات النظام في دير الزور.')), [
    'perpetrator:isis',
    'victim:syrian_government',
  ]);
});

test('figures: noun after the number, casualty word before it, coordinated nouns, sub-counts and singulars', () => {
  assert.deepEqual(counts(one('قتل 12 شخصا وأصيب 23 آخرون بجروح في انفجار سيارة مفخخة في بغداد.')), {
    killed: 12,
    injured: 23,
  });
  assert.deepEqual(counts(one('أسفرت الاشتباكات بين الفصيلين عن عدد من القتلى والجرحى في بلدة الشحيل.')), {
    killed: 10,
    injured: 10,
  });
  assert.deepEqual(counts(one('قتل 38 مدنيا بينهم 14 طفلا في قصف على حي الشيخ مقصود.')), { killed: 38 });
  assert.deepEqual(counts(one('أدى القصف المدفعي إلى مقتل شخص في بلدة سرمين.')), { killed: 1 });
  // a title names one person («اغتيال رئيس البلدية»)
  assert.deepEqual(counts(one('أعلنت الشرطة عن اغتيال رئيس بلدية القرية برصاص مجهولين.')), { killed: 1 });
  assert.deepEqual(counts(one('اغتال مسلحون مجهولون مختار القرية أمام منزله.')), { killed: 1 });
  // an ordinal without the article is one more person; with it, a rank in a group counted before
  assert.deepEqual(counts(one('قتل طفلان وأصيب ثالث بانفجار لغم في بلدة الشدادي.')), { killed: 2, injured: 1 });
  // the dual pronoun on a casualty word counts two; the plural one counts nothing
  assert.deepEqual(counts(one('استهدفت طائرة مسيرة سيارة في بلدة الشحيل ما أدى لمقتلهما.')), { killed: 2 });
  assert.deepEqual(counts(one('استهدفت طائرة مسيرة سيارة في بلدة الشحيل ما أدى لمقتلهم.')), {});
  // the singular pronoun counts one; «إصابة» (taa marbuta, no pronoun) counts nothing
  assert.deepEqual(counts(one('أطلق مسلحون النار على سيارة في بلدة الشحيل ما أدى إلى إصابته بجروح.')), {
    injured: 1,
  });
  assert.deepEqual(counts(one('أطلق مسلحون النار على سيارة في بلدة الشحيل وسجلت إصابة بجروح.')), {});
  // the first casualty word with its own figure before it: the second figure is the wounded alone;
  // without one, «قتل وأصيب 15» is a combined toll that counts neither
  assert.deepEqual(counts(one('قالت الشرطة إن 14 شخصا قتلوا وأصيب 31 آخرون بانفجار سيارة مفخخة في بغداد.')), {
    killed: 14,
    injured: 31,
  });
  assert.deepEqual(counts(one('قتل وأصيب 15 شخصا بانفجار سيارة مفخخة في بغداد.')), {});
  // after «أن», an indefinite singular person before the casualty verb is its subject; a definite one is not
  // counted (it may be one of a group told before)
  assert.deepEqual(counts(one('أفاد مصدر بأن ضابطا برتبة نقيب قتل وأصيب اثنان من حراسه بانفجار عبوة في الرمادي.')), {
    killed: 1,
    injured: 2,
  });
  assert.deepEqual(counts(one('أفاد مصدر بأن الضابط قتل بانفجار عبوة في الرمادي.')), {});
  // the convicted and prisoners are people: the execution counts them
  assert.deepEqual(counts(one('نفذت وزارة العدل حكم الإعدام بحق ثلاثة مدانين في سجن الناصرية.')), { killed: 3 });
  const c = one('أعدم تنظيم داعش ما لا يقل عن 19 رجلا في بادية دير الزور.').counts.killed!;
  assert.equal(c.value, 19);
  assert.equal(c.approximate, true);
});

test('methods and charges in the sentence and in a list sentence after it attach to the execution', () => {
  const r = extractDocument({
    text: 'أعدم التنظيم قرابة 100 شخص في دير الزور تنوعت بين إعدام بالرصاص وذبح بالسيف. ترافقت مع تنوع التهم بين العمالة للغرب والسحر والزنا.',
  });
  assert.equal(r.incidents.length, 1);
  const inc = r.incidents[0];
  assert.deepEqual(inc!.methods.map((m) => m.id).sort(), ['beheading', 'shooting']);
  assert.deepEqual(inc!.accusations.map((m) => m.id).sort(), ['adultery', 'collaboration_with_west', 'sorcery']);
});

test('«التنظيم» is IS in a report about IS and the subject acts where nobody else is named', () => {
  const r = extractDocument({ text: 'أعدم تنظيم داعش رجلين في الميادين. وأغلق التنظيم جسر العشارة أمام المدنيين.' });
  assert.deepEqual(
    r.incidents.map((i) => i.type),
    ['execution', 'coercion'],
  );
  assert.ok(r.incidents[1]!.actors.some((a) => a.role === 'perpetrator' && a.id === 'isis'));
});

test('attribution and place come with their spans', () => {
  const text = 'قتل خمسة مدنيين في غارة على مدينة الرقة بحسب مصادر محلية.';
  const inc = one(text);
  assert.ok(inc.attribution);
  assert.ok(text.slice(...inc.attribution!.span!).startsWith('بحسب'));
  assert.equal(inc.locations.length, 1);
  assert.equal(text.slice(...inc.locations[0]!.span!), 'الرقة');
});

test('a group executing its own members makes it the victim too', () => {
  assert.deepEqual(roles(one('أعدم تنظيم داعش ثلاثة من عناصره في مدينة الميادين بتهمة الفرار من جبهات القتال.')), [
    'perpetrator:isis',
    'victim:isis',
  ]);
});

test('a nationality after a fighters word qualifies the fighters: their killing in an attack is a battle', () => {
  assert.equal(one('قتل ثلاثة جنود عراقيين بهجوم شنه مسلحو داعش على نقطة عسكرية قرب قضاء هيت.').type, 'armed_clash');
  // the same word naming the people attacked keeps the attack on civilians
  assert.equal(one('هاجم مسلحون عمالا سوريين في قضاء هيت وقتلوا ثلاثة منهم.').type, 'attack');
});

test('a body found killed (the participle «مقتولاً») is a killing of the one person before it', () => {
  const inc = one('عثر الأهالي على جثة شاب مقتولاً بالرصاص في قضاء القائم.');
  assert.equal(inc.type, 'attack');
  assert.deepEqual(counts(inc), { killed: 1 });
  // a finite verb looks ahead, not back: «شاب» counts the killed, «رجل» the wounded
  assert.deepEqual(counts(one('قتل شاب وأصيب رجل في قصف على قضاء القائم.')), { killed: 1, injured: 1 });
});

test('a killing «بالرصاص» told after another event is its own incident: the bullets are a weapon, no reference', () => {
  const r = extractDocument({
    text: 'اختطف مسلحون ثلاثة رعاة في صحراء قضاء القائم. وفي مكان قريب، عثر على جثة شاب مقتولاً بالرصاص.',
  });
  assert.deepEqual(
    r.incidents.map((i) => i.type),
    ['abduction', 'attack'],
  );
});

test('a crowd of residents makes mob violence', () => {
  assert.equal(one('أحرق أهال غاضبون منازل في قرية قرب تكريت.').type, 'mob_violence');
});

test('English: an armed side after the verb is its object; an article before the one person killed counts one', () => {
  const inc = one('Unidentified gunmen assassinated an SDF member near a bakery in Tabqa.');
  assert.deepEqual(roles(inc), ['perpetrator:unidentified_armed_group', 'victim:sdf']);
  assert.equal(inc.type, 'armed_clash');
  assert.deepEqual(counts(inc), { killed: 1 });
  assert.deepEqual(counts(one('Unknown gunmen shot dead a colonel of the regime army near Nawa.')), { killed: 1 });
  // a checkpoint is a target, not a person killed; fighters in the perpetrator's own name are no victims
  assert.deepEqual(counts(one('Gunmen opened fire on a checkpoint near Nawa.')), {});
  assert.equal(one('IS militants shot dead a shepherd near Hajin.').type, 'attack');
});

test('English: ACLED conventions for territory and detention', () => {
  assert.equal(one('Regime forces captured Kafr Nabuda on Monday.').type, 'government_regains_territory');
  assert.equal(one('Turkish forces took control of Tal Tamer on Monday.').type, 'non_state_overtakes_territory');
  assert.equal(one('Regime forces captured two rebels on the eastern front.').type, 'armed_clash');
  assert.equal(one('QSD arrested four men in Raqqa city.').type, 'abduction');
  assert.equal(one('Iraqi forces arrested an IS leader in Fallujah.').type, 'arrests');
  assert.equal(one('Anbar police arrested an IS leader in Fallujah.').type, 'arrests');
});

test('English: the subject of a passive casualty verb is acted on, not the doer', () => {
  assert.deepEqual(roles(one('A regime soldier was killed by sniper fire from opposition fighters near Kabani.')), [
    'perpetrator:syrian_opposition',
    'victim:syrian_government',
  ]);
  assert.deepEqual(roles(one('Three QSD members were arrested by Turkish forces near Ras al-Ain.')), [
    'perpetrator:turkey',
    'victim:sdf',
  ]);
  // «were reported to have targeted» is no passive of «targeted»
  assert.ok(
    roles(one('Israeli airstrikes were reported to have targeted regime positions near Tal Ahmar.')).includes(
      'perpetrator:israel',
    ),
  );
});

test('the people named one by one after a casualty or detention word add up to its count', () => {
  const counts = (text: string) =>
    extractDocument({ text }).incidents.map((i) =>
      Object.fromEntries(Object.entries(i.counts).map(([k, v]) => [k, v?.value])),
    );
  assert.deepEqual(counts('استشهد امرأة وطفلان في الغارة على البلدة.'), [{ killed: 3 }]);
  assert.deepEqual(counts('اعتقلت قوات النظام رجلاً وابنه مع ثلاثة أخوة آخرين في بلدة خان الشيح.'), [{ arrested: 5 }]);
  // a second casualty word starts a count of its own; «بينهم» names a part of the figure, not more people
  assert.deepEqual(counts('قتل شخص وأصيب ثلاثة بقصف على البلدة.'), [{ killed: 1, injured: 3 }]);
  assert.deepEqual(counts('قتل خمسة مدنيين بينهم طفلان بقصف على البلدة.'), [{ killed: 5 }]);
});

test('a definite title and the name after it count one person of the list', () => {
  const counts = (text: string) =>
    extractDocument({ text }).incidents.map((i) =>
      Object.fromEntries(Object.entries(i.counts).map(([k, v]) => [k, v?.value])),
    );
  assert.deepEqual(counts('قتل المصور سامر خليل واثنان من رفاقه بقصف على البلدة.'), [{ killed: 3 }]);
  assert.deepEqual(counts('قتل الطفل محمد ووالده بقصف على البلدة.'), [{ killed: 2 }]);
  // a preposition ends the name: the three wounded are a count of their own
  assert.deepEqual(counts('قتل الشاب في القصف وثلاثة أطفال أصيبوا في البلدة.'), [{ killed: 1, injured: 3 }]);
});

test('a lone «و» before a quoted name joins it to the doer before it', () => {
  assert.deepEqual(roles(one('فرضت قوات النظام و«حزب الله» حصاراً على بلدة مضايا.')), [
    'perpetrator:hezbollah',
    'perpetrator:syrian_government',
    'victim:civilians',
  ]);
  // «بين X و«Y»» names the two sides of a clash, not one
  assert.deepEqual(roles(one('اندلعت اشتباكات بين قوات النظام و«داعش» في البادية.')), [
    'perpetrator:syrian_government',
    'target:isis',
  ]);
});

test('a party named after a verb of saying, before what it says, is the speaker, not the doer', () => {
  assert.deepEqual(roles(one('أفاد الجيش الحر بوقوع مجزرة في قرية القبير قتل فيها 100 شخص.')), ['victim:civilians']);
  assert.deepEqual(roles(one('قال الجيش الحر إن قوات النظام ارتكبت مجزرة في قرية القبير.')), [
    'perpetrator:syrian_government',
  ]);
  // «إنه قتل»: the pronoun makes the speaker the doer
  assert.deepEqual(roles(one('قال الجيش الحر إنه قتل عشرة من عناصر النظام في قرية القبير.')), [
    'perpetrator:syrian_opposition',
    'target:syrian_government',
  ]);
});

test('a doer named again in apposition, or followed by an adjective, still joins the next name', () => {
  assert.deepEqual(roles(one('استمر نظام الرئيس بشار الأسد و«حزب الله» في فرض حصار على البلدة.')), [
    'perpetrator:hezbollah',
    'perpetrator:syrian_government',
    'victim:civilians',
  ]);
  assert.deepEqual(roles(one('قصفت الفصائل الإسلامية وجبهة النصرة مناطق في بلدة الفوعة.')), [
    'perpetrator:hts',
    'perpetrator:syrian_opposition',
  ]);
  // «المدينة» is the object, not an adjective of the doer: the name after it is not joined to the doer
  assert.ok(!roles(one('قصفت قوات النظام المدينة وحزب الله يحاصرها.')).includes('perpetrator:hezbollah'));
});

test('a post of a side right after a verb done to people is its subject; after a strike, what was struck', () => {
  assert.deepEqual(roles(one('اعتقلت حواجز قسد عشرات الشبان في الرقة.')), ['perpetrator:sdf', 'victim:civilians']);
  assert.deepEqual(roles(one('قصفت قوات النظام حواجز قسد في الرقة.')), ['perpetrator:syrian_government', 'target:sdf']);
});

test('a party in a relative clause about a place, or people after a denied casualty, take no part', () => {
  assert.deepEqual(
    roles(one('فجر انتحاري نفسه مستهدفا نازحين يخرجون صوب الممرات التي فتحتها القوات الأمنية في هيت.')),
    ['victim:civilians'],
  );
  // an event word or a role marker in the relative clause keeps its subject the doer
  assert.deepEqual(roles(one('قتل عشرة مدنيين في الغارات التي شنها الطيران الروسي على البلدة.')), [
    'perpetrator:russia',
    'victim:civilians',
  ]);
  assert.deepEqual(
    roles(one('قصف جوي تركي استهدف قرية باطوفة، وقال مسؤول إن القصف لم يوقع أي ضحايا في صفوف الأهالي.')),
    ['perpetrator:turkey'],
  );
  assert.deepEqual(roles(one('قتل قصف جوي تركي ثلاثة من أهالي قرية باطوفة.')), [
    'perpetrator:turkey',
    'victim:civilians',
  ]);
});

test('a letter glued to a number alone in brackets is a label, not a figure', () => {
  assert.deepEqual(counts(one('جرح مدنيان إثر سقوط قذيفتي هاون على الجزيرة (بـ3) في ضاحية حرستا.')), { injured: 2 });
  assert.deepEqual(counts(one('قتل (15) شخصا في قصف على بلدة سرمين.')), { killed: 15 });
  assert.deepEqual(counts(one('استهدف الطيران البلدة بـ3 غارات ما أدى إلى مقتل شخصين.')), { killed: 2 });
});

test('one person named after a date or after the doer and a date counts one («اغتالوا في … مختار البلدة»)', () => {
  assert.equal(
    one('اغتال مسلحون مجهولون في الثالث من آذار الماضي مختار بلدة الشحيل بريف دير الزور.').counts.killed?.value,
    1,
  );
  assert.equal(one('اغتال مسلحون مجهولون، مساء أمس، عضواً في المجلس المحلي لبلدة البصيرة.').counts.killed?.value, 1);
  // a strike on the house of one person kills no one the text names
  assert.equal(one('قصفت الطائرات في الثالث من آذار الماضي منزل المختار في بلدة الشحيل.').counts.killed, undefined);
});
