// `npm run bench [-- --quick] [--only NAME] [--out FILE]`: runs every suite, prints a table and
// writes bench/results.json ({date, machine, entries}).
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { machineDescription, type BenchEntry, type BenchResults } from './bench-entry';
import { BENCH_SUITES } from './suites';

export async function runBenchmarks(options: { quick: boolean; only?: string; log?: (line: string) => void }): Promise<BenchResults> {
  const log = options.log ?? (() => {});
  const entries: BenchEntry[] = [];
  for (const suite of BENCH_SUITES) {
    if (options.only && !suite.name.includes(options.only)) continue;
    log(`running ${suite.name}${options.quick ? ' (quick)' : ''}…`);
    entries.push(...(await suite.run({ quick: options.quick })));
  }
  return { date: new Date().toISOString(), machine: machineDescription(), entries };
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
    options: { quick: { type: 'boolean', default: false }, only: { type: 'string' }, out: { type: 'string' } },
  });
  const results = await runBenchmarks({ quick: values.quick ?? false, only: values.only, log: (l) => console.error(l) });
  const out = resolve(values.out ?? 'bench/results.json');
  writeFileSync(out, JSON.stringify(results, null, 2) + '\n');
  console.log(`${results.machine}\n\n${formatTable(results)}\n\nwritten to ${out}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
