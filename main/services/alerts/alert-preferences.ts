// The agent's alert preferences (Settings → Alerts). Parsed with zod wherever they arrive from
// (settings store, IPC), so the policy only ever sees sane numbers.
import { z } from 'zod';

const MinuteOfDay = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM (24-hour)')
  .transform((hhmm) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3)));

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
