// The supervisor view's vocabulary (issue 7): the live snapshot a lead sees (queues, agents, the
// path of each handoff, predicted SLA breaches, raised hands, alerts), the messages between leads
// and agents (whisper, broadcast, raised hand), and the reports that tune the escalation rules.
// Shared by the hub (which computes them), the wire protocol, and the renderer API.
import { z } from 'zod';
import { HandoffReceipt, HandoffStatus, Presence, Priority, Role, Tier, Trigger } from './domain';

const Id = z.string().min(1).max(200);
const IsoTime = z.iso.datetime({ offset: true });
const Score = z.number().min(-1).max(1);

/** Largest date range a report covers, and the most rows one CSV export carries. */
export const MAX_REPORT_RANGE_DAYS = 400;
export const MAX_EXPORT_ROWS = 20_000;

export const SUPERVISOR_TEXT_MAX = 2_000;
const Text = z.string().trim().min(1).max(SUPERVISOR_TEXT_MAX);

// ---- lead ↔ agent messages

/** A message from a lead to one agent, or to every agent (broadcast); agents see it, customers never do. */
export const Whisper = z.object({
  id: Id,
  fromId: Id,
  fromName: z.string().max(200),
  /** Null for a broadcast. */
  toAgentId: Id.nullable(),
  text: Text,
  handoffId: Id.optional(),
  /** Set when the whisper answers a raised hand. */
  handRaiseId: Id.optional(),
  at: IsoTime,
});
export type Whisper = z.infer<typeof Whisper>;

/** An agent asking a lead for help, optionally about one conversation. */
export const RaisedHand = z.object({
  id: Id,
  agentId: Id,
  agentName: z.string().max(200),
  handoffId: Id.optional(),
  text: Text,
  at: IsoTime,
  answeredAt: IsoTime.nullable(),
  answeredBy: Id.nullable(),
});
export type RaisedHand = z.infer<typeof RaisedHand>;

// ---- the live snapshot

export const SUPERVISOR_LIVE_ALERT_KINDS = ['sla_breached', 'sla_breach_predicted', 'falling_mood', 'no_eligible_agent', 'raised_hand'] as const;
export const SupervisorLiveAlertKind = z.enum(SUPERVISOR_LIVE_ALERT_KINDS);
export type SupervisorLiveAlertKind = z.infer<typeof SupervisorLiveAlertKind>;

export const SupervisorLiveAlert = z.object({
  /** Stable for as long as the condition holds, so the UI (and OS notifications) show it once. */
  id: z.string().max(300),
  kind: SupervisorLiveAlertKind,
  message: z.string().max(1_000),
  handoffId: Id.optional(),
  agentId: Id.optional(),
  queue: z.string().max(100).optional(),
  since: IsoTime,
});
export type SupervisorLiveAlert = z.infer<typeof SupervisorLiveAlert>;

/** One handoff as the live view lists it (waiting in a queue, or being worked on). */
export const SupervisedHandoff = z.object({
  id: Id,
  status: HandoffStatus,
  priority: Priority,
  queue: z.string().max(100),
  trigger: Trigger,
  customerName: z.string().max(200),
  customerTier: Tier,
  summary: z.string().max(5_000),
  receivedAt: IsoTime,
  slaDeadline: IsoTime,
  slaBreached: z.boolean(),
  /** Who holds it: the agent it is offered to, or who accepted it. */
  agentId: Id.nullable(),
  offerExpiresAt: IsoTime.nullable(),
  acceptedAt: IsoTime.nullable(),
  /** Offers made so far (1 = first offer; more = a re-offer chain). */
  offers: z.number().int().min(0),
  /** Offers that timed out or were declined, by agent, in order. */
  missedBy: z.array(Id).max(100),
  moodAtHandoff: Score.nullable(),
  /** Latest customer sentiment since the handoff. */
  moodNow: Score.nullable(),
  /** When the model expects it to be accepted, and whether that is after its SLA deadline. */
  predictedAcceptAt: IsoTime.nullable(),
  predictedBreach: z.boolean(),
  path: z.array(HandoffReceipt).max(200),
});
export type SupervisedHandoff = z.infer<typeof SupervisedHandoff>;

export const QueueSummary = z.object({
  queue: z.string().max(100),
  waiting: z.number().int().min(0),
  byPriority: z.record(Priority, z.number().int().min(0)),
  oldestReceivedAt: IsoTime.nullable(),
  breached: z.number().int().min(0),
  predictedBreaches: z.number().int().min(0),
  /** Connected, available agents holding the queue's skills. */
  eligibleAgents: z.number().int().min(0),
});
export type QueueSummary = z.infer<typeof QueueSummary>;

export const SupervisedAgent = z.object({
  id: Id,
  name: z.string().max(200),
  role: Role,
  presence: Presence,
  connected: z.boolean(),
  capacity: z.number().int().min(0),
  /** Accepted conversations plus pending offers. */
  load: z.number().int().min(0),
  skills: z.array(z.string().max(100)).max(100),
  /** When the presence shown last changed (as far as this hub process knows). */
  statusSince: IsoTime,
  /** Offers this agent let time out / declined in the last 24 hours. */
  missedOffers: z.number().int().min(0),
  declinedOffers: z.number().int().min(0),
  /** Ids of handoffs offered to / accepted by this agent (details in `handoffs`). */
  offers: z.array(Id),
  conversations: z.array(Id),
});
export type SupervisedAgent = z.infer<typeof SupervisedAgent>;

export const SupervisorSnapshot = z.object({
  at: IsoTime,
  queues: z.array(QueueSummary),
  /** Waiting handoffs, longest-waiting first within priority; then accepted ones. */
  handoffs: z.array(SupervisedHandoff),
  /** Active handoffs left out to keep the snapshot small (the queue counts include them). */
  moreHandoffs: z.number().int().min(0).default(0),
  agents: z.array(SupervisedAgent),
  hands: z.array(RaisedHand),
  alerts: z.array(SupervisorLiveAlert),
  /** The typical handling time the predictions used. */
  typicalHandleMs: z.number().int().min(0),
});
export type SupervisorSnapshot = z.infer<typeof SupervisorSnapshot>;

// ---- reports

export const ReportRange = z
  .object({ from: IsoTime, to: IsoTime })
  .refine((r) => Date.parse(r.from) < Date.parse(r.to), { message: 'from must be before to', path: ['to'] })
  .refine((r) => Date.parse(r.to) - Date.parse(r.from) <= MAX_REPORT_RANGE_DAYS * 86_400_000, {
    message: `a report covers at most ${MAX_REPORT_RANGE_DAYS} days`,
    path: ['to'],
  });
export type ReportRange = z.infer<typeof ReportRange>;

const Count = z.number().int().min(0);
const Ms = z.number().min(0).nullable();

export const SupervisorReport = z.object({
  from: IsoTime,
  to: IsoTime,
  bucketMs: z.number().int().min(1),
  total: Count,
  /** Handoffs received per bucket, by trigger. */
  overTime: z.array(z.object({ bucketStart: IsoTime, counts: z.record(Trigger, Count) })),
  timeToAccept: z.array(z.object({ queue: z.string(), accepted: Count, p50Ms: Ms, p90Ms: Ms })),
  /** Accepted by the SLA deadline vs not; `open` are still inside their SLA. */
  sla: z.object({ met: Count, breached: Count, open: Count, attainment: z.number().min(0).max(1).nullable() }),
  slaOverTime: z.array(z.object({ bucketStart: IsoTime, met: Count, breached: Count })),
  mood: z.object({
    count: Count,
    atHandoff: Score.nullable(),
    atResolution: Score.nullable(),
    byTrigger: z.array(z.object({ trigger: Trigger, count: Count, atHandoff: Score.nullable(), atResolution: Score.nullable() })),
  }),
  outcomes: z.object({ resolved: Count, transferred: Count, abandoned: Count, open: Count }),
  rules: z.array(
    z.object({
      ruleId: z.string(),
      fired: Count,
      accepted: Count,
      p50AcceptMs: Ms,
      p90AcceptMs: Ms,
      feedback: Count,
      summaryAccurate: Count,
      summaryInaccurate: Count,
      warranted: Count,
      unwarranted: Count,
    }),
  ),
  queryMs: z.number().min(0),
});
export type SupervisorReport = z.infer<typeof SupervisorReport>;

/** One handoff as the CSV export writes it (the rows behind the report). */
export const ReportRow = z.object({
  handoffId: Id,
  receivedAt: IsoTime,
  trigger: Trigger,
  queue: z.string(),
  priority: Priority,
  status: HandoffStatus,
  rules: z.string(),
  slaDeadline: IsoTime,
  slaBreached: z.boolean(),
  acceptedAt: IsoTime.nullable(),
  timeToAcceptMs: z.number().nullable(),
  finishedAt: IsoTime.nullable(),
  transfers: Count,
  missedOffers: Count,
  moodAtHandoff: Score.nullable(),
  moodAtEnd: Score.nullable(),
  grade: z.string().nullable(),
  summaryAccurate: z.boolean().nullable(),
  escalationWarranted: z.boolean().nullable(),
  agentId: z.string().nullable(),
});
export type ReportRow = z.infer<typeof ReportRow>;

export const ReportRowsPage = z.object({ rows: z.array(ReportRow), nextOffset: z.number().int().min(0).nullable() });
export type ReportRowsPage = z.infer<typeof ReportRowsPage>;

/** Rows per `supervisor_rows` page: keeps each result frame well under MAX_FRAME_BYTES. */
export const REPORT_ROWS_PAGE = 400;

// ---- actions (as the renderer API and the wire protocol both carry them)

/** Where a lead sends a handoff: offered to an agent, given to them outright (force), or back to a queue. */
export const ReassignTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('agent'), agentId: Id, force: z.boolean().default(false) }),
  z.object({ kind: z.literal('queue'), queue: z.string().trim().min(1).max(100) }),
]);
export type ReassignTarget = z.infer<typeof ReassignTarget>;

export const SUPERVISOR_ACTIONS = ['reassign', 'force_assign', 'requeue', 'set_agent_presence', 'whisper', 'broadcast', 'answer_hand'] as const;
export const SupervisorAction = z.enum(SUPERVISOR_ACTIONS);
export type SupervisorAction = z.infer<typeof SupervisorAction>;

/** One line of the audit trail: who did what to which handoff or agent. */
export const AuditEntry = z.object({
  id: z.number().int(),
  actorId: Id,
  action: SupervisorAction,
  handoffId: Id.nullable(),
  agentId: Id.nullable(),
  detail: z.string().max(2_000),
  at: IsoTime,
});
export type AuditEntry = z.infer<typeof AuditEntry>;
