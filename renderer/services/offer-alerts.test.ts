// The notification permission prompt, and a lead's alerts as browser notifications, driven through
// the real client and stores. The offer ladder in a browser is in browser-alerts.test.ts; seen
// receipts come from the alert policy alone (main/services/alerts/alert-policy.test.ts).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Disposable } from '../../shared/lifecycle';
import { FakeBaton } from '../testing/fake-baton';
import { makeInboxItem } from '../testing/handoff-fixtures';
import { resetStores } from '../testing/workspace-harness';
import { useInboxStore } from '../stores/inbox-store';
import { startBatonClient } from './baton-client';
import { startBrowserNotifications, shouldOfferNotifications } from './browser-notifications';
import { useSupervisorStore } from '../supervisor/supervisor-store';
import type { SupervisorLiveAlert, SupervisorSnapshot } from '../../shared/supervision';
import { RecordingNotification } from '../testing/recording-notification';

/** A page whose visibility the test sets. */
class TestPage extends EventTarget {
  visibilityState: DocumentVisibilityState = 'visible';
  show(state: DocumentVisibilityState) {
    this.visibilityState = state;
    this.dispatchEvent(new Event('visibilitychange'));
  }
  asDocument(): Document {
    return this as unknown as Document;
  }
}

let fake: FakeBaton;
let client: Disposable;
const stops: (() => void)[] = [];

beforeEach(async () => {
  resetStores();
  fake = new FakeBaton([makeInboxItem({ id: 'h1', customerName: 'Dana' })]);
  client = startBatonClient(fake.api);
  await vi.waitFor(() => expect(useInboxStore.getState().loaded).toBe(true));
  RecordingNotification.shown = [];
  RecordingNotification.permission = 'granted';
  vi.stubGlobal('Notification', RecordingNotification);
});

afterEach(async () => {
  while (stops.length) stops.pop()!();
  await client.dispose();
  vi.unstubAllGlobals();
  localStorage.clear();
  resetStores();
  useSupervisorStore.getState().reset();
});

describe('browser notifications', () => {
  it('asks for permission only while the browser has not been asked and the agent has not said no', () => {
    RecordingNotification.permission = 'default';
    expect(shouldOfferNotifications()).toBe(true);
    localStorage.setItem('baton.notifications.asked', '2026-01-05T09:00:00.000Z');
    expect(shouldOfferNotifications()).toBe(false);
    localStorage.clear();
    RecordingNotification.permission = 'granted';
    expect(shouldOfferNotifications()).toBe(false);
  });
});

describe("a lead's alerts as browser notifications", () => {
  const at = (ms: number) => new Date(Date.parse('2026-01-05T09:00:00.000Z') + ms).toISOString();
  const live = (ms: number, alerts: SupervisorLiveAlert[]): SupervisorSnapshot => ({
    at: at(ms),
    queues: [],
    handoffs: [],
    moreHandoffs: 0,
    agents: [],
    hands: [],
    alerts,
    typicalHandleMs: 300_000,
  });
  const breach: SupervisorLiveAlert = { id: 'sla:h1', kind: 'sla_breached', message: 'P1 from Dana waited past its SLA', handoffId: 'h1', since: at(0) };
  const mood: SupervisorLiveAlert = { id: 'mood:h2', kind: 'falling_mood', message: "Eli's mood is falling fast", handoffId: 'h2', since: at(0) };

  it('notifies each new alert once while the tab is hidden, none while it is visible, and closes ended ones', () => {
    const page = new TestPage();
    stops.push(startBrowserNotifications(page.asDocument(), { api: fake.api }));
    useSupervisorStore.getState().snapshotReceived(live(1_000, [mood]));
    expect(RecordingNotification.shown).toEqual([]);

    page.show('hidden');
    useSupervisorStore.getState().snapshotReceived(live(2_000, [mood, breach]));
    useSupervisorStore.getState().snapshotReceived(live(3_000, [mood, breach]));
    expect(RecordingNotification.shown.map((n) => [n.title, n.options.body])).toEqual([['SLA breached', breach.message]]);
    const shown = RecordingNotification.shown[0]!;
    expect(shown.options.requireInteraction).toBe(true);

    useSupervisorStore.getState().snapshotReceived(live(4_000, [mood]));
    expect(shown.closed).toBe(true);
  });

  it('shows nothing when the lead has not allowed notifications', () => {
    const page = new TestPage();
    page.visibilityState = 'hidden';
    RecordingNotification.permission = 'denied';
    stops.push(startBrowserNotifications(page.asDocument(), { api: fake.api }));
    useSupervisorStore.getState().snapshotReceived(live(1_000, [breach]));
    expect(RecordingNotification.shown).toEqual([]);
  });
});
