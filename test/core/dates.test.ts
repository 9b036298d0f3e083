import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dayOf, daysBetween, isIsoDate, toIsoDate } from '../../src/core/dates.js';

describe('dates', () => {
  it('accepts real calendar days only', () => {
    expect(isIsoDate('2027-02-28')).toBe(true);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2027-02-29')).toBe(false);
    expect(isIsoDate('2027-3-01')).toBe(false);
    expect(isIsoDate('01/03/2027')).toBe(false);
  });

  it('counts across month, year and DST boundaries in UTC', () => {
    expect(addDays('2026-11-20', 90)).toBe('2027-02-18');
    expect(daysBetween('2026-11-20', '2027-02-18')).toBe(90);
    expect(daysBetween('2027-03-27', '2027-03-29')).toBe(2);
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
  });

  it('takes the UTC day of a timestamp with an offset', () => {
    expect(dayOf('2026-11-20T23:30:00-08:00')).toBe('2026-11-21');
    expect(dayOf('2026-11-20T18:22:05+00:00')).toBe('2026-11-20');
  });

  it('spells every day as toISOString does, and refuses an invalid date as it does', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date(Date.UTC(-2000, 0, 1)), max: new Date(Date.UTC(12000, 0, 1)), noInvalidDate: true }), (date) => {
        expect(toIsoDate(date)).toBe(date.toISOString().slice(0, 10));
      }),
      { numRuns: 2000 },
    );
    for (const edge of ['0999-12-31T23:59:59.999Z', '1000-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z', '+010000-01-01T00:00:00Z']) {
      expect(toIsoDate(new Date(edge))).toBe(new Date(edge).toISOString().slice(0, 10));
    }
    expect(() => toIsoDate(new Date(Number.NaN))).toThrow(RangeError);
  });
});
