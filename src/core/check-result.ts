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
  'hidden-charges',
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

/**
 * What a result rests on: Amazon's data, the seller's word (a confirmation no data could answer),
 * both (a confirmation of what the data shows), or nothing yet (unknown, or not yet confirmed).
 */
export const CHECK_BASES = ['data', 'seller', 'both', 'none'] as const;
export type CheckBasis = (typeof CHECK_BASES)[number];

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
  /** What the result rests on (data, the seller's word, both): an attestation covers only what no data shows. */
  basis: CheckBasis;
  /**
   * last-sale-window: the later day buyers can still file an A-to-z claim (the latest estimated
   * delivery date + 90 days), where the data has delivery dates and it is later than `clearsOn`.
   */
  claimableUntil?: IsoDate;
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
    basis: extra.basis ?? basisOf(status, extra.confirmed ?? null, (extra.items ?? []).length > 0),
  };
}

/**
 * What the data said beside a confirmation it could not answer (claims the events list, the last
 * settlement): kept when the seller confirms later (the wizard), so that the result still says
 * it and rests on both. Beside the result, never in its JSON (the schema is fixed).
 */
const dataSentences = new WeakMap<CheckResult, string>();

export function withDataSentence(result: CheckResult, sentence: string): CheckResult {
  dataSentences.set(result, sentence);
  return result;
}

export function dataSentenceOf(result: CheckResult): string | null {
  return dataSentences.get(result) ?? null;
}

/** The basis a result has by its status: a verdict from data, or a confirmation (of data it lists). */
export function basisOf(status: CheckStatus, confirmed: boolean | null, listsData: boolean): CheckBasis {
  if (status === 'unknown') return 'none';
  if (status !== 'manual') return 'data';
  if (confirmed === true) return listsData ? 'both' : 'seller';
  return 'none';
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
