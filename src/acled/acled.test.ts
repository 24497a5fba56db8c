import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWriteStream, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACLED_EVENT, INCIDENT_TYPES, type Incident } from '../schema.ts';
import { writeExport } from '../export/index.ts';
import { acledActor, actorIdFromAcled, knownActorIds, assocParent } from '../acled-coding/actors.ts';
import { parseAcledDate, readAcledFile } from './parse.ts';
import { referenceFromAcled, typeFromAcled } from './from-acled.ts';
import { importAcled } from './import.ts';
import { documentProvenance } from '../export/provenance.ts';
import { openStore } from '../store/open.ts';

export const ACLED_SAMPLE = new URL(
  '../../../shared/data/acled-sample-2020/acled_syria_iraq_2020-04-27_to_2020-05-09.csv',
  import.meta.url,
).pathname;

test('ACLED dates in both the old and the ISO form', () => {
  assert.equal(parseAcledDate('9-May-20'), '2020-05-09');
  assert.equal(parseAcledDate('27-Apr-20'), '2020-04-27');
  assert.equal(parseAcledDate('3-Jul-98'), '1998-07-03');
  assert.equal(parseAcledDate('2014-07-03'), '2014-07-03');
  assert.equal(parseAcledDate('03 July 2014'), '2014-07-03');
  assert.equal(parseAcledDate('31-Feb-20'), null);
  assert.equal(parseAcledDate('yesterday'), null);
});

test('every actor id maps to an ACLED name that maps back to it, in Syria and in Iraq', () => {
  for (const id of knownActorIds()) {
    if (assocParent(id)) continue;
    for (const cc of ['SY', 'IQ', null]) {
      const a = acledActor(id, cc);
      assert.equal(actorIdFromAcled(a.name)?.id, id, `${id} in ${cc}: ${a.name}`);
      assert.ok(a.inter >= 1 && a.inter <= 8, `${id}: inter ${a.inter}`);
    }
  }
});

test('ACLED sub-units keep their parent id and a group label; exact names beat prefixes', () => {
  assert.deepEqual(actorIdFromAcled('Military Forces of Syria (2000-) Air Force Intelligence Directorate'), {
    id: 'syrian_government',
    group: 'Air Force Intelligence Directorate',
  });
  assert.deepEqual(actorIdFromAcled('Military Forces of Iraq (2018-) Popular Mobilization Forces'), { id: 'pmf' });
  assert.deepEqual(actorIdFromAcled('Unidentified Armed Group (Syria)'), { id: 'unidentified_armed_group' });
  assert.deepEqual(actorIdFromAcled('Civilians (Iraq)'), { id: 'civilians' });
  assert.equal(actorIdFromAcled('Farmers (Narnia)'), null);
  assert.equal(acledActor('journalists', 'SY').name, 'Civilians (Syria)');
  assert.equal(acledActor('journalists', 'SY').assocOf?.name, 'Journalists (Syria)');
});

test('every ACLED pair of ours reads back to a type with that pair', () => {
  for (const t of INCIDENT_TYPES) {
    const a = ACLED_EVENT[t];
    if (!a) continue;
    assert.deepEqual(ACLED_EVENT[typeFromAcled(a.event_type, a.sub_event_type)!], a, t);
    assert.equal(typeFromAcled(a.event_type, a.sub_event_type, `rasid_type=${t}; method=shooting`), t);
  }
  assert.equal(typeFromAcled('Violence against civilians', 'Attack'), 'attack');
  assert.equal(typeFromAcled('Riots', 'Tea party'), null);
});

function incident(over: Partial<Incident>): Incident {
  return {
    id: 'i',
    type: 'shelling',
    acled: ACLED_EVENT.shelling,
    violations: [],
    actors: [],
    locations: [],
    time: { start: '2020-05-01', end: '2020-05-01', precision: 1, text: null, span: null },
    counts: {},
    methods: [],
    accusations: [],
    attribution: null,
    evidence: [],
    summary_en: '',
    confidence: 0.7,
    ...over,
  };
}

const place = (name: string, admin1: string, country: string, lat: number, lon: number, precision: 1 | 2 | 3) => ({
  name,
  admin1,
  admin2: null,
  admin3: null,
  country,
  lat,
  lon,
  precision,
  span: null,
  role: 'location' as const,
});
const killed = (n: number) => ({
  killed: { value: n, min: n, max: n, approximate: false, text: String(n), span: null },
});

// Our own incidents, written for this test: one per kind of row ACLED holds
const ROUND_TRIP: Incident[] = [
  incident({
    id: 'r1',
    type: 'execution',
    acled: ACLED_EVENT.execution,
    violations: ['execution'],
    actors: [
      { role: 'perpetrator', id: 'isis', name: 'Islamic State', span: null },
      { role: 'victim', id: 'civilians', name: 'Civilians', span: null },
    ],
    locations: [place('Mayadin', 'Deir ez-Zor', 'SY', 35.0192, 40.4517, 1)],
    time: { start: '2014-07-03', end: '2014-07-03', precision: 1, text: null, span: null },
    counts: killed(19),
    methods: [{ id: 'shooting', span: null }],
    accusations: [{ id: 'espionage', span: null }],
  }),
  incident({
    id: 'r2',
    type: 'shelling',
    actors: [
      { role: 'perpetrator', id: 'turkey', name: 'Turkish forces', span: null },
      { role: 'target', id: 'sdf', name: 'SDF', span: null },
    ],
    locations: [place('Tell Abiad', 'Ar-Raqqa', 'SY', 36.6974, 38.9567, 2)],
  }),
  incident({
    id: 'r3',
    type: 'explosive_device',
    acled: ACLED_EVENT.explosive_device,
    actors: [
      { role: 'perpetrator', id: 'unidentified_armed_group', name: 'unknown', span: null },
      { role: 'victim', id: 'journalists', name: 'journalists', span: null },
    ],
    locations: [place('Mosul', 'Ninewa', 'IQ', 36.335, 43.1189, 1)],
    counts: killed(2),
    time: { start: '2020-04-28', end: '2020-04-28', precision: 2, text: null, span: null },
  }),
  incident({
    id: 'r4',
    type: 'peaceful_protest',
    acled: ACLED_EVENT.peaceful_protest,
    actors: [{ role: 'perpetrator', id: 'protesters', name: 'protesters', span: null }],
    locations: [place('Diwaniya', 'Al-Qadissiya', 'IQ', 31.9929, 44.9255, 1)],
  }),
  incident({
    id: 'r5',
    type: 'forced_recruitment',
    acled: ACLED_EVENT.forced_recruitment,
    violations: ['forced_recruitment', 'child_victims'],
    actors: [
      { role: 'perpetrator', id: 'hts', name: 'HTS', span: null },
      { role: 'victim', id: 'civilians', name: 'civilians', span: null },
    ],
    locations: [place('Idleb', 'Idleb', 'SY', 35.9306, 36.6339, 3)],
  }),
  // no perpetrator named: ACLED needs an actor1, the import must not turn it into ours
  incident({
    id: 'r6',
    type: 'air_strike',
    acled: ACLED_EVENT.air_strike,
    actors: [{ role: 'victim', id: 'civilians', name: 'civilians', span: null }],
    locations: [place('Ariha', 'Idleb', 'SY', 35.8126, 36.6103, 1)],
    counts: killed(5),
  }),
];

test('round trip: our ACLED CSV, read back as ACLED, gives the same incidents', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rasid-acled-'));
  try {
    const file = join(dir, 'out.csv');
    await writeExport('acled', ROUND_TRIP, createWriteStream(file));
    const back: Incident[] = [];
    for await (const row of readAcledFile(file)) back.push(referenceFromAcled(row).extraction.incidents[0]!);
    assert.equal(back.length, ROUND_TRIP.length);
    ROUND_TRIP.forEach((orig, i) => {
      const got = back[i];
      assert.equal(got!.type, orig.type, orig.id);
      assert.deepEqual(got!.acled, orig.acled);
      assert.equal(got!.time?.start, orig.time?.start);
      assert.equal(got!.time?.precision, orig.time?.precision);
      const [o, g] = [orig.locations[0], got!.locations[0]];
      assert.deepEqual(
        [g!.name, g!.admin1, g!.country, g!.lat, g!.lon, g!.precision],
        [o!.name, o!.admin1, o!.country, o!.lat, o!.lon, o!.precision],
        orig.id,
      );
      assert.equal(got!.counts.killed?.value ?? 0, orig.counts.killed?.value ?? 0);
      assert.deepEqual(
        got!.actors.map((a) => [a.role, a.id]),
        orig.actors.map((a) => [a.role, a.id]),
        orig.id,
      );
      assert.deepEqual(
        got!.methods.map((m) => m.id),
        orig.methods.map((m) => m.id),
      );
      assert.deepEqual(
        got!.accusations.map((m) => m.id),
        orig.accusations.map((m) => m.id),
      );
      assert.deepEqual(got!.violations, orig.violations);
      assert.deepEqual(got!.issues, []);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a row without a usable date or type is refused with a code, not guessed', () => {
  const row = {
    event_id_cnty: 'SYR1',
    event_date: 'soon',
    event_type: 'Battles',
    sub_event_type: 'Armed clash',
    actor1: '',
    country: 'Syria',
    notes: '',
    fatalities: '0',
  };
  assert.throws(
    () => referenceFromAcled(row),
    (e: { code?: string }) => e.code === 'acled.row',
  );
  assert.throws(
    () => referenceFromAcled({ ...row, event_date: '9-May-20', event_type: 'Parade' }),
    (e: { code?: string }) => e.code === 'acled.row',
  );
});

test(
  'the shared ACLED sample converts row by row',
  { skip: existsSync(ACLED_SAMPLE) ? false : `no ACLED sample at ${ACLED_SAMPLE}` },
  async () => {
    let rows = 0;
    let unmapped = 0;
    for await (const row of readAcledFile(ACLED_SAMPLE)) {
      rows++;
      const ref = referenceFromAcled(row);
      const inc = ref.extraction.incidents[0];
      assert.equal(inc!.acled?.event_type, row.event_type);
      assert.equal(inc!.acled?.sub_event_type, row.sub_event_type);
      assert.equal(inc!.counts.killed?.value ?? 0, Number(row.fatalities));
      assert.equal(ref.document.sourceKey, `acled:${row.event_id_cnty}`);
      assert.equal(ref.document.text, row.notes);
      if (inc!.actors[0]?.id !== actorIdFromAcled(row.actor1!)?.id) unmapped++;
    }
    assert.equal(rows, 404);
    assert.equal(unmapped, 0);
  },
);

test('round trip through the store: export ACLED CSV, `import acled` it, get the same incidents back', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rasid-acled-store-'));
  const store = await openStore({ db: join(dir, 'r.db') });
  try {
    const file = join(dir, 'out.csv');
    await writeExport('acled', ROUND_TRIP, createWriteStream(file));
    const res = await importAcled(file, store);
    assert.deepEqual([res.rows, res.new, res.incidents, res.failed.length], [6, 6, 6, 0]);
    const again = await importAcled(file, store);
    assert.deepEqual([again.unchanged, again.incidents], [6, 0]);
    const back = new Map<string, Incident>();
    for await (const inc of store.streamIncidents({})) {
      const doc = await store.getDocument(inc.documentId);
      back.set(doc!.sourceKey, inc);
    }
    assert.equal(back.size, ROUND_TRIP.length);
    for (const orig of ROUND_TRIP) {
      const got = back.get(`acled:${orig.locations[0]!.country === 'IQ' ? 'IRQ' : 'SYR'}-${orig.id}`);
      assert.ok(got, orig.id);
      assert.equal(got.type, orig.type);
      assert.equal(got.time?.start, orig.time?.start);
      assert.deepEqual(
        [got.locations[0]!.name, got.locations[0]!.lat, got.locations[0]!.lon],
        [orig.locations[0]!.name, orig.locations[0]!.lat, orig.locations[0]!.lon],
      );
      assert.equal(got.counts.killed?.value ?? 0, orig.counts.killed?.value ?? 0);
      assert.deepEqual(
        got.actors.map((a) => [a.role, a.id]),
        orig.actors.map((a) => [a.role, a.id]),
      );
    }
    // exported again from the store, the imported incidents keep ACLED's event ids: a re-import changes nothing
    const file2 = join(dir, 'again.csv');
    await writeExport('acled', store.streamIncidents({}), createWriteStream(file2), {
      provenance: documentProvenance(store),
      reference: 'only',
    });
    const ids: string[] = [];
    for await (const row of readAcledFile(file2)) ids.push(row.event_id_cnty!);
    assert.deepEqual(ids.sort(), [...back.keys()].map((k) => k.slice('acled:'.length)).sort());
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('import acled: a row that is not valid CSV fails alone, with its line; the rows after it still land', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rasid-acled-bad-'));
  const store = await openStore({ db: join(dir, 'r.db') });
  try {
    const head = 'event_id_cnty,event_date,event_type,sub_event_type,actor1,country,notes,fatalities';
    const row = (id: string, notes: string) =>
      `${id},9-May-20,Battles,Armed clash,Islamic State (Syria),Syria,${notes},0`;
    const file = join(dir, 'in.csv');
    writeFileSync(
      file,
      [
        head,
        row('SYR1', '"One clash."'),
        row('SYR2', '"A stray "quote" in the middle"'), // line 3: invalid closing quote
        row('SYR3', '"A note over\ntwo lines."'), // lines 4–5: one record
        row('SYR4', '"A quote that never closes.'), // line 6: unclosed
        row('SYR5', 'Plain note.'),
        row('SYR6', '"Last one."'),
      ].join('\n'),
    );
    const res = await importAcled(file, store);
    assert.equal(res.new, 4);
    assert.deepEqual(
      res.failed.map((f) => [f.line, f.code]),
      [
        [3, 'acled.csv'],
        [6, 'acled.csv'],
      ],
    );
    const keys: string[] = [];
    for await (const inc of store.streamIncidents({})) keys.push((await store.getDocument(inc.documentId))!.sourceKey);
    assert.deepEqual(keys.sort(), ['acled:SYR1', 'acled:SYR3', 'acled:SYR5', 'acled:SYR6']);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
