// The replies:* API methods through the real dispatcher: arguments checked against the contract,
// field errors a person can act on, defaults hidden but never deleted, and replies:changed pushed.
import { beforeEach, describe, expect, it } from 'vitest';
import type { ApiHandlers } from '../../../shared/api';
import { dispatchApiCall } from '../../../shared/api-dispatch';
import type { Handoff } from '../../../shared/domain';
import type { ReplyLibraryChange, ReplyLibraryEntry } from '../../../shared/intelligence';
import { handoffFixture } from './handoff-fixture';
import { createReplyLibraryHandlers } from './reply-library-handlers';
import { ReplyLibraryService } from './reply-library-service';
import { InMemoryReplyLibraryStore } from './reply-library-store';
import type { EmbedFn } from './reply-suggester';

// These methods never embed (the suggester embeds lazily, when asked for suggestions).
const noEmbedding: EmbedFn = () => Promise.reject(new Error('not used by these tests'));
const log = { error: () => {} };

let handlers: ApiHandlers;
let changes: ReplyLibraryChange[];
const handoffs = new Map<string, Handoff>();

beforeEach(() => {
  changes = [];
  const library = new ReplyLibraryService({ store: new InMemoryReplyLibraryStore(), embed: noEmbedding, onChanged: (c) => changes.push(c) });
  handlers = createReplyLibraryHandlers({ library, lookupHandoff: (id) => handoffs.get(id), agentName: () => 'Sam Carter' }) as ApiHandlers;
  handoffs.set(
    'h-100',
    handoffFixture({ intent: 'refund_request', messages: [{ author: 'customer', text: 'Where is my refund?' }, { author: 'agent', id: 'a-1', text: 'Maria, your refund for A-1042 left today.' }] }),
  );
});

async function call(method: string, args: unknown) {
  return dispatchApiCall(handlers, method, args, log);
}

async function value<T>(method: string, args: unknown): Promise<T> {
  const result = await call(method, args);
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

describe('replies:* handlers', () => {
  it('lists the defaults with their origin and usage', async () => {
    const list = await value<ReplyLibraryEntry[]>('replies:list', {});
    expect(list.length).toBeGreaterThan(20);
    expect(list.find((e) => e.id === 'refund-status')).toMatchObject({ origin: 'default', uses: 0, hidden: false, replacesDefault: false, updatedAt: null });
  });

  it('answers bad_request naming the field for bad placeholders, syntax and missing fields', async () => {
    const base = { title: 'Warranty', intent: 'warranty', text: 'Hi {{customer.firstName}}', examples: ['is it covered'] };
    expect(await call('replies:save', { ...base, text: 'Hi {{customer.nickname}}' })).toMatchObject({
      ok: false,
      error: { code: 'bad_request', message: expect.stringMatching(/^replies:save: text: unknown placeholder \{\{customer\.nickname\}\}; known ones: \{\{customer\.firstName\}\}/) },
    });
    expect(await call('replies:save', { ...base, text: 'Hi {{customer.firstName}, thanks' })).toMatchObject({
      error: { code: 'bad_request', message: expect.stringContaining('text: bad placeholder syntax at character 4: "{{" is not closed by "}}"') },
    });
    expect(await call('replies:save', { ...base, text: 'Hi {{first name}}' })).toMatchObject({
      error: { message: expect.stringContaining('text: bad placeholder syntax: {{first name}} is not a name like {{customer.firstName}}') },
    });
    expect(await call('replies:save', { ...base, title: '  ' })).toMatchObject({ error: { code: 'bad_request', message: expect.stringContaining('title: a title is required') } });
    expect(await call('replies:save', { ...base, examples: [] })).toMatchObject({ error: { message: expect.stringContaining('examples: at least one example') } });
    expect(await call('replies:save', { ...base, id: 'Not An Id' })).toMatchObject({ error: { message: expect.stringContaining('id: lower-case letters, digits and dashes') } });
    expect(changes).toEqual([]);
  });

  it('creates and updates team macros, and replaces a default until the replacement is deleted', async () => {
    const saved = await value<ReplyLibraryEntry>('replies:save', { title: 'Warranty claim', intent: 'warranty', text: 'Hi {{customer.firstName}}, it is covered.', examples: [' is it covered '] });
    expect(saved).toMatchObject({ id: 'warranty-claim', origin: 'team', examples: ['is it covered'], replacesDefault: false });
    expect((await value<ReplyLibraryEntry>('replies:save', { title: 'Warranty claim', intent: 'warranty', text: 'Second', examples: ['x'] })).id).toBe('warranty-claim-2');
    expect((await value<ReplyLibraryEntry>('replies:save', { ...saved, text: 'Updated, {{customer.firstName}}.' })).text).toBe('Updated, {{customer.firstName}}.');

    const replacement = await value<ReplyLibraryEntry>('replies:save', { id: 'refund-status', title: 'Our refund wording', intent: 'refund', text: 'Refund sent, {{customer.firstName}}.', examples: ['where is my refund'] });
    expect(replacement).toMatchObject({ origin: 'team', replacesDefault: true });
    let list = await value<ReplyLibraryEntry[]>('replies:list', {});
    expect(list.filter((e) => e.id === 'refund-status')).toEqual([expect.objectContaining({ title: 'Our refund wording' })]);
    expect(await value('replies:delete', { replyId: 'refund-status' })).toBeNull();
    list = await value<ReplyLibraryEntry[]>('replies:list', {});
    expect(list.filter((e) => e.id === 'refund-status')).toEqual([expect.objectContaining({ origin: 'default', title: 'Refund on its way' })]);
    expect(changes.map((c) => `${c.reason}:${c.replyIds.join(',')}`)).toEqual([
      'saved:warranty-claim',
      'saved:warranty-claim-2',
      'saved:warranty-claim',
      'saved:refund-status',
      'deleted:refund-status',
    ]);
  });

  it('hides a default instead of deleting it', async () => {
    expect(await call('replies:delete', { replyId: 'vip-greeting' })).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringContaining('hide it instead') } });
    expect(await call('replies:delete', { replyId: 'nope' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await value<ReplyLibraryEntry>('replies:setHidden', { replyId: 'vip-greeting', hidden: true })).toMatchObject({ id: 'vip-greeting', hidden: true });
    expect(await call('replies:setHidden', { replyId: 'nope', hidden: true })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('marks a sent reply as good, and says why when it cannot', async () => {
    const entry = await value<ReplyLibraryEntry>('replies:markGood', { handoffId: 'h-100', messageId: 'a-1' });
    expect(entry).toMatchObject({ origin: 'agent', intent: 'refund_request', text: '{{customer.firstName}}, your refund for {{order.id}} left today.', examples: ['Where is my refund?'] });
    expect(await call('replies:markGood', { handoffId: 'nope', messageId: 'a-1' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await call('replies:markGood', { handoffId: 'h-100', messageId: 'm1' })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(await call('replies:markGood', { handoffId: 'h-100' })).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringContaining('messageId') } });
    expect(changes.map((c) => c.reason)).toEqual(['marked_good']);
  });

  it('exports the team and agent macros as a file another desktop imports', async () => {
    await value('replies:save', { title: 'Warranty claim', intent: 'warranty', text: 'Covered, {{customer.firstName}}.', examples: ['is it covered'] });
    await value('replies:markGood', { handoffId: 'h-100', messageId: 'a-1' });
    const exported = await value<{ json: string; count: number }>('replies:export', {});
    expect(exported.count).toBe(2);

    const other = new ReplyLibraryService({ store: new InMemoryReplyLibraryStore(), embed: noEmbedding });
    const otherHandlers = createReplyLibraryHandlers({ library: other, lookupHandoff: () => undefined }) as ApiHandlers;
    expect(await dispatchApiCall(otherHandlers, 'replies:import', { json: exported.json }, log)).toEqual({ ok: true, value: { imported: 2, removed: 0 } });
    const custom = other.list().filter((e) => e.origin !== 'default');
    expect(custom.map((e) => e.origin)).toEqual(['team', 'team']);
    expect(custom.map((e) => e.text).sort()).toEqual(JSON.parse(exported.json).map((m: { text: string }) => m.text).sort());

    const broken = await dispatchApiCall(otherHandlers, 'replies:import', { json: JSON.stringify([{ id: 'ok-1', title: 'x', intent: 'y', text: 'z', examples: ['e'] }, { id: 'bad', title: '', intent: 'y', text: 'z', examples: ['e'] }]) }, log);
    expect(broken).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringContaining('1.title') } });
    expect(other.list().some((e) => e.id === 'ok-1')).toBe(false);
    expect(await dispatchApiCall(otherHandlers, 'replies:import', { json: ' '.repeat(900_001) }, log)).toMatchObject({
      ok: false,
      error: { code: 'bad_request', message: 'replies:import: json: the file is too large (900,000 characters at most)' },
    });
  });
});
