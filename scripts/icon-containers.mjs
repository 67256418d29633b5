// Writes the two icon containers no installed package writes for us: Windows .ico and macOS .icns.
// Both simply wrap PNG images (Vista+ ICO entries and ICNS's PNG-based types), so no pixel
// encoding happens here. Pure: PNG buffers in, one container buffer out.
import { Buffer } from 'node:buffer';

/** ICNS element types that hold PNG data, by pixel size (the @2x types share a size with a 1x). */
export const ICNS_TYPES = [
  { type: 'icp4', size: 16 },
  { type: 'icp5', size: 32 },
  { type: 'icp6', size: 64 },
  { type: 'ic07', size: 128 },
  { type: 'ic08', size: 256 },
  { type: 'ic09', size: 512 },
  { type: 'ic10', size: 1024 },
  { type: 'ic11', size: 32 },
  { type: 'ic12', size: 64 },
  { type: 'ic13', size: 256 },
  { type: 'ic14', size: 512 },
];

export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];

function assertPng(png, size) {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (!signature.every((byte, i) => png[i] === byte)) throw new Error(`icon for ${size}px is not a PNG`);
}

/** @param {Map<number, Buffer>} pngsBySize square PNGs keyed by edge length (1..256) */
export function encodeIco(pngsBySize) {
  const sizes = [...pngsBySize.keys()].sort((a, b) => a - b);
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(sizes.length, 4);
  const directory = Buffer.alloc(16 * sizes.length);
  let offset = header.length + directory.length;
  const images = [];
  sizes.forEach((size, i) => {
    if (size < 1 || size > 256) throw new Error(`ICO entries are 1..256 px, got ${size}`);
    const png = pngsBySize.get(size);
    assertPng(png, size);
    const entry = i * 16;
    directory.writeUInt8(size === 256 ? 0 : size, entry); // 0 means 256
    directory.writeUInt8(size === 256 ? 0 : size, entry + 1);
    directory.writeUInt8(0, entry + 2); // no palette
    directory.writeUInt8(0, entry + 3);
    directory.writeUInt16LE(1, entry + 4); // colour planes
    directory.writeUInt16LE(32, entry + 6); // bits per pixel
    directory.writeUInt32LE(png.length, entry + 8);
    directory.writeUInt32LE(offset, entry + 12);
    offset += png.length;
    images.push(png);
  });
  return Buffer.concat([header, directory, ...images]);
}

/** @param {Map<number, Buffer>} pngsBySize square PNGs keyed by edge length; every ICNS_TYPES size must be present */
export function encodeIcns(pngsBySize) {
  const elements = ICNS_TYPES.map(({ type, size }) => {
    const png = pngsBySize.get(size);
    if (!png) throw new Error(`ICNS needs a ${size}px PNG for ${type}`);
    assertPng(png, size);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const body = Buffer.concat(elements);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}

/** Reads an ICO's directory back (used by tests and by the icon script's self-check). */
export function readIcoDirectory(ico) {
  if (ico.readUInt16LE(0) !== 0 || ico.readUInt16LE(2) !== 1) throw new Error('not an ICO file');
  const count = ico.readUInt16LE(4);
  return Array.from({ length: count }, (_, i) => {
    const entry = 6 + i * 16;
    const width = ico.readUInt8(entry) || 256;
    const bytes = ico.readUInt32LE(entry + 8);
    const offset = ico.readUInt32LE(entry + 12);
    return { width, bytes, offset, data: ico.subarray(offset, offset + bytes) };
  });
}

/** Reads an ICNS's elements back. */
export function readIcnsElements(icns) {
  if (icns.toString('ascii', 0, 4) !== 'icns') throw new Error('not an ICNS file');
  const total = icns.readUInt32BE(4);
  if (total !== icns.length) throw new Error(`ICNS length field ${total} != file size ${icns.length}`);
  const elements = [];
  for (let at = 8; at < total; ) {
    const type = icns.toString('ascii', at, at + 4);
    const length = icns.readUInt32BE(at + 4);
    if (length < 8 || at + length > total) throw new Error(`ICNS element ${type} overruns the file`);
    elements.push({ type, data: icns.subarray(at + 8, at + length) });
    at += length;
  }
  return elements;
}
