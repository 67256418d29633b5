import { describe, expect, it } from 'vitest';
import { catalogBaseUrl, CATALOG_URL_ENV, MODEL_CATALOG, resolveCatalog } from './model-catalog';

describe('the model catalog', () => {
  it('offers DistilBERT SST-2, a multilingual sentiment model and all-MiniLM-L6-v2 from Hugging Face, each valid', () => {
    const catalog = resolveCatalog(catalogBaseUrl({}));
    expect(catalog.map((m) => [m.id, m.task])).toEqual([
      ['distilbert-sst2', 'sentiment'],
      ['bert-multilingual-sentiment', 'sentiment'],
      ['all-minilm-l6-v2', 'embeddings'],
    ]);
    const sst2 = catalog[0]!;
    expect(sst2.files.map((f) => f.url)).toEqual([
      'https://huggingface.co/Xenova/distilbert-base-uncased-finetuned-sst-2-english/resolve/main/config.json',
      'https://huggingface.co/Xenova/distilbert-base-uncased-finetuned-sst-2-english/resolve/main/tokenizer.json',
      'https://huggingface.co/Xenova/distilbert-base-uncased-finetuned-sst-2-english/resolve/main/tokenizer_config.json',
      'https://huggingface.co/Xenova/distilbert-base-uncased-finetuned-sst-2-english/resolve/main/onnx/model_quantized.onnx',
    ]);
    // transformers.js loads onnx/model_quantized.onnx for dtype q8.
    expect(catalog.every((m) => m.dtype === 'q8')).toBe(true);
    // Nothing is pinned in the source tree until a release engineer runs the pin script.
    expect(catalog.flatMap((m) => m.files).every((f) => f.sha256 === undefined && f.bytes === undefined)).toBe(true);
    for (const m of MODEL_CATALOG.filter((s) => s.task === 'sentiment')) expect(m.labels).toBeDefined();
  });

  it('takes the base URL from BATON_MODEL_CATALOG_URL and refuses one that is not http(s)', () => {
    expect(catalogBaseUrl({ [CATALOG_URL_ENV]: 'http://127.0.0.1:9999/mirror/' })).toBe('http://127.0.0.1:9999/mirror');
    const [first] = resolveCatalog(catalogBaseUrl({ [CATALOG_URL_ENV]: 'https://models.example.com' }));
    expect(first!.files[0]!.url).toBe('https://models.example.com/Xenova/distilbert-base-uncased-finetuned-sst-2-english/resolve/main/config.json');
    expect(() => catalogBaseUrl({ [CATALOG_URL_ENV]: 'ftp://x' })).toThrow(/BATON_MODEL_CATALOG_URL must be an http\(s\) URL/);
    expect(() => catalogBaseUrl({ [CATALOG_URL_ENV]: 'not a url' })).toThrow(/BATON_MODEL_CATALOG_URL/);
  });

  it('uses a pinned revision and pinned sizes', () => {
    const pins = { 'Xenova/all-MiniLM-L6-v2': { revision: 'a'.repeat(40), pinnedAt: '2026-11-26T00:00:00Z', files: { 'config.json': { bytes: 650, sha256: 'b'.repeat(64) } } } };
    const minilm = resolveCatalog('https://huggingface.co', MODEL_CATALOG, pins).find((m) => m.id === 'all-minilm-l6-v2')!;
    expect(minilm.files[0]).toEqual({ path: 'config.json', url: `https://huggingface.co/Xenova/all-MiniLM-L6-v2/resolve/${'a'.repeat(40)}/config.json`, bytes: 650, sha256: 'b'.repeat(64) });
    expect(minilm.files[1]!.sha256).toBeUndefined();
  });
});
