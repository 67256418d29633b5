import { describe, expect, it } from 'vitest';
import { CUSTOMER_MESSAGE_PLACEHOLDERS, customerMessageValues, describeWait, renderCustomerMessage, unknownPlaceholders } from './customer-message';
import { requestWith } from './request-fixture';

describe('customer message templates', () => {
  const outcome = { priority: 'P2', queue: 'billing', slaSeconds: 300 };

  it('fills every documented placeholder', () => {
    const template = Object.keys(CUSTOMER_MESSAGE_PLACEHOLDERS).map((name) => `{{${name}}}`).join('|');
    const text = renderCustomerMessage(
      template,
      customerMessageValues({ request: requestWith(), outcome, expectedWaitSeconds: 130, businessHours: 'Mon-Fri 08:00-20:00 (Europe/London)' }),
    );
    expect(text).toBe('Priya Patel|Priya|3|about 2 minutes|5|billing|P2|Mon-Fri 08:00-20:00 (Europe/London)');
  });

  it('falls back to the SLA when the hub has no estimate', () => {
    const values = customerMessageValues({ request: requestWith(), outcome, expectedWaitSeconds: null });
    expect(renderCustomerMessage('Wait: {{expectedWait}} ({{ expectedWaitMinutes }} min)', values)).toBe('Wait: about 5 minutes (5 min)');
  });

  it('never leaves braces for a missing value', () => {
    expect(renderCustomerMessage('Hi {{customerFirstName}}, wait {{expectedWait}}.', { customerFirstName: 'Ana' })).toBe('Hi Ana, wait .');
  });

  it('describes waits in words', () => {
    expect([0, 59, 60, 89, 90, 600].map(describeWait)).toEqual([
      'less than a minute',
      'less than a minute',
      'about 1 minute',
      'about 1 minute',
      'about 2 minutes',
      'about 10 minutes',
    ]);
  });

  it('finds unknown placeholders', () => {
    expect(unknownPlaceholders('{{queue}} {{waitt}} {{ customerName }} {{eta}}')).toEqual(['waitt', 'eta']);
  });
});
