// The figures the sentiment task is judged by: macro-averaged recall (the SemEval standard),
// accuracy, macro-F1 and the confusion matrix (rows = true label, columns = predicted).
import { SENTIMENT_LABELS, type SentimentLabel } from '../shared/domain';

export interface SentimentScores {
  macroRecall: number;
  accuracy: number;
  macroF1: number;
  /** confusion[true][predicted], in SENTIMENT_LABELS order. */
  confusion: number[][];
  perClass: Record<SentimentLabel, { precision: number; recall: number; f1: number; support: number }>;
}

export function scoreSentiment(truth: readonly SentimentLabel[], predicted: readonly SentimentLabel[]): SentimentScores {
  if (truth.length !== predicted.length) throw new Error(`truth has ${truth.length} labels, predictions ${predicted.length}`);
  const k = SENTIMENT_LABELS.length;
  const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  truth.forEach((t, i) => {
    confusion[SENTIMENT_LABELS.indexOf(t)]![SENTIMENT_LABELS.indexOf(predicted[i]!)]! += 1;
  });
  let correct = 0;
  const perClass = {} as SentimentScores['perClass'];
  let recallSum = 0;
  let f1Sum = 0;
  SENTIMENT_LABELS.forEach((label, i) => {
    const row = confusion[i]!;
    const support = row.reduce((a, b) => a + b, 0);
    const predictedCount = confusion.reduce((a, r) => a + r[i]!, 0);
    const tp = row[i]!;
    correct += tp;
    const recall = support ? tp / support : 0;
    const precision = predictedCount ? tp / predictedCount : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    perClass[label] = { precision, recall, f1, support };
    recallSum += recall;
    f1Sum += f1;
  });
  return { macroRecall: recallSum / k, accuracy: truth.length ? correct / truth.length : 0, macroF1: f1Sum / k, confusion, perClass };
}

export function formatConfusion(confusion: number[][]): string {
  const w = 10;
  const head = 'true \\ pred'.padEnd(12) + SENTIMENT_LABELS.map((l) => l.padStart(w)).join('');
  const rows = confusion.map((row, i) => SENTIMENT_LABELS[i]!.padEnd(12) + row.map((n) => String(n).padStart(w)).join(''));
  return [head, ...rows].join('\n');
}
