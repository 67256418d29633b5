// The shape of bench/results.json and the small statistics every benchmark shares. Names are
// stable so runs can be compared across days and machines.
import { cpus, totalmem } from 'node:os';

export interface BenchEntry {
  name: string;
  unit: string;
  value: number;
  /** What the value is compared with, measured in the same run on the same machine. */
  baseline: string | null;
  baselineValue: number | null;
  /** value / baselineValue (null without a baseline). */
  ratio: number | null;
}

export interface BenchOptions {
  /** A small version that finishes in seconds (the test suite runs it so it cannot rot). */
  quick: boolean;
}

export interface BenchSuite {
  name: string;
  run(options: BenchOptions): Promise<BenchEntry[]>;
}

export interface BenchResults {
  date: string;
  machine: string;
  entries: BenchEntry[];
}

export function entry(name: string, unit: string, value: number, baseline?: { name: string; value: number }): BenchEntry {
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return {
    name,
    unit,
    value: round(value),
    baseline: baseline?.name ?? null,
    baselineValue: baseline ? round(baseline.value) : null,
    ratio: baseline && baseline.value !== 0 ? round(value / baseline.value) : null,
  };
}

/** Nearest-rank percentile of a sample (p in 0..100). */
export function percentile(sample: readonly number[], p: number): number {
  if (sample.length === 0) return NaN;
  const sorted = [...sample].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function machineDescription(): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  return `${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}-${process.arch}`;
}

export function nowMs(): number {
  return performance.now();
}
