// Many desktop links dropping and reconnecting at random while handoffs flow. Each link resumes
// with the last sequence it processed, as the desktop's hub link does. Afterwards: every handoff the
// hub acknowledged was offered to someone (none lost), no link received an event sequence twice or
// a gap in its sequence, and no link was shown the same offer twice without a revoke between.
import { randomBytes } from 'node:crypto';
import { createHub } from '../../hub/index';
import { silentLog } from '../../hub/hub-log';
import { DEFAULT_RULES, skillsUsedBy } from '../../hub/rules/index';
import { HandoffAccepted, INGEST_PATHS } from '../../shared/ingest';
import { handoffRequest } from '../../hub/testing/handoff-requests';
import { postSigned } from '../../hub/testing/signed-post';
import { connectTestAgent, type TestAgent } from '../../hub/testing/test-agent';
import { makeTempDir } from '../../hub/testing/temp-dir';
import { prng, report, waitUntil, type FaultScenario } from './fault-report';

interface LinkState {
  token: string;
  current: TestAgent | null;
  /** Highest sequence processed, carried into the next hello. */
  lastSeq: number;
  seqs: Set<number>;
  duplicateSeqs: number;
  gaps: number;
  /** handoffId → shown (true) or revoked (false). */
  offers: Map<string, boolean>;
  duplicateOffers: number;
  reconnects: number;
}

function watch(state: LinkState, link: TestAgent): void {
  let handled = 0;
  const drain = () => {
    for (; handled < link.events.length; handled++) {
      const frame = link.events[handled]!;
      if (state.seqs.has(frame.seq)) {
        state.duplicateSeqs++;
        continue;
      }
      if (frame.seq > state.lastSeq + 1) state.gaps += frame.seq - state.lastSeq - 1;
      state.seqs.add(frame.seq);
      state.lastSeq = Math.max(state.lastSeq, frame.seq);
      const event = frame.event;
      if (event.kind === 'offer') {
        if (state.offers.get(event.handoff.id) === true) state.duplicateOffers++;
        state.offers.set(event.handoff.id, true);
      } else if (event.kind === 'offer_revoked') {
        state.offers.set(event.handoffId, false);
      }
    }
  };
  link.socket.on('message', drain);
  drain();
}

export const linkChurnScenario: FaultScenario = {
  name: 'desktop links dropping and reconnecting',
  async run({ quick, log }) {
    const linkCount = quick ? 40 : 500;
    const durationMs = quick ? 6_000 : 60_000;
    const handoffsPerSecond = quick ? 8 : 10;
    /** Mean time a link stays up between drops. */
    const meanUpMs = quick ? 2_000 : 15_000;
    const random = prng(0xc427);
    const dir = makeTempDir('baton-fault-churn-');
    const secret = randomBytes(16).toString('hex');
    const skills = skillsUsedBy(DEFAULT_RULES);
    const seeds = Array.from({ length: linkCount }, (_, i) => ({ id: `a${i}`, name: `Agent ${i}`, role: 'agent' as const, skills, capacity: 50, token: `tok-${i}-${secret}` }));
    const hub = await createHub({ port: 0, dbPath: dir.file('hub.sqlite'), secret, agents: seeds, httpRateLimit: null, frameRateLimit: null, offerTimeoutMs: 3_600_000, log: silentLog });
    const states: LinkState[] = seeds.map((s) => ({ token: s.token, current: null, lastSeq: 0, seqs: new Set(), duplicateSeqs: 0, gaps: 0, offers: new Map(), duplicateOffers: 0, reconnects: 0 }));
    const connect = async (state: LinkState) => {
      const link = await connectTestAgent(hub.wsUrl, state.token, { lastSeq: state.lastSeq, timeoutMs: 30_000 });
      // Frames that arrived before `watch` (welcome and the resent backlog) are in link.events.
      state.current = link;
      watch(state, link);
    };
    try {
      for (let i = 0; i < states.length; i += 50) await Promise.all(states.slice(i, i + 50).map(connect));
      const acknowledged: string[] = [];
      let stop = false;
      const ingest = (async () => {
        const interval = 1000 / handoffsPerSecond;
        const started = performance.now();
        for (let n = 0; !stop; n++) {
          const wait = started + n * interval - performance.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
          const answer = await postSigned(hub.url, INGEST_PATHS.handoffs, handoffRequest(), { secret });
          if (answer.status !== 202) throw new Error(`hub answered ${answer.status}: ${answer.text}`);
          acknowledged.push(HandoffAccepted.parse(answer.json).handoffId);
        }
      })();
      let drops = 0;
      const reconnecting = new Set<Promise<void>>();
      const tickMs = 100;
      const churnStarted = performance.now();
      while (performance.now() - churnStarted < durationMs) {
        await new Promise((r) => setTimeout(r, tickMs));
        for (const state of states) {
          if (!state.current || random() >= tickMs / meanUpMs) continue;
          drops++;
          // An abrupt drop (no close handshake), like a laptop leaving the Wi-Fi.
          state.current.socket.terminate();
          state.current = null;
          const delay = 50 + random() * 1_000;
          const again: Promise<void> = new Promise<void>((r) => setTimeout(r, delay))
            .then(() => connect(state))
            .then(() => void state.reconnects++)
            .finally(() => reconnecting.delete(again));
          reconnecting.add(again);
        }
      }
      stop = true;
      await ingest;
      const churnEnded = performance.now();
      await Promise.all([...reconnecting]);
      const offeredTo = () => new Set(states.flatMap((s) => [...s.offers.keys()]));
      const hubSeq = new Map((hub.db.prepare('SELECT id, last_seq FROM agents').all() as { id: string; last_seq: number }[]).map((r) => [r.id, r.last_seq]));
      const caughtUp = () => seeds.every((s, i) => states[i]!.lastSeq >= (hubSeq.get(s.id) ?? 0));
      await waitUntil(
        () => {
          for (const r of hub.db.prepare('SELECT id, last_seq FROM agents').all() as { id: string; last_seq: number }[]) hubSeq.set(r.id, r.last_seq);
          const offered = offeredTo();
          return caughtUp() && acknowledged.every((id) => offered.has(id));
        },
        quick ? 30_000 : 120_000,
        'every link to catch up',
      ).catch(() => undefined);
      const recoverMs = performance.now() - churnEnded;
      await new Promise((r) => setTimeout(r, 300));
      const offered = offeredTo();
      const neverOffered = acknowledged.filter((id) => !offered.has(id)).length;
      const gaps = states.reduce((n, s) => n + s.gaps, 0);
      const behind = seeds.reduce((n, s, i) => n + Math.max(0, (hubSeq.get(s.id) ?? 0) - states[i]!.lastSeq), 0);
      const duplicateSeqs = states.reduce((n, s) => n + s.duplicateSeqs, 0);
      const duplicateOffers = states.reduce((n, s) => n + s.duplicateOffers, 0);
      const reconnects = states.reduce((n, s) => n + s.reconnects, 0);
      log?.(`  ${drops} drops, ${reconnects} reconnects, ${acknowledged.length} handoffs`);
      return report({
        name: this.name,
        sent: acknowledged.length,
        kept: acknowledged.length - neverOffered,
        lost: neverOffered + gaps + behind,
        duplicated: duplicateSeqs + duplicateOffers,
        recoverMs,
        detail: `${linkCount} links, ${drops} abrupt drops and ${reconnects} resumed reconnects in ${durationMs / 1000} s while ${acknowledged.length} handoffs were ingested; ${neverOffered} never offered, ${gaps} sequence gaps, ${behind} events not delivered at the end, ${duplicateSeqs} sequences received twice, ${duplicateOffers} offers shown twice; recoverMs = churn end → every link caught up with its event log`,
      });
    } finally {
      await Promise.all(states.map((s) => s.current?.close()));
      await hub.close();
      dir.remove();
    }
  },
};
