// The built-in models as shipped: the files transformers.js needs, declared labels and outputs,
// a small size, and a model card with the measured figures.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AutoTokenizer, env } from '@huggingface/transformers';
import { describe, expect, it } from 'vitest';

const models = resolve(import.meta.dirname, '../models');

describe.each(['baton-sentiment-mini', 'baton-embed-mini'])('%s', (name) => {
  const dir = join(models, name);

  it('has the transformers.js layout, a model card and stays small', () => {
    for (const f of ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx', 'README.md']) expect(existsSync(join(dir, f)), f).toBe(true);
    const bytes = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx'].reduce((a, f) => a + statSync(join(dir, f)).size, 0);
    expect(bytes).toBeLessThan(6 * 1024 * 1024);
    const card = readFileSync(join(dir, 'README.md'), 'utf8');
    expect(card).toMatch(/npm run train:/);
    expect(card).toMatch(/licen[cs]e/i);
    const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
    expect(config.model_type).toBe('bert');
    const tokenizer = JSON.parse(readFileSync(join(dir, 'tokenizer.json'), 'utf8'));
    expect(tokenizer.model.type).toBe('WordPiece');
    expect(Object.keys(tokenizer.model.vocab)).toHaveLength(config.vocab_size);
  });
});

describe('baton-sentiment-mini config', () => {
  it('declares the three labels in the order the classifier outputs them', () => {
    const config = JSON.parse(readFileSync(join(models, 'baton-sentiment-mini/config.json'), 'utf8'));
    expect(config.architectures).toEqual(['BertForSequenceClassification']);
    expect(config.id2label).toEqual({ 0: 'negative', 1: 'neutral', 2: 'positive' });
  });
});

describe('baton-sentiment-mini tokenizer', () => {
  it('folds tweet noise through transformers.js itself: elongations, URLs, mentions', async () => {
    env.allowRemoteModels = false;
    env.localModelPath = models + '/';
    const tokenizer = await AutoTokenizer.from_pretrained('baton-sentiment-mini');
    // Every length of an elongated word shares the pieces of its two-letter form.
    expect(tokenizer.tokenize('sooooo goooood, noooo')).toEqual(tokenizer.tokenize('soo good, noo'));
    expect(tokenizer.tokenize('sooooo')).not.toEqual(tokenizer.tokenize('so'));
    // Digits are not letters: amounts and order numbers stay as written.
    expect(tokenizer.tokenize('1000')).not.toEqual(tokenizer.tokenize('100'));
    expect(tokenizer.tokenize('@acme_help see https://t.co/x1')).toEqual(['@', 'user', 'see', 'httpurl']);
  });

  it('reads common emoji as the sentiment words the model knows (training/text/emoji-words.tsv)', async () => {
    env.allowRemoteModels = false;
    env.localModelPath = models + '/';
    const tokenizer = await AutoTokenizer.from_pretrained('baton-sentiment-mini');
    // Glued to a word, repeated, with a variation selector or a skin tone: each still reads as its word.
    expect(tokenizer.tokenize('still waiting😡😡 👎🏽')).toEqual(tokenizer.tokenize('still waiting angry angry bad'));
    expect(tokenizer.tokenize('love it ❤️🙏🏻')).toEqual(tokenizer.tokenize('love it love thanks'));
    expect(tokenizer.tokenize('🤦‍♀️')).toEqual(tokenizer.tokenize('ugh'));
    expect(tokenizer.tokenize('order 📦')).toEqual(['order', '[UNK]']);
  });

  it('reads fixed support-chat idioms as one sentiment word (training/text/idiom-words.tsv)', async () => {
    env.allowRemoteModels = false;
    env.localModelPath = models + '/';
    const tokenizer = await AutoTokenizer.from_pretrained('baton-sentiment-mini');
    // Any case, curly apostrophe or none: the rules run after lower-casing.
    expect(tokenizer.tokenize('Sure, NO Problem.')).toEqual(tokenizer.tokenize('sure, fine.'));
    expect(tokenizer.tokenize('Honestly can’t complain')).toEqual(tokenizer.tokenize('honestly good'));
    expect(tokenizer.tokenize('couldnt be happier')).toEqual(['happy']);
    expect(tokenizer.tokenize('no thanks to the courier')).toEqual(tokenizer.tokenize('bad the courier'));
    // Whole phrases only: a problem word on its own, or inside a longer word, is left alone.
    expect(tokenizer.tokenize('is there a problem with my account?')).toContain('problem');
    expect(tokenizer.tokenize('not badly')).toEqual(tokenizer.tokenize('not').concat(tokenizer.tokenize('badly')));
  });
});
