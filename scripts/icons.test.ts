// The icon script: containers round-trip, and the committed icons are what the source renders to.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { ICNS_TYPES, ICO_SIZES, encodeIcns, encodeIco, readIcnsElements, readIcoDirectory } from './icon-containers.mjs';
import { makeIcons } from './make-icons.mjs';

const root = join(__dirname, '..');
const out = mkdtempSync(join(tmpdir(), 'baton-icons-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

async function pngOf(size: number): Promise<Buffer> {
  return sharp({ create: { width: size, height: size, channels: 4, background: '#2f6fed' } }).png().toBuffer();
}

describe('icon containers', () => {
  it('ICO directory lists each PNG with its size (256 written as 0) and a correct offset', async () => {
    const pngs = new Map(await Promise.all(ICO_SIZES.map(async (s) => [s, await pngOf(s)] as const)));
    const entries = readIcoDirectory(encodeIco(pngs));
    expect(entries.map((e) => e.width)).toEqual([...ICO_SIZES]);
    for (const entry of entries) expect(entry.data.equals(pngs.get(entry.width)!)).toBe(true);
  });

  it('ICNS holds every PNG type with lengths that add up', async () => {
    const sizes = [...new Set(ICNS_TYPES.map((t) => t.size))];
    const pngs = new Map(await Promise.all(sizes.map(async (s) => [s, await pngOf(s)] as const)));
    const elements = readIcnsElements(encodeIcns(pngs));
    expect(elements.map((e) => e.type)).toEqual(ICNS_TYPES.map((t) => t.type));
    for (const [i, element] of elements.entries()) expect(element.data.equals(pngs.get(ICNS_TYPES[i]!.size)!)).toBe(true);
  });

  it('refuses what is not a PNG, and an ICNS missing a size', () => {
    expect(() => encodeIco(new Map([[16, Buffer.from('not a png')]]))).toThrow(/16px is not a PNG/);
    expect(() => encodeIcns(new Map())).toThrow(/needs a 16px PNG/);
  });
});

describe('scripts/make-icons.mjs', () => {
  it('renders every size from build/icon-source.svg, matching the committed icons', async () => {
    const written = await makeIcons({ source: join(root, 'build', 'icon-source.svg'), outDir: out });
    expect(written.length).toBe(12);
    for (const size of [16, 32, 256, 512, 1024]) {
      const meta = await sharp(join(out, 'icons', `${size}x${size}.png`)).metadata();
      expect([meta.width, meta.height]).toEqual([size, size]);
      // Committed outputs must be regenerated when the source changes.
      expect(readFileSync(join(root, 'build', 'icons', `${size}x${size}.png`)).equals(readFileSync(join(out, 'icons', `${size}x${size}.png`)))).toBe(true);
    }
    const ico = readIcoDirectory(readFileSync(join(root, 'build', 'icon.ico')));
    expect(ico.map((e) => e.width)).toEqual([...ICO_SIZES]);
    expect(readIcnsElements(readFileSync(join(root, 'build', 'icon.icns'))).length).toBe(ICNS_TYPES.length);
  });
});
