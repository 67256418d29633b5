// Which tab of the browser host sounds and notifies: the holder of the 'baton-alerts' Web Lock.
// jsdom has no navigator.locks, so the pages share an in-memory lock manager that keeps the API's
// rules (renderer/testing/in-memory-locks.ts); e2e/alert-tabs.e2e.ts runs the real one in Chromium.
// The last part drives the real client and executor: a tab that does not lead plays no sound and
// shows no notification, and takes over when the leader closes.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Disposable } from '../../shared/lifecycle';
import { useInboxStore } from '../stores/inbox-store';
import { useUiStore } from '../stores/ui-store';
import { useSupervisorStore } from '../supervisor/supervisor-store';
import type { SupervisorLiveAlert, SupervisorSnapshot } from '../../shared/supervision';
import { FakeBaton } from '../testing/fake-baton';
import { makeInboxItem } from '../testing/handoff-fixtures';
import { InMemoryLocks } from '../testing/in-memory-locks';
import { RecordingNotification } from '../testing/recording-notification';
import { resetStores } from '../testing/workspace-harness';
import { ALERT_LOCK, pageLeadsAlerts, startAlertLeadership, type AlertLeadership } from './alert-leader';
import { playAlertSound } from './alert-sound';
import { startBatonClient } from './baton-client';
import { startBrowserNotifications } from './browser-notifications';

// jsdom has no Web Audio: count the sounds asked for instead.
vi.mock('./alert-sound', () => ({ playAlertSound: vi.fn(() => Promise.resolve(true)), unlockAudioOnFirstGesture: () => () => undefined }));

/** A tab: its own document (for the agent's clicks and keys) and its own view of the locks. */
function openTab(browser: InMemoryLocks) {
  const doc = document.implementation.createHTMLDocument('tab');
  const locks = browser.page();
  const changes: boolean[] = [];
  const leadership = startAlertLeadership({ locks, doc, onChange: (leads) => changes.push(leads) });
  return {
    doc,
    locks,
    leadership,
    changes,
    click: () => doc.dispatchEvent(new Event('pointerdown')),
    /** The tab closes without a word (a crash, a kill): the browser drops its locks. */
    crash: () => locks.close(),
  };
}

const leaders = (...tabs: Array<{ leadership: AlertLeadership }>) => tabs.map((t) => t.leadership.leads());

describe('electing the tab that carries out alerts', () => {
  const open: AlertLeadership[] = [];
  afterEach(() => {
    while (open.length) open.pop()!.dispose();
  });
  const tab = (browser: InMemoryLocks) => {
    const t = openTab(browser);
    open.push(t.leadership);
    return t;
  };

  it('the first tab leads; the others wait in line and take over, in order, as the leader goes', async () => {
    const browser = new InMemoryLocks();
    const a = tab(browser);
    await vi.waitFor(() => expect(a.leadership.leads()).toBe(true));
    const b = tab(browser);
    const c = tab(browser);
    await Promise.resolve();
    expect(leaders(a, b, c)).toEqual([true, false, false]);

    a.crash();
    await vi.waitFor(() => expect(leaders(b, c)).toEqual([true, false]));
    expect(browser.holder(ALERT_LOCK)).toBe(b.locks);

    // pagehide: the page lets go itself, before the browser would.
    b.leadership.dispose();
    await vi.waitFor(() => expect(c.leadership.leads()).toBe(true));
    expect(b.leadership.leads()).toBe(false);
    expect(browser.holder(ALERT_LOCK)).toBe(c.locks);
  });

  it("the agent's click or key press in a waiting tab moves the lead there; the old leader waits to take it back", async () => {
    const browser = new InMemoryLocks();
    const a = tab(browser);
    await vi.waitFor(() => expect(a.leadership.leads()).toBe(true));
    const b = tab(browser);

    b.click();
    await vi.waitFor(() => expect(leaders(a, b)).toEqual([false, true]));
    expect(a.changes).toEqual([true, false]);
    // Clicking in the leader changes nothing.
    b.doc.dispatchEvent(new Event('keydown'));
    await Promise.resolve();
    expect(leaders(a, b)).toEqual([false, true]);

    // A key press moves it back; then the leader closing hands it over again.
    a.doc.dispatchEvent(new Event('keydown'));
    await vi.waitFor(() => expect(leaders(a, b)).toEqual([true, false]));
    a.crash();
    await vi.waitFor(() => expect(b.leadership.leads()).toBe(true));
    expect(b.changes).toEqual([true, false, true]);
  });

  it('exactly one tab leads through a burst of clicks in several tabs', async () => {
    const browser = new InMemoryLocks();
    const tabs = [tab(browser), tab(browser), tab(browser)];
    for (const t of [tabs[1]!, tabs[2]!, tabs[0]!, tabs[2]!]) t.click();
    await vi.waitFor(() => expect(tabs.filter((t) => t.leadership.leads())).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(leaders(...tabs)).toEqual([false, false, true]);
    expect(browser.holder(ALERT_LOCK)).toBe(tabs[2]!.locks);
  });

  it('without Web Locks (an insecure origin) a tab acts alone and leads', () => {
    const alone = startAlertLeadership({ locks: null, doc: document.implementation.createHTMLDocument('tab') });
    open.push(alone);
    expect(alone.leads()).toBe(true);
    expect(pageLeadsAlerts()).toBe(true);
  });
});

describe('a tab that does not lead', () => {
  let fake: FakeBaton;
  let client: Disposable;
  let stop: () => void;
  const browser = new InMemoryLocks();
  let leader: ReturnType<typeof openTab>;
  const sound = { kind: 'offer' as const, choice: 'chime' as const, volume: 80 };
  const notification = { type: 'show' as const, tag: 'offer:h2', handoffId: 'h2', title: 'P2 handoff: Eli', body: 'Customer asked for a human', urgency: 'normal' as const, actions: ['accept' as const, 'decline' as const] };

  beforeEach(async () => {
    resetStores();
    vi.mocked(playAlertSound).mockClear();
    RecordingNotification.shown = [];
    RecordingNotification.permission = 'granted';
    vi.stubGlobal('Notification', RecordingNotification);
    fake = new FakeBaton([makeInboxItem({ id: 'h2', customerName: 'Eli' })]);
    client = startBatonClient(fake.api);
    await vi.waitFor(() => expect(useInboxStore.getState().loaded).toBe(true));
    // Another tab already holds the lock; this page is the second one.
    leader = openTab(browser);
    await vi.waitFor(() => expect(leader.leadership.leads()).toBe(true));
    stop = startBrowserNotifications(document.implementation.createHTMLDocument('this tab'), { api: fake.api, locks: browser.page() });
  });

  afterEach(async () => {
    stop();
    leader.leadership.dispose();
    await client.dispose();
    vi.unstubAllGlobals();
    resetStores();
    useSupervisorStore.getState().reset();
  });

  it('plays no sound and shows no notification, but shows the banner; once the leader closes, it does both', async () => {
    fake.emit('alerts:sound', sound);
    fake.emit('alerts:notification', notification);
    fake.emit('alerts:banner', { handoffId: 'h2', visible: true });
    expect(playAlertSound).not.toHaveBeenCalled();
    expect(RecordingNotification.shown).toEqual([]);
    expect(useUiStore.getState().bannerIds).toContain('h2');

    leader.crash();
    await vi.waitFor(() => expect(pageLeadsAlerts()).toBe(true));
    fake.emit('alerts:sound', sound);
    fake.emit('alerts:notification', notification);
    expect(playAlertSound).toHaveBeenCalledTimes(1);
    expect(playAlertSound).toHaveBeenCalledWith('chime', 'offer', 80);
    expect(RecordingNotification.shown.map((n) => n.title)).toEqual(['P2 handoff: Eli']);
  });

  it("shows none of a lead's alerts either, until it leads", async () => {
    const snapshot = (alerts: SupervisorLiveAlert[]): SupervisorSnapshot => ({ at: new Date().toISOString(), queues: [], handoffs: [], moreHandoffs: 0, agents: [], hands: [], alerts, typicalHandleMs: 300_000 });
    const breach = (id: string): SupervisorLiveAlert => ({ id: `sla:${id}`, kind: 'sla_breached', message: `P1 ${id} waited past its SLA`, handoffId: id, since: new Date().toISOString() });
    useSupervisorStore.getState().snapshotReceived(snapshot([breach('h1')]));
    expect(RecordingNotification.shown).toEqual([]);

    leader.crash();
    await vi.waitFor(() => expect(pageLeadsAlerts()).toBe(true));
    useSupervisorStore.getState().snapshotReceived(snapshot([breach('h1'), breach('h3')]));
    expect(RecordingNotification.shown.map((n) => n.options.body)).toEqual(['P1 h3 waited past its SLA']);
  });
});
