// Composition root of the CLI: the only place (with src/serve/main) that reads argv and the
// environment. Each command lives in its own module, imported only when that command runs, so
// `rasid --help` and a mistyped command load neither the extractor, the store nor the server.
import { Command, CommanderError } from 'commander';
import { readEnvironment, type Environment } from '../config.ts';
import { EXIT, exitStatus, isRasidError } from '../errors.ts';

interface CommandEntry {
  name: string;
  args?: Array<[string, string?]>;
  summary: string;
  /** adds the command's options, subcommands and action */
  load: (cmd: Command, env: Environment) => Promise<void>;
}

const COMMANDS: CommandEntry[] = [
  {
    name: 'extract',
    args: [['<files...>']],
    summary:
      'extract incidents from documents (.txt, .md, .html, .pdf, scans, .docx, .odt, Telegram result.json, URLs, or - for stdin)',
    load: async (cmd, env) => (await import('./extract.ts')).registerExtract(cmd, env),
  },
  {
    name: 'gazetteer',
    summary: 'the place gazetteer',
    load: async (cmd, env) => (await import('./gazetteer.ts')).registerGazetteer(cmd, env),
  },
  {
    name: 'eval',
    args: [['[gold_dir]']],
    summary: 'score the extractor against gold annotations (NAME.txt + NAME.gold.json), per language and overall',
    load: async (cmd) => (await import('./eval.ts')).registerEval(cmd),
  },
  {
    name: 'cluster',
    summary:
      'group incidents that several sources report into clusters (run after ingest; rerunning changes only what changed)',
    load: async (cmd, env) => (await import('./cluster.ts')).registerCluster(cmd, env),
  },
  {
    name: 'export',
    summary: 'export incidents as ACLED CSV, GeoJSON, HXL-tagged CSV or JSON Lines',
    load: async (cmd, env) => (await import('./export.ts')).registerExport(cmd, env),
  },
  {
    name: 'import',
    summary: 'import incidents coded elsewhere',
    load: async (cmd, env) => (await import('./import.ts')).registerImport(cmd, env),
  },
  {
    name: 'ingest',
    args: [
      [
        '<inputs...>',
        'folders, files (.txt .md .html .json .jsonl, feeds, .pdf, scans, .docx .odt, Telegram result.json), page or feed URLs',
      ],
    ],
    summary: 'store documents from folders, files, web pages and RSS/Atom feeds, and extract their incidents',
    load: async (cmd, env) => (await import('./ingest.ts')).registerIngest(cmd, env),
  },
  {
    name: 'serve',
    summary: 'serve the review API and web app',
    load: async (cmd, env) => (await import('./serve.ts')).registerServe(cmd, env),
  },
  {
    name: 'user',
    summary: 'manage review-server users and API tokens',
    load: async (cmd, env) => (await import('./user.ts')).registerUser(cmd, env),
  },
  {
    name: 'worker',
    summary: 'run extraction jobs from the PostgreSQL job queue until stopped (DATABASE_URL)',
    load: async (cmd, env) => (await import('./worker.ts')).registerWorker(cmd, env),
  },
  {
    name: 'enqueue',
    summary:
      'queue extraction of every stored document (latest versions) for `rasid worker`, e.g. after a lexicon update (DATABASE_URL)',
    load: async (cmd, env) => (await import('./worker.ts')).registerEnqueue(cmd, env),
  },
];

/** The command this run names (`rasid help X` names X), or null for the program's own help and version. */
function chosenCommand(argv: string[]): CommandEntry | null {
  const words = argv.filter((a) => !a.startsWith('-'));
  const name = words[0] === 'help' ? words[1] : words[0];
  return COMMANDS.find((c) => c.name === name) ?? null;
}

async function main(argv: string[], env: Environment): Promise<void> {
  const program = new Command();
  program
    .name('rasid')
    .description('Arabic and English conflict reports → verified, geocoded incidents')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride();
  const chosen = chosenCommand(argv.slice(2));
  for (const entry of COMMANDS) {
    const cmd = program.command(entry.name).description(entry.summary);
    for (const [spec, description] of entry.args ?? []) cmd.argument(spec, description);
    if (entry === chosen) await entry.load(cmd, env);
  }
  await program.parseAsync(argv);
}

main(process.argv, readEnvironment(process.env)).catch((err: unknown) => {
  if (err instanceof CommanderError) {
    // help and version are not errors; every usage error exits 2 (commander has printed why)
    process.exit(err.exitCode === 0 ? EXIT.ok : EXIT.usage);
  }
  if (isRasidError(err)) process.stderr.write(`rasid: ${err.message} [${err.code}]\n`);
  // not one of ours: a bug or a driver's own error, told as such, with its exit status
  else
    process.stderr.write(
      `rasid: internal error: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}\n`,
    );
  process.exit(exitStatus(err));
});
