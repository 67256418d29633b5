import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../shared/clock';
import { DEFAULT_RULES } from './default-rules';
import type { RuleSet } from './rule-set';
import { createRulesProvider, type RulesProvider } from './rules-provider';

const rulesYaml = (priority: string, id = 'only') => `version: 1\nrules:\n  - id: ${id}\n    then: { priority: ${priority} }\n`;
const priorityOf = (rules: RuleSet) => rules.spec.rules[0]?.then.priority;

function recordingLog() {
  const lines: string[] = [];
  return {
    lines,
    info: (message: string) => void lines.push(`info ${message}`),
    warn: (message: string) => void lines.push(`warn ${message}`),
    error: (message: string, detail?: unknown) => void lines.push(`error ${message} ${JSON.stringify(detail)}`),
  };
}

describe('rules provider', () => {
  let dir: string;
  let provider: RulesProvider | undefined;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'baton-rules-'));
  });
  afterEach(() => {
    provider?.dispose();
    provider = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('uses the built-in defaults without a path', () => {
    provider = createRulesProvider({ log: recordingLog() });
    expect(provider.current()).toBe(DEFAULT_RULES);
    expect(provider.reload()).toEqual({ ok: true, changed: false });
  });

  it('hot-reloads a changed file, keeps the last good rules when an edit is bad, and recovers', async () => {
    const path = join(dir, 'rules.yaml');
    writeFileSync(path, rulesYaml('P2'));
    const reloaded: RuleSet[] = [];
    const rejected: string[][] = [];
    const log = recordingLog();
    provider = createRulesProvider({ path, log, debounceMs: 10, onReload: (rules) => reloaded.push(rules), onError: (errors) => rejected.push(errors) });
    expect(priorityOf(provider.current())).toBe('P2');
    expect(provider.lastErrors()).toEqual([]);

    writeFileSync(path, rulesYaml('P1'));
    await expect.poll(() => reloaded.length, { timeout: 5_000 }).toBe(1);
    expect(priorityOf(provider.current())).toBe('P1');

    writeFileSync(path, 'version: 1\nrules:\n  - id: typo\n    then: { priority: P7 }\n');
    await expect.poll(() => provider!.lastErrors()[0], { timeout: 5_000 }).toMatch(/^rule "typo" \(rules\[0\]\) then\.priority: Invalid option/);
    expect(rejected.at(-1)).toEqual(provider.lastErrors());
    expect(priorityOf(provider.current())).toBe('P1');
    expect(log.lines.some((line) => line.startsWith('error rules file') && line.includes('rule \\"typo\\"'))).toBe(true);

    // Editors that save by writing a new file and renaming it over the old one.
    const temp = join(dir, '.rules.yaml.tmp');
    writeFileSync(temp, rulesYaml('P4', 'renamed'));
    renameSync(temp, path);
    await expect.poll(() => provider!.current().spec.rules[0]?.id, { timeout: 5_000 }).toBe('renamed');
    expect(provider.lastErrors()).toEqual([]);
  });

  it('reads JSON files by their extension', () => {
    const path = join(dir, 'rules.json');
    writeFileSync(path, JSON.stringify({ version: 1, strategy: 'first-match', rules: [{ id: 'j', then: { priority: 'P1' } }] }));
    provider = createRulesProvider({ path, log: recordingLog() });
    expect(provider.current().strategy).toBe('first-match');
  });

  it('starts on the defaults when the file is bad or missing, and says why', () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'version: 1\nrules: [ { id: a, when: { tier: gold }, then: {} } ]\n');
    const errors: string[][] = [];
    provider = createRulesProvider({ path: bad, log: recordingLog(), onError: (found) => errors.push(found) });
    expect(provider.current()).toBe(DEFAULT_RULES);
    expect(errors[0]![0]).toMatch(/^rule "a" \(rules\[0\]\) when\.tier\.0: Invalid option/);
    provider.dispose();

    const log = recordingLog();
    provider = createRulesProvider({ path: join(dir, 'missing.yaml'), log });
    expect(provider.current()).toBe(DEFAULT_RULES);
    expect(provider.lastErrors()[0]).toMatch(/^cannot read .*missing\.yaml: ENOENT/);
    expect(log.lines).toContain('warn no valid rules file yet: the built-in default rules are in force');
  });

  it('keeps the last good rules when the file is deleted', () => {
    const path = join(dir, 'rules.yaml');
    writeFileSync(path, rulesYaml('P1'));
    provider = createRulesProvider({ path, log: recordingLog() });
    rmSync(path);
    expect(provider.reload()).toMatchObject({ ok: false });
    expect(priorityOf(provider.current())).toBe('P1');
  });

  it('applies a burst of writes once, after the debounce, on the injected clock', async () => {
    const path = join(dir, 'rules.yaml');
    writeFileSync(path, rulesYaml('P3'));
    const clock = new ManualClock();
    let reloads = 0;
    provider = createRulesProvider({ path, log: recordingLog(), clock, debounceMs: 500, onReload: () => reloads++ });
    writeFileSync(path, rulesYaml('P2'));
    await expect.poll(() => clock.pendingTimers(), { timeout: 5_000 }).toBe(1);
    writeFileSync(path, rulesYaml('P1'));
    clock.advance(499);
    expect(reloads).toBe(0);
    clock.advance(1_000);
    expect(reloads).toBe(1);
    expect(priorityOf(provider.current())).toBe('P1');
  });

  it('stops reloading once disposed', () => {
    const path = join(dir, 'rules.yaml');
    writeFileSync(path, rulesYaml('P3'));
    provider = createRulesProvider({ path, log: recordingLog() });
    provider.dispose();
    writeFileSync(path, rulesYaml('P1'));
    expect(provider.reload()).toEqual({ ok: true, changed: false });
    expect(priorityOf(provider.current())).toBe('P3');
  });
});
