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

/**
 * Placeholders a sent reply is turned back into, longest value first so "Maria Lopez" becomes
 * {{customer.name}} before "Maria" could become {{customer.firstName}}. Statuses, tiers and intents
 * are left out on purpose: words like "shipped" or "vip" are ordinary prose far more often than
 * they are the record's value. A plan name ("Plus") counts only where it is called a plan.
 */
const REVERSIBLE: { name: string; ignoreCase?: boolean; followedBy?: string }[] = [
  { name: 'customer.name' },
  { name: 'customer.firstName' },
  { name: 'customer.email', ignoreCase: true },
  { name: 'customer.phone' },
  { name: 'customer.plan', followedBy: '\\s+(?:plan|subscription|membership|package)\\b' },
  { name: 'order.id', ignoreCase: true },
  { name: 'order.title' },
  { name: 'ticket.id', ignoreCase: true },
  { name: 'agent.name' },
  { name: 'agent.firstName' },
];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The reverse of fillPlaceholders: a reply the agent sent, with the values that came from this
 * customer's record (and the agent's name) turned back into placeholders, so the macro fits the
 * next customer. Only whole-word matches of values at least two characters long are replaced.
 */
export function templateFromReply(text: string, ctx: PlaceholderContext): { text: string; placeholders: string[] } {
  const values: { name: string; value: string; ignoreCase: boolean; followedBy: string }[] = [];
  for (const spec of REVERSIBLE) {
    const value = resolvePlaceholder(spec.name, ctx)?.trim();
    if (!value || value.length < 2 || values.some((v) => v.value.toLowerCase() === value.toLowerCase())) continue;
    values.push({ name: spec.name, value, ignoreCase: spec.ignoreCase ?? false, followedBy: spec.followedBy ?? '' });
  }
  values.sort((a, b) => b.value.length - a.value.length);
  let template = text;
  const placeholders: string[] = [];
  for (const { name, value, ignoreCase, followedBy } of values) {
    // Outside existing placeholders only, and on word boundaries ("Ann" must not eat "Annual").
    const word = `(?<![\\p{L}\\p{N}_@.-])${escapeRegExp(value)}(?![\\p{L}\\p{N}_@-]|\\.[\\p{L}\\p{N}])${followedBy ? `(?=${followedBy})` : ''}`;
    const pattern = new RegExp(`(\\{\\{[^}]*\\}\\})|${word}`, ignoreCase ? 'giu' : 'gu');
    let replaced = false;
    template = template.replace(pattern, (whole: string, placeholder: string | undefined) => {
      if (placeholder) return whole;
      replaced = true;
      return `{{${name}}}`;
    });
    if (replaced) placeholders.push(name);
  }
  return { text: template, placeholders };
}
