// .json and .jsonl files of ready-made records `{text, url, published, lang, title}` — what a
// scraper or another tool hands over. A bad record fails alone; the file's other records land.
import { z } from 'zod';
import { RasidError } from '../errors.ts';

export const RecordSchema = z.object({
  text: z.string().refine((s) => s.trim().length > 0, 'text is empty'),
  url: z.string().url().nullish(),
  // a date (2016-07-05) or timestamp; the day as written is kept, whatever the time zone
  published: z
    .string()
    .nullish()
    .transform((v, ctx) => {
      if (!v) return null;
      const iso = v.match(/^(\d{4}-\d{2}-\d{2})(?:[T ]|$)/)?.[1];
      if (iso && !Number.isNaN(Date.parse(iso))) return iso;
      const t = Date.parse(v);
      if (!Number.isNaN(t)) return new Date(t).toISOString().slice(0, 10);
      ctx.addIssue({ code: 'custom', message: `expected a date such as 2016-07-05, found "${v.slice(0, 40)}"` });
      return z.NEVER;
    }),
  lang: z.enum(['ar', 'en']).nullish(),
  title: z.string().nullish(),
  id: z.string().nullish(),
});
export type DocumentRecord = z.infer<typeof RecordSchema>;

export interface ParsedRecord {
  /** 1-based line (jsonl) or array index (json) */
  position: number;
  record?: DocumentRecord;
  error?: RasidError;
}

function check(value: unknown, position: number, label: string): ParsedRecord {
  const r = RecordSchema.safeParse(value);
  if (r.success) return { position, record: r.data };
  const first = r.error.issues[0];
  const where = first?.path.length ? first.path.join('.') : 'record';
  return {
    position,
    error: new RasidError(
      'input.record',
      `${label}#${position}: ${where}: ${first?.message ?? 'invalid'}; expected {text, url, published, lang, title}`,
    ),
  };
}

export function parseRecords(text: string, format: 'json' | 'jsonl', label: string): ParsedRecord[] {
  if (format === 'jsonl') {
    const out: ParsedRecord[] = [];
    const lines = text.split('\n');
    for (const [i, raw] of lines.entries()) {
      const line = raw.trim();
      if (!line) continue;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        out.push({ position: i + 1, error: new RasidError('input.json', `${label}#${i + 1}: not valid JSON`) });
        continue;
      }
      out.push(check(value, i + 1, label));
    }
    if (out.length === 0) throw new RasidError('input.empty', `${label}: no records`);
    return out;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new RasidError('input.json', `${label}: not valid JSON`);
  }
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0) throw new RasidError('input.empty', `${label}: no records`);
  return list.map((v, i) => check(v, i + 1, label));
}
