// Decides how Baton gets an agent's attention, as pure data: events in (offer received/ended,
// customer message, window changes, time passing), alert actions out. The Electron glue carries the
// actions out (Notification, shell.beep/sound, flashFrame, dock.bounce, tray, an always-on-top
// window, a hub frame); nothing here touches the OS, and time comes from the caller.
//
// The ladder for a waiting offer climbs until the offer is seen or ends:
//   0 s            sound + OS notification (Accept / Decline); in-app banner instead when the window
//                  is focused and the offer is on screen; re-alerted every reAlertIntervalMs
//   attentionAfter flash taskbar / critical dock bounce / urgency hint + blinking tray
//   cardAfter      always-on-top handoff card
//   timeout - N    page the lead through the hub (once), whether or not the offer was seen
// Do-not-disturb silences sound, notifications, attention and the card (never the badge or the
// lead's page); a P1 breaks through when the agent allows it.
import type { Priority } from '../../../shared/domain';
import { decideLeadNotifications, type LeadNotification } from '../../../shared/lead-alert-notifications';
import type { SupervisorLiveAlert } from '../../../shared/supervision';
import { type AlertPreferences, DEFAULT_ALERT_PREFERENCES, isQuietFor } from './alert-preferences';

export type AlertSound = 'offer' | 'message';

export type AlertAction =
  | { type: 'play-sound'; sound: AlertSound }
  | {
      type: 'show-notification';
      /** Replaces any earlier notification with the same tag. */
      tag: string;
      handoffId: string;
      title: string;
      body: string;
      /** Offer notifications carry Accept and Decline; message notifications carry none. */
      actions: ReadonlyArray<'accept' | 'decline'>;
      urgency: 'critical' | 'normal' | 'low';
      silent: boolean;
    }
  | { type: 'close-notification'; tag: string }
  /** A lead's alert (SLA breach, falling mood, queue with no eligible agent); no Accept/Decline. */
  | ({ type: 'show-lead-notification' } & LeadNotification)
  | { type: 'show-banner'; handoffId: string }
  | { type: 'hide-banner'; handoffId: string }
  | { type: 'request-attention'; handoffId: string }
  | { type: 'cancel-attention' }
  | { type: 'tray-blink'; on: boolean }
  | { type: 'show-handoff-card'; handoffId: string }
  | { type: 'hide-handoff-card'; handoffId: string }
  | { type: 'page-lead'; handoffId: string; reason: string }
  | { type: 'set-badge'; count: number }
  | { type: 'receipt'; handoffId: string; stage: 'delivered' | 'alerted' | 'seen'; detail?: string };

/** What is on the agent's screen right now. */
export type ScreenState = {
  focused: boolean;
  visible: boolean;
  /** The inbox list (where offers show) is on screen. */
  inboxVisible: boolean;
  /** The conversation open in the main pane, if any. */
  openHandoffId: string | null;
};

export type OfferEndReason = 'accepted' | 'declined' | 'timeout' | 'revoked';

export type AlertEvent =
  | {
      type: 'offer-received';
      handoffId: string;
      priority: Priority;
      customerName: string;
      /** Why it was escalated, in words (trigger label). */
      reason: string;
      /** Epoch ms. */
      expiresAt: number;
    }
  | { type: 'offer-ended'; handoffId: string; reason: OfferEndReason }
  | { type: 'offer-seen'; handoffId: string; via: 'notification' | 'card' | 'tray' | 'window' }
  | { type: 'customer-message'; handoffId: string; customerName: string; preview: string }
  | { type: 'screen-changed'; screen: ScreenState }
  | { type: 'preferences-changed'; preferences: AlertPreferences }
  /** A lead's live alerts as the latest supervisor snapshot lists them. */
  | { type: 'lead-alerts'; alerts: readonly SupervisorLiveAlert[] }
  /** Time passed; the caller sends this at nextWakeAt() (and may send it more often). */
  | { type: 'tick' };

type WaitingOffer = {
  handoffId: string;
  priority: Priority;
  customerName: string;
  reason: string;
  receivedAt: number;
  expiresAt: number;
  lastAlertAt: number;
  seen: boolean;
  /** Ladder steps passed (even when do-not-disturb skipped their action). */
  attentionStepPassed: boolean;
  cardStepPassed: boolean;
  attention: boolean;
  card: boolean;
  bannered: boolean;
  leadPaged: boolean;
};

export type AlertPolicyOptions = {
  preferences?: AlertPreferences;
  /** Local minute of the day (0..1439) for an epoch ms; injected so quiet hours are testable. */
  localMinuteOfDay?: (epochMs: number) => number;
  initialScreen?: ScreenState;
};

const localMinute = (epochMs: number) => {
  const date = new Date(epochMs);
  return date.getHours() * 60 + date.getMinutes();
};

const offerTag = (handoffId: string) => `offer:${handoffId}`;
const messageTag = (handoffId: string) => `message:${handoffId}`;
const MAX_PREVIEW = 140;
/** Offers whose "seen" went to the hub, remembered past their end; the oldest are forgotten beyond this. */
const SEEN_MEMORY = 1_000;

export class AlertPolicy {
  private preferences: AlertPreferences;
  private screen: ScreenState;
  private readonly offers = new Map<string, WaitingOffer>();
  private readonly lastMessageAlert = new Map<string, number>();
  /**
   * Offers already reported seen. An offer becomes seen in several ways (the window focused on the
   * inbox, a notification, card or tray click, the page's own report) and again after it ends and
   * comes back (a reconnect resending it); the hub is told once, by this policy and nobody else.
   */
  private readonly seenReported = new Set<string>();
  private readonly localMinuteOfDay: (epochMs: number) => number;
  private leadNotified: ReadonlySet<string> = new Set();
  private badge = -1;
  private trayBlinking = false;

  constructor(options: AlertPolicyOptions = {}) {
    this.preferences = options.preferences ?? DEFAULT_ALERT_PREFERENCES;
    this.localMinuteOfDay = options.localMinuteOfDay ?? localMinute;
    this.screen = options.initialScreen ?? { focused: false, visible: false, inboxVisible: false, openHandoffId: null };
  }

  /** Offers still waiting, oldest first (for the tray menu and tests). */
  waitingOffers(): ReadonlyArray<Readonly<WaitingOffer>> {
    return [...this.offers.values()];
  }

  /** When the caller must send the next `tick`, or null when nothing is pending. */
  nextWakeAt(): number | null {
    let next = Infinity;
    const p = this.preferences;
    for (const offer of this.offers.values()) {
      const candidates = [offer.expiresAt, offer.lastAlertAt + p.reAlertIntervalMs];
      if (!offer.seen && !offer.attentionStepPassed) candidates.push(offer.receivedAt + p.attentionAfterMs);
      if (!offer.seen && !offer.cardStepPassed) candidates.push(offer.receivedAt + p.cardAfterMs);
      if (!offer.leadPaged) candidates.push(this.leadPageAt(offer));
      next = Math.min(next, ...candidates);
    }
    return Number.isFinite(next) ? next : null;
  }

  handle(event: AlertEvent, now: number): AlertAction[] {
    const actions: AlertAction[] = [];
    switch (event.type) {
      case 'offer-received':
        this.receiveOffer(event, now, actions);
        break;
      case 'offer-ended':
        this.endOffer(event.handoffId, actions);
        break;
      case 'offer-seen':
        this.markSeen(event.handoffId, event.via, actions);
        break;
      case 'customer-message':
        this.customerMessage(event, now, actions);
        break;
      case 'screen-changed':
        this.screen = event.screen;
        for (const offer of this.offers.values()) if (this.isOnScreen(offer)) this.markSeen(offer.handoffId, 'window', actions);
        break;
      case 'preferences-changed':
        this.preferences = event.preferences;
        break;
      case 'lead-alerts':
        this.leadAlerts(event.alerts, now, actions);
        break;
      case 'tick':
        break;
    }
    this.advanceLadders(now, actions);
    this.syncBadgeAndTray(actions);
    return actions;
  }

  private receiveOffer(event: Extract<AlertEvent, { type: 'offer-received' }>, now: number, actions: AlertAction[]): void {
    if (this.offers.has(event.handoffId)) return; // a resent offer (reconnect) alerts once
    const offer: WaitingOffer = {
      handoffId: event.handoffId,
      priority: event.priority,
      customerName: event.customerName,
      reason: event.reason,
      receivedAt: now,
      expiresAt: event.expiresAt,
      lastAlertAt: now,
      seen: false,
      attentionStepPassed: false,
      cardStepPassed: false,
      attention: false,
      card: false,
      bannered: false,
      leadPaged: false,
    };
    this.offers.set(offer.handoffId, offer);
    actions.push({ type: 'receipt', handoffId: offer.handoffId, stage: 'delivered' });
    this.alertOffer(offer, now, actions, false);
    if (this.isOnScreen(offer)) this.markSeen(offer.handoffId, 'window', actions);
  }

  /** Step 1 (and each re-alert): sound + OS notification, or the in-app banner, or nothing in DND. */
  private alertOffer(offer: WaitingOffer, now: number, actions: AlertAction[], repeat: boolean): void {
    offer.lastAlertAt = now;
    const quiet = this.isQuiet(offer.priority, now);
    const how: string[] = [];
    if (!quiet && this.preferences.sound) {
      actions.push({ type: 'play-sound', sound: 'offer' });
      how.push('sound');
    }
    if (this.screen.focused && this.screen.visible && this.screen.inboxVisible) {
      if (!offer.bannered) {
        actions.push({ type: 'show-banner', handoffId: offer.handoffId });
        offer.bannered = true;
        how.push('banner');
      }
    } else if (!quiet && this.preferences.osNotifications) {
      actions.push({
        type: 'show-notification',
        tag: offerTag(offer.handoffId),
        handoffId: offer.handoffId,
        title: `${offer.priority} handoff: ${offer.customerName}`,
        body: offer.reason,
        actions: ['accept', 'decline'],
        urgency: offer.priority === 'P1' || repeat ? 'critical' : 'normal',
        // The policy plays its own sound, so the OS one would double it.
        silent: true,
      });
      how.push('notification');
    }
    if (how.length === 0) how.push(quiet ? 'badge-only (do not disturb)' : 'badge-only');
    actions.push({ type: 'receipt', handoffId: offer.handoffId, stage: 'alerted', detail: (repeat ? 're-alert: ' : '') + how.join('+') });
  }

  private advanceLadders(now: number, actions: AlertAction[]): void {
    const p = this.preferences;
    for (const offer of [...this.offers.values()]) {
      if (now >= offer.expiresAt) {
        // The hub revokes it too; ending here keeps the screen honest if that frame is late.
        this.endOffer(offer.handoffId, actions);
        continue;
      }
      if (!offer.leadPaged && now >= this.leadPageAt(offer)) {
        offer.leadPaged = true;
        const secondsLeft = Math.max(0, Math.round((offer.expiresAt - now) / 1000));
        actions.push({ type: 'page-lead', handoffId: offer.handoffId, reason: `${offer.priority} offer not accepted; ${secondsLeft} s before it times out` });
        actions.push({ type: 'receipt', handoffId: offer.handoffId, stage: 'alerted', detail: 'lead-paged' });
      }
      const quiet = this.isQuiet(offer.priority, now);
      if (!offer.seen && !offer.attentionStepPassed && now >= offer.receivedAt + p.attentionAfterMs) {
        offer.attentionStepPassed = true;
        if (!quiet) {
          offer.attention = true;
          actions.push({ type: 'request-attention', handoffId: offer.handoffId });
          actions.push({ type: 'receipt', handoffId: offer.handoffId, stage: 'alerted', detail: 'attention' });
        }
      }
      if (!offer.seen && !offer.cardStepPassed && now >= offer.receivedAt + p.cardAfterMs) {
        offer.cardStepPassed = true;
        if (!quiet) {
          offer.card = true;
          actions.push({ type: 'show-handoff-card', handoffId: offer.handoffId });
          actions.push({ type: 'receipt', handoffId: offer.handoffId, stage: 'alerted', detail: 'card' });
        }
      }
      if (now >= offer.lastAlertAt + p.reAlertIntervalMs) this.alertOffer(offer, now, actions, true);
    }
  }

  private leadPageAt(offer: WaitingOffer): number {
    return Math.max(offer.receivedAt, offer.expiresAt - this.preferences.pageLeadBeforeTimeoutMs);
  }

  private markSeen(handoffId: string, via: string, actions: AlertAction[]): void {
    const offer = this.offers.get(handoffId);
    if (!offer || offer.seen) return;
    offer.seen = true;
    if (!this.seenReported.has(handoffId)) {
      this.seenReported.add(handoffId);
      if (this.seenReported.size > SEEN_MEMORY) this.seenReported.delete(this.seenReported.values().next().value!);
      actions.push({ type: 'receipt', handoffId, stage: 'seen', detail: via });
    }
    // Seen stops the climb; re-alerts and the lead's page go on until it is accepted or times out.
    if (offer.card) actions.push({ type: 'hide-handoff-card', handoffId });
    if (offer.attention && !this.anyUnseenAttention()) actions.push({ type: 'cancel-attention' });
  }

  private anyUnseenAttention(): boolean {
    return [...this.offers.values()].some((o) => o.attention && !o.seen);
  }

  private endOffer(handoffId: string, actions: AlertAction[]): void {
    const offer = this.offers.get(handoffId);
    if (!offer) return;
    this.offers.delete(handoffId);
    actions.push({ type: 'close-notification', tag: offerTag(handoffId) });
    if (offer.bannered) actions.push({ type: 'hide-banner', handoffId });
    if (offer.card) actions.push({ type: 'hide-handoff-card', handoffId });
    if (offer.attention && !offer.seen && !this.anyUnseenAttention()) actions.push({ type: 'cancel-attention' });
  }

  private customerMessage(event: Extract<AlertEvent, { type: 'customer-message' }>, now: number, actions: AlertAction[]): void {
    if (this.screen.focused && this.screen.visible && this.screen.openHandoffId === event.handoffId) return;
    if (this.isQuiet('P4', now)) return;
    const last = this.lastMessageAlert.get(event.handoffId);
    if (last !== undefined && now - last < this.preferences.messageCooldownMs) return;
    this.lastMessageAlert.set(event.handoffId, now);
    if (this.preferences.osNotifications) {
      const preview = event.preview.length > MAX_PREVIEW ? `${event.preview.slice(0, MAX_PREVIEW - 1)}…` : event.preview;
      actions.push({
        type: 'show-notification',
        tag: messageTag(event.handoffId),
        handoffId: event.handoffId,
        title: `${event.customerName} wrote`,
        body: preview,
        actions: [],
        urgency: 'low',
        silent: true,
      });
    }
    if (this.preferences.sound) actions.push({ type: 'play-sound', sound: 'message' });
  }

  private leadAlerts(alerts: readonly SupervisorLiveAlert[], now: number, actions: AlertAction[]): void {
    const decision = decideLeadNotifications({
      alerts,
      notified: this.leadNotified,
      inView: this.screen.focused && this.screen.visible,
      // A breach is a lead's P1; the rest wait out do-not-disturb like an ordinary offer.
      quiet: (kind) => !this.preferences.osNotifications || this.isQuiet(kind === 'sla_breached' ? 'P1' : 'P2', now),
    });
    this.leadNotified = decision.notified;
    for (const tag of decision.close) actions.push({ type: 'close-notification', tag });
    for (const notification of decision.show) actions.push({ type: 'show-lead-notification', ...notification });
  }

  private syncBadgeAndTray(actions: AlertAction[]): void {
    const count = this.offers.size;
    if (count !== this.badge) {
      this.badge = count;
      actions.push({ type: 'set-badge', count });
    }
    const blink = this.anyUnseenAttention();
    if (blink !== this.trayBlinking) {
      this.trayBlinking = blink;
      actions.push({ type: 'tray-blink', on: blink });
    }
  }

  private isOnScreen(offer: WaitingOffer): boolean {
    const s = this.screen;
    return s.focused && s.visible && (s.inboxVisible || s.openHandoffId === offer.handoffId);
  }

  private isQuiet(priority: Priority, now: number): boolean {
    // The same rule the browser host applies (shared/settings.ts).
    return isQuietFor(this.preferences, priority, this.localMinuteOfDay(now));
  }
}
