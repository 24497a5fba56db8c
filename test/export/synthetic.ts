// Deterministic synthetic incidents for export tests and the export benchmark: every type, actors
// in each role, located and unlocated places, vague and exact counts. Built from the index alone,
// so a million of them cost no memory until they are asked for.
import { ACLED_EVENT, INCIDENT_TYPES, METHODS, type Incident } from '../../src/schema.ts';
import type { ExportIncident } from '../../src/export/fields.ts';

const PLACES = [
  { name: 'Mayadin', admin1: 'Deir ez-Zor', admin2: 'Mayadin', country: 'SY', lat: 35.0192, lon: 40.4517 },
  { name: 'Mosul', admin1: 'Ninewa', admin2: 'Mosul', country: 'IQ', lat: 36.335, lon: 43.1189 },
  { name: 'Nayrab', admin1: 'Idleb', admin2: 'Idleb', country: 'SY', lat: 35.8692, lon: 36.7183 },
  { name: 'Tafas', admin1: "Dar'a", admin2: "Dar'a", country: 'SY', lat: 32.7362, lon: 36.0673 },
];
const PERPS = ['isis', 'syrian_government', 'turkey', 'sdf', 'unidentified_armed_group', 'iraqi_security_forces'];
const VICTIMS = ['civilians', 'journalists', 'protesters', 'syrian_opposition'];

export function syntheticIncident(i: number): ExportIncident {
  // indexes modulo the lists' lengths are always inside them
  const type = INCIDENT_TYPES[i % INCIDENT_TYPES.length]!;
  const place = PLACES[i % PLACES.length]!;
  const located = i % 7 !== 3;
  const day = 1 + (i % 28);
  const month = 1 + (i % 12);
  const date = `2015-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const killed = i % 5;
  const inc: Incident = {
    id: `syn-${i}`,
    type,
    acled: ACLED_EVENT[type],
    violations: i % 3 === 0 ? ['attack_on_civilians'] : [],
    actors: [
      { role: 'perpetrator', id: PERPS[i % PERPS.length]!, name: PERPS[i % PERPS.length]!, span: null },
      { role: 'victim', id: VICTIMS[i % VICTIMS.length]!, name: VICTIMS[i % VICTIMS.length]!, span: null },
    ],
    locations: located
      ? [{ ...place, precision: (1 + (i % 3)) as 1 | 2 | 3, span: null, role: 'location' as const }]
      : [{ name: place.name, lat: null, lon: null, precision: null, span: null }],
    time: { start: date, end: date, precision: 1, text: null, span: null },
    counts: killed
      ? {
          killed: {
            value: killed * 3,
            min: killed * 3,
            max: killed * 3,
            approximate: false,
            text: String(killed * 3),
            span: null,
          },
        }
      : {},
    methods: i % 4 === 0 ? [{ id: METHODS[i % METHODS.length]!, span: null }] : [],
    accusations: i % 11 === 0 ? [{ id: 'espionage', span: null }] : [],
    attribution: null,
    evidence: [{ span: [0, 10] }],
    summary_en: `Synthetic incident ${i}, "quoted", with a comma`,
    confidence: 0.5 + (i % 5) / 10,
  };
  return { ...inc, documentId: `doc-${i >> 3}`, status: 'machine', updatedAt: '2020-05-10T00:00:00Z' };
}

export function* syntheticIncidents(n: number): Generator<ExportIncident> {
  for (let i = 0; i < n; i++) yield syntheticIncident(i);
}
