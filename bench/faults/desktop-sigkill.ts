// The desktop's services process killed with SIGKILL twice: while writing notes (the store
// engineer's crash writer, which reports each note only after its commit) and while draining the
// outbox to a hub. Afterwards every note reported saved is in the store, and the hub holds every
// local change exactly once (changeIds are idempotency keys; a retried batch must not apply twice).
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createHub } from '../../hub/index';
import { silentLog } from '../../hub/hub-log';
import { makeTempDir } from '../../hub/testing/temp-dir';
import { FileKeyProvider } from '../../main/services/store/key-provider';
import { LocalStore } from '../../main/services/store/local-store';
import { report, waitUntil, type FaultScenario } from './fault-report';

const ROOT = resolve(import.meta.dirname, '..', '..');
const WRITER = join(ROOT, 'main', 'services', 'store', 'crash-writer.ts');
const DRAINER = join(ROOT, 'bench', 'faults', 'drain-child.ts');
/** The crash writer's author id: the hub accepts notes only from their author. */
const AUTHOR = 'agent-crash';
const TOKEN = 'fault-desktop-token-0123456789';

interface ChildRun {
  lines: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(): void;
}

function runChild(file: string, args: string[]): ChildRun {
  const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let buffer = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop()!;
    lines.push(...parts);
  });
  child.stderr.on('data', (chunk: Buffer) => lines.push(`stderr: ${chunk.toString().trim()}`));
  return {
    lines,
    exited: new Promise((done) => child.once('exit', (code, signal) => done({ code, signal }))),
    kill: () => void child.kill('SIGKILL'),
  };
}

export const desktopSigkillScenario: FaultScenario = {
  name: 'desktop services SIGKILL while writing notes and draining',
  async run({ quick, log }) {
    const notesBeforeKill = quick ? 60 : 2_000;
    const dir = makeTempDir('baton-fault-desktop-');
    const storePath = dir.file('store.sqlite');
    const keyPath = dir.file('store.key');
    const hub = await createHub({ port: 0, dbPath: dir.file('hub.sqlite'), secret: 'fault-desktop-secret', agents: [{ id: AUTHOR, name: 'Crash', role: 'agent', token: TOKEN }], httpRateLimit: null, frameRateLimit: null, log: silentLog });
    try {
      // 1. Killed while writing.
      const writer = runChild(WRITER, [storePath, keyPath]);
      const saved = () => writer.lines.filter((l) => l.startsWith('saved ')).map((l) => l.slice(6));
      await waitUntil(() => saved().length >= notesBeforeKill, 120_000, `${notesBeforeKill} notes from the crash writer`);
      writer.kill();
      const writerExit = await writer.exited;
      const reported = saved();

      let store = await LocalStore.open({ path: storePath, keyProvider: new FileKeyProvider(keyPath) });
      const missingNotes = reported.filter((id) => store.notes.get(id) === null).length;
      const integrity = store.database.integrityCheck();
      const localChanges = store.outbox.counts().pending;
      const localNotes = new Set(store.outbox.nextPending(1_000_000).map((e) => e.targetId));
      store.dispose();

      // 2. Killed while draining, after part of the outbox reached the hub.
      const applied = () => (hub.db.prepare('SELECT COUNT(*) AS n FROM hub_note_changes').get() as { n: number }).n;
      const first = runChild(DRAINER, [storePath, keyPath, hub.url, TOKEN]);
      await waitUntil(() => applied() >= localChanges / 3 || first.lines.some((l) => l.startsWith('drained')), 120_000, 'a third of the outbox at the hub');
      first.kill();
      const drainExit = await first.exited;
      const appliedAtKill = applied();
      const restartedAt = performance.now();
      const second = runChild(DRAINER, [storePath, keyPath, hub.url, TOKEN]);
      await waitUntil(() => second.lines.some((l) => l.startsWith('drained')), 120_000, `the restarted drain to finish; output: ${second.lines.join(' | ')}`);
      const recoverMs = performance.now() - restartedAt;
      await second.exited;

      store = await LocalStore.open({ path: storePath, keyProvider: new FileKeyProvider(keyPath) });
      const counts = store.outbox.counts();
      store.dispose();
      const hubChanges = applied();
      const hubNotes = (hub.db.prepare('SELECT COUNT(*) AS n FROM hub_notes').get() as { n: number }).n;
      const notDelivered = Math.max(0, localChanges - hubChanges);
      log?.(`  ${reported.length} notes reported saved, ${localChanges} changes queued, ${appliedAtKill} at the hub when the drain was killed`);
      return report({
        name: this.name,
        sent: reported.length,
        kept: reported.length - missingNotes,
        lost: missingNotes + notDelivered,
        duplicated: Math.max(0, hubChanges - localChanges) + Math.max(0, hubNotes - localNotes.size),
        recoverMs,
        passed: writerExit.signal === 'SIGKILL' && integrity === 'ok' && counts.pending === 0 && counts.failed === 0 && (drainExit.signal === 'SIGKILL' || appliedAtKill === localChanges),
        detail: `writer killed (${writerExit.signal}) after ${reported.length} saved notes: ${missingNotes} missing, integrity_check ${integrity}; ${localChanges} queued changes, drain killed (${drainExit.signal}) with ${appliedAtKill} applied at the hub; after the restarted drain the hub holds ${hubChanges} changes for ${hubNotes} notes (${localNotes.size} distinct notes queued); outbox pending ${counts.pending}, failed ${counts.failed}; recoverMs = restart → outbox empty`,
      });
    } finally {
      await hub.close();
      dir.remove();
    }
  },
};
