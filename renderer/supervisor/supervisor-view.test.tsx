// The supervisor view against in-memory services behind the real API client and dispatcher, so
// every call and event is validated as the real transports validate them.
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { apiMethods, type ApiHandlers, type MethodName, type Session } from '../../shared/api';
import { createApiClient } from '../../shared/api-client';
import { dispatchApiCall } from '../../shared/api-dispatch';
import { ManualClock } from '../../shared/clock';
import { BatonError } from '../../shared/result';
import type { SupervisorReport, SupervisorSnapshot } from '../../shared/supervision';
import { App } from '../components/app';
import { startBatonClient } from '../services/baton-client';
import { startTicking } from '../stores/now-store';
import { useSessionStore } from '../stores/session-store';
import { useUiStore } from '../stores/ui-store';
import { startSupervisorClient } from './supervisor-client';
import { useSupervisorStore } from './supervisor-store';

const NOW = Date.parse('2026-03-02T10:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

function snapshot(overrides: Partial<SupervisorSnapshot> = {}): SupervisorSnapshot {
  return {
    at: iso(NOW),
    queues: [{ queue: 'billing', waiting: 1, byPriority: { P1: 1, P2: 0, P3: 0, P4: 0 }, oldestReceivedAt: iso(NOW - 5 * 60_000), breached: 0, predictedBreaches: 1, eligibleAgents: 1 }],
    handoffs: [
      {
        id: 'h1',
        status: 'queued',
        priority: 'P1',
        queue: 'billing',
        trigger: 'vip_customer',
        customerName: 'Dana Whitfield',
        customerTier: 'vip',
        summary: 'Double charge',
        receivedAt: iso(NOW - 5 * 60_000),
        slaDeadline: iso(NOW + 60_000),
        slaBreached: false,
        agentId: null,
        offerExpiresAt: null,
        acceptedAt: null,
        offers: 2,
        missedBy: ['ann'],
        moodAtHandoff: -0.2,
        moodNow: -0.6,
        predictedAcceptAt: iso(NOW + 3 * 60_000),
        predictedBreach: true,
        path: [
          { handoffId: 'h1', stage: 'received', at: iso(NOW - 5 * 60_000) },
          { handoffId: 'h1', stage: 'offered', agentId: 'ann', at: iso(NOW - 4 * 60_000) },
          { handoffId: 'h1', stage: 'timed_out', agentId: 'ann', at: iso(NOW - 3 * 60_000) },
        ],
      },
    ],
    moreHandoffs: 0,
    agents: [
      { id: 'ann', name: 'Ann Agent', role: 'agent', presence: 'away', connected: true, capacity: 3, load: 0, skills: [], statusSince: iso(NOW - 10 * 60_000), missedOffers: 2, declinedOffers: 0, offers: [], conversations: [] },
      { id: 'bob', name: 'Bob Agent', role: 'agent', presence: 'available', connected: true, capacity: 2, load: 2, skills: [], statusSince: iso(NOW - 60_000), missedOffers: 0, declinedOffers: 1, offers: [], conversations: [] },
    ],
    hands: [{ id: 'hand-1', agentId: 'bob', agentName: 'Bob Agent', text: 'Refund over my limit', at: iso(NOW - 30_000), answeredAt: null, answeredBy: null }],
    alerts: [{ id: 'predicted:h1', kind: 'sla_breach_predicted', handoffId: 'h1', queue: 'billing', message: 'P1 Dana Whitfield (billing) will miss its SLA', since: iso(NOW - 20_000) }],
    typicalHandleMs: 300_000,
    ...overrides,
  };
}

const report: SupervisorReport = {
  from: iso(NOW - 7 * 86_400_000),
  to: iso(NOW),
  bucketMs: 86_400_000,
  total: 12,
  overTime: [{ bucketStart: iso(NOW - 86_400_000), counts: { negative_sentiment: 3, vip_customer: 9, complex_request: 0, unknown_query: 0, failed_attempts: 0, human_requested: 0 } }],
  timeToAccept: [{ queue: 'billing', accepted: 10, p50Ms: 12_000, p90Ms: 40_000 }],
  sla: { met: 9, breached: 1, open: 2, attainment: 0.9 },
  slaOverTime: [{ bucketStart: iso(NOW - 86_400_000), met: 9, breached: 1 }],
  mood: { count: 5, atHandoff: -0.4, atResolution: 0.2, byTrigger: [] },
  outcomes: { resolved: 8, transferred: 1, abandoned: 1, open: 2 },
  rules: [
    { ruleId: 'vip-fast-lane', fired: 9, accepted: 8, p50AcceptMs: 10_000, p90AcceptMs: 30_000, feedback: 4, summaryAccurate: 3, summaryInaccurate: 1, warranted: 1, unwarranted: 3 },
  ],
  queryMs: 3.2,
};

let calls: { method: MethodName; args: unknown }[];
let emit: (event: string, payload: unknown) => void;
let disposers: Array<() => unknown>;

function mount(role: 'supervisor' | 'agent' = 'supervisor') {
  calls = [];
  const listeners = new Set<(event: string, payload: unknown) => void>();
  emit = (event, payload) => act(() => listeners.forEach((l) => l(event, payload)));
  const session: Session = {
    mode: 'hub',
    hubUrl: 'https://hub.example',
    role,
    agent: { id: 'lee', name: 'Lee Lead', role, skills: [], capacity: 3, presence: 'available' },
    connection: { status: 'open', since: iso(NOW), fatal: false },
  };
  const handlers = Object.fromEntries(
    (Object.keys(apiMethods) as MethodName[]).map((m) => [
      m,
      () => {
        throw new BatonError('unavailable', `${m} is not part of this test`);
      },
    ]),
  ) as unknown as ApiHandlers;
  Object.assign(handlers, {
    'session:get': () => session,
    'inbox:list': () => [],
    'supervisor:snapshot': () => snapshot(),
    'supervisor:reassign': () => null,
    'supervisor:setAgentPresence': () => null,
    'supervisor:whisper': (args: { agentId: string; text: string }) => ({ id: 'w1', fromId: 'lee', fromName: 'Lee Lead', toAgentId: args.agentId, text: args.text, at: iso(NOW) }),
    'supervisor:report': () => report,
    'supervisor:exportCsv': () => ({ csv: 'a\r\n', rows: 1, truncated: false }),
  } satisfies Partial<ApiHandlers>);
  const api = createApiClient({
    request: async (method, args) => {
      calls.push({ method, args });
      return dispatchApiCall(handlers, method, args, { error: () => undefined });
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  });
  const clock = new ManualClock(NOW);
  const client = startBatonClient(api);
  const supervisor = startSupervisorClient(api);
  const stopTicking = startTicking(clock);
  const view = render(<App />);
  disposers = [() => view.unmount(), stopTicking, () => supervisor.dispose(), () => client.dispose()];
}

// App loads the supervisor view as a lazy chunk; loading the module once up front keeps a busy
// machine's first import out of each test's waiting time.
beforeAll(async () => {
  await import('./supervisor-view');
});

beforeEach(() => {
  useSessionStore.getState().reset();
  useSupervisorStore.getState().reset();
  useUiStore.getState().reset();
});

afterEach(async () => {
  for (const dispose of disposers) await dispose();
  cleanup();
});

describe('supervisor view', { timeout: 30_000 }, () => {
  test('a lead sees queues, the waiting handoff with its prediction and path, every agent by name, alerts and raised hands', async () => {
    mount();
    const queues = await screen.findByRole('table', { name: 'Queues' });
    expect(within(queues).getByRole('rowheader', { name: 'billing' })).toBeTruthy();
    const waiting = screen.getByRole('list', { name: 'Waiting handoffs' });
    const row = within(waiting).getByRole('listitem', { name: /Dana Whitfield/ });
    expect(row.textContent).toContain('SLA 1:00');
    expect(row.textContent).toMatch(/predicted accept .*: breach/);
    expect(row.textContent).toContain('offered 2×');
    expect(row.textContent).toContain('missed by Ann Agent');
    expect(within(row).getByRole('list', { name: /Path of Dana Whitfield/ }).textContent).toContain('timed out');
    const agents = screen.getByRole('table', { name: 'Agents' });
    expect(within(agents).getByRole('rowheader', { name: 'Ann Agent' })).toBeTruthy();
    expect(within(agents).getByRole('rowheader', { name: 'Bob Agent' })).toBeTruthy();
    expect(screen.getByRole('list', { name: 'Alerts' }).textContent).toContain('SLA at risk');
    expect(screen.getByRole('list', { name: 'Raised hands' }).textContent).toContain('Refund over my limit');
    expect(screen.queryByRole('list', { name: 'Handoff inbox' })).toBeNull();
  });

  test('the view follows supervisor:updated pushes; a late, older snapshot does not take it back', async () => {
    mount();
    await screen.findByRole('list', { name: 'Waiting handoffs' });
    emit('supervisor:updated', snapshot({ at: iso(NOW + 1000), handoffs: [], queues: [], alerts: [] }));
    expect(await screen.findByText('Every handoff has an agent.')).toBeTruthy();
    expect(screen.getByText('Nothing needs a lead right now.')).toBeTruthy();
    // An older snapshot arriving late does not take the view back.
    emit('supervisor:updated', snapshot({ at: iso(NOW - 1000) }));
    expect(screen.getByText('Every handoff has an agent.')).toBeTruthy();
  });

  test('assign, offer, requeue, presence and whisper call the API with what the lead chose', async () => {
    mount();
    const row = within(await screen.findByRole('list', { name: 'Waiting handoffs' })).getByRole('listitem', { name: /Dana Whitfield/ });
    fireEvent.change(within(row).getByLabelText('Agent for Dana Whitfield'), { target: { value: 'bob' } });
    await act(async () => fireEvent.click(within(row).getByRole('button', { name: 'Assign Dana Whitfield to the chosen agent' })));
    await act(async () => fireEvent.click(within(row).getByRole('button', { name: 'Offer' })));
    fireEvent.change(within(row).getByLabelText('Queue for Dana Whitfield'), { target: { value: 'general' } });
    await act(async () => fireEvent.click(within(row).getByRole('button', { name: 'Move to queue' })));
    const agents = screen.getByRole('table', { name: 'Agents' });
    await act(async () => fireEvent.change(within(agents).getByLabelText('Status of Ann Agent'), { target: { value: 'available' } }));
    const annRow = within(agents).getByRole('row', { name: /Ann Agent/ });
    fireEvent.click(within(annRow).getByRole('button', { name: 'Whisper' }));
    fireEvent.change(screen.getByLabelText('Whisper to Ann Agent'), { target: { value: 'Take the Dana call next' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Send whisper' })));

    const actions = calls.filter((c) => c.method.startsWith('supervisor:') && c.method !== 'supervisor:snapshot');
    expect(actions).toEqual([
      { method: 'supervisor:reassign', args: { handoffId: 'h1', to: { kind: 'agent', agentId: 'bob', force: true } } },
      { method: 'supervisor:reassign', args: { handoffId: 'h1', to: { kind: 'agent', agentId: 'bob', force: false } } },
      { method: 'supervisor:reassign', args: { handoffId: 'h1', to: { kind: 'queue', queue: 'general' } } },
      { method: 'supervisor:setAgentPresence', args: { agentId: 'ann', presence: 'available' } },
      { method: 'supervisor:whisper', args: { agentId: 'ann', text: 'Take the Dana call next' } },
    ]);
  });

  test('the reports tab loads the report for the range and shows the rules report', async () => {
    mount();
    await screen.findByRole('list', { name: 'Waiting handoffs' });
    fireEvent.click(screen.getByRole('button', { name: 'Reports' }));
    const rules = await screen.findByRole('table', { name: 'Rules report' });
    const vip = within(rules).getByRole('row', { name: /vip-fast-lane/ });
    expect(vip.textContent).toContain('10 s');
    expect(vip.textContent).toContain('1 yes / 3 no');
    expect(vip.className).toBe('row-alert');
    expect(screen.getByRole('region', { name: 'Report summary' }).textContent).toContain('90%');
    const call = calls.find((c) => c.method === 'supervisor:report')!;
    const args = call.args as { from: string; to: string };
    expect(Date.parse(args.to) - Date.parse(args.from)).toBeGreaterThanOrEqual(6 * 86_400_000);
  });

  test('an agent sees the workspace, not the supervisor view, and whispers from leads', async () => {
    mount('agent');
    await screen.findByRole('button', { name: 'Raise hand' });
    expect(screen.queryByRole('table', { name: 'Agents' })).toBeNull();
    emit('whisper:received', { id: 'w9', fromId: 'lee', fromName: 'Lee Lead', toAgentId: 'lee', text: 'Nice save on that refund', at: iso(NOW) });
    expect(screen.getByRole('list', { name: 'Messages from leads' }).textContent).toContain('Nice save on that refund');
  });
});
