// Routing rules on a ManualClock: nothing here sleeps.
import { afterEach, describe, expect, test } from 'vitest';
import { ManualClock } from '../../shared/clock';
import { Router, type AgentProfile, type RoutableHandoff, type RouterEffect, type RouterOptions } from './router';

let router: Router;
let clock: ManualClock;
let effects: RouterEffect[];

function setup(options: Partial<RouterOptions> = {}, agents: AgentProfile[] = []) {
  clock = new ManualClock();
  router = new Router({ clock, offerTimeoutMs: 30_000, ...options });
  effects = [];
  router.onEffect((effect) => effects.push(effect));
  for (const agent of agents) router.upsertAgent(agent);
}

function agent(id: string, extra: Partial<AgentProfile> = {}): AgentProfile {
  return { id, role: 'agent', skills: [], capacity: 2, ...extra };
}

let handoffCounter = 0;
function handoff(extra: Partial<RoutableHandoff> = {}): RoutableHandoff {
  handoffCounter++;
  return { id: `h${handoffCounter}`, priority: 'P3', queue: 'general', skills: [], receivedAt: clock.now(), slaDeadline: clock.now() + 120_000, ...extra };
}

function offers() {
  return effects.filter((effect): effect is Extract<RouterEffect, { kind: 'offer' }> => effect.kind === 'offer');
}

function lastOffer() {
  return offers().at(-1);
}

afterEach(() => router.dispose());

describe('eligibility', () => {
  test('offers go only to connected, available agents with every required skill and spare capacity', () => {
    setup({}, [agent('offline'), agent('away'), agent('noskill'), agent('full', { skills: ['billing'], capacity: 1 }), agent('right', { skills: ['billing', 'de'] })]);
    router.connect('away');
    router.setPresence('away', 'away');
    router.connect('noskill');
    router.connect('full');
    router.connect('right');
    router.enqueue(handoff({ skills: ['billing'] })); // goes to full or right
    const first = lastOffer()!;
    router.enqueue(handoff({ skills: ['billing'] }));
    const second = lastOffer()!;
    expect(new Set([first.agentId, second.agentId])).toEqual(new Set(['full', 'right']));
    router.enqueue(handoff({ skills: ['billing', 'de'] }));
    expect(lastOffer()!.agentId).toBe('right');
    expect(offers().some((offer) => ['offline', 'away', 'noskill'].includes(offer.agentId))).toBe(false);
  });

  test('skill overflow: with nobody connected who has the skills, anyone may take it; a skilled agent takes precedence', () => {
    setup({}, [agent('generalist', { capacity: 5 }), agent('expert', { skills: ['vip'], capacity: 5 })]);
    router.connect('generalist');
    const first = handoff({ skills: ['vip'] });
    router.enqueue(first);
    expect(lastOffer()).toMatchObject({ handoffId: first.id, agentId: 'generalist' });
    expect(router.eligibleAgentsOnline(['vip'])).toBe(1);
    router.connect('expert');
    expect(router.eligibleAgentsOnline(['vip'])).toBe(1);
    const second = handoff({ skills: ['vip'] });
    router.enqueue(second);
    expect(lastOffer()).toMatchObject({ handoffId: second.id, agentId: 'expert' });
    router.setPresence('expert', 'busy'); // connected but busy: skilled agents exist, so wait for them
    const third = handoff({ skills: ['vip'] });
    router.enqueue(third);
    expect(router.handoff(third.id)!.state).toBe('waiting');
    router.dispose();

    setup({ skillOverflow: false }, [agent('generalist')]);
    router.connect('generalist');
    router.enqueue(handoff({ skills: ['vip'] }));
    expect(offers()).toHaveLength(0);
  });

  test('supervisors are not offered handoffs unless routeToSupervisors is set', () => {
    setup({}, [agent('lead', { role: 'supervisor' })]);
    router.connect('lead');
    const h = handoff();
    router.enqueue(h);
    expect(offers()).toHaveLength(0);
    expect(effects).toContainEqual({ kind: 'no_eligible_agent', handoffId: h.id });
    router.dispose();

    setup({ routeToSupervisors: true }, [agent('lead', { role: 'supervisor' })]);
    router.connect('lead');
    router.enqueue(handoff());
    expect(offers()).toHaveLength(1);
  });

  test('an agent at capacity (accepted plus pending offers) gets nothing more until one is released', () => {
    setup({}, [agent('ann', { capacity: 1 })]);
    router.connect('ann');
    const a = handoff();
    const b = handoff();
    router.enqueue(a);
    router.enqueue(b);
    expect(offers().map((offer) => offer.handoffId)).toEqual([a.id]);
    expect(router.accept(a.id, 'ann')).toEqual({ ok: true });
    expect(offers()).toHaveLength(1);
    router.release(a.id, 'resolved');
    expect(lastOffer()).toMatchObject({ handoffId: b.id, agentId: 'ann' });
  });
});

describe('ordering and strategy', () => {
  test('waiting handoffs are served by priority, then age', () => {
    setup({}, [agent('ann', { capacity: 1 })]);
    const oldP3 = handoff({ priority: 'P3' });
    router.enqueue(oldP3);
    clock.advance(1_000);
    const newP1 = handoff({ priority: 'P1' });
    router.enqueue(newP1);
    clock.advance(1_000);
    const newerP1 = handoff({ priority: 'P1' });
    router.enqueue(newerP1);
    router.connect('ann');
    expect(lastOffer()!.handoffId).toBe(newP1.id);
    router.accept(newP1.id, 'ann');
    router.release(newP1.id, 'resolved');
    expect(lastOffer()!.handoffId).toBe(newerP1.id);
    router.accept(newerP1.id, 'ann');
    router.release(newerP1.id, 'resolved');
    expect(lastOffer()!.handoffId).toBe(oldP3.id);
  });

  test('least busy first, then longest idle', () => {
    setup({}, [agent('ann', { capacity: 3 }), agent('bob', { capacity: 3 })]);
    router.connect('ann');
    clock.advance(1_000);
    router.connect('bob');
    const first = handoff();
    router.enqueue(first);
    expect(lastOffer()!.agentId).toBe('ann'); // idle longer (connected earlier)
    clock.advance(1_000);
    router.enqueue(handoff());
    expect(lastOffer()!.agentId).toBe('bob'); // ann now holds one offer: bob is less busy
    clock.advance(1_000);
    router.enqueue(handoff());
    expect(lastOffer()!.agentId).toBe('ann'); // equal load; ann's last offer is older
    clock.advance(1_000);
    router.enqueue(handoff());
    expect(lastOffer()!.agentId).toBe('bob');
  });

  test('round-robin cycles through eligible agents in a fixed order', () => {
    setup({ strategy: 'round-robin' }, [agent('a', { capacity: 5 }), agent('b', { capacity: 5 }), agent('c', { capacity: 5 })]);
    for (const id of ['c', 'a', 'b']) router.connect(id);
    for (let i = 0; i < 5; i++) router.enqueue(handoff());
    expect(offers().map((offer) => offer.agentId)).toEqual(['a', 'b', 'c', 'a', 'b']);
  });
});

describe('offer timeouts and declines', () => {
  test('a timed-out offer moves to the next agent; the first is not offered it again', () => {
    setup({}, [agent('ann'), agent('bob')]);
    router.connect('ann');
    clock.advance(10);
    router.connect('bob');
    const h = handoff();
    router.enqueue(h);
    expect(lastOffer()).toMatchObject({ agentId: 'ann', attempt: 1, expiresAt: clock.now() + 30_000 });
    clock.advance(29_999);
    expect(offers()).toHaveLength(1);
    clock.advance(1);
    expect(effects).toContainEqual({ kind: 'offer_revoked', handoffId: h.id, agentId: 'ann', reason: 'timeout' });
    expect(effects).toContainEqual({ kind: 'offer_timed_out', handoffId: h.id, agentId: 'ann' });
    expect(lastOffer()).toMatchObject({ agentId: 'bob', attempt: 2 });
    clock.advance(30_000);
    expect(offers()).toHaveLength(2);
    expect(router.handoff(h.id)).toMatchObject({ state: 'waiting' });
  });

  test('a decline moves the offer on at once', () => {
    setup({}, [agent('ann'), agent('bob')]);
    router.connect('ann');
    clock.advance(10);
    router.connect('bob');
    const h = handoff();
    router.enqueue(h);
    expect(router.decline(h.id, 'ann')).toEqual({ ok: true });
    expect(effects).toContainEqual({ kind: 'offer_revoked', handoffId: h.id, agentId: 'ann', reason: 'declined' });
    expect(lastOffer()).toMatchObject({ handoffId: h.id, agentId: 'bob' });
    expect(router.decline(h.id, 'ann')).toMatchObject({ ok: false, code: 'conflict' });
  });

  test('two timeouts in a row set the agent away; an accept in between resets the count', () => {
    setup({}, [agent('ann', { capacity: 5 })]);
    router.connect('ann');
    const a = handoff();
    router.enqueue(a);
    clock.advance(30_000);
    const b = handoff();
    router.enqueue(b);
    router.accept(b.id, 'ann');
    const c = handoff();
    router.enqueue(c);
    clock.advance(30_000);
    expect(router.agent('ann')!.presence).toBe('available');
    const d = handoff();
    router.enqueue(d);
    clock.advance(30_000);
    expect(router.agent('ann')!.presence).toBe('away');
    expect(effects).toContainEqual({ kind: 'presence_changed', agentId: 'ann', presence: 'away', reason: 'missed 2 offers in a row' });
    router.enqueue(handoff());
    expect(offers().at(-1)!.handoffId).toBe(d.id);
  });

  test('accepting an offer that moved on is refused', () => {
    setup({}, [agent('ann'), agent('bob')]);
    router.connect('ann');
    router.connect('bob');
    const h = handoff();
    router.enqueue(h);
    const holder = lastOffer()!.agentId;
    const other = holder === 'ann' ? 'bob' : 'ann';
    expect(router.accept(h.id, other)).toMatchObject({ ok: false, code: 'conflict' });
    expect(router.accept(h.id, holder)).toEqual({ ok: true });
    expect(router.accept(h.id, holder)).toEqual({ ok: true }); // a retried accept is harmless
  });
});

describe('presence reflects reality', () => {
  test('a disconnected agent loses pending offers (moved on) but keeps accepted work', () => {
    setup({}, [agent('ann', { capacity: 3 }), agent('bob')]);
    router.connect('ann');
    const accepted = handoff();
    router.enqueue(accepted);
    router.accept(accepted.id, 'ann');
    const pending = handoff();
    router.enqueue(pending);
    expect(lastOffer()).toMatchObject({ handoffId: pending.id, agentId: 'ann' });
    router.connect('bob');
    router.disconnect('ann');
    expect(effects).toContainEqual({ kind: 'offer_revoked', handoffId: pending.id, agentId: 'ann', reason: 'reassigned' });
    expect(lastOffer()).toMatchObject({ handoffId: pending.id, agentId: 'bob' });
    expect(router.agent('ann')).toMatchObject({ presence: 'offline', connected: false, assigned: [accepted.id] });
    router.connect('ann');
    expect(router.agent('ann')!.presence).toBe('available');
  });

  test('going busy or away revokes pending offers; coming back makes the agent eligible again', () => {
    setup({}, [agent('ann')]);
    router.connect('ann');
    const h = handoff();
    router.enqueue(h);
    router.setPresence('ann', 'busy');
    expect(router.handoff(h.id)!.state).toBe('waiting');
    router.setPresence('ann', 'available');
    expect(lastOffer()).toMatchObject({ handoffId: h.id, agentId: 'ann', attempt: 2 });
  });
});

describe('SLA', () => {
  test('a handoff not accepted by its SLA deadline is flagged once; an accepted one is not', () => {
    setup({}, []);
    const late = handoff({ slaDeadline: clock.now() + 60_000 });
    router.enqueue(late);
    expect(effects).toContainEqual({ kind: 'no_eligible_agent', handoffId: late.id });
    expect(router.waitingCount()).toBe(1);
    clock.advance(59_999);
    expect(effects.filter((effect) => effect.kind === 'sla_breached')).toHaveLength(0);
    clock.advance(1);
    expect(effects.filter((effect) => effect.kind === 'sla_breached')).toEqual([{ kind: 'sla_breached', handoffId: late.id }]);
    expect(router.handoff(late.id)!.slaBreached).toBe(true);
    clock.advance(600_000);
    expect(effects.filter((effect) => effect.kind === 'sla_breached')).toHaveLength(1);

    router.upsertAgent(agent('ann'));
    router.connect('ann');
    const fast = handoff({ slaDeadline: clock.now() + 60_000 });
    router.enqueue(fast);
    router.accept(fast.id, 'ann');
    clock.advance(120_000);
    expect(effects.filter((effect) => effect.kind === 'sla_breached')).toHaveLength(1);
  });

  test('a restored handoff already past its deadline is flagged at once', () => {
    setup({}, []);
    const h = handoff({ slaDeadline: clock.now() - 1 });
    router.enqueue(h);
    expect(effects).toContainEqual({ kind: 'sla_breached', handoffId: h.id });
  });
});

describe('transfer, reassign, release', () => {
  test('transfer to a named agent offers it to them; the transferring agent is freed', () => {
    setup({}, [agent('ann'), agent('bob')]);
    router.connect('ann');
    const h = handoff();
    router.enqueue(h);
    router.accept(h.id, 'ann');
    router.connect('bob');
    expect(router.transfer(h.id, { kind: 'agent', agentId: 'bob' }, 'ann')).toEqual({ ok: true });
    expect(lastOffer()).toMatchObject({ handoffId: h.id, agentId: 'bob' });
    expect(router.agent('ann')!.assigned).toEqual([]);
    clock.advance(30_000); // bob lets it time out: ann (who transferred it away) is not offered it back
    expect(lastOffer()!.agentId).toBe('bob');
    expect(router.handoff(h.id)!.state).toBe('waiting');
  });

  test('transfer to a queue changes the queue and re-routes; to an offline agent is refused', () => {
    setup({}, [agent('ann'), agent('bob'), agent('cy')]);
    router.connect('ann');
    const h = handoff();
    router.enqueue(h);
    router.accept(h.id, 'ann');
    expect(router.transfer(h.id, { kind: 'agent', agentId: 'cy' }, 'ann')).toMatchObject({ ok: false, code: 'unavailable' });
    expect(router.agent('ann')!.assigned).toEqual([h.id]);
    router.connect('bob');
    expect(router.transfer(h.id, { kind: 'queue', queue: 'tech' }, 'ann')).toEqual({ ok: true });
    expect(router.handoff(h.id)).toMatchObject({ queue: 'tech', state: 'offered', agentId: 'bob' });
  });

  test('a supervisor reassign gives the handoff straight to the agent, revoking a pending offer', () => {
    setup({}, [agent('ann'), agent('bob')]);
    router.connect('ann');
    const h = handoff();
    router.enqueue(h);
    expect(router.reassign(h.id, 'bob')).toEqual({ ok: true });
    expect(effects).toContainEqual({ kind: 'offer_revoked', handoffId: h.id, agentId: 'ann', reason: 'reassigned' });
    expect(router.handoff(h.id)).toMatchObject({ state: 'assigned', agentId: 'bob' });
    expect(router.agent('bob')!.assigned).toEqual([h.id]);
    expect(router.reassign(h.id, 'nobody')).toMatchObject({ ok: false, code: 'not_found' });
  });

  test('abandoning an offered handoff revokes the offer with reason abandoned', () => {
    setup({}, [agent('ann')]);
    router.connect('ann');
    const h = handoff();
    router.enqueue(h);
    router.release(h.id, 'abandoned');
    expect(effects).toContainEqual({ kind: 'offer_revoked', handoffId: h.id, agentId: 'ann', reason: 'abandoned' });
    expect(router.handoff(h.id)).toBeUndefined();
    expect(clock.pendingTimers()).toBe(0);
  });
});

describe('expected wait and counts', () => {
  test('null with nobody eligible online; grows with the queue ahead', () => {
    setup({}, [agent('ann', { capacity: 1 })]);
    const a = handoff();
    router.enqueue(a);
    expect(router.eligibleAgentsOnline([])).toBe(0);
    expect(router.expectedWaitSeconds(a.id)).toBeNull();
    router.connect('ann');
    expect(router.handoff(a.id)!.state).toBe('offered');
    const b = handoff();
    const c = handoff();
    router.enqueue(b);
    router.enqueue(c);
    const waitB = router.expectedWaitSeconds(b.id)!;
    const waitC = router.expectedWaitSeconds(c.id)!;
    expect(waitB).toBeGreaterThan(0);
    expect(waitC).toBeGreaterThan(waitB);
    expect(router.eligibleAgentsOnline(['billing'])).toBe(1); // overflow: nobody connected has billing
    expect(router.eligibleAgentsOnline([])).toBe(1);
  });
});

describe('offers restored after a restart', () => {
  test('an offer in flight at the crash stays with its agent: no new offer, and it times out at its original deadline', () => {
    setup({}, [agent('ann'), agent('bob')]);
    const offeredAt = clock.now();
    clock.advance(10_000); // the hub was down for 10 s
    router.enqueue(handoff({ id: 'restored', offeredTo: { agentId: 'ann', offeredAt } }));
    router.connect('bob');
    expect(offers()).toEqual([]); // bob is not offered what ann's desktop shows
    router.connect('ann');
    expect(router.handoff('restored')).toMatchObject({ state: 'offered', agentId: 'ann', offerExpiresAt: offeredAt + 30_000 });
    expect(router.agent('ann')!.offers).toEqual(['restored']);
    expect(router.accept('restored', 'ann')).toEqual({ ok: true });
    expect(effects).toEqual([]);
  });

  test('the restored offer still times out at its deadline once the agent is back', () => {
    setup({}, [agent('ann'), agent('bob')]);
    const offeredAt = clock.now();
    clock.advance(5_000);
    router.enqueue(handoff({ id: 'restored', offeredTo: { agentId: 'ann', offeredAt } }));
    router.connect('ann');
    router.connect('bob');
    clock.advance(24_999);
    expect(effects).toEqual([]);
    clock.advance(1);
    expect(effects.map((e) => e.kind)).toEqual(['offer_revoked', 'offer_timed_out', 'offer']);
    expect(lastOffer()).toMatchObject({ handoffId: 'restored', agentId: 'bob', attempt: 2 });
  });

  test('an agent who does not come back within the grace loses the offer as reassigned, without a missed-offer strike', () => {
    setup({ restoredOfferGraceMs: 15_000 }, [agent('ann'), agent('bob')]);
    router.enqueue(handoff({ id: 'restored', offeredTo: { agentId: 'ann', offeredAt: clock.now() } }));
    router.connect('bob');
    clock.advance(14_999);
    expect(effects).toEqual([]);
    clock.advance(1);
    expect(effects[0]).toEqual({ kind: 'offer_revoked', handoffId: 'restored', agentId: 'ann', reason: 'reassigned' });
    expect(lastOffer()).toMatchObject({ handoffId: 'restored', agentId: 'bob' });
    router.connect('ann');
    expect(router.agent('ann')!.presence).toBe('available');
  });

  test('an agent who disconnects again loses the restored offer like any other', () => {
    setup({}, [agent('ann'), agent('bob')]);
    router.enqueue(handoff({ id: 'restored', offeredTo: { agentId: 'ann', offeredAt: clock.now() } }));
    router.connect('ann');
    router.connect('bob');
    router.disconnect('ann');
    expect(effects.map((e) => e.kind)).toEqual(['offer_revoked', 'offer']);
    expect(lastOffer()).toMatchObject({ agentId: 'bob' });
  });

  test('an offer whose agent is unknown now is routed afresh', () => {
    setup({}, [agent('bob')]);
    router.connect('bob');
    router.enqueue(handoff({ id: 'orphan', offeredTo: { agentId: 'gone', offeredAt: clock.now() } }));
    expect(lastOffer()).toMatchObject({ handoffId: 'orphan', agentId: 'bob', attempt: 1 });
  });
});
