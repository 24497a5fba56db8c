// Reading a gold directory: NAME.txt beside NAME.gold.json (contract section 6).
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { GoldDocument } from './score.ts';
import { RasidError } from '../errors.ts';

export interface GoldCase {
  name: string;
  text: string;
  gold: GoldDocument;
  lang: string;
}

export function readGoldDir(dir: string): GoldCase[] {
  if (!existsSync(dir)) throw new RasidError('input.missing', `${dir}: no such directory`);
  const out: GoldCase[] = [];
  for (const f of readdirSync(dir).sort()) {
    if (!f.endsWith('.gold.json')) continue;
    const name = f.slice(0, -'.gold.json'.length);
    const txt = join(dir, `${name}.txt`);
    if (!existsSync(txt)) throw new RasidError('input.missing', `${join(dir, f)}: no ${name}.txt beside it`);
    let gold: GoldDocument;
    try {
      gold = JSON.parse(readFileSync(join(dir, f), 'utf8')) as GoldDocument;
    } catch (e) {
      throw new RasidError('input.json', `${join(dir, f)}: not valid JSON (${(e as Error).message})`);
    }
    if (!Array.isArray(gold.incidents))
      throw new RasidError('input.gold', `${join(dir, f)}: expected "incidents": [...]`);
    const lang = gold.lang ?? (/\.en$/.test(name) ? 'en' : 'ar');
    out.push({ name, text: readFileSync(txt, 'utf8'), gold, lang });
  }
  return out;
}
