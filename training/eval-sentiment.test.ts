import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluateSentimentFile, vaderLabel } from './eval-sentiment';

const root = resolve(import.meta.dirname, '..');
const supportSet = join(root, 'training/eval/support-chat-sentiment.tsv');
const hardSet = join(root, 'training/eval/support-chat-sentiment-hard.tsv');
const emojiSet = join(root, 'training/eval/support-chat-emoji.tsv');

describe('eval:sentiment', () => {
  const dir = mkdtempSync(join(tmpdir(), 'baton-eval-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('scores the shipped model and the VADER baseline on the same support-chat messages', async () => {
    const { model, baseline, count } = await evaluateSentimentFile(supportSet);
    expect(count).toBeGreaterThanOrEqual(150);
    expect(model.name).toBe('baton-sentiment-mini');
    expect(baseline.name).toBe('vader');
    // The shipped model must beat the lexicon on support chat (measured: see models/baton-sentiment-mini/README.md).
    expect(model.macroRecall).toBeGreaterThan(baseline.macroRecall);
    expect(model.macroRecall).toBeGreaterThan(0.85);
    expect(model.confusion.flat().reduce((a, b) => a + b, 0)).toBe(count);
  });

  it('holds its figure on the hand-written hard set (long, sarcastic, typos) it never trained on', async () => {
    const { model, baseline } = await evaluateSentimentFile(hardSet);
    // Measured 0.920 (the previous model 0.831, VADER 0.673); one message is about 0.02.
    expect(model.macroRecall).toBeGreaterThan(0.85);
    expect(model.macroRecall).toBeGreaterThan(baseline.macroRecall + 0.1);
  });

  it('reads emoji: messages whose only sentiment cue is an emoji', async () => {
    const { model, baseline } = await evaluateSentimentFile(emojiSet);
    // Measured: see the model card (the model before the emoji table read them as [UNK]: 0.714).
    expect(model.macroRecall).toBeGreaterThan(0.85);
    expect(model.macroRecall).toBeGreaterThan(baseline.macroRecall + 0.3);
  });

  it('labels with VADER thresholds', () => {
    expect(vaderLabel('I love it, thank you!')).toBe('positive');
    expect(vaderLabel('This is terrible and I hate it')).toBe('negative');
    expect(vaderLabel('The parcel was sent on Monday')).toBe('neutral');
  });

  it('prints one JSON object as the last line with --json, and a clear error for a bad file', () => {
    const tsx = join(root, 'node_modules/.bin/tsx');
    const small = join(dir, 'small.tsv');
    writeFileSync(small, 'label\ttext\nnegative\tthis is awful, I am so angry\npositive\tthanks, that fixed it!\nneutral\twhat time do you open?\n');
    const ok = spawnSync(tsx, [join(root, 'training/eval-sentiment.ts'), '--data', small, '--json'], { encoding: 'utf8' });
    expect(ok.status, ok.stderr).toBe(0);
    const last = JSON.parse(ok.stdout.trim().split('\n').at(-1)!);
    expect(Object.keys(last)).toEqual(['model', 'baseline']);
    expect(Object.keys(last.model).sort()).toEqual(['accuracy', 'macroF1', 'macroRecall', 'name', 'usPerMessage']);
    for (const k of ['macroRecall', 'accuracy', 'macroF1']) {
      expect(last.model[k]).toBeGreaterThanOrEqual(0);
      expect(last.model[k]).toBeLessThanOrEqual(1);
    }
    const bad = join(dir, 'bad.tsv');
    writeFileSync(bad, 'label\ttext\nangry\tgrr\n');
    const failed = spawnSync(tsx, [join(root, 'training/eval-sentiment.ts'), '--data', bad], { encoding: 'utf8' });
    expect(failed.status).toBe(1);
    expect(failed.stderr).toMatch(/bad\.tsv:2: label "angry" is not one of negative, neutral, positive/);
  });
});
