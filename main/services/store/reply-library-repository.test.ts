// The reply library in a real SQLite file: macros, hidden defaults and usage counts survive a
// reopen; macro content is sealed at rest; a bad library file changes nothing.
import { afterEach, describe, expect, it } from 'vitest';
import type { EmbedFn } from '../intelligence/reply-suggester';
import { ReplyLibraryService } from '../intelligence/reply-library-service';
import { ManualClock } from '../../../shared/clock';
import { ReplyLibraryRepository } from './reply-library-repository';
import { openTempStore, type TempStore } from './store-test-kit';

let temp: TempStore | null = null;
afterEach(() => {
  temp?.cleanup();
  temp = null;
});

// Listing, saving and importing never embed; the suggester's real model is exercised in
// intelligence/reply-library-service.test.ts.
const noEmbedding: EmbedFn = () => Promise.reject(new Error('not used by these tests'));

const team = (id: string, title = `Team ${id}`) => ({ id, origin: 'team' as const, title, intent: 'billing', text: `Hi {{customer.firstName}}, ${title}.`, examples: [`question about ${id}`] });

describe('ReplyLibraryRepository', () => {
  it('keeps team and agent macros, hidden defaults and usage counts across a reopen', async () => {
    const clock = new ManualClock(Date.parse('2026-03-01T10:00:00.000Z'));
    temp = await openTempStore({ clock });
    const { replies } = temp.store;
    expect(replies.load()).toEqual({ macros: [], hidden: [], usage: [] });

    expect(replies.saveMacros([team('t-1'), { ...team('a-1'), origin: 'agent' }])).toEqual({ removed: 0, updatedAt: clock.now() });
    replies.setHidden('vip-greeting', true);
    replies.setHidden('thanks-closing', true);
    replies.setHidden('thanks-closing', false);
    expect(replies.recordUse('refund-status')).toBe(1);
    expect(replies.recordUse('refund-status')).toBe(2);
    expect(replies.recordUse('t-1')).toBe(1);
    clock.advance(60_000);
    replies.saveMacros([team('t-1', 'Changed title')]);

    const reopened = await temp.reopen();
    const snapshot = reopened.replies.load();
    expect(snapshot.macros).toEqual([
      { macro: { ...team('a-1'), origin: 'agent' }, updatedAt: Date.parse('2026-03-01T10:00:00.000Z') },
      { macro: team('t-1', 'Changed title'), updatedAt: Date.parse('2026-03-01T10:01:00.000Z') },
    ]);
    expect(snapshot.hidden).toEqual(['vip-greeting']);
    expect(new Map(snapshot.usage)).toEqual(new Map([['refund-status', 2], ['t-1', 1]]));
    expect(reopened.replies.deleteMacro('t-1')).toBe(true);
    expect(reopened.replies.deleteMacro('t-1')).toBe(false);
  });

  it('seals macro content at rest and skips a row that fails authentication', async () => {
    const warnings: string[] = [];
    temp = await openTempStore();
    temp.store.replies.saveMacros([team('t-1', 'Secret refund wording'), team('t-2')]);
    const rows = temp.store.database.db.prepare(`SELECT id, body FROM reply_macros ORDER BY id`).all() as { id: string; body: Buffer }[];
    for (const row of rows) expect(row.body.toString('latin1')).not.toContain('refund wording');
    // Copy t-2's ciphertext onto t-1: bound to its row, it must not open there.
    temp.store.database.db.prepare(`UPDATE reply_macros SET body = ? WHERE id = 't-1'`).run(rows[1]!.body);
    const reopened = await temp.reopen();
    const replies = new ReplyLibraryRepository(reopened.database, reopened.cipher, { info() {}, warn: (m) => warnings.push(m) });
    expect(replies.load().macros.map((m) => m.macro.id)).toEqual(['t-2']);
    expect(warnings).toEqual(['store: reply t-1 could not be read and is left out of the library']);
  });

  it('imports a library file all or nothing, naming the wrong entry, and keeps it across a reopen', async () => {
    temp = await openTempStore();
    const first = new ReplyLibraryService({ store: temp.store.replies, embed: noEmbedding });
    first.save({ title: 'Keep me', intent: 'billing', text: 'Kept, {{customer.firstName}}.', examples: ['keep'] });
    const before = temp.store.replies.load();

    const bad = JSON.stringify([team('imp-1'), team('imp-2'), { ...team('imp-3'), text: 'Hi {{customer.nickname}}' }]);
    expect(() => first.import(bad)).toThrow(/reply library: 2\.text: unknown placeholder \{\{customer\.nickname\}\}.*\(entry 3, id "imp-3"\)/);
    expect(() => first.import('[{"id": "x"')).toThrow(/not valid JSON/);
    expect(() => first.import(JSON.stringify([team('dup'), team('dup')]))).toThrow(/1\.id: duplicate reply id dup/);
    expect(temp.store.replies.load()).toEqual(before);

    expect(first.import(JSON.stringify([team('imp-1'), { ...team('imp-2'), origin: 'agent' }]))).toEqual({ imported: 2, removed: 0 });
    const reopened = await temp.reopen();
    const second = new ReplyLibraryService({ store: reopened.replies, embed: noEmbedding });
    const custom = second.list().filter((e) => e.origin !== 'default');
    expect(custom.map((e) => [e.id, e.origin])).toEqual([
      ['keep-me', 'team'],
      ['imp-1', 'team'],
      ['imp-2', 'team'],
    ]);
    // Replace: team macros not in the file go, in the same transaction.
    expect(second.import(JSON.stringify([team('imp-9')]), 'replace')).toEqual({ imported: 1, removed: 3 });
    expect(reopened.replies.load().macros.map((m) => m.macro.id)).toEqual(['imp-9']);
  });
});
