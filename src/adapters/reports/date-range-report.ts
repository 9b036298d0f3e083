// The Date Range Reports page's Transaction Report (CSV): chargebacks, A-to-z and SAFE-T
// payments (claims Amazon decided: money moved), Amazon Ads charges and subscription fees.
//
// Columns are from Seller Central help 200989190 ("columns in the report might vary by
// country"). Its type values are not documented beyond "orders, refunds, fees, transfers and
// adjustments": the names matched here are Seller Central's Transaction View filters (help
// 200378780: "Chargeback Refund", "A-to-z Guarantee Refund", "Service Fees", "Subscription") and
// those seen in files (UNCONFIRMED, README). A row of any other type cannot be accounted for:
// its report proves nothing (hidden-charges unknown), and what it shows still counts.

import type { IsoDate } from '../../core/dates.js';
import type { Charge, Claim, ClaimKind } from '../../core/seller-data.js';
import { isDamagedText, type ReportFile } from './report-file.js';
import { FIRST_YEAR, LAST_YEAR, monthNumber, pad, parseReportDay, ReportValueProblem } from './report-values.js';
import { parsedField } from './row-values.js';

/** Types that are a claim Amazon decided and paid or charged. */
const CLAIM_TYPES: Record<string, ClaimKind> = {
  'chargeback refund': 'chargeback',
  'a-to-z guarantee refund': 'a-to-z',
  'a-to-z guarantee claim': 'a-to-z',
  'safe-t reimbursement': 'safe-t',
};

/** The claim a type names, when it is not one of the known spellings: A-to-z, chargeback, SAFE-T. */
function claimNamedBy(type: string): ClaimKind | undefined {
  if (/a-?to-?z/.test(type)) return 'a-to-z';
  if (/charge-?back/.test(type)) return 'chargeback';
  if (/safe-?t\b/.test(type)) return 'safe-t';
  return undefined;
}

/** Other types known to be neither a claim nor a charge unless their description says so. */
const OTHER_TYPES = new Set([
  'order', 'refund', 'transfer', 'adjustment', 'service fee', 'service fees', 'subscription', 'fba inventory fee', 'fee adjustment', 'amazon fees',
  'deal fee', 'liquidations', 'liquidations adjustments', 'shipping services', 'debt', 'fba customer return fee', 'order_retrocharge',
  'refund_retrocharge', 'retrocharge', 'reserve',
]);


/** Types whose description is the product's title (help 200989190's order and refund rows). */
const PRODUCT_ROWS = new Set(['order', 'refund', 'order_retrocharge', 'refund_retrocharge']);

const ADS = /advertis|amazon ads|sponsored (products|brands|display)/i;
const SUBSCRIPTION = /subscription/i;

export interface DateRangeReading {
  claims: Claim[];
  charges: Charge[];
  /** The earliest and latest days its rows show (null: no rows). */
  earliest: IsoDate | null;
  latest: IsoDate | null;
  /** Types it has that are not known (their rows could be anything). */
  unknownTypes: Set<string>;
  /** Each claim's and charge's row as written (its cells joined): the same row in two files is one transaction. */
  claimRows: string[];
  chargeRows: string[];
}

/**
 * The day of a Date Range "date/time": "Nov 1, 2026 12:34:56 AM PST" (US), "1 Nov 2026
 * 00:34:56 GMT+00:00" (UK), else the formats other reports use. The day is the one written.
 */
export function parseDateRangeDay(text: string): IsoDate {
  const value = text.trim();
  const checked = (y: number, monthName: string, d: number): IsoDate => {
    const m = monthNumber(monthName.slice(0, 3));
    const date = new Date(Date.UTC(y, (m ?? 0) - 1, d));
    if (!m || date.getUTCDate() !== d || y < FIRST_YEAR || y > LAST_YEAR) throw new ReportValueProblem(text, 'a date', 'date');
    return `${y}-${pad(m)}-${pad(d)}`;
  };
  let m = /^([A-Za-z]{3,9})\.? (\d{1,2}), (\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?(?: ?[AP]M)?(?: [A-Z]{2,5}(?:[+-]\d{1,2}(?::?\d{2})?)?)?)?$/.exec(value);
  if (m) return checked(+m[3]!, m[1]!, +m[2]!);
  m = /^(\d{1,2}) ([A-Za-z]{3,9})\.? (\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?(?: [A-Z]{2,5}(?:[+-]\d{1,2}(?::?\d{2})?)?)?)?$/.exec(value);
  if (m) return checked(+m[3]!, m[2]!, +m[1]!);
  return parseReportDay(value);
}

/** An amount as the English transaction report writes it: 1234.56, 1,234.56, -39.99 (never a comma decimal). */
export function parseDateRangeAmount(text: string): number {
  const value = text.trim();
  if (/^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(value)) return Number(value.replace(/,/g, ''));
  throw new ReportValueProblem(text, 'an amount such as 1,234.56', 'amount');
}

/** Reads a transaction report row by row, keeping only claims and charges. */
export async function readDateRange(file: ReportFile): Promise<DateRangeReading> {
  const [time, type, orderId, description, total] = ['time', 'type', 'orderId', 'description', 'total'].map((c) => file.column(c)) as [number, number, number, number, number];
  const reading: DateRangeReading = { claims: [], charges: [], earliest: null, latest: null, unknownTypes: new Set(), claimRows: [], chargeRows: [] };
  const rowText = (row: Parameters<typeof file.text>[0]) => Array.from({ length: row.fields }, (_, i) => file.text(row, i)).join('\u0000');
  const rows = file.batches(Math.max(time, type, orderId, description, total), (row) => {
    const day = parsedField(file, row, time, 'time', parseDateRangeDay);
    const amount = parsedField(file, row, total, 'total', parseDateRangeAmount);
    if (reading.earliest === null || day < reading.earliest) reading.earliest = day;
    if (reading.latest === null || day > reading.latest) reading.latest = day;
    const kindText = file.text(row, type).trim();
    const what = file.text(row, description).trim();
    const key = kindText.toLowerCase().replace(/\s+/g, ' ');
    // A type not in the list that still names a claim (a variant spelling) is one too: listed, not lost.
    const claim = CLAIM_TYPES[key] ?? claimNamedBy(key);
    if (claim) {
      const order = file.text(row, orderId).trim() || null;
      reading.claims.push({ claimId: order ?? `${claim}-${day}`, orderId: order, kind: claim, openedOn: day, open: false, shownBy: 'date-range-report' });
      reading.claimRows.push(rowText(row));
    }
    if (!CLAIM_TYPES[key] && !OTHER_TYPES.has(key)) {
      reading.unknownTypes.add(kindText === '' ? '""' : JSON.stringify(kindText).slice(1, -1));
    }
    // A blank or damaged description may have named an ads charge: the report proves nothing then.
    if (what === '' || isDamagedText(what)) reading.unknownTypes.add(`${kindText}: ${JSON.stringify(what).slice(1, -1)}`);
    // A charge is told by what it says, whatever its type (stricter than trusting the type); but
    // an order's or refund's description is the product's title ("Advertising Banner Stand"), not a charge.
    const says = PRODUCT_ROWS.has(key) ? '' : what;
    if (ADS.test(says) || ADS.test(kindText)) {
      reading.charges.push({ kind: 'ads', postedOn: day, amount, currency: '?', description: what || null, marketplaceId: null });
      reading.chargeRows.push(rowText(row));
    } else if (SUBSCRIPTION.test(says) || SUBSCRIPTION.test(kindText)) {
      reading.charges.push({ kind: 'subscription', postedOn: day, amount, currency: '?', description: what || null, marketplaceId: null });
      reading.chargeRows.push(rowText(row));
    }
    return undefined;
  });
  for await (const _ of rows); // rows are read for what they add up to
  return reading;
}
