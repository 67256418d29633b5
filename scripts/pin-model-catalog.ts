// Pins the model catalog: for every catalog model, the repository commit and each file's size and
// sha256, written to main/services/intelligence/model-catalog-pins.ts. Run online by a release
// engineer before a release (docs/models.md):
//
//   npx tsx scripts/pin-model-catalog.ts [--base URL] [--only ID] [--dry-run]
//
// LFS files (the ONNX weights, large tokenizers): the sha256 and size Hugging Face declares on the
// resolve URL (x-linked-etag, x-linked-size), checked by downloading the file and hashing it.
// Small files (config.json …): downloaded and hashed. Every file of a model must come from the same
// commit (x-repo-commit); downloads then fetch exactly that commit, so a later upstream change
// cannot slip in.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { CatalogPin } from '../main/services/intelligence/model-catalog-pins';
import { catalogBaseUrl, fileUrl, MODEL_CATALOG, type CatalogSource } from '../main/services/intelligence/model-catalog';

export const PINS_FILE = resolve(fileURLToPath(import.meta.url), '..', '..', 'main', 'services', 'intelligence', 'model-catalog-pins.ts');

function declaredSha(value: string | null): string | undefined {
  const bare = value?.replace(/^W\//, '').replace(/"/g, '').trim().toLowerCase();
  return bare && /^[0-9a-f]{64}$/.test(bare) ? bare : undefined;
}

/** Downloads `url` (following redirects by hand to read each hop's headers) and hashes it. */
async function fetchAndHash(url: string): Promise<{ bytes: number; sha256: string; declaredSha?: string; declaredBytes?: number; commit?: string }> {
  let current = url;
  let declared: string | undefined;
  let declaredBytes: number | undefined;
  let commit: string | undefined;
  for (let hop = 0; hop <= 5; hop++) {
    const response = await fetch(current, { redirect: 'manual' });
    declared ??= declaredSha(response.headers.get('x-linked-etag'));
    const size = Number(response.headers.get('x-linked-size'));
    if (declaredBytes === undefined && Number.isInteger(size) && size > 0) declaredBytes = size;
    commit ??= response.headers.get('x-repo-commit') ?? undefined;
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      current = new URL(location, current).href;
      continue;
    }
    if (!response.ok || !response.body) throw new Error(`${url} answered HTTP ${response.status}`);
    const hash = createHash('sha256');
    let bytes = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      hash.update(chunk);
      bytes += chunk.byteLength;
    }
    return { bytes, sha256: hash.digest('hex'), ...(declared ? { declaredSha: declared } : {}), ...(declaredBytes ? { declaredBytes } : {}), ...(commit ? { commit } : {}) };
  }
  throw new Error(`${url} redirected too often`);
}

export async function pinModel(base: string, source: CatalogSource, now = new Date()): Promise<CatalogPin> {
  const files: CatalogPin['files'] = {};
  const commits = new Set<string>();
  for (const path of source.files) {
    const got = await fetchAndHash(fileUrl(base, source.repo, 'main', path));
    if (got.declaredSha && got.declaredSha !== got.sha256) throw new Error(`${source.repo}/${path}: the server declares sha256 ${got.declaredSha} but sent bytes hashing to ${got.sha256}`);
    if (got.declaredBytes !== undefined && got.declaredBytes !== got.bytes) throw new Error(`${source.repo}/${path}: declared ${got.declaredBytes} bytes, received ${got.bytes}`);
    if (got.commit) commits.add(got.commit);
    files[path] = { bytes: got.bytes, sha256: got.sha256 };
  }
  if (commits.size !== 1) throw new Error(`${source.repo}: expected every file from one commit (x-repo-commit), got ${commits.size ? [...commits].join(', ') : 'none'}; run again`);
  return { revision: [...commits][0]!, pinnedAt: now.toISOString(), files };
}

export function renderPinsFile(pins: Record<string, CatalogPin>): string {
  const header = `// Pinned revisions, sizes and sha256 digests for the model catalog, written by
// \`npx tsx scripts/pin-model-catalog.ts\` (run online by a release engineer; see docs/models.md).
// Empty until pinned: this file is never filled in by hand, because a made-up digest would turn
// every download into a checksum failure. Unpinned files are checked against the sha256 the server
// declares (model-download.ts).
export interface PinnedFile {
  bytes: number;
  sha256: string;
}

export interface CatalogPin {
  /** The repository commit the files were pinned at; downloads fetch exactly that revision. */
  revision: string;
  pinnedAt: string;
  files: Record<string, PinnedFile>;
}
`;
  return `${header}\nexport const CATALOG_PINS: Record<string, CatalogPin> = ${JSON.stringify(pins, null, 2)};\n`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { base: { type: 'string' }, only: { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, out: { type: 'string' } }, strict: true });
  const base = values.base ? values.base.replace(/\/+$/, '') : catalogBaseUrl();
  const { CATALOG_PINS } = await import('../main/services/intelligence/model-catalog-pins');
  const pins: Record<string, CatalogPin> = { ...CATALOG_PINS };
  for (const source of MODEL_CATALOG) {
    if (values.only && source.id !== values.only) continue;
    console.log(`pinning ${source.id} (${source.repo}) from ${base} …`);
    pins[source.repo] = await pinModel(base, source);
    const total = Object.values(pins[source.repo]!.files).reduce((a, f) => a + f.bytes, 0);
    console.log(`  commit ${pins[source.repo]!.revision}, ${source.files.length} files, ${(total / 1e6).toFixed(1)} MB`);
  }
  const text = renderPinsFile(pins);
  if (values['dry-run']) {
    console.log(text);
    return;
  }
  const out = values.out ? resolve(values.out) : PINS_FILE;
  writeFileSync(out, text);
  console.log(`wrote ${out}; review the diff and commit it`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(`pin-model-catalog: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
