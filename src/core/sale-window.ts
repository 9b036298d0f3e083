// The day a waiting period after a sale is over, counted so that it is never shorter for the
// seller, wherever the seller is: in every marketplace's local time as well as in UTC.
//
// A sale falls on a different calendar day in Tokyo or Sydney than in Los Angeles. The as-of day
// is a UTC day; in a time zone behind UTC that day starts while it is still the day before
// there. So for each zone the period ends `days` days after the sale's local day, one day later
// for zones behind UTC, and the latest of them is the answer. In practice: 91 days after the
// sale's UTC day, 90 for a sale in the first hours of a UTC day.

import { addDays, toIsoDate, type IsoDate } from './dates.js';

/** The time zones of Amazon's marketplaces (the US spans Hawaii to the East Coast). */
export const MARKETPLACE_TIME_ZONES = [
  'Pacific/Honolulu', 'America/Anchorage', 'America/Los_Angeles', 'America/Denver', 'America/Chicago', 'America/New_York',
  'America/Toronto', 'America/Vancouver', 'America/Mexico_City', 'America/Sao_Paulo',
  'Europe/London', 'Europe/Dublin', 'Europe/Paris', 'Europe/Berlin', 'Europe/Madrid', 'Europe/Rome', 'Europe/Amsterdam',
  'Europe/Brussels', 'Europe/Stockholm', 'Europe/Warsaw', 'Europe/Istanbul', 'Africa/Cairo', 'Africa/Johannesburg',
  'Asia/Riyadh', 'Asia/Dubai', 'Asia/Kolkata', 'Asia/Singapore', 'Asia/Tokyo', 'Australia/Sydney', 'Australia/Perth',
] as const;

const formats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day of an instant in a time zone, and whether the zone is behind UTC then. */
function localDay(time: number, timeZone: string): { day: IsoDate; behind: boolean } {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' });
    formats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(time)).map((p) => [p.type, p.value]));
  const day = `${parts.year}-${parts.month}-${parts.day}`;
  const utcDay = toIsoDate(new Date(time));
  const utcHour = new Date(time).getUTCHours();
  // Behind UTC: an earlier day, or the same day at an earlier hour.
  const behind = day < utcDay || (day === utcDay && Number(parts.hour) < utcHour);
  return { day, behind };
}

/** The first (UTC) day on which `days` whole calendar days have passed since the sale everywhere. */
export function periodClearsOn(saleTime: number, days: number): IsoDate {
  let latest = addDays(toIsoDate(new Date(saleTime)), days);
  for (const zone of MARKETPLACE_TIME_ZONES) {
    const { day, behind } = localDay(saleTime, zone);
    const clears = addDays(day, days + (behind ? 1 : 0));
    if (clears > latest) latest = clears;
  }
  return latest;
}
