// Every entry of lexicons/<lang>/place-cues.txt shapes the place in its example: a cue shows in the
// mention's rule, a role sets the role, a parent link joins two mentions, a negative phrase leaves
// no place behind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../text/analyze.ts';
import { findPlaces } from './find-places.ts';
import { placeCues } from './place-cues.ts';

for (const lang of ['ar', 'en'] as const) {
  for (const e of placeCues(lang).entries) {
    for (const example of e.examples) {
      test(`${lang}/place-cues [${e.id}]: ${example}`, () => {
        const found = findPlaces(analyze(example, lang));
        const rules = found.map((m) => m.rule).join(' ');
        if (e.attrs.cue) assert.ok(rules.includes(e.id), `no mention carries ${e.id}: ${rules}`);
        else if (e.attrs.role)
          assert.ok(
            found.some((m) => m.role === e.attrs.role),
            `no ${e.attrs.role}: ${rules}`,
          );
        else if (e.attrs.motion)
          assert.ok(
            found.some((m) => m.role !== 'location'),
            `no origin or destination: ${rules}`,
          );
        else if (e.attrs.link) assert.ok(rules.includes('place.parent'), `no parent link: ${rules}`);
        else if (e.attrs.reference) assert.ok(rules.includes('place.landmark'), `no landmark: ${rules}`);
        else if (e.attrs.negative) {
          const pattern = e.match.find((p) => !p.includes('*')) ?? '';
          assert.ok(
            found.every((m) => !pattern.includes(m.text)),
            `a place was read in «${example}»: ${found.map((m) => m.text)}`,
          );
        } else if (e.attrs.organisation) {
          assert.deepEqual(
            found.map((m) => m.text),
            ['Afrin'],
            `a group's name was read as a place in «${example}»`,
          );
        } else if (e.attrs.element) {
          const words = new Set(e.match);
          assert.ok(
            found.every((m) => !words.has(m.text.toLowerCase())),
            `a name element was read as a place in «${example}»: ${found.map((m) => m.text)}`,
          );
        } else assert.fail(`entry ${e.id} has no cue, role, motion, link, reference, element or negative attribute`);
      });
    }
  }
}
