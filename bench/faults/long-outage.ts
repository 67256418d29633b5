// The hub unreachable for a long outage, on a simulated clock (24 h of backoff and retries in a few
// seconds of real time), while the agent keeps writing notes; then the hub comes back at the same
// address. Everything queued must reach the hub, once.
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { ManualClock } from '../../shared/clock';
import { makeTempDir } from '../../hub/testing/temp-dir';
import { HubLink } from '../../main/services/hub-link/hub-link';
import { LocalStore } from '../../main/services/store/local-store';
import { NotesService } from '../../main/services/store/notes-service';
import { OutboxSync } from '../../main/services/sync/outbox-sync';
import { hubLinkSyncTransport } from '../../main/services/sync/sync-transport';
import { freePort } from '../../main/services/sync/hub-process-kit';
import { prng, report, waitUntil, type FaultScenario } from './fault-report';
import { seedAgents, startHubChild, type HubChild } from './hub-process';

const HOUR = 3_600_000;
/** Clock step while offline: the backoff cap, so every retry the link schedules comes due. */
const STEP_MS = 30_000;

export const longOutageScenario: FaultScenario = {
  name: 'hub unreachable for a long outage (simulated 24 h), then back',
  async run({ quick, log }) {
    const hours = quick ? 3 : 24;
    const notesPerHour = quick ? 40 : 100;
    const dir = makeTempDir('baton-fault-outage-');
    const dbPath = dir.file('hub.sqlite');
    const secret = randomBytes(16).toString('hex');
    const token = `outage-token-${secret}`;
    seedAgents(dbPath, [{ id: 'ann', role: 'agent', token }]);
    const port = await freePort();
    const clock = new ManualClock();
    const key = randomBytes(32);
    const store = await LocalStore.open({ path: dir.file('store.sqlite'), keyProvider: { getKey: async () => key }, clock });
    const link = new HubLink({ url: `http://127.0.0.1:${port}`, token, clock, random: prng(24) });
    const sync = new OutboxSync({ store, transport: hubLinkSyncTransport(link), clock });
    let attempts = 0;
    const offState = link.on('state', (state) => void (state.status === 'connecting' && attempts++));
    let hub: HubChild | null = null;
    try {
      const notes = new NotesService(store, { authorId: () => 'ann' });
      const random = prng(7);
      const created: string[] = [];
      let changes = 0;
      link.start();
      const outageStarted = clock.now();
      for (let hour = 0; hour < hours; hour++) {
        for (let i = 0; i < notesPerHour; i++) {
          if (created.length > 0 && random() < 0.25) notes.update(created[Math.floor(random() * created.length)]!, `edited during the outage, hour ${hour}, ${i}`);
          else created.push(notes.create({ kind: 'customer', customerId: `c-${i % 20}` }, `written during the outage, hour ${hour}, ${i}`).id);
          changes++;
        }
        for (let t = 0; t < HOUR; t += STEP_MS) {
          clock.advance(STEP_MS);
          // Real time for the connection attempt the step started to be refused.
          await new Promise((r) => setTimeout(r, 2));
        }
      }
      const offline = sync.status();
      log?.(`  ${(clock.now() - outageStarted) / HOUR} simulated hours offline, ${attempts} connection attempts, ${offline.pending} changes pending`);

      hub = await startHubChild({ dbPath, secret, port });
      const backAt = performance.now();
      // Let the simulated clock run only while the link is not connected (its next retry is due).
      let drained = false;
      const ticking = (async () => {
        while (!drained) {
          if (link.state.status !== 'open') clock.advance(1_000);
          await new Promise((r) => setTimeout(r, 5));
        }
      })();
      await waitUntil(() => sync.status().pending === 0, quick ? 60_000 : 180_000, 'the outbox to drain after the outage').catch(() => undefined);
      drained = true;
      await ticking;
      const recoverMs = performance.now() - backAt;
      await sync.whenIdle();
      const status = sync.status();
      const db = new Database(dbPath, { readonly: true });
      const hubChanges = (db.prepare('SELECT COUNT(*) AS n FROM hub_note_changes').get() as { n: number }).n;
      const hubNotes = (db.prepare('SELECT COUNT(*) AS n FROM hub_notes').get() as { n: number }).n;
      db.close();
      return report({
        name: this.name,
        sent: changes,
        kept: Math.min(changes, hubChanges),
        lost: Math.max(0, changes - hubChanges) + status.pending + status.failed,
        duplicated: Math.max(0, hubChanges - changes) + Math.max(0, hubNotes - created.length),
        recoverMs,
        passed: offline.online === false && offline.pending === changes && offline.offlineSince !== null,
        detail: `${hours} simulated hours with the hub down: ${attempts} connection attempts by the real hub link (backoff capped), ${changes} note changes queued (${created.length} notes); hub back at the same address: ${hubChanges} changes and ${hubNotes} notes at the hub, outbox pending ${status.pending}, failed ${status.failed}; recoverMs = hub back → outbox empty (real time)`,
      });
    } finally {
      offState();
      sync.dispose();
      await link.stop();
      await sync.whenIdle();
      store.dispose();
      await hub?.stop();
      dir.remove();
    }
  },
};
