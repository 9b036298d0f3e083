// Seller data from report files downloaded from Seller Central (--adapter reports). Each check's
// data is streamed from its report; what the files cannot tell (the balance, claims) is left to
// the seller to confirm, and a missing report makes its checks unknown, never pass.

import { dayOf, daysBetween, toIsoDate } from '../../core/dates.js';
import { marketplaceById } from '../../core/marketplaces.js';
import type {
  InventoryItem,
  Listing,
  MarketplaceParticipation,
  Order,
  Provision,
  RemovalOrderLine,
  ReturnRequest,
} from '../../core/seller-data.js';
import type { SellerDataSource } from '../../core/seller-data-source.js';
import type { Translate } from '../../messages/catalogue.js';
import { orderStatusOf } from './order-status.js';
import type { ReportFile, ReportRow } from './report-file.js';
import type { ReportKind } from './report-kinds.js';
import { parseQuantity, parseReportDay, parseReportTimestamp, type DateOrder } from './report-values.js';
import { scanReportsFolder, type ReportsFolder } from './reports-folder.js';
import { marketplaceOfSalesChannel } from './sales-channels.js';
import type { Encoding } from './text-encoding.js';

export interface ReportsAdapterOptions {
  dir: string;
  encoding: Encoding | null;
  t: Translate;
  /** Where warnings go (unknown files, old reports): stderr, through the command. */
  warn: (message: string) => void;
  now: Date;
}

/** A report older than this many days gets a warning: orders and stock move every day. */
export const STALE_AFTER_DAYS = 3;

const missing = (kind: ReportKind, t: Translate): Provision<never> => ({
  available: false,
  reason: { key: 'reports.missing', params: { report: t(`reports.kind.${kind}`) } },
});

/** Day-first marketplaces, to read a slashed date that carries no time zone. */
function dateOrderOf(marketplaceId: string | null): DateOrder | null {
  if (!marketplaceId) return null;
  const region = marketplaceById(marketplaceId)?.closureRegion;
  return region === 'north-america' ? 'month-first' : 'day-first';
}

/** Reads one value of a row, turning a bad value into an error that names file, line and column. */
function read<T>(file: ReportFile, row: ReportRow, column: string, parse: () => T): T {
  try {
    return parse();
  } catch (problem) {
    throw file.valueError(problem, row, column);
  }
}

async function* concat<T>(files: ReportFile[], each: (file: ReportFile) => AsyncIterable<T>): AsyncGenerator<T> {
  for (const file of files) yield* each(file);
}

export async function createReportsAdapter(options: ReportsAdapterOptions): Promise<SellerDataSource> {
  const { t, warn } = options;
  const folder: ReportsFolder = await scanReportsFolder(options.dir, options.encoding, t);
  const files = (kind: ReportKind) => folder.byKind.get(kind) ?? [];

  for (const skipped of folder.skipped) warn(t(`reports.skipped.${skipped.reason}`, { file: skipped.name }));
  const today = toIsoDate(options.now);
  for (const list of folder.byKind.values()) {
    for (const file of list) {
      const age = daysBetween(toIsoDate(file.modified), today);
      if (age > STALE_AFTER_DAYS) warn(t('reports.stale', { file: file.name, days: age }));
    }
  }

  // Marketplaces come from the orders' sales channels, gathered while the orders stream by.
  const channels = new Set<string>();
  let ordersRead = false;
  // How far back the orders reports reach, learnt while reading them (rows before `since` included).
  let earliestDay: string | null = null;

  async function* ordersOf(file: ReportFile, since: string | null): AsyncGenerator<Order> {
    for await (const row of file.rows(['orderId', 'purchaseDate', 'status', 'fulfilment', 'salesChannel'])) {
      const [orderId, purchase, status, fulfilment, salesChannel] = row.values as [string, string, string, string, string];
      const marketplaceId = salesChannel ? marketplaceOfSalesChannel(salesChannel) : null;
      if (marketplaceId) channels.add(marketplaceId);
      const purchaseDate = read(file, row, 'purchaseDate', () => parseReportTimestamp(purchase, dateOrderOf(marketplaceId)));
      const day = dayOf(purchaseDate);
      if (earliestDay === null || day < earliestDay) earliestDay = day;
      if (since !== null && day < since) continue;
      yield {
        orderId: orderId.trim(),
        status: orderStatusOf(status),
        purchaseDate,
        marketplaceId,
        fulfilment: fulfilment === 'Amazon' || fulfilment === 'AFN' ? 'AFN' : fulfilment === 'Merchant' || fulfilment === 'MFN' ? 'MFN' : null,
      };
    }
  }

  async function* allOrders(since: string | null): AsyncGenerator<Order> {
    yield* concat(files('all-orders'), (file) => ordersOf(file, since));
    ordersRead = true;
  }

  async function* inventoryOf(file: ReportFile): AsyncGenerator<InventoryItem> {
    const columns = ['sku', 'name', 'fulfillable', 'unfulfillable', 'reserved', 'inboundWorking', 'inboundShipped', 'inboundReceiving', 'researching'];
    for await (const row of file.rows(columns)) {
      const q = (i: number) => read(file, row, columns[i]!, () => parseQuantity(row.values[i]!));
      yield {
        sku: row.values[0]!.trim(),
        name: row.values[1] || null,
        marketplaceId: null,
        fulfillable: q(2),
        unfulfillable: q(3),
        reserved: q(4),
        inboundWorking: q(5),
        inboundShipped: q(6),
        inboundReceiving: q(7),
        researching: q(8),
      };
    }
  }

  async function* listingsOf(file: ReportFile): AsyncGenerator<Listing> {
    const active = file.spec?.kind === 'active-listings';
    for await (const row of file.rows(['sku', 'name', 'status', 'fulfilment'])) {
      const [sku, name, status, channel] = row.values as [string, string, string, string];
      yield {
        sku: sku.trim(),
        name: name || null,
        status: active ? 'Active' : status.trim() || 'Unknown',
        fulfilment: channel === 'DEFAULT' ? 'MFN' : channel ? 'AFN' : null,
        marketplaceId: null,
      };
    }
  }

  async function* removalsOf(file: ReportFile): AsyncGenerator<RemovalOrderLine> {
    for await (const row of file.rows(['orderId', 'requestDate', 'status', 'sku', 'requested', 'inProcess'])) {
      const [orderId, requestDate, status, sku, requested, inProcess] = row.values as [string, string, string, string, string, string];
      yield {
        orderId: orderId.trim(),
        requestDate: read(file, row, 'requestDate', () => parseReportDay(requestDate)),
        status: status.trim() || 'Unknown',
        sku: sku.trim(),
        requested: read(file, row, 'requested', () => parseQuantity(requested)),
        inProcess: read(file, row, 'inProcess', () => parseQuantity(inProcess)),
      };
    }
  }

  /** Return statuses after which nothing is left to do for the seller. */
  const CLOSED_RETURN = /^(closed|completed|rejected|cancell?ed|refunded)$/i;

  async function* returnsOf(file: ReportFile): AsyncGenerator<ReturnRequest> {
    for await (const row of file.rows(['orderId', 'requestDate', 'status', 'sku'])) {
      const [orderId, requestDate, status, sku] = row.values as [string, string, string, string];
      yield {
        orderId: orderId.trim(),
        requestDate: read(file, row, 'requestDate', () => parseReportDay(requestDate)),
        sku: sku.trim() || null,
        status: status.trim(),
        open: !CLOSED_RETURN.test(status.trim()),
      };
    }
  }

  /** Does the file have at least one data row? */
  async function hasRows(file: ReportFile): Promise<boolean> {
    for await (const row of file.rows([])) return row !== undefined;
    return false;
  }

  const provide = <T>(data: T): Provision<T> => ({ available: true, data });

  return {
    id: 'reports',
    isDemo: false,
    account: async () => ({ sellerId: null, displayName: null, sellingPlan: null }),
    marketplaces: async () => {
      if (files('all-orders').length === 0) return { ...missing('all-orders', t), askSeller: true };
      if (!ordersRead) for await (const _ of allOrders(null));
      const participations: MarketplaceParticipation[] = [...channels].map((marketplaceId) => ({
        marketplaceId,
        participating: true,
        hasSuspendedListings: null,
      }));
      return provide(participations);
    },
    orders: async (since) => {
      if (files('all-orders').length === 0) return missing('all-orders', t);
      return { available: true, data: allOrders(since), coversFrom: () => (earliestDay !== null && earliestDay < since ? since : earliestDay) };
    },
    inventory: async () => {
      if (files('fba-inventory').length > 0) return provide(concat(files('fba-inventory'), inventoryOf));
      return missing('fba-inventory', t);
    },
    listings: async () => {
      if (files('all-listings').length > 0) return provide(concat(files('all-listings'), listingsOf));
      // Active Listings cannot show inactive listings: it proves listings are left, never that none are.
      const active = files('active-listings');
      for (const file of active) if (await hasRows(file)) return provide(concat(active, listingsOf));
      return missing('all-listings', t);
    },
    removalOrders: async () => (files('removal-orders').length > 0 ? provide(concat(files('removal-orders'), removalsOf)) : missing('removal-orders', t)),
    returns: async () => (files('returns').length > 0 ? provide(concat(files('returns'), returnsOf)) : missing('returns', t)),
    claims: async () => ({ available: false, reason: { key: 'reports.no-claims' }, askSeller: true }),
    balance: async () => ({ available: false, reason: { key: 'reports.no-balance' }, askSeller: true }),
    close: async () => {},
  };
}
