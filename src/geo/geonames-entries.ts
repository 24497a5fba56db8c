// From GeoNames rows to gazetteer entries: names sorted into Arabic and English, admin codes turned
// into the OCHA/ACLED English names that the rest of Rasid (and ACLED exports) use.
import { isArabicName, isLatinName, kindOfFeature, type GeonameRow } from './geonames-dump.ts';
import type { GazetteerEntry } from './types.ts';

// GeoNames admin1 codes → OCHA (Syria) and common English (Iraq) governorate names.
export const ADMIN1_NAMES: Record<string, Record<string, string>> = {
  SY: {
    '01': 'Al-Hasakeh',
    '02': 'Lattakia',
    '03': 'Quneitra',
    '04': 'Ar-Raqqa',
    '05': 'As-Sweida',
    '06': "Dar'a",
    '07': 'Deir-ez-Zor',
    '08': 'Rural Damascus',
    '09': 'Aleppo',
    '10': 'Hama',
    '11': 'Homs',
    '12': 'Idleb',
    '13': 'Damascus',
    '14': 'Tartous',
  },
  IQ: {
    '01': 'Anbar',
    '02': 'Basrah',
    '03': 'Muthanna',
    '04': 'Qadissiya',
    '05': 'Sulaymaniyah',
    '06': 'Babil',
    '07': 'Baghdad',
    '08': 'Duhok',
    '09': 'Thi-Qar',
    '10': 'Diyala',
    '11': 'Erbil',
    '12': 'Kerbala',
    '13': 'Kirkuk',
    '14': 'Missan',
    '15': 'Ninewa',
    '16': 'Wassit',
    '17': 'Najaf',
    '18': 'Salah al-Din',
    '19': 'Halabja',
  },
};

// Kurdish and Persian letters: names written with them are not Arabic spellings a report would use.
const NON_ARABIC_LETTERS = /[پچژگڤڵڕێۆەھۇیکۋ]/;

export function arabicNamesOf(row: GeonameRow): string[] {
  const out: string[] = [];
  for (const n of row.alternateNames) {
    const s = n.trim();
    if (isArabicName(s) && !NON_ARABIC_LETTERS.test(s) && !/[A-Za-z]/.test(s) && !out.includes(s)) out.push(s);
  }
  return out;
}

/** Spelling-insensitive form used to drop variants that differ only in diacritics, case or hyphens. */
function latinFold(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

export function englishNamesOf(row: GeonameRow): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (s: string) => {
    const t = s.trim();
    const k = latinFold(t);
    if (t.length >= 3 && isLatinName(t) && k.length >= 3 && !seen.has(k)) {
      seen.add(k);
      out.push(t);
    }
  };
  add(row.name);
  add(row.asciiName);
  // outside Syria and Iraq the GeoNames name is enough: the many alternates of Turkish villages cost
  // load time and bring nothing a report writes
  if (row.country !== 'SY' && row.country !== 'IQ') return out;
  // all-lowercase alternates are machine transliterations of the Arabic («am qsr»), not spellings
  for (const n of row.alternateNames) if (n !== n.toLowerCase()) add(n);
  return out;
}

/** Seats of admin units (PPLA/PPLA2) name the admin units that share their codes. */
export function adminNameIndex(rows: GeonameRow[]): Map<string, string> {
  const idx = new Map<string, string>();
  for (const r of rows) {
    if (r.featureClass !== 'P') continue;
    if (r.featureCode === 'PPLA2') idx.set(`${r.country}.${r.admin1}.${r.admin2}`, r.asciiName || r.name);
    if (r.featureCode === 'PPLA3' && r.admin3)
      idx.set(`${r.country}.${r.admin1}.${r.admin2}.${r.admin3}`, r.asciiName || r.name);
    if (r.featureCode === 'PPLA' && !ADMIN1_NAMES[r.country])
      idx.set(`${r.country}.${r.admin1}`, r.asciiName || r.name);
  }
  return idx;
}

export function entryFromGeoname(row: GeonameRow, adminIdx: Map<string, string> = new Map()): GazetteerEntry | null {
  const kind = kindOfFeature(row.featureClass, row.featureCode, row.population);
  if (!kind) return null;
  const admin1 = ADMIN1_NAMES[row.country]?.[row.admin1] ?? adminIdx.get(`${row.country}.${row.admin1}`) ?? null;
  const admin2 = row.admin2 ? (adminIdx.get(`${row.country}.${row.admin1}.${row.admin2}`) ?? null) : null;
  const admin3 = row.admin3 ? (adminIdx.get(`${row.country}.${row.admin1}.${row.admin2}.${row.admin3}`) ?? null) : null;
  return {
    id: `geonames:${row.geonameId}`,
    name: row.asciiName || row.name,
    names_ar: arabicNamesOf(row),
    names_en: englishNamesOf(row),
    lat: row.lat,
    lon: row.lon,
    kind,
    country: row.country,
    admin1,
    admin2,
    admin3,
    pcode: null,
    geonames_id: row.geonameId,
    population: row.population || null,
  };
}

/** Gazetteer entries of GeoNames rows (admin names resolved among the rows themselves); unnamed ones dropped. */
export function entriesFromGeonames(rows: GeonameRow[]): GazetteerEntry[] {
  const idx = adminNameIndex(rows);
  const out: GazetteerEntry[] = [];
  for (const r of rows) {
    const e = entryFromGeoname(r, idx);
    if (e && (e.names_ar.length || e.names_en.length)) out.push(e);
  }
  return out;
}
