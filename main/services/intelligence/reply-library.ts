// The reply library: macros a team can edit, each with the customer phrasings it answers (used to
// rank it by meaning) and placeholders such as {{customer.firstName}} filled from the record.
import { z } from 'zod';
import { ReplyMacro } from '../../../shared/intelligence';

// The schema lives in shared/ so the renderer's editor validates with the very same rules.
export { ReplyMacro };

export const ReplyLibrary = z.array(ReplyMacro).max(20_000).superRefine((macros, ctx) => {
  const seen = new Set<string>();
  macros.forEach((m, i) => {
    if (seen.has(m.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate reply id ${m.id}` });
    seen.add(m.id);
  });
});

/** Parses a team's library file (JSON array of macros), naming the field that is wrong. */
export function parseReplyLibrary(raw: unknown): { ok: true; library: ReplyMacro[] } | { ok: false; error: string } {
  const parsed = ReplyLibrary.safeParse(raw);
  if (parsed.success) return { ok: true, library: parsed.data };
  const issue = parsed.error.issues[0]!;
  return { ok: false, error: `reply library: ${issue.path.join('.') || '(root)'}: ${issue.message}${describeEntry(raw, issue.path[0])}` };
}

/** Names the offending entry by id or title, so a lead can find it in a long file. */
function describeEntry(raw: unknown, index: PropertyKey | undefined): string {
  if (!Array.isArray(raw) || typeof index !== 'number') return '';
  const entry: unknown = raw[index];
  if (typeof entry !== 'object' || entry === null) return ` (entry ${index + 1})`;
  const { id, title } = entry as { id?: unknown; title?: unknown };
  const name = typeof id === 'string' && id ? `id ${JSON.stringify(id.slice(0, 100))}` : typeof title === 'string' && title ? `title ${JSON.stringify(title.slice(0, 100))}` : '';
  return ` (entry ${index + 1}${name ? `, ${name}` : ''})`;
}

type Default = Omit<ReplyMacro, 'origin'>;

const DEFAULTS: Default[] = [
  {
    id: 'refund-status',
    title: 'Refund on its way',
    intent: 'refund',
    text: "Hi {{customer.firstName}}, I've checked your refund for order {{order.id}}. It has been issued and usually shows on your statement within 5 to 10 business days. I'll keep an eye on it for you.",
    examples: ['where is my refund', 'I still have not received my money back', 'when will I get my refund', 'refund not showing on my account', 'you said you would refund me'],
  },
  {
    id: 'refund-request',
    title: 'Start a refund',
    intent: 'refund',
    text: "I'm sorry about this, {{customer.firstName}}. I can refund order {{order.id}} for you right away; the money goes back to your original payment method.",
    examples: ['I want a refund', 'can I get my money back', 'please refund my order', 'I would like to be reimbursed'],
  },
  {
    id: 'delivery-delay',
    title: 'Delivery is delayed',
    intent: 'delivery_delay',
    text: "Hi {{customer.firstName}}, I'm sorry your order {{order.id}} is late. I've checked with the carrier: its current status is {{order.status}}. I'll follow up and let you know as soon as it moves.",
    examples: ['my order has not arrived', 'where is my package', 'my delivery is late', 'the parcel still has not come', 'tracking has not updated in days'],
  },
  {
    id: 'damaged-item',
    title: 'Item arrived damaged',
    intent: 'damaged_item',
    text: "I'm so sorry that {{order.title}} arrived damaged, {{customer.firstName}}. I'll send a replacement at no cost, and you don't need to return the damaged one.",
    examples: ['the item arrived broken', 'my package was damaged', 'the product is cracked', 'it came smashed in the box'],
  },
  {
    id: 'return-item',
    title: 'How to return an item',
    intent: 'return',
    text: 'Of course, {{customer.firstName}}. You can return order {{order.id}} within 30 days: I have emailed a prepaid return label to {{customer.email}}. The refund starts once the parcel is scanned.',
    examples: ['how do I return this', 'I want to send it back', 'can I return an item', 'I need a return label'],
  },
  {
    id: 'login-help',
    title: 'Cannot log in',
    intent: 'login',
    text: "Let's get you back in, {{customer.firstName}}. Please try signing in with {{customer.email}}; if it still fails, tell me the exact error message and I'll check your account from here.",
    examples: ['I cannot log in', 'the app will not let me sign in', 'login is not working', 'it says my credentials are wrong'],
  },
  {
    id: 'password-reset',
    title: 'Reset the password',
    intent: 'password_reset',
    text: "I've sent a password reset link to {{customer.email}}, {{customer.firstName}}. It is valid for one hour; check your spam folder if it doesn't arrive in a few minutes.",
    examples: ['I forgot my password', 'how do I reset my password', 'the reset link does not work', 'I need a new password'],
  },
  {
    id: 'account-locked',
    title: 'Account locked',
    intent: 'account_locked',
    text: 'Your account was locked after several failed sign-in attempts, {{customer.firstName}}; this protects you. I have unlocked it now. For extra safety, please change your password when you sign in.',
    examples: ['my account is locked', 'my account has been blocked', 'it says my account is suspended', 'I am locked out'],
  },
  {
    id: 'billing-double-charge',
    title: 'Charged twice',
    intent: 'billing',
    text: "You're right, {{customer.firstName}}: I can see the duplicate charge. I've reversed the second payment; it will disappear from your statement within a few business days.",
    examples: ['I was charged twice', 'there is a duplicate payment', 'you billed me two times', 'why was I charged again'],
  },
  {
    id: 'billing-explain',
    title: 'Explain the bill',
    intent: 'billing',
    text: 'Happy to explain, {{customer.firstName}}. Your {{customer.plan}} plan is billed monthly; the latest invoice lists the plan fee and any extras used that month. Which line would you like me to go through?',
    examples: ['I do not understand my bill', 'what is this charge', 'why is my invoice so high', 'can you explain the fees'],
  },
  {
    id: 'invoice-copy',
    title: 'Send an invoice copy',
    intent: 'billing',
    text: "I've emailed a copy of your invoice to {{customer.email}}, {{customer.firstName}}. You can also download all invoices under Account → Billing.",
    examples: ['I need a copy of my invoice', 'where can I download my receipt', 'please send me the invoice', 'I need a receipt for my purchase'],
  },
  {
    id: 'payment-failed',
    title: 'Payment failed',
    intent: 'payment_failed',
    text: "Sorry about that, {{customer.firstName}}. The payment was declined by the bank before it reached us, so you haven't been charged. Please check the card details or try another card, and I'll stay here while you do.",
    examples: ['my payment did not go through', 'my card was declined', 'checkout keeps failing', 'the payment failed'],
  },
  {
    id: 'cancellation',
    title: 'Cancel the subscription',
    intent: 'cancellation',
    text: "I'm sorry to see you go, {{customer.firstName}}. I've cancelled your {{customer.plan}} plan; you keep access until the end of the current billing period and won't be charged again.",
    examples: ['I want to cancel my subscription', 'please close my account', 'stop my membership', 'how do I cancel'],
  },
  {
    id: 'order-cancel',
    title: 'Cancel an order',
    intent: 'cancellation',
    text: "Done, {{customer.firstName}}: order {{order.id}} is cancelled before shipping. You'll get a confirmation email and the full amount back on your original payment method.",
    examples: ['cancel my order', 'I ordered by mistake, please cancel it', 'can I cancel the order I just placed'],
  },
  {
    id: 'plan-upgrade',
    title: 'Upgrade the plan',
    intent: 'upgrade',
    text: 'Great choice, {{customer.firstName}}! I can move you from {{customer.plan}} to the premium plan today; the difference is charged pro rata on your next bill.',
    examples: ['I want to upgrade my plan', 'how do I get premium', 'can I switch to a bigger plan', 'I would like more features'],
  },
  {
    id: 'address-change',
    title: 'Change the address',
    intent: 'address_change',
    text: "No problem, {{customer.firstName}}. Please send me the new address and I'll update your account and any open order that hasn't shipped yet.",
    examples: ['I need to change my address', 'I moved house', 'please update my shipping address', 'wrong delivery address on my order'],
  },
  {
    id: 'booking-change',
    title: 'Change a booking',
    intent: 'booking_change',
    text: 'I can help change your booking, {{customer.firstName}}. Which new date or time would suit you? I will check availability and any fare difference before confirming anything.',
    examples: ['I need to change my flight', 'can I move my reservation to another date', 'I want to reschedule my booking', 'change the dates of my hotel stay'],
  },
  {
    id: 'technical-issue',
    title: 'App or site not working',
    intent: 'technical_issue',
    text: "Sorry the app is giving you trouble, {{customer.firstName}}. Could you tell me your device and app version? Meanwhile, updating to the latest version and restarting the app fixes most crashes. I'll look into it with our engineers.",
    examples: ['the app keeps crashing', 'the website is not loading', 'there is a bug', 'the page freezes every time'],
  },
  {
    id: 'apology-bad-experience',
    title: 'Apology for a bad experience',
    intent: 'complaint',
    text: "{{customer.firstName}}, I'm truly sorry. You shouldn't have had to chase us like this, and I understand how frustrating it is. I'm taking this over personally and I'll stay with it until it's resolved.",
    examples: ['this is the worst service ever', 'I am fed up with your company', 'nobody is helping me', 'this is unacceptable, I want to complain', 'I have asked so many times'],
  },
  {
    id: 'vip-greeting',
    title: 'VIP greeting',
    intent: 'vip',
    text: "Hello {{customer.firstName}}, thank you for being one of our most valued customers. I'm {{agent.firstName}} and I'll personally take care of this for you today.",
    examples: ['hello I need some help', 'hi is anyone there', 'I would like to speak to someone'],
  },
  {
    id: 'human-greeting',
    title: 'A person joins',
    intent: 'human_request',
    text: "Hi {{customer.firstName}}, I'm {{agent.firstName}}, a member of the support team. I've read your conversation with our assistant, so there's no need to repeat anything. Let's sort this out.",
    examples: ['I want to talk to a human', 'let me speak to a real person', 'agent please', 'get me a person not a bot'],
  },
  {
    id: 'thanks-closing',
    title: 'Close on thanks',
    intent: 'thanks',
    text: "You're very welcome, {{customer.firstName}}! I'm glad that's sorted. Is there anything else I can help you with today?",
    examples: ['thanks that fixed it', 'thank you so much', 'great it works now', 'perfect thanks for your help'],
  },
];

export function defaultReplyLibrary(): ReplyMacro[] {
  return DEFAULTS.map((d) => ({ ...d, origin: 'default' as const }));
}
