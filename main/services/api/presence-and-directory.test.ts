// Presence with a reason and the colleague directory, against the real embedded hub (demo mode with
// simulated colleagues): the OS monitor's presence:set with a reason reaches the renderer as
// 'session:changed' saying why the agent is Away; agents:list names the colleagues.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { EventName, Session } from '../../../shared/api';
import { dispatchApiCall } from '../../../shared/api-dispatch';
import type { DirectoryEntry } from '../../../shared/hub-protocol';
import { createAppServices, type AppServices } from '../app-services';
import { silentLogger } from '../logger';

let dir: string;
let services: AppServices;
const events: { name: EventName; payload: unknown }[] = [];

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const sessions = () => events.filter((e) => e.name === 'session:changed').map((e) => e.payload as Session);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'baton-presence-'));
  services = await createAppServices({ mode: 'demo', dataDir: dir, demo: { burst: 0, cap: 0, colleagues: true } }, { log: silentLogger });
  services.addEventSink((name, payload) => events.push({ name, payload }));
  await until('the link to open', () => (services.link.state.status === 'open' ? true : undefined));
});

afterAll(async () => {
  await services?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('presence from the OS', () => {
  test('Away with a reason reaches the renderer as session:changed; back to Available clears it', async () => {
    const away = await dispatchApiCall(services.handlers, 'presence:set', { presence: 'away', reason: 'locked' }, silentLogger);
    expect(away).toEqual({ ok: true, value: 'away' });
    const pushed = await until('session:changed saying away (locked)', () => sessions().find((s) => s.agent?.presence === 'away'));
    expect(pushed.presenceReason).toBe('locked');
    expect((await dispatchApiCall(services.handlers, 'session:get', {}, silentLogger))).toMatchObject({ ok: true, value: { presenceReason: 'locked' } });

    events.length = 0;
    await dispatchApiCall(services.handlers, 'presence:set', { presence: 'available' }, silentLogger);
    const back = await until('session:changed saying available', () => sessions().find((s) => s.agent?.presence === 'available'));
    expect(back.presenceReason).toBeNull();
  });

  test('a reason outside the contract is refused naming the field', async () => {
    const result = await dispatchApiCall(services.handlers, 'presence:set', { presence: 'away', reason: 'coffee' } as never, silentLogger);
    expect(result).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(!result.ok && result.error.message).toMatch(/reason/);
  });
});

describe('agents:list', () => {
  test('lists the colleagues (not this agent, not the lead) with presence and skills', async () => {
    const result = await dispatchApiCall(services.handlers, 'agents:list', {}, silentLogger);
    expect(result.ok).toBe(true);
    const agents = (result as { value: DirectoryEntry[] }).value;
    expect(agents.map((a) => a.name)).toEqual(['Kenji Watanabe', 'Lena Fischer', 'Marco Rossi', 'Priya Shah']);
    expect(agents.find((a) => a.name === 'Kenji Watanabe')!.skills).toContain('technical');
    expect(agents.every((a) => Object.keys(a).sort().join() === 'connected,id,name,presence,skills')).toBe(true);
  });
});
