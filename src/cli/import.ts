// `rasid import acled FILE.csv`: ACLED-coded events into the store as reference incidents.
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { EXIT, RasidError } from '../errors.ts';
import { importAcled } from '../acled/import.ts';
import { AcledFormatError } from '../acled/parse.ts';
import { buildConfig, dbOption, type Environment } from '../config.ts';
import { openStore } from '../store/open.ts';

export function registerImport(imp: Command, env: Environment): void {
  imp
    .command('acled')
    .description('load ACLED-coded events (CSV) as reference incidents beside our own')
    .argument('<files...>')
    .addOption(dbOption())
    .action(async (files: string[], o: { db: string }) => {
      for (const f of files) if (!existsSync(f)) throw new RasidError('input.missing', `${f}: no such file`);
      const store = await openStore(buildConfig(o, env).store);
      let failed = 0;
      let unreadable = 0;
      try {
        for (const f of files) {
          let r;
          try {
            r = await importAcled(f, store);
          } catch (e) {
            // a file that is not ACLED CSV at all fails alone; the other files still import
            if (!(e instanceof AcledFormatError)) throw e;
            unreadable++;
            process.stderr.write(`rasid: ${e.message} [${e.code}]\n`);
            continue;
          }
          failed += r.failed.length;
          process.stdout.write(
            `${f}: ${r.rows} rows: ${r.new} new, ${r.updated} updated, ${r.unchanged} unchanged, ${r.failed.length} failed; ${r.incidents} incidents saved\n`,
          );
          // event ids and reason codes only: ACLED notes can name people
          for (const x of r.failed)
            process.stdout.write(`  ${f}:${x.line} ${x.eventId || '(no event id)'}: ${x.message} [${x.code}]\n`);
        }
      } finally {
        await store.close();
      }
      // a file that is not ACLED CSV is bad input; rows refused inside good files are a partial failure
      if (unreadable) process.exitCode = EXIT.input;
      else if (failed) process.exitCode = EXIT.partial;
    });
}
