// Command-line arguments into units of work: a URL, or the files under a folder. Folders are walked
// in sorted order so that two runs see the same sequence (a resumed run then finds the finished part
// first and skips it).
import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { RasidError } from '../errors.ts';
import { sniffBinary } from '../input/sniff.ts';

export type Task =
  { kind: 'file'; path: string; label: string } | { kind: 'url'; url: string; label: string; hint?: PageHint };

/** What a feed says about an item before its page is fetched. */
export interface PageHint {
  title: string | null;
  published: string | null;
  alternates: Array<{ lang: string; url: string }>;
  /** follow the page's other-language links (off for pages reached as someone's alternate) */
  followAlternates: boolean;
  /** where it was found: the feed (URL or file) of an item, the page of an alternate; for the restricted rule */
  from?: string[];
}

export const FOLDER_EXTENSIONS = new Set([
  '.txt',
  '.md',
  '.markdown',
  '.html',
  '.htm',
  '.json',
  '.jsonl',
  '.ndjson',
  '.pdf',
  '.png',
  '.jpg',
  '.jpeg',
  '.tif',
  '.tiff',
  '.docx',
  '.odt',
]);

/** A file whose name says nothing (no or another extension) that is a PDF, a scan or a zip by its first bytes. */
function isBinaryDocument(path: string): boolean {
  let fd: number | null = null;
  try {
    fd = openSync(path, 'r');
    const head = Buffer.alloc(1100);
    const n = readSync(fd, head, 0, head.length, 0);
    return sniffBinary(head.subarray(0, n)) !== null;
  } catch {
    return false;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

export function isUrl(arg: string): boolean {
  return /^https?:\/\//i.test(arg);
}

function walk(dir: string, out: string[]): number {
  let skipped = 0;
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    // symbolic links are not followed: a link to a parent would loop
    if (e.isDirectory()) skipped += walk(p, out);
    else if (e.isFile() && (FOLDER_EXTENSIONS.has(extname(e.name).toLowerCase()) || isBinaryDocument(p))) out.push(p);
    else if (e.isFile()) skipped++;
  }
  return skipped;
}

/**
 * Expands arguments into tasks. A missing path is not fatal: it becomes a failure of its own, so
 * the rest of the batch still lands.
 */
export function expandArguments(args: string[]): {
  tasks: Task[];
  skipped: number;
  missing: Array<{ source: string; error: RasidError }>;
} {
  const tasks: Task[] = [];
  const missing: Array<{ source: string; error: RasidError }> = [];
  let skipped = 0;
  for (const arg of args) {
    if (isUrl(arg)) {
      tasks.push({ kind: 'url', url: arg, label: arg });
      continue;
    }
    let isDir: boolean;
    try {
      isDir = statSync(arg).isDirectory();
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      missing.push({
        source: arg,
        error: new RasidError(
          code === 'ENOENT' ? 'input.missing' : 'input.unreadable',
          code === 'ENOENT' ? `${arg}: no such file or folder` : `${arg}: cannot be read (${code})`,
        ),
      });
      continue;
    }
    if (isDir) {
      const files: string[] = [];
      skipped += walk(arg, files);
      for (const f of files) tasks.push({ kind: 'file', path: resolve(f), label: f });
    } else {
      tasks.push({ kind: 'file', path: resolve(arg), label: arg });
    }
  }
  return { tasks, skipped, missing };
}
