// Just enough of the zip format to look inside Word and OpenDocument files before a library
// unpacks them: which entries there are, and what each really unpacks to. The sizes written in a
// zip are claims; a zip bomb lies in them, so an entry is measured by inflating it with a hard
// ceiling (zlib's maxOutputLength), never by trusting its header.
import { inflateRawSync } from 'node:zlib';
import { RasidError } from '../errors.ts';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  /** as claimed by the central directory */
  size: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export function listZip(bytes: Uint8Array, label: string): ZipEntry[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const damaged = (why: string) =>
    new RasidError('input.zip-damaged', `${label}: not a readable zip container (${why})`);
  // the end record sits in the last 22 bytes plus a comment of up to 65,535
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--)
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw damaged('no end of central directory');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || at === 0xffffffff) throw damaged('zip64 is not supported');
  const entries: ZipEntry[] = [];
  for (let k = 0; k < count; k++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== CENTRAL) throw damaged('broken central directory');
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    entries.push({
      method: buf.readUInt16LE(at + 10),
      compressedSize: buf.readUInt32LE(at + 20),
      size: buf.readUInt32LE(at + 24),
      localOffset: buf.readUInt32LE(at + 42),
      name: buf.toString('utf8', at + 46, at + 46 + nameLen),
    });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** The entry's bytes, unpacked, refusing more than `max` bytes whatever the header claims. */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntry, max: number, label: string): Buffer {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localOffset;
  if (at + 30 > buf.length || buf.readUInt32LE(at) !== LOCAL)
    throw new RasidError('input.zip-damaged', `${label}: ${entry.name}: broken local header`);
  const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  const data = buf.subarray(start, start + entry.compressedSize);
  const bomb = () =>
    new RasidError(
      'input.zip-bomb',
      `${label}: ${entry.name} unpacks to more than ${Math.round(max / 1048576)} MB (a zip bomb?); refused`,
    );
  if (entry.method === 0) {
    if (data.length > max) throw bomb();
    return Buffer.from(data);
  }
  if (entry.method !== 8)
    throw new RasidError(
      'input.zip-damaged',
      `${label}: ${entry.name}: compression method ${entry.method} is not supported`,
    );
  try {
    return inflateRawSync(data, { maxOutputLength: max });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) throw bomb();
    throw new RasidError('input.zip-damaged', `${label}: ${entry.name}: damaged compressed data`);
  }
}

export interface ZipBounds {
  /** largest single XML part, unpacked */
  maxEntry: number;
  /** all XML parts together, unpacked */
  maxTotal: number;
}

export const DEFAULT_ZIP_BOUNDS: ZipBounds = { maxEntry: 32 * 1024 * 1024, maxTotal: 64 * 1024 * 1024 };

/**
 * Unpacks every XML part (what a text reader will open) under the bounds, so that the library that
 * reads the file afterwards cannot be made to unpack a bomb. Pictures and other media are not read
 * by text extraction and are left alone.
 */
export function checkZipBounds(
  bytes: Uint8Array,
  entries: ZipEntry[],
  label: string,
  bounds = DEFAULT_ZIP_BOUNDS,
): void {
  let total = 0;
  for (const e of entries) {
    if (!/\.(xml|rels)$/i.test(e.name)) continue;
    total += readZipEntry(bytes, e, Math.max(1, Math.min(bounds.maxEntry, bounds.maxTotal - total)), label).length;
  }
}
