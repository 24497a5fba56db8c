// What a time phrase says, before it is placed on the calendar (resolve.ts does that).

/** past «الماضي», before-last «قبل الماضي», current «الجاري», next «المقبل», last (a trailing window) «الأخيرة» */
export type Rel = 'past' | 'before-last' | 'current' | 'next' | 'last';
export type Part = 'early' | 'mid' | 'late' | 'earlier' | 'h1' | 'h2' | 'q1' | 'q2' | 'q3' | 'q4';
export type Unit = 'hour' | 'day' | 'week' | 'month' | 'year';
export type Season = 'spring' | 'summer' | 'autumn' | 'winter';

export type TimeExpr =
  /** a calendar date, month or year; missing parts come from the publication date */
  | {
      t: 'date';
      cal: 'gregorian' | 'hijri';
      y: number | null;
      m: number | null;
      d: number | null;
      rel: Rel | null;
      part: Part | null;
      /** «تموز من العام الماضي»: the year named relative to publication */
      yearRel?: Rel;
    }
  /** «اليوم», «أمس», «أول أمس»; `wd` when a weekday is named with it («أمس الأحد») */
  | { t: 'offset'; days: number; wd: number | null }
  | { t: 'weekday'; wd: number; rel: Rel | null }
  /** «الأسبوع الماضي», «مطلع العام», «23 من الشهر الجاري» */
  | { t: 'period'; unit: 'week' | 'month' | 'year'; rel: Rel; part: Part | null; d: number | null }
  /** «قبل 3 أيام» (ago), «منذ أسبوع» (since), «الشهور الأربعة الأخيرة» (last); «قبل أيام» is not counted */
  | { t: 'back'; unit: Unit; n: number; mode: 'ago' | 'since' | 'last'; counted: boolean }
  /** «في الفترة الأخيرة» */
  | { t: 'recent' }
  /** «صيف 2012» (y), «الصيف الماضي» (rel), «خريف العام الماضي» (yearRel: the season of last year) */
  | { t: 'season'; season: Season; y: number | null; rel: Rel | null; yearRel: Rel | null }
  /** «منذ مساء السبت»: from that day to publication */
  | { t: 'since'; from: TimeExpr }
  /** «بين 3 و5 تموز 2015», «بين عامي 2011 و2015», «ليل السبت - الأحد» */
  | { t: 'range'; from: TimeExpr; to: TimeExpr }
  /** «Around 7 May 2020», «نحو 3 أيار»: a day give or take `days` */
  | { t: 'about'; of: TimeExpr; days: number }
  /** «عيد الأضحى» (Hijri 12/10, four days); `firstDay` for «أول أيام عيد الفطر» */
  | { t: 'feast'; m: number; d: number; days: number; y: number | null; firstDay: boolean };
