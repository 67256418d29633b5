// Whether an instant falls inside a team's business hours, in the team's own time zone (not the
// hub's). Intl does the zone arithmetic, so daylight-saving changes need no table of our own.
import { WEEKDAYS, type BusinessHoursSpec, type Weekday } from './rules-file';

export interface LocalTime {
  weekday: Weekday;
  /** YYYY-MM-DD in the calendar's zone. */
  date: string;
  /** Minutes since local midnight. */
  minutes: number;
}

export interface BusinessCalendar {
  readonly spec: BusinessHoursSpec;
  localTime(now: Date): LocalTime;
  isOpen(now: Date): boolean;
  /** e.g. "Mon-Fri 08:00-18:00 (Europe/Berlin)", for people. */
  describe(): string;
}

const WEEKDAY_BY_SHORT_NAME: Record<string, Weekday> = {
  Sun: 'sun',
  Mon: 'mon',
  Tue: 'tue',
  Wed: 'wed',
  Thu: 'thu',
  Fri: 'fri',
  Sat: 'sat',
};

function toMinutes(clock: string): number {
  const [hours, minutes] = clock.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

/** Throws RangeError on an unknown time zone; parseRules turns that into a named error. */
export function createBusinessCalendar(spec: BusinessHoursSpec): BusinessCalendar {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: spec.timezone,
    weekday: 'short',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const openDays = new Set<Weekday>(spec.days);
  const holidays = new Set(spec.holidays);
  const start = toMinutes(spec.start);
  const end = toMinutes(spec.end);

  // Intl formatting costs microseconds, more than the rest of an evaluation; handoffs arrive many
  // to the minute, and every zone in use today is offset by whole minutes, so one entry suffices.
  let cachedMinute = NaN;
  let cached: LocalTime | undefined;

  function localTime(now: Date): LocalTime {
    const minute = Math.floor(now.getTime() / 60_000);
    if (minute === cachedMinute && cached) return cached;
    const parts: Record<string, string> = {};
    for (const part of format.formatToParts(now)) parts[part.type] = part.value;
    cached = {
      weekday: WEEKDAY_BY_SHORT_NAME[parts.weekday ?? ''] ?? 'sun',
      date: `${parts.year}-${parts.month}-${parts.day}`,
      minutes: Number(parts.hour) * 60 + Number(parts.minute),
    };
    cachedMinute = minute;
    return cached;
  }

  return {
    spec,
    localTime,
    isOpen(now) {
      const local = localTime(now);
      return openDays.has(local.weekday) && !holidays.has(local.date) && local.minutes >= start && local.minutes < end;
    },
    describe() {
      return `${describeDays(spec.days)} ${spec.start}-${spec.end} (${spec.timezone})`;
    },
  };
}

function describeDays(days: readonly Weekday[]): string {
  const sorted = WEEKDAYS.filter((day) => days.includes(day));
  const label = (day: Weekday) => day[0]!.toUpperCase() + day.slice(1);
  const indexes = sorted.map((day) => WEEKDAYS.indexOf(day));
  const contiguous = indexes.every((value, i) => i === 0 || value === indexes[i - 1]! + 1);
  if (sorted.length > 2 && contiguous) return `${label(sorted[0]!)}-${label(sorted[sorted.length - 1]!)}`;
  return sorted.map(label).join(', ');
}
