// Evidence from Amazon's own data for claims, account health, money and hidden charges (issue 17):
// Finances v0 listFinancialEvents (guarantee claims, chargebacks, SAFE-T reimbursements, Amazon
// Ads charges, service fees), Finances 2024-06-19 listTransactions (deferred transactions with
// their maturity dates) and the seller performance report (GET_V2_SELLER_PERFORMANCE_REPORT, JSON;
// schema: selling-partner-api-models schemas/reports/accountHealthReport-2020-11-18.json).
// Each reading fails closed: a field it cannot read is left out and what is left says less.

import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { isIsoDate, type IsoDate } from '../../core/dates.js';
import type { AccountHealth, Charge, Claim, DeferredFunds } from '../../core/seller-data.js';
import type { definitions as Finances } from './models/finances.js';
import type { definitions as FinancesV0 } from './models/financesV0.js';
import type { SpApiClient } from './sp-api-client.js';

/** listFinancialEvents: "If PostedAfter and PostedBefore are more than 180 days apart, the response is empty". */
export const FINANCIAL_EVENTS_MAX_DAYS = 180;
/** Pages read at most (100 events each, 0.5 requests a second): a seller with more is read as far as that. */
const MAX_PAGES = 200;

export interface FinancialEvidence {
  claims: Claim[];
  charges: Charge[];
  /** False when the pages ran out before Amazon's last page: what was read is not all there is. */
  complete: boolean;
}

const day = (date: string | undefined): IsoDate | null => {
  if (!date) return null;
  const time = Date.parse(date);
  return Number.isNaN(time) ? null : new Date(time).toISOString().slice(0, 10);
};

/** Guarantee claims, chargebacks, SAFE-T reimbursements, ads charges and subscription fees posted since `postedAfter`. */
export async function readFinancialEvents(client: SpApiClient, postedAfter: string, sinceDay: IsoDate): Promise<FinancialEvidence> {
  const claims: Claim[] = [];
  const charges: Charge[] = [];
  let nextToken: string | undefined;
  let pages = 0;
  do {
    // "call the operation with this token and include the same arguments as the call that produced the token".
    const page = await client.call<FinancesV0['ListFinancialEventsResponse']>('listFinancialEvents', { query: { MaxResultsPerPage: 100, PostedAfter: postedAfter, NextToken: nextToken } });
    const events = page.payload?.FinancialEvents ?? {};
    // A posted guarantee-claim or chargeback event is Amazon's decision (money moved): final, but
    // the seller sees it listed before confirming there is no other.
    const decided = (list: FinancesV0['ShipmentEvent'][] | undefined, kind: Claim['kind']) => {
      for (const e of list ?? []) {
        const openedOn = day(e.PostedDate);
        claims.push({ claimId: e.AmazonOrderId ?? '?', orderId: e.AmazonOrderId ?? null, kind, openedOn: openedOn ?? sinceDay, open: openedOn === null, shownBy: 'financial-events' });
      }
    };
    decided(events.GuaranteeClaimEventList, 'a-to-z');
    decided(events.ChargebackEventList, 'chargeback');
    for (const e of events.SAFETReimbursementEventList ?? []) {
      const openedOn = day(e.PostedDate);
      claims.push({ claimId: e.SAFETClaimId ?? '?', orderId: null, kind: 'safe-t', openedOn: openedOn ?? sinceDay, open: openedOn === null, shownBy: 'financial-events' });
    }
    for (const e of events.ProductAdsPaymentEventList ?? []) {
      const postedOn = day(e.postedDate);
      const value = e.transactionValue ?? e.baseValue;
      // An ads charge with no date is counted as recent: it can only make the warning stricter.
      charges.push({ kind: 'ads', postedOn: postedOn ?? sinceDay, amount: value?.CurrencyAmount ?? 0, currency: value?.CurrencyCode ?? '???', description: e.transactionType ?? null, marketplaceId: null });
    }
    for (const e of events.ServiceFeeEventList ?? []) {
      // ServiceFeeEvent has no date in the model: it was posted within the period asked for.
      for (const fee of e.FeeList ?? []) {
        const text = `${fee.FeeType ?? ''} ${e.FeeReason ?? ''} ${e.FeeDescription ?? ''}`;
        if (!/subscription/i.test(text)) continue;
        charges.push({ kind: 'subscription', postedOn: sinceDay, amount: fee.FeeAmount?.CurrencyAmount ?? 0, currency: fee.FeeAmount?.CurrencyCode ?? '???', description: fee.FeeType ?? null, marketplaceId: null });
      }
    }
    nextToken = page.payload?.NextToken;
    pages += 1;
  } while (nextToken && pages < MAX_PAGES);
  return { claims, charges, complete: !nextToken };
}

/** Deferred transactions (transactionStatus DEFERRED) with their maturity dates (DeferredContext). */
export async function readDeferredTransactions(client: SpApiClient, postedAfter: string): Promise<DeferredFunds[]> {
  const found: DeferredFunds[] = [];
  let nextToken: string | undefined;
  let pages = 0;
  do {
    const page = await client.call<Finances['ListTransactionsResponse']>('listTransactions', { query: { postedAfter, transactionStatus: 'DEFERRED', nextToken } });
    for (const tx of page.payload?.transactions ?? []) {
      // The filter exists since June 2025: a transaction not marked DEFERRED is not counted as one.
      if (tx.transactionStatus !== undefined && tx.transactionStatus.toUpperCase() !== 'DEFERRED') continue;
      const maturity = tx.contexts?.find((c) => c.maturityDate !== undefined)?.maturityDate;
      // A deferral whose amount cannot be read is still money held: NaN, never 0.
      found.push({ amount: typeof tx.totalAmount?.currencyAmount === 'number' ? tx.totalAmount.currencyAmount : Number.NaN, currency: tx.totalAmount?.currencyCode ?? '???', maturesOn: day(maturity), description: tx.description ?? null });
    }
    nextToken = page.payload?.nextToken;
    pages += 1;
  } while (nextToken && pages < MAX_PAGES);
  // More deferred transactions than could be read: money is still deferred, of unknown size and
  // date, so the balance fails with no clearsOn rather than being decided by the balance alone.
  return nextToken ? [...found, { amount: Number.NaN, currency: found[0]?.currency ?? '???', maturesOn: null, description: null }] : found;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const count = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : null);

/** The policy-compliance metrics of the schema that count defects (each { defectsCount, status, ... }). */
const POLICY_METRICS = [
  'listingPolicyViolations',
  'productAuthenticityCustomerComplaints',
  'productConditionCustomerComplaints',
  'productSafetyCustomerComplaints',
  'receivedIntellectualPropertyComplaints',
  'restrictedProductPolicyViolations',
  'suspectedIntellectualPropertyViolations',
  'foodAndProductSafetyIssues',
  'customerProductReviewsPolicyViolations',
  'otherPolicyViolations',
  'documentRequests',
];

/**
 * The performance report's account statuses, policy-violation counts and claim counts. A status
 * entry without marketplace or status, or a count that is not a whole number, is left out: the
 * checks then see less and say less (a claim window with an unreadable count is not a window).
 */
export function parsePerformanceReport(text: string, source: string): AccountHealth {
  const health: AccountHealth = { source, statuses: [], policyViolations: [], claimCounts: [] };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return health;
  }
  if (!isObject(doc)) return health;
  for (const s of Array.isArray(doc.accountStatuses) ? doc.accountStatuses : []) {
    if (isObject(s) && typeof s.marketplaceId === 'string' && typeof s.status === 'string') health.statuses.push({ marketplaceId: s.marketplaceId, status: s.status });
  }
  for (const m of Array.isArray(doc.performanceMetrics) ? doc.performanceMetrics : []) {
    if (!isObject(m) || typeof m.marketplaceId !== 'string') continue;
    const marketplaceId = m.marketplaceId;
    for (const name of POLICY_METRICS) {
      const metric = m[name];
      if (!isObject(metric)) continue;
      const defects = count(metric.defectsCount);
      // An unreadable count is counted as one: it cannot show there is none.
      health.policyViolations.push({ marketplaceId, name, count: defects ?? 1 });
    }
    const odr = isObject(m.orderDefectRate) ? m.orderDefectRate : null;
    for (const [key, fulfilment] of [['afn', 'AFN'], ['mfn', 'MFN']] as const) {
      const rate = odr && isObject(odr[key]) ? odr[key] : null;
      if (!rate) continue;
      const range = isObject(rate.reportingDateRange) ? rate.reportingDateRange : null;
      const from = typeof range?.reportingDateFrom === 'string' ? range.reportingDateFrom.slice(0, 10) : '';
      const to = typeof range?.reportingDateTo === 'string' ? range.reportingDateTo.slice(0, 10) : '';
      const claims = isObject(rate.claims) ? count(rate.claims.count) : null;
      const chargebacks = isObject(rate.chargebacks) ? count(rate.chargebacks.count) : null;
      if (!isIsoDate(from) || !isIsoDate(to) || from > to || claims === null || chargebacks === null) continue;
      health.claimCounts.push({ marketplaceId, fulfilment, from, to, claims, chargebacks });
    }
  }
  return health;
}

/** A downloaded report document's text (gunzipped where Amazon compressed it). */
export async function reportText(path: string): Promise<string> {
  const bytes = await readFile(path);
  return (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8');
}
