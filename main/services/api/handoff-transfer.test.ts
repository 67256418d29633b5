// 'handoffs:transfer' against a real (embedded) hub: the agent hands an accepted conversation to a
// queue with a note; it leaves this agent's inbox and screen, and the hub refuses what is not theirs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { EventName, InboxItem } from '../../../shared/api';
import { dispatchApiCall } from '../../../shared/api-dispatch';
import { createAppServices, type AppServices } from '../app-services';
import { silentLogger } from '../logger';

let dir: string;
let services: AppServices;
const events: { name: EventName; payload: unknown }[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'baton-transfer-'));
  services = await createAppServices({ mode: 'demo', dataDir: dir, demo: { burst: 1, cap: 1, followUpMessages: false } }, { log: silentLogger });
  services.addEventSink((name, payload) => events.push({ name, payload }));
  for (let i = 0; i < 500 && services.inbox.list().length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
});

afterAll(async () => {
  await services?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('handoffs:transfer', () => {
  test('an accepted conversation goes to another queue with a note and leaves this inbox', async () => {
    const handoffId = services.inbox.list()[0]!.handoff.id;
    expect((await dispatchApiCall(services.handlers, 'handoffs:accept', { handoffId }, silentLogger)).ok).toBe(true);
    const result = await dispatchApiCall(services.handlers, 'handoffs:transfer', { handoffId, to: { kind: 'queue', queue: 'billing' }, note: 'Needs a refund approval' }, silentLogger);
    expect(result.ok).toBe(true);
    const moved = (result as { value: InboxItem }).value;
    expect(moved.handoff.queue).toBe('billing');
    expect(moved.handoff.status).not.toBe('accepted');
    expect(moved.handoff.assignedAgentId).toBeUndefined();
    expect(services.inbox.get(handoffId)).toBeUndefined();
    expect(events.some((e) => e.name === 'handoff:updated' && (e.payload as { handoff: { id: string; status: string } }).handoff.id === handoffId)).toBe(true);
    // No longer ours: a second transfer is refused by the hub.
    const again = await dispatchApiCall(services.handlers, 'handoffs:transfer', { handoffId, to: { kind: 'queue', queue: 'general' } }, silentLogger);
    expect(again.ok).toBe(false);
  });

  test('bad arguments are refused naming the field', async () => {
    const result = await dispatchApiCall(services.handlers, 'handoffs:transfer', { handoffId: 'x', to: { kind: 'queue', queue: '' } } as never, silentLogger);
    expect(result).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(!result.ok && result.error.message).toMatch(/queue/);
  });
});
