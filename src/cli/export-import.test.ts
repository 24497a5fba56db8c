// `rasid import acled` then `rasid export` through the real CLI on a temporary SQLite file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { exportFilter, parseFilterOptions } from '../service/incident-filter.ts';

const BIN = new URL('../../bin/rasid.js', import.meta.url).pathname;

function rasid(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: '' },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

// three rows of our own in ACLED's 2020 layout (D-Mon-YY dates, no tags)
const CSV = [
  'event_id_cnty,event_date,year,time_precision,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,timestamp,iso3',
  'SYR900001,3-Jul-14,2014,1,Violence against civilians,Attack,Islamic State (Syria),,2,Civilians (Syria),,7,27,Middle East,Syria,Deir-ez-Zor,Mayadin,Mayadin,Mayadin,35.0192,40.4517,1,Test Source,Other,"On 3 July 2014, IS killed 4 civilians in Mayadin.",4,1600000000,SYR',
  'SYR900002,4-Jul-14,2014,1,Explosions/Remote violence,Shelling/artillery/missile attack,Military Forces of Syria (2000-),,1,,,0,10,Middle East,Syria,Idleb,Idleb,Idleb,Nayrab,35.8692,36.7183,1,Test Source,Other,"On 4 July 2014, regime forces shelled Nayrab.",0,1600000000,SYR',
  'IRQ900003,5-Jul-14,2014,2,Protests,Peaceful protest,Protesters (Iraq),,6,,,0,60,Middle East,Iraq,Al-Qadissiya,Diwaniya,Diwaniya,Diwaniya,31.9929,44.9255,1,Test Source,Other,"Around 5 July 2014, teachers protested in Diwaniya.",0,1600000000,IRQ',
].join('\n');

test('import acled, export every format, import our own export again', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rasid-cli-export-'));
  try {
    writeFileSync(join(dir, 'in.csv'), CSV);
    const imp = rasid(['import', 'acled', 'in.csv', '--db', 'r.db'], dir);
    assert.equal(imp.code, 0, imp.err);
    assert.match(imp.out, /3 rows: 3 new/);

    // ACLED's own rows stay out of exports unless asked for (ACLED's terms restrict redistribution)
    const ours = rasid(['export', '--format', 'jsonl', '--db', 'r.db'], dir);
    assert.equal(ours.code, 0, ours.err);
    assert.equal(ours.out, '');
    const acled = rasid(['export', '--format', 'acled', '--db', 'r.db', '--reference', 'only', '-o', 'out.csv'], dir);
    assert.equal(acled.code, 0, acled.err);
    const rows = parse(readFileSync(join(dir, 'out.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    assert.deepEqual(rows.map((r) => r.event_id_cnty).sort(), ['IRQ900003', 'SYR900001', 'SYR900002']);
    const attack = rows.find((r) => r.event_id_cnty === 'SYR900001')!;
    assert.deepEqual(
      [attack.event_date, attack.actor1, attack.actor2, attack.fatalities, attack.source],
      ['2014-07-03', 'Islamic State (Syria)', 'Civilians (Syria)', '4', 'Test Source'],
    );

    const geo = rasid(
      ['export', '--format', 'geojson', '--db', 'r.db', '--reference', 'include', '--type', 'shelling'],
      dir,
    );
    assert.equal(geo.code, 0, geo.err);
    const fc = JSON.parse(geo.out);
    assert.equal(fc.features.length, 1);
    assert.deepEqual(fc.features[0].geometry.coordinates, [36.7183, 35.8692]);

    const hxl = rasid(
      ['export', '--format', 'hxl', '--db', 'r.db', '--reference', 'include', '--from', '2014-07-05'],
      dir,
    );
    assert.equal(hxl.code, 0, hxl.err);
    assert.equal(parse(hxl.out).length, 3, 'header, hashtags and the one protest');

    const jsonl = rasid(
      ['export', '--format', 'jsonl', '--db', 'r.db', '--reference', 'include', '--status', 'verified'],
      dir,
    );
    assert.equal(jsonl.code, 0, jsonl.err);
    assert.equal(jsonl.out, '', 'nothing is verified yet');

    // our export read back: the same events, nothing new
    const again = rasid(['import', 'acled', 'out.csv', '--db', 'r.db'], dir);
    assert.equal(again.code, 0, again.err);
    assert.match(again.out, /3 rows: 0 new/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bad export options exit 2 (usage), bad import files 3 (input), each with a code', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rasid-cli-export-'));
  try {
    for (const [args, code] of [
      [['export', '--format', 'xml', '--db', 'r.db'], 'export.format'],
      [['export', '--format', 'acled', '--type', 'picnic', '--db', 'r.db'], 'export.bad-type'],
      [['export', '--format', 'acled', '--from', 'May 2020', '--db', 'r.db'], 'export.bad-date'],
      [['export', '--format', 'acled', '--reference', 'all', '--db', 'r.db'], 'export.bad-reference'],
      [['import', 'acled', 'missing.csv', '--db', 'r.db'], 'input.missing'],
    ] as const) {
      const r = rasid([...args], dir);
      assert.equal(r.code, code.startsWith('input.') ? 3 : 2, args.join(' '));
      assert.match(r.err, new RegExp(`\\[${code.replace('.', '\\.')}\\]`));
    }
    writeFileSync(join(dir, 'bad.csv'), 'a,b\n1,2\n');
    const bad = rasid(['import', 'acled', 'bad.csv', '--db', 'r.db'], dir);
    assert.equal(bad.code, 3);
    assert.match(bad.err, /missing event_id_cnty/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('export filter: rejected and restricted incidents stay out unless asked for', () => {
  assert.deepEqual(exportFilter({}).status, ['machine', 'edited', 'verified']);
  assert.deepEqual(
    exportFilter(parseFilterOptions({ status: 'verified,rejected', type: 'execution,shelling', from: '2015-01-01' })),
    {
      status: ['verified', 'rejected'],
      type: ['execution', 'shelling'],
      from: '2015-01-01',
      restricted: 'exclude',
    },
  );
  assert.equal(exportFilter({}, { includeRestricted: true }).restricted, undefined);
  assert.equal(exportFilter({ restricted: 'only' }, { includeRestricted: true }).restricted, 'only');
  assert.throws(() => exportFilter({ restricted: 'only' }), { code: 'export.restricted' });
});
