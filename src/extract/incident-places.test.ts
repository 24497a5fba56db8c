// The places an incident keeps (assemble.ts incidentPlaces): the most specific one and the places
// listed beside it, never the parent that only locates it. Our own sentences.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractDocument } from '../pipeline/index.ts';

function places(text: string): string[][] {
  const out = extractDocument({ text, id: 't', lang: 'ar', published: '2020-05-01' });
  return out.incidents.map((i) => i.locations.map((l) => l.name));
}

test('a city named as the parent of a quarter is no second place of the incident', () => {
  const got = places('انفجرت سيارة مفخخة في حي الزهراء بحمص ما أدى إلى مقتل خمسة مدنيين.');
  assert.deepEqual(got, [['al-Zahraa (Homs)']]);
  // counter-example: two towns listed side by side are both kept
  const both = places('قصفت قوات النظام بلدتي سرمين والنيرب بالمدفعية ما أدى إلى مقتل ثلاثة مدنيين.');
  assert.equal(both[0]?.length, 2);
});

test('a sub-district seat listed among towns is one of the towns', () => {
  const got = places('قتل التنظيم عشرة مدنيين في الميادين والبوكمال والعشارة.');
  assert.equal(got[0]?.length, 3, JSON.stringify(got));
  // counter-example: a governorate named after the towns is not listed beside them
  const gov = places('قتل التنظيم عشرة مدنيين في الميادين والعشارة بريف دير الزور.');
  assert.ok(!gov[0]?.includes('Deir-ez-Zor'), JSON.stringify(gov));
});

test('places joined by «و» are the incident places at their own precision', () => {
  // «محيط مدينة إدلب» is near the city (precision 2), «قرية كنصفرة» the village itself: both were hit
  assert.deepEqual(places('قصفت الطائرات محيط مدينة إدلب وقرية كنصفرة ما أدى لمقتل مدنيين.'), [['Idlib', 'Kansafra']]);
  assert.deepEqual(places('قصفت الطائرات قرية كنصفرة ومحيط مدينة إدلب ما أدى لمقتل مدنيين.'), [['Kansafra', 'Idlib']]);
  // counter-example: a city the village is only near is a landmark, not a second place
  assert.deepEqual(places('قصفت الطائرات قرية كنصفرة قرب مدينة إدلب ما أدى لمقتل مدنيين.'), [['Kansafra']]);
});
