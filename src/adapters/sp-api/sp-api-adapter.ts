// Live seller data from Amazon's Selling Partner API (--adapter sp-api), with the fewest calls
// that answer the checks: open orders from one filtered searchOrders query per marketplace
// group; the last sale, listings, removals and returns from reports (created together at the
// start, so they are produced while the rest is read); FBA stock from the inventory summaries;
// the balance from Finances; claims, charges and deferred money from financial events and
// transactions, account health from the seller performance report (issue 17).
//
// Amazon's limits shape every request (issue 19): order reports cover at most 30 days each
// (selling-partner-api-models #385, #2591), so the look-back is read in 30-day windows, newest
// first, each with an explicit dataEndTime; the returns report at most 60 days (Returns reports
// documentation); listings, returns and removals reports serve one marketplace each (report-type
// documentation, #1998), so there is one report per marketplace, merged. Dates are never later
// than now (createReport: "must be prior to or equal to the current date and time"): the data is
// as of now whatever --as-of says. A report Amazon did not produce leaves its checks unknown.

import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OPEN_ORDER_STATUSES } from '../../core/checks/orders-summary.js';
import { addDays, toIsoDate } from '../../core/dates.js';
import { UsageError } from '../../errors.js';
import type { MessageRef } from '../../core/message-ref.js';
import type { AccountHealth, BalanceEntry, Charge, Claim, DeferredFunds, InventoryItem, Listing, MarketplaceParticipation, OpenOrderStatus, Order, OrderStatus, Provision } from '../../core/seller-data.js';
import type { RecordStream } from '../../core/seller-data-source.js';
import type { SellerDataSource } from '../../core/seller-data-source.js';
import type { Translate } from '../../messages/catalogue.js';
import { readOrders, type OrdersReading } from '../reports/orders-report.js';
import type { ReportFile } from '../reports/report-file.js';
import { claimsOf, listingsOf, removalsOf, returnsOf, showsClaims } from '../reports/report-readers.js';
import { REAL_CLOCK, type Clock } from './clock.js';
import type { definitions as Finances } from './models/finances.js';
import type { definitions as FinancesV0 } from './models/financesV0.js';
import type { definitions as Orders } from './models/orders.js';
import type { definitions as Sellers } from './models/sellers.js';
import { RateLimiter, type RateSnapshot } from './rate-limiter.js';
import { SpApiError } from './sp-api-client.js';
import { parsePerformanceReport, readDeferredTransactions, readFinancialEvents, reportText, type FinancialEvidence } from './sp-api-evidence.js';
import { inventorySummaries, noListingsIn, openSpApiSession } from './sp-api-session.js';
import { fetchReport, FinishedReports, type PollOptions, type ReportOutcome, type ReportRequest } from './sp-api-reports.js';
import type { SpApiSettings } from './sp-api-settings.js';

export interface SpApiAdapterOptions {
  settings: SpApiSettings;
  t: Translate;
  asOf: string;
  /** Progress and the call count, for stderr. */
  note: (message: string) => void;
  verbose: boolean;
  userAgent: string;
  /** Report polling, shortened by tests. */
  poll?: PollOptions;
  /** Time and waiting; tests pass a virtual clock. */
  clock?: Clock;
  /** Rate buckets an earlier run left, and where to leave this run's. */
  rates?: RateSnapshot;
  saveRates?: (snapshot: RateSnapshot) => void;
}

const DAY_MS = 86_400_000;
/** How far back orders are read (the 90-day window and the open-order look-back). */
const ORDERS_DAYS = 120;
/** Order reports: at most 30 days per request (selling-partner-api-models #385, #2591). */
export const ORDER_REPORT_DAYS = 30;
/** Removals requested this long ago may still be in flight. */
const REMOVALS_DAYS = 540;
/** Returns report: "You can request up to 60 days of data in a single report" (report-formats.md §2). */
export const RETURNS_REPORT_DAYS = 60;
/** searchOrders' createdBefore must be "at least two minutes before the time of the request"; reports end there too. */
const END_MARGIN_MS = 2 * 60_000;
/** A window with more orders than this is not read through searchOrders (0.0056 requests/s). */
const SEARCH_WINDOW_PAGES = 5;

const ORDERS_REPORT = 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL';
const LISTINGS_REPORT = 'GET_MERCHANT_LISTINGS_ALL_DATA';
const REMOVALS_REPORT = 'GET_FBA_FULFILLMENT_REMOVAL_ORDER_DETAIL_DATA';
const RETURNS_REPORT = 'GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE';
/** Account status, policy violations and claim counts, as JSON (accountHealthReport-2020-11-18.json). */
const PERFORMANCE_REPORT = 'GET_V2_SELLER_PERFORMANCE_REPORT';

// Amazon's fulfillment statuses (orders 2026-01-01) in ours: open ones only to open ones.
const OPEN_STATUSES: Record<string, OpenOrderStatus> = {
  PENDING_AVAILABILITY: 'PendingAvailability',
  PENDING: 'Pending',
  UNSHIPPED: 'Unshipped',
  PARTIALLY_SHIPPED: 'PartiallyShipped',
};
const SETTLED_STATUSES: Record<string, Exclude<OrderStatus, OpenOrderStatus>> = { SHIPPED: 'Shipped', CANCELLED: 'Canceled', UNFULFILLABLE: 'Unfulfillable' };

/** An ISO 8601 date-time to the second, as the models' examples write it. */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * The order windows from `end` back to `start`, newest first, each at most 30 days. The older
 * windows begin and end at UTC midnight, so that a re-run the same day asks for the very same
 * periods and Amazon's reports of the earlier run can be read again (issue 17); only the newest
 * window, which ends now, moves. It starts 29 days before today's midnight (29 days and the hours
 * of today: under 30).
 */
export function orderWindows(startMs: number, endMs: number): { start: number; end: number }[] {
  const windows: { start: number; end: number }[] = [];
  let end = endMs;
  let start = Math.floor(endMs / DAY_MS) * DAY_MS - (ORDER_REPORT_DAYS - 1) * DAY_MS;
  while (end > startMs) {
    windows.push({ start: Math.max(startMs, start), end });
    end = start;
    start -= ORDER_REPORT_DAYS * DAY_MS;
  }
  return windows;
}

type Settled<T> = { value: T } | { error: unknown };

export async function createSpApiAdapter(options: SpApiAdapterOptions): Promise<SellerDataSource> {
  const { settings, t } = options;
  const clock = options.clock ?? REAL_CLOCK;
  // Amazon answers with today's data: an as-of further back than one look-back costs an order
  // report per 30 days up to today, at one createReport a minute, and can only end "before the
  // data's own records" hours later. Refused before the first call.
  const earliest = addDays(toIsoDate(new Date(clock.now())), -ORDERS_DAYS);
  if (options.asOf < earliest) throw new UsageError(t('error.as-of-too-early-live', { asOf: options.asOf, earliest, days: ORDERS_DAYS }), t('error.as-of-too-early-live-hint'));
  // The marketplaces come first: every other call is per marketplace.
  const { client, token, inRegion, marketplaceIds } = await openSpApiSession({ settings, t, userAgent: options.userAgent, clock, rates: options.rates, note: options.note });
  const dir = mkdtempSync(join(tmpdir(), 'close-account-sp-api-'));

  // Data as of now: no date sent to Amazon is later than now, whatever the as-of day.
  const endMs = clock.now() - END_MARGIN_MS;
  const end = isoSeconds(endMs);
  // A later as-of moves the clock, not the data: the look-back ends now, as the data does.
  const readOn = toIsoDate(new Date(endMs));
  const sinceDay = addDays(options.asOf < readOn ? options.asOf : readOn, -ORDERS_DAYS);
  const sinceMs = Math.min(Date.parse(`${sinceDay}T00:00:00Z`), endMs);

  // Reports take minutes at Amazon: ask for all of them now, read each when its check comes.
  const settle = <T>(promise: Promise<T>): Promise<Settled<T>> => promise.then((value) => ({ value }), (error: unknown) => ({ error }));
  const finished = new FinishedReports(client, [ORDERS_REPORT, LISTINGS_REPORT, REMOVALS_REPORT, RETURNS_REPORT], marketplaceIds);
  // Reports of the last hours, asked for once (getReports with createdSince) and read again where
  // they cover the same request: a re-run makes no createReport (issue 17).
  const recent = FinishedReports.recent(client, [ORDERS_REPORT, LISTINGS_REPORT, REMOVALS_REPORT, RETURNS_REPORT, PERFORMANCE_REPORT], marketplaceIds);
  const report = (request: ReportRequest) => settle(fetchReport(client, settings, request, dir, t, options.poll, finished, recent));
  const perMarketplace = (reportType: string, days: number | null) =>
    marketplaceIds.map((marketplaceId) => ({
      marketplaceId,
      outcome: report({ reportType, marketplaceIds: [marketplaceId], ...(days === null ? {} : { dataStartTime: isoSeconds(endMs - days * DAY_MS), dataEndTime: end }) }),
    }));
  const windows = orderWindows(sinceMs, endMs);
  const reports =
    marketplaceIds.length === 0
      ? null
      : {
          orders: windows.map((w) => ({ ...w, outcome: report({ reportType: ORDERS_REPORT, marketplaceIds, dataStartTime: isoSeconds(w.start), dataEndTime: isoSeconds(w.end) }) })),
          // The listings report is a snapshot: no date range (the model: "Not all report types make use of this").
          listings: perMarketplace(LISTINGS_REPORT, null),
          removals: perMarketplace(REMOVALS_REPORT, REMOVALS_DAYS),
          returns: perMarketplace(RETURNS_REPORT, RETURNS_REPORT_DAYS),
          // Account status and claim counts: a snapshot, one marketplace per report (issue 17).
          performance: perMarketplace(PERFORMANCE_REPORT, null),
        };

  /** A report's outcome, with a 403 (the app's roles do not cover it) as missing data, never as Amazon's "no data" CANCELLED. */
  const outcomeOf = async (settled: Promise<Settled<ReportOutcome>>): Promise<ReportOutcome> => {
    const result = await settled;
    if ('value' in result) return result.value;
    if (result.error instanceof SpApiError && result.error.status === 403) return { kind: 'missing', status: 'FORBIDDEN', reason: { key: 'sp-api.report-forbidden' } };
    throw result.error;
  };

  /**
   * One report per marketplace, merged. Every marketplace's report is needed: one missing leaves
   * the check unknown. `confirmEmpty` may prove a marketplace has nothing where Amazon cancelled
   * its report (a report with no data is cancelled too).
   */
  const merged = async <T>(
    which: 'listings' | 'removals' | 'returns',
    read: (file: ReportFile, marketplaceId: string) => RecordStream<T>,
    confirmEmpty?: (marketplaceId: string) => Promise<boolean>,
  ): Promise<Provision<RecordStream<T>>> => {
    if (!reports) return { available: false, reason: { key: 'sp-api.no-marketplaces' } };
    const files: { file: ReportFile; marketplaceId: string }[] = [];
    for (const { marketplaceId, outcome } of reports[which]) {
      const result = await outcomeOf(outcome);
      if (result.kind === 'done') files.push({ file: result.file, marketplaceId });
      else if (!(result.status === 'CANCELLED' && confirmEmpty && (await confirmEmpty(marketplaceId)))) return { available: false, reason: result.reason };
    }
    return {
      available: true,
      data: (async function* () {
        for (const { file, marketplaceId } of files) yield* read(file, marketplaceId);
      })(),
    };
  };

  const noListings = (marketplaceId: string) => noListingsIn(client, settings.sellerId, marketplaceId);

  const toOrder = (order: Orders['Order'], statuses: Record<string, OrderStatus>): Order => ({
    orderId: order.orderId,
    // Without its fulfilment an order cannot be shown settled: it counts as open.
    status: statuses[order.fulfillment?.fulfillmentStatus ?? ''] ?? 'Pending',
    purchaseDate: order.createdTime,
    purchaseTime: Date.parse(order.createdTime),
    marketplaceId: order.salesChannel.marketplaceId ?? null,
    fulfilment: order.fulfillment?.fulfilledBy === 'AMAZON' ? 'AFN' : order.fulfillment?.fulfilledBy === 'MERCHANT' ? 'MFN' : null,
  });

  /**
   * Where Amazon produced no orders report for a window, searchOrders over the same window can
   * show what was sold there (no orders: nothing was). Null when it cannot tell.
   */
  const searchWindow = async (window: { start: number; end: number }): Promise<Order[] | null> => {
    const found: Order[] = [];
    let paginationToken: string | undefined;
    for (let page = 0; page < SEARCH_WINDOW_PAGES; page++) {
      const answer = await client
        .call<Orders['SearchOrdersResponse']>('searchOrders', {
          query: { marketplaceIds, createdAfter: isoSeconds(window.start), createdBefore: isoSeconds(window.end), includedData: ['FULFILLMENT'], maxResultsPerPage: 100, paginationToken },
        })
        .catch((error: unknown) => {
          if (error instanceof SpApiError && error.status !== null && error.status < 500) return null;
          throw error;
        });
      if (!answer) return null;
      found.push(...answer.orders.map((order) => toOrder(order, { ...OPEN_STATUSES, ...SETTLED_STATUSES })));
      paginationToken = answer.pagination?.nextToken;
      if (!paginationToken) return found;
    }
    return null;
  };

  // How far back the order history reaches without a gap, known once it has been read.
  let coveredFrom: string | null = null;

  async function* orders(since: string): RecordStream<Order> {
    // Open orders, live: one filtered query for the marketplace group, every page. FULFILLMENT
    // must be asked for: without it searchOrders returns basic information only (the model's
    // includedData), and every order would look pending.
    const open = new Set<string>();
    let paginationToken: string | undefined;
    const createdAfterMs = Math.min(Date.parse(`${since}T00:00:00Z`), endMs);
    const createdAfter = isoSeconds(createdAfterMs);
    do {
      const page = await client.call<Orders['SearchOrdersResponse']>('searchOrders', {
        query: { marketplaceIds, fulfillmentStatuses: Object.keys(OPEN_STATUSES), createdAfter, includedData: ['FULFILLMENT'], maxResultsPerPage: 100, paginationToken },
      });
      const batch = page.orders.map((order) => {
        open.add(order.orderId);
        return toOrder(order, OPEN_STATUSES);
      });
      if (batch.length > 0) yield batch;
      paginationToken = page.pagination?.nextToken;
    } while (paginationToken);

    // History from the All Orders reports, newest window first, for the last sale. The history
    // stops at the first window Amazon did not produce: a sale older than a gap is not the last
    // sale for certain. The report can lag the live API by minutes: an order it still shows as
    // open that the API no longer does has moved on.
    coveredFrom = toIsoDate(new Date(endMs));
    for (const window of reports?.orders ?? []) {
      const outcome = await outcomeOf(window.outcome);
      if (outcome.kind === 'missing') {
        const found = await searchWindow(window);
        if (found === null) return;
        const settled = found.filter((order) => !open.has(order.orderId));
        if (settled.length > 0) yield settled;
      } else {
        const reading: OrdersReading = { marketplaces: new Set(), earliestTime: Infinity };
        for await (const batch of readOrders(outcome.file, since, reading)) {
          // Only an order the live query could have returned (created after createdAfter) has moved
          // on when the API no longer shows it open; an older one the report shows open still blocks.
          const settled = batch
            .filter((order) => !open.has(order.orderId))
            .map((order) => (OPEN_ORDER_STATUSES.has(order.status) && order.purchaseTime >= createdAfterMs ? { ...order.toJSON(), status: 'Shipped' as const } : order));
          if (settled.length > 0) yield settled;
        }
      }
      // A window that starts within a day covers only the next whole day.
      coveredFrom = toIsoDate(new Date(Math.ceil(window.start / DAY_MS) * DAY_MS));
    }
  }

  async function* inventory(): RecordStream<InventoryItem> {
    // Quantities "reflect inventory that could be fulfilled in the given marketplace" and differ
    // between marketplaces (fbaInventory.json): each SKU counts once, with the largest quantity
    // any marketplace shows, never a first-seen zero.
    const largest = new Map<string, InventoryItem>();
    for (const marketplaceId of marketplaceIds) {
      for await (const page of inventorySummaries(client, marketplaceId)) {
        for (const summary of page) {
          const d = summary.inventoryDetails;
          const item: InventoryItem = {
            sku: summary.sellerSku ?? summary.fnSku ?? '?',
            name: summary.productName ?? null,
            marketplaceId,
            fulfillable: d?.fulfillableQuantity ?? null,
            unfulfillable: d?.unfulfillableQuantity?.totalUnfulfillableQuantity ?? null,
            reserved: d?.reservedQuantity?.totalReservedQuantity ?? null,
            inboundWorking: d?.inboundWorkingQuantity ?? null,
            inboundShipped: d?.inboundShippedQuantity ?? null,
            inboundReceiving: d?.inboundReceivingQuantity ?? null,
            researching: d?.researchingQuantity?.totalResearchingQuantity ?? null,
          };
          const key = `${item.sku}\u0000${summary.condition ?? ''}`;
          const seen = largest.get(key);
          largest.set(key, seen ? largerOf(seen, item) : item);
        }
      }
    }
    const items = [...largest.values()];
    for (let i = 0; i < items.length; i += 500) yield items.slice(i, i + 500);
  }

  async function balance(): Promise<Provision<BalanceEntry[]>> {
    try {
      const entries: BalanceEntry[] = [];
      let nextToken: string | undefined;
      do {
        const page = await client.call<Finances['ListBalancesResponse']>('listBalances', { query: { balanceType: 'TOTAL', nextToken } });
        for (const total of page.balances ?? []) {
          const part = (type: string) => total.balances?.find((b) => b.balanceType === type)?.amount?.currencyAmount;
          const reserved = part('RESERVED') ?? 0;
          const amount = part('AVAILABLE') ?? (total.amount?.currencyAmount ?? 0) - reserved;
          entries.push({ marketplaceId: total.partnerMetadata?.marketplaceId ?? null, currency: total.amount?.currencyCode ?? '???', amount, reserved });
        }
        nextToken = page.nextToken;
      } while (nextToken);
      return { available: true, data: entries };
    } catch (error) {
      // listBalances is not offered everywhere: the open financial event groups tell the balance too.
      if (!(error instanceof SpApiError) || (error.status !== 403 && error.status !== 404)) throw error;
    }
    const entries: BalanceEntry[] = [];
    let nextToken: string | undefined;
    do {
      const page = await client.call<FinancesV0['ListFinancialEventGroupsResponse']>('listFinancialEventGroups', { query: { MaxResultsPerPage: 100, NextToken: nextToken } });
      for (const group of page.payload?.FinancialEventGroupList ?? []) {
        if (group.ProcessingStatus !== 'Open') continue;
        entries.push({ marketplaceId: null, currency: group.OriginalTotal?.CurrencyCode ?? '???', amount: group.OriginalTotal?.CurrencyAmount ?? 0, reserved: 0 });
      }
      nextToken = page.payload?.NextToken;
    } while (nextToken);
    return { available: true, data: entries };
  }

  // Financial events since the look-back's start (within listFinancialEvents' 180 days), read once
  // for both claims and charges; a 403 (the app's roles lack Finances) leaves both unavailable.
  const postedAfter = isoSeconds(sinceMs);
  let events: Promise<FinancialEvidence | null> | null = null;
  const financialEvents = () =>
    (events ??= readFinancialEvents(client, postedAfter, sinceDay).catch((error: unknown) => {
      if (error instanceof SpApiError && (error.status === 403 || error.status === 404)) return null;
      throw error;
    }));
  const noFinances: MessageRef = { key: 'sp-api.no-finances' };

  async function claimsProvision(): Promise<Provision<RecordStream<Claim>>> {
    const read = await financialEvents();
    if (!read) return { available: false, reason: noFinances, askSeller: true };
    if (!read.complete) return { available: false, reason: { key: 'sp-api.events-incomplete' }, askSeller: true };
    // The Returns reports' A-to-Z Claim and SAFE-T columns show claims no event shows yet (not final).
    // Every report Amazon produced counts, even where another marketplace's is missing: a flagged
    // claim fails the check on its own (what is missing leaves returns-refunds unknown anyway).
    const flagged: ReportFile[] = [];
    for (const { outcome } of reports?.returns ?? []) {
      const result = await outcomeOf(outcome);
      if (result.kind === 'done' && showsClaims(result.file)) flagged.push(result.file);
    }
    return {
      available: true,
      data: (async function* () {
        yield read.claims;
        for (const file of flagged) yield* claimsOf(file);
      })(),
    };
  }

  async function chargesProvision(since: string): Promise<Provision<Charge[]>> {
    const read = await financialEvents();
    if (!read) return { available: false, reason: noFinances };
    // An incomplete read still shows the charges it found; it cannot show there are none.
    if (!read.complete && read.charges.length === 0) return { available: false, reason: { key: 'sp-api.events-incomplete' } };
    return { available: true, data: read.charges.filter((c) => c.postedOn >= since) };
  }

  async function deferredProvision(): Promise<Provision<DeferredFunds[]>> {
    const found = await readDeferredTransactions(client, postedAfter).catch((error: unknown) => {
      if (error instanceof SpApiError && (error.status === 403 || error.status === 404)) return undefined;
      throw error;
    });
    if (found === undefined) return { available: false, reason: noFinances };
    return { available: true, data: found };
  }

  async function healthProvision(): Promise<Provision<AccountHealth>> {
    if (!reports) return { available: false, reason: noMarketplaces, askSeller: true };
    const health: AccountHealth = { source: PERFORMANCE_REPORT, statuses: [], policyViolations: [], claimCounts: [] };
    for (const { marketplaceId, outcome } of reports.performance) {
      const result = await outcomeOf(outcome);
      if (result.kind === 'missing') return { available: false, reason: result.reason, askSeller: true };
      const one = parsePerformanceReport(await reportText(result.file.path), PERFORMANCE_REPORT);
      const statuses = one.statuses.filter((s) => s.marketplaceId === marketplaceId);
      const violations = one.policyViolations.filter((v) => v.marketplaceId === marketplaceId);
      // A marketplace the seller sells in whose report names no status or no policy metric for it shows nothing there.
      if (statuses.length === 0 || violations.length === 0) health.statusesIncomplete = true;
      health.statuses.push(...statuses);
      health.policyViolations.push(...violations);
      const counts = one.claimCounts.filter((c) => c.marketplaceId === marketplaceId);
      // Each marketplace's claims must be counted, fulfilled by Amazon and by the seller, or the counts prove nothing.
      if (new Set(counts.map((c) => c.fulfilment)).size < 2) health.countsIncomplete = true;
      health.claimCounts.push(...counts);
    }
    return { available: true, data: health };
  }

  const account = await client.call<Sellers['GetAccountResponse']>('getAccount').catch((error: unknown) => {
    if (error instanceof SpApiError && (error.status === 403 || error.status === 404)) return null;
    throw error;
  });
  const plan = account?.payload?.sellingPlan;
  const noMarketplaces: MessageRef = { key: 'sp-api.no-marketplaces' };

  let closed = false;
  return {
    id: 'sp-api',
    isDemo: false,
    account: async () => ({ sellerId: settings.sellerId, displayName: inRegion[0]?.storeName ?? null, sellingPlan: plan === 'PROFESSIONAL' ? 'professional' : plan === 'INDIVIDUAL' ? 'individual' : null }),
    marketplaces: async () => ({
      available: true,
      data: inRegion.map((p): MarketplaceParticipation => ({ marketplaceId: p.marketplace.id, participating: true, hasSuspendedListings: p.participation.hasSuspendedListings })),
    }),
    orders: async (since) => (marketplaceIds.length === 0 ? { available: false, reason: noMarketplaces } : { available: true, data: orders(since), coversFrom: () => coveredFrom }),
    inventory: async () => ({ available: true, data: inventory() }),
    listings: () => merged('listings', (file, marketplaceId) => withMarketplace(listingsOf(file), marketplaceId), noListings),
    removalOrders: () => merged('removals', (file) => removalsOf(file)),
    returns: () => merged('returns', (file) => returnsOf(file)),
    claims: claimsProvision,
    accountHealth: healthProvision,
    charges: chargesProvision,
    deferredFunds: deferredProvision,
    balance,
    close: async () => {
      if (closed) return;
      closed = true;
      // Reports asked for at the start may still be downloading into the folder (a check that was
      // never run): moved aside first, no new file can appear in it while it is removed (one did,
      // and the removal failed with ENOTEMPTY), and a download that ends later finds no folder.
      const closing = `${dir}.closing`;
      renameSync(dir, closing);
      rmSync(closing, { recursive: true, force: true });
      options.saveRates?.(client.limiter.snapshot());
      const counts = client.countByOperation();
      const calls = client.calls.length + token.exchanges;
      const seconds = ((clock.now() - client.startedAt) / 1000).toFixed(1);
      const floor = (RateLimiter.floorMs(counts) / 1000).toFixed(1);
      options.note(t('sp-api.calls', { calls, seconds, floor, exchanges: token.exchanges }));
      if (options.verbose) for (const call of client.calls) options.note(`  ${call.operation} ${call.status} ${call.ms} ms${call.attempt > 1 ? ` (attempt ${call.attempt})` : ''}`);
    },
  };
}

/** Each quantity at its largest: more units is the stricter reading. */
function largerOf(a: InventoryItem, b: InventoryItem): InventoryItem {
  const max = (x: number | null, y: number | null) => (x === null ? y : y === null ? x : Math.max(x, y));
  const total = (i: InventoryItem) => (i.fulfillable ?? 0) + (i.unfulfillable ?? 0) + (i.reserved ?? 0) + (i.inboundShipped ?? 0) + (i.inboundReceiving ?? 0) + (i.inboundWorking ?? 0) + (i.researching ?? 0);
  return {
    sku: a.sku,
    name: a.name ?? b.name,
    marketplaceId: total(b) > total(a) ? b.marketplaceId : a.marketplaceId,
    fulfillable: max(a.fulfillable, b.fulfillable),
    unfulfillable: max(a.unfulfillable, b.unfulfillable),
    reserved: max(a.reserved, b.reserved),
    inboundWorking: max(a.inboundWorking, b.inboundWorking),
    inboundShipped: max(a.inboundShipped, b.inboundShipped),
    inboundReceiving: max(a.inboundReceiving, b.inboundReceiving),
    researching: max(a.researching, b.researching),
  };
}

/** A listings report names no marketplace: the one it was asked for is the one it shows. */
async function* withMarketplace(listings: RecordStream<Listing>, marketplaceId: string): RecordStream<Listing> {
  for await (const batch of listings) {
    yield batch.map((l): Listing => ({ sku: l.sku, name: l.name, status: l.status, fulfilment: l.fulfilment, marketplaceId }));
  }
}

/** Only for tests and the README: the look-back used for orders. */
export const ORDER_WINDOW_DAYS = ORDERS_DAYS;
