// English news wording of the Syrian war (wire services, regional outlets): the names of the sides'
// forces, «the army» of a report on the regime, a country that only names a border, fighters killed by
// an air strike. Every text is our own; each rule has its example and a counter-example.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractDocument } from '../pipeline/index.ts';

const run = (text: string) => extractDocument({ text, lang: 'en', published: '2016-08-10' }).incidents;
const perps = (text: string) =>
  run(text).map((i) =>
    i.actors
      .filter((a) => a.role === 'perpetrator')
      .map((a) => a.id)
      .join(','),
  );

test('the government side by its arms, its leader and its troops', () => {
  assert.deepEqual(perps('Syrian jets bombed a market in Maarat al-Numan on Sunday, killing 7 civilians.'), [
    'syrian_government',
  ]);
  assert.deepEqual(perps("Assad's forces shelled the town of Kafr Zita on Monday, killing 3 civilians."), [
    'syrian_government',
  ]);
  assert.deepEqual(perps('Government troops shelled the town of Kafr Zita on Monday, killing 3 civilians.'), [
    'syrian_government',
  ]);
  assert.deepEqual(perps('Syrian and Russian jets pounded Saraqib on Friday, killing 12 civilians.'), [
    'syrian_government,russia',
  ]);
  // counter-examples: «Syrian» alone, Assad named as a person, the diplomats of both
  assert.deepEqual(perps('A bomb killed 4 Syrian civilians in the market of Azaz on Sunday.'), ['']);
  assert.deepEqual(perps('Syrian and Russian diplomats met in Geneva on Monday.'), []);
});

test('the coalition by its leader: «U.S.-led strikes», «US warplanes»', () => {
  assert.deepEqual(perps('U.S.-led strikes killed 9 civilians in the village of Tokhar on Tuesday.'), [
    'international_coalition',
  ]);
  assert.deepEqual(perps('US warplanes struck an oil field near Mayadin, killing 5 people.'), [
    'international_coalition',
  ]);
  // counter-example: the pronoun «us»
  assert.deepEqual(perps('"They bombed us for three hours," a resident of Mayadin said of the strike that killed 5.'), [
    '',
  ]);
});

test('«the army» is the regime’s only in a report that names the regime’s forces', () => {
  assert.deepEqual(
    perps('Regime forces advanced on Kafr Zita on Sunday. The army shelled the town, killing 4 civilians.'),
    ['syrian_government'],
  );
  // counter-example: nothing names the Syrian government, and «the army» alone does not make it the subject
  assert.deepEqual(perps('Three militants were killed in clashes with the army near Rutba.'), ['']);
  assert.deepEqual(perps('The army shelled the town of Kafr Zita, killing 4 civilians.'), ['']);
});

test('a country after «the border with» is where the border runs, not a party', () => {
  assert.deepEqual(perps('An air strike killed 30 militants near Kobane on the border with Turkey.'), ['']);
  // counter-example: the country as the doer
  assert.deepEqual(perps('Turkey shelled villages near Kobane on Monday, killing 2 civilians.'), ['turkey']);
});

test('fighters killed in an air strike are the strike’s toll, not a second event', () => {
  const brief = (text: string) => run(text).map((i) => [i.type, i.counts.killed?.value ?? null]);
  assert.deepEqual(brief('Thirty militants were killed in an air strike near Kobane.'), [['air_strike', 30]]);
  assert.deepEqual(brief('An air strike killed thirty militants near Kobane.'), [['air_strike', 30]]);
  // counter-examples: killed by forces in a fight, or with no event word, they are a battle
  assert.deepEqual(brief('Iraqi forces killed three IS militants in the desert near Rutba.'), [['armed_clash', 3]]);
  assert.deepEqual(brief('Three militants were killed near Rutba on Monday.'), [['armed_clash', 3]]);
});

test('«aerial attacks» are air strikes; «US raids» are the coalition’s', () => {
  const typed = (text: string) => run(text).map((i) => [i.type, i.counts.killed?.value ?? null]);
  assert.deepEqual(typed('Thirteen civilians were killed in aerial attacks on the town of Kafr Nubl on Monday.'), [
    ['air_strike', 13],
  ]);
  assert.deepEqual(perps('US raids killed 6 civilians in the city of Raqqa on Saturday.'), ['international_coalition']);
  // counter-examples: an attack on the ground stays an attack; «us» the pronoun names no one
  assert.deepEqual(typed('Gunmen attacked a bus near Kafr Nubl on Monday, killing 4 civilians.'), [['attack', 4]]);
  assert.deepEqual(
    perps('Warplanes struck Raqqa, killing 6 civilians, and residents told us the raids went on all night.'),
    [''],
  );
});

test('«either Russian or Syrian government planes»: both suspected doers, joined by «or» as by «and»', () => {
  assert.deepEqual(
    perps(
      'Air strikes on the market of Al-Shaara killed 17 civilians. The strikes were carried out by either Russian or Syrian government planes.',
    ),
    ['russia,syrian_government'],
  );
  // counter-example: «or» between a doer and the people hit joins nothing
  assert.deepEqual(
    perps('Russian planes struck the market of Al-Shaara, and it is unclear whether 17 or more civilians were killed.'),
    ['russia'],
  );
});
