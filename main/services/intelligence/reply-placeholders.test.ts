import { describe, expect, it } from 'vitest';
import { handoffFixture } from './handoff-fixture';
import { fillPlaceholders, templateFromReply } from './reply-placeholders';

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

describe('templateFromReply', () => {
  it('turns the record\'s values back into placeholders, longest first and on word boundaries only', () => {
    const handoff = handoffFixture();
    const r = templateFromReply(
      'Maria Lopez, hi Maria! Order a-1042 (Trail running shoes) is on your Plus plan; mail maria@example.com. Marianne and Plus points stay. Sam',
      { handoff, agentName: 'Sam Carter' },
    );
    expect(r.text).toBe(
      '{{customer.name}}, hi {{customer.firstName}}! Order {{order.id}} ({{order.title}}) is on your {{customer.plan}} plan; mail {{customer.email}}. Marianne and Plus points stay. {{agent.firstName}}',
    );
    expect(r.placeholders).toEqual(['order.title', 'customer.email', 'customer.name', 'order.id', 'customer.firstName', 'customer.plan', 'agent.firstName']);
  });

  it('leaves text alone when the record does not hold the value, and keeps existing placeholders', () => {
    const handoff = handoffFixture();
    handoff.customer.openItems = [];
    const r = templateFromReply('Hi {{customer.firstName}}, order A-1042 is sorted.', { handoff });
    expect(r).toEqual({ text: 'Hi {{customer.firstName}}, order A-1042 is sorted.', placeholders: [] });
  });
});
