// The message scorer with the real model worker and the built-in ONNX sentiment model: customer
// messages get a score on arrival (offer, accept, live message), agent and bot messages never do,
// and with no model the messages stay unscored.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ManualClock } from '../../../shared/clock';
import type { Handoff } from '../../../shared/domain';
import { Inbox, type InboxChange } from '../inbox/inbox';
import { silentLogger } from '../logger';
import { sampleHandoff } from '../testing/sample-handoff';
import { WorkerIntelligenceService } from './intelligence-service';
import { MessageScorer } from './message-scorer';
import { builtInModelsDir } from './models-dir';

const clock = new ManualClock(Date.parse('2026-11-26T10:00:00Z'));
const later = '2026-11-26T10:01:00.000Z';

function withMessages(id: string): Handoff {
  const base = sampleHandoff(id);
  return {
    ...base,
    conversation: {
      ...base.conversation,
      messages: [
        { id: `${id}-c1`, author: 'customer', text: 'This is the third time I ask. Your service is terrible and I am furious!', at: '2026-11-26T09:58:00.000Z' },
        { id: `${id}-b1`, author: 'bot', text: 'I am sorry to hear that. Let me connect you to a person.', at: '2026-11-26T09:58:10.000Z' },
        { id: `${id}-c2`, author: 'customer', text: 'thanks, that is great, I really appreciate it', at: '2026-11-26T09:58:20.000Z' },
      ],
    },
  };
}

function scoredUpdates(changes: InboxChange[]) {
  return changes.filter((c) => c.event === 'handoff:updated');
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 600 && !check(); i++) await new Promise((resolve) => setImmediate(resolve));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

describe('MessageScorer with the built-in sentiment model', () => {
  let service: WorkerIntelligenceService;
  beforeAll(async () => {
    service = new WorkerIntelligenceService({ modelsDir: builtInModelsDir(), requestTimeoutMs: 60_000 });
    await service.warmUp('sentiment');
  });
  afterAll(async () => {
    await service.dispose();
  });

  test('an offer is scored in one batch: customer messages only, source = model name', async () => {
    const inbox = new Inbox(() => 'me', clock);
    const changes: InboxChange[] = [];
    inbox.onChange((c) => changes.push(c));
    const persisted: string[] = [];
    inbox.onMessagesScored((handoffId, messages) => persisted.push(...messages.map((m) => `${handoffId}/${m.id}`)));
    const calls: number[] = [];
    const scorer = new MessageScorer({
      service: { scoreSentiment: (texts) => (calls.push(texts.length), service.scoreSentiment(texts)) },
      inbox,
      log: silentLogger,
    });
    inbox.offerReceived(withMessages('h1'), later);
    await scorer.whenIdle();

    expect(calls).toEqual([2]);
    const messages = inbox.get('h1')!.handoff.conversation.messages;
    expect(messages[0]!.sentiment).toMatchObject({ label: 'negative', source: 'baton-sentiment-mini' });
    expect(messages[0]!.sentiment!.score).toBeLessThan(-0.3);
    expect(messages[1]!.sentiment).toBeUndefined();
    expect(messages[2]!.sentiment).toMatchObject({ label: 'positive', source: 'baton-sentiment-mini' });
    // The renderer gets the scored item pushed; the cache hook hears each scored message once.
    expect(scoredUpdates(changes)).toHaveLength(1);
    expect(persisted).toEqual(['h1/h1-c1', 'h1/h1-c2']);
    await scorer.dispose();
  });

  test('a live customer message is scored on arrival; the scores survive a hub update of the handoff', async () => {
    const inbox = new Inbox(() => 'me', clock);
    const changes: InboxChange[] = [];
    inbox.onChange((c) => changes.push(c));
    const scorer = new MessageScorer({ service, inbox, log: silentLogger });
    inbox.offerReceived(withMessages('h2'), later);
    await scorer.whenIdle();
    // Accepted: the hub's copy carries no on-device scores; the inbox keeps ours.
    inbox.handoffUpdated({ ...withMessages('h2'), status: 'accepted', assignedAgentId: 'me' });
    expect(inbox.get('h2')!.handoff.conversation.messages[0]!.sentiment?.source).toBe('baton-sentiment-mini');

    inbox.messageReceived('h2', { id: 'h2-c3', author: 'customer', text: 'This is useless, I want a refund NOW. Worst company ever.', at: '2026-11-26T10:00:30.000Z' });
    inbox.messageReceived('h2', { id: 'h2-a1', author: 'agent', text: 'I understand, let me check.', at: '2026-11-26T10:00:40.000Z' });
    await scorer.whenIdle();
    const messages = inbox.get('h2')!.handoff.conversation.messages;
    expect(messages.find((m) => m.id === 'h2-c3')!.sentiment).toMatchObject({ label: 'negative', source: 'baton-sentiment-mini' });
    expect(messages.find((m) => m.id === 'h2-a1')!.sentiment).toBeUndefined();
    const last = scoredUpdates(changes).at(-1)!;
    expect(last.event === 'handoff:updated' && last.payload.handoff.conversation.messages.some((m) => m.id === 'h2-c3' && m.sentiment)).toBe(true);
    await scorer.dispose();
  });

  test('messages already in the inbox when the scorer starts are scored too', async () => {
    const inbox = new Inbox(() => 'me', clock);
    inbox.offerReceived(withMessages('h3'), later);
    const scorer = new MessageScorer({ service, inbox, log: silentLogger });
    await until(() => inbox.get('h3')!.handoff.conversation.messages[0]!.sentiment !== undefined, 'the score');
    await scorer.dispose();
  });
});

describe('MessageScorer without a model', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'baton-no-models-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('leaves messages unscored, pushes nothing, and keeps working', async () => {
    const service = new WorkerIntelligenceService({ modelsDir: dir, requestTimeoutMs: 30_000 });
    try {
      const inbox = new Inbox(() => 'me', clock);
      const changes: InboxChange[] = [];
      inbox.onChange((c) => changes.push(c));
      const warnings: string[] = [];
      const scorer = new MessageScorer({ service, inbox, log: { ...silentLogger, warn: (m) => warnings.push(m) } });
      inbox.offerReceived(withMessages('h4'), later);
      await scorer.whenIdle();
      expect(inbox.get('h4')!.handoff.conversation.messages.every((m) => m.sentiment === undefined)).toBe(true);
      expect(scoredUpdates(changes)).toEqual([]);
      expect(warnings).toHaveLength(1);
      expect(service.status().sentiment.state).toBe('unavailable');
      await scorer.dispose();
    } finally {
      await service.dispose();
    }
  });
});
