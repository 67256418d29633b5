// Builds handoff requests for the rules tests and benchmark: a valid baseline that each case
// changes in the one place it is about.
import { HandoffRequest, type ParsedHandoffRequest } from '../../shared/ingest';

export interface RequestChanges {
  trigger?: HandoffRequest['trigger'];
  tier?: HandoffRequest['customer']['tier'];
  plan?: string;
  lifetimeValue?: number;
  sentimentScore?: number | null;
  /** Scores of the customer's messages, oldest first. */
  customerScores?: number[];
  customerTexts?: string[];
  failedAttempts?: number;
  botConfidence?: number;
  intent?: string;
  recentIntents?: string[];
  language?: string;
  channel?: HandoffRequest['conversation']['channel'];
}

export function requestWith(changes: RequestChanges = {}): ParsedHandoffRequest {
  const scores = changes.customerScores;
  const defaultTexts = ['Hello, my parcel has not arrived.', 'It is order A-12345.'];
  while (scores && defaultTexts.length < scores.length) defaultTexts.push('Any news?');
  const texts = changes.customerTexts ?? defaultTexts;
  const messages = texts.map((text, i) => ({
    id: `m${i}`,
    author: 'customer' as const,
    text,
    at: new Date(Date.parse('2026-01-05T09:50:00Z') + i * 60_000).toISOString(),
    ...(scores && scores[i] !== undefined
      ? { sentiment: { label: scores[i]! < -0.25 ? ('negative' as const) : ('neutral' as const), score: scores[i]!, source: 'test' } }
      : {}),
  }));
  const score = changes.sentimentScore === undefined ? -0.1 : changes.sentimentScore;
  return HandoffRequest.parse({
    eventId: 'evt-1',
    trigger: changes.trigger ?? 'human_requested',
    customer: {
      id: 'c-1',
      name: 'Priya Patel',
      tier: changes.tier ?? 'standard',
      ...(changes.plan ? { plan: changes.plan } : {}),
      ...(changes.lifetimeValue !== undefined ? { lifetimeValue: changes.lifetimeValue } : {}),
    },
    conversation: {
      externalId: 'conv-1',
      channel: changes.channel ?? 'chat',
      language: changes.language ?? 'en',
      ...(changes.intent ? { intent: changes.intent } : {}),
      recentIntents: changes.recentIntents ?? [],
      summary: 'Parcel late.',
      failedAttempts: changes.failedAttempts ?? 0,
      ...(changes.botConfidence !== undefined ? { botConfidence: changes.botConfidence } : {}),
      messages,
    },
    ...(score === null ? {} : { sentiment: { label: score < -0.25 ? 'negative' : 'neutral', score, source: 'test' } }),
  });
}
