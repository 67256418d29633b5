import { describe, expect, test } from 'vitest';
import { alertPreferencesOf, applySettingsPatch, DEFAULT_ALERT_PREFERENCES, DEFAULT_SETTINGS, isQuietFor, minuteOfDay, Settings, SettingsPatch } from './settings';

describe('settings', () => {
  test('the default settings are valid and give the policy its default preferences', () => {
    expect(Settings.parse(DEFAULT_SETTINGS)).toEqual(DEFAULT_SETTINGS);
    expect(alertPreferencesOf(DEFAULT_SETTINGS)).toEqual(DEFAULT_ALERT_PREFERENCES);
  });

  test('a patch changes only what it names, nested fields included', () => {
    const patch = SettingsPatch.parse({ alerts: { doNotDisturb: { from: '21:15' } }, sound: { volume: 20 } });
    const next = applySettingsPatch(DEFAULT_SETTINGS, patch);
    expect(next.alerts.doNotDisturb).toEqual({ ...DEFAULT_SETTINGS.alerts.doNotDisturb, from: '21:15' });
    expect(next.sound).toEqual({ choice: 'chime', volume: 20 });
    expect(next.theme).toBe('system');
    expect(alertPreferencesOf(next).doNotDisturb.from).toBe(21 * 60 + 15);
  });

  test('a patch with an unknown or bad field is refused naming it', () => {
    const unknown = SettingsPatch.safeParse({ alerts: { snooze: true } });
    expect(unknown.success).toBe(false);
    expect(unknown.error?.issues[0]?.path).toEqual(['alerts']);
    const badTime = SettingsPatch.safeParse({ alerts: { doNotDisturb: { to: '7:00' } } });
    expect(badTime.error?.issues[0]?.path).toEqual(['alerts', 'doNotDisturb', 'to']);
  });

  test('quiet hours wrap midnight; a P1 breaks through only when allowed', () => {
    const quiet = alertPreferencesOf(applySettingsPatch(DEFAULT_SETTINGS, { alerts: { doNotDisturb: { enabled: true, from: '22:00', to: '07:00' } } }));
    expect(isQuietFor(quiet, 'P3', minuteOfDay('23:00'))).toBe(true);
    expect(isQuietFor(quiet, 'P3', minuteOfDay('03:00'))).toBe(true);
    expect(isQuietFor(quiet, 'P3', minuteOfDay('07:00'))).toBe(false);
    expect(isQuietFor(quiet, 'P1', minuteOfDay('23:00'))).toBe(false);
    expect(isQuietFor({ ...quiet, doNotDisturb: { ...quiet.doNotDisturb, p1BreaksThrough: false } }, 'P1', minuteOfDay('23:00'))).toBe(true);
    expect(isQuietFor(DEFAULT_ALERT_PREFERENCES, 'P3', minuteOfDay('23:00'))).toBe(false);
  });
});
