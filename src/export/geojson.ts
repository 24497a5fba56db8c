// GeoJSON (RFC 7946): one FeatureCollection, one Feature per incident, coordinates [lon, lat] in
// WGS 84. An incident without coordinates keeps its Feature with `"geometry": null` (RFC 7946
// §3.2 allows it) so a GeoJSON export never silently holds fewer incidents than the other formats;
// `unlocated: 'skip'` drops them instead for tools that refuse null geometry.
import { ACLED_EVENT } from '../schema.ts';
import {
  actorsByRole,
  countValue,
  isoDay,
  locatedPlace,
  primaryLocation,
  round6,
  type ExportIncident,
} from './fields.ts';

export interface GeoJsonOptions {
  unlocated?: 'null' | 'skip';
}

export interface Feature {
  type: 'Feature';
  id: string;
  geometry: { type: 'Point'; coordinates: [number, number] } | null;
  properties: Record<string, string | number | boolean | null>;
}

export const FEATURE_COLLECTION_HEAD = '{"type":"FeatureCollection","features":[\n';
export const FEATURE_COLLECTION_TAIL = '\n]}\n';

function ids(inc: ExportIncident, role: 'perpetrator' | 'victim' | 'target'): string | null {
  const xs = actorsByRole(inc, role).map((a) => a.id);
  return xs.length ? [...new Set(xs)].join(';') : null;
}

export function toFeature(inc: ExportIncident): Feature {
  const place = locatedPlace(inc) ?? primaryLocation(inc);
  const acled = inc.acled ?? ACLED_EVENT[inc.type];
  const geometry =
    place && place.lat !== null && place.lon !== null
      ? { type: 'Point' as const, coordinates: [round6(place.lon), round6(place.lat)] as [number, number] }
      : null;
  return {
    type: 'Feature',
    id: inc.id,
    geometry,
    properties: {
      type: inc.type,
      event_type: acled?.event_type ?? null,
      sub_event_type: acled?.sub_event_type ?? null,
      date_start: isoDay(inc.time?.start),
      date_end: isoDay(inc.time?.end),
      time_precision: inc.time?.precision ?? null,
      location: place?.name ?? null,
      admin1: place?.admin1 ?? null,
      admin2: place?.admin2 ?? null,
      country: place?.country ?? null,
      geo_precision: place?.precision ?? null,
      gazetteer_id: place?.gazetteer_id ?? null,
      perpetrators: ids(inc, 'perpetrator'),
      victims: ids(inc, 'victim'),
      targets: ids(inc, 'target'),
      killed: countValue(inc, 'killed'),
      injured: countValue(inc, 'injured'),
      arrested: countValue(inc, 'arrested'),
      abducted: countValue(inc, 'abducted'),
      displaced: countValue(inc, 'displaced'),
      violations: inc.violations.join(';') || null,
      methods: inc.methods.map((m) => m.id).join(';') || null,
      summary_en: inc.summary_en,
      confidence: inc.confidence,
      status: inc.status ?? null,
      document_id: inc.documentId ?? null,
    },
  };
}

/** The text of each feature, comma-separated, between the collection's head and tail. */
export async function* geojsonChunks(
  incidents: AsyncIterable<ExportIncident>,
  opts: GeoJsonOptions = {},
): AsyncGenerator<string> {
  yield FEATURE_COLLECTION_HEAD;
  let first = true;
  for await (const inc of incidents) {
    const f = toFeature(inc);
    if (!f.geometry && opts.unlocated === 'skip') continue;
    yield (first ? '' : ',\n') + JSON.stringify(f);
    first = false;
  }
  yield FEATURE_COLLECTION_TAIL;
}
