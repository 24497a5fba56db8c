// Readers for GeoNames' standard dump files: the `geoname` table (country files such as SY.txt,
// allCountries.txt, cities500/1000/5000/15000.txt) and alternateNamesV2.txt. Both are TAB-separated,
// UTF-8, without a header; a line is read as it streams so a 1.5 GB dump needs no more memory than a line.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { PlaceKind } from './types.ts';
import { RasidError } from '../errors.ts';

export interface GeonameRow {
  geonameId: number;
  name: string;
  asciiName: string;
  alternateNames: string[];
  lat: number;
  lon: number;
  featureClass: string;
  featureCode: string;
  country: string;
  admin1: string;
  admin2: string;
  admin3: string;
  population: number;
  modified: string;
}

export interface AlternateNameRow {
  alternateNameId: number;
  geonameId: number;
  lang: string;
  name: string;
  preferred: boolean;
  short: boolean;
  colloquial: boolean;
  historic: boolean;
}

export class GeonamesFormatError extends RasidError {
  constructor(message: string) {
    super('geonames.format', message);
  }
}

/** A `geoname` line (19 columns), or null when the line is not one. */
export function parseGeonameLine(line: string): GeonameRow | null {
  const c = line.split('\t');
  if (c.length < 19) return null;
  const geonameId = Number(c[0]);
  const lat = Number(c[4]);
  const lon = Number(c[5]);
  if (!Number.isInteger(geonameId) || !Number.isFinite(lat) || !Number.isFinite(lon)) return null;
  return {
    geonameId,
    name: c[1]!,
    asciiName: c[2]!,
    alternateNames: c[3] ? c[3].split(',').filter(Boolean) : [],
    lat,
    lon,
    featureClass: c[6]!,
    featureCode: c[7]!,
    country: c[8]!,
    admin1: c[10]!,
    admin2: c[11]!,
    admin3: c[12]!,
    population: Number(c[14]) || 0,
    modified: c[18]!,
  };
}

/** An alternateNamesV2 line (10 columns; the older alternateNames.txt has 8), or null. */
export function parseAlternateNameLine(line: string): AlternateNameRow | null {
  const c = line.split('\t');
  if (c.length < 8) return null;
  const alternateNameId = Number(c[0]);
  const geonameId = Number(c[1]);
  if (!Number.isInteger(alternateNameId) || !Number.isInteger(geonameId)) return null;
  return {
    alternateNameId,
    geonameId,
    lang: c[2]!,
    name: c[3]!,
    preferred: c[4] === '1',
    short: c[5] === '1',
    colloquial: c[6] === '1',
    historic: c[7] === '1',
  };
}

/** Which table a dump holds, judged by its first data line (names can lie: users rename files). */
export function sniffDumpKind(firstLine: string): 'geoname' | 'alternate' | null {
  if (parseGeonameLine(firstLine)) return 'geoname';
  if (parseAlternateNameLine(firstLine)) return 'alternate';
  return null;
}

export async function* readLines(file: string, startByte = 0): AsyncGenerator<{ line: string; bytesAfter: number }> {
  const stream = createReadStream(file, { start: startByte });
  const rl = createInterface({ input: stream, crlfDelay: Infinity });
  let bytes = startByte;
  for await (const line of rl) {
    bytes += Buffer.byteLength(line, 'utf8') + 1;
    yield { line, bytesAfter: bytes };
  }
}

/** Our kind for a GeoNames feature code (P = populated place, A = administrative division). */
export function kindOfFeature(featureClass: string, featureCode: string, population: number): PlaceKind | null {
  if (featureClass === 'A') {
    if (featureCode === 'PCLI' || featureCode === 'PCL') return 'country';
    if (featureCode === 'ADM1') return 'governorate';
    if (featureCode === 'ADM2') return 'district';
    if (featureCode === 'ADM3') return 'subdistrict';
    return null;
  }
  if (featureClass === 'P') {
    if (featureCode === 'PPLX') return 'quarter';
    if (featureCode === 'PPLC' || featureCode === 'PPLA' || population >= 100000) return 'city';
    if (featureCode === 'PPLA2' || featureCode === 'PPLA3' || population >= 5000) return 'town';
    return 'village';
  }
  if (featureClass === 'S') return 'site';
  return null;
}

const ARABIC = /[\u0600-\u06ff]/;
const LATIN = /^[\p{Script=Latin}\p{M}\s'’‘`ʿʾ.-]+$/u;

export function isArabicName(s: string): boolean {
  return ARABIC.test(s);
}

export function isLatinName(s: string): boolean {
  return LATIN.test(s);
}
