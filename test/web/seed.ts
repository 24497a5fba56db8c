// A small review database for the server and browser tests: reports we wrote ourselves, with
// incidents built by hand (spans found by searching the text, so they are exact by construction).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addUser } from '../../src/auth/users.ts';
import { acledFor, type Incident, type IncidentType, type Span } from '../../src/schema.ts';
import pg from 'pg';
import { openStore } from '../../src/store/open.ts';
import type { Store } from '../../src/store/types.ts';

export const PASSWORDS = { admin: 'admin-pass-1', editor: 'editor-pass-1', viewer: 'viewer-pass-1' } as const;

export const AR_EXECUTION =
  'أعدم عناصر تنظيم داعش ثلاثة رجال رمياً بالرصاص في ساحة مدينة الميادين بريف دير الزور الشرقي يوم الجمعة 4 أيلول 2015، ' +
  'بتهمة التعامل مع التحالف الدولي، بحسب ناشطين محليين.\n\n' +
  'وفي اليوم نفسه قصفت طائرات التحالف موقعاً في بلدة الشحيل، ما أدى إلى مقتل خمسة مدنيين وإصابة سبعة آخرين.';

export const EN_EXECUTION =
  'Islamic State fighters executed three men by shooting in the main square of al-Mayadin, in the eastern ' +
  'countryside of Deir ez-Zor, on Friday 4 September 2015, accusing them of working with the international ' +
  'coalition, according to local activists.';

export const AR_ARRESTS =
  'اعتقلت قوات سوريا الديمقراطية عشرين شاباً في مدينة الرقة خلال حملة دهم يوم الثلاثاء 12 آذار 2019، واقتادتهم إلى جهة مجهولة.';

export const XSS_SCRIPT = '<script>window.__pwned = 1</script>';
export const XSS_IMG = '<img src=x onerror="window.__pwned = 2">';
export const XSS_LINK = '<a href="javascript:window.__pwned=3">اضغط هنا</a>';
export const XSS_TEXT =
  `بيان منقول كما ورد ${XSS_SCRIPT} ثم صورة ${XSS_IMG} ورابط ${XSS_LINK}. ` +
  'وقالت المصادر إن مسلحين مجهولين خطفوا طبيباً من منزله في مدينة الحسكة.';

function span(text: string, phrase: string, from = 0): Span {
  const i = text.indexOf(phrase, from);
  if (i < 0) throw new Error(`seed: phrase not in text: ${phrase}`);
  return [i, i + phrase.length];
}

function incident(id: string, type: IncidentType, text: string, evidence: string, parts: Partial<Incident>): Incident {
  return {
    id,
    type,
    acled: acledFor(type),
    violations: [],
    actors: [],
    locations: [],
    time: null,
    counts: {},
    methods: [],
    accusations: [],
    attribution: null,
    evidence: [{ span: span(text, evidence) }],
    summary_en: '',
    confidence: 0.8,
    ...parts,
  };
}

export interface Seeded {
  store: Store;
  dir: string;
  file: string;
  docs: { arExecution: string; enExecution: string; arArrests: string; xss: string };
  incidents: { execution: string; airStrike: string; enExecution: string; arrests: string; xss: string };
  cleanup: () => Promise<void>;
}

const PG_URL = process.env.DATABASE_URL || 'postgres://root@127.0.0.1:5432/test';

async function postgresSkip(): Promise<string | false> {
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return false;
  } catch (err) {
    return `no PostgreSQL answers at ${PG_URL.replace(/\/\/[^@]*@/, '//')} (${(err as { code?: string }).code ?? 'error'})`;
  } finally {
    await c.end().catch(() => undefined);
  }
}

export type Backend = 'sqlite' | 'postgres';

/** The backends the server suites run on; PostgreSQL skips with the reason when none answers. */
export async function backends(): Promise<Array<{ backend: Backend; skip: string | false }>> {
  return [
    { backend: 'sqlite', skip: false },
    { backend: 'postgres', skip: await postgresSkip() },
  ];
}

export async function seedStore(backend: Backend = 'sqlite'): Promise<Seeded> {
  const dir = mkdtempSync(join(tmpdir(), 'rasid-serve-'));
  const file = join(dir, 'review.db');
  // each PostgreSQL run lives in a schema of its own, dropped afterwards
  const schema = `rasid_serve_${randomBytes(6).toString('hex')}`;
  const store = backend === 'sqlite' ? await openStore({ db: file }) : await openStore({ databaseUrl: PG_URL, schema });
  for (const [name, role] of [
    ['admin', 'admin'],
    ['editor', 'editor'],
    ['viewer', 'viewer'],
  ] as const) {
    await addUser(store, name, role, PASSWORDS[name]);
  }

  const put = async (sourceKey: string, lang: 'ar' | 'en', text: string, title: string, url: string | null) =>
    (await store.putDocument({ sourceKey, url, title, lang, published: null, text, format: 'txt', alternates: [] })).id;
  const arExecution = await put(
    'seed/mayadin.ar',
    'ar',
    AR_EXECUTION,
    'إعدامات في الميادين',
    'https://reports.example.org/ar/mayadin',
  );
  const enExecution = await put(
    'seed/mayadin.en',
    'en',
    EN_EXECUTION,
    'Executions in al-Mayadin',
    'https://reports.example.org/en/mayadin',
  );
  const arArrests = await put('seed/raqqa.ar', 'ar', AR_ARRESTS, 'اعتقالات في الرقة', null);
  const xss = await put(
    'seed/xss.ar',
    'ar',
    XSS_TEXT,
    '<b onmouseover="window.__pwned=4">عنوان</b>',
    'javascript:window.__pwned=5',
  );
  await store.linkAlternates([arExecution, enExecution]);

  const T = AR_EXECUTION;
  const mayadin = {
    name: 'al-Mayadin',
    name_ar: 'الميادين',
    lat: 35.0207,
    lon: 40.4514,
    country: 'SY',
    admin1: 'Deir ez-Zor',
    precision: 1,
  };
  await store.saveExtraction(arExecution, {
    incidents: [
      incident('e1', 'execution', T, T.split('\n')[0]!, {
        violations: ['execution'],
        actors: [
          { role: 'perpetrator', id: 'isis', name: 'Islamic State', span: span(T, 'تنظيم داعش') },
          { role: 'victim', id: 'civilians', name: 'Civilians', span: span(T, 'ثلاثة رجال') },
        ],
        locations: [{ ...mayadin, span: span(T, 'مدينة الميادين') }],
        time: {
          start: '2015-09-04',
          end: '2015-09-04',
          precision: 1,
          text: 'يوم الجمعة 4 أيلول 2015',
          span: span(T, 'يوم الجمعة 4 أيلول 2015'),
        },
        counts: { killed: { value: 3, min: 3, max: 3, approximate: false, text: 'ثلاثة', span: span(T, 'ثلاثة') } },
        methods: [{ id: 'shooting', span: span(T, 'رمياً بالرصاص') }],
        accusations: [{ id: 'collaboration_with_coalition', span: span(T, 'التعامل مع التحالف الدولي') }],
        attribution: { text: 'بحسب ناشطين محليين', span: span(T, 'بحسب ناشطين محليين') },
        summary_en: 'Islamic State executed 3 men by shooting in al-Mayadin on 4 September 2015.',
      }),
      incident('e2', 'air_strike', T, T.split('\n\n')[1]!, {
        violations: ['attack_on_civilians'],
        actors: [
          {
            role: 'perpetrator',
            id: 'international_coalition',
            name: 'International coalition',
            span: span(T, 'طائرات التحالف'),
          },
          { role: 'victim', id: 'civilians', name: 'Civilians', span: span(T, 'مدنيين') },
        ],
        locations: [
          {
            name: 'al-Shuhayl',
            name_ar: 'الشحيل',
            lat: 35.13,
            lon: 40.38,
            country: 'SY',
            admin1: 'Deir ez-Zor',
            precision: 1,
            span: span(T, 'بلدة الشحيل'),
          },
        ],
        time: {
          start: '2015-09-04',
          end: '2015-09-04',
          precision: 1,
          text: 'في اليوم نفسه',
          span: span(T, 'في اليوم نفسه'),
        },
        counts: {
          killed: { value: 5, min: 5, max: 5, approximate: false, text: 'خمسة', span: span(T, 'خمسة') },
          injured: { value: 7, min: 7, max: 7, approximate: false, text: 'سبعة', span: span(T, 'سبعة') },
        },
        methods: [{ id: 'air_strike', span: span(T, 'قصفت طائرات') }],
        summary_en: 'International coalition air strike killed 5 civilians in al-Shuhayl on 4 September 2015.',
      }),
    ],
  });
  const E = EN_EXECUTION;
  await store.saveExtraction(enExecution, {
    incidents: [
      incident('e1', 'execution', E, E, {
        actors: [{ role: 'perpetrator', id: 'isis', name: 'Islamic State', span: span(E, 'Islamic State') }],
        locations: [{ ...mayadin, span: span(E, 'al-Mayadin') }],
        time: {
          start: '2015-09-04',
          end: '2015-09-04',
          precision: 1,
          text: 'Friday 4 September 2015',
          span: span(E, 'Friday 4 September 2015'),
        },
        counts: { killed: { value: 3, min: 3, max: 3, approximate: false, text: 'three', span: span(E, 'three') } },
        methods: [{ id: 'shooting', span: span(E, 'shooting') }],
        summary_en: 'Islamic State executed 3 men in al-Mayadin on 4 September 2015.',
      }),
    ],
  });
  const R = AR_ARRESTS;
  await store.saveExtraction(arArrests, {
    incidents: [
      incident('a1', 'arrests', R, R, {
        // as if read from page 3 of a scanned PDF
        evidence: [{ span: span(R, R), page: 3 }],
        issues: [{ code: 'ocr', stage: 'input', message: 'text read by OCR from a scan (page 3)', span: span(R, R) }],
        violations: ['arbitrary_detention'],
        actors: [
          { role: 'perpetrator', id: 'sdf', name: 'Syrian Democratic Forces', span: span(R, 'قوات سوريا الديمقراطية') },
        ],
        locations: [
          {
            name: 'Raqqa',
            name_ar: 'الرقة',
            lat: 35.9528,
            lon: 39.0079,
            country: 'SY',
            admin1: 'Raqqa',
            precision: 1,
            span: span(R, 'مدينة الرقة'),
          },
        ],
        time: {
          start: '2019-03-12',
          end: '2019-03-12',
          precision: 1,
          text: 'يوم الثلاثاء 12 آذار 2019',
          span: span(R, 'يوم الثلاثاء 12 آذار 2019'),
        },
        counts: {
          arrested: { value: 20, min: 20, max: 20, approximate: false, text: 'عشرين', span: span(R, 'عشرين') },
        },
        summary_en: 'Syrian Democratic Forces arrested 20 young men in Raqqa on 12 March 2019.',
      }),
    ],
  });
  const X = XSS_TEXT;
  await store.saveExtraction(xss, {
    incidents: [
      incident('x1', 'abduction', X, X, {
        actors: [{ role: 'perpetrator', id: 'unidentified_armed_group', name: XSS_SCRIPT, span: span(X, XSS_SCRIPT) }],
        locations: [
          {
            name: XSS_IMG,
            name_ar: XSS_LINK,
            lat: 36.5,
            lon: 40.75,
            country: 'SY',
            admin1: 'Hasakah',
            precision: 1,
            span: span(X, 'مدينة الحسكة'),
          },
        ],
        time: { start: '2019-05-01', end: '2019-05-01', precision: 1, text: null, span: null },
        counts: { abducted: { value: 1, min: 1, max: 1, approximate: false, text: 'طبيباً', span: span(X, 'طبيباً') } },
        summary_en: `Gunmen abducted a doctor ${XSS_IMG} ${XSS_LINK}`,
      }),
    ],
  });

  const ids = async (doc: string) => (await store.listIncidents({ documentId: doc }, { limit: 10, offset: 0 })).items;
  const ex = await ids(arExecution);
  return {
    store,
    dir,
    file,
    docs: { arExecution, enExecution, arArrests, xss },
    incidents: {
      execution: ex.find((i) => i.type === 'execution')!.id,
      airStrike: ex.find((i) => i.type === 'air_strike')!.id,
      enExecution: (await ids(enExecution))[0]!.id,
      arrests: (await ids(arArrests))[0]!.id,
      xss: (await ids(xss))[0]!.id,
    },
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
      if (backend === 'postgres') {
        const c = new pg.Client({ connectionString: PG_URL });
        await c.connect();
        await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await c.end();
      }
    },
  };
}
