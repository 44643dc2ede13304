import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysFromCivil, parseTimestamp, type TimePrecision } from '../../../src/importers/time';

describe('parseTimestamp: ISO 8601 / RFC 3339', () => {
  it.each([
    ['2024-05-02T10:15:30Z', Date.UTC(2024, 4, 2, 10, 15, 30), 0, 's'],
    ['2024-05-02T10:15:30.250Z', Date.UTC(2024, 4, 2, 10, 15, 30, 250), 0, 'ms'],
    ['2024-05-02T10:15:30.2Z', Date.UTC(2024, 4, 2, 10, 15, 30, 200), 0, 'ms'],
    ['2024-05-02T10:15:30.123456Z', Date.UTC(2024, 4, 2, 10, 15, 30, 123), 456_000, 'us'],
    ['2024-05-02T10:15:30.123456789Z', Date.UTC(2024, 4, 2, 10, 15, 30, 123), 456_789, 'ns'],
    ['2024-05-02T10:15:30.1234567891234Z', Date.UTC(2024, 4, 2, 10, 15, 30, 123), 456_789, 'ns'],
    ['2024-05-02T12:15:30+02:00', Date.UTC(2024, 4, 2, 10, 15, 30), 0, 's'],
    ['2024-05-02T05:45:30-0430', Date.UTC(2024, 4, 2, 10, 15, 30), 0, 's'],
    ['2024-05-02T11:15:30+01', Date.UTC(2024, 4, 2, 10, 15, 30), 0, 's'],
    ['2024-05-02 10:15:30', Date.UTC(2024, 4, 2, 10, 15, 30), 0, 's'],
    ['2024-05-02 10:15:30.5', Date.UTC(2024, 4, 2, 10, 15, 30, 500), 0, 'ms'],
    ['2024-05-02 10:15:30,500', Date.UTC(2024, 4, 2, 10, 15, 30, 500), 0, 'ms'],
    ['2013-09-06 22:01:00Z', Date.UTC(2013, 8, 6, 22, 1, 0), 0, 's'],
    ['2024-05-02t10:15z', Date.UTC(2024, 4, 2, 10, 15), 0, 's'],
    ['2024-02-29', Date.UTC(2024, 1, 29), 0, 'day'],
    ['2024-05-02 10:15:30 +00:00', Date.UTC(2024, 4, 2, 10, 15, 30), 0, 's'],
    ['2024-05-02 10:15:30.123 UTC', Date.UTC(2024, 4, 2, 10, 15, 30, 123), 0, 'ms'],
  ])('%s', (text, tsMs, tsSubNs, precision) => {
    expect(parseTimestamp(text)).toEqual({ tsMs, tsSubNs, precision });
  });

  it.each(['xxx', '', '2024-13-01T00:00:00Z', '2023-02-29T00:00:00Z', '2024-05-02T24:00:00Z', '2024-05-02T10:61Z', '2024-05-02T10:15:30.Z', '2024-05-02X10:15', '2024-05-02T10:15:30+2', '2024-05-02T10:15:30Zjunk', '2024-05-02T10:15:30 PST', '2024-05-02T10:15:30  Z'])(
    'refuses %j',
    (text) => {
      expect(parseTimestamp(text)).toBeNull();
    },
  );
});

describe('parseTimestamp: epoch numbers and numeric strings', () => {
  it.each<[unknown, number, number, TimePrecision]>([
    [1700000000, 1_700_000_000_000, 0, 's'],
    ['1700000000', 1_700_000_000_000, 0, 's'],
    ['1700000000.000100', 1_700_000_000_000, 100_000, 'us'],
    [1700000000.5, 1_700_000_000_500, 0, 'ms'],
    [1700000000123, 1_700_000_000_123, 0, 'ms'],
    ['1534860261221373', 1_534_860_261_221, 373_000, 'us'],
    [1534860261221373, 1_534_860_261_221, 373_000, 'us'],
    ['1700000000123456789', 1_700_000_000_123, 456_789, 'ns'],
  ])('%j', (value, tsMs, tsSubNs, precision) => {
    expect(parseTimestamp(value)).toEqual({ tsMs, tsSubNs, precision });
  });

  it.each<unknown>([0, 42, '12345', -1700000000, Number.NaN, Infinity, '1e9', '17000000a0', '', null, true, {}])('refuses %j', (value) => {
    expect(parseTimestamp(value)).toBeNull();
  });
});

describe('parseTimestamp properties', () => {
  const instant = fc.record({
    tsMs: fc.integer({ min: Date.UTC(1975, 0, 1), max: Date.UTC(2200, 0, 1) }),
    subNs: fc.integer({ min: 0, max: 999_999 }),
    digits: fc.integer({ min: 0, max: 9 }),
    offsetMinutes: fc.integer({ min: -14 * 60, max: 14 * 60 }),
  });

  it('round-trips random instants written as ISO with random precision and offset', () => {
    fc.assert(
      fc.property(instant, ({ tsMs, subNs, digits, offsetMinutes }) => {
        const localMs = tsMs + offsetMinutes * 60_000;
        const base = new Date(localMs - (localMs % 1000 + 1000) % 1000).toISOString().slice(0, 19);
        const fractionNs = (((tsMs % 1000) + 1000) % 1000) * 1_000_000 + subNs;
        const fraction = digits === 0 ? '' : `.${String(fractionNs).padStart(9, '0').slice(0, digits)}`;
        const sign = offsetMinutes < 0 ? '-' : '+';
        const abs = Math.abs(offsetMinutes);
        const zone = offsetMinutes === 0 ? 'Z' : `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
        const parsed = parseTimestamp(`${base}${fraction}${zone}`);
        const keptNs = digits === 0 ? 0 : Math.floor(fractionNs / 10 ** (9 - digits)) * 10 ** (9 - digits);
        const secondMs = tsMs - (((tsMs % 1000) + 1000) % 1000);
        expect(parsed).not.toBeNull();
        expect(parsed!.tsMs).toBe(secondMs + Math.floor(keptNs / 1_000_000));
        expect(parsed!.tsSubNs).toBe(keptNs % 1_000_000);
      }),
    );
  });

  it('agrees with Date for millisecond ISO strings', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1975, 0, 1), max: Date.UTC(2200, 0, 1) }), (tsMs) => {
        expect(parseTimestamp(new Date(tsMs).toISOString())).toEqual({ tsMs, tsSubNs: 0, precision: 'ms' });
      }),
    );
  });

  it('reads epoch seconds, ms, µs and ns strings of the same instant alike', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1e11, max: 7e12 }), fc.integer({ min: 0, max: 999_999 }), (tsMs, subNs) => {
        const ns = `${tsMs}${String(subNs).padStart(6, '0')}`;
        expect(parseTimestamp(ns)).toEqual({ tsMs, tsSubNs: subNs, precision: 'ns' });
        expect(parseTimestamp(ns.slice(0, -3))).toEqual({ tsMs, tsSubNs: Math.floor(subNs / 1000) * 1000, precision: 'us' });
        expect(parseTimestamp(String(tsMs))).toMatchObject({ tsMs, tsSubNs: 0 });
        const seconds = `${Math.floor(tsMs / 1000)}.${String(tsMs % 1000).padStart(3, '0')}`;
        expect(parseTimestamp(seconds)).toEqual({ tsMs, tsSubNs: 0, precision: 'ms' });
      }),
    );
  });

  it('daysFromCivil matches Date.UTC', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), (y, m, d) => {
        const expected = new Date(0);
        expected.setUTCFullYear(y, m - 1, d);
        expected.setUTCHours(0, 0, 0, 0);
        expect(daysFromCivil(y, m, d) * 86_400_000).toBe(expected.getTime());
      }),
    );
  });
});
