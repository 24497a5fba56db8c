// A deterministic synthetic corpus of Arabic report paragraphs built from our own sentence templates,
// for benchmarks only (quality is measured on real reports by `rasid eval`).
const ACTORS = [
  'تنظيم داعش',
  'قوات النظام',
  'طيران التحالف الدولي',
  'الطيران الروسي',
  'مسلحون مجهولون',
  'قوات سوريا الديمقراطية',
  'فصائل المعارضة',
];
const PLACES = [
  'مدينة الميادين',
  'بلدة العشارة',
  'حي الجورة',
  'ريف دير الزور الشرقي',
  'مدينة الرقة',
  'حي الأنصاري في حلب',
  'مدينة إدلب',
  'بلدة دوما',
  'مدينة الموصل',
  'قضاء الفلوجة',
];
const TIMES = [
  'أمس الأحد',
  'فجر اليوم',
  'في 13 تموز الماضي',
  'الأسبوع الماضي',
  'في الشهور الأربعة الأخيرة',
  'مساء السبت',
];
const COUNTS = ['ثلاثة', 'خمسة عشر', 'قرابة الـ 100', 'عشرات', '19', '١٢', 'ما لا يقل عن سبعة', 'رجلين'];
const TEMPLATES = [
  (a: string, p: string, t: string, c: string) =>
    `أعدم ${a} ${c} رجال رمياً بالرصاص في ${p} ${t} بتهمة التخابر مع التحالف، بحسب ناشطين.`,
  (a: string, p: string, t: string, c: string) => `قُتل ${c} مدنيين بينهم أطفال بغارة شنها ${a} على ${p} ${t}.`,
  (a: string, p: string, t: string, c: string) =>
    `شنت ${a} حملة مداهمات واعتقالات في ${p} ${t} طالت ${c} شباب، وفق مصادر محلية.`,
  (a: string, p: string, t: string, c: string) =>
    `اندلعت اشتباكات عنيفة بين ${a} وعناصر محليين في ${p} ${t} أسفرت عن ${c} قتلى وجرحى.`,
  (a: string, p: string, t: string, c: string) => `نزح ${c} عائلات من ${p} ${t} هرباً من قصف ${a}.`,
  (a: string, p: string, t: string) => `أجبر ${a} الأهالي في ${p} على حضور الدورات الشرعية ${t}.`,
  (a: string, p: string) => `يسيطر ${a} على ${p} منذ سنوات، ويفرض قيوداً على حركة السكان.`,
];

export function* generateReports(count: number, seed = 7): Generator<string> {
  let s = seed >>> 0;
  const rnd = (n: number) => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s % n;
  };
  // an index drawn below a list's length is inside it
  const pick = <T>(xs: readonly T[]): T => xs[rnd(xs.length)]!;
  for (let d = 0; d < count; d++) {
    const paras: string[] = [];
    const np = 2 + rnd(3);
    for (let p = 0; p < np; p++) {
      const sentences: string[] = [];
      const ns = 2 + rnd(4);
      for (let k = 0; k < ns; k++) {
        const t = pick(TEMPLATES);
        sentences.push(t(pick(ACTORS), pick(PLACES), pick(TIMES), pick(COUNTS)));
      }
      paras.push(sentences.join(' '));
    }
    yield paras.join('\n');
  }
}

/** Reports until their UTF-8 size reaches `bytes`. */
export function generateCorpus(bytes: number, seed = 7): string[] {
  const docs: string[] = [];
  let size = 0;
  for (const d of generateReports(Number.MAX_SAFE_INTEGER, seed)) {
    docs.push(d);
    size += Buffer.byteLength(d);
    if (size >= bytes) break;
  }
  return docs;
}

/** Each paragraph of each report gets one of `extra` appended, for benches that need denser phenomena. */
export function withExtraSentences(docs: string[], extra: string[]): string[] {
  return docs.map((d, i) =>
    d
      .split('\n')
      .map((p, k) => `${p} ${extra[(i + k) % extra.length]}`)
      .join('\n'),
  );
}
