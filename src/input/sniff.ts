// What a file is, told from its first bytes rather than its name: a report saved as «تقرير.pdf.txt» or
// a scan without an extension is still read as what it is. Only the container is told here; a zip is
// a Word or OpenDocument file when its entries say so (see listZip in zip.ts).
export type BinaryKind = 'pdf' | 'png' | 'jpeg' | 'tiff' | 'zip';

export function sniffBinary(head: Uint8Array): BinaryKind | null {
  const at = (i: number, ...bytes: number[]) => bytes.every((b, k) => head[i + k] === b);
  // %PDF- may follow a byte-order mark or white space that some writers put first; a text file
  // that merely mentions %PDF- further in is still text
  let i = at(0, 0xef, 0xbb, 0xbf) ? 3 : 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x0a || head[i] === 0x0d || head[i] === 0x09)) i++;
  if (at(i, 0x25, 0x50, 0x44, 0x46, 0x2d)) return 'pdf';
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (at(0, 0xff, 0xd8, 0xff)) return 'jpeg';
  if (at(0, 0x49, 0x49, 0x2a, 0x00) || at(0, 0x4d, 0x4d, 0x00, 0x2a)) return 'tiff';
  if (at(0, 0x50, 0x4b, 0x03, 0x04)) return 'zip';
  return null;
}

export const IMAGE_KINDS = new Set<BinaryKind>(['png', 'jpeg', 'tiff']);
