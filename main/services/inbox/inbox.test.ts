import { describe, expect, test } from 'vitest';
import { ManualClock } from '../../../shared/clock';
import { sampleHandoff } from '../testing/sample-handoff';
import { Inbox, type InboxChange } from './inbox';

function setup() {
  const clock = new ManualClock(Date.parse('2026-11-26T10:00:00Z'));
  const inbox = new Inbox(() => 'me', clock);
  const changes: InboxChange[] = [];
  inbox.onChange((c) => changes.push(c));
  return { inbox, clock, changes };
}
const later = '2026-11-26T10:01:00.000Z';

describe('Inbox', () => {
  test('an offer is reported once; a repeat updates quietly', () => {
    const { inbox, changes } = setup();
    inbox.offerReceived(sampleHandoff('h1'), later);
    inbox.offerReceived(sampleHandoff('h1'), later);
    expect(changes.map((c) => c.event)).toEqual(['offer:received', 'handoff:updated']);
    expect(inbox.waitingOffers()).toBe(1);
  });

  test('an offer that expired long ago (a resend) is ignored', () => {
    const { inbox, changes } = setup();
    inbox.offerReceived(sampleHandoff('old'), '2026-11-26T09:50:00.000Z');
    expect(changes).toEqual([]);
    expect(inbox.list()).toEqual([]);
  });

  test('revocation removes the offer; an unknown revocation is silent', () => {
    const { inbox, changes } = setup();
    inbox.offerReceived(sampleHandoff('h1'), later);
    inbox.offerRevoked('h1', 'timeout');
    inbox.offerRevoked('h1', 'timeout');
    inbox.offerRevoked('nope', 'timeout');
    expect(changes.map((c) => c.event)).toEqual(['offer:received', 'offer:revoked']);
    expect(inbox.list()).toEqual([]);
  });

  test('accepted by me stays (no deadline); resolved or taken by someone else leaves', () => {
    const { inbox, changes } = setup();
    inbox.offerReceived(sampleHandoff('h1'), later);
    inbox.offerReceived(sampleHandoff('h2'), later);
    const accepted = inbox.handoffUpdated(sampleHandoff('h1', { status: 'accepted', assignedAgentId: 'me' }));
    expect(accepted.offerExpiresAt).toBeNull();
    expect(inbox.waitingOffers()).toBe(1);
    inbox.handoffUpdated(sampleHandoff('h2', { status: 'accepted', assignedAgentId: 'other' }));
    expect(inbox.get('h2')).toBeUndefined();
    inbox.handoffUpdated(sampleHandoff('h1', { status: 'resolved', assignedAgentId: 'me' }));
    expect(inbox.list()).toEqual([]);
    expect(changes.map((c) => c.event)).toEqual(['offer:received', 'offer:received', 'handoff:updated', 'handoff:updated', 'handoff:updated']);
  });

  test('messages are appended once, and kept when a later update carries an older transcript', () => {
    const { inbox, changes } = setup();
    inbox.offerReceived(sampleHandoff('h1'), later);
    const message = { id: 'm2', author: 'customer' as const, text: 'Hello?', at: '2026-11-26T10:00:05.000Z' };
    expect(inbox.messageReceived('h1', message)).toBe(true);
    expect(inbox.messageReceived('h1', message)).toBe(false);
    inbox.handoffUpdated(sampleHandoff('h1', { status: 'accepted', assignedAgentId: 'me' }));
    expect(inbox.get('h1')!.handoff.conversation.messages.map((m) => m.id)).toEqual(['m-h1-1', 'm2']);
    expect(changes.filter((c) => c.event === 'message:received')).toHaveLength(1);
  });

  test('lists offers before accepted work, by priority then age', () => {
    const { inbox } = setup();
    inbox.offerReceived(sampleHandoff('p3-old', { priority: 'P3', receivedAt: '2026-11-26T09:00:00.000Z' }), later);
    inbox.offerReceived(sampleHandoff('p1', { priority: 'P1' }), later);
    inbox.offerReceived(sampleHandoff('p3-new', { priority: 'P3', receivedAt: '2026-11-26T09:30:00.000Z' }), later);
    inbox.offerReceived(sampleHandoff('mine', { priority: 'P1' }), later);
    inbox.handoffUpdated(sampleHandoff('mine', { priority: 'P1', status: 'accepted', assignedAgentId: 'me' }));
    expect(inbox.list().map((i) => i.handoff.id)).toEqual(['p1', 'p3-old', 'p3-new', 'mine']);
  });
});
