// Merge rules on our own short reports: one execution told three ways (Arabic and English, 15, 17
// and 19 killed), and two that must stay apart (another town the same day; the same town two weeks on).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import pg from 'pg';
import { acledFor, type Count, type Incident, type IncidentType, type Location } from '../schema.ts';
import { openStore } from '../store/open.ts';
import type { DocumentInput, Store } from '../store/types.ts';
import { clusterIncidents } from './cluster.ts';
import { compareIncidents, type ClusterCandidate } from './compare.ts';
import { countSpreads, loadClusterView } from './view.ts';

const REPORTS = {
  ar1: 'أعدم تنظيم داعش صباح يوم الجمعة خمسة عشر شاباً في الساحة العامة لبلدة الشحيل في ريف دير الزور الشرقي، بتهمة التعامل مع التحالف الدولي، وأجبر الأهالي على مشاهدة الإعدام.',
  en1: 'Islamic State militants executed 19 young men in the central square of al-Shuhayl, in the eastern Deir ez-Zor countryside, on Friday, accusing them of spying for the US-led coalition, activists said.',
  en2: 'At least 17 people were put to death by IS in Shuhayl on June 16, according to a local monitoring network.',
  otherTown: 'وفي اليوم نفسه أعدم التنظيم أربعة رجال في مدينة البوكمال قرب الحدود العراقية.',
  otherWeek: 'أعدم تنظيم داعش يوم الجمعة الثلاثين من حزيران ستة عشر شاباً في بلدة الشحيل.',
};

const SHUHAYL_AR: Location = {
  name: 'al-Shuhayl',
  name_ar: 'الشحيل',
  admin1: 'Deir ez-Zor',
  admin2: 'al-Mayadin',
  lat: 35.12,
  lon: 40.4,
  precision: 1,
  span: null,
};
const SHUHAYL_EN: Location = {
  name: 'Al Shuhayl',
  name_ar: null,
  admin1: 'Deir ez-Zor',
  admin2: 'Mayadin',
  lat: 35.11,
  lon: 40.38,
  precision: 1,
  span: null,
};
const SHUHAYL_NOCOORD: Location = {
  name: 'Shuhayl',
  admin1: 'Deir ez-Zor',
  lat: null,
  lon: null,
  precision: 1,
  span: null,
};
const BUKAMAL: Location = {
  name: 'Albu Kamal',
  name_ar: 'البوكمال',
  admin1: 'Deir ez-Zor',
  admin2: 'Albu Kamal',
  lat: 34.46,
  lon: 40.94,
  precision: 1,
  span: null,
};

function killed(value: number, text: string, min = value, max = value): Count {
  return { value, min, max, approximate: min !== max, text, span: null };
}

function inc(
  id: string,
  type: IncidentType,
  text: string,
  o: { place?: Location; day?: string; end?: string; killed?: Count; perp?: string },
): Incident {
  return {
    id,
    type,
    acled: acledFor(type),
    violations: [],
    actors: o.perp ? [{ role: 'perpetrator', id: o.perp, name: o.perp, span: null }] : [],
    locations: o.place ? [o.place] : [],
    time: o.day ? { start: o.day, end: o.end ?? o.day, precision: 1, text: null, span: null } : null,
    counts: o.killed ? { killed: o.killed } : {},
    methods: [],
    accusations: [],
    attribution: null,
    evidence: [{ span: [0, text.length] }],
    summary_en: '',
    confidence: 0.7,
  };
}

const FRIDAY = '2017-06-16';
const ar1 = () =>
  inc('ar1', 'execution', REPORTS.ar1, {
    place: SHUHAYL_AR,
    day: FRIDAY,
    killed: killed(15, 'خمسة عشر'),
    perp: 'isis',
  });
const en1 = () =>
  inc('en1', 'execution', REPORTS.en1, { place: SHUHAYL_EN, day: FRIDAY, killed: killed(19, '19'), perp: 'isis' });
const en2 = () =>
  inc('en2', 'attack', REPORTS.en2, {
    place: SHUHAYL_NOCOORD,
    day: FRIDAY,
    killed: killed(17, 'At least 17', 17, 25),
    perp: 'isis',
  });
const otherTown = () =>
  inc('town', 'execution', REPORTS.otherTown, {
    place: BUKAMAL,
    day: FRIDAY,
    killed: killed(4, 'أربعة'),
    perp: 'isis',
  });
const otherWeek = () =>
  inc('week', 'execution', REPORTS.otherWeek, {
    place: SHUHAYL_AR,
    day: '2017-06-30',
    killed: killed(16, 'ستة عشر'),
    perp: 'isis',
  });

function cand(id: string, incident: Incident, lang = 'ar', documentId = `doc-${id}`): ClusterCandidate {
  return { id, documentId, sourceGroup: documentId, lang, incident };
}

describe('compareIncidents', () => {
  it('joins the Arabic and English reports of one execution and says why', () => {
    const c = compareIncidents(cand('1', ar1()), cand('2', en1(), 'en'));
    assert.equal(c.join, true);
    assert.deepEqual(c.rules, [
      'type.same',
      'place.within-25km',
      'time.overlap',
      'counts.compatible',
      'actors.same-perpetrator',
      'source.other-language',
    ]);
    assert.ok(c.score > 0.5);
  });

  it('joins a report without coordinates by place name, and attack with execution by ACLED event type', () => {
    const c = compareIncidents(cand('1', en1(), 'en'), cand('2', en2(), 'en'));
    assert.equal(c.join, true);
    assert.deepEqual(c.rules.slice(0, 3), ['type.same-acled', 'place.same-name', 'time.overlap']);
  });

  it('joins by the same district when neither has coordinates', () => {
    const noCoord = (l: Location): Location => ({ ...l, name: `${l.name} farms`, name_ar: null, lat: null, lon: null });
    const a = inc('a', 'shelling', 'x', { place: noCoord(SHUHAYL_AR), day: FRIDAY });
    const b = inc('b', 'air_strike', 'y', {
      place: { ...noCoord(SHUHAYL_EN), name: 'Tayyana', admin2: 'al-Mayadin' },
      day: FRIDAY,
    });
    const c = compareIncidents(cand('1', a), cand('2', b, 'en'));
    assert.equal(c.join, true);
    assert.ok(c.rules.includes('place.same-district'));
    assert.ok(c.rules.includes('type.same-acled'));
  });

  it('keeps apart another town on the same day (90 km)', () => {
    const c = compareIncidents(cand('1', ar1()), cand('2', otherTown()));
    assert.deepEqual([c.join, c.blocked, c.reason], [false, true, 'place.farther-than-25km']);
  });

  it('keeps apart the same town two weeks later', () => {
    const c = compareIncidents(cand('1', ar1()), cand('2', otherWeek()));
    assert.deepEqual([c.join, c.blocked, c.reason], [false, true, 'time.apart']);
  });

  it('allows one day between reports («أمس» read against two publication dates)', () => {
    const c = compareIncidents(
      cand('1', ar1()),
      cand(
        '2',
        { ...en1(), time: { start: '2017-06-17', end: '2017-06-17', precision: 1, text: null, span: null } },
        'en',
      ),
    );
    assert.ok(c.rules.includes('time.next-day'));
  });

  it('refuses incompatible counts, types, perpetrators, and two incidents of one document', () => {
    const few = { ...en1(), counts: { killed: killed(3, 'three') } };
    assert.equal(compareIncidents(cand('1', ar1()), cand('2', few, 'en')).reason, 'counts.killed-disagree');
    const protest = { ...en1(), type: 'peaceful_protest' as const, acled: acledFor('peaceful_protest') };
    assert.equal(compareIncidents(cand('1', ar1()), cand('2', protest, 'en')).reason, 'type.incompatible');
    const regime = {
      ...en1(),
      actors: [{ role: 'perpetrator' as const, id: 'syrian_government', name: 'Syrian government', span: null }],
    };
    assert.equal(compareIncidents(cand('1', ar1()), cand('2', regime, 'en')).reason, 'actors.different-perpetrators');
    assert.equal(
      compareIncidents(cand('1', ar1(), 'ar', 'd'), cand('2', en1(), 'en', 'd')).reason,
      'source.same-document',
    );
  });

  it('does not join what it cannot place or date', () => {
    assert.equal(
      compareIncidents(cand('1', ar1()), cand('2', { ...en1(), locations: [] }, 'en')).reason,
      'place.unknown',
    );
    assert.equal(compareIncidents(cand('1', ar1()), cand('2', { ...en1(), time: null }, 'en')).reason, 'time.unknown');
    const long = { ...en1(), time: { start: '2017-03-01', end: '2017-07-01', precision: 3, text: null, span: null } };
    assert.equal(compareIncidents(cand('1', ar1()), cand('2', long, 'en')).reason, 'time.unknown');
  });
});

describe('clusterIncidents over a list', () => {
  it('groups the three reports of one event and leaves the other town and week out', () => {
    const found = clusterIncidents([
      cand('1', ar1()),
      cand('2', en1(), 'en'),
      cand('3', en2(), 'en'),
      cand('4', otherTown()),
      cand('5', otherWeek()),
    ]);
    assert.equal(found.length, 1);
    assert.deepEqual(found[0]!.incidentIds, ['1', '2', '3']);
    assert.ok(found[0]!.rules.includes('source.other-language'));
    assert.equal(found[0]!.edges.length, 3);
  });

  it('never chains a group through a middle report when its ends contradict (complete linkage)', () => {
    const at = (id: string, lon: number) =>
      cand(
        id,
        inc(id, 'shelling', 'x', { place: { name: `P${id}`, lat: 35, lon, precision: 1, span: null }, day: FRIDAY }),
      );
    // 0–1 and 1–2 are 20 km apart, 0–2 are 40 km apart
    const found = clusterIncidents([at('10', 40.0), at('11', 40.22), at('12', 40.44)]);
    assert.equal(found.length, 1);
    assert.equal(found[0]!.incidentIds.length, 2);
    assert.ok(!(found[0]!.incidentIds.includes('10') && found[0]!.incidentIds.includes('12')));
  });
});

describe('count spread of a cluster', () => {
  it('gives the lowest credible figure and the range across sources', () => {
    const m = (documentId: string, i: Incident, status: 'machine' | 'rejected' = 'machine') => ({
      documentId,
      counts: i.counts,
      status,
    });
    assert.deepEqual(countSpreads([m('a', ar1()), m('b', en1()), m('c', en2())]), [
      { key: 'killed', value: 15, min: 15, max: 19, sources: 3, label: 'killed 15–19 across 3 sources' },
    ]);
    // a rejected report does not count; two incidents of one source are one source
    assert.deepEqual(
      countSpreads([m('a', ar1()), m('a', en2()), m('b', en1(), 'rejected')]).map((c) => c.label),
      ['killed 15 across 1 source'],
    );
  });
});

function doc(key: string, text: string, lang: 'ar' | 'en'): DocumentInput {
  return {
    sourceKey: key,
    url: `https://reports.example/${key}`,
    title: null,
    lang,
    published: '2017-06-17',
    text,
    format: 'txt',
    alternates: [],
  };
}

async function seed(s: Store) {
  const ids: Record<string, string> = {};
  const incs: Record<string, Incident> = {
    ar1: ar1(),
    en1: en1(),
    en2: en2(),
    otherTown: otherTown(),
    otherWeek: otherWeek(),
  };
  for (const [key, incident] of Object.entries(incs)) {
    const lang = /[\u0600-\u06ff]/.test(REPORTS[key as keyof typeof REPORTS]) ? 'ar' : 'en';
    const d = await s.putDocument(doc(key, REPORTS[key as keyof typeof REPORTS], lang));
    await s.saveExtraction(d.id, { incidents: [incident] });
    ids[key] = (await s.listIncidents({ documentId: d.id }, { limit: 1, offset: 0 })).items[0]!.id;
  }
  return ids;
}

const pgUrl = process.env.DATABASE_URL || 'postgres://root@127.0.0.1:5432/test';
async function pgSkip(): Promise<string | undefined> {
  const c = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    return undefined;
  } catch (err) {
    return `no PostgreSQL answers (${(err as { code?: string }).code ?? 'error'})`;
  } finally {
    await c.end().catch(() => undefined);
  }
}
const backends: Array<{
  name: string;
  skip?: string;
  open: () => Promise<{ store: Store; dispose: () => Promise<void> }>;
}> = [
  {
    name: 'sqlite',
    open: async () => {
      const store = await openStore({ db: ':memory:' });
      return { store, dispose: () => store.close() };
    },
  },
  {
    name: 'postgres',
    skip: await pgSkip(),
    open: async () => {
      const schema = `rasid_test_${randomBytes(6).toString('hex')}`;
      const store = await openStore({ databaseUrl: pgUrl, schema });
      return {
        store,
        dispose: async () => {
          await store.close();
          const c = new pg.Client({ connectionString: pgUrl });
          await c.connect();
          await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
          await c.end();
        },
      };
    },
  },
];

for (const backend of backends)
  describe(`clusterIncidents over a store (${backend.name})`, { skip: backend.skip }, () => {
    it('writes one cluster, keeps it on a second run, and an analyst split sticks', async () => {
      const { store: s, dispose } = await backend.open();
      try {
        const ids = await seed(s);
        const run = await clusterIncidents(s);
        assert.deepEqual(run, { clusters: 1, created: 1, kept: 0, removed: 0, candidates: 5 });
        const clusterId = (await s.getIncident(ids.ar1!))?.clusterId as string;
        assert.ok(clusterId);
        const view = await loadClusterView(s, clusterId);
        assert.equal(view?.sourceCount, 3);
        assert.deepEqual(view?.languages, ['ar', 'en']);
        assert.deepEqual(
          view?.counts.map((c) => [c.label, c.value]),
          [['killed 15–19 across 3 sources', 15]],
        );
        assert.ok(view?.rules.includes('place.within-25km'));
        assert.equal((await s.getIncident(ids.otherTown!))?.clusterId, null);
        assert.equal((await s.getIncident(ids.otherWeek!))?.clusterId, null);

        assert.deepEqual(await clusterIncidents(s), { clusters: 1, created: 0, kept: 1, removed: 0, candidates: 5 });

        const u = await s.createUser('analyst', 'editor', 'h');
        await s.removeFromCluster(ids.en2!, { userId: u.id, note: 'IS claim, not the same killing' });
        const again = await clusterIncidents(s);
        assert.equal(again.candidates, 4);
        assert.equal((await s.getIncident(ids.en2!))?.clusterId, null);
        const after = await loadClusterView(s, (await s.getIncident(ids.ar1!))?.clusterId as string);
        assert.deepEqual(
          after?.counts.map((c) => c.label),
          ['killed 15–19 across 2 sources'],
        );
        assert.deepEqual(
          (await s.reviews(ids.en2!)).map((r) => [r.action, r.oldValue, r.newValue]),
          [['split', clusterId, null]],
        );
        // a rejected report leaves its cluster on the next run
        await s.setStatus(ids.en1!, 'rejected', { userId: u.id });
        await clusterIncidents(s);
        assert.equal((await s.getIncident(ids.ar1!))?.clusterId, null);
      } finally {
        await dispose();
      }
    });
  });
