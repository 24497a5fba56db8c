import type { Command } from 'commander';
import { basename } from 'node:path';
import { createHash } from 'node:crypto';
import { EXIT, RasidError, exitStatus, isRasidError } from '../errors.ts';
import { readDocument, readFileBytes, type ReadDocument, type ReadResult } from '../service/read-document.ts';
import { extractDocument, type ExtractInput, type ExtractResult } from '../pipeline/index.ts';
import { formatTable } from './format-table.ts';
import { Fetcher } from '../ingest/http.ts';
import { isUrl } from '../ingest/sources.ts';
import { publishedDate } from '../time/published.ts';
import { gazetteerOfStore } from '../service/gazetteer.ts';
import { buildConfig, dbOption, type Config, type Environment } from '../config.ts';

export interface ExtractCliOptions {
  json?: boolean;
  trace?: boolean;
  published?: string;
  allowPrivate?: boolean;
  telegramChannel?: string;
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function docId(arg: string): string {
  return arg === '-'
    ? 'stdin'
    : basename(arg).replace(/\.(txt|md|markdown|html?|xhtml|pdf|png|jpe?g|tiff?|docx|odt|json|jsonl)$/i, '');
}

/**
 * One CLI argument to pipeline inputs: one document, or one per message of a Telegram export (one
 * per record of a records file); throws RasidError naming the argument.
 */
export async function loadInputs(
  arg: string,
  fetcher?: Fetcher,
  o: { telegramChannel?: string } = {},
): Promise<ExtractInput[]> {
  let read: ReadResult;
  let id: string;
  if (arg === '-') {
    read = await readDocument({ bytes: await readStdin(), label: 'stdin' }, { published: publishedDate });
    id = 'stdin';
  } else if (isUrl(arg)) {
    const res = await (fetcher ?? new Fetcher()).fetch(arg);
    read = await readDocument(
      { bytes: res.body, label: arg, url: res.url, contentType: res.contentType },
      { maxBytes: 10 * 1024 * 1024, published: publishedDate },
    );
    id = createHash('sha256').update(res.url).digest('hex').slice(0, 16);
  } else {
    read = await readDocument(
      { bytes: readFileBytes(arg, arg), label: arg, path: arg },
      { published: publishedDate, telegramChannel: o.telegramChannel },
    );
    id = docId(arg);
  }
  // a feed holds links to documents: `rasid ingest` fetches those
  if (read.kind === 'feed')
    throw new RasidError('input.format', `${arg}: a feed holds links to many documents; use rasid ingest`);
  const toInput = (d: ReadDocument, docId: string): ExtractInput => ({
    id: docId,
    text: d.text,
    title: d.title,
    url: d.url,
    lang: d.lang ?? undefined,
    alternates: d.alternates,
    published: d.published,
    ...(d.pages ? { pages: d.pages } : {}),
  });
  if (read.kind === 'document') return [toInput(read.document, id)];
  const bad = read.records.find((r) => !r.document);
  if (bad) throw bad.error!;
  return read.records.map((r) => toInput(r.document!, `${id}#${r.id ?? r.position}`));
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function runExtract(
  args: string[],
  o: ExtractCliOptions,
  config: Config,
  out = process.stdout,
  err = process.stderr,
): Promise<number> {
  if (o.published !== undefined && (!DATE.test(o.published) || Number.isNaN(Date.parse(o.published))))
    throw new RasidError('usage.published', `--published: expected a date YYYY-MM-DD, found "${o.published}"`);
  const results: ExtractResult[] = [];
  // the exit status is the first failure's (README, "Exit status"); the other inputs are still extracted
  let firstFailure: RasidError | null = null;
  const fetcher = new Fetcher({ allowPrivate: Boolean(o.allowPrivate) });
  // places imported with `rasid gazetteer import` into the store join the built-in ones
  const gazetteer = await gazetteerOfStore(config.store);
  for (const arg of args) {
    try {
      for (const input of await loadInputs(arg, fetcher, { telegramChannel: o.telegramChannel })) {
        if (o.published) input.published = o.published;
        const r = extractDocument(input, { trace: o.trace, gazetteer });
        results.push(r);
        if (!o.json) {
          out.write(formatTable(r) + '\n');
          if (o.trace && r.trace) for (const t of r.trace) out.write(`  · ${t.stage}: ${JSON.stringify(t.added)}\n`);
          out.write('\n');
        }
      }
    } catch (e) {
      if (!isRasidError(e)) throw e;
      firstFailure ??= e;
      err.write(`rasid extract: ${e.message} [${e.code}]\n`);
    }
  }
  if (o.json) {
    const payload = results.map((r) =>
      o.trace ? r : { document: r.document, incidents: r.incidents, issues: r.issues },
    );
    out.write(JSON.stringify(payload.length === 1 && args.length === 1 ? payload[0] : payload, null, 2) + '\n');
  }
  return firstFailure === null ? EXIT.ok : exitStatus(firstFailure);
}

export function registerExtract(cmd: Command, env: Environment): void {
  cmd
    .option('--json', 'print the contract JSON (one object, or an array for several inputs)')
    .option('--trace', 'print what each stage added')
    .option(
      '--published <date>',
      'publication date (YYYY-MM-DD); without it, taken from HTML metadata, the URL or a dateline',
    )
    .option(
      '--telegram-channel <username>',
      'public username of the channel in a Telegram export, for t.me links to its messages',
    )
    .option('--allow-private', 'allow URLs on private, loopback and link-local addresses')
    .addOption(dbOption())
    .action(async (files: string[], o: ExtractCliOptions & { db: string }) => {
      process.exitCode = await runExtract(files, o, buildConfig(o, env));
    });
}
