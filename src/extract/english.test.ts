// English wording of the mechanisms the event layer and realis share with Arabic: strikes told by their
// instrument, ground taken after fighting, support that is not an event, and how an event word is told
// (habit, background, attempt, tally). Every text is our own, in the style of news and ACLED notes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractDocument } from '../pipeline/index.ts';

const run = (text: string) => extractDocument({ text, lang: 'en', published: '2021-06-10' }).incidents;
const types = (text: string) => run(text).map((i) => i.type);

test('strikes are air strikes by their noun or by an aircraft doing them', () => {
  for (const text of [
    'On 7 June 2021, Russian jets conducted several strikes on the outskirts of Kansafra.',
    'On 7 June 2021, Israeli strikes hit positions of Iranian militias near Albu Kamal.',
    'On 7 June 2021, a drone believed to be Turkish struck a car near Qamishli, killing 2 SDF members.',
    'On 7 June 2021, unidentified warplanes, likely Israeli, struck a convoy near Albu Kamal, killing 9 militiamen.',
    'On 7 June 2021, Turkish aircraft carried out a strike near Sinjar.',
  ])
    assert.deepEqual(types(text), ['air_strike'], text);
  const convoy = run(
    'On 7 June 2021, unidentified warplanes, likely Israeli, struck a convoy near Albu Kamal, killing 9 militiamen.',
  );
  assert.equal(convoy[0]!.counts.killed?.value, 9);
});

test('«hit» and «struck» without aircraft name no event; a strike of workers is a protest', () => {
  assert.deepEqual(types('A sandstorm hit the town of Raqqa on Monday and struck the market.'), []);
  assert.deepEqual(types('Teachers went on strike in Sulaymaniyah over unpaid salaries.'), ['peaceful_protest']);
  assert.deepEqual(types('A missile strike hit a weapons depot near Masyaf.'), ['shelling']);
});

test('ground taken after fighting is one event: the taking, with the dead of its fighting', () => {
  const r = run(
    'On 3 June 2021, Turkish-backed factions took control of Dibs village after heavy clashes with QSD, killing 4 QSD fighters.',
  );
  assert.deepEqual(
    r.map((i) => [i.type, i.counts.killed?.value]),
    [['non_state_overtakes_territory', 4]],
  );
  const regained = run(
    'On 3 June 2021, regime forces retook the village of Kafr Nabuda from opposition factions after fierce clashes that left 9 fighters dead.',
  );
  assert.deepEqual(
    regained.map((i) => [i.type, i.counts.killed?.value]),
    [['government_regains_territory', 9]],
  );
});

test('fighting at another place than the one taken stays a battle of its own', () => {
  assert.deepEqual(
    types(
      'On 3 June 2021, IS militants took control of the village of Hatla. Clashes also broke out between IS and regime forces in the town of Mayadin.',
    ),
    ['non_state_overtakes_territory', 'armed_clash'],
  );
});

test('ACLED: a non-state group that takes ground back overtakes it; a place that falls to a group is taken', () => {
  assert.deepEqual(
    types('On 3 June 2021, opposition factions recaptured the village of Kafr Nabuda from regime forces.'),
    ['non_state_overtakes_territory'],
  );
  assert.deepEqual(types('On 3 June 2021, the town of Hajin fell to IS militants after clashes with the SDF.'), [
    'non_state_overtakes_territory',
  ]);
  assert.deepEqual(types('On 3 June 2021, regime forces regained control of the town of Kafr Nabuda.'), [
    'government_regains_territory',
  ]);
});

test('the support an advance had is part of the advance', () => {
  assert.deepEqual(
    types('On 3 June 2021, regime forces, backed by Russian airstrikes, took control of Khan Sheikhoun.'),
    ['government_regains_territory'],
  );
  // the marker reaches only its own noun phrase: the verb after it is still the event
  assert.deepEqual(
    types('On 7 May 2021, the PMF backed by the intelligence service ambushed IS militants near Samarra.'),
    ['armed_clash'],
  );
});

test('realis in English: habits, generic statements, backgrounds, purposes and tallies are not incidents', () => {
  for (const text of [
    'Regime forces have been shelling the town of Ariha for months.',
    'Airstrikes kill civilians in Syria every week, rights groups say.',
    'Since IS took the city in 2014, thousands of residents have fled.',
    'The network documented 161 arrests in March across the country.',
    'The group recorded dozens of cases of kidnapping in the province.',
    'The patrol tried to arrest a wanted man in the town of Busra but he escaped.',
  ])
    assert.deepEqual(types(text), [], text);
});

test('realis in English: anchored mentions stay events', () => {
  // a purpose does not undo the shelling it explains; an attempted assassination is an attack
  assert.deepEqual(
    types(
      'Regime forces shelled the village of Kansafra on Friday in an attempt to capture the hilltop, killing two civilians.',
    ),
    ['shelling'],
  );
  assert.deepEqual(types('Gunmen tried to assassinate the mayor of Jasim on Friday, wounding his driver.'), ['attack']);
  // a practice with a figure and a day of its own is an event
  assert.deepEqual(
    types('Regime forces, which have shelled Ariha for months, killed 3 civilians there on Monday.').length,
    1,
  );
  assert.deepEqual(types('The network documented the arrest of 16 men in the village of Tayba on Monday.'), [
    'arrests',
  ]);
});

test('a later «the attack» that adds a figure is the event told before it; another doer is not', () => {
  const r = run(
    'Warplanes struck the market of Saraqib on Tuesday, killing nine civilians. Another 35 people were wounded in the attack.',
  );
  assert.deepEqual(
    r.map((i) => [i.type, i.counts.killed?.value, i.counts.injured?.value]),
    [['air_strike', 9, 35]],
  );
  assert.equal(
    run(
      'A car bomb exploded in the market of Azaz on Thursday, killing four people. The raid on the town of Marea by IS militants left two dead.',
    ).length,
    2,
  );
});

test('officials of civilian bodies are civilians: killing one is an attack, with its toll', () => {
  const r = run('Gunmen shot dead a local council member in the village of Jasim on Saturday.');
  assert.deepEqual(
    r.map((i) => [i.type, i.counts.killed?.value]),
    [['attack', 1]],
  );
  assert.deepEqual(types('Gunmen shot dead a regime officer in the village of Jasim on Saturday.'), ['armed_clash']);
});

test('«captured VILLAGE» is ground even when the gazetteer lacks the village; people captured are not', () => {
  assert.deepEqual(types('On 3 June 2021, SNA factions captured Tal Tawil and Sayda after clashes with the SDF.'), [
    'non_state_overtakes_territory',
  ]);
  assert.deepEqual(
    types('On 3 June 2021, regime forces seized Khirbet Ghazala after clashes with opposition factions.'),
    ['government_regains_territory'],
  );
  assert.ok(
    !types('On 3 June 2021, the SDF captured Abu Khaled, an IS commander, in Shuhail.').includes(
      'non_state_overtakes_territory',
    ),
  );
  assert.deepEqual(types('On 3 June 2021, the police captured a smuggler near the border crossing of Rabia.'), [
    'arrests',
  ]);
});

test('fighters killed or wounded are a battle, civilians killed an attack (ACLED)', () => {
  assert.deepEqual(
    types(
      'On 5 June 2021, a Peshmerga soldier was killed and 2 others were wounded by IS gunfire in the Qarachogh mountains.',
    ),
    ['armed_clash'],
  );
  const post = run('On 5 June 2021, tribal fighters attacked an SDF post in Diban, killing 2 SDF members.');
  assert.deepEqual(
    post.map((i) => [i.type, i.actors.find((a) => a.role === 'perpetrator')?.id]),
    [['armed_clash', 'tribal_militia']],
  );
  assert.deepEqual(types('On 5 June 2021, IS militants stormed a village in Diyala and killed 3 civilians.'), [
    'attack',
  ]);
  assert.deepEqual(types('On 5 June 2021, a shell killed 2 civilians and wounded a child in the town of Ariha.'), [
    'shelling',
  ]);
});
