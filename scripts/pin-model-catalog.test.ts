// The pin script against a local Hugging Face-like server: it records the commit, sizes and sha256s
// the server's bytes really have, refuses a server whose bytes contradict its declaration, and a
// catalog resolved with its pins downloads from that exact commit.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveCatalog, type CatalogSource } from '../main/services/intelligence/model-catalog';
import { downloadModel } from '../main/services/intelligence/model-download';
import { ModelFileServer, SERVED_COMMIT, sha256Of } from '../main/services/intelligence/model-file-server';
import { builtInModelsDir } from '../main/services/intelligence/models-dir';
import { pinModel, renderPinsFile } from './pin-model-catalog';

const FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx'];

describe('pin-model-catalog', () => {
  const server = new ModelFileServer();
  let dir: string;
  const bodies = Object.fromEntries(FILES.map((f) => [f, readFileSync(join(builtInModelsDir(), 'baton-embed-mini', f))]));
  const source: CatalogSource = { id: 'pinned-embed', task: 'embeddings', title: 'Pinned', licence: 'Apache-2.0', repo: 'acme/embed', dtype: 'fp32', files: FILES };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'baton-pin-'));
    server.addRepo('acme/embed', bodies);
    await server.start();
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('pins the commit, sizes and digests, and the pinned catalog downloads from that commit', async () => {
    const pin = await pinModel(server.url, source, new Date('2026-11-26T12:00:00Z'));
    expect(pin.revision).toBe(SERVED_COMMIT);
    for (const f of FILES) expect(pin.files[f]).toEqual({ bytes: bodies[f]!.length, sha256: sha256Of(bodies[f]!) });

    // The rendered file is valid TypeScript that holds exactly these pins.
    const file = join(dir, 'pins.ts');
    writeFileSync(file, renderPinsFile({ 'acme/embed': pin }));
    const loaded = (await import(pathToFileURL(file).href)) as { CATALOG_PINS: Record<string, unknown> };
    expect(loaded.CATALOG_PINS).toEqual({ 'acme/embed': pin });

    const [entry] = resolveCatalog(server.url, [source], { 'acme/embed': pin });
    expect(entry!.files.every((f) => f.url.includes(`/resolve/${SERVED_COMMIT}/`) && f.sha256 && f.bytes)).toBe(true);
    await downloadModel(entry!, dir);
    expect(readFileSync(join(dir, 'pinned-embed', 'onnx', 'model.onnx')).equals(bodies['onnx/model.onnx']!)).toBe(true);
  });

  it('refuses to pin bytes that contradict the sha256 the server declares', async () => {
    server.setFault('acme/embed', 'onnx/model.onnx', 'corrupt');
    try {
      await expect(pinModel(server.url, source)).rejects.toThrow(/onnx\/model\.onnx: the server declares sha256 [0-9a-f]{64} but sent bytes hashing to/);
    } finally {
      server.setFault('acme/embed', 'onnx/model.onnx', undefined);
    }
  });
});
