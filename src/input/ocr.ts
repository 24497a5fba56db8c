// OCR of scans with Debian's tesseract (and poppler's pdftoppm to turn scanned PDF pages into
// images), run as processes. Both are optional installs: when one is missing the document fails with
// a one-line error naming the Debian package, and every other input still lands.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RasidError } from '../errors.ts';
import { joinLine } from './pdf.ts';

export const OCR_LANGUAGES = ['ara', 'eng'];
const INSTALL_TESSERACT = 'apt-get install tesseract-ocr tesseract-ocr-ara tesseract-ocr-eng';

export interface OcrOptions {
  /** per page, for tesseract or pdftoppm */
  timeoutMs?: number;
  /** resolution scanned PDF pages are rendered at */
  dpi?: number;
}

interface Run {
  stdout: string;
}

function run(cmd: string, args: string[], timeoutMs: number, label: string, missing: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    // one thread per process: the machine's cores are shared by the pages of a batch, not by one page
    const env = { ...process.env, OMP_THREAD_LIMIT: '1' };
    execFile(cmd, args, { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8', env }, (err, stdout) => {
      if (!err) return resolve({ stdout });
      const e = err as NodeJS.ErrnoException & { killed?: boolean };
      if (e.code === 'ENOENT')
        return reject(new RasidError('ocr.missing', `${label}: ${cmd} is not installed (${missing})`));
      if (e.killed)
        return reject(
          new RasidError('ocr.timeout', `${label}: ${cmd} took longer than ${Math.round(timeoutMs / 1000)} s`),
        );
      reject(
        new RasidError('ocr.failed', `${label}: ${cmd} failed (exit ${typeof e.code === 'number' ? e.code : 'error'})`),
      );
    });
  });
}

let check: Promise<string | null> | null = null;

/** What stops OCR on this machine, or null: tesseract and its Arabic and English data are there. */
function probe(): Promise<string | null> {
  return new Promise((resolve) => {
    execFile('tesseract', ['--list-langs'], { timeout: 20000, encoding: 'utf8' }, (err, stdout) => {
      if (err)
        return resolve(
          (err as NodeJS.ErrnoException).code === 'ENOENT'
            ? `tesseract is not installed (${INSTALL_TESSERACT})`
            : 'tesseract does not run',
        );
      const have = new Set(stdout.split('\n').map((l) => l.trim()));
      const lacking = OCR_LANGUAGES.filter((l) => !have.has(l));
      resolve(
        lacking.length
          ? `tesseract has no ${lacking.join(', ')} language data (apt-get install ${lacking.map((l) => `tesseract-ocr-${l}`).join(' ')})`
          : null,
      );
    });
  });
}

/** Checked once per process while it passes; a failed check is asked again (the user may install the package meanwhile). */
export async function tesseractReady(label: string): Promise<void> {
  check ??= probe();
  const problem = await check;
  if (problem) {
    check = null;
    throw new RasidError('ocr.missing', `${label}: ${problem}`);
  }
}

/**
 * Tesseract's page text → paragraphs: it ends lines where the scan did and leaves a blank line
 * between blocks; lines of a block are one paragraph.
 */
export function ocrParagraphs(raw: string): string {
  return raw
    .split(/\n[ \t]*\n/)
    .map((block) =>
      block
        .split('\n')
        .map((l) => l.replace(/\s+/g, ' ').trim())
        .filter(Boolean)
        .reduce((acc, l) => (acc ? joinLine(acc, l) : l), ''),
    )
    .filter(Boolean)
    .join('\n\n');
}

/**
 * Which of our languages the page is in, from tesseract's script detection (--psm 0). Reading an
 * Arabic page with the English model alongside makes it guess Latin letters for Arabic words: on our
 * noisy test scan, 92 % of characters right with ara+eng, 97 % with ara alone.
 */
async function languagesFor(path: string, label: string, timeoutMs: number): Promise<string> {
  try {
    const r = await run('tesseract', [path, 'stdout', '--psm', '0'], timeoutMs, label, INSTALL_TESSERACT);
    const script = r.stdout.match(/^Script:\s*(\w+)/m)?.[1];
    if (script === 'Arabic') return 'ara';
    if (script === 'Latin') return 'eng';
  } catch (e) {
    // too little text to tell the script: read with both
    if (e instanceof RasidError && e.code === 'ocr.missing') throw e;
  }
  return OCR_LANGUAGES.join('+');
}

/** One image file (PNG, JPEG, TIFF; a multi-page TIFF gives several pages) → text per page. */
export async function ocrImageFile(path: string, label: string, opts: OcrOptions = {}): Promise<string[]> {
  await tesseractReady(label);
  const timeout = opts.timeoutMs ?? 120000;
  const langs = await languagesFor(path, label, timeout);
  const r = await run('tesseract', [path, 'stdout', '-l', langs, '--psm', '3'], timeout, label, INSTALL_TESSERACT);
  // tesseract ends every page with a form feed, and marks direction changes with LRM/RLM
  const pages = r.stdout.replace(/[\u200e\u200f]/g, '').split('\f');
  if (pages.length > 1 && pages.at(-1)?.trim() === '') pages.pop();
  return pages.map(ocrParagraphs);
}

export async function ocrImageBytes(
  bytes: Uint8Array,
  ext: string,
  label: string,
  opts: OcrOptions = {},
): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'rasid-ocr-'));
  try {
    const file = join(dir, `scan.${ext}`);
    await writeFile(file, bytes);
    return await ocrImageFile(file, label, opts);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Pages of a PDF that have no text layer: rendered by pdftoppm, read by tesseract. */
export async function ocrPdfPages(
  bytes: Uint8Array,
  pages: number[],
  label: string,
  opts: OcrOptions = {},
): Promise<Map<number, string>> {
  await tesseractReady(label);
  const dir = await mkdtemp(join(tmpdir(), 'rasid-ocr-'));
  const out = new Map<number, string>();
  try {
    const pdf = join(dir, 'in.pdf');
    await writeFile(pdf, bytes);
    for (const n of pages) {
      const prefix = join(dir, `p${n}`);
      const dpi = String(opts.dpi ?? 300);
      await run(
        'pdftoppm',
        ['-r', dpi, '-gray', '-f', String(n), '-l', String(n), '-singlefile', '-png', pdf, prefix],
        opts.timeoutMs ?? 120000,
        `${label} page ${n}`,
        'apt-get install poppler-utils',
      );
      const [text] = await ocrImageFile(`${prefix}.png`, `${label} page ${n}`, opts);
      await rm(`${prefix}.png`, { force: true });
      out.set(n, text ?? '');
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return out;
}
