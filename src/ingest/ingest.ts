// The ingest service: tasks (files, URLs, feed items) → documents in the store, each with its
// extraction. The CLI and the bench call this; it prints nothing and reports through callbacks.
//
// Crash safety comes from the order of writes per document, not from one transaction across
// them: (1) putDocument, (2) saveExtraction (or, with --queue, the job), (3) setIngestState. A
// kill between (1) and (3) leaves the document without its ingest mark, so the next run redoes
// (2) — idempotent, since it replaces only machine incidents — and a document is never marked
// done without its incidents. The ingest mark also lets a rerun skip unchanged inputs before
// extraction, and, for web pages, remembers ETag / Last-Modified so they are not downloaded again.
import { createHash } from 'node:crypto';
import { RasidError } from '../errors.ts';
import { DEFAULT_MAX_BYTES } from '../input/read-file.ts';
import { readFileBytes, type Published, type ReadDocument } from '../service/read-document.ts';
import type { DocumentInput, Store } from '../store/types.ts';
import { DEFAULT_EXTRACT_LIMITS, extractAndSave, type ExtractLimits, type Extractor } from '../service/extract-save.ts';
import {
  budgetOf,
  inlineRunner,
  type Budget,
  type DocumentRunner,
  type RunnerReadOptions,
} from '../service/document-runner.ts';
import { detectLanguage } from '../text/analyze.ts';
import { normalize } from '../text/normalize.ts';
import type { Feed } from './feed.ts';
import type { Fetcher } from './http.ts';
import { expandArguments, type PageHint, type Task } from './sources.ts';
import { dedupeAlternates, readCache, type PageCache } from './page-cache.ts';
import { codeOf, StoreFailure, toFailure, type Failure } from './failures.ts';
export type { Failure };

export type Processing =
  /** extract here: in this thread by `extract`, or by the ingest's `runner` (threads) when it has one */
  | { kind: 'extract'; extract?: Extractor }
  /** store documents only (`--no-extract`) */
  | { kind: 'none' }
  /** store documents and hand extraction to workers (`--queue`) */
  | { kind: 'enqueue'; enqueue: (documentId: string) => Promise<void> };

export type { Published };

export interface IngestOptions {
  store: Store;
  fetcher: Fetcher;
  processing: Processing;
  concurrency?: number;
  maxBytes?: number;
  /** publication date from page metadata, URL and datelines (a runner given below has its own) */
  published?: Published;
  /**
   * where documents are read and extracted: the CLI's threads stopped when a document's budget is
   * spent (src/service/document-threads.ts); by default this thread, with `processing.extract`
   */
  runner?: DocumentRunner;
  onProgress?: (p: IngestProgress) => void;
  /** work allowed per document: incidents kept, part size, time budget (src/service/extract-save.ts) */
  limits?: ExtractLimits;
  /** PDF page limit and OCR settings */
  read?: Pick<RunnerReadOptions, 'maxPages' | 'ocr'>;
  /** public username of the channel whose Telegram export is ingested (the export does not name it) */
  telegramChannel?: string;
  /**
   * The restricted rule (`--restricted`, `--restricted-source`): given a document's source key and
   * where it was found (its file, the feed of an item, the page of an alternate), whether the
   * document is seen by editors and admins only. A rule only restricts; it never lifts a restriction.
   */
  restricted?: (keys: string[]) => boolean;
}

export interface IngestProgress {
  total: number;
  done: number;
  new: number;
  unchanged: number;
  updated: number;
  failed: number;
}

export interface IngestSummary extends IngestProgress {
  /** files in folders that are not documents (images, archives…) */
  skipped: number;
  failures: Failure[];
  /** set when the run stopped early because the store kept failing; the rest was not tried */
  aborted: Failure | null;
  /** documents that landed with less than all of their text extracted (too many incidents) */
  capped: Failure[];
}

/** Writes that fail this many documents in a row mean the store itself is failing (database gone,
 * disk full): the run stops instead of marking every remaining input failed. */
const STORE_FAILURES_TO_ABORT = 3;

type Status = 'new' | 'unchanged' | 'updated';
interface Landed {
  id: string | null;
  status: Status;
}

const SUPPORTED_LANGS = new Set(['ar', 'en']);

function stateHash(doc: DocumentInput, level: 'stored' | 'extracted'): string {
  const alts = [...doc.alternates].sort((a, b) => (a.url < b.url ? -1 : 1));
  return createHash('sha256')
    .update(
      JSON.stringify([
        level,
        doc.text,
        doc.title,
        doc.lang,
        doc.published,
        doc.url,
        doc.format,
        alts,
        ...(doc.pages?.length ? [doc.pages] : []),
      ]),
    )
    .digest('hex');
}

function pickLang(declared: string | null | undefined, text: string): 'ar' | 'en' {
  if (declared === 'ar' || declared === 'en') return declared;
  return detectLanguage(normalize(text.slice(0, 20000)));
}

export async function ingest(args: string[], opts: IngestOptions): Promise<IngestSummary> {
  const { store, fetcher, processing } = opts;
  const limits = opts.limits ?? DEFAULT_EXTRACT_LIMITS;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const runner =
    opts.runner ?? inlineRunner(processing.kind === 'extract' ? (processing.extract ?? null) : null, opts.published);
  const readOptions: RunnerReadOptions = {
    maxBytes,
    maxPages: opts.read?.maxPages,
    ocr: opts.read?.ocr,
    telegramChannel: opts.telegramChannel,
  };
  const expanded = expandArguments(args);
  const queue: Task[] = [...expanded.tasks];
  const summary: IngestSummary = {
    total: queue.length + expanded.missing.length,
    done: 0,
    new: 0,
    unchanged: 0,
    updated: 0,
    failed: 0,
    skipped: expanded.skipped,
    failures: [],
    aborted: null,
    capped: [],
  };
  // one fetch per URL per run, however many feed items and alternate links point at it
  const pages = new Map<string, Promise<Landed | null>>();

  let storeFailStreak = 0;
  const progress = () =>
    opts.onProgress?.({
      total: summary.total,
      done: summary.done,
      new: summary.new,
      unchanged: summary.unchanged,
      updated: summary.updated,
      failed: summary.failed,
    });
  const fail = (source: string, e: unknown) => {
    summary.failed++;
    summary.failures.push(toFailure(source, e));
    if (e instanceof StoreFailure && storeFailStreak >= STORE_FAILURES_TO_ABORT && !summary.aborted) {
      summary.aborted = toFailure(source, e);
      queue.length = 0;
    }
  };
  const count = (s: Status) => {
    summary[s]++;
  };
  for (const m of expanded.missing) {
    fail(m.source, m.error);
    summary.done++;
  }

  async function stored<T>(op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (e) {
      // the store refused a value of this document: the document is bad, the store is well
      if (codeOf(e) === 'store.invalid') throw e;
      storeFailStreak++;
      throw new StoreFailure(e);
    }
  }

  // a document that lands whole ends a streak of store failures
  const finished = (l: Landed): Landed => {
    storeFailStreak = 0;
    return l;
  };

  const ruleRestricts = (keys: Array<string | undefined>) =>
    opts.restricted ? opts.restricted(keys.filter((k): k is string => Boolean(k))) : false;

  /** `label` names the input in errors; `budget` is what is left of the document's time after reading it */
  async function land(
    input: DocumentInput,
    needsId: boolean,
    label: string,
    budget: Budget,
    from: string[] = [],
  ): Promise<Landed> {
    const doc = ruleRestricts([input.sourceKey, ...from]) ? { ...input, restricted: true } : input;
    const want = stateHash(doc, processing.kind === 'none' ? 'stored' : 'extracted');
    const extracted = stateHash(doc, 'extracted');
    const state = await stored(() => store.getIngestState(doc.sourceKey));
    const done = state === want || state === extracted;
    // a restricted rule reaches documents landed before, unchanged: the store applies it
    if (done && !needsId && !doc.restricted) return finished({ id: null, status: 'unchanged' });
    const put = await stored(() => store.putDocument(doc));
    if (done) return finished({ id: put.id, status: 'unchanged' });
    if (processing.kind === 'extract') {
      const r = await extractAndSave(store, put.id, doc, { runner, limits, budget, label }, stored);
      if (r.capped)
        summary.capped.push({
          source: doc.sourceKey,
          code: 'document.incidents-capped',
          message: `kept the first ${limits.maxIncidents} incidents; the rest of the text was not extracted`,
        });
    } else if (processing.kind === 'enqueue') {
      await stored(() => processing.enqueue(put.id));
    }
    await stored(() => store.setIngestState(doc.sourceKey, want));
    return finished({ id: put.id, status: put.status });
  }

  /** A document as read, as the store keeps it. */
  function toInput(read: ReadDocument, sourceKey: string): DocumentInput {
    return {
      sourceKey,
      url: read.url,
      title: read.title,
      lang: pickLang(read.lang, read.text),
      published: read.published,
      text: read.text,
      format: read.format,
      alternates: read.alternates,
      pages: read.pages ?? null,
    };
  }

  async function runFile(task: Extract<Task, { kind: 'file' }>): Promise<void> {
    const budget = budgetOf(limits);
    const read = await runner.read(
      { bytes: readFileBytes(task.path, task.label, maxBytes), label: task.label, path: task.path },
      readOptions,
      budget,
    );
    if (read.kind === 'feed') return runFeed(read.feed, task.path);
    if (read.kind === 'records') {
      // one file, many documents: each record is counted and fails on its own
      summary.total += read.records.length - 1;
      for (const r of read.records) {
        if (summary.aborted) break;
        const source = `${task.label}#${r.position}`;
        try {
          if (!r.document) throw r.error ?? new Error(`${source}: neither a document nor an error`);
          const sourceKey = r.key ?? r.document.url ?? (r.id ? `${task.path}#${r.id}` : `${task.path}#${r.position}`);
          // each record is a document with a budget of its own
          count((await land(toInput(r.document, sourceKey), false, source, budgetOf(limits), [task.path])).status);
        } catch (e) {
          fail(source, e);
        }
        summary.done++;
        progress();
      }
      summary.done--; // the file's own slot was replaced by its records
      return;
    }
    count((await land(toInput(read.document, task.path), false, task.label, budget)).status);
  }

  async function runFeed(feed: Feed, from: string): Promise<void> {
    for (const item of feed.items) {
      summary.total++;
      queue.push({
        kind: 'url',
        url: item.link,
        label: item.link,
        hint: {
          title: item.title,
          published: item.published,
          alternates: item.alternates,
          followAlternates: true,
          from: [from],
        },
      });
    }
    // the feed itself is a container, not a document: its slot is taken by its items
    summary.total--;
    summary.done--;
  }

  /** Fetch and land one page (or feed); returns null when the URL turned out to be a feed. */
  function landUrl(url: string, label: string, hint: PageHint | undefined): Promise<Landed | null> {
    const known = pages.get(url);
    if (known) return known;
    const p = (async (): Promise<Landed | null> => {
      // a page landed before is asked for only if changed (ETag / Last-Modified); feeds never
      // get this entry, so a feed whose items were cut short by a crash is read again in full
      const cacheKey = `http-cache:${url}`;
      const level = processing.kind === 'none' ? 'stored' : 'extracted';
      const entry = readCache(await stored(() => store.getIngestState(cacheKey)));
      // a page stored by a --no-extract run still needs its extraction: fetch it in full
      const cached = entry && (entry.level === 'extracted' || level === 'stored') ? entry : null;
      const res = await fetcher.fetch(url, cached ?? {});
      if (res.notModified && cached) {
        if (ruleRestricts([url, ...(hint?.from ?? [])]))
          await stored(() => store.setDocumentRestricted(cached.id, true, { userId: null, via: 'ingest' }));
        const self = finished({ id: cached.id, status: 'unchanged' });
        const follow = (hint?.followAlternates ?? true) && cached.alternates.some((a) => SUPPORTED_LANGS.has(a.lang));
        if (follow) await landAlternates(self, cached.alternates, cached.published, [url, ...(hint?.from ?? [])]);
        return self;
      }
      const budget = budgetOf(limits);
      const read = await runner.read(
        { bytes: res.body, label, url: res.url, contentType: res.contentType },
        readOptions,
        budget,
      );
      if (read.kind === 'feed') {
        await runFeed(read.feed, url);
        return null;
      }
      if (read.kind === 'records')
        throw new RasidError('input.format', `${label}: records are read from files, not from the web`);
      // a feed item's own title and date, when its feed gave them, go before what the page says
      const page = hint?.published ? { ...read.document, published: hint.published } : read.document;
      const doc = toInput(
        page.format === 'html'
          ? {
              ...page,
              title: page.title ?? hint?.title ?? null,
              alternates: dedupeAlternates([...(hint?.alternates ?? []), ...page.alternates], res.url),
            }
          : { ...page, title: hint?.title ?? null },
        res.url,
      );
      const follow = (hint?.followAlternates ?? true) && doc.alternates.some((a) => SUPPORTED_LANGS.has(a.lang));
      const cacheable = Boolean(res.etag || res.lastModified);
      const landed = await land(doc, follow || cacheable, label, budget, [url, ...(hint?.from ?? [])]);
      if (res.url !== url && !pages.has(res.url)) pages.set(res.url, pages.get(url)!);
      if (follow) await landAlternates(landed, doc.alternates, doc.published, [url, ...(hint?.from ?? [])]);
      if (cacheable) {
        const next: PageCache = {
          etag: res.etag,
          lastModified: res.lastModified,
          id: landed.id!,
          level,
          alternates: doc.alternates,
          published: doc.published,
        };
        await stored(() => store.setIngestState(cacheKey, JSON.stringify(next)));
      }
      return landed;
    })();
    pages.set(url, p);
    return p;
  }

  /** Other-language versions are ingested too and linked to this page as one group. */
  async function landAlternates(
    self: Landed,
    alternates: DocumentInput['alternates'],
    published: string | null,
    /** the page and where it was found: a rule that restricts a report restricts its translations */
    from: string[],
  ): Promise<void> {
    const ids = [self.id!];
    for (const alt of alternates) {
      if (!SUPPORTED_LANGS.has(alt.lang)) continue;
      const seen = pages.has(alt.url);
      if (!seen) summary.total++;
      try {
        const landed = await landUrl(alt.url, alt.url, {
          title: null,
          published,
          alternates: [],
          followAlternates: false,
          from,
        });
        if (!seen && landed) count(landed.status);
        if (landed?.id) ids.push(landed.id);
      } catch (e) {
        if (!seen) fail(alt.url, e);
      }
      if (!seen) {
        summary.done++;
        progress();
      }
    }
    if (ids.length > 1) await stored(() => store.linkAlternates(ids));
  }

  async function runTask(task: Task): Promise<void> {
    if (task.kind === 'file') return runFile(task);
    if (pages.has(task.url)) {
      // a page already reached as another page's alternate (or listed twice) was counted there
      summary.total--;
      summary.done--;
      await landUrl(task.url, task.label, task.hint).catch(() => null);
      return;
    }
    const landed = await landUrl(task.url, task.label, task.hint);
    if (landed) count(landed.status);
  }

  // a worker that finds the queue empty waits while others run: a feed being read adds items
  let active = 0;
  let waiting: Array<() => void> = [];
  const wakeAll = () => {
    const w = waiting;
    waiting = [];
    for (const f of w) f();
  };
  const workers = Array.from({ length: Math.max(1, opts.concurrency ?? 4) }, async () => {
    for (;;) {
      const task = queue.shift();
      if (!task) {
        if (active === 0) return wakeAll();
        await new Promise<void>((r) => waiting.push(r));
        continue;
      }
      active++;
      try {
        await runTask(task);
      } catch (e) {
        fail(task.label, e);
      } finally {
        active--;
      }
      summary.done++;
      progress();
      wakeAll();
    }
  });
  await Promise.all(workers);
  return summary;
}
