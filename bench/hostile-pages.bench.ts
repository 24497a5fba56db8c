// Pages that used to stall ingestion (issue 12): 2,000 nested <div>s (22 KB, 34 s before), 100,000
// nested <div>s (1 MB, minutes), and a 10 MB page of 100,000 paragraphs (100 s, 2 GB, 100,000
// incidents). Each is read and extracted as ingest does it, with the default limits; prints the
// time of each, the incidents kept, and this process's peak RSS (the target: under 500 MB).
import { parseHtmlPage } from '../src/ingest/html.ts';
import { extractDocument } from '../src/pipeline/index.ts';
import { DEFAULT_EXTRACT_LIMITS, extractFor } from '../src/service/extract-save.ts';

const TOWNS = ['al-Mayadin', 'Raqqa', 'Idlib', 'Homs', 'Mosul', 'Kirkuk', 'Hama', 'Daraa'];
const para = (i: number) =>
  `On ${1 + (i % 27)} May 2016, gunmen shot dead ${2 + (i % 5)} civilians in ${TOWNS[i % TOWNS.length]}, activists said.`;
const nested = (n: number) =>
  `<!doctype html><html lang="en"><head><title>Deep</title></head><body>${'<div>'.repeat(n)}<p>${para(1)}</p>${'</div>'.repeat(n)}</body></html>`;

function run(name: string, html: string): void {
  const t0 = performance.now();
  const page = parseHtmlPage(html, null, name, {
    deadline: t0 + DEFAULT_EXTRACT_LIMITS.budgetMs,
    budgetMs: DEFAULT_EXTRACT_LIMITS.budgetMs,
  });
  const t1 = performance.now();
  const ex = extractFor(
    'bench',
    { text: page.text, title: page.title, url: null, lang: 'en', published: '2016-06-01', alternates: [] },
    (i) => extractDocument(i),
  );
  const t2 = performance.now();
  const capped = ex.issues?.some((i) => i.code === 'document.incidents-capped') ? ' (capped)' : '';
  console.log(
    `${name.padEnd(28)} ${(html.length / 1048576).toFixed(2).padStart(6)} MB  read ${(t1 - t0).toFixed(0).padStart(6)} ms  extract ${(t2 - t1).toFixed(0).padStart(6)} ms  ${ex.incidents.length} incidents${capped}`,
  );
}

// lexicons and gazetteer load on the first extraction; not a cost of the first page
extractDocument({ text: para(0), lang: 'en', published: '2016-06-01' });
run('2,000 nested divs', nested(2_000));
run('100,000 nested divs', nested(100_000));
run(
  '100,000 paragraphs',
  `<!doctype html><html lang="en"><head><title>Many</title></head><body>${Array.from({ length: 100_000 }, (_, i) => `<p>${para(i)} The monitor has their names.</p>`).join('\n')}</body></html>`,
);
console.log(
  `limits: ${DEFAULT_EXTRACT_LIMITS.maxIncidents} incidents, parts of ${DEFAULT_EXTRACT_LIMITS.partChars} characters, ${DEFAULT_EXTRACT_LIMITS.budgetMs / 1000} s per document`,
);
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
