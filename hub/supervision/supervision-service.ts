// The hub's side of the supervisor view (issue 7): answers supervisors' frames (live snapshot,
// reports, report rows), carries out their actions through the HandoffService (so routing, events
// and webhooks stay in one place) and writes each one to the audit trail with who did it; carries
// whispers and broadcasts to agents and raised hands to leads through the per-agent event log.
// Agents' tokens are refused every supervisor-only frame with `forbidden`.
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../shared/clock';
import type { ClientFrame, HubEvent } from '../../shared/hub-protocol';
import { BatonError } from '../../shared/result';
import type { RaisedHand, SupervisorSnapshot, Whisper } from '../../shared/supervision';
import type { EventPush, HandoffService } from '../handoff-service';
import type { HubLog } from '../hub-log';
import { appendAgentEvent } from '../store/agent-event-queries';
import { getAgent, listAgents, type AgentRecord } from '../store/agent-queries';
import type { HubDatabase } from '../store/database';
import { recordAudit } from './audit-queries';
import { answerRaisedHand, getRaisedHand, insertRaisedHand } from './raised-hand-queries';
import { computeReport, reportRows } from './supervisor-reports';
import { buildSupervisorSnapshot } from './supervisor-snapshot';

export const SUPERVISOR_ONLY_FRAMES = [
  'supervisor_snapshot',
  'supervisor_report',
  'supervisor_rows',
  'supervisor_reassign',
  'set_agent_presence',
  'whisper',
  'broadcast',
] as const;
const SUPERVISION_FRAMES: ReadonlySet<string> = new Set([...SUPERVISOR_ONLY_FRAMES, 'raise_hand']);

export type SupervisionFrame = Extract<ClientFrame, { type: (typeof SUPERVISOR_ONLY_FRAMES)[number] | 'raise_hand' }>;

export interface SupervisionServiceOptions {
  db: HubDatabase;
  service: HandoffService;
  clock: Clock;
  log: HubLog;
  routeToSupervisors?: boolean;
}

export class SupervisionService implements EventPush {
  private readonly pushTargets = new Set<EventPush>();
  private readonly presenceSince = new Map<string, { presence: string; since: number }>();
  private readonly alertsSeen = new Map<string, number>();
  private readonly startedAt: number;

  constructor(private readonly options: SupervisionServiceOptions) {
    this.startedAt = options.clock.now();
  }

  /** Where whispers, broadcasts and raised hands go once committed (the gateway). */
  addPushTarget(target: EventPush): () => void {
    this.pushTargets.add(target);
    return () => this.pushTargets.delete(target);
  }

  handles(frame: ClientFrame): frame is SupervisionFrame {
    return SUPERVISION_FRAMES.has(frame.type);
  }

  /** Runs one frame for an authenticated sender; throws BatonError (forbidden, not_found…) on refusal. */
  handle(sender: AgentRecord, frame: SupervisionFrame): unknown {
    if (frame.type === 'raise_hand') return this.raiseHand(sender, frame.text, frame.handoffId);
    if (sender.role !== 'supervisor') throw new BatonError('forbidden', `${frame.type} is for supervisors only`);
    const { db, service, clock } = this.options;
    switch (frame.type) {
      case 'supervisor_snapshot':
        return this.snapshot();
      case 'supervisor_report':
        return computeReport(db, frame.range, clock.now());
      case 'supervisor_rows':
        return reportRows(db, frame.range, frame.offset);
      case 'supervisor_reassign': {
        const { to } = frame;
        const reason = frame.reason ? `: ${frame.reason}` : '';
        if (to.kind === 'queue') {
          const handoff = service.transfer(sender, frame.handoffId, { kind: 'queue', queue: to.queue }, frame.reason ?? `requeued by ${sender.name}`);
          this.audit(sender, 'requeue', { handoffId: frame.handoffId, detail: `to queue ${to.queue}${reason}` });
          return { handoff };
        }
        this.mustBeAgent(to.agentId);
        if (to.force) {
          const handoff = service.reassign(sender, frame.handoffId, to.agentId);
          this.audit(sender, 'force_assign', { handoffId: frame.handoffId, agentId: to.agentId, detail: `assigned to ${to.agentId}${reason}` });
          return { handoff };
        }
        const handoff = service.transfer(sender, frame.handoffId, { kind: 'agent', agentId: to.agentId }, frame.reason ?? `reassigned by ${sender.name}`);
        this.audit(sender, 'reassign', { handoffId: frame.handoffId, agentId: to.agentId, detail: `offered to ${to.agentId}${reason}` });
        return { handoff };
      }
      case 'set_agent_presence': {
        const target = this.mustBeAgent(frame.agentId);
        const presence = service.setPresence(target, frame.presence);
        this.audit(sender, 'set_agent_presence', { agentId: target.id, detail: `set ${frame.presence}` });
        return { presence };
      }
      case 'whisper': {
        const target = this.mustBeAgent(frame.agentId);
        if (frame.handRaiseId) {
          const hand = getRaisedHand(db, frame.handRaiseId);
          if (!hand) throw new BatonError('not_found', `raised hand ${frame.handRaiseId} does not exist`);
          if (hand.agentId !== target.id) throw new BatonError('bad_request', `raised hand ${frame.handRaiseId} is ${hand.agentId}'s, not ${target.id}'s`);
        }
        const whisper = this.whisper(sender, target.id, frame.text, frame.handoffId, frame.handRaiseId);
        this.audit(sender, frame.handRaiseId ? 'answer_hand' : 'whisper', {
          agentId: target.id,
          handoffId: frame.handoffId ?? null,
          detail: frame.text.slice(0, 500),
        });
        return { whisper };
      }
      case 'broadcast': {
        const whisper = this.whisper(sender, null, frame.text);
        this.audit(sender, 'broadcast', { detail: frame.text.slice(0, 500) });
        return { whisper };
      }
    }
  }

  snapshot(): SupervisorSnapshot {
    const now = this.options.clock.now();
    const seen = new Set<string>();
    const snapshot = buildSupervisorSnapshot({
      db: this.options.db,
      router: this.options.service.router,
      now,
      routeToSupervisors: this.options.routeToSupervisors ?? false,
      statusSince: (agentId) => this.statusSince(agentId),
      alertSince: (alertId) => {
        seen.add(alertId);
        let since = this.alertsSeen.get(alertId);
        if (since === undefined) this.alertsSeen.set(alertId, (since = now));
        return since;
      },
    });
    // A condition that stopped holding starts afresh if it comes back.
    for (const alertId of [...this.alertsSeen.keys()]) if (!seen.has(alertId)) this.alertsSeen.delete(alertId);
    return snapshot;
  }

  /** Watches the HandoffService's committed events: presence changes give each agent's time in status. */
  push(_agentId: string, _seq: number, event: HubEvent): void {
    if (event.kind !== 'agent_updated') return;
    const presence = event.connected ? event.agent.presence : 'offline';
    const known = this.presenceSince.get(event.agent.id);
    if (!known || known.presence !== presence) this.presenceSince.set(event.agent.id, { presence, since: this.options.clock.now() });
  }

  // ---- internals

  private statusSince(agentId: string): number {
    return this.presenceSince.get(agentId)?.since ?? this.startedAt;
  }

  private mustBeAgent(agentId: string): AgentRecord {
    const agent = getAgent(this.options.db, agentId);
    if (!agent || agent.revokedAt !== null) throw new BatonError('not_found', `agent ${agentId} does not exist`);
    return agent;
  }

  private whisper(sender: AgentRecord, toAgentId: string | null, text: string, handoffId?: string, handRaiseId?: string): Whisper {
    const { db, clock } = this.options;
    const now = clock.now();
    const whisper: Whisper = {
      id: randomUUID(),
      fromId: sender.id,
      fromName: sender.name,
      toAgentId,
      text,
      ...(handoffId ? { handoffId } : {}),
      ...(handRaiseId ? { handRaiseId } : {}),
      at: new Date(now).toISOString(),
    };
    const recipients = toAgentId ? [toAgentId] : listAgents(db).filter((a) => a.role === 'agent').map((a) => a.id);
    this.commit(() => {
      const events: Array<{ agentId: string; event: HubEvent }> = recipients.map((agentId) => ({ agentId, event: { kind: 'whisper', whisper } }));
      if (handRaiseId && answerRaisedHand(db, handRaiseId, sender.id, now)) {
        const hand = getRaisedHand(db, handRaiseId)!;
        events.push(...this.toSupervisors({ kind: 'raised_hand', hand }));
      }
      return events;
    });
    return whisper;
  }

  private raiseHand(agent: AgentRecord, text: string, handoffId?: string): { hand: RaisedHand } {
    const { db, clock } = this.options;
    let hand: RaisedHand | undefined;
    this.commit(() => {
      hand = insertRaisedHand(db, { id: randomUUID(), agentId: agent.id, ...(handoffId ? { handoffId } : {}), text, at: clock.now() });
      return this.toSupervisors({ kind: 'raised_hand', hand });
    });
    return { hand: hand! };
  }

  private toSupervisors(event: HubEvent): Array<{ agentId: string; event: HubEvent }> {
    return listAgents(this.options.db)
      .filter((a) => a.role === 'supervisor')
      .map((a) => ({ agentId: a.id, event }));
  }

  /** Durable before announced: events are appended to each recipient's log in one transaction, pushed after it commits. */
  private commit(build: () => Array<{ agentId: string; event: HubEvent }>): void {
    const { db, clock, log } = this.options;
    const pushes = db.transaction(() =>
      build().map(({ agentId, event }) => ({ agentId, event, seq: appendAgentEvent(db, agentId, event, clock.now()) })),
    )();
    for (const { agentId, seq, event } of pushes) {
      for (const target of this.pushTargets) {
        try {
          target.push(agentId, seq, event);
        } catch (error) {
          log.error('pushing a supervision event failed', error);
        }
      }
    }
  }

  private audit(actor: AgentRecord, action: Parameters<typeof recordAudit>[1]['action'], details: { handoffId?: string | null; agentId?: string | null; detail?: string }): void {
    recordAudit(this.options.db, { actorId: actor.id, action, ...details, at: this.options.clock.now() });
  }
}
