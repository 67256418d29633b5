import { describe, expect, test } from 'vitest';
import { predictSlaBreaches, type PredictionAgent, type PredictionHandoff } from './sla-prediction';

const now = 1_000_000_000;
const MIN = 60_000;

function agent(id: string, overrides: Partial<PredictionAgent> = {}): PredictionAgent {
  return { id, role: 'agent', presence: 'available', connected: true, skills: [], capacity: 1, conversationsSince: [], ...overrides };
}

function handoff(id: string, overrides: Partial<PredictionHandoff> = {}): PredictionHandoff {
  return { id, priority: 'P3', receivedAt: now - MIN, slaDeadline: now + 5 * MIN, skills: [], slaBreached: false, offeredTo: null, ...overrides };
}

const typical = { typicalHandleMs: 10 * MIN, typicalAcceptMs: 30_000 };

describe('predictSlaBreaches', () => {
  test('a free agent takes the handoff after the typical accept time: no breach', () => {
    const [p] = predictSlaBreaches({ now, agents: [agent('a')], handoffs: [handoff('h1')], ...typical });
    expect(p).toEqual({ handoffId: 'h1', predictedAcceptAt: now + 30_000, breach: false });
  });

  test('a busy agent frees up when the conversation is expected to end; a deadline before that is a breach', () => {
    const busy = agent('a', { conversationsSince: [now - 4 * MIN] });
    const [p] = predictSlaBreaches({ now, agents: [busy], handoffs: [handoff('h1', { slaDeadline: now + 2 * MIN })], ...typical });
    expect(p!.predictedAcceptAt).toBe(now + 6 * MIN + 30_000);
    expect(p!.breach).toBe(true);
  });

  test('conversations past their typical length still hold the slot a little longer', () => {
    const overdue = agent('a', { conversationsSince: [now - 60 * MIN] });
    const [p] = predictSlaBreaches({ now, agents: [overdue], handoffs: [handoff('h1')], ...typical });
    expect(p!.predictedAcceptAt).toBe(now + MIN + 30_000);
  });

  test('the queue is served by priority, then age; later handoffs wait for the slot to come round', () => {
    const predictions = predictSlaBreaches({
      now,
      agents: [agent('a')],
      handoffs: [
        handoff('old-p3', { receivedAt: now - 10 * MIN, slaDeadline: now + 5 * MIN }),
        handoff('new-p1', { priority: 'P1', receivedAt: now - MIN, slaDeadline: now + 5 * MIN }),
      ],
      ...typical,
    });
    const byId = Object.fromEntries(predictions.map((p) => [p.handoffId, p]));
    expect(byId['new-p1']).toMatchObject({ predictedAcceptAt: now + 30_000, breach: false });
    // The P3 waits for the P1's conversation: accept (30 s) + handle (10 min) + its own accept (30 s).
    expect(byId['old-p3']).toMatchObject({ predictedAcceptAt: now + 30_000 + 10 * MIN + 30_000, breach: true });
    expect(predictions.map((p) => p.handoffId)).toEqual(['old-p3', 'new-p1']);
  });

  test('only connected, available agents with every required skill count', () => {
    const agents = [
      agent('away', { presence: 'away', skills: ['billing'] }),
      agent('offline', { connected: false, skills: ['billing'] }),
      agent('lead', { role: 'supervisor', skills: ['billing'] }),
      agent('no-skill'),
    ];
    const [p] = predictSlaBreaches({ now, agents, handoffs: [handoff('h1', { skills: ['billing'] })], ...typical });
    expect(p).toEqual({ handoffId: 'h1', predictedAcceptAt: null, breach: true });

    const [withLeads] = predictSlaBreaches({ now, agents, handoffs: [handoff('h1', { skills: ['billing'] })], ...typical, routeToSupervisors: true });
    expect(withLeads!.predictedAcceptAt).toBe(now + 30_000);
  });

  test('an offered handoff keeps its agent; a handoff already breached stays breached', () => {
    const predictions = predictSlaBreaches({
      now,
      agents: [agent('a'), agent('b', { capacity: 2 })],
      handoffs: [handoff('waiting'), handoff('offered', { offeredTo: 'a', slaBreached: true })],
      ...typical,
    });
    expect(predictions[1]).toMatchObject({ handoffId: 'offered', predictedAcceptAt: now + 30_000, breach: true });
    expect(predictions[0]).toMatchObject({ handoffId: 'waiting', predictedAcceptAt: now + 30_000, breach: false });
  });

  test('more agents spread the queue', () => {
    const handoffs = Array.from({ length: 4 }, (_, i) => handoff(`h${i}`, { receivedAt: now - (10 - i) * MIN }));
    const one = predictSlaBreaches({ now, agents: [agent('a', { capacity: 2 })], handoffs, ...typical });
    const two = predictSlaBreaches({ now, agents: [agent('a', { capacity: 2 }), agent('b', { capacity: 2 })], handoffs, ...typical });
    expect(one.filter((p) => p.breach)).toHaveLength(2);
    expect(two.filter((p) => p.breach)).toHaveLength(0);
  });
});
