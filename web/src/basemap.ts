// The offline basemap: country outlines from world-atlas (Natural Earth 1:50m) turned into GeoJSON
// once, so the map works with no network at all.
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countries50m from 'world-atlas/countries-50m.json' with { type: 'json' };

const topo = countries50m as unknown as Topology<{
  countries: GeometryCollection<{ name: string }>;
  land: GeometryCollection;
}>;

export function countryShapes(): FeatureCollection<Geometry, { name: string }> {
  return feature(topo, topo.objects.countries) as FeatureCollection<Geometry, { name: string }>;
}

/** Shared borders drawn once instead of twice (one line per border, not per country). */
export function borders(): Feature {
  return { type: 'Feature', properties: {}, geometry: mesh(topo, topo.objects.countries, (a, b) => a !== b) };
}
