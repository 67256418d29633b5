// The agent's settings (Settings screen): alerts, sound, theme, hub connection. One schema for the
// settings file, the API and the UI, so a value is checked the same way wherever it comes from.
// The alert policy's own view of the alert preferences (quiet hours as minutes of the day) is
// `AlertPreferences`; the settings keep quiet hours as "HH:MM", the way a person types them.
import { z } from 'zod';
import type { Priority } from './domain';

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

/** "HH:MM" (24-hour) → minutes after midnight. */
export function minuteOfDay(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
}

export const ClockTime = z.string().regex(HH_MM, 'expected HH:MM (24-hour)');
const MinuteOfDay = ClockTime.transform(minuteOfDay);

export const DoNotDisturb = z
  .object({
    enabled: z.boolean().default(false),
    /** Local time the quiet hours start, e.g. "18:00"; may be later than `end` (overnight). */
    from: MinuteOfDay.default(18 * 60),
    to: MinuteOfDay.default(8 * 60),
    /** P1 offers still sound and notify during quiet hours. */
    p1BreaksThrough: z.boolean().default(true),
  })
  .strict();

export const AlertPreferences = z
  .object({
    sound: z.boolean().default(true),
    osNotifications: z.boolean().default(true),
    /** Sound + notification again while an offer waits. */
    reAlertIntervalMs: z.number().int().min(3_000).max(300_000).default(10_000),
    /** Ladder step 2 (flash taskbar, dock bounce, urgency hint, blinking tray) after this long unseen. */
    attentionAfterMs: z.number().int().min(0).max(300_000).default(10_000),
    /** Ladder step 3 (always-on-top handoff card) after this long unseen. */
    cardAfterMs: z.number().int().min(0).max(600_000).default(20_000),
    /** Ladder step 4: page the lead this long before the offer times out. */
    pageLeadBeforeTimeoutMs: z.number().int().min(0).max(600_000).default(15_000),
    /** A customer message in a conversation not on screen: at most one notification per conversation per this long. */
    messageCooldownMs: z.number().int().min(0).max(600_000).default(5_000),
    doNotDisturb: DoNotDisturb.default({ enabled: false, from: 18 * 60, to: 8 * 60, p1BreaksThrough: true }),
  })
  .strict();

export type AlertPreferences = z.output<typeof AlertPreferences>;
export type AlertPreferencesInput = z.input<typeof AlertPreferences>;

export const DEFAULT_ALERT_PREFERENCES: AlertPreferences = AlertPreferences.parse({});

/** True when `minute` (0..1439, local) lies in the quiet hours [from, to), which may wrap midnight. */
export function isWithinQuietHours(minute: number, from: number, to: number): boolean {
  if (from === to) return false;
  return from < to ? minute >= from && minute < to : minute >= from || minute < to;
}

/** Do-not-disturb silences this priority at this local minute (a P1 breaks through when allowed). */
export function isQuietFor(preferences: AlertPreferences, priority: Priority, localMinute: number): boolean {
  const dnd = preferences.doNotDisturb;
  if (!dnd.enabled) return false;
  if (!isWithinQuietHours(localMinute, dnd.from, dnd.to)) return false;
  return !(priority === 'P1' && dnd.p1BreaksThrough);
}

// ---- the settings as stored and edited

export const ALERT_SOUNDS = ['chime', 'bell', 'soft'] as const;
export const AlertSoundChoice = z.enum(ALERT_SOUNDS);
export type AlertSoundChoice = z.infer<typeof AlertSoundChoice>;

export const THEME_SETTINGS = ['system', 'light', 'dark'] as const;
export const ThemeSetting = z.enum(THEME_SETTINGS);
export type ThemeSetting = z.infer<typeof ThemeSetting>;

// Each field's rule once, without defaults: a patch names only what changes (zod applies defaults
// even inside .partial(), which would quietly reset the fields a patch leaves out).
const dndRules = { enabled: z.boolean(), from: ClockTime, to: ClockTime, p1BreaksThrough: z.boolean() };
const alertRules = {
  sound: z.boolean(),
  osNotifications: z.boolean(),
  reAlertIntervalMs: z.number().int().min(3_000).max(300_000),
  attentionAfterMs: z.number().int().min(0).max(300_000),
  cardAfterMs: z.number().int().min(0).max(600_000),
  pageLeadBeforeTimeoutMs: z.number().int().min(0).max(600_000),
  messageCooldownMs: z.number().int().min(0).max(600_000),
};
const soundRules = {
  choice: AlertSoundChoice,
  /** Percent of full volume. */
  volume: z.number().int().min(0).max(100),
};

export const HubUrl = z
  .string()
  .trim()
  .max(2_000)
  // shared/ has no URL global; the hub link parses it fully before connecting.
  .regex(/^(https?|wss?):\/\/[^\s/?#@]+([/?#]\S*)?$/i, 'expected the hub address, e.g. https://hub.example.com');

export const HubToken = z
  .string()
  .trim()
  .min(1, 'the token cannot be empty')
  .max(500)
  .refine((value) => !value.startsWith('-'), 'a hub token never starts with "-"');

export const AlertSettings = z.object({ ...alertRules, doNotDisturb: z.object(dndRules) });
export type AlertSettings = z.infer<typeof AlertSettings>;

/** The settings an agent edits, as the services hold them (the hub token is kept apart: write-only). */
export const Settings = z.object({
  alerts: AlertSettings,
  sound: z.object(soundRules),
  theme: ThemeSetting,
  hub: z.object({ url: HubUrl.nullable() }),
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = {
  alerts: {
    sound: true,
    osNotifications: true,
    reAlertIntervalMs: 10_000,
    attentionAfterMs: 10_000,
    cardAfterMs: 20_000,
    pageLeadBeforeTimeoutMs: 15_000,
    messageCooldownMs: 5_000,
    doNotDisturb: { enabled: false, from: '18:00', to: '08:00', p1BreaksThrough: true },
  },
  sound: { choice: 'chime', volume: 70 },
  theme: 'system',
  hub: { url: null },
};

/** A change to some settings; unknown fields are refused by name so a typo is not silently lost. */
export const SettingsPatch = z
  .object({
    alerts: z
      .object({ ...alertRules, doNotDisturb: z.object(dndRules).partial().strict() })
      .partial()
      .strict(),
    sound: z.object(soundRules).partial().strict(),
    theme: ThemeSetting,
    /** The token is write-only: it can be replaced, never read back. */
    hub: z.object({ url: HubUrl, token: HubToken }).partial().strict(),
  })
  .partial()
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatch>;

/** Applies a patch (already validated) to settings; fields the patch leaves out keep their value. */
export function applySettingsPatch(settings: Settings, patch: SettingsPatch): Settings {
  const { doNotDisturb, ...alerts } = patch.alerts ?? {};
  return {
    alerts: { ...settings.alerts, ...alerts, doNotDisturb: { ...settings.alerts.doNotDisturb, ...doNotDisturb } },
    sound: { ...settings.sound, ...patch.sound },
    theme: patch.theme ?? settings.theme,
    hub: { url: patch.hub?.url ?? settings.hub.url },
  };
}

/** The policy's form of the alert settings (quiet hours in minutes). */
export function alertPreferencesOf(settings: Settings): AlertPreferences {
  return AlertPreferences.parse(settings.alerts);
}

/** What the Settings screen sees: the settings, how the hub is reached, and any problem to tell. */
export const SettingsView = Settings.extend({
  hub: z.object({
    /** The hub address in use (the demo hub's in demo mode), or the saved one. */
    url: z.string().max(2_000).nullable(),
    /** Whether a token is saved; the token itself never leaves the services. */
    tokenSet: z.boolean(),
    mode: z.enum(['demo', 'hub']),
    /** Why the hub in use cannot be changed here (demo mode), or null. */
    readOnlyReason: z.string().max(500).nullable(),
    /** Demo mode: the team hub saved in Settings, linked to from the next start (null: none saved). */
    nextStartUrl: z.string().max(2_000).nullable().optional(),
  }),
  /** Something the agent should know, e.g. an unreadable settings file set aside. */
  notice: z.string().max(1_000).nullable(),
});
export type SettingsView = z.infer<typeof SettingsView>;

export const AlertSoundRequest = z.object({
  kind: z.enum(['offer', 'message']),
  choice: AlertSoundChoice,
  volume: z.number().int().min(0).max(100),
});
export type AlertSoundRequest = z.infer<typeof AlertSoundRequest>;
