// Demo mode: when no hub is configured, the desktop starts a hub of its own on 127.0.0.1 (random
// port, database in the data folder, random secret and tokens) with a demo agent and a demo
// supervisor, and runs the simulator in-process as the bot platform. This folder is the only
// desktop code allowed to import hub/.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createHub } from '../../../hub/index';
import { DEFAULT_RULES, skillsUsedBy } from '../../../hub/rules/index';
import { runSimulator } from '../../../hub/simulator/run-simulator';
import type { Clock } from '../../../shared/clock';
import type { Disposable } from '../../../shared/lifecycle';
import type { DemoTraffic } from '../app-config';
import type { Logger } from '../logger';
import { DemoTrafficScheduler } from './demo-traffic';
import { DEMO_COLLEAGUES, DemoColleagues } from './demo-colleagues';

// Demo agents can take any handoff the default rules produce.
const ALL_DEFAULT_SKILLS = skillsUsedBy(DEFAULT_RULES);
export const DEMO_AGENT = { id: 'demo-alex', name: 'Alex Rivera', role: 'agent' as const, skills: ALL_DEFAULT_SKILLS, capacity: 5 };
export const DEMO_SUPERVISOR = { id: 'demo-sam', name: 'Sam Okafor', role: 'supervisor' as const, skills: [] as string[], capacity: 5 };
export const DEMO_HUB_DB = 'demo-hub.sqlite';

export interface DemoEnvironment extends Disposable {
  readonly hubUrl: string;
  readonly tokens: { agent: string; supervisor: string };
  /** The secret the simulated platform signs with (tests post their own handoffs with it). */
  readonly secret: string;
  startTraffic(): void;
  dispose(): Promise<void>;
}

export interface DemoOptions {
  dataDir: string;
  traffic: DemoTraffic;
  clock: Clock;
  random: () => number;
  log: Logger;
  /** Simulated colleagues who take and resolve handoffs (for the supervisor demo: a team to watch). */
  colleagues?: boolean;
}

export async function startDemoEnvironment(options: DemoOptions): Promise<DemoEnvironment> {
  const { traffic, log } = options;
  const secret = randomBytes(32).toString('hex');
  const tokens = { agent: randomBytes(24).toString('base64url'), supervisor: randomBytes(24).toString('base64url') };
  const colleagueSeeds = options.colleagues ? DEMO_COLLEAGUES.map((c) => ({ ...c, token: randomBytes(24).toString('base64url') })) : [];
  const hub = await createHub({
    host: '127.0.0.1',
    port: 0,
    dbPath: join(options.dataDir, DEMO_HUB_DB),
    secret,
    agents: [
      { ...DEMO_AGENT, token: tokens.agent },
      { ...DEMO_SUPERVISOR, token: tokens.supervisor },
      ...colleagueSeeds.map((c) => ({ ...c, role: 'agent' as const })),
    ],
    clock: options.clock,
    offerTimeoutMs: traffic.offerTimeoutMs,
    // The embedded hub's routine lines would drown the host's own output.
    log: { info: () => {}, warn: (m: string, d?: unknown) => log.warn(`demo hub: ${m}`, d), error: (m: string, d?: unknown) => log.error(`demo hub: ${m}`, d) },
  });

  const abort = new AbortController();
  // Ids derive from this prefix; the demo database outlives a run, so each run gets its own.
  const runId = randomBytes(4).toString('hex');
  let batch = 0;
  const scheduler = new DemoTrafficScheduler(
    traffic,
    async (count) => {
      await runSimulator({
        hubUrl: hub.url,
        secret,
        count,
        rate: 20,
        seed: Math.floor(options.random() * 2 ** 31),
        idPrefix: `demo-${runId}-${batch++}`,
        followUpMessages: traffic.followUpMessages,
        signal: abort.signal,
      });
    },
    options.clock,
    options.random,
    log,
  );

  const colleagues =
    colleagueSeeds.length > 0 ? new DemoColleagues({ hubUrl: hub.url, colleagues: colleagueSeeds, clock: options.clock, random: options.random, log }) : null;

  return {
    hubUrl: hub.url,
    tokens,
    secret,
    startTraffic: () => {
      scheduler.start();
      colleagues?.start();
    },
    async dispose() {
      scheduler.dispose();
      await colleagues?.dispose();
      abort.abort();
      await hub.close();
    },
  };
}
