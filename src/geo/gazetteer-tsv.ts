// The gazetteer's file format: one TSV per source in gazetteer/, a header line naming the columns,
// names split by «|». Authored files and the generated GeoNames file share it.
import type { GazetteerEntry, PlaceKind } from './types.ts';
import { PLACE_KINDS } from './types.ts';
import { RasidError } from '../errors.ts';

export const COLUMNS = [
  'id',
  'kind',
  'site',
  'country',
  'admin1',
  'admin2',
  'admin3',
  'pcode',
  'geonames_id',
  'population',
  'lat',
  'lon',
  'name',
  'names_en',
  'names_ar',
] as const;

export class GazetteerFormatError extends RasidError {
  constructor(message: string) {
    super('gazetteer.format', message);
  }
}

const opt = (s: string | undefined): string | null => (s && s.trim() ? s.trim() : null);
const list = (s: string | undefined): string[] =>
  s
    ? s
        .split('|')
        .map((x) => x.trim())
        .filter(Boolean)
    : [];

export function parseGazetteerTsv(text: string, file: string): GazetteerEntry[] {
  const lines = text.split(/\r?\n/);
  const header = lines[0]!.split('\t');
  const col = new Map(header.map((h, i) => [h.trim(), i]));
  for (const c of ['id', 'kind', 'country', 'lat', 'lon', 'name']) {
    if (!col.has(c)) throw new GazetteerFormatError(`${file}: missing column ${c}`);
  }
  const out: GazetteerEntry[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.trim() || line.startsWith('#')) continue;
    const c = line.split('\t');
    const get = (k: string) => {
      const j = col.get(k);
      return j === undefined ? undefined : c[j];
    };
    const kind = (get('kind') ?? '').trim() as PlaceKind;
    const lat = Number(get('lat'));
    const lon = Number(get('lon'));
    const id = (get('id') ?? '').trim();
    if (
      !id ||
      !PLACE_KINDS.includes(kind) ||
      !Number.isFinite(lat) ||
      !Number.isFinite(lon) ||
      Math.abs(lat) > 90 ||
      Math.abs(lon) > 180
    ) {
      throw new GazetteerFormatError(`${file}:${i + 1}: bad entry (id, kind or coordinates)`);
    }
    const name = (get('name') ?? '').trim();
    const namesEn = list(get('names_en'));
    if (name && !namesEn.includes(name)) namesEn.unshift(name);
    const gid = opt(get('geonames_id'));
    const pop = opt(get('population'));
    const e: GazetteerEntry = {
      id,
      name,
      names_ar: list(get('names_ar')),
      names_en: namesEn,
      lat,
      lon,
      kind,
      country: (get('country') ?? '').trim(),
      admin1: opt(get('admin1')),
      admin2: opt(get('admin2')),
      admin3: opt(get('admin3')),
      pcode: opt(get('pcode')),
      geonames_id: gid ? Number(gid) : null,
      population: pop ? Number(pop) : null,
    };
    const site = opt(get('site'));
    if (site) e.site = site;
    out.push(e);
  }
  return out;
}

export function formatGazetteerTsv(entries: GazetteerEntry[]): string {
  const rows = [COLUMNS.join('\t')];
  for (const e of entries) {
    const v: Record<(typeof COLUMNS)[number], string> = {
      id: e.id,
      kind: e.kind,
      site: e.site ?? '',
      country: e.country,
      admin1: e.admin1 ?? '',
      admin2: e.admin2 ?? '',
      admin3: e.admin3 ?? '',
      pcode: e.pcode ?? '',
      geonames_id: e.geonames_id != null ? String(e.geonames_id) : '',
      population: e.population != null ? String(e.population) : '',
      lat: String(e.lat),
      lon: String(e.lon),
      name: e.name,
      names_en: e.names_en.filter((n) => n !== e.name).join('|'),
      names_ar: e.names_ar.join('|'),
    };
    rows.push(COLUMNS.map((c) => v[c].replace(/[\t\n]/g, ' ')).join('\t'));
  }
  return rows.join('\n') + '\n';
}
