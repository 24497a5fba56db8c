// The package as another project gets it: `npm pack`, unpacked into a scratch project's node_modules,
// then `import { extract } from 'rasid'` run with node and checked with tsc, and the `rasid` command
// run from there. The scratch package's own dependencies are this checkout's node_modules (linked),
// so the test needs no registry and compiles no native module. It packs the dist/ that `npm test`
// builds first (`npm run build`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const built = existsSync(join(ROOT, 'dist', 'index.js'));

interface PackResult {
  filename: string;
  files: Array<{ path: string }>;
}

test(
  'the packed package installs into another project: extract imports with types, and the command runs',
  { skip: built ? false : 'dist/ is not built: run `npm run build`' },
  () => {
    const scratch = mkdtempSync(join(tmpdir(), 'rasid-pack-'));
    try {
      // --ignore-scripts: pack the build in hand rather than rebuild it (and the web app) here
      const out = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', scratch], {
        cwd: ROOT,
        encoding: 'utf8',
      });
      const [pack] = JSON.parse(out) as PackResult[];
      const files = pack!.files.map((f) => f.path);
      for (const f of [
        'bin/rasid.js',
        'dist/index.js',
        'dist/index.d.ts',
        'dist/cli/main.js',
        'lexicons/en/triggers.txt',
        'gazetteer/geonames-towns.tsv',
        'src/acled-coding/actors.json',
      ]) {
        assert.ok(files.includes(f), `${f} is in the package`);
      }
      assert.deepEqual(
        files.filter((f) => f.endsWith('.test.ts') || f.endsWith('.test.js')),
        [],
        'no tests in the package',
      );

      const pkgDir = join(scratch, 'node_modules', 'rasid');
      mkdirSync(pkgDir, { recursive: true });
      execFileSync('tar', ['-xzf', join(scratch, pack!.filename), '-C', pkgDir, '--strip-components=1']);
      symlinkSync(join(ROOT, 'node_modules'), join(pkgDir, 'node_modules'), 'dir');
      writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
      writeFileSync(
        join(scratch, 'main.ts'),
        [
          "import { extract, type Incident } from 'rasid';",
          "const result = extract({ id: 'note', lang: 'en', text: 'Government forces shelled the town of Douma on Monday, killing five civilians.' });",
          'const incidents: Incident[] = result.incidents;',
          "process.stdout.write(JSON.stringify({ id: result.document.id, types: incidents.map((i) => i.type), text: extract('').incidents.length }));",
          '',
        ].join('\n'),
      );

      const tsc = spawnSync(
        process.execPath,
        [
          join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
          '--strict',
          '--module',
          'nodenext',
          '--target',
          'es2022',
          '--skipLibCheck',
          '--types',
          'node',
          '--typeRoots',
          join(ROOT, 'node_modules', '@types'),
          '--outDir',
          'out',
          'main.ts',
        ],
        { cwd: scratch, encoding: 'utf8' },
      );
      assert.equal(tsc.status, 0, `tsc in the scratch project:\n${tsc.stdout}${tsc.stderr}`);

      writeFileSync(join(scratch, 'out', 'package.json'), JSON.stringify({ type: 'module' }));
      const run = spawnSync(process.execPath, [join(scratch, 'out', 'main.js')], { cwd: scratch, encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
      const got = JSON.parse(run.stdout) as { id: string; types: string[]; text: number };
      assert.equal(got.id, 'note');
      assert.ok(got.types.length > 0, `an incident from the sentence, found ${run.stdout}`);
      assert.equal(got.text, 0);

      const help = spawnSync(process.execPath, [join(pkgDir, 'bin', 'rasid.js'), '--help'], {
        cwd: scratch,
        encoding: 'utf8',
      });
      assert.equal(help.status, 0, help.stderr);
      assert.match(help.stdout, /extract <files\.\.\.>/);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  },
);
