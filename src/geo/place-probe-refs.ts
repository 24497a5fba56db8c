// Reference places for the Arabic place probe (place-probe.ts): Syrian sub-district and district seats
// from OCHA's admin tables (Arabic name joined to the seat's coordinates by P-code) and the Syrian and
// Iraqi towns of GeoNames cities500 with an Arabic alternate name. Read from ../shared/data, which the
// project does not ship: callers check `referencesPresent` first.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { arabicKey } from './gazetteer.ts';
import { parseGeonameLine } from './geonames-dump.ts';
import { ADMIN1_NAMES, arabicNamesOf } from './geonames-entries.ts';

export interface RefPlace {
  /** the Arabic name as the reference writes it (admin prefixes such as «مركز» removed) */
  nameAr: string;
  lat: number;
  lon: number;
  country: 'SY' | 'IQ';
  /** OCHA/ACLED English governorate name, as gazetteer entries carry it */
  admin1: string;
  /** Arabic district name, where the reference gives one (OCHA rows) */
  districtAr: string | null;
  source: string;
}

const ocha = (dir: string) => join(dir, 'syria-admin-ocha');
const geonames = (dir: string) => join(dir, 'geonames', 'cities500_SY_IQ.txt');

export function referencesPresent(dir: string): boolean {
  return existsSync(join(ocha(dir), 'syr_admin3.csv')) && existsSync(geonames(dir));
}

const PREFIX = /^(مركز|محافظة|محافظه|قضاء|ناحية|ناحيه|مدينة|مدينه|بلدة|بلده|قرية|قريه)\s+/;

function csv(file: string): Array<Record<string, string>> {
  return parse<Record<string, string>>(readFileSync(file, 'utf8'), { columns: true });
}

/** OCHA sub-district and district seats: the Arabic admin name placed on its capital's point. */
function ochaSeats(dir: string): RefPlace[] {
  const seats = new Map<string, { lat: number; lon: number }>();
  for (const r of csv(join(ocha(dir), 'syr_admincapitals.csv'))) {
    const level = r.adm_p_lvl;
    const pcode = level === '3' ? r.adm3_pcode : level === '2' ? r.adm2_pcode : null;
    if (pcode) seats.set(pcode, { lat: Number(r.y_coord), lon: Number(r.x_coord) });
  }
  const out: RefPlace[] = [];
  for (const level of ['2', '3']) {
    for (const r of csv(join(ocha(dir), `syr_admin${level}.csv`))) {
      const seat = seats.get(r[`adm${level}_pcode`] ?? '');
      const name = (r[`adm${level}_name1`] ?? '').replace(PREFIX, '').trim();
      if (!seat || !name || !r.adm1_name) continue;
      out.push({
        nameAr: name,
        lat: seat.lat,
        lon: seat.lon,
        country: 'SY',
        admin1: r.adm1_name,
        districtAr: level === '3' ? (r.adm2_name1 ?? '').replace(PREFIX, '').trim() || null : null,
        source: `ocha:${r[`adm${level}_pcode`]}`,
      });
    }
  }
  return out;
}

/** GeoNames towns of Syria and Iraq, one row per Arabic spelling (prefixes removed, duplicates dropped). */
function geonamesTowns(dir: string): RefPlace[] {
  const out: RefPlace[] = [];
  for (const line of readFileSync(geonames(dir), 'utf8').split('\n')) {
    const r = parseGeonameLine(line);
    if (!r || (r.country !== 'SY' && r.country !== 'IQ')) continue;
    const admin1 = ADMIN1_NAMES[r.country]?.[r.admin1];
    if (!admin1) continue;
    const seen = new Set<string>();
    for (const n of arabicNamesOf(r)) {
      const name = n.replace(PREFIX, '').trim();
      const k = arabicKey(name);
      if (k.length < 3 || seen.has(k)) continue;
      seen.add(k);
      out.push({
        nameAr: name,
        lat: r.lat,
        lon: r.lon,
        country: r.country,
        admin1,
        districtAr: null,
        source: `geonames:${r.geonameId}`,
      });
    }
  }
  return out;
}

export function readReferences(dir: string): RefPlace[] {
  return [...ochaSeats(dir), ...geonamesTowns(dir)];
}
