// Fixtures made at test time with real software from our own texts (test/formats/texts.ts): PDFs
// printed by Debian's Chromium, a scan made from a Chromium screenshot, a .docx written here, and a
// PDF that LibreOffice makes from it. Made fresh rather than committed, so that the tests follow the
// tools the machine has and the repository holds no opaque binaries.
import { execFile } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { crc32, deflateRawSync } from 'node:zlib';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

export function which(cmd: string): Promise<boolean> {
  return new Promise((resolve) => execFile('sh', ['-c', `command -v ${cmd}`], (err) => resolve(!err)));
}

export const noChromium = existsSync(CHROMIUM) ? false : `Chromium not found at ${CHROMIUM} (apt-get install chromium)`;

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

export interface PageSpec {
  lang: 'ar' | 'en';
  title: string;
  paragraphs: string[];
  columns?: 1 | 2;
  /** words to break with a soft hyphen (shown as «-» at a line end) */
  hyphenate?: boolean;
  fontPt?: number;
  /** paragraphs (by index) that start a new page, so a test knows which page each is on */
  breaksBefore?: number[];
}

/** Soft hyphens in the middle of long words, where Chromium may break a line and show a hyphen. */
function softHyphens(p: string): string {
  return p.replace(/[A-Za-z]{9,}/g, (w) => `${w.slice(0, 4)}\u00ad${w.slice(4)}`);
}

export function pageHtml(spec: PageSpec): string {
  const dir = spec.lang === 'ar' ? 'rtl' : 'ltr';
  const cols = spec.columns === 2 ? 'column-count:2;column-gap:2.5em;' : '';
  const body = spec.paragraphs
    .map(
      (p, i) =>
        `<p${spec.breaksBefore?.includes(i) ? ' style="break-before:page"' : ''}>${esc(spec.hyphenate ? softHyphens(p) : p)}</p>`,
    )
    .join('\n');
  return `<!doctype html><html lang="${spec.lang}" dir="${dir}"><head><meta charset="utf-8"><style>
body{font-family:'DejaVu Sans',sans-serif;font-size:${spec.fontPt ?? 13}pt;line-height:1.5;margin:0}
h1{font-size:20pt;margin:0 0 1em} p{margin:0 0 0.9em;text-align:justify} main{${cols}}
</style></head><body><h1>${esc(spec.title)}</h1><main>${body}</main></body></html>`;
}

/** A PDF printed by Chromium, with a running header (the report's name) and page numbers. */
export async function printPdf(browser: Browser, spec: PageSpec, path: string, header: string): Promise<void> {
  const page = await browser.newPage();
  try {
    await page.setContent(pageHtml(spec));
    await page.pdf({
      path,
      format: 'A4',
      displayHeaderFooter: true,
      headerTemplate: `<div dir="${spec.lang === 'ar' ? 'rtl' : 'ltr'}" style="font-family:'DejaVu Sans';font-size:8pt;width:100%;text-align:center">${esc(header)}</div>`,
      footerTemplate: `<div style="font-family:'DejaVu Sans';font-size:8pt;width:100%;text-align:center"><span class="pageNumber"></span></div>`,
      margin: { top: '2cm', bottom: '2cm', left: '2cm', right: '2cm' },
    });
  } finally {
    await page.close();
  }
}

/**
 * A "scan": the page rendered to an image, turned by a small angle and sprinkled with dark specks,
 * as a flatbed scan of a printed page looks. The noise is seeded, so every run makes the same image.
 */
export async function scanImage(
  browser: Browser,
  spec: PageSpec,
  path: string,
  opts: { degrees: number; specks: number; type: 'png' | 'jpeg' },
): Promise<void> {
  const page = await browser.newPage({ viewport: { width: 1240, height: 1754 }, deviceScaleFactor: 2 });
  try {
    await page.setContent(
      pageHtml(spec).replace(
        '<body>',
        `<body style="padding:90px;transform:rotate(${opts.degrees}deg);transform-origin:50% 30%">`,
      ),
    );
    // a string, not a function: the test runner's transform would add helpers the page lacks
    await page.evaluate(`(() => {
      const c = document.createElement('canvas');
      c.width = 1240;
      c.height = 1754;
      c.style.cssText = 'position:fixed;left:0;top:0;pointer-events:none';
      const g = c.getContext('2d');
      let seed = 12345;
      const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
      g.fillStyle = 'rgba(40,40,40,0.8)';
      for (let i = 0; i < ${opts.specks}; i++) g.fillRect(rnd() * 1240, rnd() * 1754, 0.5 + rnd(), 0.5 + rnd());
      document.body.appendChild(c);
    })()`);
    await page.screenshot({ path, type: opts.type, fullPage: false, ...(opts.type === 'jpeg' ? { quality: 75 } : {}) });
  } finally {
    await page.close();
  }
}

/** A minimal Word file: one w:p per paragraph, as any word processor reads it. */
export function writeDocx(path: string, title: string, paragraphs: string[], rtl: boolean): void {
  const x = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const para = (s: string, bold = false) =>
    `<w:p><w:pPr>${rtl ? '<w:bidi/>' : ''}<w:spacing w:after="160"/></w:pPr><w:r><w:rPr>${bold ? '<w:b/>' : ''}${rtl ? '<w:rtl/>' : ''}</w:rPr><w:t xml:space="preserve">${x(s)}</w:t></w:r></w:p>`;
  const files: Array<[string, string]> = [
    [
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ],
    [
      '_rels/.rels',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ],
    [
      'word/document.xml',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${para(title, true)}${paragraphs.map((p) => para(p)).join('')}<w:sectPr/></w:body></w:document>`,
    ],
  ];
  writeFileSync(path, zip(files.map(([name, s]) => [name, Buffer.from(s, 'utf8')])));
}

/** A zip of deflated entries; `claim` lets a test write a false uncompressed size (a bomb's lie). */
export function zip(files: Array<[string, Buffer, number?]>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data, claim] of files) {
    const packed = deflateRawSync(data);
    const n = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(claim ?? data.length, 22);
    local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(claim ?? data.length, 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, n, packed);
    centrals.push(central, n);
    offset += 30 + n.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** Text as compared in round trips: Unicode compatibility forms folded, soft hyphens gone, white space single. */
export function comparable(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/\u00ad/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** 1 − (edit distance / reference length): the share of the reference's characters recovered. */
export function charAccuracy(reference: string, hypothesis: string): number {
  const a = reference;
  const b = hypothesis;
  let prev = new Uint32Array(b.length + 1).map((_, j) => j);
  let cur = new Uint32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ca === b.charCodeAt(j - 1) ? 0 : 1));
    [prev, cur] = [cur, prev];
  }
  return 1 - prev[b.length]! / Math.max(1, a.length);
}

export function soffice(args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) =>
    // a profile of its own: a user's running LibreOffice (or another test) must not take the call
    execFile(
      'soffice',
      [`-env:UserInstallation=file://${cwd}/lo-profile`, '--headless', ...args],
      { cwd, timeout: 180000 },
      (err) => (err ? reject(err) : resolve()),
    ),
  );
}

/** A PDF of `pages` pages of a few words each, written by hand (enough for pdf.js, cheap to make). */
export function plainPdf(pages: number, line: (page: number) => string): Buffer {
  const objects: string[] = [];
  const kids: string[] = [];
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>';
  for (let i = 0; i < pages; i++) {
    const page = 4 + i * 2;
    const stream = `BT /F1 12 Tf 72 720 Td (${line(i + 1)}) Tj ET`;
    objects[page] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${page + 1} 0 R >>`;
    objects[page + 1] = `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
    kids.push(`${page} 0 R`);
  }
  objects[2] = `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${pages} >>`;
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  for (let n = 1; n < objects.length; n++) {
    offsets[n] = out.length;
    out += `${n} 0 obj\n${objects[n]}\nendobj\n`;
  }
  const xref = out.length;
  out += `xref\n0 ${objects.length}\n0000000000 65535 f \n${offsets
    .slice(1)
    .map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)
    .join('')}`;
  out += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
