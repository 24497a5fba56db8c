// Start-up of the built command, as a script or an editor pays it on every call: `rasid --help` and
// `rasid extract` of one short report, run as processes next to a bare `node -e 0` in the same run,
// interleaved so that a busy machine slows all three alike. Targets (issue 10): --help within 4× of
// node's own start, one short report within 8×. Needs the build (`npm run build`).
// Standalone: node --import tsx bench/startup.bench.ts [runs]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BIN = join(ROOT, 'bin', 'rasid.js');
const REPORT = join(ROOT, 'examples', 'idlib-shelling.ar.txt');
const RUNS = Number(process.argv[2] ?? 15);
// prints the process's peak RSS as it exits; loaded only in the one memory run of each command
const PEAK =
  'data:text/javascript,process.on("exit",()=>process.stderr.write(`\\npeak-rss-kb ${process.resourceUsage().maxRSS}\\n`))';

if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) {
  console.error('startup bench: dist/ is not built: run `npm run build`');
  process.exit(1);
}

interface Case {
  label: string;
  args: string[];
  target?: number;
}

const CASES: Case[] = [
  { label: 'node -e 0', args: ['-e', '0'] },
  { label: 'rasid --help', args: [BIN, '--help'], target: 4 },
  { label: 'rasid extract (one short report)', args: [BIN, 'extract', REPORT], target: 8 },
];

// a scratch working directory: no ./rasid.db of a developer's own joins the run
const cwd = mkdtempSync(join(tmpdir(), 'rasid-startup-'));

function once(args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr.toString().slice(0, 500)}`);
  return ms;
}

function peakMb(args: string[]): number {
  const r = spawnSync(process.execPath, ['--import', PEAK, ...args], { cwd, encoding: 'utf8' });
  const m = /peak-rss-kb (\d+)/.exec(r.stderr);
  return m ? Number(m[1]) / 1024 : NaN;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

try {
  for (const c of CASES) once(c.args); // warm the file cache
  const times = CASES.map(() => [] as number[]);
  for (let i = 0; i < RUNS; i++) CASES.forEach((c, k) => times[k]!.push(once(c.args)));
  const base = median(times[0]!);
  console.log(`start-up, median of ${RUNS} interleaved runs each:`);
  CASES.forEach((c, k) => {
    const ms = median(times[k]!);
    const ratio = ms! / base!;
    const verdict = c.target === undefined ? '' : `  (target ≤ ${c.target}×: ${ratio <= c.target ? 'met' : 'MISSED'})`;
    console.log(
      `  ${c.label.padEnd(34)} ${ms!.toFixed(0).padStart(5)} ms  min ${Math.min(...times[k]!)
        .toFixed(0)
        .padStart(5)} ms  ${ratio.toFixed(1).padStart(4)}× node  peak RSS ${peakMb(c.args).toFixed(0)} MB${verdict}`,
    );
  });
} finally {
  rmSync(cwd, { recursive: true, force: true });
}
