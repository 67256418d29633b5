// Which of a lead's live alerts become OS notifications (issue 7): an SLA breach, a mood falling
// fast, a queue with no eligible agent - each once, while the condition holds, and only when the
// lead is not looking at the app (the in-app alert list shows it then). Pure, so Electron's alert
// policy and the browser host's tab decide the same way.
import type { SupervisorLiveAlert, SupervisorLiveAlertKind } from './supervision';

export const LEAD_NOTIFICATION_TITLES: Partial<Record<SupervisorLiveAlertKind, string>> = {
  sla_breached: 'SLA breached',
  falling_mood: 'Mood falling fast',
  no_eligible_agent: 'No eligible agent',
};

export interface LeadNotification {
  /** Replaces an earlier notification with the same tag; closed when the condition ends. */
  tag: string;
  title: string;
  body: string;
  urgency: 'critical' | 'normal';
  handoffId?: string;
}

export interface LeadNotificationInput {
  alerts: readonly SupervisorLiveAlert[];
  /** Alert ids already notified (or seen in the app): never notified twice. */
  notified: ReadonlySet<string>;
  /** The lead is looking at the app: the in-app list is enough. */
  inView: boolean;
  /** Do-not-disturb (or notifications off) for this kind of alert right now. */
  quiet(kind: SupervisorLiveAlertKind): boolean;
}

export interface LeadNotificationDecision {
  show: LeadNotification[];
  /** Tags of notifications whose condition has ended. */
  close: string[];
  notified: Set<string>;
}

export const leadNotificationTag = (alertId: string) => `lead:${alertId}`;

export function decideLeadNotifications(input: LeadNotificationInput): LeadNotificationDecision {
  const current = input.alerts.filter((alert) => LEAD_NOTIFICATION_TITLES[alert.kind] !== undefined);
  const currentIds = new Set(current.map((alert) => alert.id));
  const notified = new Set<string>();
  const close: string[] = [];
  for (const id of input.notified) {
    if (currentIds.has(id)) notified.add(id);
    else close.push(leadNotificationTag(id));
  }
  const show: LeadNotification[] = [];
  for (const alert of current) {
    if (notified.has(alert.id)) continue;
    // Marked even when not shown: an alert seen in the app does not pop up later when the lead looks away.
    notified.add(alert.id);
    if (input.inView || input.quiet(alert.kind)) continue;
    show.push({
      tag: leadNotificationTag(alert.id),
      title: LEAD_NOTIFICATION_TITLES[alert.kind]!,
      body: alert.message,
      urgency: alert.kind === 'sla_breached' ? 'critical' : 'normal',
      ...(alert.handoffId ? { handoffId: alert.handoffId } : {}),
    });
  }
  return { show, close, notified };
}
