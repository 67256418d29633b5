import { describe, expect, it } from 'vitest';
import { TIERS, TRIGGERS } from '../../shared/domain';
import { CustomerMessageRequest, HandoffRequest } from '../../shared/ingest';
import { generateCustomerMessage } from './customer-follow-up';
import { DEFAULT_SIMULATION_TIME, generateHandoff } from './generate-handoff';
import { createRng } from './random';

function batch(seed: number, count: number, options = {}) {
  const rng = createRng(seed);
  return Array.from({ length: count }, (_, i) => generateHandoff(rng, i, options));
}

describe('generateHandoff', () => {
  const requests = batch(2026, 300);
  const parsed = requests.map((request) => HandoffRequest.parse(request));

  it('is deterministic per seed and differs between seeds', () => {
    expect(batch(2026, 50)).toEqual(requests.slice(0, 50));
    const other = batch(2027, 50);
    expect(other).not.toEqual(requests.slice(0, 50));
    expect(new Set(other.map((request) => request.conversation.summary)).size).toBeGreaterThan(30);
  });

  it('produces requests that pass the shared HandoffRequest schema', () => {
    for (const request of requests) {
      const result = HandoffRequest.safeParse(request);
      expect(result.success, result.success ? '' : JSON.stringify(result.error.issues)).toBe(true);
    }
  });

  it('covers every trigger, every tier, four languages and several channels', () => {
    expect(new Set(requests.map((request) => request.trigger))).toEqual(new Set(TRIGGERS));
    expect(new Set(requests.map((request) => request.customer.tier))).toEqual(new Set(TIERS));
    const languages = new Set(parsed.map((request) => request.conversation.language.split('-')[0]));
    expect(languages).toEqual(new Set(['en', 'es', 'de', 'fr']));
    const english = parsed.filter((request) => request.conversation.language.startsWith('en')).length;
    expect(english / parsed.length).toBeGreaterThan(0.55);
    expect(new Set(parsed.map((request) => request.conversation.channel)).size).toBeGreaterThanOrEqual(5);
    expect(new Set(parsed.map((request) => request.conversation.intent)).size).toBeGreaterThanOrEqual(10);
  });

  it('tells a story that fits the trigger', () => {
    for (const request of parsed) {
      const { conversation, customer } = request;
      const customerScores = conversation.messages.filter((message) => message.author === 'customer').map((message) => message.sentiment!.score);
      switch (request.trigger) {
        case 'negative_sentiment':
          expect(request.sentiment!.score).toBeLessThan(-0.4);
          expect(customerScores.at(-1)!).toBeLessThan(customerScores[0]!);
          break;
        case 'vip_customer':
          expect(['vip', 'premium']).toContain(customer.tier);
          expect(customer.lifetimeValue).toBeGreaterThanOrEqual(10_000);
          break;
        case 'failed_attempts':
          expect(conversation.failedAttempts).toBeGreaterThanOrEqual(2);
          expect(conversation.stepsTaken.at(-1)).toMatch(/failed attempts/);
          break;
        case 'unknown_query':
          expect(conversation.botConfidence).toBeLessThan(0.3);
          expect(conversation.intent).toBe('fallback');
          break;
        case 'complex_request':
          expect(conversation.summary).toMatch(/also asks/);
          break;
        case 'human_requested':
          expect(conversation.summary).toMatch(/asked for a person/);
          break;
      }
    }
  });

  it('writes transcripts of several turns, in order, before the handoff moment, with nothing left unfilled', () => {
    for (const request of parsed) {
      const { messages } = request.conversation;
      expect(messages.length).toBeGreaterThanOrEqual(5);
      expect(messages.some((message) => message.author === 'bot')).toBe(true);
      const times = messages.map((message) => Date.parse(message.at));
      expect([...times].sort((a, b) => a - b)).toEqual(times);
      expect(times.at(-1)!).toBeLessThanOrEqual(DEFAULT_SIMULATION_TIME);
      for (const text of [request.conversation.summary, ...messages.map((message) => message.text), ...request.conversation.stepsTaken]) {
        expect(text).not.toMatch(/\{\w+\}|undefined/);
      }
      for (const message of messages) expect(message.author === 'customer').toBe(message.sentiment !== undefined);
      expect(new Set(messages.map((message) => message.id)).size).toBe(messages.length);
    }
  });

  it('fills customers with plans, values, locales, history and open items', () => {
    expect(parsed.every((request) => request.customer.plan && request.customer.locale && request.customer.lifetimeValue !== undefined)).toBe(true);
    expect(parsed.filter((request) => request.customer.pastConversations.length > 0).length).toBeGreaterThan(150);
    expect(parsed.filter((request) => request.customer.openItems.length > 0).length).toBeGreaterThan(100);
    expect(new Set(parsed.map((request) => request.eventId)).size).toBe(parsed.length);
  });

  it('uses the given time and id prefix', () => {
    const now = Date.parse('2026-11-26T12:00:00Z');
    const [request] = batch(5, 1, { now, idPrefix: 'run7' });
    expect(request!.eventId).toBe('run7-evt-0');
    expect(request!.conversation.externalId).toBe('run7-conv-0');
    expect(Date.parse(request!.conversation.messages.at(-1)!.at)).toBeLessThanOrEqual(now);
    expect(Date.parse(request!.conversation.messages[0]!.at)).toBeGreaterThan(now - 3_600_000);
  });
});

describe('generateCustomerMessage', () => {
  it('writes valid follow-ups in the conversation language, some angry and some calm', () => {
    const rng = createRng(99);
    const requests = batch(3, 100);
    const messages = requests.map((request, i) => generateCustomerMessage(rng, request, { sequence: i }));
    for (const message of messages) expect(CustomerMessageRequest.safeParse(message).success).toBe(true);
    const labels = new Set(messages.map((message) => message.sentiment!.label));
    expect(labels.has('negative') && (labels.has('positive') || labels.has('neutral'))).toBe(true);
    expect(new Set(messages.map((message) => message.eventId)).size).toBe(messages.length);
    const german = requests.findIndex((request) => request.conversation.language.startsWith('de'));
    expect(messages[german]!.message.text).toMatch(/[äöüß]|Danke|Hallo|Gut|Das|Ich|Inakzeptabel|Wie|Wenn|Okay/);
  });

  it('is deterministic per seed', () => {
    const [request] = batch(1, 1);
    expect(generateCustomerMessage(createRng(4), request!, { sequence: 0 })).toEqual(generateCustomerMessage(createRng(4), request!, { sequence: 0 }));
  });
});
