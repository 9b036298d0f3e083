// Live seller data from Amazon's Selling Partner API (--adapter sp-api), with the fewest calls
// that answer the checks: open orders from one filtered searchOrders query per marketplace
// group; the last sale, listings, removals and returns from reports (created together at the
// start, so they are produced while the rest is read); FBA stock from the inventory summaries;
// the balance from Finances. Claims stay a confirmation: no API shows them.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays } from '../../core/dates.js';
import { marketplaceById } from '../../core/marketplaces.js';
import type { BalanceEntry, InventoryItem, MarketplaceParticipation, Order, OrderStatus, Provision } from '../../core/seller-data.js';
import type { RecordStream, SellerDataSource } from '../../core/seller-data-source.js';
import type { Translate } from '../../messages/catalogue.js';
import { readOrders, type OrdersReading } from '../reports/orders-report.js';
import { listingsOf, removalsOf, returnsOf } from '../reports/report-readers.js';
import { LwaToken } from './lwa-token.js';
import type { definitions as Finances } from './models/finances.js';
import type { definitions as FinancesV0 } from './models/financesV0.js';
import type { definitions as Inventory } from './models/fbaInventory.js';
import type { definitions as Orders } from './models/orders.js';
import type { definitions as Sellers } from './models/sellers.js';
import { RateLimiter } from './rate-limiter.js';
import { SpApiClient, SpApiError } from './sp-api-client.js';
import { downloadReport, type DownloadedReport } from './sp-api-reports.js';
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
  poll?: { firstMs: number; maxMs: number; deadlineMs: number };
}

/** How far back the reports reach: the orders window, removals in flight, the returns report's most. */
const ORDERS_DAYS = 120;
const REMOVALS_DAYS = 540;
const RETURNS_DAYS = 60;

const OPEN_STATUSES: Record<string, OrderStatus> = {
  PENDING_AVAILABILITY: 'PendingAvailability',
  PENDING: 'Pending',
  UNSHIPPED: 'Unshipped',
  PARTIALLY_SHIPPED: 'PartiallyShipped',
};

export async function createSpApiAdapter(options: SpApiAdapterOptions): Promise<SellerDataSource> {
  const { settings, t } = options;
  const token = new LwaToken(settings, t);
  const client = new SpApiClient(settings, token, t, { userAgent: options.userAgent });
  const dir = mkdtempSync(join(tmpdir(), 'close-account-sp-api-'));

  // The marketplaces come first: every other call is per marketplace.
  const participations = await client.call<Sellers['GetMarketplaceParticipationsResponse']>('getMarketplaceParticipations');
  const inRegion = (participations.payload ?? []).filter((p) => p.participation.isParticipating && marketplaceById(p.marketplace.id)?.apiRegion === settings.region);
  const marketplaceIds = inRegion.map((p) => p.marketplace.id);

  // Reports take minutes at Amazon: ask for all of them now, read each when its check comes.
  const report = (reportType: string, days: number): Promise<DownloadedReport> =>
    downloadReport(client, settings, { reportType, marketplaceIds, dataStartTime: `${addDays(options.asOf, -days)}T00:00:00Z` }, dir, t, options.poll);
  const settle = <T>(promise: Promise<T>) => promise.then((value) => ({ value }), (error: unknown) => ({ error }));
  const reports = marketplaceIds.length === 0 ? null : {
    orders: settle(report('GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL', ORDERS_DAYS)),
    listings: settle(report('GET_MERCHANT_LISTINGS_ALL_DATA', 0)),
    removals: settle(report('GET_FBA_FULFILLMENT_REMOVAL_ORDER_DETAIL_DATA', REMOVALS_DAYS)),
    returns: settle(report('GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE', RETURNS_DAYS)),
  };
  const fromReport = async <T>(which: keyof NonNullable<typeof reports>, read: (file: NonNullable<DownloadedReport>) => RecordStream<T>): Promise<Provision<RecordStream<T>>> => {
    if (!reports) return { available: false, reason: { key: 'sp-api.no-marketplaces' } };
    const settled = await reports[which];
    if ('error' in settled) {
      // A report the app's roles do not cover leaves its check unknown; anything else stops the run.
      if (settled.error instanceof SpApiError && settled.error.status === 403) return { available: false, reason: { key: 'sp-api.report-forbidden' } };
      throw settled.error;
    }
    return { available: true, data: settled.value ? read(settled.value) : empty<T>() };
  };

  async function* orders(sinceDay: string): RecordStream<Order> {
    // Open orders, live: one filtered query for the marketplace group, every page.
    const open = new Set<string>();
    let paginationToken: string | undefined;
    do {
      const page = await client.call<Orders['SearchOrdersResponse']>('searchOrders', {
        query: { marketplaceIds, fulfillmentStatuses: Object.keys(OPEN_STATUSES), createdAfter: `${sinceDay}T00:00:00Z`, maxResultsPerPage: 100, paginationToken },
      });
      const batch: Order[] = page.orders.map((order) => {
        open.add(order.orderId);
        return {
          orderId: order.orderId,
          status: OPEN_STATUSES[order.fulfillment?.fulfillmentStatus ?? 'PENDING'] ?? 'Pending',
          purchaseDate: order.createdTime,
          purchaseTime: Date.parse(order.createdTime),
          marketplaceId: order.salesChannel.marketplaceId ?? null,
          fulfilment: order.fulfillment?.fulfilledBy === 'AMAZON' ? 'AFN' : order.fulfillment?.fulfilledBy === 'MERCHANT' ? 'MFN' : null,
        };
      });
      if (batch.length > 0) yield batch;
      paginationToken = page.pagination?.nextToken;
    } while (paginationToken);

    // History from the All Orders report, for the last sale. The report can lag the live API by
    // minutes: an order it still shows as open that the API no longer does has moved on.
    const file = reports ? await reports.orders : null;
    if (!file || 'error' in file) {
      if (file && 'error' in file) throw file.error;
      return;
    }
    if (!file.value) return;
    const reading: OrdersReading = { marketplaces: new Set(), earliestTime: Infinity };
    for await (const batch of readOrders(file.value, sinceDay, reading)) {
      const settled = batch
        .filter((order) => !open.has(order.orderId))
        .map((order) => (order.status in { Pending: 1, PendingAvailability: 1, Unshipped: 1, PartiallyShipped: 1, InvoiceUnconfirmed: 1 } ? { ...order.toJSON(), status: 'Shipped' as const } : order));
      if (settled.length > 0) yield settled;
    }
  }

  async function* inventory(): RecordStream<InventoryItem> {
    // In a unified region the marketplaces share one stock: each SKU is counted once.
    const seen = new Set<string>();
    for (const marketplaceId of marketplaceIds) {
      let nextToken: string | undefined;
      do {
        const page = await client.call<Inventory['GetInventorySummariesResponse']>('getInventorySummaries', {
          query: { details: true, granularityType: 'Marketplace', granularityId: marketplaceId, marketplaceIds: marketplaceId, nextToken },
        });
        const batch: InventoryItem[] = [];
        for (const summary of page.payload?.inventorySummaries ?? []) {
          const key = `${summary.sellerSku}\u0000${summary.condition ?? ''}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const d = summary.inventoryDetails;
          batch.push({
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
          });
        }
        if (batch.length > 0) yield batch;
        nextToken = page.pagination?.nextToken;
      } while (nextToken);
    }
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

  const account = await client.call<Sellers['GetAccountResponse']>('getAccount').catch((error: unknown) => {
    if (error instanceof SpApiError && (error.status === 403 || error.status === 404)) return null;
    throw error;
  });
  const plan = account?.payload?.sellingPlan;

  let closed = false;
  return {
    id: 'sp-api',
    isDemo: false,
    account: async () => ({ sellerId: settings.sellerId, displayName: inRegion[0]?.storeName ?? null, sellingPlan: plan === 'PROFESSIONAL' ? 'professional' : plan === 'INDIVIDUAL' ? 'individual' : null }),
    marketplaces: async () => ({
      available: true,
      data: inRegion.map((p): MarketplaceParticipation => ({ marketplaceId: p.marketplace.id, participating: true, hasSuspendedListings: p.participation.hasSuspendedListings })),
    }),
    orders: async (sinceDay) => (marketplaceIds.length === 0 ? { available: false, reason: { key: 'sp-api.no-marketplaces' } } : { available: true, data: orders(sinceDay), coversFrom: sinceDay }),
    inventory: async () => ({ available: true, data: inventory() }),
    listings: () => fromReport('listings', listingsOf),
    removalOrders: () => fromReport('removals', removalsOf),
    returns: () => fromReport('returns', returnsOf),
    claims: async () => ({ available: false, reason: { key: 'sp-api.no-claims' }, askSeller: true }),
    balance,
    close: async () => {
      if (closed) return;
      closed = true;
      rmSync(dir, { recursive: true, force: true });
      const counts = client.countByOperation();
      const calls = client.calls.length + token.exchanges;
      const seconds = ((Date.now() - client.startedAt) / 1000).toFixed(1);
      const floor = (RateLimiter.floorMs(counts) / 1000).toFixed(1);
      options.note(t('sp-api.calls', { calls, seconds, floor, exchanges: token.exchanges }));
      if (options.verbose) for (const call of client.calls) options.note(`  ${call.operation} ${call.status} ${call.ms} ms${call.attempt > 1 ? ` (attempt ${call.attempt})` : ''}`);
    },
  };
}

async function* empty<T>(): RecordStream<T> {}

/** Only for tests and the README: the since day used for orders. */
export const ORDER_WINDOW_DAYS = ORDERS_DAYS;
