// Hub-side notes: ordering, idempotency by changeId, last-writer-wins with revisions, pulls, and
// the same over the real gateway (note_sync / note_pull frames on a loopback WebSocket).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../shared/clock';
import type { Note } from '../../shared/domain';
import { NoteSyncResult, NotePullResult, type NoteSyncChange } from '../../shared/hub-protocol';
import { openHubDatabase, type HubDatabase } from '../store/database';
import { makeTempDir, type TempDir } from '../testing/temp-dir';
import { seed, startTestHub, type TestHub } from '../testing/test-hub';
import { HubNotes, type NoteWriter } from './hub-notes';

const ann = { id: 'ann', role: 'agent' as const };
const bob = { id: 'bob', role: 'agent' as const };
const lead = { id: 'lee', role: 'supervisor' as const };

function note(body: string, id = 'n-1', authorId = 'ann'): Note {
  return { id, subject: { kind: 'customer', customerId: 'c-1' }, body, authorId, createdAt: '2026-01-05T09:00:00.000Z', updatedAt: '2026-01-05T09:00:00.000Z' };
}
function change(changeId: string, body: string, baseVersion: number | null, extra: Partial<NoteSyncChange> = {}): NoteSyncChange {
  return { changeId, op: 'upsert', note: note(body), baseVersion, ...extra };
}

describe('HubNotes', () => {
  let dir: TempDir;
  let db: HubDatabase;
  let notes: HubNotes;
  beforeEach(() => {
    dir = makeTempDir();
    db = openHubDatabase(dir.file('hub.sqlite'));
    notes = new HubNotes(db, new ManualClock());
  });
  afterEach(() => {
    db.close();
    dir.remove();
  });

  const one = (writer: NoteWriter, c: NoteSyncChange) => notes.applyBatch(writer, [c]).outcomes[0]!;

  it('numbers changes in hub order and applies a repeated changeId once', () => {
    expect(one(ann, change('c1', 'v1', null))).toEqual({ ok: true, changeId: 'c1', noteId: 'n-1', hubVersion: 1, duplicate: false, revisionKept: null });
    expect(one(ann, change('c2', 'v2', 1))).toMatchObject({ ok: true, hubVersion: 2, duplicate: false, revisionKept: null });
    expect(one(ann, change('c1', 'v1', null))).toEqual({ ok: true, changeId: 'c1', noteId: 'n-1', hubVersion: 1, duplicate: true, revisionKept: null });
    expect(notes.get('n-1')).toMatchObject({ hubVersion: 2, deleted: false, note: { body: 'v2' } });
    expect(notes.revisions('n-1')).toEqual([{ noteId: 'n-1', version: 1, body: 'v1', replacedByVersion: 2, concurrent: false }]);
  });

  it('lets the last writer win on a concurrent edit and keeps the overwritten text as a revision', () => {
    one(ann, change('c1', 'original', null));
    // Two devices both edited version 1; the hub orders them as they arrive.
    expect(one(ann, change('laptop', 'from the laptop', 1))).toMatchObject({ hubVersion: 2, revisionKept: null });
    expect(one(ann, change('desktop', 'from the desktop', 1))).toMatchObject({ hubVersion: 3, revisionKept: 2 });
    expect(notes.get('n-1')!.note.body).toBe('from the desktop');
    expect(notes.revisions('n-1').map((r) => [r.version, r.body, r.concurrent])).toEqual([
      [1, 'original', false],
      [2, 'from the laptop', true],
    ]);
  });

  it('resolves followsChangeId so a chain of unanswered edits is not mistaken for a conflict', () => {
    const { outcomes } = notes.applyBatch(ann, [change('c1', 'a', null), change('c2', 'ab', null, { followsChangeId: 'c1' }), change('c3', 'abc', null, { followsChangeId: 'c2' })]);
    expect(outcomes.map((o) => (o.ok ? [o.hubVersion, o.revisionKept] : o.error.code))).toEqual([
      [1, null],
      [2, null],
      [3, null],
    ]);
  });

  it('deletes as a tombstone that keeps the last text, and refuses other agents without stopping the batch', () => {
    one(ann, change('c1', 'keep me', null));
    const { outcomes } = notes.applyBatch(bob, [change('b1', 'hijack', 1), { ...change('b2', '', null), note: note('bob note', 'n-2', 'bob') }]);
    expect(outcomes[0]).toMatchObject({ ok: false, changeId: 'b1', error: { code: 'forbidden' } });
    expect(outcomes[1]).toMatchObject({ ok: true, noteId: 'n-2' });
    expect(one(ann, { ...change('c2', 'keep me', 1), op: 'delete' })).toMatchObject({ ok: true, hubVersion: 3 });
    expect(notes.get('n-1')).toMatchObject({ deleted: true, note: { body: 'keep me' } });
    expect(one(lead, change('l1', 'restored by a lead', 3))).toMatchObject({ ok: true, hubVersion: 4 });
    expect(notes.get('n-1')).toMatchObject({ deleted: false, note: { body: 'restored by a lead', authorId: 'ann' } });
  });

  it('refuses a changeId reused for another note', () => {
    one(ann, change('c1', 'x', null));
    expect(one(ann, { ...change('c1', 'y', null), note: note('y', 'n-other') })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it("pulls an agent's notes after a version, in pages that fit a frame", () => {
    const big = 'x'.repeat(19_000);
    const changes = Array.from({ length: 30 }, (_, i) => ({ ...change(`c${i}`, big, null), note: note(big, `n-${i}`) }));
    notes.applyBatch(ann, changes);
    notes.applyBatch(bob, [{ ...change('b', 'bob', null), note: note('bob', 'n-bob', 'bob') }]);
    const seen: string[] = [];
    let after = 0;
    for (;;) {
      const page = notes.pull(ann, after);
      expect(JSON.stringify(page).length).toBeLessThan(200_000);
      seen.push(...page.notes.map((n) => n.note.id));
      after = page.latestVersion;
      if (!page.more) break;
    }
    expect(seen).toEqual(changes.map((c) => c.note.id));
    expect(notes.pull(ann, after)).toEqual({ notes: [], latestVersion: after, more: false });
  });
});

describe('notes over the gateway', () => {
  let hub: TestHub;
  beforeEach(async () => {
    hub = await startTestHub({ agents: [seed('ann'), seed('bob')] });
  });
  afterEach(() => hub.close());

  it('answers note_sync with one outcome per change and note_pull with the stored state', async () => {
    const client = await hub.connect('ann');
    const answer = await client.request({ type: 'note_sync', changes: [change('c1', 'hello', null), change('c2', 'hello again', null, { followsChangeId: 'c1' })] });
    expect(answer.ok).toBe(true);
    const { outcomes } = NoteSyncResult.parse(answer.ok ? answer.value : null);
    expect(outcomes.map((o) => o.ok && o.hubVersion)).toEqual([1, 2]);

    const retry = await client.request({ type: 'note_sync', changes: [change('c1', 'hello', null), change('c2', 'hello again', null, { followsChangeId: 'c1' })] });
    expect(NoteSyncResult.parse(retry.ok ? retry.value : null).outcomes.every((o) => o.ok && o.duplicate)).toBe(true);

    const pulled = await client.request({ type: 'note_pull', afterVersion: 0 });
    expect(NotePullResult.parse(pulled.ok ? pulled.value : null).notes).toEqual([{ note: note('hello again'), hubVersion: 2, deleted: false }]);
    expect(hub.hub.db.prepare('SELECT count(*) AS n FROM hub_note_changes').get()).toEqual({ n: 2 });
  });

  it('rejects a malformed note_sync frame with a field-naming error', async () => {
    const client = await hub.connect('ann');
    client.sendRaw(JSON.stringify({ type: 'note_sync', requestId: 'r1', changes: [{ changeId: 'x', op: 'upsert', note: { id: 'n' }, baseVersion: null }] }));
    await client.waitFor(() => client.errors.length > 0, 5_000, 'an error frame');
    expect(client.errors[0]?.error.message).toMatch(/changes\.0\.note/);
  });
});
