// The worker thread of src/service/document-threads.ts: reads and extracts documents sent to it, one
// at a time, and answers each by its job id. It loads the lexicons and the gazetteer once, before it
// says it is ready, so that a document's budget is not spent on start-up. The main thread stops it
// (Worker.terminate) when a document's budget is spent, however deep in a regex or a parser it is.
import { parentPort, workerData } from 'node:worker_threads';
import { builtinGazetteer, mergeGazetteer } from '../geo/gazetteer.ts';
import { extractDocument } from '../pipeline/index.ts';
import { publishedDate } from '../time/published.ts';
import { extractFor } from './extract-save.ts';
import { readDocument } from './read-document.ts';
import { errorData, toWireRead, type ThreadData, type ThreadJob, type ThreadReply } from './thread-wire.ts';

const port = parentPort!;
const data = workerData as ThreadData;
const gazetteer = data.gazetteerEntries.length ? mergeGazetteer(data.gazetteerEntries) : builtinGazetteer();
const extract = (input: Parameters<typeof extractDocument>[0]) => extractDocument(input, { gazetteer });

// lexicons and gazetteer indexes load on the first extraction of each language
extract({ text: 'On 2 May 2016, gunmen shot dead two civilians in Raqqa.', lang: 'en' });
extract({ text: 'قتل مسلحون مدنيين اثنين في مدينة الرقة يوم الاثنين.', lang: 'ar' });
port.postMessage({ type: 'ready' });

async function run(job: ThreadJob): Promise<ThreadReply> {
  try {
    if (job.kind === 'read') {
      const r = await readDocument(job.src, {
        ...job.opts,
        published: data.published ? publishedDate : undefined,
        budgetMs: job.budgetMs,
      });
      return { type: 'done', id: job.id, ok: true, value: toWireRead(r) };
    }
    const value = extractFor(job.docId, job.doc, extract, { ...job.limits, budgetMs: job.budgetMs });
    return { type: 'done', id: job.id, ok: true, value };
  } catch (e) {
    return { type: 'done', id: job.id, ok: false, error: errorData(e) };
  }
}

port.on('message', (job: ThreadJob) => {
  void run(job).then((reply) => port.postMessage(reply));
});
