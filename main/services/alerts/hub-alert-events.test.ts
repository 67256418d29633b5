// The services' events map onto the alert policy's: offers start ladders, revocations and status
// changes end them, customer messages in my conversations alert quietly.
import { describe, expect, it } from 'vitest';
import { sampleHandoff } from '../testing/sample-handoff';
import { alertEventFor } from './hub-alert-events';

const lookups = { assignedToMe: (id: string) => id === 'mine', customerNameOf: (id: string) => (id === 'mine' ? 'Dana Whitfield' : undefined) };
const at = '2026-11-26T10:00:00.000Z';

describe('alertEventFor', () => {
  it('offer:received starts a ladder with priority, customer, reason and expiry', () => {
    expect(alertEventFor('offer:received', { handoff: sampleHandoff('h1', { priority: 'P1' }), offerExpiresAt: '2026-11-26T10:01:00.000Z' }, lookups)).toEqual({
      type: 'offer-received',
      handoffId: 'h1',
      priority: 'P1',
      customerName: 'Dana Whitfield',
      reason: 'Negative sentiment',
      expiresAt: Date.parse('2026-11-26T10:01:00.000Z'),
    });
  });

  it('an offer without an expiry is not a waiting offer', () => {
    expect(alertEventFor('offer:received', { handoff: sampleHandoff('h1'), offerExpiresAt: null }, lookups)).toBeNull();
  });

  it.each([
    ['timeout', 'timeout'],
    ['declined', 'declined'],
    ['accepted_elsewhere', 'revoked'],
    ['reassigned', 'revoked'],
    ['abandoned', 'revoked'],
  ] as const)('offer:revoked %s ends it as %s', (reason, ended) => {
    expect(alertEventFor('offer:revoked', { handoffId: 'h1', reason }, lookups)).toEqual({ type: 'offer-ended', handoffId: 'h1', reason: ended });
  });

  it.each([
    ['accepted', { type: 'offer-ended', handoffId: 'h1', reason: 'accepted' }],
    ['resolved', { type: 'offer-ended', handoffId: 'h1', reason: 'revoked' }],
    ['offered', null],
  ] as const)('handoff:updated to %s', (status, expected) => {
    expect(alertEventFor('handoff:updated', { handoff: sampleHandoff('h1', { status }), offerExpiresAt: null }, lookups)).toEqual(expected);
  });

  it.each([
    ['a customer message in my conversation', 'mine', 'customer', { type: 'customer-message', handoffId: 'mine', customerName: 'Dana Whitfield', preview: 'hello?' }],
    ['a customer message in someone else’s', 'other', 'customer', null],
    ['my own reply', 'mine', 'agent', null],
    ['a bot message', 'mine', 'bot', null],
  ] as const)('%s', (_name, handoffId, author, expected) => {
    expect(alertEventFor('message:received', { handoffId, message: { id: 'm1', author, text: 'hello?', at } }, lookups)).toEqual(expected);
  });

  it('connection changes are not alerts', () => {
    expect(alertEventFor('connection:changed', { status: 'open', since: at, fatal: false }, lookups)).toBeNull();
  });
});
