import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCsvRecords, parseLabelledTsv, readLabelledFile } from './labelled-file';

const LABELS = ['negative', 'neutral', 'positive'] as const;

describe('labelled files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'baton-labelled-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads label<TAB>text rows, skipping blank lines and keeping tabs inside text', () => {
    const rows = parseLabelledTsv('label\ttext\npositive\tgreat\n\nnegative\tbad\tvery\n', 'f.tsv', LABELS);
    expect(rows).toEqual([
      { label: 'positive', text: 'great', line: 2 },
      { label: 'negative', text: 'bad\tvery', line: 4 },
    ]);
  });

  it('names the file, line and problem for bad input', () => {
    expect(() => parseLabelledTsv('text\tlabel\n', 'f.tsv')).toThrow(/f\.tsv:1: header must be "label<TAB>text"/);
    expect(() => parseLabelledTsv('label\ttext\nhappy\tyay\n', 'f.tsv', LABELS)).toThrow(/f\.tsv:2: label "happy" is not one of negative, neutral, positive/);
    expect(() => parseLabelledTsv('label\ttext\npositive no tab\n', 'f.tsv', LABELS)).toThrow(/f\.tsv:2: expected label<TAB>text/);
    expect(() => parseLabelledTsv('label\ttext\npositive\t  \n', 'f.tsv', LABELS)).toThrow(/f\.tsv:2: text is empty/);
    expect(() => parseLabelledTsv('label\ttext\n', 'f.tsv', LABELS)).toThrow(/no rows/);
    expect(() => readLabelledFile(join(dir, 'missing.tsv'))).toThrow(/cannot read .*missing\.tsv/);
  });

  it('reads quoted CSV with commas, quotes and newlines inside fields', () => {
    expect(parseCsvRecords('text,category\r\n"a, ""b""\nc",x\nplain,y\n')).toEqual([
      ['text', 'category'],
      ['a, "b"\nc', 'x'],
      ['plain', 'y'],
    ]);
    const file = join(dir, 'intents.csv');
    writeFileSync(file, 'text,category\n"Where is my card?",card_arrival\n');
    expect(readLabelledFile(file)).toEqual([{ text: 'Where is my card?', label: 'card_arrival', line: 2 }]);
  });
});
