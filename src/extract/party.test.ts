// Words that need a side of the conflict (`party = armed` in triggers.txt): agreeing, handing over,
// splitting and joining tell an incident only when an armed actor or fighters take part.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractDocument } from '../pipeline/index.ts';

const types = (text: string) => extractDocument({ text }).incidents.map((i) => i.type);

test('an agreement between sides of the conflict is an incident; one between companies is not', () => {
  assert.deepEqual(types('توصلت الفصائل وقوات النظام إلى اتفاق يقضي بخروج المقاتلين من حي الوعر.'), ['agreement']);
  assert.deepEqual(types('أبرمت شركة الهواتف اتفاقا مع شركة البرمجيات لتطوير خدماتها في دمشق.'), []);
});

test('a truce needs no named side: the word itself names a conflict', () => {
  assert.deepEqual(types('دخلت الهدنة حيز التنفيذ في مدينة درعا صباح اليوم.'), ['agreement']);
});

test('joining fighters is a group change; joining a trade zone is not', () => {
  assert.deepEqual(types('أعلن عشرون عنصرا من الفصيل انشقاقهم عنه في ريف إدلب.'), ['group_change']);
  assert.deepEqual(types('صادقت سبع عشرة دولة على الانضمام إلى منطقة التجارة الحرة في القاهرة.'), []);
});

test('English: an agreement needs a side of the conflict; a truce does not', () => {
  const en = (text: string) => extractDocument({ text, lang: 'en' }).incidents.map((i) => i.type);
  assert.deepEqual(en('The army and the rebel factions reached an agreement over the town of Tafas.'), ['agreement']);
  assert.deepEqual(en('Two telecom companies in Damascus signed an agreement on network sharing.'), []);
  assert.deepEqual(en('A truce came into force in the city of Daraa this morning.'), ['agreement']);
});
