// A fake Selling Partner API on 127.0.0.1, speaking Amazon's documented protocol: the Login with
// Amazon token endpoint and every operation the adapter calls, with bodies typed by the types
// generated from Amazon's models (so tsc holds them to the models' shapes) and a seller taken
// from the embedded demo seller (or one a test builds). Faults can be switched on: pages, 429
// bursts, 503s, a token that expires mid-run, slow answers, reports that take time or go FATAL,
// refused deletions, and a gzipped Windows-1252 report document.
//
// It is as strict as Amazon: each rule below names the model, document or known issue it follows,
// so that where the adapter and the fake agree against Amazon a test fails. Every request is first
// held to Amazon's model (test/helpers/spapi-model.ts): a departure is a 400, and is recorded for
// the contract tests. Time is the test's clock (`now`), so report windows, the 30-minute FBA report
// rule and "not in the future" are judged at the same instant the adapter believes it is.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { demoSeller, type DemoSeller } from '../../src/adapters/demo/demo-seller.js';
import { MARKETPLACES, marketplaceById } from '../../src/core/marketplaces.js';
import type { definitions as Finances } from '../../src/adapters/sp-api/models/finances.js';
import type { definitions as Inventory } from '../../src/adapters/sp-api/models/fbaInventory.js';
import type { definitions as Listings } from '../../src/adapters/sp-api/models/listingsItems.js';
import type { definitions as Orders } from '../../src/adapters/sp-api/models/orders.js';
import type { definitions as Reports } from '../../src/adapters/sp-api/models/reports.js';
import type { definitions as Sellers } from '../../src/adapters/sp-api/models/sellers.js';
import { USAGE_PLANS } from '../../src/adapters/sp-api/models/usage-plans.js';
import { encode, HEADERS, row } from './report-fixtures.js';
import { checkRequest, MODELS_PRESENT } from './spapi-model.js';

export const FAKE_CREDENTIALS = {
  SP_API_CLIENT_ID: 'amzn1.application-oa2-client.FAKECLIENTID0042',
  SP_API_CLIENT_SECRET: 'amzn1.oa2-cs.v1.SECRET-CLIENT-SECRET-9f8e7d',
  SP_API_REFRESH_TOKEN: 'Atzr|IwEBISECRET-REFRESH-TOKEN-5c4b3a',
  SP_API_SELLER_ID: 'A2DEMO5ELLER7Q',
  SP_API_REGION: 'na',
};

export interface Faults {
  /** Results per page (orders, inventory). */
  pageSize: number;
  /** The first N calls of each operation answer 429. */
  throttleFirst: number;
  /** Every Nth call answers 503 (0: never). */
  every503: number;
  /** Seconds an access token lives. */
  tokenLifetime: number;
  /** Every 4th call waits this long (real time) before answering. */
  slowMs: number;
  /** The listings report as gzipped Windows-1252, as Amazon sends EU documents. */
  gzipCp1252: boolean;
  /** listBalances answers 404 (the region lacks it): the adapter falls back to event groups. */
  noListBalances: boolean;
  /** The refresh token is refused (invalid_grant). */
  revoked: boolean;
  /** The first access token expires after this many calls, well before its stated lifetime (0: never). */
  expireFirstTokenAfter: number;
  /** A report is IN_QUEUE/IN_PROGRESS for this long (the test's clock) and at least two polls. */
  reportDelayMs: number;
  /** Report types Amazon aborts (FATAL). */
  fatalReports: string[];
  /** SKUs whose deletion Amazon answers INVALID. */
  invalidDeletes: string[];
  /** Finances (listFinancialEvents, listTransactions) answer 403: the application lacks the Finance and Accounting role. */
  noFinances?: boolean;
  /**
   * Portfolio benchmark (issue 18): every call takes this long on the fake's clock before it is
   * answered, a round trip to Amazon (0 or absent: at once).
   */
  latencyMs?: number;
  /**
   * Amazon's per-seller limits (sp-api.md §6: token buckets of each operation's documented rate
   * and burst, "per selling partner and application", evidence-and-archive.md "Several accounts"):
   * a call beyond the bucket answers 429 QuotaExceeded. One fake serves one seller, so each fake
   * has its own buckets.
   */
  enforceRates?: boolean;
  /**
   * Archive faults (optional, off when absent). Report types whose document is served gzipped
   * (compressionAlgorithm GZIP, reports_2021-06-30.json ReportDocument), and how many downloads of
   * each such document arrive damaged (a byte flipped in transit: gzip's CRC-32 catches it).
   */
  gzipReports?: string[];
  damagedDownloads?: number;
  /** getReports answers at most this many reports a page, whatever pageSize asks (to see nextToken followed). */
  reportsPageSize?: number;
}

export const ALL_FAULTS: Faults = {
  pageSize: 2,
  throttleFirst: 2,
  every503: 7,
  tokenLifetime: 3,
  slowMs: 10, // long enough for calls sent after it to answer first
  gzipCp1252: true,
  noListBalances: false,
  revoked: false,
  expireFirstTokenAfter: 5,
  reportDelayMs: 90_000,
  fatalReports: [],
  invalidDeletes: [],
};
export const NO_FAULTS: Faults = {
  pageSize: 100,
  throttleFirst: 0,
  every503: 0,
  tokenLifetime: 3600,
  slowMs: 0,
  gzipCp1252: false,
  noListBalances: false,
  revoked: false,
  expireFirstTokenAfter: 0,
  reportDelayMs: 0,
  fatalReports: [],
  invalidDeletes: [],
};

export interface FakeRequest {
  method: string;
  /** Path and query string. */
  path: string;
  status: number;
  token: string | undefined;
  /** The model's operationId, or null for the token endpoint and document downloads. */
  operation: string | null;
  body: string;
  /** How the request departed from Amazon's model (answered 400). */
  problems: string[];
}

export interface FakeSpApi {
  url: string;
  lwaUrl: string;
  env: Record<string, string>;
  requests: FakeRequest[];
  /** Accepted DELETE calls per `sku@marketplaceId`. */
  deletes: Map<string, number>;
  /** The reports created, as getReport would show them. */
  reports(): Reports['Report'][];
  /** Settlement reports Amazon made on its own schedule (listed by getReports, never created). */
  settlementReports(): Reports['Report'][];
  /** Document downloads per report document id. */
  downloads: Map<string, number>;
  close(): Promise<void>;
}

export interface FakeOptions {
  /** The test's clock (default: the real one). */
  now?: () => number;
  /** How the fake waits latencyMs on that clock (default: real time). */
  sleep?: (ms: number) => Promise<void>;
}

const STATUS_TEXT: Record<string, string> = {
  Pending: 'Pending',
  PendingAvailability: 'Pending',
  Unshipped: 'Unshipped',
  PartiallyShipped: 'PartiallyShipped',
  Shipped: 'Shipped - Delivered to Buyer',
  Canceled: 'Cancelled',
};
const FULFILMENT_STATUS: Record<string, Orders['FulfillmentStatus']> = {
  Pending: 'PENDING',
  PendingAvailability: 'PENDING_AVAILABILITY',
  Unshipped: 'UNSHIPPED',
  PartiallyShipped: 'PARTIALLY_SHIPPED',
  Shipped: 'SHIPPED',
  Canceled: 'CANCELLED',
};

const DAY_MS = 86_400_000;
const ORDER_REPORTS = new Set(['GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL', 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL']);
const FBA_REPORTS = new Set(['GET_FBA_FULFILLMENT_REMOVAL_ORDER_DETAIL_DATA', 'GET_FBA_FULFILLMENT_REMOVAL_SHIPMENT_DETAIL_DATA', 'GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA']);
/**
 * Settlement reports "cannot be requested with createReport, only listed with getReports and
 * downloaded" (developer-docs changelog, removal of the XML settlement report, November 2026).
 */
const SETTLEMENT_REPORT = 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2';
/** Settlement periods: Amazon settles every 14 days (Seller Central payments help; the demo's cadence). */
const SETTLEMENT_DAYS = 14;
/** Report types that serve one marketplace per request. */
const ONE_MARKETPLACE_REPORTS = new Set(['GET_MERCHANT_LISTINGS_ALL_DATA', 'GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE', 'GET_FBA_FULFILLMENT_REMOVAL_ORDER_DETAIL_DATA', 'GET_V2_SELLER_PERFORMANCE_REPORT']);
// (Issue 17) The performance report is treated as one marketplace per request, as third-party
// tools describe it ("ONE seller account on ONE marketplace"): not confirmed in Amazon's docs.

interface FakeReport {
  report: Reports['Report'];
  /** What the report ends as, once produced. */
  outcome: 'DONE' | 'CANCELLED' | 'FATAL';
  readyAt: number;
  polls: number;
  document: { body: Buffer; gzip: boolean; charset: string } | null;
}

/**
 * A seller Amazon's answers can show ready: the quiet demo seller in the US only, with a closed
 * return in the last 60 days, so that every report Amazon produces has data (a report without data
 * is cancelled, and a cancelled report proves nothing). Dates count back from `now`.
 */
export function provenReadySeller(now = Date.now()): DemoSeller {
  const seller = demoSeller('ready');
  const US = 'ATVPDKIKX0DER';
  seller.participations = seller.participations.filter((p) => p.marketplaceId === US);
  seller.balance = seller.balance.filter((b) => b.marketplaceId === US);
  const lastSale = seller.orders.filter((o) => o.status === 'Shipped' && o.marketplaceId === US).at(-1)!;
  seller.returns = [{ orderId: lastSale.orderId, requestDate: new Date(now - 10 * DAY_MS).toISOString().slice(0, 10), sku: 'MP-CER-MUG2', status: 'Closed', open: false }];
  return seller;
}

export async function startFakeSpApi(scenario: 'blocked' | 'ready' | DemoSeller, faults: Faults = NO_FAULTS, options: FakeOptions = {}): Promise<FakeSpApi> {
  const now = options.now ?? (() => Date.now());
  const seller = typeof scenario === 'string' ? demoSeller(scenario) : scenario;
  if (scenario === 'blocked') seller.listings[0] = { ...seller.listings[0]!, name: 'Café crème Mug, Stoneware' };
  const requests: FakeRequest[] = [];
  const tokens = new Map<string, number>(); // token → expiry (ms, the test's clock)
  const calls = new Map<string, number>();
  let total = 0;
  let tokenCount = 0;
  let firstTokenUses = 0;
  const reports = new Map<string, FakeReport>();
  const documents = new Map<string, FakeReport['document']>();
  const deletes = new Map<string, number>();
  const downloads = new Map<string, number>();
  // What is listed where, `sku@marketplaceId`. Amazon deletes asynchronously: the first look
  // after a delete still finds the item (selling-partner-api-models #4780, #5059).
  const listed = new Set(seller.listings.map((l) => `${l.sku}@${l.marketplaceId ?? seller.participations[0]!.marketplaceId}`));
  const looksSinceDelete = new Map<string, number>();
  let base = '';
  const home = seller.participations[0]?.marketplaceId ?? 'ATVPDKIKX0DER';
  const marketplaceOfOrder = new Map(seller.orders.map((o) => [o.orderId, o.marketplaceId ?? home]));

  // The seller's token buckets, per operation (enforceRates): full at the start, refilled at the documented rate.
  const buckets = new Map<string, { tokens: number; at: number }>();
  const takeToken = (operationId: string): boolean => {
    const plan = (USAGE_PLANS as Record<string, { rate: number; burst: number }>)[operationId];
    if (!plan) return true;
    const bucket = buckets.get(operationId) ?? { tokens: plan.burst, at: now() };
    bucket.tokens = Math.min(plan.burst, bucket.tokens + ((now() - bucket.at) / 1000) * plan.rate);
    bucket.at = now();
    buckets.set(operationId, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  };
  if (!options.sleep) options = { ...options, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };
  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-requestid': `req-${total}`, ...headers }).end(JSON.stringify(body));
  };
  // A 429 carries x-amzn-ErrorType and no rate: x-amzn-RateLimit-Limit "should never be expected
  // in the response to a throttled ... request" (sp-api.md §6); the models declare only
  // x-amzn-RequestId on the 429s of searchOrders, createReport, getInventorySummaries and the rest.
  const error = (res: ServerResponse, status: number, code: string, message: string, details = '') =>
    json(res, status, { errors: [{ code, message, details }] }, status === 429 ? { 'x-amzn-errortype': 'TooManyRequestsException' } : {});
  const page = <T>(items: T[], token: string | null) => {
    const offset = token ? Number(Buffer.from(token, 'base64url').toString()) : 0;
    const slice = items.slice(offset, offset + faults.pageSize);
    const next = offset + faults.pageSize < items.length ? Buffer.from(String(offset + faults.pageSize)).toString('base64url') : undefined;
    return { slice, next };
  };
  const domain = (id: string | null) => {
    const host = MARKETPLACES.find((m) => m.id === id)?.domain ?? 'amazon.com';
    return `Amazon.${host.slice('amazon.'.length)}`;
  };
  const text = (lines: string[]) => `${lines.join('\n')}\n`;
  const plain = (lines: string[]) => ({ body: Buffer.from(text(lines)), gzip: false, charset: 'UTF-8' });

  /** The report's rows for its range and marketplace; null when there are none. */
  function documentOf(type: string, marketplaceIds: string[], start: number, end: number): FakeReport['document'] {
    const first = marketplaceIds[0]!;
    const inRange = (time: number) => time >= start && time <= end;
    switch (type) {
      case 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL': {
        const orders = seller.orders.filter((o) => inRange(o.purchaseTime) && marketplaceIds.includes(o.marketplaceId ?? home));
        if (orders.length === 0) return null;
        return plain([
          HEADERS.allOrders,
          ...orders.map((o) => row(HEADERS.allOrders, { 'amazon-order-id': o.orderId, 'purchase-date': o.purchaseDate, 'order-status': STATUS_TEXT[o.status] ?? o.status, 'fulfillment-channel': o.fulfilment === 'AFN' ? 'Amazon' : 'Merchant', 'sales-channel': domain(o.marketplaceId) })),
        ]);
      }
      case 'GET_MERCHANT_LISTINGS_ALL_DATA': {
        // A snapshot: what is listed in the first marketplace now.
        const listings = seller.listings.filter((l) => listed.has(`${l.sku}@${l.marketplaceId ?? home}`) && (l.marketplaceId ?? home) === first);
        if (listings.length === 0) return null;
        const content = text([HEADERS.allListings, ...listings.map((l, i) => row(HEADERS.allListings, { 'item-name': l.name ?? '', 'listing-id': `L${i}`, 'seller-sku': l.sku, 'fulfillment-channel': l.fulfilment === 'AFN' ? 'AMAZON_NA' : 'DEFAULT', status: l.status }))]);
        return faults.gzipCp1252 ? { body: gzipSync(encode(content, 'windows-1252')), gzip: true, charset: 'Cp1252' } : { body: Buffer.from(content), gzip: false, charset: 'UTF-8' };
      }
      case 'GET_FBA_FULFILLMENT_REMOVAL_ORDER_DETAIL_DATA': {
        // Removal orders belong to the seller's home marketplace in this fake.
        const lines = first === home ? seller.removalOrders.filter((r) => inRange(Date.parse(`${r.requestDate}T08:00:00Z`))) : [];
        if (lines.length === 0) return null;
        return plain([HEADERS.removalOrders, ...lines.map((r) => row(HEADERS.removalOrders, { 'request-date': `${r.requestDate}T08:00:00+00:00`, 'order-id': r.orderId, 'order-type': 'Return', 'order-status': r.status, sku: r.sku, 'requested-quantity': String(r.requested ?? ''), 'in-process-quantity': String(r.inProcess ?? '') }))]);
      }
      case 'GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE': {
        const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
        const ddMon = (day: string) => `${day.slice(8, 10)}-${months[Number(day.slice(5, 7)) - 1]}-${day.slice(0, 4)}`;
        // A return belongs to its order's marketplace; a request date counts from noon.
        const returns = seller.returns.filter((r) => (marketplaceOfOrder.get(r.orderId) ?? home) === first && inRange(Date.parse(`${r.requestDate}T12:00:00Z`)));
        if (returns.length === 0) return null;
        // "A-to-Z Claim" is Y / N (report-formats.md §8): Y where the buyer filed an open A-to-z claim.
        const claimed = new Set(seller.claims.filter((c) => c.kind === 'a-to-z' && c.open && c.orderId).map((c) => c.orderId));
        return plain([HEADERS.returns, ...returns.map((r) => row(HEADERS.returns, { 'Order ID': r.orderId, 'Return request date': ddMon(r.requestDate), 'Return request status': r.status, 'Merchant SKU': r.sku ?? '', 'A-to-Z Claim': claimed.has(r.orderId) ? 'Y' : 'N' }))]);
      }
      case 'GET_V2_SELLER_PERFORMANCE_REPORT': {
        // JSON, shaped as accountHealthReport-2020-11-18.json (selling-partner-api-models
        // schemas/reports): accountStatuses[], performanceMetrics[] with orderDefectRate.afn/.mfn
        // (claims.count, chargebacks.count, reportingDateRange) and policy metrics with defectsCount.
        const range = (from: string, to: string) => ({ reportingDateFrom: `${from}T00:00Z`, reportingDateTo: `${to}T23:59Z` });
        const odr = (fulfilment: 'AFN' | 'MFN') => {
          const c = seller.health.claimCounts.find((x) => x.marketplaceId === first && x.fulfilment === fulfilment);
          if (!c) return undefined;
          return { reportingDateRange: range(c.from, c.to), orderCount: 100, orderWithDefects: { count: c.claims + c.chargebacks, status: 'GOOD' }, claims: { count: c.claims, status: 'NONE' }, chargebacks: { count: c.chargebacks, status: 'NONE' }, negativeFeedback: { count: 0, status: 'NONE' }, fulfillmentType: fulfilment.toLowerCase(), status: 'GOOD', rate: 0, targetValue: 0.01, targetCondition: 'LESS_THAN' };
        };
        const metrics: Record<string, unknown> = { marketplaceId: first, orderDefectRate: { afn: odr('AFN'), mfn: odr('MFN') } };
        for (const v of seller.health.policyViolations.filter((x) => x.marketplaceId === first)) {
          metrics[v.name] = { reportingDateRange: range('2026-05-24', '2026-11-19'), defectsCount: v.count, status: v.count > 0 ? 'BAD' : 'GOOD', targetValue: 0, targetCondition: 'EQUALS' };
        }
        const body = { accountStatuses: seller.health.statuses.filter((x) => x.marketplaceId === first), performanceMetrics: [metrics] };
        return { body: Buffer.from(JSON.stringify(body)), gzip: false, charset: 'UTF-8' };
      }
      case 'GET_FBA_REIMBURSEMENTS_DATA': {
        // One reimbursement per closed return in range (report-type values, FBA payments reports).
        const lines = seller.returns.filter((r) => !r.open && inRange(Date.parse(`${r.requestDate}T12:00:00Z`)));
        if (lines.length === 0) return null;
        const header = 'approval-date\treimbursement-id\tcase-id\tamazon-order-id\treason\tsku\tfnsku\tasin\tproduct-name\tcondition\tcurrency-unit\tamount-per-unit\tamount-total\tquantity-reimbursed-cash\tquantity-reimbursed-inventory\tquantity-reimbursed-total';
        return gzipped(type, [header, ...lines.map((r, i) => `${r.requestDate}\tR${i}\t\t${r.orderId}\tCustomerReturn\t${r.sku ?? ''}\t\t\t\tNew\tUSD\t12.00\t12.00\t1\t0\t1`)]);
      }
      case 'GET_LEDGER_DETAIL_VIEW_DATA': {
        if (seller.inventory.length === 0) return null;
        const header = 'Date\tFNSKU\tASIN\tMSKU\tTitle\tEvent Type\tReference ID\tQuantity\tFulfillment Center\tDisposition\tReason\tCountry';
        const day = new Date(end).toISOString().slice(0, 10);
        return gzipped(type, [header, ...seller.inventory.map((i) => `${day}\tX0\tB0\t${i.sku}\t${(i.name ?? '').replace(/\t/g, ' ')}\tAdjustments\t\t${i.fulfillable ?? 0}\tFC1\tSELLABLE\t\tUS`)]);
      }
      default:
        return null;
    }
  }

  /** A document gzipped when the test asks for it (Amazon gzips large documents: compressionAlgorithm). */
  function gzipped(type: string, lines: string[]): NonNullable<FakeReport['document']> {
    const body = Buffer.from(text(lines));
    return faults.gzipReports?.includes(type) ? { body: gzipSync(body), gzip: true, charset: 'UTF-8' } : { body, gzip: false, charset: 'UTF-8' };
  }

  // Settlement reports over the last 90 days (getReports' retention), one per 14-day period, each
  // created the day after its period ends, with the shipped orders of its period.
  const settlements = new Map<string, FakeReport>();
  {
    const today = Math.floor(now() / DAY_MS) * DAY_MS;
    for (let end = today - DAY_MS; end > today - 90 * DAY_MS; end -= SETTLEMENT_DAYS * DAY_MS) {
      const start = end - SETTLEMENT_DAYS * DAY_MS;
      const reportId = String(90000 + settlements.size);
      const orders = seller.orders.filter((o) => o.status === 'Shipped' && o.purchaseTime >= start && o.purchaseTime < end);
      const header = 'settlement-id\tsettlement-start-date\tsettlement-end-date\tdeposit-date\ttotal-amount\tcurrency\ttransaction-type\torder-id\tposted-date\tprice-type\tprice-amount';
      const iso = (ms: number) => new Date(ms).toISOString();
      // The first row is the settlement's summary (report-formats.md §11): a period without orders still has one.
      const lines = [header, `S${reportId}\t${iso(start)}\t${iso(end)}\t${iso(end + 2 * DAY_MS)}\t${(orders.length * 19.99).toFixed(2)}\tUSD\t\t\t\t\t`, ...orders.map((o) => `S${reportId}\t\t\t\t\tUSD\tOrder\t${o.orderId}\t${o.purchaseDate}\tPrincipal\t19.99`)];
      const documentId = `amzn1.spdoc.1.4.na.settlement.${reportId}`;
      const fake: FakeReport = {
        report: { reportId, reportType: SETTLEMENT_REPORT, marketplaceIds: [home], dataStartTime: iso(start), dataEndTime: iso(end - 1000), createdTime: iso(end + DAY_MS), processingStatus: 'DONE', processingEndTime: iso(end + DAY_MS), reportDocumentId: documentId },
        outcome: 'DONE',
        readyAt: 0,
        polls: 0,
        document: gzipped(SETTLEMENT_REPORT, lines),
      };
      settlements.set(reportId, fake);
      documents.set(documentId, fake.document);
    }
  }

  /** createReport, as Amazon judges it. Returns an error message for a 400. */
  function createReport(spec: Reports['CreateReportSpecification']): string | FakeReport {
    const at = now();
    // "The value must be prior to or equal to the current date and time" (CreateReportSpecification,
    // dataStartTime and dataEndTime; the default is now).
    const start = spec.dataStartTime ? Date.parse(spec.dataStartTime) : at;
    const end = spec.dataEndTime ? Date.parse(spec.dataEndTime) : at;
    if (start > at) return `dataStartTime ${spec.dataStartTime} is in the future`;
    if (end > at) return `dataEndTime ${spec.dataEndTime} is in the future`;
    if (start > end) return 'dataStartTime is after dataEndTime';
    if (spec.reportType === SETTLEMENT_REPORT) return `${SETTLEMENT_REPORT} cannot be requested: settlement reports are only listed and downloaded`;
    // One marketplace per report: "only the first marketplaceId in the list will be accepted"
    // (report-type values, inventory reports, for GET_MERCHANT_LISTINGS_ALL_DATA; seen for FBA and
    // listings reports alike in selling-partner-api-models #1998). Returns and removals likewise.
    const marketplaceIds = ONE_MARKETPLACE_REPORTS.has(spec.reportType) ? spec.marketplaceIds.slice(0, 1) : spec.marketplaceIds;
    const reportId = String(50000 + reports.size);
    let outcome: FakeReport['outcome'] = 'DONE';
    let document: FakeReport['document'] = null;
    if (faults.fatalReports.includes(spec.reportType)) outcome = 'FATAL';
    // Order reports cover at most 30 days; a longer range gets an empty report, not an error
    // (selling-partner-api-models #385: 31 days; #2591: "Date range exceeded. Report can be
    // requested only upto 30 days").
    else if (ORDER_REPORTS.has(spec.reportType) && end - start > 30 * DAY_MS) outcome = 'CANCELLED';
    // Returns: "You can request up to 60 days of data in a single report" (Returns reports
    // documentation, report-formats.md §2); beyond it the fake answers as for orders.
    else if (spec.reportType === 'GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE' && end - start > 60 * DAY_MS) outcome = 'CANCELLED';
    // An FBA report is generated at most once every 30 minutes: asked for again sooner after one
    // was generated, it comes back CANCELLED (issue 19; selling-partner-api-docs #2803; #4032 saw
    // FATAL and says to find the earlier report with getReports).
    else if (FBA_REPORTS.has(spec.reportType) && [...reports.values()].some((r) => r.outcome === 'DONE' && r.report.reportType === spec.reportType && r.report.marketplaceIds?.[0] === marketplaceIds[0] && at - Date.parse(r.report.createdTime) < 30 * 60_000)) outcome = 'CANCELLED';
    else {
      document = documentOf(spec.reportType, marketplaceIds, start, end);
      // "an automatic cancellation if there is no data to return" (processingStatus CANCELLED).
      if (!document) outcome = 'CANCELLED';
    }
    const report: FakeReport = {
      report: {
        reportId,
        reportType: spec.reportType,
        marketplaceIds,
        dataStartTime: new Date(start).toISOString(),
        dataEndTime: new Date(end).toISOString(),
        createdTime: new Date(at).toISOString(),
        processingStatus: 'IN_QUEUE',
      },
      outcome,
      readyAt: at + faults.reportDelayMs,
      polls: 0,
      document,
    };
    reports.set(reportId, report);
    return report;
  }

  /** The report as getReport shows it now: IN_QUEUE, IN_PROGRESS, then its outcome. */
  function current(fake: FakeReport): Reports['Report'] {
    if (fake.report.processingStatus === 'IN_QUEUE' || fake.report.processingStatus === 'IN_PROGRESS') {
      if (fake.polls >= 2 && now() >= fake.readyAt) {
        fake.report.processingStatus = fake.outcome;
        fake.report.processingEndTime = new Date(now()).toISOString();
        if (fake.outcome === 'DONE') {
          const documentId = `amzn1.spdoc.1.4.na.${fake.report.reportId}`;
          documents.set(documentId, fake.document);
          fake.report.reportDocumentId = documentId;
        }
      } else if (fake.polls >= 1) fake.report.processingStatus = 'IN_PROGRESS';
    }
    return fake.report;
  }

  async function handle(req: IncomingMessage, res: ServerResponse, body: string, record: Partial<FakeRequest>): Promise<void> {
    const url = new URL(req.url ?? '/', base);
    const path = url.pathname;
    if (req.method === 'POST' && path === '/auth/o2/token') {
      const params = req.headers['content-type']?.includes('json') ? (JSON.parse(body) as Record<string, string>) : Object.fromEntries(new URLSearchParams(body));
      if (params.client_id !== FAKE_CREDENTIALS.SP_API_CLIENT_ID || params.client_secret !== FAKE_CREDENTIALS.SP_API_CLIENT_SECRET) {
        return json(res, 401, { error: 'invalid_client', error_description: 'Client authentication failed' });
      }
      if (faults.revoked || params.refresh_token !== FAKE_CREDENTIALS.SP_API_REFRESH_TOKEN) {
        // Amazon echoes nothing secret here; the adapter scrubs its messages all the same.
        return json(res, 400, { error: 'invalid_grant', error_description: `The request has an invalid grant parameter : refresh_token ${params.refresh_token}` });
      }
      tokenCount += 1;
      const token = `Atza|fake-access-token-${tokenCount}`;
      tokens.set(token, now() + faults.tokenLifetime * 1000);
      return json(res, 200, { access_token: token, token_type: 'bearer', expires_in: faults.tokenLifetime, refresh_token: FAKE_CREDENTIALS.SP_API_REFRESH_TOKEN });
    }
    if (path.startsWith('/documents-download/')) {
      const id = decodeURIComponent(path.split('/')[2]!);
      const doc = documents.get(id);
      if (!doc) return json(res, 404, {});
      const served = (downloads.get(id) ?? 0) + 1;
      downloads.set(id, served);
      // A transfer damaged on the way: one byte flipped in the middle of a gzipped document.
      if (doc.gzip && served <= (faults.damagedDownloads ?? 0)) {
        const damaged = Buffer.from(doc.body);
        const at = Math.floor(damaged.length / 2);
        damaged[at] = damaged[at]! ^ 0xff;
        res.writeHead(200, { 'content-type': `text/plain;charset=${doc.charset}` }).end(damaged);
        return;
      }
      res.writeHead(200, { 'content-type': `text/plain;charset=${doc.charset}` }).end(doc.body);
      return;
    }
    // Held to Amazon's model: required parameters, types, enums, array sizes, ranges, date-time
    // formats, the body's schema (answered below, after the token and the throttle).
    const modelCheck = MODELS_PRESENT ? checkRequest(req.method ?? 'GET', url, body) : null;
    record.operation = modelCheck?.operation?.operationId ?? null;
    const token = req.headers['x-amz-access-token'] as string | undefined;
    const expiry = token ? tokens.get(token) : undefined;
    if (expiry === undefined) return error(res, 403, 'Unauthorized', 'Access to requested resource is denied.', 'Access token is missing in the request header.');
    if (expiry < now()) return error(res, 403, 'Unauthorized', 'Access to requested resource is denied.', 'The access token you provided has expired.');
    if (faults.expireFirstTokenAfter && token === 'Atza|fake-access-token-1' && ++firstTokenUses > faults.expireFirstTokenAfter) {
      tokens.set(token, 0);
      return error(res, 403, 'Unauthorized', 'Access to requested resource is denied.', 'The access token you provided has expired.');
    }

    const operationId = modelCheck?.operation?.operationId ?? `${req.method} ${path}`;
    const count = (calls.get(operationId) ?? 0) + 1;
    calls.set(operationId, count);
    total += 1;
    if (count <= faults.throttleFirst) return error(res, 429, 'QuotaExceeded', 'You exceeded your quota for the requested resource.');
    if (faults.latencyMs) await options.sleep!(faults.latencyMs);
    if (faults.enforceRates && !takeToken(operationId)) return error(res, 429, 'QuotaExceeded', 'You exceeded your quota for the requested resource.');
    if (faults.every503 && total % faults.every503 === 0) return error(res, 503, 'ServiceUnavailable', 'Service temporarily unavailable.');
    if (faults.slowMs && total % 4 === 0) await new Promise((r) => setTimeout(r, faults.slowMs));
    if (modelCheck && modelCheck.problems.length > 0) {
      record.problems = modelCheck.problems;
      return error(res, 400, 'InvalidInput', modelCheck.problems.join('; '));
    }
    const invalid = (message: string) => {
      record.problems = [message];
      return error(res, 400, 'InvalidInput', message);
    };
    // x-amzn-RateLimit-Limit on a 200: the usage plan applied, here the model's default.
    const plan = (USAGE_PLANS as Record<string, { rate: number }>)[operationId];
    const ok = (payload: unknown, status = 200) => json(res, status, payload, plan ? { 'x-amzn-ratelimit-limit': String(plan.rate) } : {});

    if (req.method === 'GET' && path === '/sellers/v1/marketplaceParticipations') {
      const response: Sellers['GetMarketplaceParticipationsResponse'] = {
        payload: seller.participations.map((p) => {
          const m = marketplaceById(p.marketplaceId)!;
          return {
            marketplace: { id: m.id, name: m.domain.replace(/^amazon/, 'Amazon'), countryCode: m.country === 'UK' ? 'GB' : m.country, defaultCurrencyCode: 'USD', defaultLanguageCode: 'en_US', domainName: `www.${m.domain}` },
            participation: { isParticipating: p.participating, hasSuspendedListings: false },
            storeName: seller.account.displayName ?? 'Store',
          };
        }),
      };
      return ok(response);
    }
    if (req.method === 'GET' && path === '/sellers/v1/account') {
      const response: Sellers['GetAccountResponse'] = { payload: { marketplaceParticipationList: [], businessType: 'PRIVATE_LIMITED', sellingPlan: 'PROFESSIONAL' } };
      return ok(response);
    }
    if (req.method === 'GET' && path === '/orders/2026-01-01/orders') {
      const q = url.searchParams;
      // "You must provide exactly one of createdAfter and lastUpdatedAfter"; createdBefore "must
      // be equal to or after the createdAfter date and at least two minutes before the time of
      // the request" (orders_2026-01-01.json, searchOrders).
      if ((q.has('createdAfter') ? 1 : 0) + (q.has('lastUpdatedAfter') ? 1 : 0) !== 1) return invalid('exactly one of createdAfter and lastUpdatedAfter');
      const after = Date.parse(q.get('createdAfter') ?? q.get('lastUpdatedAfter')!);
      const before = q.has('createdBefore') ? Date.parse(q.get('createdBefore')!) : now() - 2 * 60_000;
      if (before < after) return invalid('createdBefore is before createdAfter');
      if (before > now() - 2 * 60_000) return invalid('createdBefore must be at least two minutes before the time of the request');
      const wanted = new Set((q.get('fulfillmentStatuses') ?? '').split(',').filter(Boolean));
      const marketplaces = new Set((q.get('marketplaceIds') ?? '').split(',').filter(Boolean));
      // Without includedData=FULFILLMENT the answer holds basic information only (the model's
      // includedData: "A list of datasets to include in the response").
      const fulfilment = (q.get('includedData') ?? '').split(',').includes('FULFILLMENT');
      const matching = seller.orders.filter((o) => (wanted.size === 0 || wanted.has(FULFILMENT_STATUS[o.status]!)) && (marketplaces.size === 0 || marketplaces.has(o.marketplaceId ?? home)) && o.purchaseTime >= after && o.purchaseTime <= before);
      const { slice, next } = page(matching, q.get('paginationToken'));
      const response: Orders['SearchOrdersResponse'] = {
        orders: slice.map((o) => ({
          orderId: o.orderId,
          createdTime: o.purchaseDate,
          lastUpdatedTime: o.purchaseDate,
          salesChannel: { channelName: 'AMAZON', marketplaceId: o.marketplaceId ?? undefined },
          ...(fulfilment ? { fulfillment: { fulfillmentStatus: FULFILMENT_STATUS[o.status]!, fulfilledBy: o.fulfilment === 'AFN' ? 'AMAZON' : 'MERCHANT' } } : {}),
          orderItems: [],
        })),
        ...(next ? { pagination: { nextToken: next } } : {}),
      };
      return ok(response);
    }
    if (req.method === 'GET' && path === '/fba/inventory/v1/summaries') {
      // Quantities "reflect inventory that could be fulfilled in the given marketplace"
      // (fbaInventory.json): a SKU's units show in its own marketplace; elsewhere it shows zero.
      const marketplaceId = url.searchParams.get('marketplaceIds')!;
      const items = seller.inventory.map((i) => ((i.marketplaceId ?? home) === marketplaceId ? i : { ...i, fulfillable: 0, unfulfillable: 0, reserved: 0, inboundWorking: 0, inboundShipped: 0, inboundReceiving: 0, researching: 0 }));
      const { slice, next } = page(items, url.searchParams.get('nextToken'));
      const response: Inventory['GetInventorySummariesResponse'] = {
        payload: {
          granularity: { granularityType: 'Marketplace', granularityId: url.searchParams.get('granularityId') ?? '' },
          inventorySummaries: slice.map((i) => ({
            sellerSku: i.sku,
            productName: i.name ?? undefined,
            condition: 'NewItem',
            totalQuantity: (i.fulfillable ?? 0) + (i.unfulfillable ?? 0) + (i.reserved ?? 0) + (i.inboundShipped ?? 0),
            inventoryDetails: {
              fulfillableQuantity: i.fulfillable ?? 0,
              inboundWorkingQuantity: i.inboundWorking ?? 0,
              inboundShippedQuantity: i.inboundShipped ?? 0,
              inboundReceivingQuantity: i.inboundReceiving ?? 0,
              reservedQuantity: { totalReservedQuantity: i.reserved ?? 0 },
              researchingQuantity: { totalResearchingQuantity: i.researching ?? 0 },
              unfulfillableQuantity: { totalUnfulfillableQuantity: i.unfulfillable ?? 0 },
            },
          })),
        },
        ...(next ? { pagination: { nextToken: next } } : {}),
      };
      return ok(response);
    }
    if (req.method === 'POST' && path === '/reports/2021-06-30/reports') {
      const created = createReport(JSON.parse(body) as Reports['CreateReportSpecification']);
      if (typeof created === 'string') return invalid(created);
      const response: Reports['CreateReportResponse'] = { reportId: created.report.reportId };
      return ok(response, 202);
    }
    if (req.method === 'GET' && path === '/reports/2021-06-30/reports') {
      // getReports: newest first, filtered as the model describes; the default createdSince is 90 days ago.
      // nextToken: "include this token as the only parameter. Specifying nextToken with any other
      // parameters will cause the request to fail" (getReports, nextToken). The token carries the
      // first page's query and where the next page starts.
      let q = url.searchParams;
      let offset = 0;
      if (q.has('nextToken')) {
        if ([...q.keys()].some((key) => key !== 'nextToken')) return invalid('nextToken must be the only parameter');
        let saved: { query: string; offset: number };
        try {
          saved = JSON.parse(Buffer.from(q.get('nextToken')!, 'base64url').toString()) as { query: string; offset: number };
        } catch {
          return invalid('invalid nextToken');
        }
        q = new URLSearchParams(saved.query);
        offset = saved.offset;
      }
      const types = new Set((q.get('reportTypes') ?? '').split(',').filter(Boolean));
      const statuses = new Set((q.get('processingStatuses') ?? '').split(',').filter(Boolean));
      const marketplaces = new Set((q.get('marketplaceIds') ?? '').split(',').filter(Boolean));
      const since = q.has('createdSince') ? Date.parse(q.get('createdSince')!) : now() - 90 * DAY_MS;
      // "Reports are retained for a maximum of 90 days" (createdSince).
      if (since < now() - 90 * DAY_MS - DAY_MS) return invalid('createdSince is more than 90 days ago');
      const matching = [...[...reports.values()].map(current), ...[...settlements.values()].map((r) => r.report)]
        .filter((r) => types.has(r.reportType) && (statuses.size === 0 || statuses.has(r.processingStatus)) && (marketplaces.size === 0 || (r.marketplaceIds ?? []).some((m) => marketplaces.has(m))) && Date.parse(r.createdTime) >= since)
        .sort((a, b) => Date.parse(b.createdTime) - Date.parse(a.createdTime));
      // pageSize: default 10, at most 100 (the model).
      const size = Math.min(Number(q.get('pageSize') ?? 10), faults.reportsPageSize ?? 100);
      const more = offset + size < matching.length;
      const response: Reports['GetReportsResponse'] = {
        reports: matching.slice(offset, offset + size),
        ...(more ? { nextToken: Buffer.from(JSON.stringify({ query: q.toString(), offset: offset + size })).toString('base64url') } : {}),
      };
      return ok(response);
    }
    const reportMatch = /^\/reports\/2021-06-30\/reports\/(\d+)$/.exec(path);
    if (req.method === 'GET' && reportMatch) {
      const settled = settlements.get(reportMatch[1]!);
      if (settled) return ok(settled.report);
      const fake = reports.get(reportMatch[1]!);
      if (!fake) return error(res, 404, 'NotFound', 'No report');
      fake.polls += 1;
      return ok(current(fake));
    }
    const documentMatch = /^\/reports\/2021-06-30\/documents\/(.+)$/.exec(path);
    if (req.method === 'GET' && documentMatch) {
      const id = decodeURIComponent(documentMatch[1]!);
      const doc = documents.get(id);
      if (!doc) return error(res, 404, 'NotFound', 'No such report document');
      const response: Reports['ReportDocument'] = { reportDocumentId: id, url: `${base}/documents-download/${encodeURIComponent(id)}`, ...(doc.gzip ? { compressionAlgorithm: 'GZIP' as const } : {}) };
      return ok(response);
    }
    const searchMatch = /^\/listings\/2021-08-01\/items\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && searchMatch) {
      if (decodeURIComponent(searchMatch[1]!) !== FAKE_CREDENTIALS.SP_API_SELLER_ID) return error(res, 403, 'Unauthorized', 'Not your seller ID');
      const marketplaceId = url.searchParams.get('marketplaceIds')!.split(',')[0]!;
      const items = [...listed].filter((key) => key.endsWith(`@${marketplaceId}`)).map((key) => key.slice(0, key.lastIndexOf('@')));
      // pageSize: "Default: 10", at most 20 (the model's maximum).
      const size = Number(url.searchParams.get('pageSize') ?? 10);
      const response: Listings['ItemSearchResults'] = { numberOfResults: Math.min(items.length, 1000), items: items.slice(0, size).map((sku) => ({ sku, summaries: [] })) };
      return ok(response);
    }
    const itemMatch = /^\/listings\/2021-08-01\/items\/([^/]+)\/([^/]+)$/.exec(path);
    if (itemMatch) {
      const sku = decodeURIComponent(itemMatch[2]!);
      if (decodeURIComponent(itemMatch[1]!) !== FAKE_CREDENTIALS.SP_API_SELLER_ID) return error(res, 403, 'Unauthorized', 'Not your seller ID');
      // marketplaceIds: at most one for DELETE (the model's maxItems); getListingsItem answers for
      // one marketplace only whatever it is given (selling-partner-api-models #3008).
      const marketplaceId = url.searchParams.get('marketplaceIds')!.split(',')[0]!;
      const key = `${sku}@${marketplaceId}`;
      if (req.method === 'DELETE') {
        // DELETE declares 200, 400, 403, 413, 415, 429, 500, 503: no 404. A submission "not valid
        // and ... not accepted for processing" is a 200 with status INVALID (ListingsItemSubmissionResponse).
        if (!listed.has(key) || faults.invalidDeletes.includes(sku)) {
          const response: Listings['ListingsItemSubmissionResponse'] = { sku, status: 'INVALID', submissionId: `sub-${sku}-invalid`, issues: [{ code: '4000004', message: `SKU ${sku} is not listed in marketplace ${marketplaceId}.`, severity: 'ERROR', categories: ['INVALID_ATTRIBUTE'] }] };
          return ok(response);
        }
        deletes.set(key, (deletes.get(key) ?? 0) + 1);
        looksSinceDelete.set(key, 0);
        const response: Listings['ListingsItemSubmissionResponse'] = { sku, status: 'ACCEPTED', submissionId: `sub-${sku}-${deletes.get(key)}`, issues: [] };
        return ok(response);
      }
      if (req.method === 'GET') {
        const looks = looksSinceDelete.get(key);
        if (looks !== undefined && looks >= 1) listed.delete(key);
        if (!listed.has(key)) return error(res, 404, 'NOT_FOUND', `SKU ${sku} not found in marketplace ${marketplaceId}`);
        if (looks !== undefined) looksSinceDelete.set(key, looks + 1);
        const response: Listings['Item'] = { sku, summaries: [] };
        return ok(response);
      }
    }
    if (req.method === 'GET' && path === '/finances/2024-06-19/balances') {
      if (faults.noListBalances) return error(res, 404, 'NotFound', 'Resource not found');
      const response: Finances['ListBalancesResponse'] = {
        balances: seller.balance.map((b) => ({
          partnerMetadata: { partnerId: 'XXXXXXXXXXXXXX', accountType: 'Standard Orders', marketplaceId: b.marketplaceId ?? undefined },
          balanceType: 'TOTAL',
          amount: { currencyAmount: b.amount + b.reserved, currencyCode: b.currency },
          balances: [
            { balanceType: 'AVAILABLE', amount: { currencyAmount: b.amount, currencyCode: b.currency } },
            { balanceType: 'RESERVED', amount: { currencyAmount: b.reserved, currencyCode: b.currency } },
          ],
        })),
      };
      return ok(response);
    }
    if (req.method === 'GET' && (path === '/finances/v0/financialEvents' || path === '/finances/2024-06-19/transactions') && faults.noFinances) {
      return error(res, 403, 'Unauthorized', 'Access to requested resource is denied.', 'The application does not have the Finance and Accounting role.');
    }
    if (req.method === 'GET' && path === '/finances/v0/financialEvents') {
      // listFinancialEvents (financesV0.json): PostedAfter "must be more than two minutes before the
      // time of the request"; PostedBefore defaults to two minutes before it; "If PostedAfter and
      // PostedBefore are more than 180 days apart, the response is empty"; NextToken pages.
      const q = url.searchParams;
      const after = q.has('PostedAfter') ? Date.parse(q.get('PostedAfter')!) : null;
      const before = q.has('PostedBefore') ? Date.parse(q.get('PostedBefore')!) : now() - 2 * 60_000;
      if (after !== null && after > now() - 2 * 60_000) return invalid('PostedAfter must be more than two minutes before the time of the request');
      if (q.has('PostedBefore') && after === null) return invalid('PostedAfter is required with PostedBefore');
      const inRange = (day: string) => {
        const time = Date.parse(`${day}T12:00:00Z`);
        return (after === null || time >= after) && time < before;
      };
      const tooLong = after !== null && before - after > 180 * DAY_MS;
      type Event = { list: 'GuaranteeClaimEventList' | 'ChargebackEventList' | 'SAFETReimbursementEventList' | 'ProductAdsPaymentEventList' | 'ServiceFeeEventList'; body: unknown };
      const all: Event[] = tooLong ? [] : [
        // Only a decided claim posts an event (money moved): an open claim is in none.
        ...seller.claims.filter((c) => !c.open && inRange(c.openedOn)).map((c): Event => {
          const posted = `${c.openedOn}T12:00:00Z`;
          if (c.kind === 'safe-t') return { list: 'SAFETReimbursementEventList', body: { PostedDate: posted, SAFETClaimId: c.claimId, ReimbursedAmount: { CurrencyCode: 'USD', CurrencyAmount: 12.5 }, ReasonCode: 'ReturnPostDeliveryComingledReturn' } };
          return { list: c.kind === 'a-to-z' ? 'GuaranteeClaimEventList' : 'ChargebackEventList', body: { AmazonOrderId: c.orderId ?? c.claimId, PostedDate: posted, MarketplaceName: 'Amazon.com' } };
        }),
        ...seller.charges.filter((c) => c.kind === 'ads' && inRange(c.postedOn)).map((c): Event => ({ list: 'ProductAdsPaymentEventList', body: { postedDate: `${c.postedOn}T08:00:00Z`, transactionType: 'Charge', invoiceId: `INV-${c.postedOn}`, baseValue: { CurrencyCode: c.currency, CurrencyAmount: c.amount }, taxValue: { CurrencyCode: c.currency, CurrencyAmount: 0 }, transactionValue: { CurrencyCode: c.currency, CurrencyAmount: c.amount } } })),
        // ServiceFeeEvent has no date of its own in the model.
        ...seller.charges.filter((c) => c.kind === 'subscription' && inRange(c.postedOn)).map((c): Event => ({ list: 'ServiceFeeEventList', body: { FeeReason: 'Subscription', FeeList: [{ FeeType: 'Subscription', FeeAmount: { CurrencyCode: c.currency, CurrencyAmount: c.amount } }] } })),
      ];
      const { slice, next } = page(all, q.get('NextToken'));
      const events: Record<string, unknown[]> = {};
      for (const e of slice) (events[e.list] ??= []).push(e.body);
      return ok({ payload: { FinancialEvents: events, ...(next ? { NextToken: next } : {}) } });
    }
    if (req.method === 'GET' && path === '/finances/2024-06-19/transactions') {
      // listTransactions (finances_2024-06-19.json): postedAfter is required without a related
      // identifier; transactionStatus DEFERRED filters (since June 2025); DeferredContext.maturityDate
      // is the release date; nextToken in the payload.
      const q = url.searchParams;
      if (!q.has('postedAfter') && !q.has('relatedIdentifierName')) return invalid('postedAfter is required');
      const status = q.get('transactionStatus');
      const deferred = status === null || status === 'DEFERRED' ? seller.deferred : [];
      const { slice, next } = page(deferred, q.get('nextToken'));
      const response: Finances['ListTransactionsResponse'] = {
        payload: {
          transactions: slice.map((d, i) => ({
            transactionType: 'Shipment',
            transactionId: `tx-deferred-${i}`,
            transactionStatus: 'DEFERRED',
            description: d.description ?? 'Order Payment',
            postedDate: new Date(now() - 5 * DAY_MS).toISOString(),
            totalAmount: { currencyAmount: d.amount, currencyCode: d.currency },
            contexts: d.maturesOn ? [{ contextType: 'DeferredContext', deferralReason: 'DD7', maturityDate: `${d.maturesOn}T00:00:00Z` } as Finances['Context']] : [],
          })),
          ...(next ? { nextToken: next } : {}),
        },
      };
      return ok(response);
    }
    if (req.method === 'GET' && path === '/finances/v0/financialEventGroups') {
      return ok({ payload: { FinancialEventGroupList: seller.balance.map((b) => ({ ProcessingStatus: 'Open', OriginalTotal: { CurrencyCode: b.currency, CurrencyAmount: b.amount + b.reserved } })) } });
    }
    if (req.method === 'GET' && path === '/finances/v0/financialEvents') {
      // PostedBefore "must be later than PostedAfter and more than two minutes before the request
      // was submitted. If PostedAfter and PostedBefore are more than 180 days apart, the response is
      // empty"; NextToken pages (financesV0.json, listFinancialEvents).
      const q = url.searchParams;
      const after = q.has('PostedAfter') ? Date.parse(q.get('PostedAfter')!) : null;
      const before = q.has('PostedBefore') ? Date.parse(q.get('PostedBefore')!) : now() - 2 * 60_000;
      if (q.has('PostedBefore') && after === null) return invalid('PostedBefore needs PostedAfter');
      if (before > now() - 2 * 60_000) return invalid('PostedBefore must be more than two minutes before the request');
      if (after !== null && before <= after) return invalid('PostedBefore must be later than PostedAfter');
      const tooLong = after !== null && before - after > 180 * DAY_MS;
      const events = tooLong ? [] : seller.orders.filter((o) => o.status === 'Shipped' && (after === null || o.purchaseTime >= after) && o.purchaseTime < before);
      const { slice, next } = page(events, q.get('NextToken'));
      return ok({
        payload: {
          FinancialEvents: { ShipmentEventList: slice.map((o) => ({ AmazonOrderId: o.orderId, PostedDate: o.purchaseDate, MarketplaceName: domain(o.marketplaceId) })) },
          ...(next ? { NextToken: next } : {}),
        },
      });
    }
    return error(res, 404, 'NotFound', `No route ${req.method} ${path}`);
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const record: Partial<FakeRequest> = { operation: null, problems: [] };
      res.on('finish', () =>
        requests.push({ method: req.method ?? '', path: req.url ?? '', status: res.statusCode, token: req.headers['x-amz-access-token'] as string | undefined, operation: record.operation ?? null, body, problems: record.problems ?? [] }),
      );
      handle(req, res, body, record).catch((err: Error) => json(res, 500, { errors: [{ code: 'InternalFailure', message: err.message }] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;
  return {
    url: base,
    lwaUrl: `${base}/auth/o2/token`,
    // The built program waits for nothing here: the fake's rate waits pass at once (clock.ts).
    env: { ...FAKE_CREDENTIALS, SP_API_ENDPOINT: base, SP_API_LWA_ENDPOINT: `${base}/auth/o2/token`, CLOSE_ACCOUNT_TEST_NO_WAIT: '1' },
    requests,
    deletes,
    reports: () => [...reports.values()].map((r) => ({ ...r.report })),
    settlementReports: () => [...settlements.values()].map((r) => ({ ...r.report })),
    downloads,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
