// Hub SIGKILL during a burst of signed ingests from concurrent senders, then a restart on the same
// database: every handoff answered 202 must be in the hub's tables and offered exactly once.
//
// "Offered exactly once", precisely: at the end every acknowledged handoff is a waiting offer on
// exactly one desktop, and the desktops alerted for it once in all (alerts minus revokes = 1). Half
// the agents are connected across the kill, holding offers when the hub dies; they resume after
// the last seq they processed, as the hub link does. A replay of an event they already had (same
// seq) is a re-delivery the desktop drops, not a second offer; an offer the hub makes again for a
// handoff the desktop still shows is folded by its inbox (no second alert); but the same handoff
// waiting on two desktops, or alerted again after nothing revoked it, is a duplicate.
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { HandoffAccepted, INGEST_PATHS } from '../../shared/ingest';
import { handoffRequest } from '../../hub/testing/handoff-requests';
import { postSigned } from '../../hub/testing/signed-post';
import { connectTestAgent, type TestAgent } from '../../hub/testing/test-agent';
import { makeTempDir } from '../../hub/testing/temp-dir';
import { desktopView } from './desktop-view';
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
    // Every other agent is at their desk before the burst and stays connected until the kill.
    const early = agents.filter((_, i) => i % 2 === 0);
    seedAgents(dbPath, agents);
    const hubs: HubChild[] = [];
    const connections = new Map<string, TestAgent[]>(agents.map((a) => [a.id, []]));
    const all = () => [...connections.values()].flat();
    // The highest seq this desktop processed, over all its connections (what its hub link resumes from).
    const lastSeq = (id: string) => connections.get(id)!.reduce((max, link) => Math.max(max, link.lastSeq), 0);
    let resuming = true;
    let resumes = 0;
    const open = async (hub: HubChild, a: (typeof agents)[number], autoResume: boolean): Promise<void> => {
      const link = await connectTestAgent(hub.wsUrl, a.token, { timeoutMs: 30_000, lastSeq: lastSeq(a.id) });
      connections.get(a.id)!.push(link);
      // Like the hub link: a connection the hub dropped (a heartbeat missed while this loaded
      // process was busy) is opened again, resuming after the last seq processed.
      if (autoResume) {
        void link.closed.then(() => {
          if (!resuming || hub.child.exitCode !== null || hub.child.signalCode !== null) return;
          resumes++;
          return open(hub, a, true).catch(() => undefined);
        });
      }
    };
    const connect = async (hub: HubChild, list: typeof agents, autoResume: boolean) => {
      for (let i = 0; i < list.length; i += 25) await Promise.all(list.slice(i, i + 25).map((a) => open(hub, a, autoResume)));
    };
    try {
      const first = await startHubChild({ dbPath, secret, offerTimeoutMs: 3_600_000 });
      hubs.push(first);
      await connect(first, early, false);
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
      await Promise.all(all().map((link) => link.closed));
      const offeredBeforeKill = new Set(all().flatMap((link) => link.eventsOf('offer').map((e) => e.handoff.id)));
      log?.(`  hub killed (${signal}) after ${acknowledged.length} of ${sent} requests were acknowledged; ${offeredBeforeKill.size} offers had reached ${early.length} connected desktops`);

      const restartedAt = performance.now();
      const second = await startHubChild({ dbPath, secret, offerTimeoutMs: 3_600_000 });
      hubs.push(second);
      // The desktops that were connected come back first (their hub links retry at once), resuming.
      await connect(second, early, true);
      await connect(
        second,
        agents.filter((_, i) => i % 2 === 1),
        true,
      );
      const ackedSet = new Set(acknowledged);
      const earlyIds = new Set(early.map((a) => a.id));
      const afterRestart = () => agents.flatMap((a) => connections.get(a.id)!.slice(earlyIds.has(a.id) ? 1 : 0));
      const offeredIds = () => new Set(all().flatMap((link) => link.eventsOf('offer').map((e) => e.handoff.id)));
      // One set per poll: rebuilding it per handoff blocked this process for minutes at full size,
      // long enough for the hub's heartbeat to drop every link (re-offers that looked like duplicates).
      const everyOffered = () => {
        const ids = offeredIds();
        return acknowledged.every((id) => ids.has(id));
      };
      await waitUntil(everyOffered, quick ? 60_000 : 300_000, 'offers for every acknowledged handoff').catch(() => undefined);
      const recoverMs = performance.now() - restartedAt;
      await new Promise((r) => setTimeout(r, 500)); // late duplicates would arrive now
      resuming = false;
      const hubAlive = second.child.exitCode === null && second.child.signalCode === null;

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
      const views = agents.map((a) => desktopView(a.id, connections.get(a.id)!));
      const waitingOn = (id: string) => views.filter((view) => view.waiting.has(id)).length;
      const net = (id: string) => views.reduce((n, view) => n + (view.alerts.get(id) ?? 0) - (view.revokes.get(id) ?? 0), 0);
      const shownTwice = acknowledged.filter((id) => waitingOn(id) > 1);
      const alertedAgain = acknowledged.filter((id) => net(id) > 1);
      const kept = acknowledged.filter((id) => stored.has(id) && waitingOn(id) === 1 && net(id) === 1).length;
      const missing = acknowledged.filter((id) => !stored.has(id)).length;
      const neverShown = acknowledged.filter((id) => stored.has(id) && waitingOn(id) === 0).length;
      const duplicated = acknowledged.filter((id) => waitingOn(id) > 1 || net(id) > 1).length;
      const reOffered = acknowledged.filter((id) => (logged.get(id) ?? 0) > 1).length;
      const offeredAfterRestart = new Set(afterRestart().flatMap((link) => link.eventsOf('offer').map((e) => e.handoff.id)));
      const reOfferedAfterRestart = acknowledged.filter((id) => offeredBeforeKill.has(id) && offeredAfterRestart.has(id)).length;
      const revoked = views.reduce((n, view) => n + [...view.revokes.values()].reduce((a, b) => a + b, 0), 0);
      const replayed = views.reduce((n, view) => n + view.replayed, 0);
      const closedCodes = afterRestart()
        .filter((link) => link.closeInfo !== null)
        .map((link) => link.closeInfo!.code);
      return report({
        name: this.name,
        sent,
        kept,
        lost: missing + neverShown,
        duplicated,
        recoverMs,
        passed: signal === 'SIGKILL' && hubAlive && acknowledged.length >= killAt && kept === acknowledged.length,
        detail:
          `${SENDERS} senders, burst of ${burst}, SIGKILL after ${acknowledged.length} acknowledgements, while ${early.length} of ${agents.length} desktops were connected holding ${offeredBeforeKill.size} offers; ` +
          `${stored.size} handoffs in the database after restart (${stored.size - ackedSet.size} committed but unacknowledged); ${missing} acknowledged missing, ${neverShown} never shown; ` +
          `${shownTwice.length} waiting on two desktops, ${alertedAgain.length} alerted again without a revoke; ` +
          `${reOffered} with more than one offered receipt, ${reOfferedAfterRestart} offers held at the kill sent again after restart, ${revoked} offers revoked, ${replayed} events replayed (same seq, dropped); after restart ${closedCodes.length} connections closed by the hub${closedCodes.length ? ` (codes ${[...new Set(closedCodes)].join(', ')})` : ''} and ${resumes} resumed${hubAlive ? '' : `; the restarted hub DIED: ${second.output().slice(-500)}`}; ` +
          `recoverMs = restart → all ${agents.length} desktops reconnected (resuming) and every acknowledged handoff offered on one of them`,
      });
    } finally {
      resuming = false;
      await Promise.all(all().map((link) => link.close()));
      for (const hub of hubs) await hub.stop();
      dir.remove();
    }
  },
};
