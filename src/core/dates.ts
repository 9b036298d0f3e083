// Calendar arithmetic on ISO dates (YYYY-MM-DD), always in UTC so that a result never
// depends on the machine's time zone.

export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/** The UTC day of `date`. From its fields, not toISOString(): the demo seller and the checks call it hundreds of times per run. */
export function toIsoDate(date: Date): IsoDate {
  const year = date.getUTCFullYear();
  // Other years (and an invalid date, which throws) are spelled, and refused, by toISOString.
  if (!(year >= 1000 && year <= 9999)) return date.toISOString().slice(0, 10);
  return `${year}-${two(date.getUTCMonth() + 1)}-${two(date.getUTCDate())}`;
}

/** The UTC calendar day of an ISO timestamp such as 2026-11-20T15:41:26+00:00. */
export function dayOf(timestamp: string): IsoDate {
  return toIsoDate(new Date(timestamp));
}

export function addDays(day: IsoDate, days: number): IsoDate {
  return toIsoDate(new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS));
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export function laterOf(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}
