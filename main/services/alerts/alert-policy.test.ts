// Table-driven tests of the alert ladder: each scenario is a script of events at given times, run
// through the real AlertScheduler on a ManualClock; the assertions read the timeline of actions.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../shared/clock';
import { AlertPolicy, type AlertAction, type AlertEvent, type ScreenState } from './alert-policy';
import { AlertPreferences, type AlertPreferencesInput, isWithinQuietHours } from './alert-preferences';
import { AlertScheduler } from './alert-scheduler';

const START = Date.parse('2026-01-05T09:00:00.000Z');
const S = 1_000;
const hidden: ScreenState = { focused: false, visible: false, inboxVisible: false, openHandoffId: null };
const inboxOnScreen: ScreenState = { focused: true, visible: true, inboxVisible: true, openHandoffId: null };

type Step = { at: number; event: AlertEvent };
type Timeline = Array<{ at: number; action: AlertAction }>;

function offer(id = 'h1', priority: 'P1' | 'P2' | 'P3' | 'P4' = 'P2', expiresInMs = 60 * S): AlertEvent {
  return { type: 'offer-received', handoffId: id, priority, customerName: 'Dana Reyes', reason: 'Customer asked for a human', expiresAt: START + expiresInMs };
}

/** Runs the script until `until` ms after START; returns every action with its time offset. */
function run(steps: Step[], options: { prefs?: AlertPreferencesInput; screen?: ScreenState; until?: number; minuteOfDay?: number } = {}) {
  const clock = new ManualClock(START);
  const timeline: Timeline = [];
  const policy = new AlertPolicy({
    preferences: AlertPreferences.parse(options.prefs ?? {}),
    initialScreen: options.screen ?? hidden,
    localMinuteOfDay: () => options.minuteOfDay ?? 10 * 60,
  });
  const scheduler = new AlertScheduler(policy, clock, (actions) => {
    for (const action of actions) timeline.push({ at: clock.now() - START, action });
  });
  for (const step of [...steps].sort((a, b) => a.at - b.at)) {
    clock.advance(step.at - (clock.now() - START));
    scheduler.dispatch(step.event);
  }
  clock.advance((options.until ?? 70 * S) - (clock.now() - START));
  const pending = clock.pendingTimers();
  scheduler.dispose();
  return { timeline, pending, policy };
}

const ofType = <T extends AlertAction['type']>(timeline: Timeline, type: T) =>
  timeline.filter((e) => e.action.type === type) as Array<{ at: number; action: Extract<AlertAction, { type: T }> }>;
const timesOf = (timeline: Timeline, type: AlertAction['type']) => ofType(timeline, type).map((e) => e.at);
const receipts = (timeline: Timeline) => ofType(timeline, 'receipt').map((e) => `${e.at / S}s ${e.action.stage}${e.action.detail ? ` ${e.action.detail}` : ''}`);

describe('alert ladder for a new offer', () => {
  const cases: Array<{
    name: string;
    steps: Step[];
    prefs?: AlertPreferencesInput;
    screen?: ScreenState;
    minuteOfDay?: number;
    sounds: number[];
    notifications: number[];
    attention: number[];
    cards: number[];
    leadPaged: number[];
    banners?: number[];
  }> = [
    {
      name: 'hidden window: sound + notification, re-alert every 10 s, attention at 10 s, card at 20 s, lead at timeout-15 s',
      steps: [{ at: 0, event: offer() }],
      sounds: [0, 10, 20, 30, 40, 50].map((s) => s * S),
      notifications: [0, 10, 20, 30, 40, 50].map((s) => s * S),
      attention: [10 * S],
      cards: [20 * S],
      leadPaged: [45 * S],
    },
    {
      name: 'focused with the inbox on screen: in-app banner, no OS notification, no climb',
      steps: [{ at: 0, event: offer() }],
      screen: inboxOnScreen,
      sounds: [0, 10, 20, 30, 40, 50].map((s) => s * S),
      notifications: [],
      attention: [],
      cards: [],
      leadPaged: [45 * S],
      banners: [0],
    },
    {
      name: 'do-not-disturb hours: no sound, notification, attention or card; the lead is still paged',
      steps: [{ at: 0, event: offer('h1', 'P2') }],
      prefs: { doNotDisturb: { enabled: true, from: '09:00', to: '17:00' } },
      minuteOfDay: 10 * 60,
      sounds: [],
      notifications: [],
      attention: [],
      cards: [],
      leadPaged: [45 * S],
    },
    {
      name: 'do-not-disturb: a P1 breaks through',
      steps: [{ at: 0, event: offer('h1', 'P1') }],
      prefs: { doNotDisturb: { enabled: true, from: '09:00', to: '17:00' } },
      sounds: [0, 10, 20, 30, 40, 50].map((s) => s * S),
      notifications: [0, 10, 20, 30, 40, 50].map((s) => s * S),
      attention: [10 * S],
      cards: [20 * S],
      leadPaged: [45 * S],
    },
    {
      name: 'do-not-disturb: P1 stays quiet when break-through is off',
      steps: [{ at: 0, event: offer('h1', 'P1') }],
      prefs: { doNotDisturb: { enabled: true, from: '09:00', to: '17:00', p1BreaksThrough: false } },
      sounds: [],
      notifications: [],
      attention: [],
      cards: [],
      leadPaged: [45 * S],
    },
    {
      name: 'do-not-disturb enabled but outside its hours (overnight window): alerts as usual',
      steps: [{ at: 0, event: offer() }],
      prefs: { doNotDisturb: { enabled: true, from: '22:00', to: '07:00' } },
      minuteOfDay: 10 * 60,
      sounds: [0, 10, 20, 30, 40, 50].map((s) => s * S),
      notifications: [0, 10, 20, 30, 40, 50].map((s) => s * S),
      attention: [10 * S],
      cards: [20 * S],
      leadPaged: [45 * S],
    },
    {
      name: 'accepted after 5 s: nothing more happens',
      steps: [
        { at: 0, event: offer() },
        { at: 5 * S, event: { type: 'offer-ended', handoffId: 'h1', reason: 'accepted' } },
      ],
      sounds: [0],
      notifications: [0],
      attention: [],
      cards: [],
      leadPaged: [],
    },
    {
      name: 'seen from the notification at 12 s: the climb stops (no card), re-alerts and the lead page go on',
      steps: [
        { at: 0, event: offer() },
        { at: 12 * S, event: { type: 'offer-seen', handoffId: 'h1', via: 'notification' } },
      ],
      sounds: [0, 10, 20, 30, 40, 50].map((s) => s * S),
      notifications: [0, 10, 20, 30, 40, 50].map((s) => s * S),
      attention: [10 * S],
      cards: [],
      leadPaged: [45 * S],
    },
    {
      name: 're-alert interval of 25 s, card step later than the offer lifetime',
      steps: [{ at: 0, event: offer('h1', 'P3', 40 * S) }],
      prefs: { reAlertIntervalMs: 25 * S, cardAfterMs: 60 * S },
      sounds: [0, 25 * S],
      notifications: [0, 25 * S],
      attention: [10 * S],
      cards: [],
      leadPaged: [25 * S],
    },
    {
      name: 'sound off and OS notifications off: badge, attention and card only',
      steps: [{ at: 0, event: offer() }],
      prefs: { sound: false, osNotifications: false },
      sounds: [],
      notifications: [],
      attention: [10 * S],
      cards: [20 * S],
      leadPaged: [45 * S],
    },
    {
      name: 'an offer shorter than the lead margin pages the lead at once',
      steps: [{ at: 0, event: offer('h1', 'P1', 10 * S) }],
      sounds: [0],
      notifications: [0],
      attention: [],
      cards: [],
      leadPaged: [0],
    },
  ];

  it.each(cases)('$name', ({ steps, prefs, screen, minuteOfDay, sounds, notifications, attention, cards, leadPaged, banners }) => {
    const { timeline, pending } = run(steps, { prefs, screen, minuteOfDay });
    expect(timesOf(timeline, 'play-sound')).toEqual(sounds);
    expect(ofType(timeline, 'show-notification').filter((e) => e.action.tag.startsWith('offer:')).map((e) => e.at)).toEqual(notifications);
    expect(timesOf(timeline, 'request-attention')).toEqual(attention);
    expect(timesOf(timeline, 'show-handoff-card')).toEqual(cards);
    expect(timesOf(timeline, 'page-lead')).toEqual(leadPaged);
    if (banners) expect(timesOf(timeline, 'show-banner')).toEqual(banners);
    // Every scenario ends with the offer gone, the badge at 0 and no timer left behind.
    expect(ofType(timeline, 'set-badge').at(-1)?.action.count).toBe(0);
    expect(pending).toBe(0);
  });
});

describe('alert details', () => {
  it('the first notification carries Accept and Decline, customer and reason; re-alerts are critical', () => {
    const { timeline } = run([{ at: 0, event: offer() }], { until: 15 * S });
    const [first, second] = ofType(timeline, 'show-notification').map((e) => e.action);
    expect(first).toMatchObject({ tag: 'offer:h1', title: 'P2 handoff: Dana Reyes', body: 'Customer asked for a human', actions: ['accept', 'decline'], urgency: 'normal', silent: true });
    expect(second).toMatchObject({ tag: 'offer:h1', urgency: 'critical' });
  });

  it('reports receipts: delivered, each alert with how, seen with where', () => {
    const { timeline } = run(
      [
        { at: 0, event: offer() },
        { at: 21 * S, event: { type: 'offer-seen', handoffId: 'h1', via: 'card' } },
        { at: 22 * S, event: { type: 'offer-ended', handoffId: 'h1', reason: 'accepted' } },
      ],
      { until: 30 * S },
    );
    expect(receipts(timeline)).toEqual([
      '0s delivered',
      '0s alerted sound+notification',
      '10s alerted attention',
      '10s alerted re-alert: sound+notification',
      '20s alerted card',
      '20s alerted re-alert: sound+notification',
      '21s seen card',
    ]);
  });

  it('DND receipts say the offer was only badged', () => {
    const { timeline } = run([{ at: 0, event: offer() }], { prefs: { doNotDisturb: { enabled: true, from: '00:00', to: '23:59' } }, until: 1 });
    expect(receipts(timeline)).toEqual(['0s delivered', '0s alerted badge-only (do not disturb)']);
    expect(ofType(timeline, 'set-badge').map((e) => e.action.count)).toEqual([1]);
  });

  it('badge counts waiting offers; tray blinks while an unseen offer is at the attention step', () => {
    const { timeline } = run(
      [
        { at: 0, event: offer('a') },
        { at: 1 * S, event: offer('b') },
        { at: 12 * S, event: { type: 'offer-ended', handoffId: 'a', reason: 'declined' } },
        { at: 13 * S, event: { type: 'offer-ended', handoffId: 'b', reason: 'accepted_elsewhere' as 'revoked' } },
      ],
      { until: 20 * S },
    );
    expect(ofType(timeline, 'set-badge').map((e) => `${e.at / S}:${e.action.count}`)).toEqual(['0:1', '1:2', '12:1', '13:0']);
    expect(ofType(timeline, 'tray-blink').map((e) => `${e.at / S}:${e.action.on}`)).toEqual(['10:true', '13:false']);
    expect(timesOf(timeline, 'cancel-attention')).toEqual([13 * S]);
  });

  it('a resent offer (after a reconnect) is not alerted twice', () => {
    const { timeline } = run(
      [
        { at: 0, event: offer() },
        { at: 2 * S, event: offer() },
      ],
      { until: 5 * S },
    );
    expect(timesOf(timeline, 'play-sound')).toEqual([0]);
    expect(receipts(timeline).filter((r) => r.includes('delivered'))).toHaveLength(1);
  });

  it('bringing the inbox on screen marks the offer seen, hides the card and stops the tray', () => {
    const { timeline } = run(
      [
        { at: 0, event: offer() },
        { at: 25 * S, event: { type: 'screen-changed', screen: inboxOnScreen } },
      ],
      { until: 26 * S },
    );
    const at25 = timeline.filter((e) => e.at === 25 * S).map((e) => e.action.type);
    expect(at25).toEqual(['receipt', 'hide-handoff-card', 'cancel-attention', 'tray-blink']);
  });

  it('timeout closes the notification, card and banner', () => {
    const { timeline } = run([{ at: 0, event: offer('h1', 'P2', 30 * S) }], { until: 31 * S });
    const atTimeout = timeline.filter((e) => e.at === 30 * S).map((e) => e.action.type);
    expect(atTimeout).toEqual(['close-notification', 'hide-handoff-card', 'cancel-attention', 'set-badge', 'tray-blink']);
  });
});

describe('"seen" reaches the hub once per offer', () => {
  const seen = (via: 'notification' | 'card' | 'tray' | 'window', id = 'h1'): AlertEvent => ({ type: 'offer-seen', handoffId: id, via });
  const focusInbox: AlertEvent = { type: 'screen-changed', screen: inboxOnScreen };
  const focusConversation: AlertEvent = { type: 'screen-changed', screen: { focused: true, visible: true, inboxVisible: false, openHandoffId: 'h1' } };
  const blur: AlertEvent = { type: 'screen-changed', screen: hidden };
  // Each case: the ways the offer became seen, in order; `second` is when a later seen signal comes,
  // and nothing at all may come out of the policy then (12 s and 14 s fall between ladder steps),
  // unless the case says what (`then`): never a receipt.
  const cases: Array<{ name: string; steps: Step[]; second: number; screen?: ScreenState; seenVia: string; then?: Array<AlertAction['type']> }> = [
    { name: 'notification click, then the window focuses on the inbox', steps: [{ at: 12 * S, event: seen('notification') }, { at: 14 * S, event: focusInbox }], second: 14 * S, seenVia: 'notification' },
    { name: 'the window focuses on the inbox, then the notification is clicked', steps: [{ at: 12 * S, event: focusInbox }, { at: 14 * S, event: seen('notification') }], second: 14 * S, seenVia: 'window' },
    { name: 'card click, then tray click', steps: [{ at: 12 * S, event: seen('card') }, { at: 14 * S, event: seen('tray') }], second: 14 * S, seenVia: 'card' },
    { name: 'the same notification clicked twice', steps: [{ at: 12 * S, event: seen('notification') }, { at: 14 * S, event: seen('notification') }], second: 14 * S, seenVia: 'notification' },
    { name: "the page's own report after the window focus", steps: [{ at: 12 * S, event: focusConversation }, { at: 14 * S, event: seen('window') }], second: 14 * S, seenVia: 'window' },
    {
      name: 'focus, away, focus again',
      steps: [{ at: 12 * S, event: focusInbox }, { at: 13 * S, event: blur }, { at: 14 * S, event: focusInbox }],
      second: 14 * S,
      seenVia: 'window',
    },
    { name: 'on screen when it arrived, then a notification click', steps: [{ at: 14 * S, event: seen('notification') }], screen: inboxOnScreen, second: 14 * S, seenVia: 'window' },
    {
      name: 'seen, ended locally, resent by a reconnect, seen again',
      steps: [
        { at: 2 * S, event: seen('notification') },
        { at: 3 * S, event: { type: 'offer-ended', handoffId: 'h1', reason: 'revoked' } },
        { at: 4 * S, event: offer() },
        // Its ladder starts again at 4 s and asks for attention at 14 s; seeing it stops that, silently.
        { at: 16 * S, event: focusInbox },
      ],
      second: 16 * S,
      seenVia: 'notification',
      then: ['cancel-attention', 'tray-blink'],
    },
  ];

  it.each(cases)('$name', ({ steps, second, screen, seenVia, then = [] }) => {
    const { timeline } = run([{ at: 0, event: offer() }, ...steps], { screen, until: second + S });
    expect(ofType(timeline, 'receipt').filter((e) => e.action.stage === 'seen').map((e) => e.action.detail)).toEqual([seenVia]);
    expect(timeline.filter((e) => e.at === second).map((e) => e.action.type)).toEqual(then);
  });

  it('a seen signal for an offer that was never received or has ended emits nothing', () => {
    const { timeline } = run(
      [
        { at: 0, event: offer() },
        { at: 12 * S, event: { type: 'offer-ended', handoffId: 'h1', reason: 'accepted' } },
        { at: 14 * S, event: seen('notification') },
        { at: 14 * S, event: seen('card', 'never-offered') },
      ],
      { until: 15 * S },
    );
    expect(timeline.filter((e) => e.at === 14 * S)).toEqual([]);
  });

  it('each offer still gets its own seen receipt', () => {
    const { timeline } = run(
      [
        { at: 0, event: offer('a') },
        { at: 1 * S, event: offer('b') },
        { at: 12 * S, event: seen('notification', 'a') },
        { at: 14 * S, event: focusInbox },
      ],
      { until: 15 * S },
    );
    expect(receipts(timeline).filter((r) => r.includes('seen'))).toEqual(['12s seen notification', '14s seen window']);
  });
});

describe('customer messages', () => {
  const message = (id = 'h9', preview = 'Is anyone there?'): AlertEvent => ({ type: 'customer-message', handoffId: id, customerName: 'Sam', preview });
  const cases: Array<{ name: string; steps: Step[]; screen?: ScreenState; prefs?: AlertPreferencesInput; notified: number[] }> = [
    { name: 'conversation not on screen: a quiet notification', steps: [{ at: 0, event: message() }], notified: [0] },
    {
      name: 'conversation open and focused: nothing',
      steps: [{ at: 0, event: message() }],
      screen: { focused: true, visible: true, inboxVisible: false, openHandoffId: 'h9' },
      notified: [],
    },
    {
      name: 'another conversation open: notifies',
      steps: [{ at: 0, event: message() }],
      screen: { focused: true, visible: true, inboxVisible: false, openHandoffId: 'h1' },
      notified: [0],
    },
    {
      name: 'bursts are coalesced per conversation (5 s cooldown)',
      steps: [0, 1, 4, 6].map((s) => ({ at: s * S, event: message() })).concat([{ at: 2 * S, event: message('h8') }]),
      notified: [0, 2 * S, 6 * S],
    },
    { name: 'do-not-disturb silences them', steps: [{ at: 0, event: message() }], prefs: { doNotDisturb: { enabled: true, from: '00:00', to: '23:59' } }, notified: [] },
  ];
  it.each(cases)('$name', ({ steps, screen, prefs, notified }) => {
    const { timeline } = run(steps, { screen, prefs, until: 10 * S });
    const notes = ofType(timeline, 'show-notification');
    expect(notes.map((e) => e.at)).toEqual(notified);
    for (const note of notes) expect(note.action).toMatchObject({ urgency: 'low', actions: [] });
  });

  it('long previews are shortened', () => {
    const { timeline } = run([{ at: 0, event: message('h9', 'x'.repeat(500)) }], { until: 1 });
    expect(ofType(timeline, 'show-notification')[0]!.action.body).toHaveLength(140);
  });
});

describe('alert preferences', () => {
  it('defaults: sound and notifications on, re-alert every 10 s, DND off with P1 break-through', () => {
    expect(AlertPreferences.parse({})).toMatchObject({ sound: true, osNotifications: true, reAlertIntervalMs: 10_000, doNotDisturb: { enabled: false, p1BreaksThrough: true } });
  });

  it.each([
    [{ reAlertIntervalMs: 100 }, 'reAlertIntervalMs'],
    [{ doNotDisturb: { from: '25:00' } }, 'doNotDisturb.from'],
    [{ doNotDisturb: { to: '8am' } }, 'doNotDisturb.to'],
    [{ volume: 3 }, 'volume'],
  ])('refuses %j naming %s', (input, field) => {
    const parsed = AlertPreferences.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error!.issues)).toContain(field.split('.').at(-1)!);
  });

  it.each([
    [10 * 60, 9 * 60, 17 * 60, true],
    [17 * 60, 9 * 60, 17 * 60, false],
    [23 * 60, 22 * 60, 7 * 60, true],
    [3 * 60, 22 * 60, 7 * 60, true],
    [12 * 60, 22 * 60, 7 * 60, false],
    [12 * 60, 8 * 60, 8 * 60, false],
  ])('minute %i within quiet hours %i..%i is %s', (minute, from, to, inside) => {
    expect(isWithinQuietHours(minute, from, to)).toBe(inside);
  });
});

describe("a lead's alerts", () => {
  const breach = { id: 'sla:h9', kind: 'sla_breached' as const, message: 'P1 from Dana waited past its SLA', handoffId: 'h9', since: '2026-01-05T08:59:00.000Z' };
  const noAgent = { id: 'queue:billing', kind: 'no_eligible_agent' as const, message: 'Nobody can take billing', queue: 'billing', since: '2026-01-05T08:59:00.000Z' };
  const leadActions = (timeline: Timeline) =>
    timeline.map((t) => t.action).filter((a) => a.type === 'show-lead-notification' || (a.type === 'close-notification' && a.tag.startsWith('lead:')));

  it('become OS notifications once while the window is away, and close when the condition ends', () => {
    const { timeline } = run([
      { at: 0, event: { type: 'lead-alerts', alerts: [breach, noAgent] } },
      { at: 1 * S, event: { type: 'lead-alerts', alerts: [breach, noAgent] } },
      { at: 2 * S, event: { type: 'lead-alerts', alerts: [noAgent] } },
    ]);
    expect(leadActions(timeline)).toEqual([
      { type: 'show-lead-notification', tag: 'lead:sla:h9', title: 'SLA breached', body: breach.message, urgency: 'critical', handoffId: 'h9' },
      { type: 'show-lead-notification', tag: 'lead:queue:billing', title: 'No eligible agent', body: noAgent.message, urgency: 'normal' },
      { type: 'close-notification', tag: 'lead:sla:h9' },
    ]);
  });

  it('stay in the app while the lead looks at it; do-not-disturb lets only a breach through', () => {
    expect(leadActions(run([{ at: 0, event: { type: 'lead-alerts', alerts: [breach] } }], { screen: inboxOnScreen }).timeline)).toEqual([]);
    const quiet = run([{ at: 0, event: { type: 'lead-alerts', alerts: [breach, noAgent] } }], {
      prefs: { doNotDisturb: { enabled: true, from: '09:00', to: '17:00' } },
    });
    expect(leadActions(quiet.timeline).map((a) => (a as { tag: string }).tag)).toEqual(['lead:sla:h9']);
  });
});
