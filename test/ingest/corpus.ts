// A generated corpus of short reports, our own sentences, for the ingest tests and bench. Every
// document differs (its number is in its dateline and a count), so none is a duplicate of another.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const AR_TOWNS = ['الميادين', 'البوكمال', 'الشحيل', 'العشارة', 'هجين', 'الطيانة', 'ذيبان', 'موحسن', 'القورية', 'الصور'];
const EN_TOWNS = [
  'al-Mayadin',
  'Albu Kamal',
  'al-Shuhail',
  'al-Ashara',
  'Hajin',
  'al-Tayyana',
  'Dhiban',
  'Muhasan',
  'al-Quriyah',
  'al-Sour',
];
const AR_MONTHS = [
  'كانون الثاني',
  'شباط',
  'آذار',
  'نيسان',
  'أيار',
  'حزيران',
  'تموز',
  'آب',
  'أيلول',
  'تشرين الأول',
  'تشرين الثاني',
  'كانون الأول',
];
const EN_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const AR_TEMPLATES: Array<(n: number, town: string, day: number, month: string) => string> = [
  (n, t, d, m) => `قصفت طائرات حربية سوق مدينة ${t} يوم ${d} ${m}، ما أدى إلى مقتل ${n} مدنيين وإصابة آخرين بجروح.`,
  (n, t, d, m) => `أعدم تنظيم داعش ${n} رجال رمياً بالرصاص في ساحة بلدة ${t} يوم ${d} ${m} بتهمة التعامل مع النظام.`,
  (n, t, d, m) => `شنت قوات النظام حملة مداهمات في بلدة ${t} يوم ${d} ${m} واعتقلت ${n} شاباً واقتادتهم إلى جهة مجهولة.`,
  (n, t, d, m) => `انفجرت سيارة مفخخة قرب مسجد في مدينة ${t} يوم ${d} ${m}، وقتل ${n} أشخاص بينهم أطفال.`,
  (n, t, d, m) => `سقطت قذائف مدفعية على حي سكني في ${t} يوم ${d} ${m}، وأصيب ${n} مدنيين بجروح.`,
];
const EN_TEMPLATES: Array<(n: number, town: string, day: number, month: string) => string> = [
  (n, t, d, m) => `Warplanes struck the market of ${t} on ${d} ${m}, killing ${n} civilians and wounding others.`,
  (n, t, d, m) =>
    `ISIS executed ${n} men by shooting in the main square of ${t} on ${d} ${m}, accusing them of collaborating with the regime.`,
  (n, t, d, m) =>
    `Regime forces raided ${t} on ${d} ${m} and arrested ${n} young men, taking them to an unknown location.`,
  (n, t, d, m) => `A car bomb exploded near a mosque in ${t} on ${d} ${m}, killing ${n} people including children.`,
  (n, t, d, m) => `Artillery shells fell on a residential neighbourhood of ${t} on ${d} ${m}, wounding ${n} civilians.`,
];

export interface GeneratedDoc {
  name: string;
  text: string;
  lang: 'ar' | 'en';
}

/** Document i of a corpus: deterministic, short (two or three sentences), Arabic two times in three. */
export function generatedDoc(i: number): GeneratedDoc {
  const lang = i % 3 === 2 ? 'en' : 'ar';
  const n = 3 + (i % 17);
  const day = 1 + (i % 28);
  const town = i % AR_TOWNS.length;
  const month = Math.floor(i / 7) % 12;
  const first = (lang === 'ar' ? AR_TEMPLATES : EN_TEMPLATES)[i % 5];
  const second = (lang === 'ar' ? AR_TEMPLATES : EN_TEMPLATES)[(i + 2) % 5];
  const text =
    lang === 'ar'
      ? `تقرير ميداني رقم ${i + 1}\n\n${first!(n, AR_TOWNS[town]!, day, AR_MONTHS[month]!)}\n\n${second!(n + 2, AR_TOWNS[(town + 3) % 10]!, 1 + ((day + 3) % 28), AR_MONTHS[month]!)}\n`
      : `Field report no. ${i + 1}\n\n${first!(n, EN_TOWNS[town]!, day, EN_MONTHS[month]!)}\n\n${second!(n + 2, EN_TOWNS[(town + 3) % 10]!, 1 + ((day + 3) % 28), EN_MONTHS[month]!)}\n`;
  return { name: `report-${String(i).padStart(5, '0')}.${lang}.txt`, text, lang };
}

/** Writes `count` documents into `dir`, a few per sub-folder so the folder walk recurses. */
export function writeCorpus(dir: string, count: number): string[] {
  const paths: string[] = [];
  for (let i = 0; i < count; i++) {
    const d = generatedDoc(i);
    const sub = join(dir, `batch-${String(Math.floor(i / 250)).padStart(2, '0')}`);
    if (i % 250 === 0) mkdirSync(sub, { recursive: true });
    const p = join(sub, d.name);
    writeFileSync(p, d.text);
    paths.push(p);
  }
  return paths;
}
