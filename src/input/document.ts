// Documents that are not plain text (PDF, scans, Word, OpenDocument), recognised by their bytes
// rather than their names, read into text with a page map where the source has pages. The CLI's
// extract, ingest and any other caller read files through here.
import { RasidError } from '../errors.ts';
import { ocrImageBytes, ocrPdfPages, type OcrOptions } from './ocr.ts';
import { readOffice } from './office.ts';
import { joinPages, type PageStart } from './paged.ts';
import { readPdf } from './pdf.ts';
import { sniffBinary } from './sniff.ts';

export interface ReadDocument {
  text: string;
  /** pdf, image, docx, odt */
  format: string;
  pages?: PageStart[];
}

export interface ReadOptions {
  maxPages?: number;
  ocr?: OcrOptions;
}

/** The bytes as a binary document, or null when they are none of the binary kinds (text, JSON…). */
export async function readBinaryDocument(
  bytes: Uint8Array,
  label: string,
  opts: ReadOptions = {},
): Promise<ReadDocument | null> {
  const kind = sniffBinary(bytes.subarray(0, 1100));
  if (kind === null) return null;
  let doc: ReadDocument;
  if (kind === 'pdf') {
    const pdf = await readPdf(bytes, label, {
      maxPages: opts.maxPages,
      ocrPages: (pages) => ocrPdfPages(bytes, pages, label, opts.ocr),
    });
    doc = { text: pdf.text, format: 'pdf', pages: pdf.pages };
  } else if (kind === 'zip') {
    const office = await readOffice(bytes, label);
    doc = { text: office.text, format: office.kind };
  } else {
    const pages = await ocrImageBytes(
      bytes,
      kind === 'jpeg' ? 'jpg' : kind === 'tiff' ? 'tif' : 'png',
      label,
      opts.ocr,
    );
    if (opts.maxPages !== undefined && pages.length > opts.maxPages)
      throw new RasidError(
        'input.too-many-pages',
        `${label}: ${pages.length} pages is over the ${opts.maxPages}-page limit; split the file`,
      );
    doc = { ...joinPages(pages.map((text) => ({ text, ocr: true }))), format: 'image' };
  }
  if (!doc.text.trim())
    throw new RasidError(
      'input.empty',
      `${label}: no text found in the ${doc.format === 'image' ? 'image' : doc.format.toUpperCase()}`,
    );
  return doc;
}
