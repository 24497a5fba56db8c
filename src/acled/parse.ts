// Reading ACLED CSV files: the 2019+ public export (D-Mon-YY dates, 31 columns with data_id and
// iso3) and the current one and ours (ISO dates, disorder_type, civilian_targeting, tags) both parse.
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';

export type AcledRecord = Record<string, string>;

export class AcledFormatError extends Error {
  constructor(
    readonly code: 'acled.columns' | 'acled.date' | 'acled.file',
    message: string,
  ) {
    super(message);
  }
}

const REQUIRED = ['event_id_cnty', 'event_date', 'event_type', 'sub_event_type', 'actor1', 'country', 'notes', 'fatalities'];

const MON = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** ACLED dates as ISO: «2020-05-09», «9-May-20», «09 May 2020», «9 May 2020». */
export function parseAcledDate(s: string): string | null {
  const t = s.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return t;
  const m = /^(\d{1,2})[-\s]([A-Za-z]{3,9})[-\s](\d{2}|\d{4})$/.exec(t);
  if (!m) return null;
  const mon = MON.indexOf(m[2].slice(0, 3).toLowerCase());
  if (mon < 0) return null;
  // two-digit years: ACLED's data begin in 1997, so 97–99 are 1900s
  const y = m[3].length === 4 ? Number(m[3]) : Number(m[3]) >= 97 ? 1900 + Number(m[3]) : 2000 + Number(m[3]);
  const d = Number(m[1]);
  const iso = `${y}-${String(mon + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const check = new Date(`${iso}T00:00:00Z`);
  return check.getUTCDate() === d ? iso : null;
}

/** Every row of an ACLED CSV file as a record keyed by column name, streamed. */
export async function* readAcledFile(file: string): AsyncGenerator<AcledRecord> {
  const parser = createReadStream(file).pipe(parse({ columns: true, bom: true, skip_empty_lines: true, relax_column_count: true }));
  let checked = false;
  for await (const rec of parser as AsyncIterable<AcledRecord>) {
    if (!checked) {
      const missing = REQUIRED.filter((c) => !(c in rec));
      if (missing.length) throw new AcledFormatError('acled.columns', `${file}: expected ACLED columns, missing ${missing.join(', ')}`);
      checked = true;
    }
    yield rec;
  }
}
