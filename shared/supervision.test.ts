import { describe, expect, test } from 'vitest';
import { parseClientFrame, parseHubFrame } from './hub-protocol';
import { ReassignTarget, ReportRange } from './supervision';

describe('supervisor contracts', () => {
  test('a report range must run forwards and cover at most 400 days, with the field named', () => {
    expect(ReportRange.safeParse({ from: '2026-03-01T00:00:00.000Z', to: '2026-03-08T00:00:00.000Z' }).success).toBe(true);
    const backwards = ReportRange.safeParse({ from: '2026-03-08T00:00:00.000Z', to: '2026-03-01T00:00:00.000Z' });
    expect(backwards.success).toBe(false);
    expect(backwards.error!.issues[0]!.path).toEqual(['to']);
    expect(ReportRange.safeParse({ from: '2024-01-01T00:00:00.000Z', to: '2026-01-01T00:00:00.000Z' }).success).toBe(false);
  });

  test('reassign targets: an agent (offer unless forced) or a queue', () => {
    expect(ReassignTarget.parse({ kind: 'agent', agentId: 'ann' })).toEqual({ kind: 'agent', agentId: 'ann', force: false });
    expect(ReassignTarget.safeParse({ kind: 'queue', queue: '  ' }).success).toBe(false);
  });

  test('supervisor frames parse; a whisper without text is refused naming the field', () => {
    const ok = parseClientFrame(JSON.stringify({ type: 'supervisor_reassign', requestId: 'r1', handoffId: 'h1', to: { kind: 'agent', agentId: 'bob', force: true } }));
    expect(ok.ok).toBe(true);
    const bad = parseClientFrame(JSON.stringify({ type: 'whisper', requestId: 'r2', agentId: 'bob', text: '' }));
    expect(bad).toMatchObject({ ok: false, error: expect.stringContaining('text') });
    const event = parseHubFrame(
      JSON.stringify({
        type: 'event',
        seq: 3,
        event: { kind: 'whisper', whisper: { id: 'w1', fromId: 'lee', fromName: 'Lee', toAgentId: null, text: 'Hi all', at: '2026-03-01T00:00:00.000Z' } },
      }),
    );
    expect(event.ok).toBe(true);
  });
});
