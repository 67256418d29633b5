// `npm run bench [-- --quick] [--only NAME] [--skip NAME] [--size name=N] [--out FILE]`: runs every
// suite, prints a table and writes bench/results.json ({date, machine, entries}). `--size` changes
// one full-run size (BENCH_SIZES in bench-entry.ts), e.g. `--size supervisor-handoffs=200000`.
// `npm run bench -- --load [--levels offer=50,200;fts=1000]`: how cost grows with load (bench/load.ts),
// written to bench/load.json in the same shape.
// A suite that throws is reported (stderr, `failed` in the file, exit code 1); the others still run.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadAverage, machineDescription, parseSizes, type BenchEntry, type BenchResults } from './bench-entry';
import { LOAD_SUITES, parseLevels } from './load';
import { BENCH_SUITES } from './suites';

export interface RunOptions {
  quick: boolean;
  only?: string;
  /** Suites whose name contains this are left out (e.g. 'supervisor', the longest). */
  skip?: string;
  /** Run the load-level suites (bench/load.ts) instead of the main ones. */
  load?: boolean;
  levels?: Partial<Record<string, number[]>>;
  sizes?: Partial<Record<string, number>>;
  log?: (line: string) => void;
}

export async function runBenchmarks(options: RunOptions): Promise<BenchResults> {
  const log = options.log ?? (() => {});
  const entries: BenchEntry[] = [];
  const failed: { suite: string; error: string }[] = [];
  const loadAtStart = loadAverage();
  for (const suite of options.load ? LOAD_SUITES : BENCH_SUITES) {
    if (options.only && !suite.name.includes(options.only)) continue;
    if (options.skip && suite.name.includes(options.skip)) continue;
    log(`running ${suite.name}${options.quick ? ' (quick)' : ''}… (load average ${loadAverage()})`);
    const started = performance.now();
    try {
      entries.push(...(await suite.run({ quick: options.quick, ...(options.levels ? { levels: options.levels } : {}), ...(options.sizes ? { sizes: options.sizes } : {}) })));
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      log(`  ${suite.name} FAILED: ${message}`);
      failed.push({ suite: suite.name, error: message.slice(0, 2_000) });
    }
    log(`  ${suite.name}: ${Math.round((performance.now() - started) / 1000)} s`);
  }
  // The machine is shared: its load during the run belongs next to the figures.
  const machine = `${machineDescription()}; load average (1/5/15 min) ${loadAtStart} at start, ${loadAverage()} at end`;
  return { date: new Date().toISOString(), machine, entries, ...(failed.length ? { failed } : {}) };
}

export function formatTable(results: BenchResults): string {
  const rows = results.entries.map((e) => [e.name, `${e.value} ${e.unit}`, e.baseline ? `${e.baselineValue} (${e.baseline})` : '—', e.ratio === null ? '—' : `${e.ratio}×`]);
  const header = ['benchmark', 'value', 'baseline', 'ratio'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      skip: { type: 'string' },
      out: { type: 'string' },
      load: { type: 'boolean', default: false },
      levels: { type: 'string', multiple: true },
      size: { type: 'string', multiple: true },
    },
  });
  const levels = values.levels ? parseLevels(values.levels.join(';')) : undefined;
  const sizes = values.size ? parseSizes(values.size.join(';')) : undefined;
  const started = performance.now();
  const results = await runBenchmarks({ quick: values.quick ?? false, only: values.only, skip: values.skip, load: values.load, levels, sizes, log: (l) => console.error(l) });
  const out = resolve(values.out ?? (values.load ? 'bench/load.json' : 'bench/results.json'));
  writeFileSync(out, JSON.stringify(results, null, 2) + '\n');
  console.log(`${results.machine}; ${Math.round((performance.now() - started) / 1000)} s\n\n${formatTable(results)}\n\nwritten to ${out}`);
  if (results.failed) {
    for (const f of results.failed) console.error(`FAILED ${f.suite}: ${f.error.split('\n')[0]}`);
    process.exitCode = 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().then(
    () => process.exit(),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
