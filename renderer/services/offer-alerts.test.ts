// Seen receipts and browser notifications for offers, driven through the real client and stores.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Disposable } from '../../shared/lifecycle';
import { FakeBaton } from '../testing/fake-baton';
import { makeInboxItem } from '../testing/handoff-fixtures';
import { resetStores } from '../testing/workspace-harness';
import { useInboxStore } from '../stores/inbox-store';
import { startBatonClient } from './baton-client';
import { startSeenReceipts } from './offer-receipts';
import { startBrowserNotifications, shouldOfferNotifications } from './browser-notifications';

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

/** Stands in for the browser's Notification (jsdom has none), recording what was shown. */
class RecordingNotification {
  static permission: NotificationPermission = 'granted';
  static shown: RecordingNotification[] = [];
  onclick: (() => void) | null = null;
  closed = false;
  constructor(
    readonly title: string,
    readonly options: NotificationOptions,
  ) {
    RecordingNotification.shown.push(this);
  }
  close() {
    this.closed = true;
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
});

describe('seen receipts', () => {
  it('reports an offer as seen once, only while the page is visible', async () => {
    const page = new TestPage();
    page.visibilityState = 'hidden';
    stops.push(startSeenReceipts(page.asDocument()));
    fake.emit('offer:received', makeInboxItem({ id: 'h2', customerName: 'Eli' }));
    expect(fake.callsOf('handoffs:receipt')).toEqual([]);
    page.show('visible');
    await vi.waitFor(() => expect(fake.callsOf('handoffs:receipt')).toHaveLength(2));
    expect(fake.callsOf('handoffs:receipt')).toEqual([
      { handoffId: 'h1', stage: 'seen' },
      { handoffId: 'h2', stage: 'seen' },
    ]);
    page.show('hidden');
    page.show('visible');
    fake.emit('handoff:updated', makeInboxItem({ id: 'h2', customerName: 'Eli', priority: 'P1' }));
    expect(fake.callsOf('handoffs:receipt')).toHaveLength(2);
  });
});

describe('browser notifications', () => {
  it('notifies about a new offer while the tab is hidden, focuses it on click, closes it once gone', async () => {
    const page = new TestPage();
    page.visibilityState = 'hidden';
    stops.push(startBrowserNotifications(page.asDocument()));
    fake.emit('offer:received', makeInboxItem({ id: 'h2', customerName: 'Eli', priority: 'P1', trigger: 'human_requested' }));
    expect(RecordingNotification.shown).toHaveLength(1);
    const shown = RecordingNotification.shown[0]!;
    expect(shown.title).toBe('New handoff: Eli');
    expect(shown.options.body).toBe('P1 · Customer asked for a human');
    expect(shown.options.requireInteraction).toBe(true);
    await vi.waitFor(() => expect(fake.callsOf('handoffs:receipt')).toEqual([{ handoffId: 'h2', stage: 'alerted', detail: 'browser notification' }]));

    const focus = vi.spyOn(window, 'focus').mockImplementation(() => undefined);
    shown.onclick!();
    expect(focus).toHaveBeenCalled();
    focus.mockRestore();
    expect(useInboxStore.getState().selectedId).toBe('h2');
    expect(shown.closed).toBe(true);

    fake.emit('offer:received', makeInboxItem({ id: 'h3', customerName: 'Fay' }));
    const second = RecordingNotification.shown[1]!;
    fake.emit('offer:revoked', { handoffId: 'h3', reason: 'timeout' });
    expect(second.closed).toBe(true);
  });

  it('stays quiet while the tab is visible or without permission', () => {
    const page = new TestPage();
    stops.push(startBrowserNotifications(page.asDocument()));
    fake.emit('offer:received', makeInboxItem({ id: 'h2', customerName: 'Eli' }));
    page.visibilityState = 'hidden';
    RecordingNotification.permission = 'denied';
    fake.emit('offer:received', makeInboxItem({ id: 'h3', customerName: 'Fay' }));
    expect(RecordingNotification.shown).toEqual([]);
  });

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
