// Composition root of the CLI: the only place (with src/serve/main) that reads argv and the
// environment. Each command lives in its own module and receives a typed config.
import { Command } from 'commander';
import { registerExtract } from './extract.ts';
import { registerEval } from './eval.ts';

const program = new Command();
program
  .name('rasid')
  .description('Arabic and English conflict reports → verified, geocoded incidents')
  .version('0.1.0')
  .showHelpAfterError();

registerExtract(program);
registerEval(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  const e = err as { code?: string; message?: string };
  process.stderr.write(`rasid: ${e.code ? `[${e.code}] ` : ''}${e.message ?? String(err)}\n`);
  process.exit(2);
});
