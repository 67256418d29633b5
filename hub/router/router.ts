// The router decides who is offered which handoff, and when an offer moves on. It is a pure class:
// no I/O, time from an injected Clock, decisions reported as effects that the hub's shell applies
// (store, WebSocket events, webhook). That keeps every routing rule testable on a ManualClock.
//
// Rules it implements:
// - Waiting handoffs are served by priority (P1 first), then age (oldest first).
// - An agent is eligible for a handoff when connected, presence 'available', role 'agent' (unless
//   supervisors are routed to), holding every required skill, with spare capacity (accepted plus
//   pending offers below capacity), and has not declined or let this handoff's offer time out.
// - Skill overflow: when no connected agent holds a handoff's skills at all, the skills are waived
//   and any agent may be offered it: better a generalist now than nobody until the SLA breaks.
//   As soon as a skilled agent is connected, only skilled agents are offered it again.
// - Among eligible agents: least busy, then longest idle; or round-robin when configured.
// - One agent holds a handoff's offer at a time; on timeout or decline it moves to the next agent.
//   An agent who lets two offers in a row time out is set to 'away' (they are not at their desk).
// - A handoff nobody can take waits in its queue; at its SLA deadline it is flagged once.
import type { Clock, TimerHandle } from '../../shared/clock';
import { PRIORITIES, type Presence, type Priority, type Role } from '../../shared/domain';
import type { OfferRevokeReason } from '../../shared/hub-protocol';
import type { ErrorCode } from '../../shared/result';

export type RoutingStrategy = 'least-busy' | 'round-robin';

export interface RouterOptions {
  clock: Clock;
  offerTimeoutMs?: number;
  strategy?: RoutingStrategy;
  /** Offer handoffs to supervisors too (small teams where the lead also takes conversations). */
  routeToSupervisors?: boolean;
  /** Missed offers in a row after which an agent is set away. */
  maxConsecutiveTimeouts?: number;
  /**
   * After a restart, how long an offer restored to an agent waits for their desktop to reconnect
   * before it moves on (revoked as 'reassigned', as if they had disconnected), if its own deadline
   * is not sooner. Default 30 s: the desktop's backoff (0.5 s doubling) may be in a 16 s wait when
   * the hub comes back.
   */
  restoredOfferGraceMs?: number;
  /** Waive skills when no connected agent has them (default true). */
  skillOverflow?: boolean;
}

export interface AgentProfile {
  id: string;
  role: Role;
  skills: readonly string[];
  capacity: number;
}

export interface RoutableHandoff {
  id: string;
  priority: Priority;
  queue: string;
  skills: readonly string[];
  receivedAt: number;
  slaDeadline: number;
  slaBreached?: boolean;
  /** Restoring after a restart: already accepted by this agent. */
  assignedAgentId?: string;
  /**
   * Restoring after a restart: the offer this agent held when the previous process died. Their
   * desktop still shows it (and gets it from its event log if it missed it), so the offer is kept,
   * not made again: a second offer would alert twice, or show the handoff on two desktops.
   */
  offeredTo?: { agentId: string; offeredAt: number };
}

export type RouterEffect =
  | { kind: 'offer'; handoffId: string; agentId: string; expiresAt: number; attempt: number; skillsWaived: boolean }
  | { kind: 'offer_revoked'; handoffId: string; agentId: string; reason: OfferRevokeReason }
  | { kind: 'offer_timed_out'; handoffId: string; agentId: string }
  | { kind: 'presence_changed'; agentId: string; presence: Presence; reason: string }
  | { kind: 'sla_breached'; handoffId: string }
  | { kind: 'no_eligible_agent'; handoffId: string };

export type RouterResult = { ok: true } | { ok: false; code: ErrorCode; message: string };

export interface AgentState {
  readonly id: string;
  readonly role: Role;
  readonly skills: readonly string[];
  readonly capacity: number;
  readonly presence: Presence;
  readonly connected: boolean;
  readonly assigned: readonly string[];
  readonly offers: readonly string[];
}

export interface HandoffRouteState {
  readonly id: string;
  readonly queue: string;
  readonly state: 'waiting' | 'offered' | 'assigned';
  readonly agentId: string | null;
  readonly offerExpiresAt: number | null;
  readonly slaBreached: boolean;
}

interface AgentEntry {
  id: string;
  role: Role;
  skills: Set<string>;
  capacity: number;
  /** What the agent chose; 'offline' is shown while disconnected whatever they chose. */
  presence: Presence;
  connected: boolean;
  assigned: Set<string>;
  offers: Set<string>;
  lastActivityAt: number;
  consecutiveTimeouts: number;
}

interface HandoffEntry {
  id: string;
  priority: Priority;
  queue: string;
  skills: string[];
  receivedAt: number;
  slaDeadline: number;
  slaBreached: boolean;
  state: 'waiting' | 'offered' | 'assigned';
  agentId: string | null;
  offerExpiresAt: number | null;
  offerTimer: TimerHandle | null;
  slaTimer: TimerHandle | null;
  excluded: Set<string>;
  attempts: number;
  offeredAt: number | null;
  assignedAt: number | null;
}

const PRIORITY_RANK = new Map<Priority, number>(PRIORITIES.map((priority, index) => [priority, index]));

/** Rolling averages used for the expected wait told to the bot platform. */
const DEFAULT_ACCEPT_MS = 15_000;
const DEFAULT_HANDLE_MS = 5 * 60_000;
const AVERAGE_WEIGHT = 0.2;

export class Router {
  private readonly clock: Clock;
  private readonly offerTimeoutMs: number;
  private readonly strategy: RoutingStrategy;
  private readonly routeToSupervisors: boolean;
  private readonly maxConsecutiveTimeouts: number;
  private readonly restoredOfferGraceMs: number;
  private readonly skillOverflow: boolean;
  private readonly agents = new Map<string, AgentEntry>();
  private readonly handoffs = new Map<string, HandoffEntry>();
  private readonly listeners = new Set<(effect: RouterEffect) => void>();
  private roundRobinCursor = '';
  private averageAcceptMs = DEFAULT_ACCEPT_MS;
  private averageHandleMs = DEFAULT_HANDLE_MS;
  private pumping = false;
  private pumpAgain = false;
  private disposed = false;

  constructor(options: RouterOptions) {
    this.clock = options.clock;
    this.offerTimeoutMs = options.offerTimeoutMs ?? 30_000;
    this.strategy = options.strategy ?? 'least-busy';
    this.routeToSupervisors = options.routeToSupervisors ?? false;
    this.maxConsecutiveTimeouts = options.maxConsecutiveTimeouts ?? 2;
    this.restoredOfferGraceMs = options.restoredOfferGraceMs ?? 30_000;
    this.skillOverflow = options.skillOverflow ?? true;
  }

  onEffect(listener: (effect: RouterEffect) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- agents

  upsertAgent(profile: AgentProfile): void {
    const existing = this.agents.get(profile.id);
    if (existing) {
      existing.role = profile.role;
      existing.skills = new Set(profile.skills);
      existing.capacity = profile.capacity;
    } else {
      this.agents.set(profile.id, {
        id: profile.id,
        role: profile.role,
        skills: new Set(profile.skills),
        capacity: profile.capacity,
        presence: 'available',
        connected: false,
        assigned: new Set(),
        offers: new Set(),
        lastActivityAt: this.clock.now(),
        consecutiveTimeouts: 0,
      });
    }
    this.pump();
  }

  /** A revoked agent: their offers move on; accepted handoffs go back to the queue. */
  removeAgent(agentId: string): void {
    const agent = this.agents.get(agentId);
    if (!agent) return;
    agent.connected = false;
    this.revokeOffersOf(agent, 'reassigned');
    for (const handoffId of [...agent.assigned]) {
      const handoff = this.handoffs.get(handoffId);
      if (handoff) this.toWaiting(handoff);
    }
    this.agents.delete(agentId);
    this.pump();
  }

  connect(agentId: string): RouterResult {
    const agent = this.agents.get(agentId);
    if (!agent) return { ok: false, code: 'not_found', message: `agent ${agentId} is not known to the router` };
    agent.connected = true;
    if (agent.presence === 'offline') agent.presence = 'available';
    agent.lastActivityAt = this.clock.now();
    this.pump();
    return { ok: true };
  }

  /** The desktop went away: it is offered nothing until it is back; accepted work stays assigned. */
  disconnect(agentId: string): void {
    const agent = this.agents.get(agentId);
    if (!agent || !agent.connected) return;
    agent.connected = false;
    this.revokeOffersOf(agent, 'reassigned');
    this.pump();
  }

  setPresence(agentId: string, presence: Presence): RouterResult {
    const agent = this.agents.get(agentId);
    if (!agent) return { ok: false, code: 'not_found', message: `agent ${agentId} is not known to the router` };
    agent.presence = presence;
    if (presence === 'available') agent.consecutiveTimeouts = 0;
    else this.revokeOffersOf(agent, 'reassigned');
    this.pump();
    return { ok: true };
  }

  // ---- handoffs

  /** A new handoff (or one restored after a restart) enters routing. */
  enqueue(input: RoutableHandoff): void {
    if (this.handoffs.has(input.id)) return;
    const entry: HandoffEntry = {
      id: input.id,
      priority: input.priority,
      queue: input.queue,
      skills: [...input.skills],
      receivedAt: input.receivedAt,
      slaDeadline: input.slaDeadline,
      slaBreached: input.slaBreached ?? false,
      state: 'waiting',
      agentId: null,
      offerExpiresAt: null,
      offerTimer: null,
      slaTimer: null,
      excluded: new Set(),
      attempts: 0,
      offeredAt: null,
      assignedAt: null,
    };
    this.handoffs.set(entry.id, entry);
    const assignee = input.assignedAgentId ? this.agents.get(input.assignedAgentId) : undefined;
    if (assignee) {
      entry.state = 'assigned';
      entry.agentId = assignee.id;
      entry.assignedAt = this.clock.now();
      assignee.assigned.add(entry.id);
      return;
    }
    this.armSla(entry);
    const holder = input.offeredTo ? this.agents.get(input.offeredTo.agentId) : undefined;
    if (holder && input.offeredTo) {
      this.restoreOffer(entry, holder, input.offeredTo.offeredAt);
      return;
    }
    if (this.eligibleAgentsOnline(entry.skills) === 0) this.emit({ kind: 'no_eligible_agent', handoffId: entry.id });
    this.pump();
  }

  accept(handoffId: string, agentId: string): RouterResult {
    const handoff = this.handoffs.get(handoffId);
    if (!handoff) return { ok: false, code: 'not_found', message: `handoff ${handoffId} is not waiting for an agent` };
    if (handoff.state === 'assigned' && handoff.agentId === agentId) return { ok: true };
    if (handoff.state !== 'offered' || handoff.agentId !== agentId) {
      return { ok: false, code: 'conflict', message: `handoff ${handoffId} is not offered to you (the offer expired or went to someone else)` };
    }
    const agent = this.agents.get(agentId)!;
    this.clearOffer(handoff, agent);
    const now = this.clock.now();
    if (handoff.offeredAt !== null) this.averageAcceptMs = blend(this.averageAcceptMs, now - handoff.offeredAt);
    this.assign(handoff, agent);
    agent.consecutiveTimeouts = 0;
    this.pump();
    return { ok: true };
  }

  decline(handoffId: string, agentId: string): RouterResult {
    const handoff = this.handoffs.get(handoffId);
    if (!handoff || handoff.state !== 'offered' || handoff.agentId !== agentId) {
      return { ok: false, code: 'conflict', message: `handoff ${handoffId} is not offered to you` };
    }
    const agent = this.agents.get(agentId)!;
    agent.consecutiveTimeouts = 0;
    this.clearOffer(handoff, agent);
    handoff.excluded.add(agentId);
    handoff.state = 'waiting';
    handoff.agentId = null;
    this.emit({ kind: 'offer_revoked', handoffId, agentId, reason: 'declined' });
    this.pump();
    return { ok: true };
  }

  /** Resolved or abandoned: the handoff leaves routing and frees its agent's capacity. */
  release(handoffId: string, reason: 'resolved' | 'abandoned'): void {
    const handoff = this.handoffs.get(handoffId);
    if (!handoff) return;
    const agent = handoff.agentId ? this.agents.get(handoff.agentId) : undefined;
    if (handoff.state === 'offered' && agent) {
      this.clearOffer(handoff, agent);
      this.emit({ kind: 'offer_revoked', handoffId, agentId: agent.id, reason: 'abandoned' });
    }
    if (handoff.state === 'assigned' && agent) {
      agent.assigned.delete(handoffId);
      agent.lastActivityAt = this.clock.now();
      if (reason === 'resolved' && handoff.assignedAt !== null) {
        this.averageHandleMs = blend(this.averageHandleMs, this.clock.now() - handoff.assignedAt);
      }
    }
    if (handoff.slaTimer) this.clock.clearTimeout(handoff.slaTimer);
    this.handoffs.delete(handoffId);
    this.pump();
  }

  /** Drops a handoff without a trace or an effect: its creation was rolled back. */
  forget(handoffId: string): void {
    const handoff = this.handoffs.get(handoffId);
    if (!handoff) return;
    if (handoff.offerTimer) this.clock.clearTimeout(handoff.offerTimer);
    if (handoff.slaTimer) this.clock.clearTimeout(handoff.slaTimer);
    for (const agent of this.agents.values()) {
      agent.offers.delete(handoffId);
      agent.assigned.delete(handoffId);
    }
    this.handoffs.delete(handoffId);
  }

  /** Hands a handoff on: to a named agent (offered to them first) or to another queue. */
  transfer(handoffId: string, to: { kind: 'agent'; agentId: string } | { kind: 'queue'; queue: string }, byAgentId?: string): RouterResult {
    const handoff = this.handoffs.get(handoffId);
    if (!handoff) return { ok: false, code: 'not_found', message: `handoff ${handoffId} is not active` };
    let target: AgentEntry | undefined;
    if (to.kind === 'agent') {
      target = this.agents.get(to.agentId);
      if (!target) return { ok: false, code: 'not_found', message: `agent ${to.agentId} does not exist` };
      if (!target.connected) return { ok: false, code: 'unavailable', message: `agent ${to.agentId} is not connected` };
      if (target.assigned.size + target.offers.size >= target.capacity) {
        return { ok: false, code: 'unavailable', message: `agent ${to.agentId} has no spare capacity` };
      }
      if (handoff.agentId === target.id) return { ok: false, code: 'conflict', message: `handoff ${handoffId} is already with ${to.agentId}` };
    }
    this.detach(handoff, 'reassigned');
    if (byAgentId) handoff.excluded.add(byAgentId);
    if (to.kind === 'queue') {
      handoff.queue = to.queue;
      this.pump();
      return { ok: true };
    }
    this.offer(handoff, target!);
    this.pump();
    return { ok: true };
  }

  /** A supervisor gives the handoff to an agent directly (no offer round). */
  reassign(handoffId: string, agentId: string): RouterResult {
    const handoff = this.handoffs.get(handoffId);
    if (!handoff) return { ok: false, code: 'not_found', message: `handoff ${handoffId} is not active` };
    const target = this.agents.get(agentId);
    if (!target) return { ok: false, code: 'not_found', message: `agent ${agentId} does not exist` };
    if (handoff.state === 'assigned' && handoff.agentId === agentId) return { ok: true };
    this.detach(handoff, 'reassigned');
    this.assign(handoff, target);
    this.pump();
    return { ok: true };
  }

  // ---- queries

  agent(agentId: string): AgentState | undefined {
    const agent = this.agents.get(agentId);
    if (!agent) return undefined;
    return {
      id: agent.id,
      role: agent.role,
      skills: [...agent.skills],
      capacity: agent.capacity,
      presence: agent.connected ? agent.presence : 'offline',
      connected: agent.connected,
      assigned: [...agent.assigned],
      offers: [...agent.offers],
    };
  }

  handoff(handoffId: string): HandoffRouteState | undefined {
    const handoff = this.handoffs.get(handoffId);
    if (!handoff) return undefined;
    return {
      id: handoff.id,
      queue: handoff.queue,
      state: handoff.state,
      agentId: handoff.agentId,
      offerExpiresAt: handoff.offerExpiresAt,
      slaBreached: handoff.slaBreached,
    };
  }

  /** Connected, available agents who could take a handoff needing these skills, whatever their load. */
  eligibleAgentsOnline(skills: readonly string[]): number {
    const effective = this.effectiveSkills(skills);
    let count = 0;
    for (const agent of this.agents.values()) {
      if (this.canServe(agent, effective)) count++;
    }
    return count;
  }

  /** The skills routing insists on: none when overflow applies (nobody connected has them). */
  private effectiveSkills(skills: readonly string[]): readonly string[] {
    if (!this.skillOverflow || skills.length === 0) return skills;
    for (const agent of this.agents.values()) {
      if (!agent.connected) continue;
      if (agent.role === 'supervisor' && !this.routeToSupervisors) continue;
      if (skills.every((skill) => agent.skills.has(skill))) return skills;
    }
    return [];
  }

  waitingCount(): number {
    let count = 0;
    for (const handoff of this.handoffs.values()) if (handoff.state === 'waiting') count++;
    return count;
  }

  /**
   * An estimate, not a promise: an offered handoff waits about as long as recent offers took to be
   * accepted; a queued one waits for the handoffs ahead of it to be handled by the eligible agents.
   * Null when no eligible agent is online (the platform may keep the customer with the bot).
   */
  expectedWaitSeconds(handoffId: string): number | null {
    const handoff = this.handoffs.get(handoffId);
    if (!handoff) return null;
    if (handoff.state === 'assigned') return 0;
    if (handoff.state === 'offered') return Math.ceil(this.averageAcceptMs / 1000);
    const eligible = this.eligibleAgentsOnline(handoff.skills);
    if (eligible === 0) return null;
    let ahead = 0;
    for (const other of this.handoffs.values()) {
      if (other.state === 'waiting' && other !== handoff && compareHandoffs(other, handoff) < 0) ahead++;
    }
    return Math.ceil(((ahead + 1) * this.averageHandleMs) / eligible / 1000 + this.averageAcceptMs / 1000);
  }

  dispose(): void {
    this.disposed = true;
    for (const handoff of this.handoffs.values()) {
      if (handoff.offerTimer) this.clock.clearTimeout(handoff.offerTimer);
      if (handoff.slaTimer) this.clock.clearTimeout(handoff.slaTimer);
    }
    this.handoffs.clear();
    this.listeners.clear();
  }

  // ---- internals

  private canServe(agent: AgentEntry, skills: readonly string[]): boolean {
    if (!agent.connected || agent.presence !== 'available') return false;
    if (agent.role === 'supervisor' && !this.routeToSupervisors) return false;
    for (const skill of skills) if (!agent.skills.has(skill)) return false;
    return true;
  }

  private load(agent: AgentEntry): number {
    return agent.assigned.size + agent.offers.size;
  }

  /** Offers every waiting handoff it can, best first. Re-entrant calls are folded into one loop. */
  private pump(): void {
    if (this.disposed) return;
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.pumpAgain = false;
        const waiting = [...this.handoffs.values()].filter((handoff) => handoff.state === 'waiting');
        if (waiting.length === 0) break;
        const candidates = [...this.agents.values()].filter((agent) => this.canServe(agent, []) && this.load(agent) < agent.capacity);
        if (candidates.length === 0) break;
        waiting.sort(compareHandoffs);
        for (const handoff of waiting) {
          if (handoff.state !== 'waiting') continue;
          const agent = this.pick(handoff, candidates);
          if (agent) this.offer(handoff, agent, !handoff.skills.every((skill) => agent.skills.has(skill)));
        }
      } while (this.pumpAgain);
    } finally {
      this.pumping = false;
    }
  }

  private pick(handoff: HandoffEntry, candidates: AgentEntry[]): AgentEntry | undefined {
    const skills = this.effectiveSkills(handoff.skills);
    const eligible = candidates.filter(
      (agent) => this.canServe(agent, skills) && this.load(agent) < agent.capacity && !handoff.excluded.has(agent.id),
    );
    if (eligible.length === 0) return undefined;
    if (this.strategy === 'round-robin') {
      eligible.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      const next = eligible.find((agent) => agent.id > this.roundRobinCursor) ?? eligible[0]!;
      this.roundRobinCursor = next.id;
      return next;
    }
    let best = eligible[0]!;
    for (const agent of eligible) {
      const byLoad = this.load(agent) - this.load(best);
      if (byLoad < 0 || (byLoad === 0 && agent.lastActivityAt < best.lastActivityAt)) best = agent;
    }
    return best;
  }

  private offer(handoff: HandoffEntry, agent: AgentEntry, skillsWaived = false): void {
    const now = this.clock.now();
    handoff.state = 'offered';
    handoff.agentId = agent.id;
    handoff.attempts++;
    handoff.offeredAt = now;
    handoff.offerExpiresAt = now + this.offerTimeoutMs;
    handoff.offerTimer = this.clock.setTimeout(() => this.offerTimedOut(handoff.id, agent.id), this.offerTimeoutMs);
    agent.offers.add(handoff.id);
    agent.lastActivityAt = now;
    this.emit({ kind: 'offer', handoffId: handoff.id, agentId: agent.id, expiresAt: handoff.offerExpiresAt, attempt: handoff.attempts, skillsWaived });
  }

  /** No effect: the agent was told of this offer before the restart (see RoutableHandoff.offeredTo). */
  private restoreOffer(handoff: HandoffEntry, agent: AgentEntry, offeredAt: number): void {
    handoff.state = 'offered';
    handoff.agentId = agent.id;
    handoff.attempts = 1;
    handoff.offeredAt = offeredAt;
    handoff.offerExpiresAt = offeredAt + this.offerTimeoutMs;
    agent.offers.add(handoff.id);
    const remaining = Math.max(0, handoff.offerExpiresAt - this.clock.now());
    handoff.offerTimer = agent.connected
      ? this.clock.setTimeout(() => this.offerTimedOut(handoff.id, agent.id), remaining)
      : this.clock.setTimeout(() => this.restoredOfferWaited(handoff.id, agent.id), Math.min(remaining, this.restoredOfferGraceMs));
  }

  /** A restored offer's grace (or its deadline) came: moves on if its agent is still not back. */
  private restoredOfferWaited(handoffId: string, agentId: string): void {
    const handoff = this.handoffs.get(handoffId);
    const agent = this.agents.get(agentId);
    if (!handoff || !agent || handoff.state !== 'offered' || handoff.agentId !== agentId) return;
    handoff.offerTimer = null;
    if (agent.connected) {
      const remaining = (handoff.offerExpiresAt ?? 0) - this.clock.now();
      if (remaining > 0) {
        handoff.offerTimer = this.clock.setTimeout(() => this.offerTimedOut(handoffId, agentId), remaining);
        return;
      }
      this.offerTimedOut(handoffId, agentId);
      return;
    }
    // Not a missed offer: the agent could not answer while the hub was down or they were away.
    this.clearOffer(handoff, agent);
    handoff.state = 'waiting';
    handoff.agentId = null;
    this.emit({ kind: 'offer_revoked', handoffId, agentId, reason: 'reassigned' });
    this.pump();
  }

  private offerTimedOut(handoffId: string, agentId: string): void {
    const handoff = this.handoffs.get(handoffId);
    const agent = this.agents.get(agentId);
    if (!handoff || !agent || handoff.state !== 'offered' || handoff.agentId !== agentId) return;
    handoff.offerTimer = null;
    this.clearOffer(handoff, agent);
    handoff.excluded.add(agentId);
    handoff.state = 'waiting';
    handoff.agentId = null;
    this.emit({ kind: 'offer_revoked', handoffId, agentId, reason: 'timeout' });
    this.emit({ kind: 'offer_timed_out', handoffId, agentId });
    agent.consecutiveTimeouts++;
    if (agent.consecutiveTimeouts >= this.maxConsecutiveTimeouts && agent.presence === 'available') {
      agent.presence = 'away';
      this.revokeOffersOf(agent, 'reassigned');
      this.emit({ kind: 'presence_changed', agentId, presence: 'away', reason: `missed ${agent.consecutiveTimeouts} offers in a row` });
    }
    this.pump();
  }

  private clearOffer(handoff: HandoffEntry, agent: AgentEntry): void {
    if (handoff.offerTimer) this.clock.clearTimeout(handoff.offerTimer);
    handoff.offerTimer = null;
    handoff.offerExpiresAt = null;
    agent.offers.delete(handoff.id);
  }

  private revokeOffersOf(agent: AgentEntry, reason: OfferRevokeReason): void {
    for (const handoffId of [...agent.offers]) {
      const handoff = this.handoffs.get(handoffId);
      if (!handoff) continue;
      this.clearOffer(handoff, agent);
      handoff.state = 'waiting';
      handoff.agentId = null;
      this.emit({ kind: 'offer_revoked', handoffId, agentId: agent.id, reason });
    }
  }

  /** Takes the handoff away from whoever holds it (offer or assignment), leaving it waiting. */
  private detach(handoff: HandoffEntry, reason: OfferRevokeReason): void {
    const holder = handoff.agentId ? this.agents.get(handoff.agentId) : undefined;
    if (handoff.state === 'offered' && holder) {
      this.clearOffer(handoff, holder);
      this.emit({ kind: 'offer_revoked', handoffId: handoff.id, agentId: holder.id, reason });
    }
    if (handoff.state === 'assigned' && holder) {
      holder.assigned.delete(handoff.id);
      holder.lastActivityAt = this.clock.now();
    }
    this.toWaiting(handoff);
  }

  private toWaiting(handoff: HandoffEntry): void {
    handoff.state = 'waiting';
    handoff.agentId = null;
    handoff.offerExpiresAt = null;
    handoff.assignedAt = null;
    if (!handoff.slaBreached && !handoff.slaTimer) this.armSla(handoff);
  }

  private assign(handoff: HandoffEntry, agent: AgentEntry): void {
    handoff.state = 'assigned';
    handoff.agentId = agent.id;
    handoff.assignedAt = this.clock.now();
    agent.assigned.add(handoff.id);
    agent.lastActivityAt = this.clock.now();
    if (handoff.slaTimer) this.clock.clearTimeout(handoff.slaTimer);
    handoff.slaTimer = null;
  }

  private armSla(handoff: HandoffEntry): void {
    if (handoff.slaBreached) return;
    const delay = handoff.slaDeadline - this.clock.now();
    if (delay <= 0) {
      this.breachSla(handoff);
      return;
    }
    handoff.slaTimer = this.clock.setTimeout(() => {
      handoff.slaTimer = null;
      if (this.handoffs.get(handoff.id) === handoff && handoff.state !== 'assigned') this.breachSla(handoff);
    }, delay);
  }

  private breachSla(handoff: HandoffEntry): void {
    handoff.slaBreached = true;
    this.emit({ kind: 'sla_breached', handoffId: handoff.id });
  }

  private emit(effect: RouterEffect): void {
    for (const listener of [...this.listeners]) listener(effect);
  }
}

function compareHandoffs(a: { priority: Priority; receivedAt: number; id: string }, b: { priority: Priority; receivedAt: number; id: string }): number {
  const byPriority = PRIORITY_RANK.get(a.priority)! - PRIORITY_RANK.get(b.priority)!;
  if (byPriority !== 0) return byPriority;
  if (a.receivedAt !== b.receivedAt) return a.receivedAt - b.receivedAt;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function blend(average: number, sample: number): number {
  return Math.round(average * (1 - AVERAGE_WEIGHT) + Math.max(0, sample) * AVERAGE_WEIGHT);
}
