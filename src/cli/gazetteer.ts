// `rasid gazetteer import [--db FILE] FILE...`: GeoNames dumps into the store (the --db file, or
// PostgreSQL with DATABASE_URL), where extraction, ingest and every worker read them. A progress bar
// on stderr; Ctrl-C stops after the current batch and the next run resumes; the summary says what
// each file inserted, updated and left unchanged.
import type { Command } from 'commander';
import { basename } from 'node:path';
import cliProgress from 'cli-progress';
import { EXIT, isRasidError } from '../errors.ts';
import { dumpKindOf, gazetteerOfStore, importGeonamesFile, type FileReport } from '../service/gazetteer.ts';
import { findPlaces, toLocation } from '../geo/find-places.ts';
import { analyze } from '../text/analyze.ts';
import { openSync, closeSync } from 'node:fs';
import type { Store } from '../store/types.ts';
import { openStore } from '../store/open.ts';
import { buildConfig, dbOption, type Environment, type StoreLocation } from '../config.ts';

export interface GazetteerImportOptions {
  db: string;
  countries?: string;
}

export async function runGazetteerImport(store: Store, files: string[], opts: GazetteerImportOptions): Promise<number> {
  const ac = new AbortController();
  const onSigint = () => ac.abort();
  process.once('SIGINT', onSigint);
  const countries = opts.countries
    ? opts.countries
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean)
    : undefined;
  let failed = 0;
  // places before alternate names: an alternate name is kept only for a place already imported
  const kinds = new Map(await Promise.all(files.map(async (f) => [f, await dumpKindOf(f)] as const)));
  const ordered = [
    ...files.filter((f) => kinds.get(f) !== 'alternate'),
    ...files.filter((f) => kinds.get(f) === 'alternate'),
  ];
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: '{file} [{bar}] {percentage}% | {done}/{size} MB | {eta_formatted}',
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  const reports: FileReport[] = [];
  try {
    for (const file of ordered) {
      if (ac.signal.aborted) break;
      let started = false;
      try {
        const r = await importGeonamesFile(store, file, {
          countries,
          signal: ac.signal,
          onProgress: (p) => {
            const payload = {
              file: basename(file),
              done: (p.bytesDone / 1e6).toFixed(1),
              size: (p.bytesTotal / 1e6).toFixed(1),
            };
            if (!started) {
              bar.start(p.bytesTotal, p.bytesDone, payload);
              started = true;
            } else bar.update(p.bytesDone, payload);
          },
        });
        if (started) bar.stop();
        reports.push(r);
      } catch (err) {
        if (started) bar.stop();
        if (!isRasidError(err)) throw err;
        failed++;
        process.stderr.write(`rasid: ${err.message} [${err.code}]\n`);
      }
    }
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
  for (const r of reports) {
    const state = r.finished ? 'done' : 'interrupted, run again to resume';
    const resumed = r.resumedFrom > 0 ? ` (resumed at byte ${r.resumedFrom})` : '';
    process.stdout.write(
      `${r.file}: ${r.kind} dump${resumed}, ${r.lines} lines: ${r.inserted} inserted, ${r.updated} updated, ${r.unchanged} unchanged, ${r.skipped} skipped — ${state}\n`,
    );
  }
  return failed > 0 || ac.signal.aborted ? 1 : 0;
}

/** `rasid gazetteer find TEXT`: the places a phrase names and what each resolves to, for checking the gazetteer. */
export async function runGazetteerFind(text: string, opts: { json?: boolean }, store: StoreLocation): Promise<void> {
  const gazetteer = await gazetteerOfStore(store);
  const places = findPlaces(analyze(text), { gazetteer });
  if (opts.json) {
    process.stdout.write(
      JSON.stringify(
        places.map((m) => ({ ...toLocation(m), rule: m.rule, issues: m.issues ?? [] })),
        null,
        2,
      ) + '\n',
    );
    return;
  }
  for (const m of places) {
    const e = m.entry;
    const where = e
      ? `${e.name} (${[e.admin2, e.admin1, e.country].filter(Boolean).join(', ')}) ${e.kind} ${e.lat},${e.lon}`
      : 'unresolved';
    const issue = m.issues?.length ? `  ! ${m.issues.map((i) => i.message).join('; ')}` : '';
    process.stdout.write(`${m.text}\t${where}\tprecision ${m.precision}\t${m.role}\t${e?.id ?? ''}${issue}\n`);
  }
}

export function registerGazetteer(g: Command, env: Environment): void {
  g.command('find')
    .description('show the places a phrase names and how each resolves')
    .argument('<text>', 'Arabic or English text')
    .addOption(dbOption())
    .option('--json', 'contract Location objects')
    .action((text: string, opts: { db: string; json?: boolean }) =>
      runGazetteerFind(text, opts, buildConfig(opts, env).store),
    );
  g.command('import')
    .description(
      'load GeoNames dumps (SY.txt, allCountries.txt, cities500.txt…, alternateNamesV2.txt) into the database',
    )
    .argument('<files...>', 'GeoNames dump files')
    .addOption(dbOption())
    .option('--countries <list>', 'only places of these ISO codes, comma-separated (e.g. SY,IQ)')
    .action(async (files: string[], opts: GazetteerImportOptions) => {
      // an unreadable file is named and skipped; the others still load
      const readable = files.filter((f) => {
        try {
          closeSync(openSync(f, 'r'));
          return true;
        } catch {
          process.stderr.write(`rasid: ${f}: cannot read [geonames.unreadable]\n`);
          return false;
        }
      });
      const store = await openStore(buildConfig(opts, env).store);
      let code: number;
      try {
        code = await runGazetteerImport(store, readable, opts);
      } finally {
        await store.close();
      }
      if (code !== 0 || readable.length < files.length) process.exitCode = EXIT.partial;
    });
}
