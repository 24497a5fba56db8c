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
