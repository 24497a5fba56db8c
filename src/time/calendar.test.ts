import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  addMonths,
  dayNumber,
  fromHijri,
  hijriMonthRange,
  isoDate,
  parseIsoDate,
  toHijri,
  weekday,
} from './calendar.ts';

test('day numbers round-trip through ISO dates', () => {
  for (const s of ['1970-01-01', '2000-02-29', '2015-09-01', '2024-12-31']) assert.equal(isoDate(parseIsoDate(s)!), s);
  assert.equal(parseIsoDate('2015-02-30'), null);
  assert.equal(parseIsoDate('2015-09-01T23:30:00+03:00'), dayNumber(2015, 9, 1));
  // years below 100 stay themselves
  assert.equal(isoDate(dayNumber(1, 1, 1)), '0001-01-01');
  assert.equal(isoDate(dayNumber(99, 12, 31)), '0099-12-31');
});

test('weekdays', () => {
  assert.equal(weekday(dayNumber(2015, 9, 1)), 2); // a Tuesday
  assert.equal(weekday(dayNumber(2020, 5, 3)), 0); // a Sunday
});

test('adding months keeps the day inside the month', () => {
  assert.equal(isoDate(addMonths(dayNumber(2015, 3, 31), -1)), '2015-02-28');
  assert.equal(isoDate(addMonths(dayNumber(2015, 9, 1), -4)), '2015-05-01');
  assert.equal(isoDate(addMonths(dayNumber(2015, 1, 15), -13)), '2013-12-15');
});

test('Hijri dates through Umm al-Qura', () => {
  assert.equal(isoDate(fromHijri(1436, 9, 1)!), '2015-06-18');
  assert.equal(isoDate(fromHijri(1441, 9, 1)!), '2020-04-24');
  assert.equal(isoDate(fromHijri(1445, 10, 1)!), '2024-04-10');
  assert.deepEqual(hijriMonthRange(1436, 9)!.map(isoDate), ['2015-06-18', '2015-07-16']);
  // Ramadan 1436 had 29 days
  assert.equal(fromHijri(1436, 9, 30), null);
});

test('Hijri conversion round-trips over forty years', () => {
  for (let day = dayNumber(1990, 1, 1); day < dayNumber(2030, 1, 1); day += 97) {
    const h = toHijri(day);
    assert.equal(fromHijri(h.y, h.m, h.d), day, isoDate(day));
  }
});
