// The outbox sync against the real hub, run as its own process (hub/cli.ts) on loopback, over the
// desktop's real HubLink: offline then online, lost acknowledgements, refusals, and two devices
// editing the same note.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { NoteSyncResult } from '../../../shared/hub-protocol';
import type { Result } from '../../../shared/result';
import { HubLink } from '../hub-link/hub-link';
import { NotesService } from '../store/notes-service';
import { openTempStore, type TempStore } from '../store/store-test-kit';
import { addHubAgents, agentToken, freePort, LossyProxy, startHubProcess, type HubProcess } from './hub-process-kit';
import { OutboxSync } from './outbox-sync';
import { hubLinkSyncTransport, type SyncTransport } from './sync-transport';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function waitUntil(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

interface Device {
  temp: TempStore;
  link: HubLink;
  sync: OutboxSync;
  notes: NotesService;
  duplicates: () => number;
}

async function device(port: number, agentId = 'ann', authorId: () => string = () => agentId): Promise<Device> {
  const temp = await openTempStore({ synchronous: 'NORMAL' });
  const link = new HubLink({ url: `http://127.0.0.1:${port}`, token: agentToken(agentId), backoff: { baseMs: 50, maxMs: 250 } });
  const inner = hubLinkSyncTransport(link);
  let duplicates = 0;
  // The real transport, counting what the hub said were repeats.
  const transport: SyncTransport = {
    get online() {
      return inner.online;
    },
    onOnlineChange: (listener) => inner.onOnlineChange(listener),
    pullNotes: (after) => inner.pullNotes(after),
    sendReply: (...args) => inner.sendReply(...args),
    async syncNotes(changes): Promise<Result<NoteSyncResult>> {
      const result = await inner.syncNotes(changes);
      if (result.ok) duplicates += result.value.outcomes.filter((o) => o.ok && o.duplicate).length;
      return result;
    },
  };
  const sync = new OutboxSync({ store: temp.store, transport });
  const notes = new NotesService(temp.store, { authorId, onQueued: () => sync.kick() });
  cleanups.push(() => temp.cleanup());
  cleanups.push(async () => {
    sync.dispose();
    await link.stop();
    await sync.whenIdle();
  });
  return { temp, link, sync, notes, duplicates: () => duplicates };
}

function hubChanges(dbPath: string): { change_id: string; note_id: string; hub_version: number }[] {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare('SELECT change_id, note_id, hub_version FROM hub_note_changes ORDER BY hub_version').all() as never;
  } finally {
    db.close();
  }
}

function hubQuery<T>(dbPath: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'baton-sync-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('outbox sync with the hub stopped, then started', () => {
  it('delivers 1,000 notes and their edits exactly once, in order, with the right final text and revisions', async () => {
    const dbPath = join(tempDir(), 'hub.sqlite');
    addHubAgents(dbPath, ['ann']);
    const port = await freePort();
    const ann = await device(port);
    ann.link.start();

    const customers = ['c-1', 'c-2', 'c-3', 'c-4'];
    const created = Array.from({ length: 1_000 }, (_, i) => ann.notes.create({ kind: 'customer', customerId: customers[i % 4]! }, `note ${i}: first text`));
    const history = new Map(created.map((note) => [note.id, [note.body]]));
    for (const note of created.filter((_, i) => i % 3 === 0)) {
      for (const round of [1, 2]) {
        const body = `note ${note.id} edited offline, round ${round}`;
        ann.notes.update(note.id, body);
        history.get(note.id)!.push(body);
      }
    }
    const deleted = created.filter((_, i) => i % 10 === 1);
    for (const note of deleted) ann.notes.delete(note.id);

    const offline = ann.sync.status();
    expect(offline).toMatchObject({ online: false, failed: 0 });
    expect(offline.pending).toBe(1_000 + 2 * 334 + 100);
    expect(offline.offlineSince).not.toBeNull();
    expect(ann.notes.list({ kind: 'customer', customerId: 'c-1' })[0]!.syncStatus).toBe('pending');
    const queuedOrder = ann.temp.store.outbox.nextPending(10_000).map((entry) => entry.changeId);

    const hub: HubProcess = await startHubProcess(dbPath, port);
    cleanups.push(() => hub.stop());
    await waitUntil(() => ann.sync.status().pending === 0, 'the outbox to drain', 90_000);
    await ann.sync.whenIdle();

    // Exactly once and in order: the hub's order of changeIds is the order they were made in.
    const applied = hubChanges(dbPath);
    expect(applied.map((change) => change.change_id)).toEqual(queuedOrder);
    expect(ann.duplicates()).toBe(0);
    expect(ann.sync.status()).toEqual({ online: true, offlineSince: null, pending: 0, failed: 0 });

    const hubNotes = new Map(
      hubQuery<{ id: string; body: string; deleted: number }>(dbPath, 'SELECT id, body, deleted FROM hub_notes').map((row) => [row.id, row]),
    );
    expect(hubNotes.size).toBe(1_000);
    const deletedIds = new Set(deleted.map((note) => note.id));
    for (const note of created) {
      const texts = history.get(note.id)!;
      expect(hubNotes.get(note.id)).toMatchObject({ body: texts.at(-1), deleted: deletedIds.has(note.id) ? 1 : 0 });
      const local = ann.notes.get(note.id);
      if (deletedIds.has(note.id)) expect(local).toBeNull();
      else expect(local).toMatchObject({ body: texts.at(-1), syncStatus: 'synced' });
    }
    // Every overwritten text is a revision at the hub, none of them mistaken for a concurrent edit.
    const revisions = hubQuery<{ note_id: string; body: string; concurrent: number }>(dbPath, 'SELECT note_id, body, concurrent FROM hub_note_revisions ORDER BY note_id, version');
    const byNote = new Map<string, typeof revisions>();
    for (const row of revisions) byNote.set(row.note_id, [...(byNote.get(row.note_id) ?? []), row]);
    for (const note of created.filter((_, i) => i % 3 === 0)) {
      const expected = history.get(note.id)!.slice(0, -1);
      if (deletedIds.has(note.id)) expected.push(history.get(note.id)!.at(-1)!);
      expect(byNote.get(note.id)?.map((row) => row.body)).toEqual(expected);
    }
    expect(revisions.every((row) => row.concurrent === 0)).toBe(true);
  }, 180_000);
});

describe('outbox sync with a running hub', () => {
  let dbPath: string;
  let hub: HubProcess;
  let port: number;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'baton-sync-hub-'));
    dbPath = join(dir, 'hub.sqlite');
    addHubAgents(dbPath, ['ann', 'bob']);
    port = await freePort();
    hub = await startHubProcess(dbPath, port);
  }, 120_000);
  afterAll(async () => {
    await hub?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates no duplicate when the hub stored a batch but its answer was lost, and marks refused changes failed', async () => {
    const proxy = new LossyProxy(port);
    const proxyPort = await proxy.listen();
    cleanups.push(() => proxy.close());
    let author = 'ann';
    const ann = await device(proxyPort, 'ann', () => author);
    const before = hubChanges(dbPath).length;

    const created = Array.from({ length: 450 }, (_, i) => ann.notes.create({ kind: 'handoff', handoffId: `h-${i % 7}` }, `lost-ack note ${i}`));
    author = 'bob';
    const foreign = ann.notes.create({ kind: 'customer', customerId: 'c-9' }, 'a note claiming another author');
    author = 'ann';
    proxy.dropNextAnswers(2);
    ann.link.start();
    await waitUntil(() => ann.sync.status().pending === 0, 'the outbox to drain', 90_000);
    await ann.sync.whenIdle();

    expect(proxy.dropped).toBe(2);
    expect(ann.duplicates()).toBeGreaterThan(0);
    const applied = hubChanges(dbPath).slice(before);
    expect(applied).toHaveLength(450);
    expect(new Set(applied.map((change) => change.change_id)).size).toBe(450);
    expect(applied.map((change) => change.note_id)).toEqual(created.map((note) => note.id));
    expect(ann.notes.get(created[0]!.id)?.syncStatus).toBe('synced');
    expect(ann.notes.get(foreign.id)).toMatchObject({ syncStatus: 'failed', syncError: expect.stringMatching(/forbidden/) });
    expect(ann.sync.status()).toMatchObject({ online: true, pending: 0, failed: 1 });
  }, 180_000);

  it('lets the last writer win when two devices edit the same note, keeping the overwritten text as a revision on both sides', async () => {
    const laptop = await device(port, 'ann');
    laptop.link.start();
    const note = laptop.notes.create({ kind: 'customer', customerId: 'c-shared' }, 'original text');
    await waitUntil(() => laptop.notes.get(note.id)?.syncStatus === 'synced', 'the laptop to sync');
    await laptop.link.stop();

    const desktop = await device(port, 'ann');
    desktop.link.start();
    await waitUntil(() => desktop.notes.get(note.id) !== null, 'the desktop to pull the note');
    desktop.notes.update(note.id, 'edited on the desktop');
    await waitUntil(() => desktop.notes.get(note.id)?.syncStatus === 'synced', 'the desktop to sync');
    await desktop.link.stop();

    // The laptop, still offline, edits the text it last saw.
    laptop.notes.update(note.id, 'edited on the laptop');
    laptop.link.reconnect();
    await waitUntil(() => laptop.notes.get(note.id)?.syncStatus === 'synced', 'the laptop to sync again');

    const hubNote = hubQuery<{ body: string; version: number }>(dbPath, 'SELECT body, version FROM hub_notes WHERE id = ?', note.id)[0]!;
    expect(hubNote.body).toBe('edited on the laptop');
    expect(hubQuery<{ body: string; concurrent: number }>(dbPath, 'SELECT body, concurrent FROM hub_note_revisions WHERE note_id = ? ORDER BY version', note.id)).toEqual([
      { body: 'original text', concurrent: 0 },
      { body: 'edited on the desktop', concurrent: 1 },
    ]);
    expect(laptop.notes.revisions(note.id).map((revision) => revision.body)).toEqual(['edited on the desktop']);
    expect(laptop.notes.get(note.id)).toMatchObject({ body: 'edited on the laptop', hubVersion: hubNote.version, revisionCount: 1 });

    // The desktop catches up on its next connection.
    await laptop.link.stop();
    desktop.link.reconnect();
    await waitUntil(() => desktop.notes.get(note.id)?.body === 'edited on the laptop', 'the desktop to pull the winning text');
  }, 180_000);
});
