// The seeded, stratified hold-out split of the intent data: the trainer and the evaluator both
// call this, so the evaluation queries are exactly the ones training never saw.
import type { LabelledText } from '../text/labelled-file';
import { mulberry32 } from '../../shared/seeded-random';

export const seededRandom = mulberry32;

export function splitIntents(rows: readonly LabelledText[], holdoutFraction = 0.1, seed = 7): { train: LabelledText[]; holdout: LabelledText[] } {
  const random = seededRandom(seed);
  const byLabel = new Map<string, LabelledText[]>();
  for (const row of rows) {
    const list = byLabel.get(row.label) ?? [];
    list.push(row);
    byLabel.set(row.label, list);
  }
  const train: LabelledText[] = [];
  const holdout: LabelledText[] = [];
  for (const label of [...byLabel.keys()].sort()) {
    const list = [...byLabel.get(label)!];
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [list[i], list[j]] = [list[j]!, list[i]!];
    }
    const n = Math.max(1, Math.round(list.length * holdoutFraction));
    holdout.push(...list.slice(0, n));
    train.push(...list.slice(n));
  }
  return { train, holdout };
}

export function toTsv(rows: readonly LabelledText[]): string {
  return 'label\ttext\n' + rows.map((r) => `${r.label}\t${r.text.replace(/[\t\r\n]+/g, ' ')}`).join('\n') + '\n';
}
