import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { writeExport, EXPORT_FORMATS, ExportError, type ExportFormat } from './index.ts';
import { ACLED_COLUMNS, interaction, disorderType } from './acled-csv.ts';
import { HXL_COLUMNS } from './hxl.ts';
import { acledNotes, datePhrase } from './acled-notes.ts';
import { syntheticIncident, syntheticIncidents } from '../../test/export/synthetic.ts';
import { ACLED_EVENT, Incident, type Incident as IncidentT } from '../schema.ts';
import type { ExportIncident } from './fields.ts';

class Collect extends Writable {
  chunks: string[] = [];
  override _write(chunk: Buffer | string, _enc: BufferEncoding, cb: (e?: Error | null) => void) {
    this.chunks.push(chunk.toString());
    cb();
  }
  get text() {
    return this.chunks.join('');
  }
}

async function exportText(format: ExportFormat, incidents: Iterable<ExportIncident>, opts = {}): Promise<string> {
  const out = new Collect();
  await writeExport(format, incidents, out, { now: 1_600_000_000, ...opts });
  return out.text;
}

const HXL_TAG = /^#[a-z][a-z0-9_]*(\s*\+[a-z][a-z0-9_]*)*$/;

test('ACLED CSV: header is ACLED public columns in ACLED order, one full row per incident', async () => {
  const text = await exportText('acled', syntheticIncidents(60));
  const rows = parse(text) as string[][];
  assert.deepEqual(rows[0], [
    'event_id_cnty',
    'event_date',
    'year',
    'time_precision',
    'disorder_type',
    'event_type',
    'sub_event_type',
    'actor1',
    'assoc_actor_1',
    'inter1',
    'actor2',
    'assoc_actor_2',
    'inter2',
    'interaction',
    'civilian_targeting',
    'iso',
    'region',
    'country',
    'admin1',
    'admin2',
    'admin3',
    'location',
    'latitude',
    'longitude',
    'geo_precision',
    'source',
    'source_scale',
    'notes',
    'fatalities',
    'tags',
    'timestamp',
  ]);
  assert.equal(rows.length, 61);
  for (const r of rows.slice(1)) assert.equal(r.length, ACLED_COLUMNS.length);
  const byId = new Map(rows.slice(1).map((r) => [r[0], Object.fromEntries(ACLED_COLUMNS.map((c, i) => [c, r[i]]))]));
  const first = byId.get('SYR-syn-0')!;
  assert.equal(first.actor1, 'Islamic State (Syria)');
  assert.equal(first.inter1, '2');
  assert.equal(first.actor2, 'Civilians (Syria)');
  assert.equal(first.interaction, '27');
  assert.equal(first.iso, '760');
  assert.equal(first.latitude, '35.0192');
  assert.equal(first.longitude, '40.4517');
  assert.match(first.notes!, /^On 1 January 2015, IS clashed with civilians in Mayadin in Deir ez-Zor/);
});

test('ACLED actors are country-aware: a state is inter 1 at home and 8 abroad', async () => {
  const base = syntheticIncident(0);
  const at = (country: string, id: string): ExportIncident => ({
    ...base,
    actors: [{ role: 'perpetrator', id, name: id, span: null }],
    locations: [{ ...base.locations[0]!, country }],
  });
  const rows = parse(
    await exportText('acled', [
      at('TR', 'turkey'),
      at('SY', 'turkey'),
      at('IQ', 'isis'),
      at('IQ', 'iraqi_security_forces'),
    ]),
    { columns: true },
  ) as Record<string, string>[];
  assert.deepEqual(
    rows.map((r) => [r.actor1, r.inter1, r.interaction]),
    [
      ['Military Forces of Turkey (2016-)', '1', '10'],
      ['Military Forces of Turkey (2016-)', '8', '80'],
      ['Islamic State (Iraq)', '2', '20'],
      ['Military Forces of Iraq (2018-)', '1', '10'],
    ],
  );
});

test('ACLED needs an actor1: an unnamed perpetrator is coded as ACLED codes it, and tagged as filled in', async () => {
  const base = syntheticIncident(0);
  const victimsOnly = (type: 'air_strike' | 'attack'): ExportIncident => ({
    ...base,
    type,
    acled: ACLED_EVENT[type],
    actors: [{ role: 'victim', id: 'civilians', name: 'civilians', span: null }],
  });
  const protest: ExportIncident = {
    ...base,
    type: 'peaceful_protest',
    acled: ACLED_EVENT.peaceful_protest,
    actors: [],
  };
  const rows = parse(await exportText('acled', [victimsOnly('air_strike'), victimsOnly('attack'), protest]), {
    columns: true,
  }) as Record<string, string>[];
  assert.deepEqual(
    rows.map((r) => [r.actor1, r.inter1, r.interaction]),
    [
      ['Unidentified Military Forces', '8', '78'],
      ['Unidentified Armed Group (Syria)', '3', '37'],
      ['Protesters (Syria)', '6', '60'],
    ],
  );
  assert.ok(rows.every((r) => r.tags!.includes('rasid_actor1=unnamed')));
  assert.match(rows[0]!.notes!, /unidentified warplanes carried out airstrikes against civilians/);
});

test('interaction codes and disorder types follow ACLED', () => {
  assert.equal(interaction(1, 7), 17);
  assert.equal(interaction(7, 1), 17);
  assert.equal(interaction(8, 8), 88);
  assert.equal(interaction(3, 0), 30);
  assert.equal(interaction(0, 0), 0);
  assert.equal(disorderType('execution'), 'Political violence');
  assert.equal(disorderType('peaceful_protest'), 'Demonstrations');
  assert.equal(disorderType('excessive_force_against_protesters'), 'Political violence; Demonstrations');
  assert.equal(disorderType('arrests'), 'Strategic developments');
  assert.equal(disorderType('displacement'), '');
});

function execution(over: Partial<IncidentT> = {}): IncidentT {
  return Incident.parse({
    id: 'x1',
    type: 'execution',
    acled: ACLED_EVENT.execution,
    violations: ['execution'],
    actors: [
      { role: 'perpetrator', id: 'isis', name: 'Islamic State', span: null },
      { role: 'victim', id: 'civilians', name: 'Civilians', span: null },
    ],
    locations: [
      {
        name: 'al-Omar oil field',
        admin1: 'Deir ez-Zor',
        lat: 35.06,
        lon: 40.53,
        country: 'SY',
        precision: 2,
        span: null,
      },
    ],
    time: { start: '2014-07-03', end: '2014-07-03', precision: 1, text: null, span: null },
    counts: { killed: { value: 19, min: 19, max: 19, approximate: false, text: '19', span: null } },
    methods: [{ id: 'shooting', span: null }],
    accusations: [{ id: 'espionage', span: null }],
    attribution: null,
    evidence: [],
    summary_en: '',
    confidence: 0.9,
    ...over,
  });
}

test('notes read like ACLED notes and come only from the fields', () => {
  assert.equal(
    acledNotes(execution()),
    'On 3 July 2014, IS executed 19 civilians near al-Omar oil field in Deir ez-Zor by shooting on charges of spying.',
  );
  const shelling = execution({
    type: 'shelling',
    acled: ACLED_EVENT.shelling,
    actors: [{ role: 'perpetrator', id: 'syrian_government', name: 'قوات النظام', span: null }],
    counts: {},
    methods: [],
    accusations: [],
    locations: [{ name: 'Nayrab', admin1: 'Idleb', lat: 35.87, lon: 36.72, country: 'SY', precision: 1, span: null }],
  });
  assert.equal(
    acledNotes(shelling),
    'On 3 July 2014, regime forces shelled targets in Nayrab in Idleb. Neither fatalities nor injuries were reported.',
  );
  const noDate = execution({
    time: null,
    counts: { injured: { value: 3, min: 3, max: 3, approximate: false, text: '3', span: null } },
  });
  assert.match(acledNotes(noDate), /^IS executed civilians near al-Omar oil field .*\. 3 people were injured\.$/);
  assert.equal(
    datePhrase({ start: '2015-05-01', end: '2015-09-01', precision: 3, text: null, span: null }),
    'Between 1 May 2015 and 1 September 2015',
  );
  assert.equal(
    datePhrase({ start: '2015-05-01', end: '2015-05-31', precision: 3, text: null, span: null }),
    'In May 2015',
  );
  const city = execution({
    counts: {},
    methods: [],
    accusations: [],
    locations: [{ name: 'Deir ez-Zor', admin1: 'Deir-ez-Zor', lat: 35.33, lon: 40.14, precision: 1, span: null }],
  });
  assert.equal(acledNotes(city), 'On 3 July 2014, IS executed civilians in Deir ez-Zor.');
  // Arabic place names never leak into English notes
  const arabicPlace = execution({ locations: [{ name: 'الميادين', lat: null, lon: null, precision: 1, span: null }] });
  assert.doesNotMatch(acledNotes(arabicPlace), /[\u0600-\u06ff]/);
});

test('GeoJSON: a FeatureCollection, lon-lat order, every feature has an id, unlocated kept with null geometry', async () => {
  const incidents = [...syntheticIncidents(50)];
  const fc = JSON.parse(await exportText('geojson', incidents));
  assert.equal(fc.type, 'FeatureCollection');
  assert.equal(fc.features.length, 50);
  const ids = new Set<string>();
  for (const [i, f] of fc.features.entries()) {
    assert.equal(f.type, 'Feature');
    assert.equal(typeof f.id, 'string');
    assert.ok(f.id.length > 0);
    ids.add(f.id);
    const loc = incidents[i]!.locations[0];
    if (loc!.lat === null) {
      assert.equal(f.geometry, null);
      continue;
    }
    assert.equal(f.geometry.type, 'Point');
    assert.deepEqual(f.geometry.coordinates, [loc!.lon, loc!.lat]);
    const [lon, lat] = f.geometry.coordinates;
    assert.ok(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90);
  }
  assert.equal(ids.size, 50);
  // Mosul lies east of its latitude figure: a swapped pair would put it at (43°N, 36°E)
  const mosul = fc.features.find((f: { properties: { location: string } }) => f.properties.location === 'Mosul');
  assert.deepEqual(mosul.geometry.coordinates, [43.1189, 36.335]);

  const skipped = JSON.parse(await exportText('geojson', incidents, { unlocated: 'skip' }));
  assert.equal(skipped.features.length, incidents.filter((x) => x.locations[0]!.lat !== null).length);
  assert.ok(skipped.features.every((f: { geometry: unknown }) => f.geometry !== null));
  assert.deepEqual(JSON.parse(await exportText('geojson', [])), { type: 'FeatureCollection', features: [] });
});

test('HXL: a header row, then a hashtag row that passes the HXL syntax check, then the data', async () => {
  const rows = parse(await exportText('hxl', syntheticIncidents(10))) as string[][];
  assert.deepEqual(
    rows[0],
    HXL_COLUMNS.map(([n]) => n),
  );
  for (const tag of rows[1]!) assert.match(tag, HXL_TAG, tag);
  for (const want of [
    '#event+id',
    '#date+occurred',
    '#adm1+name',
    '#adm2+name',
    '#loc+name',
    '#geo+lat',
    '#geo+lon',
    '#affected+killed',
    '#affected+injured',
    '#org+perpetrator',
  ]) {
    assert.ok(rows[1]!.includes(want), want);
  }
  assert.equal(rows.length, 12);
  const col = (tag: string) => rows[1]!.indexOf(tag);
  assert.equal(rows[2]![col('#event+id')], 'syn-0');
  assert.equal(rows[2]![col('#org+perpetrator')], 'isis');
  assert.equal(rows[3]![col('#affected+killed')], '3');
});

test('HXL syntax check rejects malformed tags (the check itself can fail)', () => {
  for (const bad of ['event+id', '#Event+id', '#event+', '#event id', '#1event', '#event+id+'])
    assert.doesNotMatch(bad, HXL_TAG);
});

test('JSON Lines: one valid contract incident per line, analyst originals left out', async () => {
  const inc = { ...syntheticIncident(5), machine: syntheticIncident(6) };
  const lines = (await exportText('jsonl', [inc, syntheticIncident(7)])).trimEnd().split('\n');
  assert.equal(lines.length, 2);
  const first = JSON.parse(lines[0]!);
  assert.equal(first.machine, undefined);
  assert.equal(first.status, 'machine');
  Incident.parse(first);
});

test('incidents imported from ACLED stay out of exports unless asked for', async () => {
  const ours = syntheticIncident(1);
  const theirs = { ...syntheticIncident(2), rules: ['acled.import'] };
  const ids = async (reference?: 'exclude' | 'include' | 'only') =>
    (await exportText('jsonl', [ours, theirs], reference ? { reference } : {}))
      .trimEnd()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l).id);
  assert.deepEqual(await ids(), ['syn-1']);
  assert.deepEqual(await ids('include'), ['syn-1', 'syn-2']);
  assert.deepEqual(await ids('only'), ['syn-2']);
});

test('restricted incidents never leave by default, whatever the source yields; includeRestricted writes them marked', async () => {
  const open = syntheticIncident(1);
  const held = { ...syntheticIncident(2), restricted: { incident: true, document: false } };
  for (const format of EXPORT_FORMATS) {
    const text = await exportText(format, [open, held]);
    assert.ok(text.includes('syn-1') || format !== 'jsonl', format);
    assert.ok(!text.includes('syn-2'), `${format}: the restricted incident is left out`);
    assert.notEqual(text, await exportText(format, [open, held], { includeRestricted: true }), format);
  }
  const lines = (await exportText('jsonl', [open, held], { includeRestricted: true })).trimEnd().split('\n');
  assert.deepEqual(JSON.parse(lines[1]!).restricted, { incident: true, document: false });
});

test('an unknown format is refused with a code', async () => {
  await assert.rejects(
    writeExport('xml' as ExportFormat, [], new Collect()),
    (e: unknown) => e instanceof ExportError && e.code === 'export.format',
  );
});

test('streaming: the source is read only as fast as a slow writer drains it', async () => {
  const N = 30_000;
  for (const format of EXPORT_FORMATS) {
    let produced = 0;
    let written = 0;
    let maxAhead = 0;
    async function* source() {
      for (let i = 0; i < N; i++) {
        produced++;
        maxAhead = Math.max(maxAhead, produced - written);
        yield syntheticIncident(i);
      }
    }
    const lineStart = format === 'hxl' ? 2 : format === 'acled' ? 1 : format === 'geojson' ? 1 : 0;
    let lines = 0;
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _e, cb) {
        for (const b of chunk) if (b === 10) lines++;
        written = Math.max(0, lines - lineStart);
        setImmediate(cb);
      },
    });
    const res = await writeExport(format, source(), slow);
    assert.equal(res.incidents, N, format);
    assert.ok(written >= N - 1, `${format}: wrote ${written}`);
    // a buffering exporter would read all N before the writer caught up
    assert.ok(maxAhead < 500, `${format}: source ran ${maxAhead} incidents ahead of the writer`);
  }
});

test('CSV exports neutralise spreadsheet formulas in text cells (= + - @ tab CR), numbers stay numbers', async () => {
  const hostile = ['=HYPERLINK("http://evil.example/x","open")', '+1+1', '-2+3', '@SUM(A1)', '\tx', '\rx'];
  const base = syntheticIncident(0);
  const incs: ExportIncident[] = hostile.map((h, i) => ({ ...base, id: `f${i}`, summary_en: h }));
  const acled = parse(
    await exportText('acled', incs, {
      provenance: (inc: ExportIncident) => ({ source: hostile[Number(inc.id.slice(1))] }),
    }),
    { columns: true },
  ) as Record<string, string>[];
  const hxl = parse(await exportText('hxl', incs)) as string[][];
  const summaryAt = HXL_COLUMNS.findIndex(([n]) => n === 'summary');
  hostile.forEach((h, i) => {
    assert.equal(acled[i]!.source, `'${h}`, 'ACLED source');
    assert.equal(hxl[i + 2]![summaryAt], `'${h}`, 'HXL summary');
  });
  assert.equal(acled[0]!.longitude, '40.4517');
  const west = { ...base, locations: [{ ...base.locations[0]!, lon: -3.7038 }] };
  assert.equal(
    (parse(await exportText('acled', [west]), { columns: true }) as Record<string, string>[])[0]!.longitude,
    '-3.7038',
  );
  // a harmless text is left as it is
  assert.equal(hxl[2 + 0]![HXL_COLUMNS.findIndex(([n]) => n === 'type')], base.type);
});
