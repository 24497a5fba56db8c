// Composition root of the CLI: the only place (with src/serve/main) that reads argv and the
// environment. Each command lives in its own module and receives a typed config.
import { Command, CommanderError } from 'commander';
import { registerExtract } from './extract.ts';
import { registerGazetteer } from './gazetteer.ts';
import { registerEval } from './eval.ts';
import { registerCluster } from './cluster.ts';
import { registerExport } from './export.ts';
import { registerImport } from './import.ts';
import { registerIngest } from './ingest.ts';
import { registerServe } from './serve.ts';
import { registerUser } from './user.ts';
import { registerWorker } from './worker.ts';

const program = new Command();
program
  .name('rasid')
  .description('Arabic and English conflict reports → verified, geocoded incidents')
  .version('0.1.0')
  .showHelpAfterError()
  .exitOverride();

registerExtract(program);
registerGazetteer(program);
registerEval(program);
registerCluster(program);
registerExport(program);
registerImport(program);
registerIngest(program);
registerServe(program);
registerUser(program);
registerWorker(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  if (err instanceof CommanderError) {
    // help and version are not errors; every usage error exits 2 (commander has printed why)
    process.exit(err.exitCode === 0 ? 0 : 2);
  }
  const e = err as { code?: string; message?: string };
  process.stderr.write(`rasid: ${e.message ?? String(err)}${e.code ? ` [${e.code}]` : ''}\n`);
  process.exit(2);
});
