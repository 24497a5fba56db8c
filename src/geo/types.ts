// The gazetteer's data model. An entry is one place on the map; a mention is one place name in a
// text with the entry it resolved to (or null when nothing could be settled).
export type PlaceKind =
  'country' | 'governorate' | 'district' | 'subdistrict' | 'city' | 'town' | 'village' | 'quarter' | 'site';

export const PLACE_KINDS: readonly PlaceKind[] = [
  'country',
  'governorate',
  'district',
  'subdistrict',
  'city',
  'town',
  'village',
  'quarter',
  'site',
];

export interface GazetteerEntry {
  /** 'geonames:170794' | 'ocha:SY0901' | 'rasid:omar-oil-field' */
  id: string;
  /** English display name */
  name: string;
  names_ar: string[];
  names_en: string[];
  lat: number;
  lon: number;
  kind: PlaceKind;
  /** oil_field, dam, airport, air_base, prison, camp, border_crossing, … */
  site?: string;
  /** ISO2 */
  country: string;
  admin1: string | null;
  admin2: string | null;
  admin3?: string | null;
  pcode?: string | null;
  geonames_id?: number | null;
  population?: number | null;
}

export interface PlaceIssue {
  code: string;
  stage: string;
  message: string;
  span: [number, number] | null;
}

export interface PlaceMention {
  tokenStart: number;
  tokenEnd: number;
  rawStart: number;
  rawEnd: number;
  /** a.raw.slice(rawStart, rawEnd) === text */
  text: string;
  entry: GazetteerEntry | null;
  /** ACLED: 1 the town itself, 2 near it / a quarter / part of a district, 3 only governorate/region */
  precision: 1 | 2 | 3;
  role: 'location' | 'origin' | 'destination';
  rule: string;
  /** tokenStart of the mention named as this one's parent («حي الزهراء بحمص»: Homs for al-Zahraa) */
  parentStart?: number;
  issues?: PlaceIssue[];
}
