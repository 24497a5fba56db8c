// Lexicon files: blocks headed by an id in brackets, then `key = value` lines. `match` holds the
// patterns (variants split by «|»); `example` lines must fire the entry and `counter` lines must
// not (a test runs both); other keys are attributes of the entry (type, role, violations…).
//
//   [execution.verb]
//   type = execution
//   match = اعدم* | نفذ* حكم الاعدام
//   example = أعدم تنظيم داعش ثلاثة رجال في الميادين
//   counter = هدد التنظيم بإعدام الأسرى
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RasidError } from '../errors.ts';

export interface LexiconEntry {
  id: string;
  file: string;
  line: number;
  match: string[];
  examples: string[];
  counters: string[];
  attrs: Record<string, string>;
}

export class LexiconFormatError extends RasidError {
  constructor(message: string) {
    super('lexicon.format', message);
  }
}

export const LEXICON_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'lexicons');

export function parseLexicon(text: string, file: string): LexiconEntry[] {
  const entries: LexiconEntry[] = [];
  let cur: LexiconEntry | null = null;
  const lines = text.split(/\r?\n/);
  lines.forEach((rawLine, idx) => {
    const line = rawLine.trim();
    if (!line || line.startsWith('#')) return;
    const head = /^\[([^\]]+)\]$/.exec(line);
    if (head) {
      cur = { id: head[1]!.trim(), file, line: idx + 1, match: [], examples: [], counters: [], attrs: {} };
      entries.push(cur);
      return;
    }
    const kv = /^([a-z_]+)\s*=\s*(.*)$/.exec(line);
    if (!kv || !cur)
      throw new LexiconFormatError(
        `${file}:${idx + 1}: expected "[id]" or "key = value", found "${line.slice(0, 40)}"`,
      );
    const [, key = '', value = ''] = kv;
    const entry: LexiconEntry = cur;
    if (key === 'match')
      entry.match.push(
        ...value
          .split('|')
          .map((s) => s.trim())
          .filter(Boolean),
      );
    else if (key === 'example') entry.examples.push(value);
    else if (key === 'counter') entry.counters.push(value);
    else entry.attrs[key] = value;
  });
  return entries;
}

const cache = new Map<string, LexiconEntry[]>();

/** Entries of lexicons/<lang>/<name>.txt (empty when the file does not exist). */
export function loadLexicon(lang: 'ar' | 'en', name: string, dir = LEXICON_DIR): LexiconEntry[] {
  const file = join(dir, lang, `${name}.txt`);
  const hit = cache.get(file);
  if (hit) return hit;
  const entries = existsSync(file) ? parseLexicon(readFileSync(file, 'utf8'), `${lang}/${name}.txt`) : [];
  cache.set(file, entries);
  return entries;
}

export function lexiconFiles(dir = LEXICON_DIR): Array<{ lang: 'ar' | 'en'; name: string }> {
  const out: Array<{ lang: 'ar' | 'en'; name: string }> = [];
  for (const lang of ['ar', 'en'] as const) {
    const d = join(dir, lang);
    if (!existsSync(d)) continue;
    for (const f of readdirSync(d).sort()) if (f.endsWith('.txt')) out.push({ lang, name: f.slice(0, -4) });
  }
  return out;
}
