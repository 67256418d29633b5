// Trains baton-embed-mini end to end into models/baton-embed-mini/: tokenizer learned from the
// intent queries plus general chat text, ids through transformers.js, numpy training (PPMI-SVD
// start, supervised tuning on 90% of BANKING77), onnx/model.onnx + config.json.
// usage: npm run train:embed -- [--intents FILE] [--general FILE] [--out DIR] [--seed N]
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { splitIntents, toTsv } from './embed/intent-split';
import { readLabelledFile } from './text/labelled-file';
import { runPython } from './text/python';
import { tokenizeCorpus } from './text/tokenize-corpus';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    intents: { type: 'string', default: resolve(root, '../shared/data/intents/banking77-train.csv') },
    general: { type: 'string', default: resolve(root, '../shared/data/sentiment/train.tsv') },
    out: { type: 'string', default: join(root, 'models/baton-embed-mini') },
    seed: { type: 'string', default: '7' },
  },
});
const out = resolve(values.out);
const work = mkdtempSync(join(tmpdir(), 'baton-train-embed-'));
try {
  const { train } = splitIntents(readLabelledFile(values.intents), 0.1, Number(values.seed));
  writeFileSync(join(work, 'intents-train.tsv'), toTsv(train));
  runPython(join(root, 'training/text/build_tokenizer.py'), [
    '--out', out, '--max-words', '25000', '--min-count', '2', `${join(work, 'intents-train.tsv')}:text`, `${values.general}:text`,
  ]);
  const vocabSize = Object.keys((JSON.parse(readFileSync(join(out, 'tokenizer.json'), 'utf8')) as { model: { vocab: object } }).model.vocab).length;
  await tokenizeCorpus(out, join(work, 'intents-train.tsv'), join(work, 'intents.ids'));
  await tokenizeCorpus(out, values.general, join(work, 'general.ids'));
  runPython(join(root, 'training/embed/train_embed.py'), [
    '--labelled', join(work, 'intents.ids'), '--unlabelled', join(work, 'general.ids'), '--vocab-size', String(vocabSize),
    '--out', out, '--seed', values.seed,
  ]);
  const config = {
    model_type: 'bert',
    architectures: ['BertModel'],
    vocab_size: vocabSize,
    hidden_size: 64,
    num_hidden_layers: 0,
    num_attention_heads: 1,
    max_position_embeddings: 256,
    'baton:architecture': 'static WordPiece embeddings (PPMI-SVD start, tuned on BANKING77 intents, SIF-weighted); pipeline applies mean pooling + normalize',
  };
  writeFileSync(join(out, 'config.json'), JSON.stringify(config, null, 2) + '\n');
  console.log(`wrote ${out}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
