// English news wording of killings (the PITF and wire-service style): bombs set off on the ground, a
// casualty verb with its doer, a later sentence that recalls the event, places named after sports.
// Every text is our own; each rule has its example and a counter-example.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractDocument } from '../pipeline/index.ts';

const run = (text: string) => extractDocument({ text, lang: 'en', published: '2014-06-10' }).incidents;
const brief = (text: string) =>
  run(text).map((i) => [i.type, i.counts.killed?.value ?? null, i.counts.injured?.value ?? null]);

test('bombs and bombings on the ground are explosive devices; dropped by aircraft they are air strikes', () => {
  assert.deepEqual(brief('A bomb killed six people near a mosque in Musayyib on Friday.'), [
    ['explosive_device', 6, null],
  ]);
  assert.deepEqual(brief('A wave of bombings across Baghdad killed at least 20 people and wounded 45 on Monday.'), [
    ['explosive_device', 20, 45],
  ]);
  assert.deepEqual(brief('A car bombing near a market in Baqubah killed 7 people on Sunday.'), [
    ['explosive_device', 7, null],
  ]);
  assert.deepEqual(brief('A suicide car bomber set off his explosives-laden vehicle in Basra, killing five people.'), [
    ['suicide_bomb', 5, null],
  ]);
  // counter-examples: aircraft drop bombs; a bomb squad is no bomb
  assert.deepEqual(brief('Warplanes dropped bombs on the village of Kansafra, killing 3 civilians.'), [
    ['air_strike', 3, null],
  ]);
  assert.deepEqual(brief('Warplanes bombed the market in Baqubah on Sunday, killing 7 people.'), [
    ['air_strike', 7, null],
  ]);
  assert.deepEqual(brief('The bomb squad reached the market in Hilla on Monday.'), []);
});

test('a casualty verb with its doer named is an event even when the victim is no count', () => {
  assert.deepEqual(
    run('Gunmen killed the head of a local radio station in Kirkuk on Tuesday.').map((i) => i.type),
    ['attack'],
  );
  // counter-example: no doer, no figure, no victim named: a death, not an incident
  assert.deepEqual(run('The head of a local radio station in Kirkuk died on Tuesday.'), []);
});

test('a later sentence that recalls the event as context does not weaken the event as first told', () => {
  const r = brief(
    'A suicide bomber blew himself up in a market in Hilla on Monday, killing 9 people. Hours after the attack, police closed the roads into the city.',
  );
  assert.deepEqual(r, [['suicide_bomb', 9, null]]);
  // counter-example: the recall alone is context, not an event
  assert.deepEqual(run('Hours after the attack on the market in Hilla, police closed the roads into the city.'), []);
});

test('a pitch or a club where a bomb went off is a place, not a match report', () => {
  assert.deepEqual(brief('A bomb exploded near a football field in Muqdadiyah on Monday, killing eight youths.'), [
    ['explosive_device', 8, null],
  ]);
  // counter-example: a match report's «attack» stays silent
  assert.deepEqual(
    run('The national team launched a fierce attack in the football match at the stadium in Basra.'),
    [],
  );
});

test('a number before a bomb, a strike or a clash counts the blows, not the dead', () => {
  assert.deepEqual(brief('3 bombings in Kirkuk killed 10 people and wounded 9 on Monday.'), [
    ['explosive_device', 10, 9],
  ]);
  assert.deepEqual(brief('Two car bombs killed nine people near a mosque in Kirkuk.'), [['explosive_device', 9, null]]);
  // counter-examples: a number before the people, or before a word that names people, counts them
  assert.deepEqual(brief('A car bomb in Kirkuk killed 3 in the market on Monday.'), [['explosive_device', 3, null]]);
  assert.deepEqual(brief('2 suicide bombers were killed at a checkpoint near Kirkuk.'), [['suicide_bomb', 2, null]]);
});

test('English lists of the dead add up: «a policeman and seven civilians», «his wife and three children»', () => {
  assert.deepEqual(brief('A car bomb exploded in Kirkuk, killing a policeman and seven civilians.'), [
    ['explosive_device', 8, null],
  ]);
  assert.deepEqual(
    brief('Gunmen killed a policeman, his father, his wife and three children south of Baghdad.')[0]?.[1],
    6,
  );
  assert.deepEqual(brief('Gunmen killed 15 Iranian pipeline workers and two Iraqi guards in Baghdad.')[0]?.[1], 17);
  // counter-examples: a second clause with its own verb is no item of the list
  assert.deepEqual(brief('A bomb exploded in Hilla, killing 15 civilians, and 3 were wounded.'), [
    ['explosive_device', 15, 3],
  ]);
  assert.deepEqual(brief('A bomb exploded in Hilla, killing 4 people and wounding 6 others.'), [
    ['explosive_device', 4, 6],
  ]);
});

test('fighters right before a verb with an object are its doers: the attack is on the people after it', () => {
  assert.deepEqual(brief('Militants gunned down 12 people on a bus in Mosul on Monday.'), [['attack', 12, null]]);
  assert.deepEqual(brief('Militants killed six farmers north of Baghdad on Monday.'), [['attack', 6, null]]);
  assert.deepEqual(brief('Shiite militiamen gunned down 70 people and wounded 20 at a mosque in Baghdad.'), [
    ['attack', 70, 20],
  ]);
  // counter-examples: fighters who died, or fighters as the object, make a battle
  assert.deepEqual(brief('Three militants killed in an ambush near Rutba on Monday.'), [['armed_clash', 3, null]]);
  assert.deepEqual(brief('Iraqi forces killed three IS militants in the desert near Rutba.'), [
    ['armed_clash', 3, null],
  ]);
});

test('captured or former soldiers are not fighters: killing them is an attack', () => {
  assert.deepEqual(
    run('IS militants killed 40 former soldiers near Mosul on Saturday.').map((i) => i.type),
    ['attack'],
  );
  // counter-example: serving soldiers are fighters
  assert.deepEqual(
    run('IS militants killed 40 soldiers near Mosul on Saturday.').map((i) => i.type),
    ['armed_clash'],
  );
});

test('a claim of responsibility names the doer of the event told before it, and is no event alone', () => {
  const r = run('A suicide car bomb killed at least 20 civilians in Kadhimiya on Monday. ISIS claimed responsibility.');
  assert.deepEqual(
    r.map((i) => [i.type, i.actors.find((a) => a.role === 'perpetrator')?.id]),
    [['suicide_bomb', 'isis']],
  );
  // counter-examples: a claim alone, and no claim
  assert.deepEqual(run('ISIS claimed responsibility in a statement posted online.'), []);
  assert.equal(
    run('A car bomb killed 12 civilians in Kadhimiya on Monday. No group has claimed responsibility.')[0]?.actors.find(
      (a) => a.role === 'perpetrator',
    ),
    undefined,
  );
});

test('bodies found, people slaughtered or shot are killings', () => {
  assert.deepEqual(brief('Police found 17 bullet-riddled bodies in different areas of Baghdad on Monday.'), [
    ['attack', 17, null],
  ]);
  assert.deepEqual(
    brief('ISIS has slaughtered 190 people in Mosul.').map((x) => x[1]),
    [190],
  );
  assert.deepEqual(brief('On 3 June, ISIS shot 41 civilians in western Mosul as they tried to flee.'), [
    ['attack', 41, null],
  ]);
  // counter-examples
  assert.deepEqual(run('Police found 17 weapons in different areas of Baghdad on Monday.'), []);
  assert.deepEqual(run('The film was shot in Baghdad last year.'), []);
});

test('one person named as killed counts one: a singular passive, or a name after the verb', () => {
  assert.deepEqual(
    brief('Hamza al-Shimmari, a candidate for the council, was gunned down in a drive-by shooting in Baghdad.'),
    [['attack', 1, null]],
  );
  assert.deepEqual(
    brief('In Sharqat, gunmen shot dead Mohammed Hussein Hamid, a candidate in the elections.')[0]?.[1],
    1,
  );
  // counter-examples: a place shelled or a house attacked is no person; several names are no single one
  assert.deepEqual(brief('The village of Kansafra was shelled by the army on Monday.'), [['shelling', null, null]]);
  assert.deepEqual(
    brief('Gunmen attacked Abu Ghraib prison on Monday.').map((x) => x[1]),
    [null],
  );
});

test('«N killed and M others wounded»: the second figure belongs to the word after it', () => {
  assert.deepEqual(
    brief('At least 27 people were killed and 51 others wounded when a bomb struck a cafe in Baghdad.'),
    [['explosive_device', 27, 51]],
  );
  // counter-example: «killed and wounded 20» is one combined figure, neither count alone
  assert.deepEqual(brief('The shelling killed and wounded 20 people in Kansafra on Monday.'), [
    ['shelling', null, null],
  ]);
});

test('an actor that says something is the source, not the doer', () => {
  const perp = (text: string) => run(text)[0]?.actors.find((a) => a.role === 'perpetrator')?.id;
  assert.equal(
    perp(
      'A car bomb exploded near a market in Baghdad on Tuesday, killing 14 people, Iraqi police and medical sources said.',
    ),
    undefined,
  );
  assert.equal(
    perp('Iraqi police officials say a car bomb has exploded in Mahmoudiyah, killing at least 10 people.'),
    undefined,
  );
  // counter-examples: the doer named before a casualty verb, and a group that speaks of its own act
  assert.equal(perp('Islamic State militants killed 14 people in Baghdad on Tuesday, police said.'), 'isis');
  assert.equal(perp('Islamic State said it carried out the bombing in Baghdad that killed 14 people.'), 'isis');
});

test('a civilian office holder or a relative after «a» is one person killed', () => {
  assert.deepEqual(brief('Gunmen shot dead a judge near his home in Basra on Monday.'), [['attack', 1, null]]);
  assert.deepEqual(brief('Unknown gunmen killed a mayor and wounded his driver in Samarra.')[0]?.[1], 1);
  // counter-example: «the» names no count; a judge who speaks is no victim
  assert.deepEqual(brief('Gunmen shot dead the brother of a lawmaker in Basra on Monday.')[0]?.[1], null);
  assert.deepEqual(
    brief('A judge said gunmen attacked a checkpoint in Basra on Monday.').map((x) => x[1]),
    [null],
  );
});

test('a quote right after an event, with no figure or place of its own, retells it in the speaker’s words', () => {
  const told =
    'Gunmen attacked a police post near Samarra on Tuesday, killing three policemen. ' +
    '"They came in two cars and opened fire on our men at the gate," a police colonel said.';
  assert.deepEqual(brief(told), [['armed_clash', 3, null]]);
  // counter-examples: a quote that tells another event with its own place or figure stays an event
  const other =
    'Gunmen attacked a police post near Samarra on Tuesday, killing three policemen. ' +
    '"Last week they shot dead two farmers in Dujail," a police colonel said.';
  assert.equal(brief(other).length, 2);
  const reported =
    'Gunmen attacked a police post near Samarra on Tuesday, killing three policemen. ' +
    'Gunmen also opened fire on a bus on the road to Balad.';
  assert.equal(brief(reported).length, 2);
});

test('a stadium is a place a bomb can hit; a match report stays out', () => {
  assert.deepEqual(brief('A suicide bomber blew himself up in a stadium in Basra on Friday, killing 12 people.'), [
    ['suicide_bomb', 12, null],
  ]);
  assert.deepEqual(brief('A car bomb went off near a football stadium in Hilla, killing 4 people.'), [
    ['explosive_device', 4, null],
  ]);
  // counter-example: the attack of a team in a match at the stadium
  assert.deepEqual(brief('The national team launched an attack in the second half at the stadium in Basra.'), []);
});

test('an aside naming a part of those counted («Four of them, including two children,») stands between a number and its verb', () => {
  const text =
    'Six people were killed on Monday as artillery shelled towns in Raqqa province. ' +
    'Five of them, including a nurse, died when shells hit a clinic in Tabqa. ' +
    'A man was killed in Mansoura when a shell struck his car.';
  assert.deepEqual(brief(text), [
    ['shelling', 5, null],
    ['shelling', 1, null],
  ]);
  // counter-examples: an aside that is no part of those counted, or a verb that is no casualty, counts nothing
  assert.deepEqual(brief('Rockets hit Tabqa on Monday. Five of them, according to residents, fell near the dam.'), [
    ['shelling', null, null],
  ]);
  assert.deepEqual(brief('Rockets hit Tabqa on Monday. Five of them, including a nurse, were evacuated.'), [
    ['shelling', null, null],
  ]);
});

test('one fighter or policeman before «killed» and its object is the doer of an attack', () => {
  assert.deepEqual(brief('A militant killed five people in a cafe in Baqubah on Monday.'), [['attack', 5, null]]);
  assert.deepEqual(brief('A policeman killed two men in a market in Basra on Monday.'), [['attack', 2, null]]);
  // counter-example: with no object the fighter died, in a battle
  assert.deepEqual(brief('A soldier killed in clashes near Baiji on Monday.'), [['armed_clash', 1, null]]);
});

test('Shiite militias and militiamen, however spelt, are the Popular Mobilization', () => {
  const perp = (text: string) => run(text)[0]?.actors.find((a) => a.role === 'perpetrator')?.id;
  assert.equal(perp("Shi'ite militiamen shot dead four farmers near Muqdadiya on Friday."), 'pmf');
  assert.equal(perp('Shiite militias killed 12 villagers in Jurf al-Sakhar on Monday.'), 'pmf');
  // counter-example: militiamen of no named side stay unnamed
  assert.equal(perp('Militiamen shot dead four farmers near Muqdadiya on Friday.'), undefined);
});

test('a month read as part of a date («On 3 March,») names no protest', () => {
  assert.deepEqual(
    run('On 3 March, police arrested two students at a checkpoint in Kobani.').map((i) => i.type),
    ['arrests'],
  );
  // counter-examples: people who march, on a dated day, still protest
  assert.deepEqual(
    run('On 3 March, hundreds marched in Kobani demanding the release of the students.').map((i) => i.type),
    ['peaceful_protest'],
  );
});

test('«…, killing three militants» is the outcome of the event word of its sentence; alone a battle', () => {
  assert.deepEqual(brief('Jets struck a tunnel near Hit on Monday, killing three IS militants.'), [
    ['air_strike', 3, null],
  ]);
  assert.deepEqual(brief('Iraqi troops raided a farm near Hit on Monday, killing three IS militants.'), [
    ['armed_clash', 3, null],
  ]);
  // counter-example: civilians killed by the strike are its toll too, and no battle
  assert.deepEqual(brief('Jets struck a farm near Hit on Monday, killing three shepherds.'), [['air_strike', 3, null]]);
});

test('«In a separate incident», «Elsewhere» open one more event, not the last one again', () => {
  const first = 'Jets struck a tunnel near Hit on Monday, killing three IS militants. ';
  assert.deepEqual(brief(first + 'In a separate incident, a mortar round wounded a shepherd near Hit.'), [
    ['air_strike', 3, null],
    ['shelling', null, 1],
  ]);
  // counter-example: the same words inside a sentence open nothing
  assert.deepEqual(brief(first + 'Residents said the militants had moved elsewhere.'), [['air_strike', 3, null]]);
});

test('«the Iraqi capital» is Baghdad, «the Syrian capital» Damascus', () => {
  const places = (text: string) => run(text).map((i) => i.locations.map((l) => l.name));
  assert.deepEqual(places('Mortar shells hit the Syrian capital on Monday, killing two civilians.'), [['Damascus']]);
  assert.deepEqual(places('A car bomb exploded in a market of the Iraqi capital on Monday, killing 8 people.'), [
    ['Baghdad'],
  ]);
  // counter-example: «capital» of money names no place
  assert.deepEqual(places('Iraqi capital markets fell in Basra after a bomb killed 3 people near the bank.'), [
    ['Basrah'],
  ]);
});
