import { describe, expect, it } from 'vitest';
import { createBusinessCalendar } from './business-hours';

describe('business calendar', () => {
  const london = createBusinessCalendar({ timezone: 'Europe/London', days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '08:00', end: '20:00', holidays: [] });

  it('follows daylight-saving changes of its zone', () => {
    // 2026-03-29: clocks go forward in London. Monday 30 March 07:30 UTC is 08:30 BST.
    expect(london.isOpen(new Date('2026-03-30T07:30:00Z'))).toBe(true);
    expect(london.isOpen(new Date('2026-03-23T07:30:00Z'))).toBe(false);
    expect(london.localTime(new Date('2026-03-30T07:30:00Z'))).toEqual({ weekday: 'mon', date: '2026-03-30', minutes: 8 * 60 + 30 });
  });

  it('gives the same answer for the same minute and a new one for the next', () => {
    expect(london.isOpen(new Date('2026-01-05T19:59:59Z'))).toBe(true);
    expect(london.isOpen(new Date('2026-01-05T19:59:00Z'))).toBe(true);
    expect(london.isOpen(new Date('2026-01-05T20:00:00Z'))).toBe(false);
  });

  it('describes itself for people', () => {
    expect(london.describe()).toBe('Mon-Fri 08:00-20:00 (Europe/London)');
    const odd = createBusinessCalendar({ timezone: 'UTC', days: ['sat', 'mon'], start: '10:00', end: '24:00', holidays: [] });
    expect(odd.describe()).toBe('Mon, Sat 10:00-24:00 (UTC)');
    expect(odd.isOpen(new Date('2026-01-10T23:59:00Z'))).toBe(true);
  });

  it('throws on an unknown zone (parseRules reports it)', () => {
    expect(() => createBusinessCalendar({ timezone: 'Nowhere/City', days: ['mon'], start: '08:00', end: '09:00', holidays: [] })).toThrow(RangeError);
  });
});
