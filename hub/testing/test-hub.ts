// A hub for integration tests: temp SQLite file, loopback port, silent log, a ManualClock by
// default (offer timeouts, SLAs and heartbeats move only when the test says so), and helpers to
// post signed handoffs at the hub's own notion of now.
import { ManualClock } from '../../shared/clock';
import { HandoffAccepted, INGEST_PATHS, type HandoffRequest } from '../../shared/ingest';
import { createHub, type Hub, type HubAgentSeed, type HubOptions } from '../index';
import { silentLog } from '../hub-log';
import { createFixedEscalation } from '../ingest/fixed-escalation';
import { handoffRequest } from './handoff-requests';
import { postSigned, type HttpAnswer } from './signed-post';
import { connectTestAgent, type TestAgent, type TestAgentOptions } from './test-agent';
import { makeTempDir, type TempDir } from './temp-dir';

export const TEST_SECRET = 'test-hub-secret-0123456789';

export interface TestHub {
  hub: Hub;
  clock: ManualClock;
  dir: TempDir;
  connect(agentId: string, options?: TestAgentOptions): Promise<TestAgent>;
  post(request?: HandoffRequest): Promise<HttpAnswer>;
  /** Posts a handoff and returns the parsed 202 answer. */
  ingest(request?: Partial<HandoffRequest>): Promise<HandoffAccepted>;
  close(): Promise<void>;
}

export function tokenOf(agentId: string): string {
  return `token-${agentId}-0123456789abcdef`;
}

export function seed(id: string, extra: Partial<HubAgentSeed> = {}): HubAgentSeed {
  return { id, name: `Agent ${id}`, role: 'agent', skills: [], capacity: 3, token: tokenOf(id), ...extra };
}

export async function startTestHub(options: Partial<HubOptions> & { agents: HubAgentSeed[] }): Promise<TestHub> {
  const dir = makeTempDir();
  const clock = options.clock instanceof ManualClock ? options.clock : new ManualClock();
  const hub = await createHub({
    port: 0,
    dbPath: dir.file('hub.sqlite'),
    secret: TEST_SECRET,
    log: silentLog,
    escalation: createFixedEscalation(),
    clock,
    // Heartbeats run on the same ManualClock: a test that jumps 30 s would otherwise skip the pong
    // round-trip and see every connection dropped. Heartbeat tests set their own interval.
    pingIntervalMs: 24 * 60 * 60_000,
    ...options,
  });
  const clients: TestAgent[] = [];
  const post = (request: HandoffRequest = handoffRequest()) =>
    postSigned(hub.url, INGEST_PATHS.handoffs, request, { secret: TEST_SECRET, nowMs: clock.now() });
  return {
    hub,
    clock,
    dir,
    async connect(agentId, connectOptions) {
      const client = await connectTestAgent(hub.wsUrl, tokenOf(agentId), connectOptions);
      clients.push(client);
      return client;
    },
    post,
    async ingest(overrides = {}) {
      const answer = await post(handoffRequest(overrides));
      if (answer.status !== 202) throw new Error(`ingest answered ${answer.status}: ${answer.text}`);
      return HandoffAccepted.parse(answer.json);
    },
    async close() {
      await Promise.all(clients.map((client) => client.close()));
      await hub.close();
      dir.remove();
    },
  };
}
