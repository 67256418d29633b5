#!/usr/bin/env node
// Renders build/icon-source.svg into every icon electron-builder needs:
//   build/icons/<N>x<N>.png (Linux and the tray), build/icon.png, build/icon.ico, build/icon.icns.
// Run after editing the source image: `node scripts/make-icons.mjs`. The outputs are committed so a
// packaging machine needs neither sharp nor this script.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ICNS_TYPES, ICO_SIZES, encodeIcns, encodeIco } from './icon-containers.mjs';

const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

export async function makeIcons({ source, outDir }) {
  // sharp comes with @huggingface/transformers; load it lazily so a missing one is one clear line.
  let sharp;
  try {
    sharp = (await import('sharp')).default;
  } catch {
    throw new Error('sharp is not installed (it comes with @huggingface/transformers): run npm install first');
  }
  const svg = await readFile(source);
  const sizes = [...new Set([...LINUX_SIZES, ...ICO_SIZES, ...ICNS_TYPES.map((t) => t.size)])].sort((a, b) => a - b);
  const pngs = new Map();
  for (const size of sizes) {
    // Render from the vector each time (not by downscaling a big PNG) so small sizes stay crisp.
    pngs.set(size, await sharp(svg, { density: Math.max(72, Math.ceil((72 * size) / 1024) * 4) }).resize(size, size).png({ compressionLevel: 9 }).toBuffer());
  }
  await mkdir(join(outDir, 'icons'), { recursive: true });
  const written = [];
  for (const size of LINUX_SIZES) {
    const file = join(outDir, 'icons', `${size}x${size}.png`);
    await writeFile(file, pngs.get(size));
    written.push(file);
  }
  const files = {
    'icon.png': pngs.get(512),
    'icon.ico': encodeIco(new Map(ICO_SIZES.map((s) => [s, pngs.get(s)]))),
    'icon.icns': encodeIcns(pngs),
  };
  for (const [name, data] of Object.entries(files)) {
    await writeFile(join(outDir, name), data);
    written.push(join(outDir, name));
  }
  return written;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  makeIcons({ source: join(root, 'build', 'icon-source.svg'), outDir: join(root, 'build') }).then(
    (files) => console.log(`wrote ${files.length} icon files into build/`),
    (error) => {
      console.error(`make-icons: ${error.message}`);
      process.exit(1);
    },
  );
}
