// English place names in context: a name is capitalised, a name element alone before another
// capitalised word begins a name the gazetteer does not hold, and the parent named after a place
// («X, in the eastern Daraa countryside», «X, 15 km south of Mosul») picks its bearer or rejects one
// that lies elsewhere. The sentences are our own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../text/analyze.ts';
import { findPlaces } from './find-places.ts';

const places = (text: string) =>
  findPlaces(analyze(text, 'en')).map((m) => ({
    text: m.text,
    name: m.entry?.name ?? null,
    admin1: m.entry?.admin1 ?? null,
    issues: (m.issues ?? []).map((i) => i.code),
  }));

test('a word in lower case is no place name in a text that capitalises', () => {
  const found = places('IS militants executed two men in the main square of Hajin.');
  assert.deepEqual(
    found.map((p) => p.text),
    ['Hajin'],
  );
});

test('a name element before another capitalised word begins a longer name, not the place «Tall»', () => {
  const found = places('An IED exploded in the village of Tal Hamka, 20 km east of Deir ez-Zor.');
  assert.ok(!found.some((p) => p.text === 'Tal'), JSON.stringify(found));
  assert.ok(found.some((p) => p.admin1 === 'Deir-ez-Zor'));
  // «Tall Abyad» is a name of its own and stays one
  assert.ok(places('A mine exploded in Tal Abyad.').some((p) => p.name === 'Tall Abyad'));
});

test('the parent after a comma picks the bearer of a name inside it', () => {
  const found = places('A man was shot dead in Busra, in the eastern Daraa countryside.');
  assert.equal(found[0]!.name, 'Busra ash Sham');
  assert.equal(found[0]!.admin1, "Dar'a");
  // without a parent the bigger namesake wins, as before
  assert.equal(places('Busra was shelled on Monday.')[0]!.admin1, 'Basrah');
});

test('a bearer outside the named parent is rejected; the same name inside its parent is kept', () => {
  const far = places('A roadside bomb killed a soldier in the village of Rashidiya, 15 km south of Mosul.');
  assert.equal(far[0]!.text, 'Rashidiya');
  assert.equal(far[0]!.name, null);
  assert.deepEqual(far[0]!.issues, ['place.outside-parent']);
  assert.equal(far[1]!.name, 'Mosul');
  const near = places('A man was killed in Rashidiya, in the eastern Deir ez-Zor countryside.');
  assert.equal(near[0]!.admin1, 'Deir-ez-Zor');
});

const one = (text: string) => places(text)[0] ?? null;

test("an apostrophe inside a word: the spelling is read whole («Dar'a», «Mada'in»)", () => {
  assert.equal(one("Shelling hit Dar'a on Monday.")?.admin1, "Dar'a");
  assert.equal(one("A bomb went off in Mada'in.")?.name, "Mada'in");
  // a syllable after an apostrophe is no article: «Da'el» is read whole, not «Da» and «el»
  assert.equal(one("Shelling hit Da'el.")?.admin1, "Dar'a");
  // not any two words around an apostrophe
  assert.equal(one("The army's shelling went on."), null);
});

test('a folded name longer than the names read inside it wins over them', () => {
  assert.equal(one('Shelling hit Busra Esh-Sham.')?.name, 'Busra ash Sham');
  // two names with a comma between stay two
  assert.deepEqual(
    places('Shelling hit Homs, Hama and Idlib.').map((p) => p.admin1),
    ['Homs', 'Hama', 'Idleb'],
  );
});

test('a name is found with its words joined or apart, never across an article or a lower-case word', () => {
  assert.equal(one('A bomb exploded in Balad Ruz.')?.name, 'Baladruz');
  assert.equal(one('A man was killed in Hama.')?.admin1, 'Hama');
  assert.ok(!places('A man was killed in Hama.').some((p) => p.name === 'Amman'));
});

test('one word reached by folding with its vowels alike stands alone («Dhuluiyah», «Youssifiyah»)', () => {
  assert.equal(one('Gunmen attacked a checkpoint in Dhuluiyah.')?.admin1, 'Salah al-Din');
  assert.equal(one('Gunmen attacked a checkpoint in Youssifiyah.')?.admin1, 'Baghdad');
});

test('a loose reading (vowels written otherwise, «Kabani» for Kobani) needs its context', () => {
  const alone = one('Shells fell on Kabani.');
  assert.equal(alone?.name, null);
  assert.deepEqual(alone?.issues, ['place.loose-spelling']);
  // the report's governorate places it: two places of Aleppo before it
  const placed = places('Clashes in Manbij and Jarablus, Aleppo. Shells also fell on Kabani.');
  assert.equal(placed.find((p) => p.text === 'Kabani')?.admin1, 'Aleppo');
  // or the one governorate the report's other places lie in
  const sole = places('Shells fell on Kabani, in the countryside near Aleppo.');
  assert.equal(sole.find((p) => p.text === 'Kabani')?.admin1, 'Aleppo');
  // a short word is loose too when it meets no place's own name: «Beiji» is Bayji, «Kelb» no place
  assert.equal(one('A bomb exploded in Beiji.')?.admin1, 'Salah al-Din');
});

test('a short name written as one counts inside a sentence («Kut», «Hit»), not as a word or a code', () => {
  assert.equal(one('A car bomb exploded in Kut.')?.admin1, 'Wassit');
  assert.equal(one('Two policemen were killed in Hit.')?.admin1, 'Anbar');
  assert.equal(one('Hit by a mortar, the house burned.'), null);
  assert.equal(one('The Uwayrid Dam was shelled.')?.name ?? null, null);
  assert.equal(one('A SAM battery was hit.'), null);
});

test('a name element before a name begins a longer one («Umm Al Mayadin», «Tall al Sayyad», «Bab al Faraj»)', () => {
  assert.ok(!places('Clashes were reported in Umm Al Mayadin.').some((p) => p.name === 'Al Mayadin'));
  assert.ok(!places('Clashes were reported in Tall al Sayyad.').some((p) => p.name === 'At Tall'));
  assert.ok(!places('Clashes were reported in Qaryat Tall adh Dhahab.').some((p) => p.name === 'At Tall'));
  assert.ok(!places('Clashes were reported in Bab al Faraj.').some((p) => p.admin1 === 'Aleppo'));
  // a name read as written keeps its element before it when it opens with no article
  assert.ok(places('A bomb exploded in Khan Bani Saad.').some((p) => p.admin1 === 'Diyala'));
});

test("a place's own name beats another place's old name: «Barah» is al-Bara, not Aleppo («Berea»)", () => {
  assert.equal(one('Clashes were reported in Barah town.')?.admin1, 'Idleb');
  assert.notEqual(one('Clashes were reported in Barah town.')?.name, 'Aleppo');
});

test('a folded reading is a whole name: «Ghadir» in «Ghadir al Bostan» is not al-Ghadir', () => {
  assert.ok(!places('Clashes were reported in Ghadir al Bostan.').some((p) => p.name !== null));
  // nor the end of one: «Mala» in «Daoudiyet Mala» is not Malah; a cue before it is no name word
  assert.ok(!places('Crops were looted in Daoudiyet Mala near Tal Tamr.').some((p) => p.text === 'Mala' && p.name));
  assert.equal(one('Shells fell on Eastern Ghariyeh.')?.text, 'Ghariyeh');
  // a cue after the name does not continue it
  assert.equal(one('Clashes were reported in Shurah village.')?.admin1, 'Ninewa');
});
