// The desktop side of the supervisor view, through the real composition root in demo mode (an
// embedded hub on 127.0.0.1 and the simulator posting handoffs): the lead's API handlers, the live
// feed's `supervisor:updated` events, the CSV export; and an agent's desktop refused the lead's data.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { EventName, Session } from '../../../shared/api';
import { HubLink } from '../hub-link/hub-link';
import { type BatonError } from '../../../shared/result';
import type { SupervisorSnapshot, Whisper } from '../../../shared/supervision';
import { createAppServices, type AppServices } from '../app-services';
import { silentLogger } from '../logger';
import { REPORT_CSV_COLUMNS } from './report-csv';

const owned: Array<{ services: AppServices; dir: string }> = [];

async function start(role: 'agent' | 'supervisor'): Promise<AppServices> {
  const dir = mkdtempSync(join(tmpdir(), `baton-supervision-${role}-`));
  const services = await createAppServices(
    { mode: 'demo', role, dataDir: dir, demo: { burst: 3, cap: 3, followUpMessages: false, colleagues: false } },
    { log: silentLogger },
  );
  owned.push({ services, dir });
  return services;
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

afterEach(async () => {
  for (const { services, dir } of owned.splice(0)) {
    await services.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('supervision on the desktop', () => {
  test('a lead gets the live view, live updates, acts on agents and exports the rows as CSV', async () => {
    const services = await start('supervisor');
    const events: Array<{ event: EventName; payload: unknown }> = [];
    services.addEventSink((event, payload) => events.push({ event, payload }));
    await until('the hub welcome', () => (services.link.agent ? true : undefined));
    expect(services.session().role).toBe('supervisor');

    // The demo agent is not connected, so the simulator's three handoffs wait in their queues.
    const snapshot = await until('three waiting handoffs', async () => {
      const s = (await services.handlers['supervisor:snapshot']({})) as SupervisorSnapshot;
      return s.queues.reduce((n, q) => n + q.waiting, 0) === 3 ? s : undefined;
    });
    expect(snapshot.agents.map((a) => a.name)).toEqual(expect.arrayContaining(['Alex Rivera', 'Sam Okafor']));
    expect(snapshot.handoffs.every((h) => h.path.some((r) => r.stage === 'queued'))).toBe(true);

    // The feed pushed the change to the renderer without being asked.
    await until('a supervisor:updated event with waiting handoffs', () =>
      events.some((e) => e.event === 'supervisor:updated' && (e.payload as SupervisorSnapshot).handoffs.length > 0) ? true : undefined,
    );

    await services.handlers['supervisor:setAgentPresence']({ agentId: 'demo-alex', presence: 'away' });
    const whisper = (await services.handlers['supervisor:whisper']({ agentId: 'demo-alex', text: 'Back in 5?' })) as Whisper;
    expect(whisper).toMatchObject({ fromId: 'demo-sam', toAgentId: 'demo-alex', text: 'Back in 5?' });

    const range = { from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date(Date.now() + 60_000).toISOString() };
    const report = await services.handlers['supervisor:report'](range);
    expect(report.total).toBe(3);
    const exported = await services.handlers['supervisor:exportCsv'](range);
    expect(exported).toMatchObject({ rows: 3, truncated: false });
    const lines = exported.csv.trim().split('\r\n');
    expect(lines[0]).toBe(REPORT_CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(4);
    expect(new Set(lines.slice(1).map((line) => line.split(',')[0]))).toEqual(new Set(snapshot.handoffs.map((h) => h.id)));
  });

  test("an agent's desktop is refused the lead's data and actions (forbidden), but may raise a hand", async () => {
    const services = await start('agent');
    await until('the hub welcome', () => (services.link.agent ? true : undefined));
    await expect(services.handlers['supervisor:snapshot']({})).rejects.toMatchObject({ code: 'forbidden' } satisfies Partial<BatonError>);
    await expect(services.handlers['supervisor:broadcast']({ text: 'hi all' })).rejects.toMatchObject({ code: 'forbidden' });
    const hand = await services.handlers['help:raiseHand']({ text: 'Stuck on a refund' });
    expect(hand).toMatchObject({ agentId: 'demo-alex', agentName: 'Alex Rivera', answeredAt: null });
  });

  test("a lead changing an agent's presence reaches that agent's session and pushes session:changed", async () => {
    const services = await start('agent');
    const events: Array<{ event: EventName; payload: unknown }> = [];
    services.addEventSink((event, payload) => events.push({ event, payload }));
    await until('the hub welcome', () => (services.link.agent ? true : undefined));
    expect(services.session().agent?.presence).not.toBe('away');

    // The lead is a second, real client of the same hub (main/ may not reach into hub/testing).
    const lead = new HubLink({ url: services.demo!.hubUrl, token: services.demo!.tokens.supervisor, log: silentLogger });
    lead.start();
    try {
      await until("the lead's welcome", () => (lead.agent ? true : undefined));
      expect((await lead.request({ type: 'set_agent_presence', agentId: 'demo-alex', presence: 'away' })).ok).toBe(true);
      // Connecting announces the agent too: wait for the session the lead's change produced.
      const pushed = await until('a session:changed event saying away', () =>
        events.map((e) => (e.event === 'session:changed' ? (e.payload as Session) : null)).find((p) => p?.agent?.presence === 'away') ?? undefined,
      );
      expect(pushed.agent).toMatchObject({ id: 'demo-alex', presence: 'away' });
      expect(services.session().agent?.presence).toBe('away');
      expect((await services.handlers['session:get']({})).agent?.presence).toBe('away');
    } finally {
      await lead.dispose();
    }
  });
});
