// Documents read and extracted in worker threads, so that a document's time budget is kept for real
// (issue 12): a single pathological part — a page nested thousands deep, a paragraph a regex
// backtracks on — cannot be interrupted in the thread it runs in, but its thread can be stopped.
// When the budget is spent the thread is terminated, the document fails with extract.budget naming
// the file and the budget, and the next document gets a fresh thread.
//
// A thread is kept across documents (a job costs a message each way); it loads the lexicons and the
// gazetteer once, before its first job, and that start-up is not charged to any document. PDFs,
// scans and office files are read in the main thread (bounded by --max-pages and OCR's per-page
// timeout; OCR runs in child processes) and extracted in a thread like any other document.
import { Worker } from 'node:worker_threads';
import type { ExtractLimits } from '../config.ts';
import { RasidError } from '../errors.ts';
import type { GazetteerEntry } from '../geo/types.ts';
import { sniffBinary } from '../input/sniff.ts';
import type { Extraction } from '../schema.ts';
import {
  asBudgetError,
  budgetSpent,
  inlineRunner,
  type Budget,
  type DocumentRunner,
  type ExtractDoc,
  type RunnerReadOptions,
} from './document-runner.ts';
import type { ReadResult, ReadSource } from './read-document.ts';
import {
  fromErrorData,
  fromWireRead,
  type ThreadData,
  type ThreadJob,
  type ThreadReply,
  type WireRead,
} from './thread-wire.ts';
import { publishedDate } from '../time/published.ts';

export interface ThreadOptions {
  /** threads at once (documents read or extracted in parallel); 1 by default */
  size?: number;
  /** places imported into the store (src/service/gazetteer.ts, gazetteerEntriesOf) */
  gazetteerEntries?: GazetteerEntry[];
  /** publication dates from page metadata, the URL and datelines */
  published?: boolean;
  /** heap limit per thread (DEFAULT_THREAD_HEAP_MB); a document that needs more fails alone (extract.memory) */
  maxHeapMb?: number;
}

/**
 * A thread's heap is bounded: V8 then collects before it grows. Reading and extracting a 10 MB page
 * fits in 256 MB (peak RSS of the process about 400 MB with a thread of 256 MB, 420 MB with 384,
 * 610 MB unbounded); a document that needs more fails alone with extract.memory.
 */
export const DEFAULT_THREAD_HEAP_MB = 256;

interface Slot {
  worker: Worker | null;
  busy: boolean;
}

// The thread's module next to this one: .js when built. Run from the sources (tests, benches under
// tsx), the thread registers tsx first: Node 20 does not pass --import hooks on to worker threads.
const FROM_SOURCES = import.meta.url.endsWith('.ts');
const THREAD_URL = new URL(`./document-thread${FROM_SOURCES ? '.ts' : '.js'}`, import.meta.url);
const TSX_BOOT = `const { workerData } = require('node:worker_threads');
import(workerData.tsx).then((api) => { api.register(); return import(workerData.entry); });`;

function newThread(data: ThreadData, resourceLimits: { maxOldGenerationSizeMb: number }): Worker {
  const opts = { resourceLimits };
  if (!FROM_SOURCES) return new Worker(THREAD_URL, { workerData: data, ...opts });
  return new Worker(TSX_BOOT, {
    eval: true,
    workerData: { ...data, tsx: import.meta.resolve('tsx/esm/api'), entry: THREAD_URL.href },
    execArgv: [],
    ...opts,
  });
}

/** Texts over this many characters retire their thread once done (see `run`). */
const RECYCLE_AFTER_CHARS = 1_000_000;

function textSize(value: WireRead | Extraction, job: { kind: string; doc?: ExtractDoc }): number {
  if (job.kind === 'extract') return job.doc?.text.length ?? 0;
  const r = value as WireRead;
  return r.kind === 'document' ? r.document.text.length : 0;
}

export class DocumentThreads implements DocumentRunner {
  private readonly slots: Slot[];
  private readonly waiting: Array<(s: Slot) => void> = [];
  private readonly data: ThreadData;
  private nextId = 1;
  private closed = false;
  /** reads in the main thread (binary documents) */
  private readonly inline: DocumentRunner;

  constructor(private readonly opts: ThreadOptions = {}) {
    this.slots = Array.from({ length: Math.max(1, opts.size ?? 1) }, () => ({ worker: null, busy: false }));
    this.data = { gazetteerEntries: opts.gazetteerEntries ?? [], published: opts.published ?? false };
    this.inline = inlineRunner(null, opts.published ? publishedDate : undefined);
  }

  async read(src: ReadSource, opts: RunnerReadOptions, budget: Budget): Promise<ReadResult> {
    if (sniffBinary(src.bytes.subarray(0, 1100))) return this.inline.read(src, opts, budget);
    const value = await this.run({ kind: 'read', src, opts }, budget, src.label);
    return fromWireRead(value as WireRead);
  }

  async extract(
    id: string,
    doc: ExtractDoc,
    limits: ExtractLimits,
    budget: Budget,
    label: string,
  ): Promise<Extraction> {
    return (await this.run({ kind: 'extract', docId: id, doc, limits }, budget, label)) as Extraction;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(
      this.slots.map(async (s) => {
        const w = s.worker;
        s.worker = null;
        await w?.terminate();
      }),
    );
  }

  private acquire(): Promise<Slot> {
    const free = this.slots.find((s) => !s.busy);
    if (free) {
      free.busy = true;
      return Promise.resolve(free);
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(slot: Slot): void {
    slot.worker?.unref();
    const next = this.waiting.shift();
    if (next) next(slot);
    else slot.busy = false;
  }

  /** A thread that has loaded what extraction needs. */
  private start(): Promise<Worker> {
    const w = newThread(this.data, { maxOldGenerationSizeMb: this.opts.maxHeapMb ?? DEFAULT_THREAD_HEAP_MB });
    return new Promise((resolve, reject) => {
      const onMessage = (m: ThreadReply) => {
        if (m.type !== 'ready') return;
        off();
        resolve(w);
      };
      const onError = (e: Error) => {
        off();
        reject(new RasidError('extract.thread', `the extraction thread did not start (${e.name}: ${e.message})`));
      };
      const onExit = (code: number) => onError(new Error(`exit ${code}`));
      const off = () => {
        w.off('message', onMessage);
        w.off('error', onError);
        w.off('exit', onExit);
      };
      w.on('message', onMessage);
      w.on('error', onError);
      w.on('exit', onExit);
    });
  }

  private async run(
    job:
      | Omit<Extract<ThreadJob, { kind: 'read' }>, 'id' | 'budgetMs'>
      | Omit<Extract<ThreadJob, { kind: 'extract' }>, 'id' | 'budgetMs'>,
    budget: Budget,
    label: string,
  ): Promise<WireRead | Extraction> {
    if (this.closed) throw new RasidError('extract.thread', 'the extraction threads are closed');
    if (budget.leftMs <= 0) throw budgetSpent(label, budget);
    const slot = await this.acquire();
    try {
      if (!slot.worker) {
        const started = await this.start();
        // a thread that dies between jobs is let go (an 'error' without a listener would end the process)
        started.on('error', () => undefined);
        started.once('exit', () => {
          if (slot.worker === started) slot.worker = null;
        });
        slot.worker = started;
      }
      const w = slot.worker;
      w.ref();
      const id = this.nextId++;
      return await new Promise<WireRead | Extraction>((resolve, reject) => {
        const t0 = performance.now();
        const finish = (drop: boolean) => {
          clearTimeout(timer);
          w.off('message', onMessage);
          w.off('error', onError);
          w.off('exit', onExit);
          budget.leftMs -= performance.now() - t0;
          if (drop) {
            if (slot.worker === w) slot.worker = null;
            void w.terminate();
          }
        };
        const timer = setTimeout(() => {
          finish(true);
          budget.leftMs = 0;
          reject(budgetSpent(label, budget));
        }, budget.leftMs);
        const onMessage = (m: ThreadReply) => {
          if (m.type !== 'done' || m.id !== id) return;
          // a thread that has just read or extracted a large text holds a large heap: let it go, and
          // with it the memory, before this thread stores the document (the next job starts another)
          finish(m.ok && textSize(m.value, job) > RECYCLE_AFTER_CHARS);
          if (m.ok) resolve(m.value);
          else reject(asBudgetError(fromErrorData(m.error), label, budget));
        };
        const onError = (e: Error & { code?: string }) => {
          finish(true);
          reject(
            e.code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? new RasidError(
                  'extract.memory',
                  `${label}: reading and extracting it needed more than the memory allowed`,
                )
              : new RasidError('extract.failed', `${label}: the extraction thread failed (${e.name})`),
          );
        };
        const onExit = (code: number) => onError(Object.assign(new Error(`exit ${code}`), { name: 'ThreadExit' }));
        w.on('message', onMessage);
        w.on('error', onError);
        w.on('exit', onExit);
        w.postMessage({ ...job, id, budgetMs: budget.leftMs });
      });
    } finally {
      this.release(slot);
    }
  }
}
