// The Arabic place probe (src/geo/place-probe.ts) as a script: figures per frame group for the tuned
// and held-out names, and the counter-frames. Misses are listed only for tuned names (--misses).
// Usage: node --import tsx bench/places-ar.ts [--size N] [--seed N] [--misses] [--data DIR]
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { figures, runCounter, runProbe, sampleNames, type ProbeRow } from '../src/geo/place-probe.ts';
import { readReferences, referencesPresent } from '../src/geo/place-probe-refs.ts';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? dflt) : dflt;
};
const data = resolve(arg('--data', join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'data')));
if (!referencesPresent(data)) {
  console.error(`reference data not found under ${data}`);
  process.exit(2);
}
const names = sampleNames(readReferences(data), Number(arg('--seed', '9')), Number(arg('--size', '10000')));
const rows = runProbe(names);
const line = (label: string, rs: ProbeRow[]) => {
  const f = figures(rs);
  console.log(
    `${label.padEnd(16)} n=${String(f.sentences).padStart(5)} found ${f.found.toFixed(3)} ≤25km ${f.within25.toFixed(3)} wrong ${f.wrong.toFixed(3)}`,
  );
};
for (const held of [false, true]) {
  const part = rows.filter((r) => r.name.held === held);
  const tag = held ? 'held' : 'tune';
  // quarter frames are right when they land in the named city or nowhere: only their wrong rate counts
  line(
    `${tag} all`,
    part.filter((r) => r.group !== 'quarter'),
  );
  for (const g of ['plain', 'clitic', 'variant', 'parent', 'quarter'] as const)
    line(
      `${tag} ${g}`,
      part.filter((r) => r.group === g),
    );
}
const counter = runCounter();
for (const held of [false, true]) {
  const part = counter.filter((c) => c.held === held);
  const bad = part.filter((c) => c.place).length;
  console.log(
    `${held ? 'held' : 'tune'} counter     n=${part.length} false places ${(bad / (part.length || 1)).toFixed(3)}`,
  );
}
if (process.argv.includes('--misses')) {
  for (const r of rows) {
    if (r.name.held || (r.km !== null && r.km <= 25)) continue;
    const e = r.resolved;
    const what = !r.found ? 'not found' : !e ? 'unresolved' : `${e.name} (${e.admin1}) ${r.km!.toFixed(0)} km`;
    console.log(`MISS ${r.frame}\t${r.name.nameAr}\t${r.name.target.admin1}\t${what}\t${r.sentence}`);
  }
  for (const c of counter) if (!c.held && c.place) console.log(`FALSE\t${c.word}\t${c.place}\t${c.sentence}`);
}
