import { describe, expect, it } from 'vitest';
import { addDays, dayOf, daysBetween, isIsoDate } from '../../src/core/dates.js';

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
});
