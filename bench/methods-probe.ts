// The method/charge probe (src/extract/method-probe.ts) as a script: per language and kind, the share
// of sentences with an incident and the share whose incident carries the id, for tuned and held-out
// sentences, then per id. Misses are listed only for tuned sentences (--misses).
// Usage: node --import tsx bench/methods-probe.ts [--lang ar|en] [--misses]
import { figures, perId, runCounter, runProbe, type Lang, type ProbeRow } from '../src/extract/method-probe.ts';

const i = process.argv.indexOf('--lang');
const langs: Lang[] = i >= 0 ? [process.argv[i + 1] as Lang] : ['ar', 'en'];
const rows = runProbe(langs);
const pct = (x: number) => x.toFixed(3);
const line = (label: string, rs: ProbeRow[]) => {
  const f = figures(rs);
  console.log(
    `${label.padEnd(24)} n=${String(f.sentences).padStart(4)} incident ${pct(f.incident)} found ${pct(f.found)}`,
  );
};
for (const lang of langs)
  for (const kind of ['method', 'accusation'] as const) {
    const part = rows.filter((r) => r.lang === lang && r.kind === kind);
    line(
      `${lang} ${kind} tune`,
      part.filter((r) => !r.held),
    );
    line(
      `${lang} ${kind} held`,
      part.filter((r) => r.held),
    );
    const tune = perId(part.filter((r) => !r.held));
    const hold = perId(part.filter((r) => r.held));
    for (const [id, f] of tune)
      console.log(`  ${id.padEnd(30)} tune ${pct(f.found)} (${f.sentences})  held ${pct(hold.get(id)?.found ?? NaN)}`);
  }
const counter = runCounter();
for (const h of [false, true]) {
  const part = counter.filter((c) => c.held === h);
  console.log(`${h ? 'held' : 'tune'} counter n=${part.length} misfires ${part.filter((c) => c.misfire).length}`);
}
if (process.argv.includes('--misses')) {
  for (const r of rows)
    if (!r.held && !r.found)
      console.log(
        `MISS ${r.lang} ${r.id}\t${r.frame}\t${r.incident ? `got [${r.got.join(',')}]` : 'no incident'}\t${r.sentence}`,
      );
  for (const c of counter) if (!c.held && c.misfire) console.log(`MISFIRE ${c.id}\t${c.text}`);
}
