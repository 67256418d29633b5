// Evaluates a sentiment model from models/ on a labelled TSV (header label<TAB>text) next to the
// VADER lexicon baseline, in the same run, on the same messages.
// usage: npm run eval:sentiment -- --data FILE [--model NAME] [--json]
// With --json the last line of output is one JSON object:
// {"model":{"name","macroRecall","accuracy","macroF1","usPerMessage"},"baseline":{...}}
import { performance } from 'node:perf_hooks';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { env, pipeline, type TextClassificationPipeline } from '@huggingface/transformers';
import vader from 'vader-sentiment';
import { SENTIMENT_LABELS, type SentimentLabel } from '../shared/domain';
import { readLabelledFile } from './text/labelled-file';
import { formatConfusion, scoreSentiment, type SentimentScores } from './sentiment-metrics';

export const MODELS_DIR = resolve(import.meta.dirname, '../models');

export interface EvaluatedSystem extends SentimentScores {
  name: string;
  usPerMessage: number;
}

/** VADER's recommended thresholds on the compound score. */
export function vaderLabel(text: string): SentimentLabel {
  const { compound } = vader.SentimentIntensityAnalyzer.polarity_scores(text);
  return compound >= 0.05 ? 'positive' : compound <= -0.05 ? 'negative' : 'neutral';
}

export async function loadSentimentClassifier(name: string, modelsDir = MODELS_DIR): Promise<(text: string) => Promise<SentimentLabel>> {
  env.allowRemoteModels = false;
  env.localModelPath = modelsDir.endsWith('/') ? modelsDir : modelsDir + '/';
  const classifier = (await pipeline('text-classification', name)) as TextClassificationPipeline;
  return async (text) => {
    const out = (await classifier(text)) as { label: string; score: number }[];
    const label = out[0]?.label;
    if (!label || !(SENTIMENT_LABELS as readonly string[]).includes(label)) throw new Error(`model ${name} produced label ${String(label)}, expected one of ${SENTIMENT_LABELS.join(', ')}`);
    return label as SentimentLabel;
  };
}

async function timed(name: string, texts: string[], truth: SentimentLabel[], classify: (t: string) => SentimentLabel | Promise<SentimentLabel>): Promise<EvaluatedSystem> {
  const predicted: SentimentLabel[] = [];
  const start = performance.now();
  for (const text of texts) predicted.push(await classify(text));
  const us = ((performance.now() - start) * 1000) / texts.length;
  return { name, usPerMessage: us, ...scoreSentiment(truth, predicted) };
}

export async function evaluateSentimentFile(file: string, modelName = 'baton-sentiment-mini', modelsDir = MODELS_DIR): Promise<{ model: EvaluatedSystem; baseline: EvaluatedSystem; count: number }> {
  const rows = readLabelledFile(file, { allowedLabels: SENTIMENT_LABELS });
  const texts = rows.map((r) => r.text);
  const truth = rows.map((r) => r.label as SentimentLabel);
  const classify = await loadSentimentClassifier(modelName, modelsDir);
  await classify('warm up');
  const model = await timed(modelName, texts, truth, classify);
  const baseline = await timed('vader', texts, truth, vaderLabel);
  return { model, baseline, count: rows.length };
}

function summary(s: EvaluatedSystem) {
  return { name: s.name, macroRecall: s.macroRecall, accuracy: s.accuracy, macroF1: s.macroF1, usPerMessage: s.usPerMessage };
}

function report(s: EvaluatedSystem): string {
  const pct = (x: number) => (x * 100).toFixed(1);
  return [
    `${s.name}: macro-recall ${pct(s.macroRecall)}  accuracy ${pct(s.accuracy)}  macro-F1 ${pct(s.macroF1)}  ${s.usPerMessage.toFixed(1)} µs/message`,
    formatConfusion(s.confusion),
  ].join('\n');
}

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ options: { data: { type: 'string' }, model: { type: 'string', default: 'baton-sentiment-mini' }, json: { type: 'boolean', default: false } } }));
  } catch (error) {
    console.error(`eval:sentiment: ${(error as Error).message}`);
    return 2;
  }
  if (!values.data) {
    console.error('usage: npm run eval:sentiment -- --data FILE [--model NAME] [--json]   (FILE: TSV with header label<TAB>text)');
    return 2;
  }
  try {
    const { model, baseline, count } = await evaluateSentimentFile(resolve(values.data), values.model);
    console.log(`${count} messages from ${values.data}\n`);
    console.log(report(model) + '\n');
    console.log(report(baseline));
    if (values.json) console.log(JSON.stringify({ model: summary(model), baseline: summary(baseline) }));
    return 0;
  } catch (error) {
    console.error(`eval:sentiment: ${(error as Error).message}`);
    return 1;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) process.exitCode = await main();
