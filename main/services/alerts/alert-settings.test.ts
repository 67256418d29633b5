// The policy starts from the saved alert preferences and follows a change saved while an offer
// waits: real SettingsStore on a temp folder, real AlertScheduler on a ManualClock.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { ManualClock } from '../../../shared/clock';
import { SettingsStore } from '../settings/settings-store';
import type { AlertAction } from './alert-policy';
import { AlertScheduler } from './alert-scheduler';
import { alertPolicyFromSettings, followAlertSettings } from './alert-settings';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'baton-alert-settings-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('saved preferences shape the ladder from the start, and a change applies to the next re-alert', async () => {
  const first = await SettingsStore.open(dir);
  await first.update({ alerts: { reAlertIntervalMs: 5_000 } });

  const settings = await SettingsStore.open(dir);
  const clock = new ManualClock();
  const actions: AlertAction[] = [];
  // Noon, local: quiet hours of 11:00–13:00 cover it.
  const policy = alertPolicyFromSettings(settings, { localMinuteOfDay: () => 12 * 60 });
  const scheduler = new AlertScheduler(policy, clock, (batch) => actions.push(...batch));
  const follow = followAlertSettings(settings, scheduler);
  const sounds = () => actions.filter((a) => a.type === 'play-sound').length;

  scheduler.dispatch({ type: 'offer-received', handoffId: 'h1', priority: 'P2', customerName: 'Dana', reason: 'Negative sentiment', expiresAt: clock.now() + 120_000 });
  expect(sounds()).toBe(1);
  clock.advance(5_000);
  // The saved 5 s interval, not the default 10 s.
  expect(sounds()).toBe(2);

  await settings.update({ alerts: { doNotDisturb: { enabled: true, from: '11:00', to: '13:00' } } });
  clock.advance(5_000);
  expect(sounds()).toBe(2);
  expect(actions.at(-1)).toEqual({ type: 'receipt', handoffId: 'h1', stage: 'alerted', detail: 're-alert: badge-only (do not disturb)' });

  await follow.dispose();
  scheduler.dispose();
});
