// The live view a lead sees, built from the router (who holds what right now) and the store (the
// handoffs' documents, their receipts path, moods, missed offers). Built on request: supervisors'
// desktops ask again when the hub tells them something changed, at most about once a second.
import { PRIORITIES, type HandoffReceipt, type Priority } from '../../shared/domain';
import type {
  QueueSummary,
  SupervisedAgent,
  SupervisedHandoff,
  SupervisorLiveAlert,
  SupervisorSnapshot,
} from '../../shared/supervision';
import type { Router } from '../router/router';
import type { HubDatabase } from '../store/database';
import { listAgents } from '../store/agent-queries';
import { listActiveHandoffs } from '../store/handoff-queries';
import { listReceipts } from '../store/receipt-queries';
import { listOpenHands } from './raised-hand-queries';
import { predictSlaBreaches, type PredictionAgent } from './sla-prediction';

export const DEFAULT_HANDLE_MS = 5 * 60_000;
export const DEFAULT_ACCEPT_MS = 15_000;
/** A customer's mood this far below where it was at the handoff, or this low, raises an alert. */
export const MOOD_DROP_ALERT = 0.3;
export const MOOD_FLOOR_ALERT = -0.7;
const DAY = 86_400_000;
const MAX_LISTED_HANDOFFS = 80;
const MAX_PATH = 12;

export interface SnapshotSources {
  db: HubDatabase;
  router: Router;
  now: number;
  routeToSupervisors: boolean;
  /** When the agent's shown presence last changed. */
  statusSince(agentId: string): number;
  /** When this alert condition was first seen (kept while it holds). */
  alertSince(alertId: string): number;
}

export function buildSupervisorSnapshot(sources: SnapshotSources): SupervisorSnapshot {
  const { db, router, now } = sources;
  const agents = listAgents(db);
  const stored = listActiveHandoffs(db);
  const typical = typicalTimes(db, now);

  const moods = new Map<string, number | null>();
  const moodQuery = db.prepare('SELECT mood_last FROM handoff_facts WHERE handoff_id = ?');
  for (const { handoff } of stored) moods.set(handoff.id, (moodQuery.get(handoff.id) as { mood_last: number | null } | undefined)?.mood_last ?? null);

  const agentStates = agents.map((record) => ({ record, state: router.agent(record.id) }));
  const predictionAgents: PredictionAgent[] = agentStates.map(({ record, state }) => ({
    id: record.id,
    role: record.role,
    presence: state?.presence ?? 'offline',
    connected: state?.connected ?? false,
    skills: record.skills,
    capacity: record.capacity,
    conversationsSince: (state?.assigned ?? []).map((handoffId) => acceptedAtOf(db, handoffId) ?? now),
  }));

  const routes = new Map(stored.map((s) => [s.handoff.id, router.handoff(s.handoff.id)]));
  const waiting = stored.filter((s) => routes.get(s.handoff.id)?.state !== 'assigned' && s.handoff.status !== 'accepted');
  const predictions = new Map(
    predictSlaBreaches({
      now,
      agents: predictionAgents,
      handoffs: waiting.map((s) => {
        const route = routes.get(s.handoff.id);
        return {
          id: s.handoff.id,
          priority: s.handoff.priority,
          receivedAt: Date.parse(s.handoff.receivedAt),
          slaDeadline: Date.parse(s.handoff.slaDeadline),
          skills: s.skills,
          slaBreached: route?.slaBreached ?? s.handoff.slaBreached ?? false,
          offeredTo: route?.state === 'offered' ? route.agentId : null,
        };
      }),
      typicalHandleMs: typical.handleMs,
      typicalAcceptMs: typical.acceptMs,
      routeToSupervisors: sources.routeToSupervisors,
    }).map((p) => [p.handoffId, p]),
  );

  const handoffs: SupervisedHandoff[] = stored.map(({ handoff }) => {
    const route = routes.get(handoff.id);
    const path = listReceipts(db, handoff.id);
    const prediction = predictions.get(handoff.id);
    const accepted = handoff.status === 'accepted' || route?.state === 'assigned';
    return {
      id: handoff.id,
      status: handoff.status,
      priority: handoff.priority,
      queue: route?.queue ?? handoff.queue,
      trigger: handoff.trigger,
      customerName: handoff.customer.name,
      customerTier: handoff.customer.tier,
      summary: handoff.conversation.summary,
      receivedAt: handoff.receivedAt,
      slaDeadline: handoff.slaDeadline,
      slaBreached: route?.slaBreached ?? handoff.slaBreached ?? false,
      agentId: route?.agentId ?? handoff.assignedAgentId ?? null,
      offerExpiresAt: route?.offerExpiresAt ? iso(route.offerExpiresAt) : null,
      acceptedAt: accepted ? lastAt(path, 'accepted') : null,
      offers: path.filter((r) => r.stage === 'offered' || r.stage === 're_offered').length,
      missedBy: path.filter((r) => (r.stage === 'timed_out' || r.stage === 'declined') && r.agentId).map((r) => r.agentId!),
      moodAtHandoff: handoff.sentimentAtHandoff?.score ?? null,
      moodNow: moods.get(handoff.id) ?? null,
      predictedAcceptAt: prediction?.predictedAcceptAt != null ? iso(prediction.predictedAcceptAt) : null,
      predictedBreach: prediction?.breach ?? false,
      path,
    };
  });
  handoffs.sort(liveOrder);
  // The snapshot travels in one frame (MAX_FRAME_BYTES): the most urgent handoffs, each in brief.
  const shown = handoffs.slice(0, MAX_LISTED_HANDOFFS).map((h) => ({ ...h, summary: h.summary.slice(0, 400), path: h.path.slice(-MAX_PATH) }));

  const missed = missedOffers(db, now - DAY);
  const supervisedAgents: SupervisedAgent[] = agentStates.map(({ record, state }) => ({
    id: record.id,
    name: record.name,
    role: record.role,
    presence: state?.presence ?? 'offline',
    connected: state?.connected ?? false,
    capacity: record.capacity,
    load: (state?.assigned.length ?? 0) + (state?.offers.length ?? 0),
    skills: record.skills,
    statusSince: iso(sources.statusSince(record.id)),
    missedOffers: missed.get(`${record.id}|timed_out`) ?? 0,
    declinedOffers: missed.get(`${record.id}|declined`) ?? 0,
    offers: [...(state?.offers ?? [])],
    conversations: [...(state?.assigned ?? [])],
  }));

  const queues = summarizeQueues(waiting, routes, handoffs, router);
  const hands = listOpenHands(db);
  const alerts = liveAlerts(handoffs, queues, hands, sources);
  return {
    at: iso(now),
    queues,
    handoffs: shown,
    moreHandoffs: handoffs.length - shown.length,
    agents: supervisedAgents,
    hands,
    alerts: alerts.slice(0, 100),
    typicalHandleMs: typical.handleMs,
  };
}

/** Waiting handoffs first (by priority, then longest waiting), then the ones being worked on. */
function liveOrder(a: SupervisedHandoff, b: SupervisedHandoff): number {
  const aWaiting = a.acceptedAt === null ? 0 : 1;
  const bWaiting = b.acceptedAt === null ? 0 : 1;
  if (aWaiting !== bWaiting) return aWaiting - bWaiting;
  const byPriority = PRIORITIES.indexOf(a.priority) - PRIORITIES.indexOf(b.priority);
  if (byPriority !== 0) return byPriority;
  return Date.parse(a.receivedAt) - Date.parse(b.receivedAt);
}

function summarizeQueues(
  waiting: ReturnType<typeof listActiveHandoffs>,
  routes: Map<string, ReturnType<Router['handoff']>>,
  handoffs: SupervisedHandoff[],
  router: Router,
): QueueSummary[] {
  const byId = new Map(handoffs.map((h) => [h.id, h]));
  const queues = new Map<string, QueueSummary>();
  for (const stored of waiting) {
    const view = byId.get(stored.handoff.id)!;
    const queue = routes.get(stored.handoff.id)?.queue ?? stored.handoff.queue;
    let summary = queues.get(queue);
    if (!summary) {
      summary = {
        queue,
        waiting: 0,
        byPriority: Object.fromEntries(PRIORITIES.map((p) => [p, 0])) as Record<Priority, number>,
        oldestReceivedAt: null,
        breached: 0,
        predictedBreaches: 0,
        eligibleAgents: Number.MAX_SAFE_INTEGER,
      };
      queues.set(queue, summary);
    }
    summary.waiting++;
    summary.byPriority[view.priority]++;
    if (summary.oldestReceivedAt === null || view.receivedAt < summary.oldestReceivedAt) summary.oldestReceivedAt = view.receivedAt;
    if (view.slaBreached) summary.breached++;
    else if (view.predictedBreach) summary.predictedBreaches++;
    summary.eligibleAgents = Math.min(summary.eligibleAgents, router.eligibleAgentsOnline(stored.skills));
  }
  return [...queues.values()].sort((a, b) => (a.oldestReceivedAt ?? '').localeCompare(b.oldestReceivedAt ?? ''));
}

function liveAlerts(
  handoffs: SupervisedHandoff[],
  queues: QueueSummary[],
  hands: ReturnType<typeof listOpenHands>,
  sources: SnapshotSources,
): SupervisorLiveAlert[] {
  const alerts: Omit<SupervisorLiveAlert, 'since'>[] = [];
  for (const h of handoffs) {
    const who = `${h.priority} ${h.customerName} (${h.queue})`;
    if (h.acceptedAt === null && h.slaBreached) {
      alerts.push({ id: `sla:${h.id}`, kind: 'sla_breached', handoffId: h.id, queue: h.queue, message: `${who} missed its SLA and is still waiting` });
    } else if (h.acceptedAt === null && h.predictedBreach) {
      const when = h.predictedAcceptAt ? `expected to be accepted at ${h.predictedAcceptAt.slice(11, 19)}, after its deadline` : 'no agent who could take it is available';
      alerts.push({ id: `predicted:${h.id}`, kind: 'sla_breach_predicted', handoffId: h.id, queue: h.queue, message: `${who} will miss its SLA: ${when}` });
    }
    if (h.moodNow !== null && (h.moodNow <= MOOD_FLOOR_ALERT || (h.moodAtHandoff !== null && h.moodAtHandoff - h.moodNow >= MOOD_DROP_ALERT))) {
      alerts.push({
        id: `mood:${h.id}`,
        kind: 'falling_mood',
        handoffId: h.id,
        ...(h.agentId ? { agentId: h.agentId } : {}),
        message: `${h.customerName}'s mood is falling (${formatScore(h.moodAtHandoff)} → ${formatScore(h.moodNow)})`,
      });
    }
  }
  for (const q of queues) {
    if (q.eligibleAgents === 0) {
      alerts.push({ id: `no-agent:${q.queue}`, kind: 'no_eligible_agent', queue: q.queue, message: `No available agent can take the ${q.waiting} handoff(s) waiting in ${q.queue}` });
    }
  }
  for (const hand of hands) {
    alerts.push({ id: `hand:${hand.id}`, kind: 'raised_hand', agentId: hand.agentId, ...(hand.handoffId ? { handoffId: hand.handoffId } : {}), message: `${hand.agentName} raised a hand: ${hand.text}` });
  }
  return alerts.map((alert) => ({ ...alert, since: iso(sources.alertSince(alert.id)) }));
}

/** Typical handling and accept times from the most recent finished handoffs (defaults until there are enough). */
function typicalTimes(db: HubDatabase, now: number): { handleMs: number; acceptMs: number } {
  const rows = db
    .prepare(
      `SELECT accepted_at, finished_at, received_at, missed_offers FROM handoff_facts
       WHERE received_at >= ? AND accepted_at IS NOT NULL ORDER BY received_at DESC LIMIT 200`,
    )
    .all(now - 7 * DAY) as { accepted_at: number; finished_at: number | null; received_at: number; missed_offers: number }[];
  const handle = rows.filter((r) => r.finished_at !== null).map((r) => r.finished_at! - r.accepted_at);
  const accept = rows.filter((r) => r.missed_offers === 0).map((r) => r.accepted_at - r.received_at);
  return {
    handleMs: handle.length >= 5 ? Math.round(median(handle)) : DEFAULT_HANDLE_MS,
    acceptMs: accept.length >= 5 ? Math.round(median(accept)) : DEFAULT_ACCEPT_MS,
  };
}

function missedOffers(db: HubDatabase, since: number): Map<string, number> {
  const rows = db
    .prepare(
      `SELECT agent_id, stage, COUNT(*) AS n FROM handoff_receipts
       WHERE stage IN ('timed_out', 'declined') AND at >= ? AND agent_id IS NOT NULL GROUP BY agent_id, stage`,
    )
    .all(since) as { agent_id: string; stage: string; n: number }[];
  return new Map(rows.map((row) => [`${row.agent_id}|${row.stage}`, row.n]));
}

function acceptedAtOf(db: HubDatabase, handoffId: string): number | null {
  const row = db.prepare("SELECT MAX(at) AS at FROM handoff_receipts WHERE handoff_id = ? AND stage = 'accepted'").get(handoffId) as { at: number | null };
  return row.at;
}

function lastAt(path: HandoffReceipt[], stage: HandoffReceipt['stage']): string | null {
  for (let i = path.length - 1; i >= 0; i--) if (path[i]!.stage === stage) return path[i]!.at;
  return null;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function formatScore(score: number | null): string {
  return score === null ? '?' : score.toFixed(2);
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
