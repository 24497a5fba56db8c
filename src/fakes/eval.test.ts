import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { Incident } from '../schema.ts';
import {
  articleText,
  evalFakes,
  fakesActorClass,
  fakesCause,
  fakesDate,
  formatFakesEval,
  ourActorClass,
  readFakesFile,
  scoreFakesRow,
  statesFigure,
} from './eval.ts';

// Articles of our own making, in FA-KES's columns, written as latin-1 with one stray byte (0x95)
const FIXTURE = new URL('../../test/fixtures/fakes/articles.csv', import.meta.url).pathname;
const SHARED = new URL('../../../shared/data/fakes/fakes.csv', import.meta.url).pathname;

test("FA-KES's dates, causes and actors as ours", () => {
  assert.equal(fakesDate('4/5/17'), '2017-04-05');
  assert.equal(fakesDate('12/31/2016'), '2016-12-31');
  assert.equal(fakesDate('13/5/17'), null);
  assert.equal(fakesCause('chemical and toxic gases'), 'chemical');
  assert.equal(fakesCause('Shelling'), 'shelling');
  assert.equal(fakesCause('unknown'), null);
  assert.equal(fakesActorClass('syrian government or russian troops'), 'government');
  assert.equal(fakesActorClass('the organization of the islamic state in iraq and the levant - isis'), 'isis');
  assert.equal(fakesActorClass('international coalition forces'), 'coalition');
  assert.equal(fakesActorClass('self administration forces'), 'sdf');
  assert.equal(fakesActorClass('al-nusra front'), 'nusra');
  assert.equal(fakesActorClass('armed opposition groups'), 'opposition');
  assert.equal(fakesActorClass('unknown'), null);
});

const inc = (...perps: string[]) =>
  ({ actors: perps.map((id) => ({ role: 'perpetrator', id })) }) as unknown as Incident;

test('our actor class: the first perpetrator that has one; Russia is on the government side', () => {
  assert.equal(ourActorClass(inc('russia')), 'government');
  assert.equal(ourActorClass(inc('unidentified_armed_group', 'ypg')), 'sdf');
  assert.equal(ourActorClass(inc('hts')), 'nusra');
  assert.equal(ourActorClass(inc()), null);
  assert.equal(ourActorClass(null), null);
});

test('a figure is stated as digits outside longer numbers, or as a word up to twenty', () => {
  assert.ok(statesFigure('killing 10 civilians', 10));
  assert.ok(!statesFigure('killing 110 civilians', 10));
  assert.ok(!statesFigure('on 2.10.2016', 10));
  assert.ok(statesFigure('Three children died', 3));
  assert.ok(!statesFigure('thirty children died', 3));
});

test('the title goes in front of the content unless the content opens with it', async () => {
  const rows = await readFakesFile(FIXTURE);
  assert.equal(rows.length, 4);
  assert.match(rows[0]!.article_content!, /children \u0095 activists/);
  assert.equal(articleText(rows[0]!), rows[0]!.article_content);
  assert.match(articleText(rows[1]!), /^Car bomb kills six in Azaz\.\n\nA car bomb/);
});

test('one article is scored field by field', async () => {
  const [strike, bomb, execution] = await readFakesFile(FIXTURE);
  const s = scoreFakesRow(strike!);
  assert.deepEqual(
    [s.detectedKilling, s.governorate, s.cause, s.actor, s.civilians20, s.civiliansExact],
    [true, true, true, true, true, true],
  );
  // the wrong governorate, cause, actor and toll are caught; an unknown actor is not scored
  const wrong = scoreFakesRow({
    ...strike!,
    location: 'hama',
    cause_of_death: 'chemical and toxic gases',
    actor: 'al-nusra front',
    nb_civilians: '13',
  });
  assert.deepEqual(
    [wrong.governorate, wrong.cause, wrong.actor, wrong.civilians20, wrong.civiliansExact],
    [false, false, false, false, null],
  );
  assert.equal(scoreFakesRow({ ...strike!, nb_civilians: '9' }).civilians20, true);
  assert.equal(scoreFakesRow({ ...strike!, nb_civilians: '9' }).civiliansExact, null);
  assert.equal(scoreFakesRow(bomb!).actor, null);
  assert.equal(scoreFakesRow(bomb!).cause, true);
  assert.equal(scoreFakesRow(execution!).cause, true);
});

test('a file: shares over the rows each field scores; the kept third is every third row', async () => {
  const r = await evalFakes(FIXTURE);
  assert.equal(r.rows, 4);
  assert.deepEqual(r.detection_killing, { rows: 3, value: 1 });
  assert.deepEqual(r.cause, { rows: 3, value: 1 });
  // the fourth article's governorate (damascus) is not where its one place (Daraa) lies
  assert.deepEqual(r.governorate_any, { rows: 4, value: 0.75 });
  assert.equal(r.actor.rows, 3);
  const kept = await evalFakes(FIXTURE, { split: 'kept' });
  assert.equal(kept.rows, 1);
  assert.equal((await evalFakes(FIXTURE, { split: 'tune' })).rows, 3);
  assert.match(formatFakesEval(r), /silver labels/);
  assert.doesNotMatch(formatFakesEval(kept, true), /disagreements/);
});

test('a file without FA-KES columns is refused with a code', async () => {
  const pitf = new URL('../../test/fixtures/pitf/rows.csv', import.meta.url).pathname;
  await assert.rejects(evalFakes(pitf), (e: { code?: string }) => /^fakes\./.test(e.code ?? ''));
});

test(
  'the shared FA-KES file: every third of its 804 articles, 268, is kept',
  { skip: existsSync(SHARED) ? false : `no FA-KES file at ${SHARED}` },
  async () => {
    const kept = await evalFakes(SHARED, { split: 'kept' });
    assert.equal(kept.rows, 268);
    // floors that catch a regression; the held-out figures are judged by these alone
    assert.ok(kept.detection_killing.value >= 0.9, `detection ${kept.detection_killing.value}`);
    assert.ok(kept.governorate_any.value >= 0.88, `governorate ${kept.governorate_any.value}`);
    assert.ok(kept.cause.value >= 0.75, `cause ${kept.cause.value}`);
    assert.ok(kept.actor.value >= 0.5, `actor ${kept.actor.value}`);
  },
);
