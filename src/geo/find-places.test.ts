// Table tests: our own sentences, each with the place it names, the entry it must resolve to, the
// ACLED precision and the role. Negative rows name no place.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../text/analyze.ts';
import { findPlaces, toLocation } from './find-places.ts';
import type { PlaceMention } from './types.ts';
import { Location } from '../schema.ts';

interface Want {
  /** the mention's text, exactly as in the sentence */
  text: string;
  /** entry checks */
  name?: string;
  kind?: string;
  admin1?: string;
  country?: string;
  precision?: 1 | 2 | 3;
  role?: 'location' | 'origin' | 'destination';
  ambiguous?: boolean;
}

const CASES: Array<[string, Want]> = [
  // cities, with and without cue, clitics glued to the name
  ['قتل ثلاثة مدنيين في مدينة الميادين أمس', { text: 'الميادين', admin1: 'Deir-ez-Zor', kind: 'town', precision: 1 }],
  ['سقطت قذائف على أحياء بدير الزور', { text: 'بدير الزور', name: 'Deir ez-Zor', precision: 1 }],
  ['وصلت تعزيزات لمدينة الرقة صباحا', { text: 'الرقة', admin1: 'Ar-Raqqa', kind: 'city', precision: 1 }],
  ['شن الطيران غارات على مدينة ديرالزور وعدد من القرى', { text: 'ديرالزور', admin1: 'Deir-ez-Zor', precision: 1 }],
  ['اعتقلت الدورية شابين في البوكمال', { text: 'البوكمال', admin1: 'Deir-ez-Zor', precision: 1 }],
  ['قتل طفل بقصف مدفعي على دوما', { text: 'دوما', admin1: 'Rural Damascus', precision: 1 }],
  // the dual «ريفي» (two countrysides) is the governorate's countryside, not the city
  ['قصفت الطائرات مناطق بريفي حلب الغربي والشمالي', { text: 'حلب', admin1: 'Aleppo', precision: 3 }],
  ['داهمت القوات منازل في مدينة إدلب', { text: 'إدلب', admin1: 'Idleb', kind: 'city', precision: 1 }],
  ['قصف صاروخي استهدف سرمين فجرا', { text: 'سرمين', admin1: 'Idleb', precision: 1 }],
  ['أصيب خمسة مدنيين في عفرين', { text: 'عفرين', admin1: 'Aleppo', precision: 1 }],
  ['انفجرت سيارة مفخخة في الفلوجة', { text: 'الفلوجة', admin1: 'Anbar', country: 'IQ', precision: 1 }],
  ['أعدم التنظيم أربعة رجال في الموصل', { text: 'الموصل', admin1: 'Ninewa', country: 'IQ', precision: 1 }],
  ['هاجم مسلحون نقطة تفتيش في تكريت', { text: 'تكريت', admin1: 'Salah al-Din', precision: 1 }],
  ['قتل شرطيان في هجوم على بعقوبة', { text: 'بعقوبة', admin1: 'Diyala', precision: 1 }],
  ['شيع الأهالي القتلى في القامشلي', { text: 'القامشلي', admin1: 'Al-Hasakeh', precision: 1 }],
  ['نفذت عملية اغتيال في درعا البلد', { text: 'درعا البلد', admin1: "Dar'a", precision: 1 }],
  ['استهدفت غارة بلدة الشحيل شرق دير الزور', { text: 'الشحيل', admin1: 'Deir-ez-Zor', precision: 1 }],
  ['داهمت القوات قرية غرانيج', { text: 'غرانيج', admin1: 'Deir-ez-Zor', precision: 1 }],
  ['قتل عنصران في بلدة الكرمة شرق الفلوجة', { text: 'الكرمة', country: 'IQ', admin1: 'Anbar', precision: 1 }],
  ['اختطف ثلاثون نازحا في منطقة الرحالية', { text: 'الرحالية', admin1: 'Anbar', precision: 1 }],
  ['تقع مدينة تدمر وسط البادية', { text: 'تدمر', admin1: 'Homs', precision: 1 }],
  ['اشتباكات في هجين وما حولها', { text: 'هجين', admin1: 'Deir-ez-Zor', precision: 1 }],
  ['حوصرت بلدة مضايا لأشهر', { text: 'مضايا', admin1: 'Rural Damascus', precision: 1 }],
  ['قتل عنصر من الشرطة في سامراء', { text: 'سامراء', admin1: 'Salah al-Din', precision: 1 }],
  ['وقع الانفجار في كربلاء', { text: 'كربلاء', country: 'IQ', precision: 1 }],
  ['شوهدت الأرتال قرب كفرحمرة', { text: 'كفرحمرة', admin1: 'Aleppo', precision: 2 }],
  // governorates and countryside
  ['اعتقلت القوات عشرة شبان في محافظة درعا', { text: 'درعا', kind: 'governorate', precision: 3 }],
  ['قصفت المدفعية قرى ريف إدلب الجنوبي', { text: 'إدلب', kind: 'governorate', admin1: 'Idleb', precision: 3 }],
  ['ينشط التنظيم في ريف دير الزور الشرقي', { text: 'دير الزور', kind: 'governorate', precision: 3 }],
  ['تدور معارك في ريف حلب الشمالي', { text: 'حلب', kind: 'governorate', precision: 3 }],
  ['نفذ التحالف غارات في محافظة الأنبار', { text: 'الأنبار', kind: 'governorate', country: 'IQ', precision: 3 }],
  ['تتبع ناحية الشدادي محافظة الحسكة', { text: 'الشدادي', admin1: 'Al-Hasakeh', precision: 2 }],
  ['قصف على ريف الميادين', { text: 'الميادين', admin1: 'Deir-ez-Zor', precision: 2 }],
  ['ارتفع عدد النازحين في محافظة نينوى', { text: 'نينوى', kind: 'governorate', country: 'IQ', precision: 3 }],
  // near and direction
  ['انفجرت عبوة ناسفة قرب مدينة الباب', { text: 'الباب', admin1: 'Aleppo', precision: 2 }],
  ['قتل مدنيان في غارة شمال مدينة الرقة', { text: 'الرقة', admin1: 'Ar-Raqqa', precision: 2 }],
  ['عثر على جثث بالقرب من حقل العمر النفطي', { text: 'حقل العمر النفطي', kind: 'site', precision: 2 }],
  ['سقطت قذيفة على أطراف مدينة منبج', { text: 'منبج', admin1: 'Aleppo', precision: 2 }],
  ['اشتباكات جنوب تكريت', { text: 'تكريت', admin1: 'Salah al-Din', precision: 2 }],
  // quarters and parents
  ['قصفت طائرات حارة الجميلي في الرقة', { text: 'حارة الجميلي', kind: 'quarter', admin1: 'Ar-Raqqa', precision: 2 }],
  ['استهدفت غارة حي الفردوس في حلب', { text: 'الفردوس', kind: 'quarter', admin1: 'Aleppo', precision: 2 }],
  ['سقطت قذيفة على حي الفردوس بالرقة', { text: 'الفردوس', kind: 'quarter', admin1: 'Ar-Raqqa', precision: 2 }],
  ['دارت اشتباكات في حي الجورة بدير الزور', { text: 'الجورة', kind: 'quarter', admin1: 'Deir-ez-Zor', precision: 2 }],
  [
    'سيطرت القوات على حي الصناعة بمدينة دير الزور',
    { text: 'الصناعة', kind: 'quarter', admin1: 'Deir-ez-Zor', precision: 2 },
  ],
  // Deir ez-Zor and Raqqa both have an industrial quarter: without context that is an issue
  ['سيطرت القوات على حي الصناعة بالكامل', { text: 'الصناعة', ambiguous: true }],
  ['قصف عنيف على حي جوبر الدمشقي', { text: 'جوبر', kind: 'quarter', admin1: 'Damascus', precision: 2 }],
  ['وقع التفجير في منطقة المشتل ببغداد', { text: 'المشتل', kind: 'quarter', admin1: 'Baghdad', precision: 2 }],
  ['اعتقل شاب في حي الزنجيلي بالموصل', { text: 'الزنجيلي', kind: 'quarter', admin1: 'Ninewa', precision: 2 }],
  ['سقط برميل متفجر على حي الشعار', { text: 'الشعار', kind: 'quarter', admin1: 'Aleppo', precision: 2 }],
  ['قصفت الطائرات حي القصور في دير الزور', { text: 'القصور', kind: 'quarter', admin1: 'Deir-ez-Zor', precision: 2 }],
  // sites
  ['يعيش آلاف النازحين في مخيم الهول', { text: 'مخيم الهول', kind: 'site', admin1: 'Al-Hasakeh', precision: 1 }],
  ['هاجم التنظيم مطار دير الزور العسكري', { text: 'مطار دير الزور العسكري', kind: 'site', precision: 1 }],
  ['نقل المعتقلون إلى سجن صيدنايا', { text: 'سجن صيدنايا', kind: 'site', admin1: 'Rural Damascus' }],
  ['سيطرت القوات على سد تشرين', { text: 'سد تشرين', kind: 'site', admin1: 'Aleppo', precision: 1 }],
  ['أغلق معبر باب الهوى أمام المساعدات', { text: 'معبر باب الهوى', kind: 'site', admin1: 'Idleb', precision: 1 }],
  ['قصفت طائرات قاعدة عين الأسد', { text: 'قاعدة عين الأسد', kind: 'site', country: 'IQ', precision: 1 }],
  ['تعرض حقل كونيكو لقصف', { text: 'حقل كونيكو', kind: 'site', admin1: 'Deir-ez-Zor', precision: 1 }],
  ['وصلت قافلة إلى مخيم الركبان', { text: 'مخيم الركبان', kind: 'site', admin1: 'Homs' }],
  ['انطلقت الطائرات من قاعدة حميميم', { text: 'قاعدة حميميم', kind: 'site', admin1: 'Lattakia' }],
  ['نزح الآلاف من الغوطة الشرقية', { text: 'الغوطة الشرقية', kind: 'site', admin1: 'Rural Damascus', role: 'origin' }],
  // roles
  ['نزحت مئات العائلات إلى تركيا', { text: 'تركيا', kind: 'country', role: 'destination' }],
  ['فروا من الرقة هربا من القصف', { text: 'الرقة', admin1: 'Ar-Raqqa', role: 'origin' }],
  ['هرب الشبان باتجاه تركيا خوفا من التجنيد', { text: 'تركيا', kind: 'country', role: 'destination' }],
  ['وصلت عائلات نازحة لتركيا عبر طرق التهريب', { text: 'لتركيا', kind: 'country', role: 'destination' }],
  ['هاجر كثير من الشباب إلى ألمانيا', { text: 'ألمانيا', kind: 'country', role: 'destination' }],
  ['عاد النازحون إلى منازلهم في الميادين', { text: 'الميادين', admin1: 'Deir-ez-Zor', role: 'location' }],
  ['قتل خمسة مدنيين في لبنان', { text: 'لبنان', kind: 'country', country: 'LB', role: 'location' }],
  ['لجأت العائلة إلى لبنان', { text: 'لبنان', kind: 'country', role: 'destination' }],
  // common words with a cue
  ['سيطرت فصائل المعارضة على مدينة الباب', { text: 'الباب', admin1: 'Aleppo', precision: 1 }],
  ['الباب شرق حلب شهد اشتباكات', { text: 'الباب', admin1: 'Aleppo' }],
  ['استهدف قصف جوي مدينة القائم غرب الأنبار', { text: 'القائم', country: 'IQ', admin1: 'Anbar' }],
  ['قصفت الطائرات حماة وريفها', { text: 'حماة', admin1: 'Hama' }],
  ['استعادت القوات السيطرة على مدينة الطبقة', { text: 'الطبقة', admin1: 'Ar-Raqqa', precision: 1 }],
  // English
  ['Three civilians were killed in al-Mayadin on Monday', { text: 'al-Mayadin', admin1: 'Deir-ez-Zor', precision: 1 }],
  ['An air strike hit Raqqa city', { text: 'Raqqa', admin1: 'Ar-Raqqa' }],
  ['IS executed 19 men near the Omar oil field', { text: 'Omar oil field', kind: 'site', precision: 2 }],
  ['Thousands fled to Turkey', { text: 'Turkey', kind: 'country', role: 'destination' }],
  ['A car bomb exploded in Baghdad', { text: 'Baghdad', country: 'IQ', precision: 1 }],
  ['Shelling hit villages in the Idlib countryside', { text: 'Idlib', kind: 'governorate', precision: 3 }],
  ['Clashes continued in Deir ez-Zor governorate', { text: 'Deir ez-Zor', kind: 'governorate', precision: 3 }],
  ['Residents of al-Hol camp protested', { text: 'al-Hol camp', kind: 'site' }],
  // Latin spellings the gazetteer does not list, reached by the transliteration-folding key
  ['Warplanes struck Dair al-Zour on Monday', { text: 'Dair al-Zour', admin1: 'Deir-ez-Zor', precision: 1 }],
  ['Drones hit a depot near Abou Kamal', { text: 'Abou Kamal', admin1: 'Deir-ez-Zor', precision: 2 }],
  ["Two civilians were killed in Ma'arrat an-Nu'man", { text: "Ma'arrat an-Nu'man", admin1: 'Idleb', precision: 1 }],
  ['Fighting reached the outskirts of Maarat el-Noman', { text: 'Maarat el-Noman', admin1: 'Idleb' }],
  ['A patrol entered Jisr al-Shoghour', { text: 'Jisr al-Shoghour', admin1: 'Idleb' }],
  // a city named after a place of its governorate outside it is the governorate; after its own quarter, the city
  ['Gunmen killed a man in Shuhail in Deir ez-Zor', { text: 'Deir ez-Zor', kind: 'governorate', precision: 3 }],
  ['Gunmen killed a man in Shuhail in Deir ez-Zor', { text: 'Shuhail', admin1: 'Deir-ez-Zor', precision: 1 }],
  ['A shell fell on al-Joura in Deir ez-Zor', { text: 'Deir ez-Zor', kind: 'city', precision: 1 }],
];

const NEGATIVES = [
  'تعيش العائلة في منزل ريفي بسيط',
  'قال إن الباب مفتوح أمام المصالحة',
  'فتح الباب للتطوع في صفوف التنظيم',
  'أكد أن حماة الديار يقومون بواجبهم',
  'تعاني الطبقة الوسطى من الغلاء',
  'سوف يعقد الاجتماع غدا',
  'نقل عنه قوله إن الوضع هادئ',
  'دمر القصف المنازل بالكامل',
  'وقعت الحادثة عند مدخل المدينة',
  'رفع المتظاهرون العلم في الساحة',
  'نشرت الصور على مواقع التواصل',
  'أعلنت الحكومة السورية عن خطة جديدة',
  'قالت وزارة الخارجية التركية في بيان',
  'عقدت الدورة الثانية للمجلس',
  'the door was open for talks',
  'He hit the wall and left',
  // folded spellings: a nationality is not a place («Iraqi» folds like «`Ariqah»), nor is a lone
  // capitalised word that folds to a name only without its article («Rasin» ≈ «Ra's al-`Ayn»)
  'Iraqi officials met their Syrian counterparts',
  'Rasin told reporters the talks had stalled',
];

function placeAt(text: string, want: string): PlaceMention | undefined {
  return findPlaces(analyze(text)).find((p) => p.text === want);
}

for (const [sentence, want] of CASES) {
  test(`place: ${sentence}`, () => {
    const all = findPlaces(analyze(sentence));
    const m = all.find((p) => p.text === want.text);
    assert.ok(m, `no mention «${want.text}»; found ${all.map((p) => `«${p.text}»`).join(', ') || 'none'}`);
    assert.equal(sentence.slice(m.rawStart, m.rawEnd), m.text);
    if (want.ambiguous) {
      assert.equal(m.entry, null);
      assert.equal(m.issues?.[0]?.code, 'place.ambiguous');
      return;
    }
    assert.ok(m.entry, `«${want.text}» unresolved: ${m.issues?.[0]?.message ?? ''}`);
    const e = m.entry;
    const got = `${e.id} ${e.name} ${e.kind} ${e.admin1} p${m.precision} ${m.role} (${m.rule})`;
    if (want.name) assert.equal(e.name, want.name, got);
    if (want.kind) assert.equal(e.kind, want.kind, got);
    if (want.admin1) assert.equal(e.admin1, want.admin1, got);
    if (want.country) assert.equal(e.country, want.country, got);
    if (want.precision) assert.equal(m.precision, want.precision, got);
    assert.equal(m.role, want.role ?? 'location', got);
  });
}

test('negative sentences name no place', () => {
  for (const s of NEGATIVES) {
    const found = findPlaces(analyze(s));
    assert.deepEqual(
      found.map((p) => p.text),
      [],
      `«${s}» gave ${found.map((p) => `${p.text}→${p.entry?.name}`).join(', ')}`,
    );
  }
});

test('a name that context cannot settle is an issue, not a guess', () => {
  // «الصالحية» is a quarter of Damascus and a village by Deir ez-Zor; nothing here tells which
  const m = placeAt('وقع اشتباك في الصالحية', 'الصالحية');
  assert.ok(m);
  assert.equal(m.entry, null);
  assert.equal(m.issues?.[0]?.code, 'place.ambiguous');
  assert.deepEqual(m.issues?.[0]?.span, [m.rawStart, m.rawEnd]);
  // the same name with a parent resolves
  const d = placeAt('وقع اشتباك في الصالحية بدمشق', 'الصالحية');
  assert.equal(d?.entry?.admin1, 'Damascus');
});

test("the document's dominant governorate settles a shared name", () => {
  const text = 'قصف الطيران مدينة الرقة. ونزح سكان من الطبقة إلى الريف. وقتل مدنيان في حي الفردوس.';
  const m = placeAt(text, 'الفردوس');
  assert.equal(m?.entry?.admin1, 'Ar-Raqqa');
});

test('toLocation gives a contract Location whose span is the words', () => {
  const s = 'قتل ثلاثة مدنيين في مدينة الميادين ونزح آخرون إلى تركيا';
  for (const m of findPlaces(analyze(s))) {
    const loc = Location.parse(toLocation(m));
    assert.deepEqual(loc.span, [m.rawStart, m.rawEnd]);
    assert.equal(s.slice(loc.span![0], loc.span![1]), m.text);
    assert.ok(loc.lat !== null && loc.lon !== null);
  }
});

test('spans survive diacritics and tatweel', () => {
  const s = 'قُصِفَتْ مـديـنـة الرَّقَّة';
  const m = findPlaces(analyze(s)).find((p) => p.entry?.admin1 === 'Ar-Raqqa');
  assert.ok(m);
  assert.equal(s.slice(m.rawStart, m.rawEnd), m.text);
  assert.equal(m.text, 'الرَّقَّة');
});

test('CASES holds at least 60 Arabic phrases', () => {
  const arabic = CASES.filter(([s]) => /[\u0600-\u06ff]/.test(s)).length;
  assert.ok(arabic >= 60, `${arabic}`);
});

test('arbitrary text never throws and yields only valid spans', async () => {
  const fc = (await import('fast-check')).default;
  const pieces = fc.constantFrom(
    'مدينة',
    'الرقة',
    'بدير الزور',
    'حي',
    'ريف',
    'إلى',
    'نزحوا',
    'الباب',
    ' ',
    '،',
    '\n',
    'ـ',
    'َ',
    '\u200f',
    'Raqqa',
    'near',
  );
  const text = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc.array(pieces, { maxLength: 60 }).map((a) => a.join('')),
  );
  fc.assert(
    fc.property(text, (s) => {
      for (const m of findPlaces(analyze(s))) {
        assert.ok(m.rawStart >= 0 && m.rawEnd <= s.length && m.rawStart < m.rawEnd);
        assert.equal(s.slice(m.rawStart, m.rawEnd), m.text);
      }
    }),
    { numRuns: 300 },
  );
});

test('a common-word name known only in another country is a local place of the report, unresolved', () => {
  const ms = findPlaces(analyze('شنت الطائرات غارات على مدينة إدلب وقرية كنصفرة، وبلدة الجديدة غربها.'));
  const jadida = ms.find((m) => m.text === 'الجديدة');
  assert.ok(jadida, 'the town is still a place mention');
  assert.equal(jadida.entry, null);
  assert.equal(ms.find((m) => m.text === 'كنصفرة')?.entry?.country, 'SY');
});

test('the same name in a report set in Lebanon keeps its Lebanese town', () => {
  const ms = findPlaces(analyze('وقع انفجار في بلدة الجديدة قرب بيروت في لبنان.'));
  assert.equal(ms.find((m) => m.text === 'الجديدة')?.entry?.country, 'LB');
});

test('a name after a distance and a direction is a landmark; the same name without the distance is a place', () => {
  const a = findPlaces(analyze('سيطر التنظيم على قضاء سنجار (124 كلم غرب الموصل).'));
  assert.ok(a.find((m) => m.text === 'الموصل')?.rule.includes('place.landmark'));
  assert.ok(!a.find((m) => m.text === 'سنجار')?.rule.includes('place.landmark'));
  const b = findPlaces(analyze('انفجرت سيارة مفخخة غرب الموصل.'));
  assert.ok(!b.find((m) => m.text === 'الموصل')?.rule.includes('place.landmark'));
});
