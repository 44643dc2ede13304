import { describe, expect, it } from 'vitest';
import { SourceClock, YearTracker } from '../../../src/importers/time-text';
import { LocalClock, resolveTimeZone } from '../../../src/importers/time-zones';
import { ApiError } from '../../../src/api/errors';

describe('naive local times in a zone', () => {
  it('places Berlin winter and summer times with their own offsets', () => {
    const clock = new LocalClock('Europe/Berlin');
    expect(clock.toUtcMs(2024, 1, 15, 12, 0, 0, 0)).toBe(Date.UTC(2024, 0, 15, 11));
    expect(clock.toUtcMs(2024, 7, 15, 12, 0, 0, 0)).toBe(Date.UTC(2024, 6, 15, 10));
  });

  it('is right on both sides of a daylight-saving change within one file', () => {
    const clock = new LocalClock('America/New_York');
    // 2024-11-03: clocks go back from 02:00 EDT to 01:00 EST.
    expect(clock.toUtcMs(2024, 11, 3, 0, 30, 0, 0)).toBe(Date.UTC(2024, 10, 3, 4, 30));
    expect(clock.toUtcMs(2024, 11, 3, 3, 30, 0, 0)).toBe(Date.UTC(2024, 10, 3, 8, 30));
    // The repeated hour is ambiguous: the later instant (already EST) is taken, as luxon does.
    expect(clock.toUtcMs(2024, 11, 3, 1, 30, 0, 0)).toBe(Date.UTC(2024, 10, 3, 6, 30));
    // 2024-03-10: 02:00 EST jumps to 03:00 EDT.
    expect(clock.toUtcMs(2024, 3, 10, 1, 59, 0, 0)).toBe(Date.UTC(2024, 2, 10, 6, 59));
    expect(clock.toUtcMs(2024, 3, 10, 3, 0, 0, 0)).toBe(Date.UTC(2024, 2, 10, 7, 0));
  });

  it('keeps the minutes and milliseconds of a cached hour', () => {
    const clock = new LocalClock('Asia/Kolkata');
    expect(clock.toUtcMs(2024, 5, 2, 10, 0, 0, 0)).toBe(Date.UTC(2024, 4, 2, 4, 30));
    expect(clock.toUtcMs(2024, 5, 2, 10, 59, 59, 999)).toBe(Date.UTC(2024, 4, 2, 5, 29, 59, 999));
  });

  it('refuses a zone name that does not exist, saying what to pass instead', () => {
    expect(() => resolveTimeZone('Mars/Olympus')).toThrow(ApiError);
    expect(resolveTimeZone('UTC')).toBe('UTC');
  });
});

describe('zone abbreviations and zones written in the time', () => {
  const clock = new SourceClock({ timeZone: 'Europe/Berlin', year: null, fileModifiedMs: null });

  it('honours an explicit offset or Z over the source zone', () => {
    expect(clock.parseDateTime('2024-05-02T10:15:30Z')?.tsMs).toBe(Date.UTC(2024, 4, 2, 10, 15, 30));
    expect(clock.parseDateTime('2024-05-02 10:15:30-0700')?.tsMs).toBe(Date.UTC(2024, 4, 2, 17, 15, 30));
  });

  it('reads abbreviations with the documented choices (IST is India, CST is US Central)', () => {
    expect(clock.parseDateTime('2024-05-02 10:15:30 IST')?.tsMs).toBe(Date.UTC(2024, 4, 2, 4, 45, 30));
    expect(clock.parseDateTime('2024-05-02 10:15:30 CST')?.tsMs).toBe(Date.UTC(2024, 4, 2, 16, 15, 30));
    expect(clock.parseDateTime('2024-05-02 10:15:30.5 AEST')?.tsMs).toBe(Date.UTC(2024, 4, 2, 0, 15, 30, 500));
  });

  it('places a naive time in the source zone', () => {
    expect(clock.parseDateTime('2024-05-02 10:15:30,250')?.tsMs).toBe(Date.UTC(2024, 4, 2, 8, 15, 30, 250));
  });
});

describe('years of year-less timestamps', () => {
  it('takes the given year, then rolls over when the months wrap', () => {
    const years = new YearTracker({ year: 2023, fileModifiedMs: null });
    expect([years.yearFor(12, 30), years.yearFor(12, 31), years.yearFor(1, 1), years.yearFor(1, 2)]).toEqual([2023, 2023, 2024, 2024]);
  });

  it('infers the year from the file date, a year back when the date would be after the file was written', () => {
    const written = Date.UTC(2024, 0, 5);
    expect(new YearTracker({ year: null, fileModifiedMs: written }).yearFor(1, 3)).toBe(2024);
    const december = new YearTracker({ year: null, fileModifiedMs: written });
    expect([december.yearFor(12, 30), december.yearFor(1, 2)]).toEqual([2023, 2024]);
  });

  it('does not roll over for a few out-of-order lines', () => {
    const years = new YearTracker({ year: 2024, fileModifiedMs: null });
    expect([years.yearFor(7, 27), years.yearFor(7, 26), years.yearFor(6, 30)]).toEqual([2024, 2024, 2024]);
  });
});
