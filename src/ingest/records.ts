// .json and .jsonl files of ready-made records `{text, url, published, lang, title}` — what a
// scraper or another tool hands over. A bad record fails alone; the file's other records land.
import { z } from 'zod';
import { RasidError } from '../errors.ts';

export const RecordSchema = z.object({
  text: z.string().refine((s) => s.trim().length > 0, 'text is empty'),
  url: z.string().url().nullish(),
  published: z.string().nullish(),
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
  return { position, error: new RasidError('input.record', `${label}#${position}: ${where}: ${first?.message ?? 'invalid'}; expected {text, url, published, lang, title}`) };
}

export function parseRecords(text: string, format: 'json' | 'jsonl', label: string): ParsedRecord[] {
  if (format === 'jsonl') {
    const out: ParsedRecord[] = [];
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i].trim();
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
