// The shape of bench/results.json and the small statistics every benchmark shares. Names are
// stable so runs can be compared across days and machines.
import { cpus, loadavg, totalmem } from 'node:os';

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
  /** `--load` only: load levels per suite (see bench/load.ts), overriding the defaults. */
  levels?: Partial<Record<string, number[]>>;
  /** `--size name=N`: overrides one full-run size (see BENCH_SIZES); entry names carry the size. */
  sizes?: Partial<Record<string, number>>;
}

/** The full-run sizes a reader may change with `--size name=N` (quick runs keep their own). */
export const BENCH_SIZES = {
  'supervisor-handoffs': 1_000_000,
  'fts-notes': 100_000,
  'drain-changes': 10_000,
  'offer-samples': 200,
  'ingest-handoffs': 3_000,
} as const;

export type BenchSizeName = keyof typeof BENCH_SIZES;

/** The size a suite uses: the quick one, or the full one unless `--size` changed it. */
export function benchSize(options: BenchOptions, name: BenchSizeName, quick: number): number {
  if (options.quick) return quick;
  return options.sizes?.[name] ?? BENCH_SIZES[name];
}

/** Parses `supervisor-handoffs=200000` (several joined by ';' or spaces). */
export function parseSizes(text: string): Partial<Record<BenchSizeName, number>> {
  const sizes: Partial<Record<BenchSizeName, number>> = {};
  for (const part of text.split(/[;\s]+/).filter(Boolean)) {
    const [name, value] = part.split('=');
    if (!name || !(name in BENCH_SIZES)) throw new Error(`--size: expected one of ${Object.keys(BENCH_SIZES).join(', ')} as name=N; got "${part}"`);
    const n = Number(value);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`--size ${name}: expected a positive integer; got "${value ?? ''}"`);
    sizes[name as BenchSizeName] = n;
  }
  return sizes;
}

export interface BenchSuite {
  name: string;
  run(options: BenchOptions): Promise<BenchEntry[]>;
}

export interface BenchResults {
  date: string;
  machine: string;
  entries: BenchEntry[];
  /** Present only when a suite threw: its name and error (its entries are missing). */
  failed?: { suite: string; error: string }[];
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

/** The 1-, 5- and 15-minute load averages: on a shared machine they say how much to trust a run. */
export function loadAverage(): string {
  return loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
}
