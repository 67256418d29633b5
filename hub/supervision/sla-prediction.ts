// Predicted SLA breach: when will each waiting handoff be accepted, given who can take it, how
// loaded they are and how long a conversation typically takes? A pure function (no clock, no I/O)
// that replays routing on paper: every eligible agent has `capacity` slots; a free slot is free
// now, a busy one frees up when its conversation is expected to end; handoffs take the earliest
// slot among agents with their skills, in the router's order (offers first, then priority, then age).
import { PRIORITIES, type Presence, type Priority, type Role } from '../../shared/domain';

export interface PredictionAgent {
  id: string;
  role: Role;
  presence: Presence;
  connected: boolean;
  skills: readonly string[];
  capacity: number;
  /** When each accepted conversation of this agent started (accepted). */
  conversationsSince: readonly number[];
}

export interface PredictionHandoff {
  id: string;
  priority: Priority;
  receivedAt: number;
  slaDeadline: number;
  skills: readonly string[];
  slaBreached: boolean;
  /** Set while the handoff is offered to someone. */
  offeredTo: string | null;
}

export interface PredictionInput {
  now: number;
  agents: readonly PredictionAgent[];
  handoffs: readonly PredictionHandoff[];
  /** Accepted → resolved, typically. */
  typicalHandleMs: number;
  /** Offered → accepted, typically. */
  typicalAcceptMs: number;
  routeToSupervisors?: boolean;
}

export interface SlaPrediction {
  handoffId: string;
  /** Null when no agent who could take it is available at all. */
  predictedAcceptAt: number | null;
  breach: boolean;
}

/** A conversation already past its typical length is still expected to take a little longer. */
const MIN_REMAINING_SHARE = 0.1;

const PRIORITY_RANK = new Map<Priority, number>(PRIORITIES.map((priority, index) => [priority, index]));

export function predictSlaBreaches(input: PredictionInput): SlaPrediction[] {
  const { now, typicalHandleMs, typicalAcceptMs } = input;
  const eligible = input.agents.filter(
    (agent) => agent.connected && agent.presence === 'available' && (agent.role === 'agent' || input.routeToSupervisors === true),
  );
  // Each agent's slots as the times they become free, soonest first.
  const slots = new Map<string, number[]>();
  for (const agent of eligible) {
    const busy = agent.conversationsSince
      .slice(0, agent.capacity)
      .map((since) => now + Math.max(typicalHandleMs - (now - since), typicalHandleMs * MIN_REMAINING_SHARE));
    const free = Array.from({ length: Math.max(0, agent.capacity - busy.length) }, () => now);
    slots.set(agent.id, [...free, ...busy].sort((a, b) => a - b));
  }

  const ordered = [...input.handoffs].sort((a, b) => {
    if ((a.offeredTo === null) !== (b.offeredTo === null)) return a.offeredTo === null ? 1 : -1;
    const byPriority = PRIORITY_RANK.get(a.priority)! - PRIORITY_RANK.get(b.priority)!;
    if (byPriority !== 0) return byPriority;
    return a.receivedAt - b.receivedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  });

  const predictions = new Map<string, SlaPrediction>();
  for (const handoff of ordered) {
    const candidates = eligible.filter((agent) => handoff.skills.every((skill) => agent.skills.includes(skill)));
    const pinned = handoff.offeredTo !== null ? candidates.find((agent) => agent.id === handoff.offeredTo) : undefined;
    let best: { agentId: string; freeAt: number } | null = null;
    for (const agent of pinned ? [pinned] : candidates) {
      const freeAt = slots.get(agent.id)?.[0];
      if (freeAt !== undefined && (best === null || freeAt < best.freeAt)) best = { agentId: agent.id, freeAt };
    }
    if (best === null) {
      predictions.set(handoff.id, { handoffId: handoff.id, predictedAcceptAt: null, breach: true });
      continue;
    }
    const acceptAt = Math.max(best.freeAt, now) + typicalAcceptMs;
    const agentSlots = slots.get(best.agentId)!;
    agentSlots.shift();
    insertSorted(agentSlots, acceptAt + typicalHandleMs);
    predictions.set(handoff.id, { handoffId: handoff.id, predictedAcceptAt: acceptAt, breach: handoff.slaBreached || acceptAt > handoff.slaDeadline });
  }
  return input.handoffs.map((handoff) => predictions.get(handoff.id)!);
}

function insertSorted(values: number[], value: number): void {
  let index = values.findIndex((existing) => existing > value);
  if (index === -1) index = values.length;
  values.splice(index, 0, value);
}
