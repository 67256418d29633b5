// The browser host's alert ladder, through the real composition root in demo mode (embedded hub on
// 127.0.0.1, the simulator posting one offer to the demo agent) and a real settings file. The ladder
// runs on a ManualClock, so re-alerts, the attention step, the card and the lead's page are stepped
// through exactly; the hub link keeps real time. A lead's desktop on the same hub reads back the
// receipts and the raised hand, so they are known to have reached the hub.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import type { EventName, EventPayload } from '../../../shared/api';
import { dispatchApiCall } from '../../../shared/api-dispatch';
import { ManualClock } from '../../../shared/clock';
import type { SupervisorSnapshot } from '../../../shared/supervision';
import { createAppServices, type AppServices } from '../app-services';
import { silentLogger } from '../logger';
import { SettingsStore } from '../settings/settings-store';
import { settingsPlugin } from '../settings/settings-plugin';
import { alertsPlugin } from './alerts-plugin';

const S = 1_000;
const owned: Array<{ dispose(): Promise<void> | void }> = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const item of owned.splice(0).reverse()) await item.dispose();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

type Seen = { event: EventName; payload: unknown; at: number };

interface Desk {
  services: AppServices;
  clock: ManualClock;
  settings: SettingsStore;
  events: Seen[];
  of<E extends EventName>(event: E): Array<EventPayload<E>>;
  offerId: string;
  expiresAt: number;
}

/** An agent's desktop services with the alerts plugin, holding one offer from the simulator. */
async function agentDesk(options: { minuteOfDay?: number; priority?: 'P1'; prepare?: (settings: SettingsStore) => Promise<void> } = {}): Promise<Desk> {
  const dir = mkdtempSync(join(tmpdir(), 'baton-alerts-plugin-'));
  dirs.push(dir);
  const settings = await SettingsStore.open(join(dir, 'settings'));
  await options.prepare?.(settings);
  const clock = new ManualClock(Date.now());
  const services = await createAppServices(
    { mode: 'demo', dataDir: dir, demo: { burst: 1, cap: 1, offerTimeoutMs: 120_000, followUpMessages: false, colleagues: false } },
    {
      log: silentLogger,
      plugins: [settingsPlugin({ store: settings }), alertsPlugin({ settings, clock, localMinuteOfDay: () => options.minuteOfDay ?? 10 * 60 })],
    },
  );
  owned.push(services);
  const events: Seen[] = [];
  services.addEventSink((event, payload) => events.push({ event, payload, at: clock.now() }));
  const offer = await until('an offer from the simulator', () => events.find((e) => e.event === 'offer:received')?.payload as EventPayload<'offer:received'> | undefined);
  return {
    services,
    clock,
    settings,
    events,
    of: <E extends EventName>(event: E) => events.filter((e) => e.event === event).map((e) => e.payload as EventPayload<E>),
    offerId: offer.handoff.id,
    expiresAt: Date.parse(offer.offerExpiresAt!),
  };
}

describe('the alert ladder in the services (browser host)', () => {
  test('a hidden page gets sound and a notification, again every 10 s, then attention and the card; receipts and the lead page reach the hub', async () => {
    const desk = await agentDesk();
    const { of, clock, offerId } = desk;
    expect(of('alerts:sound')).toEqual([{ kind: 'offer', choice: 'chime', volume: 70 }]);
    expect(of('alerts:notification')).toEqual([
      expect.objectContaining({ type: 'show', tag: `offer:${offerId}`, handoffId: offerId, actions: ['accept', 'decline'], urgency: expect.any(String) }),
    ]);
    expect(of('alerts:attention').at(-1)).toEqual({ flashing: false, waiting: 1 });

    clock.advance(10 * S);
    expect(of('alerts:sound')).toHaveLength(2);
    expect(of('alerts:notification').filter((n) => n.type === 'show')).toHaveLength(2);
    expect(of('alerts:attention').at(-1)).toEqual({ flashing: true, waiting: 1 });
    expect(of('alerts:card')).toEqual([]);

    clock.advance(10 * S);
    expect(of('alerts:sound')).toHaveLength(3);
    expect(of('alerts:card')).toEqual([{ handoffId: offerId, visible: true }]);

    // The agent comes back to the tab with the inbox on screen: seen, the card and the flashing stop.
    await dispatchApiCall(desk.services.handlers, 'alerts:screen', { focused: true, visible: true, inboxVisible: true, openHandoffId: null }, silentLogger);
    expect(of('alerts:card').at(-1)).toEqual({ handoffId: offerId, visible: false });
    expect(of('alerts:attention').at(-1)).toEqual({ flashing: false, waiting: 1 });

    // 15 s before the offer times out the lead is paged (the offer is still not accepted).
    clock.advance(desk.expiresAt - 15 * S - clock.now());

    // A lead's desktop on the same hub sees the receipts and the raised hand.
    const lead = await createAppServices(
      { mode: 'hub', role: 'supervisor', hubUrl: desk.services.demo!.hubUrl, token: desk.services.demo!.tokens.supervisor, dataDir: join(dirs[0]!, 'lead') },
      { log: silentLogger, plugins: [] },
    );
    owned.push(lead);
    const snapshot = await until('the receipts and the raised hand at the hub', async () => {
      if (!lead.link.agent) return undefined;
      const s = (await lead.handlers['supervisor:snapshot']({})) as SupervisorSnapshot;
      const path = s.handoffs.find((h) => h.id === offerId)?.path.map((r) => r.stage) ?? [];
      const hand = s.hands.find((h) => h.handoffId === offerId);
      return path.includes('delivered') && path.includes('alerted') && path.includes('seen') && hand ? { s, hand } : undefined;
    });
    expect(snapshot.hand.text).toMatch(/not accepted; 15 s before it times out/);
    expect(snapshot.s.handoffs.find((h) => h.id === offerId)!.path.find((r) => r.stage === 'seen')?.detail).toBe('window');
  });

  test('quiet hours silence the sound and the notification but not the badge or the banner; a P1 breaks through when allowed', async () => {
    const quietAllDay = async (settings: SettingsStore) => {
      await settings.update({ alerts: { doNotDisturb: { enabled: true, from: '00:00', to: '23:59', p1BreaksThrough: false } } });
    };
    const desk = await agentDesk({ minuteOfDay: 12 * 60, prepare: quietAllDay });
    const { of, clock } = desk;
    expect(of('alerts:sound')).toEqual([]);
    expect(of('alerts:notification')).toEqual([]);
    expect(of('alerts:attention').at(-1)).toEqual({ flashing: false, waiting: 1 });
    clock.advance(25 * S);
    expect(of('alerts:sound')).toEqual([]);
    expect(of('alerts:card')).toEqual([]);

    // The agent is looking at another conversation (inbox on screen): the banner still shows, silently.
    await dispatchApiCall(desk.services.handlers, 'alerts:screen', { focused: true, visible: true, inboxVisible: true, openHandoffId: null }, silentLogger);
    clock.advance(10 * S);
    expect(of('alerts:banner')).toEqual([{ handoffId: desk.offerId, visible: true }]);
    expect(of('alerts:sound')).toEqual([]);

    // Breaking through is switched on in Settings; a P1 in the same hours sounds and notifies.
    await desk.settings.update({ alerts: { doNotDisturb: { p1BreaksThrough: true } } });
    await dispatchApiCall(desk.services.handlers, 'alerts:screen', { focused: false, visible: false, inboxVisible: false, openHandoffId: null }, silentLogger);
    desk.services.events.emit('offer:received', {
      handoff: { ...desk.services.inbox.get(desk.offerId)!.handoff, id: 'p1-local', priority: 'P1' },
      offerExpiresAt: new Date(clock.now() + 60 * S).toISOString(),
    });
    expect(of('alerts:sound')).toHaveLength(1);
    expect(of('alerts:notification').at(-1)).toMatchObject({ type: 'show', handoffId: 'p1-local', urgency: 'critical' });
    expect(of('alerts:attention').at(-1)).toEqual({ flashing: false, waiting: 2 });
  });

  test('a bad screen report is refused naming the field; an offer seen from a notification stops the climb; customer messages notify quietly', async () => {
    const desk = await agentDesk();
    const bad = await dispatchApiCall(desk.services.handlers, 'alerts:screen', { focused: 'yes' }, silentLogger);
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringContaining('focused') } });
    await dispatchApiCall(desk.services.handlers, 'alerts:seen', { handoffId: desk.offerId, via: 'notification' }, silentLogger);
    desk.clock.advance(25 * S);
    // Re-alerts go on until it is accepted; the attention step and the card do not come.
    expect(desk.of('alerts:sound')).toHaveLength(3);
    expect(desk.of('alerts:card')).toEqual([]);
    expect(desk.of('alerts:attention').some((a) => a.flashing)).toBe(false);

    // Accepted: the notification closes and the count drops.
    await desk.services.handlers['handoffs:accept']({ handoffId: desk.offerId });
    await until('the notification closed', () => (desk.of('alerts:notification').some((n) => n.type === 'close') ? true : undefined));
    expect(desk.of('alerts:attention').at(-1)).toEqual({ flashing: false, waiting: 0 });

    // A customer message in that conversation while the page is elsewhere: a quieter notification.
    await until('the handoff accepted in the inbox', () => (desk.services.inbox.get(desk.offerId)?.offerExpiresAt === null ? true : undefined));
    desk.services.events.emit('message:received', { handoffId: desk.offerId, message: { id: 'm-late', author: 'customer', text: 'Are you still there?', at: new Date().toISOString() } });
    expect(desk.of('alerts:notification').at(-1)).toMatchObject({ type: 'show', tag: `message:${desk.offerId}`, body: 'Are you still there?', urgency: 'low', actions: [] });
    expect(desk.of('alerts:sound').at(-1)).toMatchObject({ kind: 'message' });
    // Not while that conversation is open on a focused page.
    const notifications = desk.of('alerts:notification').length;
    await dispatchApiCall(desk.services.handlers, 'alerts:screen', { focused: true, visible: true, inboxVisible: true, openHandoffId: desk.offerId }, silentLogger);
    desk.clock.advance(10 * S);
    desk.services.events.emit('message:received', { handoffId: desk.offerId, message: { id: 'm-later', author: 'customer', text: 'Hello?', at: new Date().toISOString() } });
    expect(desk.of('alerts:notification')).toHaveLength(notifications);
  });
});
