// One realistic handoff request, as a bot platform would POST it: a customer, a transcript of several
// turns in the customer's language, the bot's summary, steps and collected data, and a trigger whose
// story the transcript tells (an upset customer sounds upset; a failed-attempts handoff shows the
// retries). Deterministic: the same rng state, index and options give the same request.
import type { Channel, Message, OpenItem, Sentiment, SentimentLabel, Trigger } from '../../shared/domain';
import type { HandoffRequest } from '../../shared/ingest';
import type { Rng } from './random';
import { generateCustomer } from './simulated-customer';
import { BOT_LINES, CUSTOMER_LINES, SUPPORT_TOPICS, UNKNOWN_QUERIES, fillTemplate, type Language } from './support-topics';

export interface GenerateHandoffOptions {
  /** The moment the handoff happens (ms since epoch); transcript times lead up to it. */
  now?: number;
  /** Prefix of every id, so runs with different prefixes never collide in one hub. */
  idPrefix?: string;
}

/** A fixed default moment, so output depends only on the seed unless a caller passes `now`. */
export const DEFAULT_SIMULATION_TIME = Date.parse('2026-01-05T10:00:00.000Z');

export const TRIGGER_WEIGHTS: Readonly<Record<Trigger, number>> = {
  negative_sentiment: 24,
  human_requested: 18,
  failed_attempts: 16,
  complex_request: 16,
  unknown_query: 14,
  vip_customer: 12,
};

const LANGUAGE_WEIGHTS: Readonly<Record<Language, number>> = { en: 70, es: 12, de: 10, fr: 8 };
const CHANNEL_WEIGHTS: Readonly<Record<Channel, number>> = { chat: 55, whatsapp: 15, email: 8, voice: 10, sms: 5, social: 7 };

/** Where the customer's mood starts and ends over the transcript, per trigger. */
const MOOD: Record<Trigger, { start: [number, number]; end: [number, number] }> = {
  negative_sentiment: { start: [-0.4, 0], end: [-0.95, -0.6] },
  human_requested: { start: [-0.2, 0.1], end: [-0.5, 0] },
  failed_attempts: { start: [-0.2, 0.1], end: [-0.7, -0.3] },
  complex_request: { start: [-0.1, 0.2], end: [-0.3, 0.2] },
  unknown_query: { start: [0, 0.3], end: [-0.2, 0.3] },
  vip_customer: { start: [-0.3, 0.2], end: [-0.7, 0.2] },
};

export const SENTIMENT_SOURCE = 'bot-platform';

export function sentimentOf(score: number): Sentiment {
  const rounded = Math.round(Math.max(-1, Math.min(1, score)) * 100) / 100;
  const label: SentimentLabel = rounded <= -0.25 ? 'negative' : rounded >= 0.25 ? 'positive' : 'neutral';
  return { label, score: rounded, source: SENTIMENT_SOURCE };
}

interface Turn {
  author: 'customer' | 'bot';
  text: string;
}

export function generateHandoff(rng: Rng, index: number, options: GenerateHandoffOptions = {}): HandoffRequest {
  const now = options.now ?? DEFAULT_SIMULATION_TIME;
  const idPrefix = options.idPrefix ?? 'sim';
  const trigger = rng.weighted(TRIGGER_WEIGHTS);
  const language = rng.weighted(LANGUAGE_WEIGHTS);
  const channel = rng.weighted(CHANNEL_WEIGHTS);
  const topic = rng.pick(SUPPORT_TOPICS);
  const facts = topic.facts(rng);
  const lines = CUSTOMER_LINES[language];
  const bot = language === 'en' ? undefined : BOT_LINES[language];
  const customer = generateCustomer(rng, { index, language, highValue: trigger === 'vip_customer', now, idPrefix });

  const openItems: OpenItem[] = [];
  if (topic.openItem && trigger !== 'unknown_query') {
    openItems.push({ id: `${idPrefix}-item-${index}-0`, kind: topic.openItem.kind, title: topic.openItem.title(facts), status: topic.openItem.status });
  }
  if (rng.chance(0.25)) {
    openItems.push({ id: `${idPrefix}-item-${index}-1`, kind: 'order', title: `Order A-${rng.int(10_000, 99_999)}`, status: rng.pick(['processing', 'shipped', 'delivered']) });
  }
  customer.openItems = openItems;

  const failedAttempts = trigger === 'failed_attempts' ? rng.int(2, 5) : rng.chance(0.3) ? 1 : 0;
  const turns: Turn[] = [];
  const unknownIndex = rng.int(0, UNKNOWN_QUERIES.en.length - 1);
  const unknownLocal = UNKNOWN_QUERIES[language];
  let unknownQuestion = '';

  if (trigger === 'unknown_query') {
    unknownQuestion = unknownLocal[unknownIndex % unknownLocal.length]!;
    turns.push({ author: 'customer', text: unknownQuestion });
    turns.push({ author: 'bot', text: bot?.unknown ?? 'Sorry, I am not sure I understood. Could you rephrase that?' });
    turns.push({ author: 'customer', text: language === 'en' ? `I mean: ${UNKNOWN_QUERIES.en[unknownIndex]!.toLowerCase()}` : unknownQuestion });
    turns.push({ author: 'bot', text: bot?.unknown ?? 'I am afraid I do not have an answer for that.' });
  } else {
    turns.push({ author: 'customer', text: fillTemplate(rng.pick(topic.openers[language]), facts) });
    turns.push({ author: 'bot', text: bot?.ask ?? topic.botQuestion });
    const detail =
      language === 'en' && topic.detailText
        ? fillTemplate(topic.detailText, facts)
        : topic.detailText
          ? rng.pick(lines.calm)
          : lines.detail.replace('{value}', facts[topic.detailKey] ?? '');
    turns.push({ author: 'customer', text: detail });
    turns.push({ author: 'bot', text: bot?.attempt ?? fillTemplate(rng.pick(topic.botAttempts), facts) });
  }
  const retries = Math.min(Math.max(failedAttempts - 1, 0), 3);
  for (let i = 0; i < retries; i++) {
    turns.push({ author: 'customer', text: rng.pick(lines.stillBroken) });
    turns.push({ author: 'bot', text: bot?.attempt ?? fillTemplate(rng.pick(topic.botAttempts), facts) });
  }
  switch (trigger) {
    case 'negative_sentiment':
      turns.push({ author: 'customer', text: rng.pick(lines.angry) });
      if (rng.chance(0.5)) turns.push({ author: 'customer', text: rng.pick(lines.angry) });
      break;
    case 'human_requested':
      turns.push({ author: 'customer', text: rng.pick(lines.human) });
      break;
    case 'failed_attempts':
      turns.push({ author: 'customer', text: rng.pick(lines.stillBroken) });
      break;
    case 'complex_request':
      turns.push({ author: 'customer', text: language === 'en' ? topic.complexAsk : rng.pick(lines.stillBroken) });
      break;
    case 'vip_customer':
    case 'unknown_query':
      turns.push({ author: 'customer', text: rng.pick(rng.chance(0.3) ? lines.angry : lines.calm) });
      break;
  }
  turns.push({ author: 'bot', text: bot?.handoff ?? 'I am connecting you with a member of our team now.' });

  const mood = MOOD[trigger];
  const startScore = rng.float(...mood.start);
  const endScore = rng.float(...mood.end);
  const customerTurns = turns.filter((turn) => turn.author === 'customer').length;
  const gaps = turns.map(() => rng.int(8, 75) * 1000);
  let at = now - gaps.reduce((sum, gap) => sum + gap, 0);
  let customerSeen = 0;
  const messages: Message[] = turns.map((turn, i) => {
    at += gaps[i]!;
    const message: Message = { id: `${idPrefix}-msg-${index}-${i}`, author: turn.author, text: turn.text, at: new Date(at).toISOString() };
    if (turn.author === 'customer') {
      const progress = customerTurns <= 1 ? 1 : customerSeen / (customerTurns - 1);
      customerSeen++;
      message.sentiment = sentimentOf(startScore + (endScore - startScore) * progress + rng.float(-0.08, 0.08));
    }
    return message;
  });
  const lastScore = [...messages].reverse().find((message) => message.sentiment)?.sentiment?.score ?? endScore;

  const botConfidence = Math.round((trigger === 'unknown_query' ? rng.float(0.05, 0.3) : rng.float(0.45, 0.95)) * 100) / 100;
  const steps =
    trigger === 'unknown_query'
      ? ['Searched the help centre (no match)', 'Asked the customer to rephrase']
      : topic.steps.map((step) => fillTemplate(step, facts));
  if (retries > 0 || trigger === 'failed_attempts') steps.push(`Retried the suggested fix (${failedAttempts} failed attempts)`);

  let summary =
    trigger === 'unknown_query'
      ? `Customer asked: "${UNKNOWN_QUERIES.en[unknownIndex]}" No matching flow (confidence ${botConfidence}); the bot could not answer.`
      : topic.summary(facts);
  let triggerDetail: string;
  switch (trigger) {
    case 'negative_sentiment':
      summary += ' Customer is increasingly frustrated.';
      triggerDetail = `Customer sentiment fell to ${sentimentOf(lastScore).score} over ${customerTurns} messages`;
      break;
    case 'vip_customer':
      summary += ` ${customer.tier.toUpperCase()} customer, lifetime value ${customer.lifetimeValue}.`;
      triggerDetail = `${customer.tier} tier, lifetime value ${customer.lifetimeValue}`;
      break;
    case 'complex_request':
      summary += ` Customer also asks: ${topic.complexAsk}`;
      triggerDetail = 'Request spans several steps outside the bot flows';
      break;
    case 'unknown_query':
      triggerDetail = `No intent above the confidence threshold (best ${botConfidence})`;
      break;
    case 'failed_attempts':
      summary += ` The bot tried ${failedAttempts} times without resolving it.`;
      triggerDetail = `${failedAttempts} failed attempts`;
      break;
    case 'human_requested':
      summary += ' Customer asked for a person.';
      triggerDetail = `Customer wrote: "${turns.filter((turn) => turn.author === 'customer').at(-1)!.text}"`;
      break;
  }

  const intent = trigger === 'unknown_query' ? 'fallback' : topic.intent;
  return {
    eventId: `${idPrefix}-evt-${index}`,
    trigger,
    triggerDetail,
    customer,
    conversation: {
      externalId: `${idPrefix}-conv-${index}`,
      channel,
      language: rng.chance(0.15) && customer.locale ? customer.locale : language,
      intent,
      recentIntents: trigger === 'unknown_query' ? ['greeting', 'fallback'] : ['greeting', intent],
      summary,
      stepsTaken: steps,
      collectedData: trigger === 'unknown_query' ? {} : facts,
      botConfidence,
      failedAttempts,
      messages,
    },
    sentiment: sentimentOf(lastScore),
  };
}
