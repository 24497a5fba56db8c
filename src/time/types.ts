// A date or date range found in a report, resolved against the publication date.
export interface TimeMention {
  tokenStart: number;
  tokenEnd: number;
  rawStart: number;
  rawEnd: number;
  /** a.raw.slice(rawStart, rawEnd) */
  text: string;
  /** ISO dates YYYY-MM-DD, an inclusive range; null when the phrase could not be placed */
  start: string | null;
  end: string | null;
  /** ACLED time precision: 1 day, 2 week, 3 month or longer */
  precision: 1 | 2 | 3;
  /** false when a relative phrase had no publication date to anchor on */
  anchored: boolean;
  rule: string;
  /**
   * a doubt for reviewers: `time.weekday-mismatch` (a weekday named with «اليوم»/«أمس» disagrees with
   * the publication date; a weekday one day away was taken), `time.after-publication` (the date lies
   * after the publication date), `time.ambiguous-day` (an English «5/6/2016», read day first)
   */
  issue?: string;
}
