// Crash safety (issue 4): a separate process writes notes in a loop and reports each one saved;
// it is killed with SIGKILL mid-write. Every note it reported must be in the database afterwards,
// with its outbox entry, and the file must pass PRAGMA integrity_check.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { NotesService } from './notes-service';
import { FileKeyProvider } from './key-provider';
import { LocalStore } from './local-store';

const REPO = resolve(import.meta.dirname, '..', '..', '..');
const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

function runUntilKilled(path: string, keyPath: string, reportsBeforeKill: number, mode: 'notes' | 'replies' | 'indexing' = 'notes'): Promise<string[]> {
  return new Promise((resolvePromise, reject) => {
    // node --import tsx, not the tsx wrapper: SIGKILL must hit the writer itself, not a parent that
    // would leave the writer running as an orphan.
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'crash-writer.ts'), path, keyPath, ...(mode === 'notes' ? [] : [mode])], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const saved: string[] = [];
    let buffer = '';
    let stderr = '';
    let killed = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`writer did not report ${reportsBeforeKill} notes in time; stderr: ${stderr}`));
    }, 40_000);
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) if (line.startsWith('saved ')) saved.push(line.slice(6));
      if (!killed && saved.length >= reportsBeforeKill) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') reject(new Error(`writer exited on its own (${signal}); stderr: ${stderr}`));
      else resolvePromise(saved);
    });
  });
}

describe('crash safety', () => {
  it('keeps every note reported as saved when the writer is killed with SIGKILL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-crash-'));
    dirs.push(dir);
    const path = join(dir, 'store.sqlite');
    const keyPath = join(dir, 'store.key');
    const first = await runUntilKilled(path, keyPath, 40);
    // A second run on the same (crashed) file: recovery from the WAL, then more writes, killed again.
    const second = await runUntilKilled(path, keyPath, 40);
    const reported = [...first, ...second];
    expect(reported.length).toBeGreaterThanOrEqual(80);

    const store = await LocalStore.open({ path, keyProvider: new FileKeyProvider(keyPath) });
    try {
      expect(store.database.integrityCheck()).toBe('ok');
      const missing = reported.filter((id) => store.notes.get(id) === null);
      expect(missing).toEqual([]);
      for (const id of reported) expect(store.outbox.countsFor(id).pending).toBeGreaterThanOrEqual(1);
      // The search index was rebuilt (in the background) from the recovered rows.
      expect(await store.indexing.finished).toBe('built');
      expect(store.notes.search('crash note', 1_000).length).toBeGreaterThanOrEqual(Math.min(reported.length, 1_000));
    } finally {
      store.dispose();
    }
  }, 90_000);

  it('keeps every reply macro and counted use reported as saved when the writer is killed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-crash-'));
    dirs.push(dir);
    const path = join(dir, 'store.sqlite');
    const keyPath = join(dir, 'store.key');
    const reported = await runUntilKilled(path, keyPath, 40, 'replies');
    const store = await LocalStore.open({ path, keyProvider: new FileKeyProvider(keyPath) });
    try {
      expect(store.database.integrityCheck()).toBe('ok');
      const { macros, usage } = store.replies.load();
      const ids = new Set(macros.map((m) => m.macro.id));
      const counts = new Map(usage);
      for (const line of reported) {
        const [id, uses] = line.split(' ') as [string, string];
        expect(ids.has(id), id).toBe(true);
        const counted = `crash-${Number(id.slice(6)) % 5}`;
        expect(counts.get(counted) ?? 0).toBeGreaterThanOrEqual(Number(uses));
      }
    } finally {
      store.dispose();
    }
  }, 60_000);

  it('rebuilds the whole search index after being killed while building it (and saving notes meanwhile)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'baton-crash-'));
    dirs.push(dir);
    const path = join(dir, 'store.sqlite');
    const keyPath = join(dir, 'store.key');
    const first = await LocalStore.open({ path, keyProvider: new FileKeyProvider(keyPath), synchronous: 'NORMAL' });
    const notes = new NotesService(first, { authorId: () => 'agent-crash' });
    first.transaction('test.fill', () => {
      for (let i = 0; i < 3_000; i++) first.notes.insert({ id: `old-${i}`, subject: { kind: 'customer', customerId: `c-${i % 50}` }, body: `old note ${i}`, authorId: 'a', createdAt: '2026-01-05T09:00:00.000Z', updatedAt: '2026-01-05T09:00:00.000Z' });
    });
    notes.delete('old-7');
    first.dispose();

    const reported = (await runUntilKilled(path, keyPath, 30, 'indexing')).map((line) => line.split(' ') as [string, string]);
    // Killed mid-build: the index (in memory) died with the process; the rows did not.
    expect(reported.at(-1)![1]).toBe('building');

    const store = await LocalStore.open({ path, keyProvider: new FileKeyProvider(keyPath) });
    try {
      expect(store.database.integrityCheck()).toBe('ok');
      expect(await store.indexing.finished).toBe('built');
      const count = (sql: string) => (store.database.db.prepare(sql).get() as { n: number }).n;
      expect(count('SELECT count(*) AS n FROM search.notes_fts')).toBe(count('SELECT count(*) AS n FROM notes WHERE deleted = 0'));
      expect(store.notes.search('old note', 5_000)).toHaveLength(2_999);
      const found = new Set(store.notes.search('mid build note', 5_000).map((hit) => hit.note.id));
      for (const [id] of reported) expect(found.has(id), id).toBe(true);
    } finally {
      store.dispose();
    }
  }, 60_000);
});
