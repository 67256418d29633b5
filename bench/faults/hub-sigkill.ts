// Hub SIGKILL during a burst of signed ingests from concurrent senders, then a restart on the same
// database: every handoff answered 202 must be in the hub's tables and offered exactly once (the
// hub's offer receipts are checked, and what the reconnected links actually received).
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { HandoffAccepted, INGEST_PATHS } from '../../shared/ingest';
import { handoffRequest } from '../../hub/testing/handoff-requests';
import { postSigned } from '../../hub/testing/signed-post';
import { connectTestAgent, type TestAgent } from '../../hub/testing/test-agent';
import { makeTempDir } from '../../hub/testing/temp-dir';
import { report, waitUntil, type FaultScenario } from './fault-report';
import { seedAgents, startHubChild, type HubChild } from './hub-process';

const SENDERS = 16;
const CAPACITY = 50;

export const hubSigkillScenario: FaultScenario = {
  name: 'hub SIGKILL during an ingest burst',
  async run({ quick, log }) {
    const burst = quick ? 600 : 10_000;
    // Killed part-way through the burst, at a point that varies from run to run.
    const killAt = Math.floor(burst * (0.3 + Math.random() * 0.4));
    const dir = makeTempDir('baton-fault-sigkill-');
    const dbPath = dir.file('hub.sqlite');
    const secret = randomBytes(16).toString('hex');
    // Enough capacity that every acknowledged handoff can be offered at once after the restart.
    const agents = Array.from({ length: Math.ceil(burst / CAPACITY) + 1 }, (_, i) => ({ id: `a${i}`, role: 'agent' as const, capacity: CAPACITY, token: `tok-${i}-${secret}` }));
    seedAgents(dbPath, agents);
    const hubs: HubChild[] = [];
    const links: TestAgent[] = [];
    try {
      const first = await startHubChild({ dbPath, secret, offerTimeoutMs: 3_600_000 });
      hubs.push(first);
      const acknowledged: string[] = [];
      let sent = 0;
      let killed = false;
      const sender = async () => {
        while (!killed && sent < burst) {
          sent++;
          try {
            const answer = await postSigned(first.url, INGEST_PATHS.handoffs, handoffRequest(), { secret });
            if (answer.status !== 202) throw new Error(`hub answered ${answer.status}: ${answer.text}`);
            acknowledged.push(HandoffAccepted.parse(answer.json).handoffId);
            if (!killed && acknowledged.length >= killAt) {
              killed = true;
              first.child.kill('SIGKILL');
            }
          } catch (error) {
            // A request cut by the kill was never acknowledged; anything else is a real failure.
            if (!killed) throw error;
          }
        }
      };
      await Promise.all(Array.from({ length: SENDERS }, sender));
      const { signal } = await first.exited;
      log?.(`  hub killed (${signal}) after ${acknowledged.length} of ${sent} requests were acknowledged`);

      const restartedAt = performance.now();
      const second = await startHubChild({ dbPath, secret, offerTimeoutMs: 3_600_000 });
      hubs.push(second);
      for (let i = 0; i < agents.length; i += 25) {
        links.push(...(await Promise.all(agents.slice(i, i + 25).map((a) => connectTestAgent(second.wsUrl, a.token, { timeoutMs: 30_000 })))));
      }
      const received = () => links.reduce((n, link) => n + link.eventsOf('offer').length, 0);
      const ackedSet = new Set(acknowledged);
      const offeredIds = () => new Set(links.flatMap((link) => link.eventsOf('offer').map((e) => e.handoff.id)));
      await waitUntil(() => received() >= ackedSet.size && acknowledged.every((id) => offeredIds().has(id)), quick ? 60_000 : 300_000, 'offers for every acknowledged handoff').catch(() => undefined);
      const recoverMs = performance.now() - restartedAt;
      await new Promise((r) => setTimeout(r, 300)); // late duplicates would arrive now

      const db = new Database(dbPath, { readonly: true, fileMustExist: true });
      let stored: Set<string>;
      let logged: Map<string, number>;
      try {
        stored = new Set((db.prepare('SELECT id FROM handoffs').all() as { id: string }[]).map((r) => r.id));
        logged = new Map(
          (db.prepare(`SELECT handoff_id AS id, COUNT(*) AS n FROM handoff_receipts WHERE stage IN ('offered', 're_offered') GROUP BY handoff_id`).all() as { id: string; n: number }[]).map((r) => [r.id, r.n]),
        );
      } finally {
        db.close();
      }
      const seen = new Map<string, number>();
      for (const link of links) for (const e of link.eventsOf('offer')) seen.set(e.handoff.id, (seen.get(e.handoff.id) ?? 0) + 1);
      const kept = acknowledged.filter((id) => stored.has(id) && logged.get(id) === 1 && seen.get(id) === 1).length;
      const missing = acknowledged.filter((id) => !stored.has(id)).length;
      const neverOffered = acknowledged.filter((id) => stored.has(id) && !seen.has(id)).length;
      const offeredTwice = [...logged.values()].filter((n) => n > 1).length;
      const seenTwice = [...seen.values()].filter((n) => n > 1).length;
      const duplicated = acknowledged.filter((id) => (logged.get(id) ?? 0) > 1 || (seen.get(id) ?? 0) > 1).length;
      const revoked = links.reduce((n, link) => n + link.eventsOf('offer_revoked').length, 0);
      const closedLinks = links.filter((link) => link.closeInfo !== null).map((link) => link.closeInfo!.code);
      return report({
        name: this.name,
        sent,
        kept,
        lost: missing + neverOffered,
        duplicated,
        recoverMs,
        passed: signal === 'SIGKILL' && acknowledged.length >= killAt && kept === acknowledged.length,
        detail: `${SENDERS} senders, burst of ${burst}, SIGKILL after ${acknowledged.length} acknowledgements; ${stored.size} handoffs in the database after restart (${stored.size - ackedSet.size} committed but unacknowledged); ${missing} acknowledged missing, ${neverOffered} never offered; ${offeredTwice} with more than one offered receipt, ${seenTwice} received by more than one link, ${revoked} offer_revoked events, ${closedLinks.length} links closed by the hub${closedLinks.length ? ` (codes ${[...new Set(closedLinks)].join(', ')})` : ''}; recoverMs = restart → every acknowledged handoff offered to one of ${agents.length} reconnected links`,
      });
    } finally {
      await Promise.all(links.map((link) => link.close()));
      for (const hub of hubs) await hub.stop();
      dir.remove();
    }
  },
};
