// The alert policy with the agent's saved alert preferences, kept in step with Settings: every
// saved change reaches the policy as `preferences-changed`, so the next re-alert already follows it.
import { toDisposable, type Disposable } from '../../../shared/lifecycle';
import { alertPreferencesOf } from '../../../shared/settings';
import type { SettingsStore } from '../settings/settings-store';
import { AlertPolicy, type AlertEvent, type AlertPolicyOptions } from './alert-policy';

export function alertPolicyFromSettings(settings: SettingsStore, options: Omit<AlertPolicyOptions, 'preferences'> = {}): AlertPolicy {
  return new AlertPolicy({ ...options, preferences: alertPreferencesOf(settings.current()) });
}

export function followAlertSettings(settings: SettingsStore, scheduler: { dispatch(event: AlertEvent): void }): Disposable {
  return toDisposable(settings.onChange(({ settings: next }) => scheduler.dispatch({ type: 'preferences-changed', preferences: alertPreferencesOf(next) })));
}
