// The browser host carries out the services' alert decisions and reports its screen: page
// Notifications shown, replaced and closed by tag (a click focuses the tab, shows the offer and
// reports it seen), the tab title and favicon for ladder step 2 (flashing on a ManualClock), the
// card step as the banner, and screen reports on focus, visibility, Settings and the open
// conversation — all through the real client, the real stores and the real API validation.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../shared/clock';
import type { Disposable } from '../../shared/lifecycle';
import { useConversationStore } from '../stores/conversation-store';
import { useInboxStore } from '../stores/inbox-store';
import { useUiStore } from '../stores/ui-store';
import { FakeBaton } from '../testing/fake-baton';
import { makeInboxItem } from '../testing/handoff-fixtures';
import { resetStores } from '../testing/workspace-harness';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { AlertCardLayer } from '../components/alert-card-layer';
import { startBatonClient } from './baton-client';
import { alertTitle, badgeFavicon, startBrowserNotifications } from './browser-notifications';
import { RecordingNotification } from '../testing/recording-notification';

/** A page whose focus and visibility the test sets, with a real <head> for the favicon. */
class TestPage extends EventTarget {
  visibilityState: DocumentVisibilityState = 'hidden';
  focused = false;
  title = 'Baton';
  readonly head = document.createElement('head');
  constructor() {
    super();
    const icon = document.createElement('link');
    icon.rel = 'icon';
    icon.href = 'data:,';
    this.head.append(icon);
  }
  hasFocus() {
    return this.focused;
  }
  querySelector<T extends Element>(selector: string): T | null {
    return this.head.querySelector<T>(selector);
  }
  set(state: { visible: boolean; focused: boolean }) {
    this.visibilityState = state.visible ? 'visible' : 'hidden';
    this.focused = state.focused;
    this.dispatchEvent(new Event('visibilitychange'));
    this.dispatchEvent(new Event(state.focused ? 'focus' : 'blur'));
  }
  icon(): string {
    return this.head.querySelector<HTMLLinkElement>('link[rel~="icon"]')!.getAttribute('href')!;
  }
  asDocument(): Document {
    return this as unknown as Document;
  }
}

let fake: FakeBaton;
let client: Disposable;
let page: TestPage;
let clock: ManualClock;
let stop: () => void;

const offer = { type: 'show' as const, tag: 'offer:h2', handoffId: 'h2', title: 'P1 handoff: Eli', body: 'Customer asked for a human', urgency: 'critical' as const, actions: ['accept' as const, 'decline' as const] };
const screens = () => fake.callsOf('alerts:screen');

beforeEach(async () => {
  resetStores();
  RecordingNotification.shown = [];
  RecordingNotification.permission = 'granted';
  vi.stubGlobal('Notification', RecordingNotification);
  fake = new FakeBaton([makeInboxItem({ id: 'h1', customerName: 'Dana', status: 'accepted' }), makeInboxItem({ id: 'h2', customerName: 'Eli' })]);
  client = startBatonClient(fake.api);
  await vi.waitFor(() => expect(useInboxStore.getState().loaded).toBe(true));
  page = new TestPage();
  clock = new ManualClock();
  stop = startBrowserNotifications(page.asDocument(), { api: fake.api, clock });
});

afterEach(async () => {
  stop();
  await client.dispose();
  vi.unstubAllGlobals();
  resetStores();
});

describe('notifications decided by the services', () => {
  it('shows one per tag, replaces it, and closes it when told', () => {
    fake.emit('alerts:notification', offer);
    fake.emit('alerts:notification', { ...offer, urgency: 'normal' });
    const [first, second] = RecordingNotification.shown;
    expect(first!.closed).toBe(true);
    expect(second!.title).toBe('P1 handoff: Eli');
    expect(second!.options).toMatchObject({ body: 'Customer asked for a human', tag: 'baton-offer:h2', requireInteraction: false, silent: true });
    fake.emit('alerts:notification', { type: 'close', tag: 'offer:h2' });
    expect(second!.closed).toBe(true);
  });

  it('a click focuses the tab on the offer and reports it seen', async () => {
    fake.emit('alerts:notification', offer);
    const focus = vi.spyOn(window, 'focus').mockImplementation(() => undefined);
    RecordingNotification.shown[0]!.onclick!();
    expect(focus).toHaveBeenCalled();
    focus.mockRestore();
    expect(useInboxStore.getState().selectedId).toBe('h2');
    expect(RecordingNotification.shown[0]!.closed).toBe(true);
    await vi.waitFor(() => expect(fake.callsOf('alerts:seen')).toContainEqual({ handoffId: 'h2', via: 'notification' }));
  });

  it('shows nothing without the browser permission', () => {
    RecordingNotification.permission = 'denied';
    fake.emit('alerts:notification', offer);
    expect(RecordingNotification.shown).toEqual([]);
  });
});

describe('ladder steps 2 and 3 in a tab', () => {
  it('counts waiting offers in the title and favicon, and flashes while attention is asked', () => {
    fake.emit('alerts:attention', { flashing: false, waiting: 2 });
    expect(page.title).toBe('(2) Baton');
    expect(page.icon()).toBe(badgeFavicon(2));
    expect(decodeURIComponent(page.icon())).toContain('>2</text>');

    fake.emit('alerts:attention', { flashing: true, waiting: 2 });
    expect(page.title).toBe('(2) New handoff \u2014 Baton');
    clock.advance(1_000);
    expect(page.title).toBe('(2) Baton');
    clock.advance(1_000);
    expect(page.title).toBe(alertTitle(2, true));

    fake.emit('alerts:attention', { flashing: false, waiting: 0 });
    expect(page.title).toBe('Baton');
    expect(page.icon()).toBe('data:,');
    expect(clock.pendingTimers()).toBe(0);
  });

  it('the card step puts the handoff card above the page; Later or the policy takes it away', async () => {
    const view = render(<AlertCardLayer />);
    fake.emit('alerts:card', { handoffId: 'h2', visible: true });
    const card = await screen.findByRole('alertdialog', { name: 'A handoff is waiting for you' });
    expect(within(card).getByRole('heading', { name: 'Eli' })).toBeTruthy();
    expect(useUiStore.getState().announcement.text).toMatch(/Eli is still waiting/);
    // Keyboard first: Accept has the focus.
    await vi.waitFor(() => expect(document.activeElement?.textContent).toBe('Accept'));

    fireEvent.click(within(card).getByRole('button', { name: 'Later' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();

    fake.emit('alerts:card', { handoffId: 'h2', visible: true });
    await screen.findByRole('alertdialog');
    act(() => fake.emit('alerts:card', { handoffId: 'h2', visible: false }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    view.unmount();
  });

  it('accepting from the card takes the handoff and closes the card', async () => {
    const view = render(<AlertCardLayer />);
    fake.emit('alerts:card', { handoffId: 'h2', visible: true });
    const card = await screen.findByRole('alertdialog');
    fireEvent.click(within(card).getByRole('button', { name: 'Accept' }));
    await vi.waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(fake.callsOf('handoffs:accept')).toEqual([{ handoffId: 'h2' }]);
    view.unmount();
  });
});

describe('the screen reported to the alert policy', () => {
  it('reports at start and on each change, once per change', async () => {
    await vi.waitFor(() => expect(screens()).toHaveLength(1));
    expect(screens()[0]).toEqual({ focused: false, visible: false, inboxVisible: false, openHandoffId: 'h1' });

    page.set({ visible: true, focused: true });
    await vi.waitFor(() => expect(screens().at(-1)).toEqual({ focused: true, visible: true, inboxVisible: true, openHandoffId: 'h1' }));
    const count = screens().length;
    page.dispatchEvent(new Event('focus'));
    expect(screens()).toHaveLength(count);

    useUiStore.getState().settingsToggled(true);
    expect(screens().at(-1)).toMatchObject({ inboxVisible: false });
    useUiStore.getState().settingsToggled(false);
    useConversationStore.getState().conversationOpened(null);
    expect(screens().at(-1)).toEqual({ focused: true, visible: true, inboxVisible: true, openHandoffId: null });

    page.set({ visible: true, focused: false });
    expect(screens().at(-1)).toMatchObject({ focused: false, visible: true });
    page.dispatchEvent(new Event('pagehide'));
    expect(screens().at(-1)).toEqual({ focused: false, visible: false, inboxVisible: false, openHandoffId: null });
  });

  it('a background tab closing does not overrule the tab in use', async () => {
    await vi.waitFor(() => expect(screens()).toHaveLength(1));
    page.dispatchEvent(new Event('pagehide'));
    expect(screens()).toHaveLength(1);
  });

  it('selecting an offer while looking reports it seen', async () => {
    page.set({ visible: true, focused: true });
    useInboxStore.getState().offerSelected('h2');
    await vi.waitFor(() => expect(fake.callsOf('alerts:seen')).toEqual([{ handoffId: 'h2', via: 'window' }]));
  });
});
