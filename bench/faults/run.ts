// `npm run faults [-- --quick] [--only NAME] [--out FILE]`: runs every fault scenario, prints a
// table and writes bench/faults.json ({date, machine, quick, scenarios: [{name, sent, kept, lost,
// duplicated, recoverMs, passed, detail}]}). Exits 1 when any scenario failed.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadAverage, machineDescription } from '../bench-entry';
import type { FaultReport, FaultScenario } from './fault-report';
import { badInputScenario } from './bad-input';
import { desktopSigkillScenario } from './desktop-sigkill';
import { hubSigkillScenario } from './hub-sigkill';
import { linkChurnScenario } from './link-churn';
import { longOutageScenario } from './long-outage';
import { slowConsumerScenario } from './slow-consumer';

export const FAULT_SCENARIOS: FaultScenario[] = [hubSigkillScenario, linkChurnScenario, desktopSigkillScenario, longOutageScenario, badInputScenario, slowConsumerScenario];

export interface FaultResults {
  date: string;
  machine: string;
  quick: boolean;
  scenarios: FaultReport[];
}

export async function runFaults(options: { quick: boolean; only?: string; log?: (line: string) => void }): Promise<FaultResults> {
  const log = options.log ?? (() => {});
  const scenarios: FaultReport[] = [];
  const loadAtStart = loadAverage();
  for (const scenario of FAULT_SCENARIOS) {
    if (options.only && !scenario.name.includes(options.only)) continue;
    log(`running ${scenario.name}${options.quick ? ' (quick)' : ''}… (load average ${loadAverage()})`);
    const started = performance.now();
    try {
      scenarios.push(await scenario.run({ quick: options.quick, log }));
    } catch (error) {
      // A scenario that could not finish is a failed scenario, reported like the others.
      const message = error instanceof Error ? error.message : String(error);
      scenarios.push({ name: scenario.name, sent: 0, kept: 0, lost: 0, duplicated: 0, recoverMs: 0, passed: false, detail: `did not finish: ${message.slice(0, 2_000)}` });
    }
    log(`  ${scenarios.at(-1)!.passed ? 'passed' : 'FAILED'} in ${Math.round(performance.now() - started)} ms`);
  }
  // The machine is shared: its load during the run belongs next to the figures.
  const machine = `${machineDescription()}; load average (1/5/15 min) ${loadAtStart} at start, ${loadAverage()} at end`;
  return { date: new Date().toISOString(), machine, quick: options.quick, scenarios };
}

export function formatFaultTable(results: FaultResults): string {
  const header = ['scenario', 'sent', 'kept', 'lost', 'duplicated', 'recover ms', 'result'];
  const rows = results.scenarios.map((s) => [s.name, String(s.sent), String(s.kept), String(s.lost), String(s.duplicated), String(s.recoverMs), s.passed ? 'passed' : 'FAILED']);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, only: { type: 'string' }, out: { type: 'string' } } });
  const results = await runFaults({ quick: values.quick ?? false, only: values.only, log: (l) => console.error(l) });
  const out = resolve(values.out ?? 'bench/faults.json');
  writeFileSync(out, JSON.stringify(results, null, 2) + '\n');
  console.log(`${results.machine}\n\n${formatFaultTable(results)}\n`);
  for (const s of results.scenarios) console.log(`${s.name}: ${s.detail}`);
  console.log(`\nwritten to ${out}`);
  process.exitCode = results.scenarios.every((s) => s.passed) ? 0 : 1;
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
