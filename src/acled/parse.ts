// Reading ACLED CSV files: the 2019+ public export (D-Mon-YY dates, 31 columns with data_id and
// iso3) and the current one and ours (ISO dates, disorder_type, civilian_targeting, tags) both parse.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parse as parseSync } from 'csv-parse/sync';
import { restoreCell } from '../acled-coding/csv-cell.ts';
import { RasidError } from '../errors.ts';

export type AcledRecord = Record<string, string>;

export class AcledFormatError extends RasidError {
  declare readonly code: 'acled.columns' | 'acled.date' | 'acled.file' | 'acled.csv';
  constructor(code: 'acled.columns' | 'acled.date' | 'acled.file' | 'acled.csv', message: string) {
    super(code, message);
  }
}

const REQUIRED = [
  'event_id_cnty',
  'event_date',
  'event_type',
  'sub_event_type',
  'actor1',
  'country',
  'notes',
  'fatalities',
];

const MON = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** ACLED dates as ISO: «2020-05-09», «9-May-20», «09 May 2020», «9 May 2020». */
export function parseAcledDate(s: string): string | null {
  const t = s.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return t;
  const m = /^(\d{1,2})[-\s]([A-Za-z]{3,9})[-\s](\d{2}|\d{4})$/.exec(t);
  if (!m) return null;
  const [, day = '', month = '', year = ''] = m;
  const mon = MON.indexOf(month.slice(0, 3).toLowerCase());
  if (mon < 0) return null;
  // two-digit years: ACLED's data begin in 1997, so 97–99 are 1900s
  const y = year.length === 4 ? Number(year) : Number(year) >= 97 ? 1900 + Number(year) : 2000 + Number(year);
  const d = Number(day);
  const iso = `${y}-${String(mon + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const check = new Date(`${iso}T00:00:00Z`);
  return check.getUTCDate() === d ? iso : null;
}

export type AcledLine =
  { line: number; record: AcledRecord } | { line: number; error: { code: 'acled.csv'; message: string } };

// One CSV record can span lines (a quoted note with line breaks). A record whose quotes never close
// would otherwise swallow the rest of the file, so it ends at this many lines and is refused alone.
const MAX_RECORD_LINES = 200;

function quotesIn(s: string): number {
  let n = 0;
  for (let i = s.indexOf('"'); i >= 0; i = s.indexOf('"', i + 1)) n++;
  return n;
}

// Physical lines grouped into records by quote balance, each with the line it starts on. A record
// cut at MAX_RECORD_LINES is handed on as it is (its parse fails) and reading resumes on its second line.
async function* csvRecords(file: string): AsyncGenerator<{ line: number; text: string }> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  const pending: string[] = [];
  let first = 1;
  const iter = lines[Symbol.asyncIterator]();
  let done = false;
  const queue: string[] = [];
  const next = async (): Promise<string | null> => {
    if (queue.length) return queue.shift()!;
    if (done) return null;
    const r = await iter.next();
    if (r.done) {
      done = true;
      return null;
    }
    return r.value;
  };
  let lineNo = 0;
  let quotes = 0;
  for (;;) {
    const l = await next();
    if (l === null && !pending.length) return;
    if (l !== null) {
      lineNo++;
      if (!pending.length) first = lineNo;
      pending.push(l);
      quotes += quotesIn(l);
      if (quotes % 2 === 0) {
        yield { line: first, text: pending.join('\n') };
        pending.length = 0;
        quotes = 0;
        continue;
      }
      if (pending.length < MAX_RECORD_LINES) continue;
    }
    // a quote that never closes (within the limit, or before the end): that line alone is the record
    // (pending holds at least one line here: the loop returned when both were empty)
    yield { line: first, text: pending[0]! };
    queue.unshift(...pending.slice(1));
    lineNo = first;
    pending.length = 0;
    quotes = 0;
  }
}

/**
 * Every row of an ACLED CSV file, streamed, with the line it starts on. A row that is not valid CSV
 * comes as an error of its own and the rows after it still come (a stray quote in one note must not
 * drop the rest of a file).
 */
export async function* readAcledLines(file: string): AsyncGenerator<AcledLine> {
  let header: string[] | null = null;
  try {
    for await (const rec of csvRecords(file)) {
      const text = header ? rec.text : rec.text.replace(/^\uFEFF/, '');
      if (!text.trim()) continue;
      let cells: string[];
      try {
        const rows: string[][] = parseSync(text, { relax_column_count: true });
        cells = rows[0] ?? [];
      } catch (e) {
        const code = (e as { code?: string }).code ?? 'CSV_ERROR';
        if (!header)
          throw new AcledFormatError('acled.columns', `${file}:${rec.line}: the header row is not valid CSV (${code})`);
        yield { line: rec.line, error: { code: 'acled.csv', message: `not a valid CSV row (${code})` } };
        continue;
      }
      if (!header) {
        header = cells;
        const missing = REQUIRED.filter((c) => !header!.includes(c));
        if (missing.length)
          throw new AcledFormatError('acled.columns', `${file}: expected ACLED columns, missing ${missing.join(', ')}`);
        continue;
      }
      const record: AcledRecord = {};
      header.forEach((c, i) => {
        const cell = cells[i];
        if (cell !== undefined) record[c] = restoreCell(cell);
      });
      yield { line: rec.line, record };
    }
  } catch (e) {
    if (e instanceof AcledFormatError) throw e;
    throw new AcledFormatError('acled.file', `${file}: cannot read (${(e as { code?: string }).code ?? 'error'})`);
  }
}

/** The valid rows of an ACLED CSV file as records keyed by column name, streamed. */
export async function* readAcledFile(file: string): AsyncGenerator<AcledRecord> {
  for await (const l of readAcledLines(file)) if ('record' in l) yield l.record;
}
