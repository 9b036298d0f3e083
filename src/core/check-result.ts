import type { IsoDate } from './dates.js';

export const CHECK_STATUSES = ['pass', 'fail', 'warn', 'unknown', 'manual'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

export const CHECK_IDS = [
  'open-orders',
  'last-sale-window',
  'returns-refunds',
  'claims',
  'fba-inventory',
  'removal-orders',
  'listings',
  'balance',
  'marketplaces',
  'data-export',
  'bank-account',
  'performance-notifications',
  'selling-plan',
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

/** Identifying fields of one offending record (an order, a listing, a SKU's units, ...). */
export type CheckItem = Record<string, string | number | null>;

/** One file a check's evidence was read from (report files): what, how much, which period, how old. */
export interface EvidenceFile {
  file: string;
  kind: string;
  /** Data rows read. */
  rows: number;
  /** The first day the file is known to cover; null when that cannot be established. */
  from: IsoDate | null;
  /** The day the file was made (downloaded). */
  to: IsoDate;
  /** Days from `to` to the as-of day. */
  ageDays: number;
}

export interface CheckResult {
  id: CheckId;
  status: CheckStatus;
  summary: string;
  /** How many records offend; null where the check counts nothing or could not count. */
  count: number | null;
  /** The first offending records, capped; `count` has the full number. */
  items: CheckItem[];
  remediation: string | null;
  /** For time-gated checks: the day the check clears. */
  clearsOn: IsoDate | null;
  /** For manual checks: whether the seller has confirmed it; null for the others. */
  confirmed: boolean | null;
  /** Where the source names it: the files the result was read from. */
  evidence?: { files: EvidenceFile[] };
}

/** How many offending records a result lists. */
export const ITEM_CAP = 20;

export function checkResult(
  id: CheckId,
  status: CheckStatus,
  summary: string,
  extra: Partial<Omit<CheckResult, 'id' | 'status' | 'summary'>> = {},
): CheckResult {
  return {
    id,
    status,
    summary,
    count: extra.count ?? null,
    items: extra.items ?? [],
    remediation: extra.remediation ?? null,
    clearsOn: extra.clearsOn ?? null,
    confirmed: extra.confirmed ?? null,
  };
}

/**
 * Keeps a running count and the first `cap` items of a stream of offending records. Items are
 * described lazily: past the cap a record is only counted, its fields never read.
 */
export class CappedList {
  count = 0;
  readonly items: CheckItem[] = [];
  constructor(private readonly cap = ITEM_CAP) {}
  add(describe: () => CheckItem): void {
    this.count += 1;
    if (this.items.length < this.cap) this.items.push(describe());
  }
}
