// The gazetteer against reference data in ../shared/data (OCHA Syria admin units, GeoNames cities500
// for Syria and Iraq): an entry whose Arabic or English name is found there lies within 10 km of a
// reference place of that name, 30 km for governorates and districts. Quarters and sites are not in
// the references (a quarter «الحميدية» shares its name with towns elsewhere), so they are not checked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { arabicKey, englishKey, readBuiltinEntries } from './gazetteer.ts';
import { distanceKm } from './find-places.ts';
import { parseGeonameLine } from './geonames-dump.ts';
import { ADMIN1_NAMES } from './geonames-entries.ts';

const SHARED = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'data');
const OCHA = join(SHARED, 'syria-admin-ocha');
const GEONAMES = join(SHARED, 'geonames', 'cities500_SY_IQ.txt');
const present = existsSync(OCHA) && existsSync(GEONAMES);

interface Ref {
  names: string[];
  lat: number;
  lon: number;
  source: string;
  country: string;
  /** OCHA English governorate name, as the gazetteer's admin1 */
  admin1: string | null;
}

function ochaRefs(): Ref[] {
  const out: Ref[] = [];
  for (const f of readdirSync(OCHA).filter((x) => /^syr_admin[123]\.csv$/.test(x))) {
    const level = f.match(/admin(\d)/)![1];
    const rows = parse(readFileSync(join(OCHA, f), 'utf8'), { columns: true }) as Array<Record<string, string>>;
    for (const r of rows) {
      out.push({
        names: [r[`adm${level}_name`], r[`adm${level}_name1`], r[`adm${level}_ref_n`]].filter((x): x is string => !!x),
        lat: Number(r.center_lat),
        lon: Number(r.center_lon),
        source: `ocha:${r[`adm${level}_pcode`]}`,
        country: 'SY',
        admin1: r.adm1_name!,
      });
    }
  }
  const points = parse(readFileSync(join(OCHA, 'syr_adminpoints.csv'), 'utf8'), { columns: true }) as Array<
    Record<string, string>
  >;
  for (const r of points) {
    out.push({
      names: [r.name, r.name1].filter((x): x is string => !!x),
      lat: Number(r.y_coord),
      lon: Number(r.x_coord),
      source: 'ocha:point',
      country: 'SY',
      admin1: r.adm1_name || null,
    });
  }
  return out;
}

function geonamesRefs(): Ref[] {
  const out: Ref[] = [];
  for (const line of readFileSync(GEONAMES, 'utf8').split('\n')) {
    const r = parseGeonameLine(line);
    if (r) {
      out.push({
        names: [r.name, r.asciiName, ...r.alternateNames],
        lat: r.lat,
        lon: r.lon,
        source: `geonames:${r.geonameId}`,
        country: r.country,
        admin1: ADMIN1_NAMES[r.country]?.[r.admin1] ?? null,
      });
    }
  }
  return out;
}

const key = (s: string) =>
  /[\u0600-\u06ff]/.test(s) ? `ar:${arabicKey(s).replace(/^مركز /, '')}` : `en:${englishKey(s)}`;

test(
  'gazetteer entries lie near the reference places that share their names',
  { skip: present ? false : `../shared/data not found at ${SHARED}` },
  () => {
    const refs = [...ochaRefs(), ...geonamesRefs()];
    const byName = new Map<string, Ref[]>();
    for (const r of refs) {
      for (const n of new Set(r.names.map(key))) {
        if (n.length < 5) continue;
        const list = byName.get(n) ?? [];
        list.push(r);
        byName.set(n, list);
      }
    }
    let checked = 0;
    const far: string[] = [];
    for (const e of readBuiltinEntries()) {
      if (e.country !== 'SY' && e.country !== 'IQ') continue;
      if (e.kind === 'quarter' || e.kind === 'site' || e.kind === 'country') continue;
      const matches = new Set<Ref>();
      // homonyms are common («الصفصافة» in Tartous and in Raqqa): compare within the same governorate
      for (const n of [...e.names_ar, ...e.names_en]) {
        for (const r of byName.get(key(n)) ?? []) {
          if (r.country === e.country && (!r.admin1 || !e.admin1 || e.kind === 'governorate' || r.admin1 === e.admin1))
            matches.add(r);
        }
      }
      if (!matches.size) continue;
      checked++;
      const limit = e.kind === 'governorate' || e.kind === 'district' ? 30 : 10;
      const nearest = Math.min(...[...matches].map((r) => distanceKm(e, r)));
      if (nearest > limit)
        far.push(
          `${e.id} ${e.name}: ${nearest.toFixed(1)} km from the nearest reference of that name (limit ${limit}; ${[...matches].map((r) => r.source).join(' ')})`,
        );
    }
    assert.ok(checked > 500, `only ${checked} entries matched a reference name`);
    assert.deepEqual(far, []);
  },
);
