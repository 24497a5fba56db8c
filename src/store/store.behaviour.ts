// One behaviour suite for every backend (hono's common.case.test.ts pattern): sqlite.test.ts and
// postgres.test.ts run it with their own factory. Fixtures are our own short reports.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { acledFor, type Incident, type IncidentType } from '../schema.ts';
import type { DocumentInput, Store, StoredIncident } from './types.ts';

export interface StoreFactory {
  /** a fresh, migrated, empty store */
  open(): Promise<Store>;
  /** closes it and removes what open() made */
  dispose(store: Store): Promise<void>;
  /** runs one raw SQL statement (for the append-only audit test) */
  exec(store: Store, statement: string): Promise<void>;
  skip?: string;
}

const AR_EXEC =
  'أعدم تنظيم داعش يوم الجمعة خمسة عشر رجلاً في ساحة مدينة الميادين بتهمة التعامل مع التحالف. وقال ناشطون إن الأهالي أُجبروا على الحضور.';
const AR_SHELL =
  'قُتِلَ ثلاثة مدنيين وأصيب آخرون في قصف استهدف مستشفى مدينة إدلب فجر اليوم. وتحدث سكان عن حالة ذعر في الأسواق.';
const EN_ARREST =
  'Security forces arrested twelve young men at a checkpoint near Raqqa on Monday. Relatives said the men were taken to an unknown location.';

export function doc(sourceKey: string, text: string, extra: Partial<DocumentInput> = {}): DocumentInput {
  return {
    sourceKey,
    url: null,
    title: null,
    lang: /[\u0600-\u06ff]/.test(text) ? 'ar' : 'en',
    published: '2015-07-10',
    text,
    format: 'txt',
    alternates: [],
    ...extra,
  };
}

function span(text: string, words: string): [number, number] {
  const i = text.indexOf(words);
  if (i < 0) throw new Error(`fixture: «${words}» not in text`);
  return [i, i + words.length];
}

export function incident(
  id: string,
  type: IncidentType,
  text: string,
  evidence: string,
  p: Partial<Incident> & {
    place?: { name: string; name_ar?: string; admin1?: string; lat: number; lon: number };
    date?: [string, string];
  } = {},
): Incident {
  const { place, date, ...rest } = p;
  return {
    id,
    type,
    acled: acledFor(type),
    violations: [],
    actors: [],
    locations: place
      ? [
          {
            name: place.name,
            name_ar: place.name_ar ?? null,
            admin1: place.admin1 ?? null,
            lat: place.lat,
            lon: place.lon,
            precision: 1,
            span: null,
          },
        ]
      : [],
    time: date ? { start: date[0], end: date[1], precision: 1, text: null, span: null } : null,
    counts: {},
    methods: [],
    accusations: [],
    attribution: null,
    evidence: [{ span: span(text, evidence) }],
    summary_en: '',
    confidence: 0.7,
    ...rest,
  };
}

const MAYADIN = { name: 'al-Mayadin', name_ar: 'الميادين', admin1: 'Deir ez-Zor', lat: 35.02, lon: 40.45 };
const IDLIB = { name: 'Idlib', name_ar: 'إدلب', admin1: 'Idlib', lat: 35.93, lon: 36.63 };
const RAQQA = { name: 'Raqqa', name_ar: 'الرقة', admin1: 'Raqqa', lat: 35.95, lon: 39.01 };

function execIncident(id = 'i1'): Incident {
  return incident(id, 'execution', AR_EXEC, AR_EXEC.split('.')[0]!, {
    place: MAYADIN,
    date: ['2015-07-10', '2015-07-10'],
    actors: [
      { role: 'perpetrator', id: 'isis', name: 'Islamic State', span: span(AR_EXEC, 'داعش') },
      { role: 'victim', id: 'civilians', name: 'Civilians', span: null },
    ],
    counts: {
      killed: { value: 15, min: 15, max: 15, approximate: false, text: 'خمسة عشر', span: span(AR_EXEC, 'خمسة عشر') },
    },
    summary_en: 'Islamic State executed 15 men in al-Mayadin.',
  });
}

function shellIncident(id = 's1'): Incident {
  return incident(id, 'shelling', AR_SHELL, AR_SHELL.split('.')[0]!, {
    place: IDLIB,
    date: ['2019-03-04', '2019-03-04'],
    actors: [{ role: 'victim', id: 'civilians', name: 'Civilians', span: null }],
    summary_en: 'Shelling hit a hospital in Idlib, killing 3 civilians.',
  });
}

function arrestIncident(id = 'a1'): Incident {
  return incident(id, 'arrests', EN_ARREST, EN_ARREST.split('.')[0]!, {
    place: RAQQA,
    date: ['2018-01-08', '2018-01-14'],
    actors: [{ role: 'perpetrator', id: 'sdf', name: 'SDF', span: null }],
    summary_en: 'Security forces arrested 12 men near Raqqa.',
  });
}

/** three documents, one incident each: the execution (2015), the shelling (2019), the arrests (2018) */
async function seed(s: Store) {
  const d1 = await s.putDocument(doc('file:exec.txt', AR_EXEC));
  const d2 = await s.putDocument(doc('file:shell.txt', AR_SHELL, { published: '2019-03-04' }));
  const d3 = await s.putDocument(doc('file:arrest.txt', EN_ARREST, { published: '2018-01-15' }));
  await s.saveExtraction(d1.id, { incidents: [execIncident()] });
  await s.saveExtraction(d2.id, { incidents: [shellIncident()] });
  await s.saveExtraction(d3.id, { incidents: [arrestIncident()] });
  const all = (await s.listIncidents({}, { limit: 10, offset: 0 })).items;
  const byType = (t: string) => all.find((i) => i.type === t) as StoredIncident;
  return {
    d1: d1.id,
    d2: d2.id,
    d3: d3.id,
    exec: byType('execution'),
    shell: byType('shelling'),
    arrest: byType('arrests'),
  };
}

export function storeBehaviour(name: string, factory: StoreFactory): void {
  const test = (title: string, fn: (s: Store) => Promise<void>) =>
    it(title, async () => {
      const s = await factory.open();
      try {
        await fn(s);
      } finally {
        await factory.dispose(s);
      }
    });

  describe(`store behaviour: ${name}`, { skip: factory.skip }, () => {
    test('migrations are versioned and a second run applies nothing', async (s) => {
      await s.migrate();
      await s.migrate();
      assert.equal(await s.countDocuments(), 0);
    });

    test('putDocument: new, unchanged, updated version linked to the old one', async (s) => {
      const a = await s.putDocument(doc('https://example.org/a', AR_EXEC));
      assert.equal(a.status, 'new');
      const again = await s.putDocument(doc('https://example.org/a', AR_EXEC));
      assert.deepEqual(again, { id: a.id, status: 'unchanged', extracted: false });
      // diacritics and hamza forms are normalised before hashing: the same content
      const marked = await s.putDocument(
        doc('https://example.org/a', AR_EXEC.replace('أعدم', 'أَعْدَمَ').replace('  ', ' ')),
      );
      assert.equal(marked.status, 'unchanged');
      const changed = await s.putDocument(doc('https://example.org/a', AR_EXEC.replace('خمسة عشر', 'ستة عشر')));
      assert.equal(changed.status, 'updated');
      assert.notEqual(changed.id, a.id);
      const v2 = await s.getDocument(changed.id);
      assert.equal(v2?.version, 2);
      assert.equal(v2?.previousId, a.id);
      assert.equal(v2?.text, AR_EXEC.replace('خمسة عشر', 'ستة عشر'));
      assert.deepEqual(
        (await s.versionsOf(a.id)).map((d) => d.id),
        [a.id, changed.id],
      );
      assert.equal(await s.countDocuments(), 2);
      const list = await s.listDocuments({ limit: 1, offset: 0 });
      assert.equal(list.total, 2);
      assert.equal(list.items[0]!.id, changed.id);
    });

    test('the map: clusters from the index and from a capped query agree; an edit moves its incident at once', async (s) => {
      const { exec, shell } = await seed(s);
      const world: [number, number, number, number] = [-180, -90, 180, 90];
      // 0.1° cells keep the three towns apart
      const all = await s.mapClusters({}, world, 0.1, 100);
      assert.equal(all.total, 3);
      assert.equal(all.capped, false);
      assert.deepEqual(
        all.clusters.map((c) => c.id).sort(),
        [...(await s.listIncidents({}, { limit: 10, offset: 0 })).items.map((i) => i.id)].sort(),
      );
      const executions = await s.mapClusters({ type: ['execution'] }, world, 0.1, 100);
      assert.deepEqual(
        executions.clusters.map((c) => [c.id, c.type, c.lat, c.lon]),
        [[exec.id, 'execution', 35.02, 40.45]],
      );
      // an actor filter is not in the index: answered by the store, the same answer
      assert.deepEqual(await s.mapClusters({ actor: 'isis' }, world, 0.1, 100), executions);
      const capped = await s.mapClusters({ actor: 'civilians' }, world, 0.1, 1);
      assert.deepEqual([capped.total, capped.capped], [1, true]);
      await s.setStatus(shell.id, 'rejected', { userId: null });
      assert.equal((await s.mapClusters({ status: ['rejected'] }, world, 0.1, 100)).total, 1);
      await s.updateIncident(
        exec.id,
        { locations: [{ ...exec.locations[0]!, lat: 36.5, lon: 41.5 }] },
        { userId: null },
      );
      const moved = await s.mapClusters({ type: ['execution'] }, [41, 36, 42, 37], 0.1, 100);
      assert.deepEqual(
        moved.clusters.map((c) => c.id),
        [exec.id],
      );
    });

    test('a paged document keeps its page map; other documents have none', async (s) => {
      const pages = [{ start: 0 }, { start: 40, ocr: true }];
      const a = await s.putDocument(doc('file:scan.pdf', AR_EXEC, { format: 'pdf', pages }));
      assert.deepEqual((await s.getDocument(a.id))?.pages, pages);
      const b = await s.putDocument(doc('file:b.txt', EN_ARREST));
      assert.equal((await s.getDocument(b.id))?.pages, null);
    });

    test('extraction state: a document put but not yet extracted is reported until it is', async (s) => {
      const a = await s.putDocument(doc('file:a.txt', AR_EXEC));
      const b = await s.putDocument(doc('file:b.txt', AR_SHELL));
      assert.equal(a.extracted, false);
      assert.deepEqual(await s.documentsToExtract(10), [a.id, b.id]);
      await s.saveExtraction(a.id, { incidents: [] });
      // as after a crash between put and save: the next put says so
      assert.deepEqual(await s.putDocument(doc('file:b.txt', AR_SHELL)), {
        id: b.id,
        status: 'unchanged',
        extracted: false,
      });
      assert.deepEqual(await s.putDocument(doc('file:a.txt', AR_EXEC)), {
        id: a.id,
        status: 'unchanged',
        extracted: true,
      });
      assert.deepEqual(await s.documentsToExtract(10), [b.id]);
      assert.ok((await s.getDocument(a.id))?.extractedAt);
      // a superseded version needs no extraction
      const b2 = await s.putDocument(doc('file:b.txt', `${AR_SHELL} تحديث.`));
      assert.deepEqual(await s.documentsToExtract(10), [b2.id]);
    });

    test('the same text under another source key is a document of its own (choice: sources stay distinct)', async (s) => {
      const a = await s.putDocument(doc('https://one.example/x', EN_ARREST));
      const b = await s.putDocument(doc('https://two.example/y', EN_ARREST));
      assert.equal(b.status, 'new');
      assert.notEqual(a.id, b.id);
      assert.notEqual((await s.getDocument(a.id))?.hash, (await s.getDocument(b.id))?.hash);
      assert.equal(await s.countDocuments(), 2);
    });

    test('getDocument and getIncident answer null for unknown or malformed ids', async (s) => {
      assert.equal(await s.getDocument('999999'), null);
      assert.equal(await s.getDocument("1' OR '1'='1"), null);
      assert.equal(await s.getIncident('abc'), null);
      assert.equal(await s.getCluster('-1'), null);
    });

    test('alternates: linked by hand and by announced URLs, as a group, current versions only', async (s) => {
      const ar = await s.putDocument(
        doc('https://site.example/ar/post', AR_SHELL, {
          url: 'https://site.example/ar/post',
          alternates: [{ lang: 'en', url: 'https://site.example/en/post' }],
        }),
      );
      const en = await s.putDocument(
        doc('https://site.example/en/post', EN_ARREST, { url: 'https://site.example/en/post' }),
      );
      assert.deepEqual(
        (await s.alternatesOf(ar.id)).map((d) => d.id),
        [en.id],
      );
      assert.deepEqual(
        (await s.alternatesOf(en.id)).map((d) => d.id),
        [ar.id],
      );
      const fr = await s.putDocument(doc('https://site.example/fr/post', 'Un texte en français sur le même sujet.'));
      await s.linkAlternates([fr.id, en.id]);
      assert.deepEqual((await s.alternatesOf(ar.id)).map((d) => d.id).sort(), [en.id, fr.id].sort());
      // a new version of the English page replaces the old one among the alternates
      const en2 = await s.putDocument(
        doc('https://site.example/en/post', `${EN_ARREST} Updated.`, { url: 'https://site.example/en/post' }),
      );
      assert.equal(en2.status, 'updated');
      assert.deepEqual((await s.alternatesOf(ar.id)).map((d) => d.id).sort(), [en2.id, fr.id].sort());
      assert.deepEqual((await s.alternatesOf(en2.id)).map((d) => d.id).sort(), [ar.id, fr.id].sort());
    });

    test('saveExtraction stores incidents with stable ids; re-extraction replaces machine ones', async (s) => {
      const d = await s.putDocument(doc('file:exec.txt', AR_EXEC));
      assert.deepEqual(await s.saveExtraction(d.id, { incidents: [execIncident('i1')] }), { saved: 1, kept: 0 });
      const first = (await s.listIncidents({ documentId: d.id }, { limit: 10, offset: 0 })).items;
      assert.equal(first.length, 1);
      assert.equal(first[0]!.status, 'machine');
      assert.equal(first[0]!.extId, 'i1');
      assert.equal(first[0]!.documentId, d.id);
      assert.deepEqual(first[0]!.counts.killed?.value, 15);
      // the same extraction again: same store id
      await s.saveExtraction(d.id, { incidents: [execIncident('i1')] });
      const second = (await s.listIncidents({ documentId: d.id }, { limit: 10, offset: 0 })).items;
      assert.deepEqual(
        second.map((i) => i.id),
        first.map((i) => i.id),
      );
      // a different extraction: the old machine incident goes, the new one comes
      await s.saveExtraction(d.id, {
        incidents: [{ ...execIncident('i9'), type: 'attack', acled: acledFor('attack') }],
      });
      const third = (await s.listIncidents({ documentId: d.id }, { limit: 10, offset: 0 })).items;
      assert.deepEqual(
        third.map((i) => i.type),
        ['attack'],
      );
      await assert.rejects(s.saveExtraction('424242', { incidents: [] }), { code: 'store.not-found' });
    });

    test('a document carries the issues of its last extraction, or why the last one failed', async (s) => {
      const d = await s.putDocument(doc('file:exec.txt', AR_EXEC));
      assert.deepEqual((await s.getDocument(d.id))?.issues, []);
      const cut = {
        code: 'document.incidents-capped',
        stage: 'extract',
        message: 'kept the first 1 incidents',
        span: [10, AR_EXEC.length] as [number, number],
      };
      await s.saveExtraction(d.id, { incidents: [execIncident('i1')], issues: [cut] });
      assert.deepEqual((await s.getDocument(d.id))?.issues, [cut]);
      assert.deepEqual((await s.listDocuments({ limit: 5, offset: 0 })).items[0]?.issues, [cut]);
      // a failed attempt says why; the incidents saved before stay
      const spent = { code: 'extract.budget', stage: 'extract', message: 'ran past its 1 s budget', span: null };
      await s.setDocumentIssues(d.id, [spent]);
      assert.deepEqual((await s.getDocument(d.id))?.issues, [spent]);
      assert.equal(await s.countIncidents({ documentId: d.id }), 1);
      // an extraction without issues clears them
      await s.saveExtraction(d.id, { incidents: [execIncident('i1')] });
      assert.deepEqual((await s.getDocument(d.id))?.issues, []);
      await assert.rejects(s.setDocumentIssues('424242', [spent]), { code: 'store.not-found' });
    });

    test('re-extraction never overwrites an incident an analyst edited, verified or rejected', async (s) => {
      const d = await s.putDocument(doc('file:exec.txt', AR_EXEC));
      const two = [execIncident('i1'), incident('i2', 'coercion', AR_EXEC, AR_EXEC.split('.')[1]!.trim())];
      await s.saveExtraction(d.id, { incidents: two });
      const [a, b] = (await s.listIncidents({ documentId: d.id }, { limit: 10, offset: 0 })).items.sort((x, y) =>
        x.type < y.type ? -1 : 1,
      );
      assert.equal(a!.type, 'coercion');
      const users = await s.createUser('huda', 'editor', 'scrypt$x');
      await s.setStatus(a!.id, 'rejected', { userId: users.id });
      const killed = { value: 16, min: 16, max: 16, approximate: false, text: 'ستة عشر', span: null };
      await s.updateIncident(b!.id, { counts: { killed } }, { userId: users.id, note: 'the second source says 16' });
      const res = await s.saveExtraction(d.id, { incidents: two });
      assert.deepEqual(res, { saved: 0, kept: 2 });
      const after = await s.listIncidents({ documentId: d.id }, { limit: 10, offset: 0 });
      assert.equal(after.total, 2);
      assert.equal((await s.getIncident(a!.id))?.status, 'rejected');
      const edited = await s.getIncident(b!.id);
      assert.equal(edited?.status, 'edited');
      assert.equal(edited?.counts.killed?.value, 16);
      assert.equal(edited?.machine?.counts.killed?.value, 15);

      // a changed page is a new version; its re-extraction must not duplicate the touched incidents
      const v2 = await s.putDocument(doc('file:exec.txt', `${AR_EXEC} وأضاف المصدر أن الجثث عُلّقت لثلاثة أيام.`));
      assert.equal(v2.status, 'updated');
      const v2text = (await s.getDocument(v2.id))?.text ?? '';
      const again = [
        incident('n1', 'execution', v2text, AR_EXEC.split('.')[0]!, { place: MAYADIN }),
        incident('n2', 'coercion', v2text, AR_EXEC.split('.')[1]!.trim()),
        incident('n3', 'attack', v2text, 'وأضاف المصدر أن الجثث عُلّقت لثلاثة أيام'),
      ];
      assert.deepEqual(await s.saveExtraction(v2.id, { incidents: again }), { saved: 1, kept: 2 });
      const types = (await s.listIncidents({}, { limit: 10, offset: 0 })).items
        .map((i) => `${i.type}:${i.status}`)
        .sort();
      assert.deepEqual(types, ['attack:machine', 'coercion:rejected', 'execution:edited']);
    });

    test('machine incidents of an earlier version give way to the new version', async (s) => {
      const v1 = await s.putDocument(doc('file:shell.txt', AR_SHELL));
      await s.saveExtraction(v1.id, { incidents: [shellIncident('s1')] });
      const v2 = await s.putDocument(doc('file:shell.txt', AR_SHELL.replace('ثلاثة', 'أربعة')));
      const text = (await s.getDocument(v2.id))?.text ?? '';
      await s.saveExtraction(v2.id, {
        incidents: [incident('s1', 'shelling', text, text.split('.')[0]!, { place: IDLIB })],
      });
      const all = await s.listIncidents({}, { limit: 10, offset: 0 });
      assert.equal(all.total, 1);
      assert.equal(all.items[0]!.documentId, v2.id);
    });

    test('updateIncident keeps the machine version and audits field by field', async (s) => {
      const { exec } = await seed(s);
      const u = await s.createUser('omar', 'editor', 'h');
      const before = await s.getIncident(exec.id);
      const updated = await s.updateIncident(
        exec.id,
        { type: 'armed_clash', acled: acledFor('armed_clash'), summary_en: before?.summary_en },
        { userId: u.id },
      );
      assert.equal(updated.status, 'edited');
      assert.equal(updated.type, 'armed_clash');
      assert.equal(updated.machine?.type, 'execution');
      const r = await s.reviews(exec.id);
      assert.deepEqual(
        r.map((e) => [e.action, e.field, e.oldValue, e.newValue, e.userName]),
        [
          ['edit', 'type', 'execution', 'armed_clash', 'omar'],
          ['edit', 'acled', acledFor('execution'), acledFor('armed_clash'), 'omar'],
        ],
      );
      // the edit is visible to filters (denormalised columns follow the data)
      assert.equal((await s.listIncidents({ type: ['armed_clash'] }, { limit: 5, offset: 0 })).total, 1);
      assert.equal((await s.listIncidents({ type: ['execution'] }, { limit: 5, offset: 0 })).total, 0);
      await s.setStatus(exec.id, 'verified', { userId: u.id, note: 'checked against video' });
      const after = await s.reviews(exec.id);
      assert.deepEqual(
        after.slice(-1).map((e) => [e.action, e.field, e.oldValue, e.newValue, e.note]),
        [['verify', 'status', 'edited', 'verified', 'checked against video']],
      );
      await assert.rejects(s.updateIncident('999999', { summary_en: 'x' }, { userId: null }), {
        code: 'store.not-found',
      });
    });

    test('reviews are append-only: UPDATE and DELETE are refused by the database', async (s) => {
      const { exec } = await seed(s);
      await s.addReview({
        incidentId: exec.id,
        userId: null,
        action: 'cluster',
        field: null,
        oldValue: null,
        newValue: '1',
        note: null,
      });
      await assert.rejects(factory.exec(s, `UPDATE reviews SET note = 'rewritten'`));
      await assert.rejects(factory.exec(s, `DELETE FROM reviews`));
      const r = await s.reviews(exec.id);
      assert.equal(r.length, 1);
      assert.equal(r[0]!.note, null);
    });

    test('the audit log is append-only: UPDATE and DELETE are refused by the database', async (s) => {
      await s.addAudit({ userId: null, action: 'user.add', target: 'user:amina', detail: 'role editor' });
      await assert.rejects(factory.exec(s, `UPDATE audit_log SET detail = 'rewritten'`), /append-only/);
      await assert.rejects(factory.exec(s, `DELETE FROM audit_log`), /append-only/);
      const log = await s.listAudit({ limit: 10, offset: 0 });
      assert.deepEqual(
        log.map((e) => [e.action, e.target, e.detail]),
        [['user.add', 'user:amina', 'role editor']],
      );
    });

    test('full-text search ignores hamza, taa marbuta, alef maqsura and diacritics', async (s) => {
      const { exec, shell } = await seed(s);
      const ids = async (q: string) => (await s.listIncidents({ q }, { limit: 10, offset: 0 })).items.map((i) => i.id);
      assert.deepEqual(await ids('اعدم'), [exec.id]); // text: أعدم
      assert.deepEqual(await ids('ادلب'), [shell.id]); // text: إدلب
      assert.deepEqual(await ids('مستشفي'), [shell.id]); // text: مستشفى
      assert.deepEqual(await ids('مدينه إدلب'), [shell.id]); // text: مدينة
      assert.deepEqual(await ids('قتل'), [shell.id]); // text: قُتِلَ
      assert.deepEqual(await ids('قُتِلَ مدنيين'), [shell.id]);
      assert.deepEqual(await ids('مدينة'), [shell.id, exec.id]); // newest event first
      assert.deepEqual(await ids('ميادين'), [exec.id]); // clitic-stripped key of «الميادين»
      assert.deepEqual(await ids('checkpoint RAQQA'), [
        (await s.listIncidents({ type: ['arrests'] }, { limit: 1, offset: 0 })).items[0]!.id,
      ]);
      assert.deepEqual(await ids('hospital'), [shell.id]); // summary_en
      assert.deepEqual(await ids('الأسواق'), [shell.id]); // only in the document text, not in the evidence
      assert.deepEqual(await ids('غير موجود'), []);
      assert.deepEqual(await ids(`"'); DROP TABLE incidents; --`), []);
      assert.equal((await s.listIncidents({ q: '*** ""' }, { limit: 10, offset: 0 })).total, 3); // no words: no text condition
    });

    test('a long document is searchable (every word indexed once)', async (s) => {
      // letters only: the index splits digits from letters
      const word = (k: number) => `zz${k.toString(26).replace(/[0-9]/g, (d) => 'abcdefghij'.charAt(Number(d)))}`;
      const words = Array.from({ length: 60_000 }, (_, k) => word(k)).join(' ');
      const long = `${AR_SHELL}\n${words}\n${words}`;
      const d = await s.putDocument(doc('file:long.txt', long));
      await s.saveExtraction(d.id, { incidents: [shellIncident()] });
      assert.equal(await s.countIncidents({ q: word(54_321) }), 1);
      assert.equal(await s.countIncidents({ q: `${word(54_321)}q` }), 0);
    });

    test('filters: type, actor, place, admin1, dates, status, bbox, document, cluster', async (s) => {
      const { d2, exec, shell, arrest } = await seed(s);
      const ids = async (f: Parameters<Store['listIncidents']>[0]) =>
        (await s.listIncidents(f, { limit: 10, offset: 0 })).items.map((i) => i.id);
      assert.deepEqual(await ids({}), [shell.id, arrest.id, exec.id]);
      assert.deepEqual(await ids({ type: ['shelling', 'execution'] }), [shell.id, exec.id]);
      assert.deepEqual(await ids({ actor: 'isis' }), [exec.id]);
      assert.deepEqual(await ids({ actor: 'civilians' }), [shell.id, exec.id]);
      assert.deepEqual(await ids({ place: 'الميادين' }), [exec.id]);
      assert.deepEqual(await ids({ place: 'ميادين' }), [exec.id]);
      assert.deepEqual(await ids({ place: 'Mayadin' }), [exec.id]);
      assert.deepEqual(await ids({ place: 'al-Mayadin' }), [exec.id]);
      assert.deepEqual(await ids({ place: 'Deir ez-Zor' }), [exec.id]); // an admin area is a place too
      assert.deepEqual(await ids({ admin1: 'deir ez-zor' }), [exec.id]);
      assert.deepEqual(await ids({ admin1: 'Mayadin' }), []); // a town is not an admin1
      assert.deepEqual(await ids({ place: 'الرقه' }), [arrest.id]);
      // overlap: the arrests ran 2018-01-08..14
      assert.deepEqual(await ids({ from: '2018-01-14', to: '2018-02-01' }), [arrest.id]);
      assert.deepEqual(await ids({ from: '2018-01-15' }), [shell.id]);
      assert.deepEqual(await ids({ to: '2018-01-08' }), [arrest.id, exec.id]);
      assert.deepEqual(await ids({ to: '2015-07-09' }), []);
      assert.deepEqual(await ids({ bbox: [39, 34, 41, 36] }), [arrest.id, exec.id]);
      assert.deepEqual(await ids({ bbox: [36, 35.5, 37, 36.5] }), [shell.id]);
      assert.deepEqual(await ids({ documentId: d2 }), [shell.id]);
      assert.deepEqual(await ids({ documentId: 'nope' }), []);
      await s.setStatus(exec.id, 'verified', { userId: null });
      assert.deepEqual(await ids({ status: ['verified'] }), [exec.id]);
      assert.deepEqual(await ids({ status: ['machine'], type: ['execution'] }), []);
      const cl = await s.putCluster([exec.id, arrest.id], ['test']);
      assert.deepEqual(await ids({ clusterId: cl.id }), [arrest.id, exec.id]);
      assert.deepEqual(await ids({ actor: "isis' OR 1=1 --", place: "x'; DROP TABLE incidents; --" }), []);
      assert.equal(await s.countIncidents({ actor: 'civilians', q: 'مستشفى' }), 1);
    });

    test('pagination: total and a stable order (newest event first, then id)', async (s) => {
      const d = await s.putDocument(doc('file:many.txt', EN_ARREST));
      const sentence = EN_ARREST.split('.')[0];
      const items = Array.from({ length: 7 }, (_, k) =>
        incident(`m${k}`, 'arrests', EN_ARREST, sentence!, {
          date: k % 3 === 0 ? undefined : [`2020-01-0${1 + (k % 3)}`, `2020-01-0${1 + (k % 3)}`],
        }),
      );
      await s.saveExtraction(d.id, { incidents: items });
      const all = await s.listIncidents({}, { limit: 100, offset: 0 });
      assert.equal(all.total, 7);
      const keys = all.items.map((i) => i.time?.start ?? '');
      assert.deepEqual(keys, ['2020-01-03', '2020-01-03', '2020-01-02', '2020-01-02', '', '', '']);
      for (let k = 1; k < all.items.length; k++)
        if (keys[k] === keys[k - 1]) assert.ok(Number(all.items[k - 1]!.id) < Number(all.items[k]!.id));
      const paged: string[] = [];
      for (let off = 0; off < 7; off += 3) {
        const p = await s.listIncidents({}, { limit: 3, offset: off });
        assert.equal(p.total, 7);
        paged.push(...p.items.map((i) => i.id));
      }
      assert.deepEqual(
        paged,
        all.items.map((i) => i.id),
      );
      const streamed: string[] = [];
      for await (const i of s.streamIncidents({})) streamed.push(i.id);
      assert.deepEqual(
        streamed,
        all.items.map((i) => i.id),
      );
      const filtered: string[] = [];
      for await (const i of s.streamIncidents({ from: '2020-01-03' })) filtered.push(i.id);
      assert.equal(filtered.length, 2);
    });

    test('streamIncidents pages through more rows than one page', async (s) => {
      const d = await s.putDocument(doc('file:bulk.txt', EN_ARREST));
      const sentence = EN_ARREST.split('.')[0];
      const n = 1234;
      const inserted = await s.bulkInsertIncidents(
        Array.from({ length: n }, (_, k) => ({
          documentId: d.id,
          incident: incident(`b${k}`, k % 2 ? 'arrests' : 'abduction', EN_ARREST, sentence!, {
            date: [`2021-0${1 + (k % 9)}-1${k % 10}`, `2021-0${1 + (k % 9)}-1${k % 10}`],
          }),
        })),
      );
      assert.equal(inserted, n);
      let seen = 0;
      let prev = '9999';
      const ids = new Set<string>();
      for await (const i of s.streamIncidents({ type: ['arrests'] })) {
        assert.ok((i.time?.start ?? '') <= prev);
        prev = i.time?.start ?? '';
        ids.add(i.id);
        seen++;
      }
      assert.equal(seen, n / 2);
      assert.equal(ids.size, n / 2);
      assert.equal(await s.countIncidents({ q: 'checkpoint', type: ['abduction'] }), n / 2);
      // text alone, matching more than a thousand: counted from the matches, listed in order
      assert.equal(await s.countIncidents({ q: 'checkpoint' }), n);
      const page = await s.listIncidents({ q: 'checkpoint' }, { limit: 5, offset: 3 });
      const plain = await s.listIncidents({}, { limit: 5, offset: 3 });
      assert.equal(page.total, n);
      assert.deepEqual(
        page.items.map((i) => i.id),
        plain.items.map((i) => i.id),
      );
    });

    test('timeline counts incidents per ISO week (Monday) and type', async (s) => {
      const d = await s.putDocument(doc('file:t.txt', EN_ARREST));
      const sentence = EN_ARREST.split('.')[0];
      const at = (id: string, type: IncidentType, day: string) =>
        incident(id, type, EN_ARREST, sentence!, { date: [day, day] });
      // 2020-01-06 is a Monday, 2020-01-12 the Sunday of that week
      await s.saveExtraction(d.id, {
        incidents: [
          at('a', 'arrests', '2020-01-06'),
          at('b', 'arrests', '2020-01-12'),
          at('c', 'arrests', '2020-01-13'),
          at('d', 'abduction', '2020-01-07'),
        ],
      });
      assert.deepEqual(await s.timeline({}), [
        { week: '2020-01-06', type: 'abduction', n: 1 },
        { week: '2020-01-06', type: 'arrests', n: 2 },
        { week: '2020-01-13', type: 'arrests', n: 1 },
      ]);
      assert.deepEqual(await s.timeline({ type: ['abduction'] }), [{ week: '2020-01-06', type: 'abduction', n: 1 }]);
    });

    test('clusters: put, get with edges, analyst split audited and sticky, small clusters dissolve', async (s) => {
      const { exec, shell, arrest } = await seed(s);
      const cl = await s.putCluster([exec.id, shell.id, arrest.id], ['place.same-district', 'time.overlap'], {
        edges: [{ a: exec.id, b: shell.id, rules: ['time.overlap'], score: 0.8 }],
      });
      assert.deepEqual(
        cl.incidentIds,
        [exec.id, shell.id, arrest.id].sort((a, b) => Number(a) - Number(b)),
      );
      assert.deepEqual(cl.rules, ['place.same-district', 'time.overlap']);
      assert.deepEqual(cl.edges, [{ a: exec.id, b: shell.id, rules: ['time.overlap'], score: 0.8 }]);
      assert.equal((await s.getIncident(exec.id))?.clusterId, cl.id);
      assert.equal((await s.listClusters({ limit: 10, offset: 0 })).total, 1);
      const u = await s.createUser('lina', 'editor', 'h');
      await s.removeFromCluster(arrest.id, { userId: u.id, note: 'different town' });
      const left = await s.getCluster(cl.id);
      assert.deepEqual(left?.incidentIds.length, 2);
      const split = await s.getIncident(arrest.id);
      assert.equal(split?.clusterId, null);
      assert.equal(split?.clusterLocked, true);
      assert.deepEqual(
        (await s.reviews(arrest.id)).map((r) => [r.action, r.field, r.oldValue, r.newValue, r.userName]),
        [['split', 'cluster_id', cl.id, null, 'lina']],
      );
      // removing one of the last two dissolves the cluster
      await s.removeFromCluster(shell.id);
      assert.equal(await s.getCluster(cl.id), null);
      assert.equal((await s.getIncident(exec.id))?.clusterId, null);
      await assert.rejects(s.putCluster([exec.id], ['x']), { code: 'store.invalid' });
      await assert.rejects(s.putCluster([exec.id, '987654'], ['x']), { code: 'store.not-found' });
    });

    test('clearMachineClusters leaves an analyst merge alone', async (s) => {
      const { exec, shell, arrest } = await seed(s);
      const machine = await s.putCluster([exec.id, shell.id], ['r']);
      assert.equal(await s.clearMachineClusters(), 1);
      assert.equal(await s.getCluster(machine.id), null);
      const u = await s.createUser('sami', 'editor', 'h');
      const manual = await s.putCluster([exec.id, arrest.id], ['analyst'], { by: { userId: u.id } });
      assert.equal(await s.clearMachineClusters(), 0);
      assert.deepEqual((await s.getCluster(manual.id))?.incidentIds.length, 2);
      assert.deepEqual(
        (await s.reviews(exec.id)).map((r) => [r.action, r.newValue]),
        [['merge', manual.id]],
      );
    });

    test('users and API tokens', async (s) => {
      const u = await s.createUser('admin', 'admin', 'scrypt$abc');
      assert.equal(u.role, 'admin');
      await assert.rejects(s.createUser('admin', 'viewer', 'x'), { code: 'store.conflict' });
      assert.deepEqual(await s.getUserByName('admin'), u);
      assert.deepEqual(await s.getUser(u.id), u);
      assert.equal(await s.getUserByName('nobody'), null);
      assert.deepEqual(
        (await s.listUsers()).map((x) => x.name),
        ['admin'],
      );
      const t = await s.createToken(u.id, 'script', 'sha256:feed');
      assert.equal(t.lastUsedAt, null);
      const found = await s.findToken('sha256:feed');
      assert.equal(found?.userId, u.id);
      assert.notEqual((await s.findToken('sha256:feed'))?.lastUsedAt, null);
      assert.equal(await s.findToken('sha256:other'), null);
      await assert.rejects(s.createToken('999999', 'x', 'y'), { code: 'store.not-found' });
    });

    test('ingest state is an upsert', async (s) => {
      assert.equal(await s.getIngestState('feed:x'), null);
      await s.setIngestState('feed:x', 'h1');
      await s.setIngestState('feed:x', 'h2');
      assert.equal(await s.getIngestState('feed:x'), 'h2');
    });

    test('deleting superseded incidents drops them from clusters and search', async (s) => {
      const { d2, exec, shell } = await seed(s);
      const cl = await s.putCluster([exec.id, shell.id], ['r']);
      await s.saveExtraction(d2, { incidents: [] });
      assert.equal(await s.getIncident(shell.id), null);
      assert.equal(await s.getCluster(cl.id), null);
      assert.equal((await s.getIncident(exec.id))?.clusterId, null);
      assert.equal(await s.countIncidents({ q: 'مستشفى' }), 0);
    });

    test('restricted: a document restricts its incidents; the exclude filter leaves them out of every read', async (s) => {
      const { d2, exec, shell, arrest } = await seed(s);
      const world: [number, number, number, number] = [-180, -90, 180, 90];
      await s.warmMapIndex(); // built before the flag is set: the map must still leave it out
      const r = await s.setDocumentRestricted(d2, true, { userId: null, via: 'editor', note: 'names a witness' });
      assert.deepEqual([r.changed, r.document.restricted, r.document.restrictedBy], [true, true, 'editor']);
      assert.deepEqual((await s.getIncident(shell.id))?.restricted, { incident: false, document: true });
      assert.equal((await s.getIncident(exec.id))?.restricted, undefined);
      const ex = { restricted: 'exclude' } as const;
      const ids = async (f: Parameters<Store['listIncidents']>[0]) =>
        (await s.listIncidents(f, { limit: 10, offset: 0 })).items.map((i) => i.id).sort();
      assert.deepEqual(await ids(ex), [exec.id, arrest.id].sort());
      assert.deepEqual(await ids({ restricted: 'only' }), [shell.id]);
      assert.equal((await s.listIncidents(ex, { limit: 10, offset: 0 })).total, 2);
      assert.equal(await s.countIncidents(ex), 2);
      assert.equal(await s.countIncidents({}), 3);
      // search by the document's words and by the incident's own, and side-table drivers
      assert.equal(await s.countIncidents({ ...ex, q: 'مستشفى' }), 0);
      assert.equal(await s.countIncidents({ q: 'مستشفى' }), 1);
      assert.equal(await s.countIncidents({ ...ex, actor: 'civilians' }), 1);
      assert.equal(await s.countIncidents({ ...ex, place: 'Idlib' }), 0);
      assert.equal(await s.countIncidents({ ...ex, documentId: d2 }), 0);
      assert.deepEqual(
        (await s.timeline(ex)).map((w) => w.type),
        ['execution', 'arrests'],
      );
      const streamed: string[] = [];
      for await (const i of s.streamIncidents(ex)) streamed.push(i.id);
      assert.deepEqual(streamed.sort(), [exec.id, arrest.id].sort());
      const map = await s.mapClusters(ex, world, 0.1, 100);
      assert.equal(map.total, 2);
      assert.ok(!map.clusters.some((c) => c.id === shell.id));
      assert.equal((await s.mapClusters({}, world, 0.1, 100)).total, 3);
      assert.equal((await s.mapClusters({ restricted: 'only' }, world, 0.1, 100)).total, 1);
      // the editor's change is in the audit log, with who and why
      const audit = await s.listAudit({ limit: 10, offset: 0 });
      assert.deepEqual(
        audit.map((e) => [e.action, e.target, e.detail]),
        [['document.restrict', `document ${d2}`, 'names a witness']],
      );
      // lifting it frees the incidents
      const lifted = await s.setDocumentRestricted(d2, false, { userId: null, via: 'editor' });
      assert.deepEqual([lifted.changed, lifted.document.restricted], [true, false]);
      assert.equal((await s.getIncident(shell.id))?.restricted, undefined);
      assert.equal(await s.countIncidents(ex), 3);
      assert.equal((await s.mapClusters(ex, world, 0.1, 100)).total, 3);
      await assert.rejects(s.setDocumentRestricted('999999', true, { userId: null, via: 'editor' }), {
        code: 'store.not-found',
      });
    });

    test('restricted: an incident restricted by an editor is audited and survives re-extraction and new versions', async (s) => {
      const { d1, exec } = await seed(s);
      const r = await s.setIncidentRestricted(exec.id, true, { userId: null, note: 'a victim is named' });
      assert.deepEqual(r.restricted, { incident: true, document: false });
      assert.equal(r.status, 'machine', 'restricting is not an edit of its content');
      assert.deepEqual(
        (await s.reviews(exec.id)).map((e) => [e.action, e.field, e.oldValue, e.newValue, e.note]),
        [['restrict', 'restricted', false, true, 'a victim is named']],
      );
      // the same extraction again, and a changed version of the document: the event stays restricted
      await s.saveExtraction(d1, { incidents: [execIncident()] });
      assert.deepEqual((await s.getIncident(exec.id))?.restricted, { incident: true, document: false });
      assert.equal(await s.countIncidents({ type: ['execution'] }), 1);
      const text2 = AR_EXEC.replace('وقال ناشطون', 'وقال شهود');
      const v2 = await s.putDocument(doc('file:exec.txt', text2));
      assert.equal(v2.status, 'updated');
      await s.saveExtraction(v2.id, { incidents: [incident('i1', 'execution', text2, text2.split('.')[0]!)] });
      assert.deepEqual((await s.getIncident(exec.id))?.restricted, { incident: true, document: false });
      assert.equal(await s.countIncidents({ type: ['execution'], restricted: 'exclude' }), 0);
      assert.equal(await s.countIncidents({ type: ['execution'] }), 1, 'no unrestricted copy came back');
      // the document restricted and the incident lifted: still restricted by its document
      await s.setDocumentRestricted(d1, true, { userId: null, via: 'editor' });
      const lifted = await s.setIncidentRestricted(exec.id, false, { userId: null });
      assert.deepEqual(lifted.restricted, { incident: false, document: true });
      assert.equal((await s.reviews(exec.id)).at(-1)?.action, 'unrestrict');
      // unchanged flag: no new review
      await s.setIncidentRestricted(exec.id, false, { userId: null });
      assert.equal((await s.reviews(exec.id)).length, 2);
      await assert.rejects(s.setIncidentRestricted('999999', true, { userId: null }), { code: 'store.not-found' });
    });

    test('restricted: the flag belongs to the source; an ingest rule restricts but never overrides an editor', async (s) => {
      // a rule restricts a new source, its incidents with it
      const a = await s.putDocument(doc('file:witness.txt', AR_SHELL, { restricted: true }));
      await s.saveExtraction(a.id, { incidents: [shellIncident()] });
      const docA = await s.getDocument(a.id);
      assert.deepEqual([docA?.restricted, docA?.restrictedBy], [true, 'ingest']);
      assert.equal(await s.countIncidents({ restricted: 'only' }), 1);
      // a new version without the rule keeps it: a rule never lifts a restriction
      const a2 = await s.putDocument(doc('file:witness.txt', AR_SHELL + ' تحديث'));
      assert.equal((await s.getDocument(a2.id))?.restricted, true);
      await s.saveExtraction(a2.id, { incidents: [shellIncident('s2')] });
      assert.equal(await s.countIncidents({ restricted: 'exclude' }), 0);
      // an editor lifts it on one version: every version and incident of the source is free
      await s.setDocumentRestricted(a2.id, false, { userId: null, via: 'editor' });
      assert.equal((await s.getDocument(a.id))?.restricted, false);
      assert.equal(await s.countIncidents({ restricted: 'only' }), 0);
      // the rule again, unchanged text and a changed one: the editor's choice stands
      const again = await s.putDocument(doc('file:witness.txt', AR_SHELL + ' تحديث', { restricted: true }));
      assert.equal(again.status, 'unchanged');
      assert.equal((await s.getDocument(a2.id))?.restricted, false);
      const a3 = await s.putDocument(doc('file:witness.txt', AR_SHELL + ' تحديث ثان', { restricted: true }));
      assert.deepEqual(
        [(await s.getDocument(a3.id))?.restricted, (await s.getDocument(a3.id))?.restrictedBy],
        [false, 'editor'],
      );
      const rule = await s.setDocumentRestricted(a3.id, true, { userId: null, via: 'ingest' });
      assert.equal(rule.changed, false);
      // and the other way round: an editor's restriction survives a changed version ingested without rule
      const b = await s.putDocument(doc('file:b.txt', EN_ARREST));
      await s.setDocumentRestricted(b.id, true, { userId: null, via: 'editor' });
      const b2 = await s.putDocument(doc('file:b.txt', EN_ARREST + ' More.'));
      assert.deepEqual(
        [(await s.getDocument(b2.id))?.restricted, (await s.getDocument(b2.id))?.restrictedBy],
        [true, 'editor'],
      );
      // a rule on an unchanged document that nobody chose for restricts it, audited as the rule's
      const c = await s.putDocument(doc('file:c.txt', AR_EXEC));
      await s.saveExtraction(c.id, { incidents: [execIncident()] });
      assert.equal((await s.putDocument(doc('file:c.txt', AR_EXEC, { restricted: true }))).status, 'unchanged');
      assert.equal((await s.getDocument(c.id))?.restricted, true);
      assert.equal(await s.countIncidents({ type: ['execution'], restricted: 'exclude' }), 0);
      const audit = await s.listAudit({ limit: 1, offset: 0 });
      assert.deepEqual(
        [audit[0]?.action, audit[0]?.detail, audit[0]?.userId],
        ['document.restrict', 'an ingest rule', null],
      );
      // bulk loads into a restricted document are restricted too
      await s.bulkInsertIncidents([{ documentId: b2.id, incident: arrestIncident('bulk') }]);
      assert.equal(await s.countIncidents({ type: ['arrests'], restricted: 'exclude' }), 0);
    });
  });
}
