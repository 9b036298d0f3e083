// Reading one value of a report: quantities and dates as Seller Central writes them. A value that
// cannot be read throws a ReportValueProblem; the caller adds the file, line and column.

/** What a value should have been, as a message key's last part (the seller reads it in their language). */
export type ExpectedValue = 'units' | 'amount' | 'date' | 'ambiguous-date' | 'currency' | 'settlement-id' | 'settlement-total-row' | 'same-settlement-total' | 'settlement-dates-in-order' | 'transaction-type' | 'amount-description';

export class ReportValueProblem extends Error {
  constructor(
    readonly found: string,
    readonly expected: string,
    readonly kind: ExpectedValue | null = null,
    /** The row this value contradicts, where there is one (another copy of the same settlement, say). */
    readonly otherRow: { file: string; line: number } | null = null,
  ) {
    super(`found "${found}", expected ${expected}`);
  }
}

/** A whole number of units; blank means 0 and is returned as null (report-formats.md §5). */
export function parseQuantity(text: string): number | null {
  const value = text.trim();
  if (value === '') return null;
  if (/^\d+$/.test(value)) return Number(value);
  // Some files write 12.0; a fraction of a unit is not a quantity.
  if (/^\d+\.0+$/.test(value)) return Number.parseInt(value, 10);
  throw new ReportValueProblem(text, 'a whole number of units, or blank', 'units');
}

export function parseAmount(text: string): number | null {
  const value = text.trim();
  if (value === '') return null;
  if (/^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  throw new ReportValueProblem(text, 'an amount such as 12.34', 'amount');
}

/** Offsets of the time-zone abbreviations seen in report dates. */
const ZONES: Record<string, string> = {
  UTC: '+00:00', GMT: '+00:00', Z: '+00:00', BST: '+01:00', IST: '+01:00', WET: '+00:00', WEST: '+01:00',
  CET: '+01:00', CEST: '+02:00', MET: '+01:00', MEST: '+02:00', EET: '+02:00', EEST: '+03:00',
  PST: '-08:00', PDT: '-07:00', MST: '-07:00', MDT: '-06:00', CST: '-06:00', CDT: '-05:00', EST: '-05:00', EDT: '-04:00',
  JST: '+09:00', AEST: '+10:00', AEDT: '+11:00', SGT: '+08:00',
};

/** Time zones of day-first marketplaces: a date such as 08/07/2016 in them is 8 July. */
const DAY_FIRST_ZONES = new Set(['GMT', 'BST', 'WET', 'WEST', 'CET', 'CEST', 'MET', 'MEST', 'EET', 'EEST', 'IST', 'AEST', 'AEDT', 'SGT']);

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

/** The month (1–12) an English month's three-letter name stands for, in any case ("Nov", "nov"); undefined for any other text. */
export function monthNumber(abbreviation: string): number | undefined {
  return Object.hasOwn(MONTHS, abbreviation.toLowerCase()) ? MONTHS[abbreviation.toLowerCase()] : undefined;
}

export type DateOrder = 'day-first' | 'month-first';

const EXPECTED_DATE = 'a date such as 2026-11-20T18:22:05+00:00, 20-Nov-2026 or 20/11/2026';

/** A month or day as two digits. */
export const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The offset given to a time written without a zone (a spreadsheet dropped it): Honolulu's, the
 * marketplace zone furthest behind UTC, so that the moment read is the latest it can have been
 * (a sale never read as older than it is, a file never as covering more).
 */
const ZONELESS = '-10:00';

/** Years a Seller Central report can speak of: Amazon's marketplace opened in the 1990s. */
export const FIRST_YEAR = 1995;
export const LAST_YEAR = 2100;

function checkedTimestamp(y: number, mo: number, d: number, h: number, mi: number, s: number, offset: string, text: string): string {
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (y < FIRST_YEAR || y > LAST_YEAR || mo < 1 || mo > 12 || date.getUTCDate() !== d || date.getUTCMonth() !== mo - 1 || h > 23 || mi > 59 || s > 59) {
    throw new ReportValueProblem(text, EXPECTED_DATE, 'date');
  }
  return `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${offset}`;
}

/**
 * A report date as an ISO 8601 timestamp with offset. Accepts ISO (with T or a space, with an
 * offset, Z or a zone abbreviation), 10-Jul-2025, and slashed dates: yyyy/mm/dd (Japan), and
 * dd/mm/yyyy or mm/dd/yyyy, told apart by the zone, then by `order`, then by a day above 12.
 */
export function parseReportTimestamp(text: string, order: DateOrder | null = null): string {
  const value = text.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2}|[A-Z]{1,5})?$/.exec(value);
  if (m) {
    const zone = m[7];
    const offset = zone === undefined ? ZONELESS : /^[+-]/.test(zone) ? `${zone.slice(0, 3)}:${zone.slice(-2)}` : ZONES[zone];
    if (!offset) throw new ReportValueProblem(text, EXPECTED_DATE, 'date');
    return checkedTimestamp(+m[1]!, +m[2]!, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), offset, text);
  }
  m = /^(\d{1,2})-([A-Za-z]{3})-(\d{4})$/.exec(value);
  if (m) {
    const month = monthNumber(m[2]!);
    if (!month) throw new ReportValueProblem(text, EXPECTED_DATE, 'date');
    return checkedTimestamp(+m[3]!, month, +m[1]!, 0, 0, 0, '+00:00', text);
  }
  m = /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?(?:\s+([A-Z]{2,5}))?$/.exec(value);
  if (m) {
    const offset = m[7] ? ZONES[m[7]] : ZONELESS;
    if (!offset) throw new ReportValueProblem(text, EXPECTED_DATE, 'date');
    return checkedTimestamp(+m[1]!, +m[2]!, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), offset, text);
  }
  m = /^(\d{1,2})([/.])(\d{1,2})\2(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?(?:\s+([A-Z]{2,5}))?$/.exec(value);
  if (m) {
    const zone = m[8];
    const offset = zone ? ZONES[zone] : ZONELESS;
    if (!offset) throw new ReportValueProblem(text, EXPECTED_DATE, 'date');
    const a = +m[1]!;
    const b = +m[3]!;
    const at = (dayFirst: boolean) => {
      const [day, month] = dayFirst ? [a, b] : [b, a];
      return checkedTimestamp(+m![4]!, month, day, +(m![5] ?? 0), +(m![6] ?? 0), +(m![7] ?? 0), offset, text);
    };
    // Amazon writes a zone after its own slashed dates; a date without one went through a
    // spreadsheet, written the way its user's locale writes dates, which the marketplace does not
    // tell (a UK-set Excel writes an Amazon.com order's 5 September as 05/09/2026). Dots are
    // day first in every locale that uses them.
    // Dots are day first whatever the zone (an EU settlement's 01.11.2026 07:00:00 UTC is 1 November).
    if (m[2] === '.') return at(true);
    if (zone) return at(DAY_FIRST_ZONES.has(zone));
    if (a > 12) return at(true);
    if (b > 12) return at(false);
    if (a === b) return at(true);
    // Both readings possible: the marketplace's habit is only a guess, so the later of the two
    // dates is taken (a later sale, a later start of what a file covers: never a pass too soon).
    if (order) return laterOf(at(true), at(false));
    throw new ReportValueProblem(text, `${EXPECTED_DATE} (this one reads as day/month and as month/day; the file gives no time zone to tell)`, 'ambiguous-date');
  }
  throw new ReportValueProblem(text, EXPECTED_DATE, 'date');
}

function laterOf(a: string, b: string): string {
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

export function parseReportDay(text: string, order: DateOrder | null = null): string {
  return parseReportTimestamp(text, order).slice(0, 10);
}
