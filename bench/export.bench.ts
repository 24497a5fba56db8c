// Export bench: streams N generated incidents (default 1,000,000) through each export format to
// /dev/null, each format in its own process so each peak RSS is its own. Target: < 200 MB peak RSS.
//   node --import tsx bench/export.bench.ts [N]
import { createWriteStream } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { Writable } from 'node:stream';
import { writeExport, EXPORT_FORMATS, isExportFormat } from '../src/export/index.ts';
import { syntheticIncident } from '../test/export/synthetic.ts';

const [arg1, arg2] = process.argv.slice(2);

async function one(format: string, n: number): Promise<void> {
  if (!isExportFormat(format)) throw new Error(`unknown format ${format}`);
  let bytes = 0;
  const devnull = createWriteStream('/dev/null');
  // counts bytes on the way to /dev/null so the rate is in MB/s too
  const out = new Writable({
    write(chunk: Buffer, _enc, cb) {
      bytes += chunk.length;
      if (devnull.write(chunk)) cb();
      else devnull.once('drain', () => cb());
    },
    final(cb) {
      devnull.end(cb);
    },
  });
  async function* source() {
    for (let i = 0; i < n; i++) yield syntheticIncident(i);
  }
  const startMb = process.memoryUsage().rss / 1024 / 1024;
  const t0 = performance.now();
  const res = await writeExport(format, source(), out, { now: 1_600_000_000 });
  const s = (performance.now() - t0) / 1000;
  const rssMb = process.resourceUsage().maxRSS / 1024;
  console.log(
    `${format.padEnd(8)} ${res.incidents} incidents in ${s.toFixed(1)} s: ${Math.round(res.incidents / s).toLocaleString('en')} incidents/s, ` +
      `${(bytes / 1e6 / s).toFixed(1)} MB/s (${(bytes / 1e6).toFixed(0)} MB), peak RSS ${rssMb.toFixed(0)} MB (${startMb.toFixed(0)} MB before the first row) ${rssMb < 200 ? '(< 200 MB target)' : '(OVER 200 MB target)'}`,
  );
}

if (arg1 === '--one') {
  await one(arg2!, Number(process.argv[4]));
} else {
  const n = Number(arg1 ?? 1_000_000);
  console.log(`export bench: ${n.toLocaleString('en')} generated incidents per format → /dev/null`);
  let failed = 0;
  for (const f of EXPORT_FORMATS) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--one', f, String(n)], {
      stdio: 'inherit',
    });
    if (r.status !== 0) failed++;
  }
  process.exitCode = failed ? 1 : 0;
}
