// Fills {{...}} placeholders of a reply from what Baton knows about the customer, the order and
// the agent. Unknown values are never invented: they stay as a visible blank, [[name]], that the
// agent must fill in before sending.
import type { Handoff } from '../../../shared/domain';

export interface PlaceholderContext {
  handoff: Handoff;
  agentName?: string;
}

export interface FilledReply {
  text: string;
  missing: string[];
}

const PLACEHOLDER = /\{\{\s*([a-zA-Z][\w.]*)\s*\}\}/g;

function firstName(name: string | undefined): string | undefined {
  const first = name?.trim().split(/\s+/)[0];
  return first ? first : undefined;
}

/** The order (or ticket) the conversation is about: the one the bot collected, else the only open one. */
function currentItem(handoff: Handoff, kind: 'order' | 'ticket') {
  const items = handoff.customer.openItems.filter((i) => i.kind === kind);
  const collected = handoff.conversation.collectedData[`${kind}Id`] ?? handoff.conversation.collectedData[`${kind}_id`];
  if (collected) return items.find((i) => i.id === collected) ?? { id: collected, title: undefined, status: undefined };
  return items.length === 1 ? items[0] : undefined;
}

export function resolvePlaceholder(name: string, ctx: PlaceholderContext): string | undefined {
  const { handoff } = ctx;
  const c = handoff.customer;
  switch (name) {
    case 'customer.firstName':
      return firstName(c.name);
    case 'customer.name':
      return c.name;
    case 'customer.email':
      return c.email;
    case 'customer.phone':
      return c.phone;
    case 'customer.plan':
      return c.plan;
    case 'customer.tier':
      return c.tier;
    case 'order.id':
      return currentItem(handoff, 'order')?.id;
    case 'order.title':
      return currentItem(handoff, 'order')?.title;
    case 'order.status':
      return currentItem(handoff, 'order')?.status;
    case 'ticket.id':
      return currentItem(handoff, 'ticket')?.id;
    case 'agent.firstName':
      return firstName(ctx.agentName);
    case 'agent.name':
      return ctx.agentName;
    case 'conversation.intent':
      return handoff.conversation.intent;
    default:
      if (name.startsWith('data.')) return handoff.conversation.collectedData[name.slice(5)];
      return undefined;
  }
}

export function fillPlaceholders(template: string, ctx: PlaceholderContext): FilledReply {
  const missing: string[] = [];
  const text = template.replace(PLACEHOLDER, (_whole, name: string) => {
    const value = resolvePlaceholder(name, ctx)?.trim();
    if (value) return value;
    if (!missing.includes(name)) missing.push(name);
    return `[[${name}]]`;
  });
  return { text, missing };
}
