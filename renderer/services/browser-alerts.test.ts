// The browser host's alert decision with the agent's settings: sound and notifications on or off,
// quiet hours (overnight too) with P1 breaking through, the banner while looking; then the same
// rules carried out on real stores (the inbox is never suppressed).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Disposable } from '../../shared/lifecycle';
import { AlertPreferences, applySettingsPatch, DEFAULT_SETTINGS, minuteOfDay, type AlertPreferencesInput, type SettingsPatch, type SettingsView } from '../../shared/settings';
import { useInboxStore } from '../stores/inbox-store';
import { useSettingsStore } from '../stores/settings-store';
import { FakeBaton } from '../testing/fake-baton';
import { makeInboxItem } from '../testing/handoff-fixtures';
import { resetStores } from '../testing/workspace-harness';
import { startBatonClient } from './baton-client';
import { decideOfferAlert, startBrowserNotifications, type OfferAlertInput } from './browser-notifications';

const prefs = (input: AlertPreferencesInput = {}) => AlertPreferences.parse(input);
const overnight = { enabled: true, from: '22:00', to: '07:00', p1BreaksThrough: true };

describe('decideOfferAlert', () => {
  const base: OfferAlertInput = { priority: 'P2', preferences: prefs(), localMinute: minuteOfDay('12:00'), inView: false, notificationPermission: 'granted' };
  const cases: Array<[string, Partial<OfferAlertInput>, { sound: boolean; notification: boolean; banner: boolean }]> = [
    ['in the background: sound and notification', {}, { sound: true, notification: true, banner: false }],
    ['looking at it: sound and the banner, no notification', { inView: true }, { sound: true, notification: false, banner: true }],
    ['sound switched off', { preferences: prefs({ sound: false }) }, { sound: false, notification: true, banner: false }],
    ['notifications switched off', { preferences: prefs({ osNotifications: false }) }, { sound: true, notification: false, banner: false }],
    ['notifications not allowed by the browser', { notificationPermission: 'denied' }, { sound: true, notification: false, banner: false }],
    ['quiet hours, late evening', { preferences: prefs({ doNotDisturb: overnight }), localMinute: minuteOfDay('23:15') }, { sound: false, notification: false, banner: false }],
    ['quiet hours past midnight', { preferences: prefs({ doNotDisturb: overnight }), localMinute: minuteOfDay('06:59') }, { sound: false, notification: false, banner: false }],
    ['quiet hours just ended', { preferences: prefs({ doNotDisturb: overnight }), localMinute: minuteOfDay('07:00') }, { sound: true, notification: true, banner: false }],
    ['quiet hours: a P1 breaks through', { priority: 'P1', preferences: prefs({ doNotDisturb: overnight }), localMinute: minuteOfDay('23:15') }, { sound: true, notification: true, banner: false }],
    [
      'quiet hours: P1 held back when the agent said so',
      { priority: 'P1', preferences: prefs({ doNotDisturb: { ...overnight, p1BreaksThrough: false } }), localMinute: minuteOfDay('23:15') },
      { sound: false, notification: false, banner: false },
    ],
    ['quiet hours while looking: the banner still shows', { inView: true, preferences: prefs({ doNotDisturb: overnight }), localMinute: minuteOfDay('23:15') }, { sound: false, notification: false, banner: true }],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    expect(decideOfferAlert({ ...base, ...input })).toEqual(expected);
  });
});

/** Stands in for the browser's Notification (jsdom has none), recording what was shown. */
class RecordingNotification {
  static permission: NotificationPermission = 'granted';
  static shown: RecordingNotification[] = [];
  onclick: (() => void) | null = null;
  constructor(readonly title: string) {
    RecordingNotification.shown.push(this);
  }
  close() {}
}

function settingsWith(patch: SettingsPatch): SettingsView {
  return {
    ...applySettingsPatch(DEFAULT_SETTINGS, patch),
    hub: { url: null, tokenSet: false, mode: 'demo', readOnlyReason: 'demo' },
    notice: null,
  };
}

describe('browser notifications follow the alert settings', () => {
  let fake: FakeBaton;
  let client: Disposable;
  let stop: () => void;
  const page = { visibilityState: 'hidden', hasFocus: () => false } as unknown as Document;
  // Local 23:30 on any machine: quiet hours from 22:00 to 07:00 cover it.
  const lateEvening = new Date(2026, 0, 5, 23, 30).getTime();
  const played: string[] = [];

  beforeEach(async () => {
    resetStores();
    useSettingsStore.getState().reset();
    RecordingNotification.shown = [];
    vi.stubGlobal('Notification', RecordingNotification);
    fake = new FakeBaton([makeInboxItem({ id: 'h1', customerName: 'Dana' })]);
    client = startBatonClient(fake.api);
    await vi.waitFor(() => expect(useInboxStore.getState().loaded).toBe(true));
    played.length = 0;
    stop = startBrowserNotifications(page, { now: () => lateEvening, playSound: (priority) => played.push(priority) });
  });

  afterEach(async () => {
    stop();
    await client.dispose();
    vi.unstubAllGlobals();
    resetStores();
    useSettingsStore.getState().reset();
  });

  it('quiet hours: a P2 offer only reaches the inbox; a P1 still sounds and notifies', () => {
    useSettingsStore.getState().settingsLoaded(settingsWith({ alerts: { doNotDisturb: overnight } }));
    fake.emit('offer:received', makeInboxItem({ id: 'h2', customerName: 'Eli', priority: 'P2' }));
    expect(useInboxStore.getState().items.h2).toBeDefined();
    expect(RecordingNotification.shown).toEqual([]);
    expect(played).toEqual([]);

    fake.emit('offer:received', makeInboxItem({ id: 'h3', customerName: 'Fay', priority: 'P1' }));
    expect(RecordingNotification.shown.map((n) => n.title)).toEqual(['New handoff: Fay']);
    expect(played).toEqual(['P1']);
  });

  it('sound off and notifications off are honoured outside quiet hours too', () => {
    useSettingsStore.getState().settingsLoaded(settingsWith({ alerts: { sound: false } }));
    fake.emit('offer:received', makeInboxItem({ id: 'h2', customerName: 'Eli' }));
    expect(RecordingNotification.shown).toHaveLength(1);
    expect(played).toEqual([]);

    useSettingsStore.getState().settingsChanged(settingsWith({ alerts: { osNotifications: false } }));
    fake.emit('offer:received', makeInboxItem({ id: 'h3', customerName: 'Fay' }));
    expect(RecordingNotification.shown).toHaveLength(1);
    expect(played).toEqual(['P2']);
  });
});
