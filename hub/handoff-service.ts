// The hub's application core: turns ingest requests and agents' commands into stored state, router
// calls, per-agent events and webhook deliveries. The router decides; this class records and tells.
//
// Every change runs as a unit: one SQLite transaction holding the handoff update, its receipts, the
// events for each agent (with their sequence numbers) and the webhook outbox rows. Only after the
// commit are events pushed to live connections and the webhook woken, so nothing is announced that
// a crash could take back.
import { randomUUID } from 'node:crypto';
import type { Clock } from '../shared/clock';
import type { Agent, Feedback, Handoff, HandoffReceiptStage, Message, Presence } from '../shared/domain';
import type { CustomerMessageAccepted, HandoffAccepted, ParsedHandoffRequest, WebhookEvent } from '../shared/ingest';
import type { HubEvent, ReceiptStage, TransferTarget } from '../shared/hub-protocol';
import { BatonError } from '../shared/result';
import type { Escalation, EscalationOutcome } from './ingest/escalation';
import { fitForDelivery, MAX_HANDOFF_BYTES } from './ingest/fit-for-delivery';
import type { HubLog } from './hub-log';
import { Router, type RouterEffect, type RouterResult, type RoutingStrategy } from './router/router';
import type { HubDatabase } from './store/database';
import { getAgent, listAgents, type AgentRecord } from './store/agent-queries';
import { appendAgentEvent } from './store/agent-event-queries';
import {
  ACTIVE_STATUSES,
  findHandoffByEvent,
  findLatestHandoffByExternalId,
  getHandoff,
  insertHandoff,
  listActiveHandoffs,
  updateHandoff,
  type StoredHandoff,
} from './store/handoff-queries';
import { getMessage, insertMessage, listMessages, saveFeedback } from './store/message-queries';
import { hasReceipt, insertReceipt, latestOfferReceipt } from './store/receipt-queries';
import { enqueueDelivery } from './store/outbox-queries';
import { CommitBatcher, type CommitBatcherStats, type JobOutcome, type ScheduleFlush } from './store/commit-batcher';

/** Where committed events go: the gateway pushes them to the agent's live connection, if any. */
export interface EventPush {
  push(agentId: string, seq: number, event: HubEvent): void;
}

export interface HandoffServiceOptions {
  db: HubDatabase;
  clock: Clock;
  escalation: Escalation;
  log: HubLog;
  offerTimeoutMs?: number;
  strategy?: RoutingStrategy;
  routeToSupervisors?: boolean;
  /** Set when a webhook is configured: deliveries are written to the outbox and this is woken. */
  webhook?: { notify(): void };
  /** Group commit of ingests: when a batch is committed (default setImmediate) and its largest size (default 64). */
  ingestBatch?: { schedule?: ScheduleFlush; maxBatch?: number };
}

/** A validated handoff with its rules outcome, waiting for the group commit. */
interface PreparedIngest {
  request: ParsedHandoffRequest;
  outcome: EscalationOutcome;
  stored: StoredHandoff;
  now: number;
}

interface Unit {
  pushes: { agentId: string; seq: number; event: HubEvent }[];
  webhook: boolean;
  /** Agents whose presence or load changed: one agent_updated each, at the end of the unit. */
  changedAgents: Set<string>;
}

export class HandoffService {
  readonly router: Router;
  private readonly db: HubDatabase;
  private readonly clock: Clock;
  private readonly escalation: Escalation;
  private readonly log: HubLog;
  private readonly webhook: { notify(): void } | undefined;
  private readonly pushTargets = new Set<EventPush>();
  private supervisors: string[] = [];
  private unit: Unit | null = null;
  private readonly ingests: CommitBatcher<PreparedIngest, HandoffAccepted>;

  constructor(options: HandoffServiceOptions) {
    this.db = options.db;
    this.clock = options.clock;
    this.escalation = options.escalation;
    this.log = options.log;
    this.webhook = options.webhook;
    this.router = new Router({
      clock: options.clock,
      offerTimeoutMs: options.offerTimeoutMs,
      strategy: options.strategy,
      routeToSupervisors: options.routeToSupervisors,
    });
    this.router.onEffect((effect) => this.inUnit(() => this.applyEffect(effect)));
    // Inside the batch's transaction this is a savepoint (better-sqlite3 nests transactions so).
    this.storeIngestInSavepoint = this.db.transaction((job: PreparedIngest) => this.storeIngest(job));
    this.ingests = new CommitBatcher({
      commit: (jobs) => this.commitIngests(jobs),
      schedule: options.ingestBatch?.schedule,
      maxBatch: options.ingestBatch?.maxBatch,
    });
  }

  /** Loads agents and every unfinished handoff into the router (after a restart, too). */
  start(): void {
    this.reloadAgents();
    for (const stored of listActiveHandoffs(this.db)) {
      const { handoff } = stored;
      this.inUnit(() => {
        // An offer in flight when the previous process died stays with its agent: their desktop
        // shows it already (or gets it from its event log on resume), so offering it afresh would
        // alert twice, or show it on two desktops with nothing to take it off the first.
        const offeredTo = handoff.status === 'offered' ? latestOfferReceipt(this.db, handoff.id) : undefined;
        const restorable = offeredTo && this.router.agent(offeredTo.agentId) ? offeredTo : undefined;
        if (handoff.status === 'offered' && !restorable) {
          this.save({ ...stored, handoff: { ...handoff, status: 'queued' } });
          if (offeredTo) this.toAgent(offeredTo.agentId, { kind: 'offer_revoked', handoffId: handoff.id, reason: 'reassigned' });
        }
        this.router.enqueue({
          id: handoff.id,
          priority: handoff.priority,
          queue: handoff.queue,
          skills: stored.skills,
          receivedAt: Date.parse(handoff.receivedAt),
          slaDeadline: Date.parse(handoff.slaDeadline),
          slaBreached: handoff.slaBreached ?? false,
          assignedAgentId: handoff.status === 'accepted' ? handoff.assignedAgentId : undefined,
          offeredTo: restorable ? { agentId: restorable.agentId, offeredAt: restorable.at } : undefined,
        });
      });
    }
  }

  reloadAgents(): void {
    const agents = listAgents(this.db);
    const known = new Set(agents.map((agent) => agent.id));
    for (const agent of agents) this.router.upsertAgent({ id: agent.id, role: agent.role, skills: agent.skills, capacity: agent.capacity });
    for (const agent of listAgents(this.db, { includeRevoked: true })) {
      if (!known.has(agent.id)) this.router.removeAgent(agent.id);
    }
    this.supervisors = agents.filter((agent) => agent.role === 'supervisor').map((agent) => agent.id);
  }

  addPushTarget(target: EventPush): () => void {
    this.pushTargets.add(target);
    return () => this.pushTargets.delete(target);
  }

  dispose(): void {
    // Ingests already read are committed (their senders may be gone; a retry is answered as a duplicate).
    this.ingests.close();
    this.router.dispose();
  }

  // ---- ingest (the bot platform)

  /**
   * Validates, evaluates the rules and queues the handoff for the next group commit (see
   * CommitBatcher); settles after the commit, so the caller's 202 is only ever sent for a handoff
   * that is durable. A repeat of an event already committed is answered at once.
   */
  async ingest(request: ParsedHandoffRequest): Promise<HandoffAccepted> {
    const existing = findHandoffByEvent(this.db, request.conversation.externalId, request.eventId);
    if (existing) return this.acceptedAnswer(existing, true);
    return this.ingests.submit(this.prepareIngest(request));
  }

  /** Statistics of the ingest group commit (benchmarks and tests). */
  ingestCommitStats(): CommitBatcherStats {
    return this.ingests.stats;
  }

  private prepareIngest(request: ParsedHandoffRequest): PreparedIngest {
    const now = this.clock.now();
    const outcome = this.escalation.evaluate(request, new Date(now));
    const handoff: Handoff = {
      id: randomUUID(),
      status: 'queued',
      priority: outcome.priority,
      queue: outcome.queue,
      trigger: request.trigger,
      ...(request.triggerDetail !== undefined ? { triggerDetail: request.triggerDetail } : {}),
      receivedAt: iso(now),
      slaDeadline: iso(now + outcome.slaSeconds * 1000),
      customer: request.customer,
      conversation: request.conversation,
      rules: outcome.decisions.slice(0, 100),
      ...(request.sentiment ? { sentimentAtHandoff: request.sentiment } : {}),
    };
    const fit = fitForDelivery(handoff);
    if (!fit.ok) {
      throw new BatonError(
        'bad_request',
        `handoff is ${fit.bytes} bytes even with a one-message transcript; desktops accept ${MAX_HANDOFF_BYTES}: trim customer history or collected data`,
      );
    }
    if (fit.omitted > 0) this.log.warn(`handoff ${handoff.id}: ${fit.omitted} oldest transcript messages omitted to fit one frame`);
    const stored: StoredHandoff = { handoff: fit.handoff, eventId: request.eventId, skills: outcome.skills, customerMessage: outcome.customerMessage };
    return { request, outcome, stored, now };
  }

  /**
   * One group commit: every job in one transaction, each inside its own savepoint so a job that
   * fails is rolled back (and forgotten by the router) without taking the others with it. The
   * handoff, its receipts, its first offer and the agents' events commit together; events are
   * pushed after the commit. If the commit itself fails nothing is stored, the router forgets every
   * handoff of the batch and all their senders get a 500 to retry.
   */
  private commitIngests(jobs: readonly PreparedIngest[]): JobOutcome<HandoffAccepted>[] {
    const stored: ({ ok: true; handoffId: string; duplicate: boolean } | { ok: false; error: unknown })[] = [];
    const created: string[] = [];
    try {
      this.inUnit(() => {
        const unit = this.unit!;
        for (const job of jobs) {
          const mark = unit.pushes.length;
          try {
            const result = this.storeIngestInSavepoint(job);
            stored.push({ ok: true, ...result });
            if (!result.duplicate) created.push(result.handoffId);
          } catch (error) {
            unit.pushes.length = mark;
            this.router.forget(job.stored.handoff.id);
            // Some errors (disk full, I/O) make SQLite roll back the whole transaction: then the
            // batch is lost as a whole, and the following jobs must not run outside a transaction.
            if (!this.db.inTransaction) throw error;
            stored.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      for (const handoffId of created) this.router.forget(handoffId);
      throw error;
    }
    return stored.map((result) =>
      result.ok ? { ok: true, value: this.acceptedAnswer(getHandoff(this.db, result.handoffId)!, result.duplicate) } : result,
    );
  }

  private readonly storeIngestInSavepoint: (job: PreparedIngest) => { handoffId: string; duplicate: boolean };

  private storeIngest({ request, outcome, stored, now }: PreparedIngest): { handoffId: string; duplicate: boolean } {
    // Sees the handoffs stored earlier in this batch too: a repeated eventId in one batch is one handoff.
    const earlier = findHandoffByEvent(this.db, request.conversation.externalId, request.eventId);
    if (earlier) return { handoffId: earlier.handoff.id, duplicate: true };
    const { handoff } = stored;
    if (!insertHandoff(this.db, stored, now)) {
      const raced = findHandoffByEvent(this.db, request.conversation.externalId, request.eventId)!;
      return { handoffId: raced.handoff.id, duplicate: true };
    }
    this.receipt(handoff.id, 'received', null, `trigger ${request.trigger}`);
    this.receipt(handoff.id, 'queued', null, `${handoff.priority} in ${handoff.queue}`);
    this.router.enqueue({
      id: handoff.id,
      priority: handoff.priority,
      queue: handoff.queue,
      skills: outcome.skills,
      receivedAt: now,
      slaDeadline: Date.parse(handoff.slaDeadline),
    });
    const current = getHandoff(this.db, handoff.id)!;
    if (outcome.alertSupervisor) {
      this.toSupervisors({ kind: 'supervisor_alert', alert: 'rule', handoff: current.handoff, message: describeRuleAlert(current.handoff) });
    }
    const expectedWaitSeconds = this.router.expectedWaitSeconds(handoff.id);
    const customerMessage = this.escalation.customerMessage(request, outcome, expectedWaitSeconds);
    this.save({ ...current, customerMessage });
    this.webhookEvent(current, { type: 'handoff.status', status: 'queued', expectedWaitSeconds, customerMessage });
    return { handoffId: handoff.id, duplicate: false };
  }

  /** Stored once per message id (the platform's retries are harmless), then sent live to whoever holds the handoff. */
  customerMessage(conversationOrHandoffId: string, message: Omit<Message, 'author'>): CustomerMessageAccepted {
    const stored = getHandoff(this.db, conversationOrHandoffId) ?? findLatestHandoffByExternalId(this.db, conversationOrHandoffId);
    if (!stored) throw new BatonError('not_found', `no handoff for conversation ${conversationOrHandoffId}`);
    const { handoff } = stored;
    if (!ACTIVE_STATUSES.includes(handoff.status)) {
      throw new BatonError('conflict', `handoff ${handoff.id} is ${handoff.status}; it takes no more messages`);
    }
    const full: Message = { ...message, author: 'customer' };
    let delivered = false;
    const inserted = this.inUnit(() => {
      if (!insertMessage(this.db, handoff.id, full, null)) return false;
      const route = this.router.handoff(handoff.id);
      if (route?.agentId) {
        this.toAgent(route.agentId, { kind: 'message', handoffId: handoff.id, message: full });
        delivered = true;
      }
      return true;
    });
    return { handoffId: handoff.id, messageId: message.id, duplicate: !inserted, deliveredToAgent: delivered };
  }

  abandon(conversationOrHandoffId: string): Handoff {
    const stored = getHandoff(this.db, conversationOrHandoffId) ?? findLatestHandoffByExternalId(this.db, conversationOrHandoffId);
    if (!stored) throw new BatonError('not_found', `no handoff for conversation ${conversationOrHandoffId}`);
    if (!ACTIVE_STATUSES.includes(stored.handoff.status)) return stored.handoff;
    return this.inUnit(() => {
      const previousAgent = stored.handoff.status === 'accepted' ? stored.handoff.assignedAgentId : undefined;
      const next = this.save({ ...stored, handoff: { ...stored.handoff, status: 'abandoned' } });
      this.receipt(next.handoff.id, 'abandoned', null, 'the customer left');
      this.router.release(next.handoff.id, 'abandoned');
      if (previousAgent) this.toAgent(previousAgent, { kind: 'handoff_updated', handoff: next.handoff });
      this.toSupervisors({ kind: 'handoff_updated', handoff: next.handoff });
      this.webhookStatus(next);
      return next.handoff;
    });
  }

  // ---- agents' commands (from the WebSocket gateway, already authenticated)

  connectAgent(agentId: string): void {
    // An agent added by the admin CLI may connect before the hub's poll has noticed them.
    if (!this.router.agent(agentId)) this.reloadAgents();
    this.inUnit(() => {
      check(this.router.connect(agentId));
      this.agentChanged(agentId);
    });
  }

  disconnectAgent(agentId: string): void {
    this.inUnit(() => {
      this.router.disconnect(agentId);
      this.agentChanged(agentId);
    });
  }

  accept(agent: AgentRecord, handoffId: string): Handoff {
    return this.inUnit(() => {
      check(this.router.accept(handoffId, agent.id));
      const stored = this.mustGet(handoffId);
      if (stored.handoff.status === 'accepted' && stored.handoff.assignedAgentId === agent.id) return stored.handoff;
      const next = this.save({ ...stored, handoff: { ...stored.handoff, status: 'accepted', assignedAgentId: agent.id } });
      this.receipt(handoffId, 'accepted', agent.id);
      this.toAgent(agent.id, { kind: 'handoff_updated', handoff: next.handoff });
      this.toSupervisors({ kind: 'handoff_updated', handoff: next.handoff }, agent.id);
      this.webhookStatus(next);
      this.agentChanged(agent.id);
      return next.handoff;
    });
  }

  decline(agent: AgentRecord, handoffId: string, reason: string): void {
    this.inUnit(() => {
      this.declineReasons.set(handoffId, reason);
      try {
        check(this.router.decline(handoffId, agent.id));
      } finally {
        this.declineReasons.delete(handoffId);
      }
    });
  }

  private readonly declineReasons = new Map<string, string>();

  setPresence(agent: AgentRecord, presence: Presence): Presence {
    return this.inUnit(() => {
      check(this.router.setPresence(agent.id, presence));
      this.agentChanged(agent.id);
      return this.router.agent(agent.id)!.presence;
    });
  }

  reportReceipt(agent: AgentRecord, handoffId: string, stage: ReceiptStage, detail?: string): void {
    const stored = this.mustGet(handoffId);
    const route = this.router.handoff(handoffId);
    const isHolder = route?.agentId === agent.id || stored.handoff.assignedAgentId === agent.id;
    if (!isHolder) throw new BatonError('forbidden', `handoff ${handoffId} is not offered or assigned to you`);
    this.inUnit(() => {
      // The alert ladder's steps (sound+notification, attention, card, lead paged, re-alert) are
      // each worth a row on the path; a repeat of the same step is not, nor is a second delivered/seen.
      const repeated = stage === 'alerted' ? hasReceipt(this.db, handoffId, stage, agent.id, detail ?? null) : hasReceipt(this.db, handoffId, stage, agent.id);
      if (repeated) return;
      this.receipt(handoffId, stage, agent.id, detail);
    });
  }

  reply(agent: AgentRecord, handoffId: string, messageId: string, text: string): Message {
    const stored = this.mustGet(handoffId);
    this.mustHold(agent, stored, 'reply to');
    const earlier = getMessage(this.db, handoffId, messageId);
    if (earlier) return earlier;
    const message: Message = { id: messageId, author: 'agent', text, at: iso(this.clock.now()) };
    return this.inUnit(() => {
      insertMessage(this.db, handoffId, message, agent.id);
      this.webhookEvent(stored, { type: 'handoff.reply', message, agentName: agent.name });
      return message;
    });
  }

  resolve(agent: AgentRecord, handoffId: string, feedback?: Feedback): Handoff {
    const stored = this.mustGet(handoffId);
    if (stored.handoff.status === 'resolved') return stored.handoff;
    this.mustHold(agent, stored, 'resolve');
    return this.inUnit(() => {
      const next = this.save({ ...stored, handoff: { ...stored.handoff, status: 'resolved' } });
      if (feedback) saveFeedback(this.db, { ...feedback, handoffId }, agent.id, this.clock.now());
      this.receipt(handoffId, 'resolved', agent.id);
      this.router.release(handoffId, 'resolved');
      const assignee = stored.handoff.assignedAgentId;
      if (assignee) this.toAgent(assignee, { kind: 'handoff_updated', handoff: next.handoff });
      this.toSupervisors({ kind: 'handoff_updated', handoff: next.handoff }, assignee);
      this.webhookStatus(next);
      if (assignee) this.agentChanged(assignee);
      return next.handoff;
    });
  }

  transfer(agent: AgentRecord, handoffId: string, to: TransferTarget, reason?: string): Handoff {
    const stored = this.mustGet(handoffId);
    this.mustHold(agent, stored, 'transfer');
    return this.inUnit(() => {
      const previous = stored.handoff.assignedAgentId;
      const { assignedAgentId: _dropped, ...rest } = stored.handoff;
      const queue = to.kind === 'queue' ? to.queue : stored.handoff.queue;
      const moved = this.save({ ...stored, handoff: { ...rest, status: 'transferred', queue } });
      const target = to.kind === 'agent' ? `agent ${to.agentId}` : `queue ${to.queue}`;
      this.receipt(handoffId, 'transferred', agent.id, `to ${target}${reason ? `: ${reason}` : ''}`);
      if (previous) this.toAgent(previous, { kind: 'handoff_updated', handoff: moved.handoff });
      this.toSupervisors({ kind: 'handoff_updated', handoff: moved.handoff }, previous);
      this.webhookStatus(moved);
      // A refusal throws, rolling the unit back; the router checks before it changes anything.
      check(this.router.transfer(handoffId, to, agent.role === 'agent' ? agent.id : undefined));
      if (previous) this.agentChanged(previous);
      return this.mustGet(handoffId).handoff;
    });
  }

  reassign(supervisor: AgentRecord, handoffId: string, agentId: string): Handoff {
    if (supervisor.role !== 'supervisor') throw new BatonError('forbidden', 'only supervisors may reassign handoffs');
    const stored = this.mustGet(handoffId);
    if (!ACTIVE_STATUSES.includes(stored.handoff.status)) throw new BatonError('conflict', `handoff ${handoffId} is ${stored.handoff.status}`);
    const target = getAgent(this.db, agentId);
    if (!target || target.revokedAt !== null) throw new BatonError('not_found', `agent ${agentId} does not exist`);
    return this.inUnit(() => {
      const previous = stored.handoff.status === 'accepted' ? stored.handoff.assignedAgentId : undefined;
      check(this.router.reassign(handoffId, agentId));
      const latest = this.mustGet(handoffId);
      const next = this.save({ ...latest, handoff: { ...latest.handoff, status: 'accepted', assignedAgentId: agentId } });
      this.receipt(handoffId, 'accepted', agentId, `reassigned by ${supervisor.id}`);
      if (previous && previous !== agentId) this.toAgent(previous, { kind: 'handoff_updated', handoff: next.handoff });
      this.toAgent(agentId, { kind: 'handoff_updated', handoff: next.handoff });
      this.toSupervisors({ kind: 'handoff_updated', handoff: next.handoff }, agentId);
      this.webhookStatus(next);
      if (previous) this.agentChanged(previous);
      this.agentChanged(agentId);
      return next.handoff;
    });
  }

  /**
   * Events that bring a desktop which lost its state back to the present: its pending offers and
   * accepted handoffs (with later messages); for supervisors, every unfinished handoff.
   */
  snapshotFor(agent: AgentRecord): void {
    this.inUnit(() => {
      for (const stored of listActiveHandoffs(this.db)) {
        const route = this.router.handoff(stored.handoff.id);
        if (route?.state === 'offered' && route.agentId === agent.id && route.offerExpiresAt !== null) {
          this.toAgent(agent.id, { kind: 'offer', handoff: stored.handoff, offerExpiresAt: iso(route.offerExpiresAt) });
        } else if (stored.handoff.assignedAgentId === agent.id && stored.handoff.status === 'accepted') {
          this.toAgent(agent.id, { kind: 'handoff_updated', handoff: stored.handoff });
          for (const message of listMessages(this.db, stored.handoff.id)) {
            this.toAgent(agent.id, { kind: 'message', handoffId: stored.handoff.id, message });
          }
        } else if (agent.role === 'supervisor') {
          this.toAgent(agent.id, { kind: 'handoff_updated', handoff: stored.handoff });
        }
      }
    });
  }

  agentView(agentId: string): Agent | undefined {
    const record = getAgent(this.db, agentId);
    if (!record) return undefined;
    const state = this.router.agent(agentId);
    return {
      id: record.id,
      name: record.name,
      role: record.role,
      skills: record.skills,
      capacity: record.capacity,
      presence: state?.presence ?? 'offline',
    };
  }

  // ---- internals

  private applyEffect(effect: RouterEffect): void {
    switch (effect.kind) {
      case 'offer': {
        const stored = this.mustGet(effect.handoffId);
        const next = this.save({ ...stored, handoff: { ...stored.handoff, status: 'offered' } });
        const waived = effect.skillsWaived ? `skills ${stored.skills.join(', ')} waived: nobody connected has them` : undefined;
        this.receipt(effect.handoffId, effect.attempt > 1 ? 're_offered' : 'offered', effect.agentId, waived);
        this.toAgent(effect.agentId, { kind: 'offer', handoff: next.handoff, offerExpiresAt: iso(effect.expiresAt) });
        this.agentChanged(effect.agentId);
        return;
      }
      case 'offer_revoked': {
        const stored = this.mustGet(effect.handoffId);
        if (stored.handoff.status === 'offered') this.save({ ...stored, handoff: { ...stored.handoff, status: 'queued' } });
        if (effect.reason === 'declined') this.receipt(effect.handoffId, 'declined', effect.agentId, this.declineReasons.get(effect.handoffId));
        this.toAgent(effect.agentId, { kind: 'offer_revoked', handoffId: effect.handoffId, reason: effect.reason });
        this.agentChanged(effect.agentId);
        return;
      }
      case 'offer_timed_out':
        this.receipt(effect.handoffId, 'timed_out', effect.agentId);
        return;
      case 'presence_changed':
        this.log.info(`agent ${effect.agentId} set ${effect.presence}: ${effect.reason}`);
        this.agentChanged(effect.agentId);
        return;
      case 'sla_breached': {
        const stored = this.mustGet(effect.handoffId);
        const next = this.save({ ...stored, handoff: { ...stored.handoff, slaBreached: true } });
        this.receipt(effect.handoffId, 'sla_breached', null, `not accepted by ${stored.handoff.slaDeadline}`);
        this.toSupervisors({
          kind: 'supervisor_alert',
          alert: 'sla_breached',
          handoff: next.handoff,
          message: `${next.handoff.priority} handoff for ${next.handoff.customer.name} was not accepted within its SLA`,
        });
        return;
      }
      case 'no_eligible_agent': {
        const stored = this.mustGet(effect.handoffId);
        this.toSupervisors({
          kind: 'supervisor_alert',
          alert: 'no_eligible_agent',
          handoff: stored.handoff,
          message: `no available agent can take this ${stored.handoff.queue} handoff; it waits in its queue`,
        });
        return;
      }
    }
  }

  /** Runs fn in a transaction (joining the current one if any); pushes events after the commit. */
  private inUnit<T>(fn: () => T): T {
    if (this.unit) return fn();
    const unit: Unit = { pushes: [], webhook: false, changedAgents: new Set() };
    this.unit = unit;
    let result: T;
    try {
      result = this.db.transaction(() => {
        const value = fn();
        for (const agentId of unit.changedAgents) this.announceAgent(agentId);
        return value;
      })();
    } finally {
      this.unit = null;
    }
    for (const push of unit.pushes) {
      for (const target of this.pushTargets) {
        try {
          target.push(push.agentId, push.seq, push.event);
        } catch (error) {
          this.log.error('pushing an event failed', error);
        }
      }
    }
    if (unit.webhook) this.webhook?.notify();
    return result;
  }

  private save(stored: StoredHandoff): StoredHandoff {
    updateHandoff(this.db, stored, this.clock.now());
    return stored;
  }

  private mustGet(handoffId: string): StoredHandoff {
    const stored = getHandoff(this.db, handoffId);
    if (!stored) throw new BatonError('not_found', `handoff ${handoffId} does not exist`);
    return stored;
  }

  private mustHold(agent: AgentRecord, stored: StoredHandoff, verb: string): void {
    if (!ACTIVE_STATUSES.includes(stored.handoff.status)) {
      throw new BatonError('conflict', `handoff ${stored.handoff.id} is ${stored.handoff.status}; you cannot ${verb} it`);
    }
    if (agent.role === 'supervisor') return;
    if (stored.handoff.status !== 'accepted' || stored.handoff.assignedAgentId !== agent.id) {
      throw new BatonError('forbidden', `handoff ${stored.handoff.id} is not assigned to you; accept it before you ${verb} it`);
    }
  }

  private receipt(handoffId: string, stage: HandoffReceiptStage, agentId: string | null, detail?: string): void {
    const receipt = insertReceipt(this.db, { handoffId, stage, agentId, detail: detail?.slice(0, 500) ?? null, at: this.clock.now() });
    this.toSupervisors({ kind: 'receipt', receipt });
    if (stage === 'delivered' || stage === 'alerted' || stage === 'seen' || stage === 'timed_out' || stage === 'declined' || stage === 'sla_breached') {
      const stored = getHandoff(this.db, handoffId);
      if (stored) {
        this.webhookEvent(stored, {
          type: 'handoff.status',
          status: stored.handoff.status,
          expectedWaitSeconds: this.router.expectedWaitSeconds(handoffId),
          receipt,
        });
      }
    }
  }

  private toAgent(agentId: string, event: HubEvent): void {
    const unit = this.unit;
    if (!unit) throw new Error('events are only sent inside a unit');
    if (!getAgent(this.db, agentId)) return;
    const seq = appendAgentEvent(this.db, agentId, event, this.clock.now());
    unit.pushes.push({ agentId, seq, event });
  }

  private toSupervisors(event: HubEvent, except?: string): void {
    for (const supervisor of this.supervisors) if (supervisor !== except) this.toAgent(supervisor, event);
  }

  private agentChanged(agentId: string): void {
    this.unit!.changedAgents.add(agentId);
  }

  private announceAgent(agentId: string): void {
    const view = this.agentView(agentId);
    const state = this.router.agent(agentId);
    if (!view || !state) return;
    const event: HubEvent = { kind: 'agent_updated', agent: view, activeHandoffs: state.assigned.length, connected: state.connected };
    this.toAgent(agentId, event);
    this.toSupervisors(event, agentId);
  }

  private webhookStatus(stored: StoredHandoff): void {
    this.webhookEvent(stored, {
      type: 'handoff.status',
      status: stored.handoff.status,
      expectedWaitSeconds: this.router.expectedWaitSeconds(stored.handoff.id),
    });
  }

  private webhookEvent(
    stored: StoredHandoff,
    event:
      | { type: 'handoff.status'; status: Handoff['status']; expectedWaitSeconds: number | null; customerMessage?: string; receipt?: WebhookEventReceipt }
      | { type: 'handoff.reply'; message: Message; agentName: string },
  ): void {
    if (!this.webhook) return;
    const { handoff } = stored;
    const base = { deliveryId: randomUUID(), handoffId: handoff.id, externalId: handoff.conversation.externalId, at: iso(this.clock.now()) };
    let body: WebhookEvent;
    if (event.type === 'handoff.status') {
      const assignee = handoff.assignedAgentId ? getAgent(this.db, handoff.assignedAgentId) : undefined;
      body = {
        ...base,
        type: 'handoff.status',
        status: event.status,
        priority: handoff.priority,
        queue: handoff.queue,
        assignedAgentId: handoff.assignedAgentId ?? null,
        assignedAgentName: assignee?.name ?? null,
        expectedWaitSeconds: event.expectedWaitSeconds,
        ...(event.customerMessage !== undefined ? { customerMessage: event.customerMessage } : {}),
        ...(event.receipt ? { receipt: event.receipt } : {}),
      };
    } else {
      body = { ...base, type: 'handoff.reply', message: event.message, agentName: event.agentName };
    }
    enqueueDelivery(this.db, base.deliveryId, JSON.stringify(body), this.clock.now());
    this.unit!.webhook = true;
  }

  private acceptedAnswer(stored: StoredHandoff, duplicate: boolean): HandoffAccepted {
    const { handoff } = stored;
    const route = this.router.handoff(handoff.id);
    const skills = stored.skills;
    return {
      handoffId: handoff.id,
      status: handoff.status,
      duplicate,
      eligibleAgentsOnline: this.router.eligibleAgentsOnline(skills),
      expectedWaitSeconds: route ? this.router.expectedWaitSeconds(handoff.id) : null,
      customerMessage: stored.customerMessage,
    };
  }
}

type WebhookEventReceipt = NonNullable<Extract<WebhookEvent, { type: 'handoff.status' }>['receipt']>;

function check(result: RouterResult): void {
  if (!result.ok) throw new BatonError(result.code, result.message);
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function describeRuleAlert(handoff: Handoff): string {
  const rules = handoff.rules.map((rule) => rule.ruleId).join(', ');
  return `${handoff.priority} handoff for ${handoff.customer.name} (${handoff.customer.tier}); rules asked for a lead: ${rules || 'none recorded'}`;
}
