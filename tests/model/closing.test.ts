/** The closing calendar, against dates worked out by hand from a 2024 wall calendar. */
import { describe, expect, it } from 'vitest';
import { closingDay, latestClosedPeriod, swedishDate, upcomingDates, type ClosingCalendar } from '../../src/model/closing.js';
import { dayOf, isoOf } from '../../src/model/calendar.js';

const cal: ClosingCalendar = {
  closing: { dayOfNextMonth: 10, dates: { '2024-07': '2024-08-20' } },
  events: [
    { date: '2024-09-16', what: 'Prognos per augusti lämnas' },
    { date: '2024-10-08', what: 'Delårsrapport per augusti till regionstyrelsen' },
  ],
};

describe('closing calendar', () => {
  it('closes a month on the configured day of the next month, or on its exception date', () => {
    expect(isoOf(closingDay(202408, cal))).toBe('2024-09-10');
    expect(isoOf(closingDay(202407, cal))).toBe('2024-08-20');
    expect(isoOf(closingDay(202412, cal))).toBe('2025-01-10');
  });

  it('finds the latest closed period: a month counts from its closing day', () => {
    expect(latestClosedPeriod(dayOf(2024, 9, 9), cal)).toBe(202407);
    expect(latestClosedPeriod(dayOf(2024, 9, 10), cal)).toBe(202408);
    // July closes late (20 August), so on 19 August June is still the latest.
    expect(latestClosedPeriod(dayOf(2024, 8, 19), cal)).toBe(202406);
    expect(latestClosedPeriod(dayOf(2024, 8, 20), cal)).toBe(202407);
    // Over the year end: December 2024 closes on 10 January 2025.
    expect(latestClosedPeriod(dayOf(2025, 1, 9), cal)).toBe(202411);
    expect(latestClosedPeriod(dayOf(2025, 1, 10), cal)).toBe(202412);
  });

  it('lists the coming closings and events in date order, with Swedish weekdays', () => {
    const from = dayOf(2024, 9, 2);
    expect(swedishDate(from)).toBe('mån 2 september 2024');
    expect(upcomingDates(from, cal, 2).map((e) => `${swedishDate(e.day)}: ${e.what}`)).toEqual([
      'tis 10 september 2024: Augusti 2024 stängs (månadsbokslut)',
      'mån 16 september 2024: Prognos per augusti lämnas',
      'tis 8 oktober 2024: Delårsrapport per augusti till regionstyrelsen',
      'tors 10 oktober 2024: September 2024 stängs (månadsbokslut)',
    ]);
  });
});
