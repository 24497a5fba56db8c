// English news-style reports of our own (test/fixtures/news-en/): each tells a known set of incidents
// through the wordings that multiply or falsify predictions on real English news (headline and body,
// re-mentions, quotes, habits, threats, denials, backgrounds, purposes, totals). Every report must give
// exactly its incidents: type, killed and injured figures and place; the test also reports detection
// precision and recall over the set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { extractDocument } from '../src/pipeline/index.ts';
import { distanceKm } from '../src/acled/eval.ts';

interface Want {
  type: string;
  killed?: number;
  injured?: number;
  /** the place's name and its point: a place of the incident must lie within 25 km (contract section 7) */
  place?: string;
  near?: [number, number];
}
interface Report {
  name: string;
  text: string;
  incidents: Want[];
  /** why the report is known to fail: the test then expects it to fail, and a fix must remove this */
  known_failure?: string;
}

const reports = JSON.parse(
  readFileSync(new URL('./fixtures/news-en/reports.json', import.meta.url), 'utf8'),
) as Report[];

let predicted = 0;
let matched = 0;
let gold = 0;

for (const r of reports) {
  test(`news-en ${r.name}`, () => {
    const got = extractDocument({ text: r.text, lang: 'en', published: '2021-06-10' }).incidents;
    predicted += got.length;
    gold += r.incidents.length;
    const seen = got.map((i) => ({
      type: i.type,
      killed: i.counts.killed?.value,
      injured: i.counts.injured?.value,
      places: i.locations.filter((l) => l.lat !== null && l.lon !== null),
    }));
    for (const w of r.incidents) if (seen.some((s) => s.type === w.type)) matched++;
    const check = () => {
      assert.deepEqual(
        seen.map((s) => s.type),
        r.incidents.map((w) => w.type),
        `${r.name}: incident types`,
      );
      r.incidents.forEach((w, k) => {
        // the types compared equal above, so there is one seen incident per expected one
        const s = seen[k]!;
        assert.equal(s.killed, w.killed, `${r.name} #${k}: killed`);
        assert.equal(s.injured, w.injured, `${r.name} #${k}: injured`);
        if (w.near)
          assert.ok(
            s.places.some((l) => distanceKm(l.lat!, l.lon!, w.near![0], w.near![1]) <= 25),
            `${r.name} #${k}: ${w.place} not in ${s.places.map((l) => l.name).join(', ')}`,
          );
      });
    };
    if (r.known_failure) assert.throws(check, `${r.name} passes now: remove its known_failure`);
    else check();
  });
}

test('news-en: detection over the whole set', (t) => {
  const p = predicted ? matched / predicted : 1;
  const rec = gold ? matched / gold : 1;
  t.diagnostic(
    `predicted ${predicted}, gold ${gold}, matched ${matched}: precision ${p.toFixed(2)} recall ${rec.toFixed(2)}`,
  );
  assert.ok(reports.length >= 8);
  assert.ok(p >= 0.92 && rec >= 0.96, `precision ${p}, recall ${rec}`);
});
