import type { Command } from 'commander';
import { basename } from 'node:path';
import { RasidError, isRasidError } from '../errors.ts';
import { decodeText, formatOf, readTextFile } from '../input/read-file.ts';
import { extractDocument, type ExtractInput, type ExtractResult } from '../pipeline/index.ts';
import { formatTable } from './format-table.ts';

export interface ExtractCliOptions {
  json?: boolean;
  trace?: boolean;
  published?: string;
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function docId(arg: string): string {
  return arg === '-' ? 'stdin' : basename(arg).replace(/\.(txt|md|markdown|html?|xhtml)$/i, '');
}

/** One CLI argument to pipeline input; throws RasidError naming the argument. */
export async function loadInput(arg: string): Promise<ExtractInput> {
  if (arg === '-') return { id: 'stdin', text: decodeText(await readStdin(), 'stdin') };
  const format = formatOf(arg);
  if (format === null || format === 'json' || format === 'jsonl')
    throw new RasidError('input.format', `${arg}: unsupported file type, expected .txt, .md or .html`);
  const text = readTextFile(arg);
  return { id: docId(arg), text };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function runExtract(args: string[], o: ExtractCliOptions, out = process.stdout, err = process.stderr): Promise<number> {
  if (o.published !== undefined && (!DATE.test(o.published) || Number.isNaN(Date.parse(o.published))))
    throw new RasidError('usage.published', `--published: expected a date YYYY-MM-DD, found "${o.published}"`);
  const results: ExtractResult[] = [];
  let failed = 0;
  for (const arg of args) {
    try {
      const input = await loadInput(arg);
      if (o.published) input.published = o.published;
      const r = extractDocument(input, { trace: o.trace });
      results.push(r);
      if (!o.json) {
        out.write(formatTable(r) + '\n');
        if (o.trace && r.trace) for (const t of r.trace) out.write(`  · ${t.stage}: ${JSON.stringify(t.added)}\n`);
        out.write('\n');
      }
    } catch (e) {
      if (!isRasidError(e)) throw e;
      failed++;
      err.write(`rasid extract: ${e.message} [${e.code}]\n`);
    }
  }
  if (o.json) {
    const payload = results.map((r) => (o.trace ? r : { document: r.document, incidents: r.incidents, issues: r.issues }));
    out.write(JSON.stringify(payload.length === 1 && args.length === 1 ? payload[0] : payload, null, 2) + '\n');
  }
  return failed ? 2 : 0;
}

export function registerExtract(program: Command): void {
  program
    .command('extract')
    .description('extract incidents from documents (.txt, .md, .html files, URLs, or - for stdin)')
    .argument('<files...>')
    .option('--json', 'print the contract JSON (one object, or an array for several inputs)')
    .option('--trace', 'print what each stage added')
    .option('--published <date>', 'publication date (YYYY-MM-DD) when the document does not say')
    .action(async (files: string[], o: ExtractCliOptions) => {
      process.exitCode = await runExtract(files, o);
    });
}
