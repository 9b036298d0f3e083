// The day a waiting period after a sale is over, counted so that it is never shorter for the
// seller, wherever the seller is: in every marketplace's local time as well as in UTC.
//
// A sale falls on a different calendar day in Tokyo or Sydney than in Los Angeles. The as-of day
// is a UTC day; in a time zone behind UTC that day starts while it is still the day before
// there. So for each zone the period ends `days` days after the sale's local day, one day later
// for zones behind UTC, and the latest of them is the answer. In practice: 91 days after the
// sale's UTC day, 90 for a sale in the first three hours of a UTC day.

import { addDays, toIsoDate, type IsoDate } from './dates.js';

/** The time zones of Amazon's marketplaces (the US spans Hawaii to the East Coast). */
export const MARKETPLACE_TIME_ZONES = [
  'Pacific/Honolulu', 'America/Anchorage', 'America/Los_Angeles', 'America/Denver', 'America/Chicago', 'America/New_York',
  'America/Toronto', 'America/Vancouver', 'America/Mexico_City', 'America/Sao_Paulo',
  'Europe/London', 'Europe/Dublin', 'Europe/Paris', 'Europe/Berlin', 'Europe/Madrid', 'Europe/Rome', 'Europe/Amsterdam',
  'Europe/Brussels', 'Europe/Stockholm', 'Europe/Warsaw', 'Europe/Istanbul', 'Africa/Cairo', 'Africa/Johannesburg',
  'Asia/Riyadh', 'Asia/Dubai', 'Asia/Kolkata', 'Asia/Singapore', 'Asia/Tokyo', 'Australia/Sydney', 'Australia/Perth',
] as const;

/**
 * The extremes of those zones' offsets, in hours: the zone least behind UTC (São Paulo, -3, no
 * daylight saving since 2019) and the zone furthest ahead (Sydney, +11 in its summer). The sale's
 * local day is latest there among the zones behind UTC and among the others; using them all year
 * round errs by at most a day towards waiting longer, and spares building thirty time-zone
 * formats on every run.
 */
const LEAST_BEHIND_HOURS = -3;
const MOST_AHEAD_HOURS = 11;
const HOUR_MS = 3_600_000;

/** The first (UTC) day on which `days` whole calendar days have passed since the sale everywhere. */
export function periodClearsOn(saleTime: number, days: number): IsoDate {
  const behind = addDays(toIsoDate(new Date(saleTime + LEAST_BEHIND_HOURS * HOUR_MS)), days + 1);
  const ahead = addDays(toIsoDate(new Date(saleTime + MOST_AHEAD_HOURS * HOUR_MS)), days);
  return behind > ahead ? behind : ahead;
}
