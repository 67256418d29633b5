import { describe, expect, it } from 'vitest';
import { handoffFixture } from './handoff-fixture';
import { fillPlaceholders } from './reply-placeholders';

describe('fillPlaceholders', () => {
  it('fills customer, order and agent values from the record', () => {
    const r = fillPlaceholders('Hi {{customer.firstName}}, order {{ order.id }} is {{order.status}}. {{agent.firstName}}', {
      handoff: handoffFixture(),
      agentName: 'Sam Carter',
    });
    expect(r).toEqual({ text: 'Hi Maria, order A-1042 is returned, refund pending. Sam', missing: [] });
  });

  it('leaves a visible blank for anything the record does not hold, never inventing it', () => {
    const handoff = handoffFixture();
    handoff.customer.openItems = [];
    delete handoff.customer.plan;
    const r = fillPlaceholders('Order {{order.id}} on your {{customer.plan}} plan, {{order.id}}. {{agent.firstName}} {{unknown.thing}}', { handoff });
    expect(r.text).toBe('Order [[order.id]] on your [[customer.plan]] plan, [[order.id]]. [[agent.firstName]] [[unknown.thing]]');
    expect(r.missing).toEqual(['order.id', 'customer.plan', 'agent.firstName', 'unknown.thing']);
  });

  it('prefers the order the bot collected, and reads collected data', () => {
    const handoff = handoffFixture();
    handoff.customer.openItems.push({ id: 'B-7', kind: 'order', title: 'Socks', status: 'shipped' });
    expect(fillPlaceholders('{{order.id}}', { handoff }).text).toBe('[[order.id]]');
    handoff.conversation.collectedData = { orderId: 'B-7', device: 'Pixel 8' };
    expect(fillPlaceholders('{{order.id}} {{order.title}} {{data.device}}', { handoff }).text).toBe('B-7 Socks Pixel 8');
  });
});
