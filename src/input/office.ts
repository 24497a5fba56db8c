// Word (.docx) and OpenDocument (.odt) files → text, one paragraph per block. The zip is measured
// first (zip.ts) so that neither mammoth nor our own OpenDocument reader unpacks a bomb.
import mammoth from 'mammoth';
import { XMLParser } from 'fast-xml-parser';
import { RasidError } from '../errors.ts';
import { checkZipBounds, DEFAULT_ZIP_BOUNDS, listZip, readZipEntry, type ZipEntry } from './zip.ts';

export type OfficeKind = 'docx' | 'odt';

/** Which office format a zip holds, by its entries; null for any other zip. */
export function officeKind(entries: ZipEntry[]): OfficeKind | null {
  const names = new Set(entries.map((e) => e.name));
  if (names.has('word/document.xml')) return 'docx';
  if (names.has('content.xml') && names.has('mimetype')) return 'odt';
  return null;
}

export async function readOffice(bytes: Uint8Array, label: string): Promise<{ kind: OfficeKind; text: string }> {
  const entries = listZip(bytes, label);
  const kind = officeKind(entries);
  if (!kind)
    throw new RasidError(
      'input.format',
      `${label}: a zip archive that is neither a Word (.docx) nor an OpenDocument (.odt) file`,
    );
  checkZipBounds(bytes, entries, label);
  let text: string;
  if (kind === 'docx') {
    try {
      text = (await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value;
    } catch (e) {
      throw new RasidError(
        'input.docx-damaged',
        `${label}: not a readable Word file (${(e as Error | null)?.name ?? 'error'})`,
      );
    }
  } else {
    const content = entries.find((e) => e.name === 'content.xml')!;
    text = odtText(readZipEntry(bytes, content, DEFAULT_ZIP_BOUNDS.maxEntry, label).toString('utf8'), label);
  }
  text = text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (!text) throw new RasidError('input.empty', `${label}: the document holds no text`);
  return { kind, text };
}

type Node = Record<string, unknown> & { ':@'?: Record<string, string> };
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: false,
  processEntities: true,
  htmlEntities: false,
});

/** OpenDocument body: text:p and text:h are paragraphs; spaces, tabs and breaks are elements. */
function odtText(xml: string, label: string): string {
  let tree: Node[];
  try {
    tree = parser.parse(xml) as Node[];
  } catch {
    throw new RasidError('input.odt-damaged', `${label}: content.xml is not well-formed XML`);
  }
  const paragraphs: string[] = [];
  const inline = (nodes: Node[]): string => {
    let s = '';
    for (const n of nodes) {
      for (const [tag, value] of Object.entries(n)) {
        if (tag === ':@') continue;
        if (tag === '#text') s += String(value);
        else if (tag === 'text:s') s += ' '.repeat(Math.max(1, Number(n[':@']?.['text:c'] ?? 1)));
        else if (tag === 'text:tab') s += '\t';
        else if (tag === 'text:line-break') s += '\n';
        else if (tag === 'text:note') continue;
        else if (Array.isArray(value)) s += inline(value as Node[]);
      }
    }
    return s;
  };
  const walk = (nodes: Node[]) => {
    for (const n of nodes)
      for (const [tag, value] of Object.entries(n)) {
        if (!Array.isArray(value)) continue;
        if (tag === 'text:p' || tag === 'text:h') paragraphs.push(inline(value as Node[]).trim());
        else walk(value as Node[]);
      }
  };
  walk(tree);
  return paragraphs.filter(Boolean).join('\n\n');
}
