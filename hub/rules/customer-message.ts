// The message the bot platform shows the customer while a person is being found. Rules hold it as
// a template; the hub fills it once it knows the expected wait. Unknown placeholders are rejected
// when the rules file is loaded (see parseRules), so a typo never reaches a customer as "{{waitt}}".
import type { ParsedHandoffRequest } from '../../shared/ingest';

export const CUSTOMER_MESSAGE_PLACEHOLDERS = {
  customerName: "the customer's full name",
  customerFirstName: "the customer's first name (the first word of the name)",
  expectedWaitMinutes: 'the expected wait in whole minutes, at least 1 (the SLA when no estimate exists)',
  expectedWait: 'the expected wait in words: "less than a minute", "about 1 minute", "about 7 minutes"',
  slaMinutes: 'the SLA in whole minutes, at least 1',
  queue: 'the queue the handoff was put in',
  priority: 'the priority, P1-P4',
  businessHours: 'the business hours of the rules file, e.g. "Mon-Fri 08:00-18:00 (Europe/Berlin)"',
} as const;
export type CustomerMessagePlaceholder = keyof typeof CUSTOMER_MESSAGE_PLACEHOLDERS;

const PLACEHOLDER_PATTERN = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;

/** Placeholder names in a template that the hub does not know how to fill. */
export function unknownPlaceholders(template: string): string[] {
  const unknown: string[] = [];
  for (const match of template.matchAll(PLACEHOLDER_PATTERN)) {
    const name = match[1]!;
    if (!Object.prototype.hasOwnProperty.call(CUSTOMER_MESSAGE_PLACEHOLDERS, name)) unknown.push(name);
  }
  return unknown;
}

export type CustomerMessageValues = Partial<Record<CustomerMessagePlaceholder, string | number>>;

/** Replaces each {{name}}; a placeholder without a value becomes an empty string, never raw braces. */
export function renderCustomerMessage(template: string, values: CustomerMessageValues): string {
  return template
    .replace(PLACEHOLDER_PATTERN, (_whole, name: string) => {
      const value = values[name as CustomerMessagePlaceholder];
      return value === undefined ? '' : String(value);
    })
    .replace(/ {2,}/g, ' ')
    .trim();
}

export function describeWait(seconds: number): string {
  if (seconds < 60) return 'less than a minute';
  const minutes = Math.round(seconds / 60);
  return minutes === 1 ? 'about 1 minute' : `about ${minutes} minutes`;
}

/**
 * The values for every placeholder. `expectedWaitSeconds` is the router's estimate, or null when it
 * has none (no eligible agent online): then the SLA stands in, being the wait the team aims for.
 */
export function customerMessageValues(input: {
  request: ParsedHandoffRequest;
  outcome: { priority: string; queue: string; slaSeconds: number };
  expectedWaitSeconds: number | null;
  businessHours?: string;
}): CustomerMessageValues {
  const { request, outcome } = input;
  const waitSeconds = input.expectedWaitSeconds ?? outcome.slaSeconds;
  const name = request.customer.name.trim();
  return {
    customerName: name,
    customerFirstName: name.split(/\s+/)[0] ?? name,
    expectedWaitMinutes: Math.max(1, Math.ceil(waitSeconds / 60)),
    expectedWait: describeWait(waitSeconds),
    slaMinutes: Math.max(1, Math.ceil(outcome.slaSeconds / 60)),
    queue: outcome.queue,
    priority: outcome.priority,
    businessHours: input.businessHours ?? 'our opening hours',
  };
}
