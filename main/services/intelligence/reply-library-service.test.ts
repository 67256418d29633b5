// The reply library through the real embedding model (transformers.js, baton-embed-mini) and a
// real local store file: good replies join the suggestions, edits re-embed only what changed, and
// usage counts boost the ranking after a restart.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openTempStore, type TempStore } from '../store/store-test-kit';
import { handoffFixture } from './handoff-fixture';
import { WorkerIntelligenceService } from './intelligence-service';
import { builtInModelsDir } from './models-dir';
import { defaultReplyLibrary } from './reply-library';
import { ReplyLibraryService } from './reply-library-service';
import { InMemoryReplyLibraryStore } from './reply-library-store';
import { usageBoost } from './reply-ranker';

let service: WorkerIntelligenceService;
let embedded = 0;
const embed = (texts: readonly string[]) => {
  embedded += texts.length;
  return service.embed(texts);
};
const defaultTexts = defaultReplyLibrary().reduce((n, m) => n + 1 + m.examples.length, 0);

beforeAll(() => {
  service = new WorkerIntelligenceService({ modelsDir: builtInModelsDir() });
});
afterAll(async () => {
  await service.dispose();
});

let temp: TempStore | null = null;
afterEach(() => {
  temp?.cleanup();
  temp = null;
});

function exchangeConversation() {
  return handoffFixture({
    intent: 'Exchange request',
    messages: [
      { author: 'customer', text: 'Hello, the trail shoes I bought are too small.' },
      { author: 'customer', text: 'Can I swap them for a bigger size, a 42?' },
      { author: 'agent', id: 'a-1', text: "Of course Maria! I've arranged an exchange of your Trail running shoes (order A-1042) for a size 42; a courier collects the old pair tomorrow. Sam" },
      { author: 'customer', text: 'Thank you!' },
    ],
  });
}

describe('ReplyLibraryService with the built-in embedding model', () => {
  it('keeps a reply marked as good as an agent macro and suggests it for a similar message from another customer', async () => {
    const changes: string[] = [];
    const library = new ReplyLibraryService({ store: new InMemoryReplyLibraryStore(), embed, onChanged: (c) => changes.push(`${c.reason}:${c.replyIds.join(',')}`) });
    const similar = handoffFixture({ messages: [{ author: 'customer', text: 'The jacket I got is too small, could I swap it for a bigger size?' }] });
    similar.customer.name = 'Tom Becker';
    similar.customer.openItems = [{ id: 'B-77', kind: 'order', title: 'Rain jacket', status: 'delivered' }];

    const before = await library.suggester.suggest(similar, 'Sam Carter');
    expect(before.some((s) => s.replyId.startsWith('agent-'))).toBe(false);

    const entry = library.markGood(exchangeConversation(), 'a-1', 'Sam Carter');
    expect(entry).toMatchObject({
      origin: 'agent',
      intent: 'exchange_request',
      text: "Of course {{customer.firstName}}! I've arranged an exchange of your {{order.title}} (order {{order.id}}) for a size 42; a courier collects the old pair tomorrow. {{agent.firstName}}",
      examples: ['Hello, the trail shoes I bought are too small.', 'Can I swap them for a bigger size, a 42?'],
      uses: 0,
      hidden: false,
    });
    expect(entry.id).toMatch(/^agent-[0-9a-f]{16}$/);
    expect(entry.title).not.toMatch(/Maria|\{\{/);
    expect(changes).toEqual([`marked_good:${entry.id}`]);
    // Marking the same message again keeps the one macro.
    expect(library.markGood(exchangeConversation(), 'a-1', 'Sam Carter').id).toBe(entry.id);
    expect(library.list().filter((e) => e.origin === 'agent')).toHaveLength(1);

    const after = await library.suggester.suggest(similar, 'Sam Carter');
    const mine = after.find((s) => s.replyId === entry.id);
    expect(mine, JSON.stringify(after.map((s) => [s.replyId, s.score]))).toBeDefined();
    expect(after[0]!.replyId).toBe(entry.id);
    expect(mine!.text).toBe("Of course Tom! I've arranged an exchange of your Rain jacket (order B-77) for a size 42; a courier collects the old pair tomorrow. Sam");
  });

  it('refuses to keep what the agent did not send', () => {
    const library = new ReplyLibraryService({ store: new InMemoryReplyLibraryStore(), embed });
    const handoff = exchangeConversation();
    expect(() => library.markGood(handoff, 'm1')).toThrow(/only replies an agent sent/);
    expect(() => library.markGood(handoff, 'nope')).toThrow(/no message nope/);
    handoff.conversation.messages[2]!.pending = true;
    expect(() => library.markGood(handoff, 'a-1')).toThrow(/not been sent yet/);
  });

  it('embeds a macro again only when its title or examples change', async () => {
    const library = new ReplyLibraryService({ store: new InMemoryReplyLibraryStore(), embed });
    const handoff = handoffFixture();
    embedded = 0;
    await library.suggester.suggest(handoff);
    expect(embedded).toBe(defaultTexts + 1); // the library, then the customer's message

    embedded = 0;
    const saved = library.save({ title: 'Warranty claim', intent: 'warranty', text: 'Hi {{customer.firstName}}, your product is under warranty.', examples: ['is this covered by warranty', 'my device broke after a month'] });
    await library.suggester.suggest(handoff);
    expect(embedded).toBe(3 + 1);

    embedded = 0;
    library.save({ ...saved, text: 'Hello {{customer.firstName}}, good news: it is covered by the warranty.' });
    library.setHidden('refund-request', true);
    await library.suggester.suggest(handoff);
    expect(embedded).toBe(1);
    expect(library.suggester.getLibrary().some((m) => m.id === 'refund-request')).toBe(false);

    embedded = 0;
    library.save({ ...saved, examples: [...saved.examples, 'the warranty should cover this'] });
    library.delete(saved.id);
    library.setHidden('refund-request', false);
    await library.suggester.suggest(handoff);
    expect(embedded).toBe(1); // the deleted macro's new examples were never needed; refund-request's vectors were kept
  });

  it('embeds the whole library again when the embedding model changes', async () => {
    let model = 'baton-embed-mini';
    const library = new ReplyLibraryService({ store: new InMemoryReplyLibraryStore(), embed, embeddingModel: () => model });
    const handoff = handoffFixture();
    await library.suggester.suggest(handoff);
    embedded = 0;
    await library.suggester.suggest(handoff);
    expect(embedded).toBe(1);
    model = 'another-model';
    embedded = 0;
    await library.suggester.suggest(handoff);
    expect(embedded).toBe(defaultTexts + 1);
    embedded = 0;
    library.suggester.invalidateEmbeddings();
    await library.suggester.suggest(handoff);
    expect(embedded).toBe(defaultTexts + 1);
  });

  it('counts uses in the store, so the ranking boost survives a restart', async () => {
    temp = await openTempStore();
    const handoff = handoffFixture({ messages: [{ author: 'customer', text: 'I have a question about money I paid' }] });
    const first = new ReplyLibraryService({ store: temp.store.replies, embed });
    const ranked = await first.suggester.suggest(handoff);
    const third = ranked[2]!;
    for (let i = 0; i < 3; i++) expect(first.recordUse(third.replyId)).toBe(true);
    expect(first.recordUse('no-such-reply')).toBe(false);

    const reopened = await temp.reopen();
    const second = new ReplyLibraryService({ store: reopened.replies, embed });
    expect(second.get(third.replyId)!.uses).toBe(3);
    const again = (await second.suggester.suggest(handoff)).find((s) => s.replyId === third.replyId);
    expect(again).toBeDefined();
    expect(again!.score).toBeCloseTo(third.score + usageBoost(3), 5);
  });
});
