// Tokenizes a labelled file with the model's own tokenizer.json through transformers.js and writes
// `label<TAB>id id id ...` lines, so the Python trainer sees exactly the ids inference will see.
// usage: tsx training/text/tokenize-corpus.ts --tokenizer DIR --in FILE --out FILE [--max-length N]
import { writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AutoTokenizer, env } from '@huggingface/transformers';
import { readLabelledFile } from './labelled-file';

export async function tokenizeCorpus(tokenizerDir: string, input: string, output: string, maxLength = 128): Promise<number> {
  env.allowRemoteModels = false;
  env.localModelPath = dirname(resolve(tokenizerDir)) + '/';
  const tokenizer = await AutoTokenizer.from_pretrained(basename(resolve(tokenizerDir)));
  const rows = readLabelledFile(input);
  const lines: string[] = [];
  for (const row of rows) {
    const ids = tokenizer.encode(row.text);
    const clipped = ids.length > maxLength ? [...ids.slice(0, maxLength - 1), ids[ids.length - 1]!] : ids;
    lines.push(`${row.label}\t${clipped.join(' ')}`);
  }
  writeFileSync(output, lines.join('\n') + '\n');
  return rows.length;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const { values } = parseArgs({
    options: { tokenizer: { type: 'string' }, in: { type: 'string' }, out: { type: 'string' }, 'max-length': { type: 'string', default: '128' } },
  });
  if (!values.tokenizer || !values.in || !values.out) {
    console.error('usage: tokenize-corpus --tokenizer DIR --in FILE --out FILE [--max-length N]');
    process.exit(2);
  }
  const n = await tokenizeCorpus(values.tokenizer, values.in, values.out, Number(values['max-length']));
  console.log(`tokenized ${n} rows -> ${values.out}`);
}
