// Seller data from report files downloaded from Seller Central (--adapter reports). Each check's
// data is streamed from its report; what the files cannot tell (the balance, claims) is left to
// the seller to confirm, and a missing report makes its checks unknown, never pass.

import { daysBetween, toIsoDate } from '../../core/dates.js';
import type { InventoryItem, Listing, MarketplaceParticipation, Provision, RemovalOrderLine, ReturnRequest } from '../../core/seller-data.js';
import type { RecordStream, SellerDataSource } from '../../core/seller-data-source.js';
import type { Translate } from '../../messages/catalogue.js';
import { earliestDay, readOrders, type OrdersReading } from './orders-report.js';
import type { ReportFile } from './report-file.js';
import type { ReportKind } from './report-kinds.js';
import { parseQuantity, parseReportDay } from './report-values.js';
import { scanReportsFolder } from './reports-folder.js';
import { parsedField, quantityField } from './row-values.js';
import { ReportListing, ReportStock } from './report-records.js';
import { bytesAre } from './bytes.js';
import { ByteArena } from './byte-arena.js';
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

/** Return statuses after which nothing is left to do for the seller. */
const CLOSED_RETURN = /^(closed|completed|rejected|cancell?ed|refunded)$/i;

const INVENTORY_COLUMNS = ['fulfillable', 'unfulfillable', 'reserved', 'inboundWorking', 'inboundShipped', 'inboundReceiving', 'researching'] as const;

async function* concat<T>(files: ReportFile[], each: (file: ReportFile) => RecordStream<T>): RecordStream<T> {
  for (const file of files) yield* each(file);
}

function columnsOf(file: ReportFile, names: readonly string[]): number[] {
  return names.map((name) => file.column(name));
}

function inventoryOf(file: ReportFile): RecordStream<InventoryItem> {
  const sku = file.column('sku');
  const name = file.column('name');
  const q = columnsOf(file, INVENTORY_COLUMNS);
  const columns = { sku, name, arena: new ByteArena() };
  return file.batches(Math.max(sku, name, ...q), (row) => {
    const quantity = (i: number) => quantityField(file, row, q[i]!, INVENTORY_COLUMNS[i]!);
    return new ReportStock(file, row, columns, {
      fulfillable: quantity(0),
      unfulfillable: quantity(1),
      reserved: quantity(2),
      inboundWorking: quantity(3),
      inboundShipped: quantity(4),
      inboundReceiving: quantity(5),
      researching: quantity(6),
    });
  });
}

const ACTIVE = Buffer.from('Active');
/** All Listings writes DEFAULT for merchant-fulfilled listings, AMAZON_NA, AMAZON_EU or AFN for FBA. */
const MERCHANT_CHANNEL = Buffer.from('DEFAULT');
const INACTIVE = Buffer.from('Inactive');

function listingsOf(file: ReportFile): RecordStream<Listing> {
  const active = file.spec?.kind === 'active-listings';
  const [sku, name, status, channel] = columnsOf(file, ['sku', 'name', 'status', 'fulfilment']) as [number, number, number, number];
  const columns = { sku, name, arena: new ByteArena() };
  return file.batches(Math.max(sku, name, status, channel), (row) => {
    let state = 'Active';
    if (!active) {
      const start = status < row.fields ? row.starts[status]! : 0;
      const end = status < row.fields ? row.ends[status]! : 0;
      state = bytesAre(row.bytes, start, end, ACTIVE) ? 'Active' : bytesAre(row.bytes, start, end, INACTIVE) ? 'Inactive' : file.text(row, status).trim() || 'Unknown';
    }
    const from = channel >= 0 && channel < row.fields ? row.starts[channel]! : 0;
    const to = channel >= 0 && channel < row.fields ? row.ends[channel]! : 0;
    const fulfilment = to === from ? null : bytesAre(row.bytes, from, to, MERCHANT_CHANNEL) ? 'MFN' : 'AFN';
    return new ReportListing(file, row, columns, state, fulfilment);
  });
}

function removalsOf(file: ReportFile): RecordStream<RemovalOrderLine> {
  const [orderId, requestDate, status, sku, requested, inProcess] = columnsOf(file, ['orderId', 'requestDate', 'status', 'sku', 'requested', 'inProcess']) as number[] as [number, number, number, number, number, number];
  return file.batches(Math.max(orderId, requestDate, status, sku, requested, inProcess), (row) => ({
    orderId: file.text(row, orderId).trim(),
    requestDate: parsedField(file, row, requestDate, 'requestDate', (text) => parseReportDay(text)),
    status: file.text(row, status).trim() || 'Unknown',
    sku: file.text(row, sku).trim(),
    requested: parsedField(file, row, requested, 'requested', parseQuantity),
    inProcess: quantityField(file, row, inProcess, 'inProcess'),
  }));
}

function returnsOf(file: ReportFile): RecordStream<ReturnRequest> {
  const [orderId, requestDate, status, sku] = columnsOf(file, ['orderId', 'requestDate', 'status', 'sku']) as [number, number, number, number];
  return file.batches(Math.max(orderId, requestDate, status, sku), (row) => {
    const state = file.text(row, status).trim();
    return {
      orderId: file.text(row, orderId).trim(),
      requestDate: parsedField(file, row, requestDate, 'requestDate', (text) => parseReportDay(text)),
      sku: file.text(row, sku).trim() || null,
      status: state,
      open: !CLOSED_RETURN.test(state),
    };
  });
}

/** Does the file have at least one data row? */
async function hasRows(file: ReportFile): Promise<boolean> {
  for await (const batch of file.batches(0, () => true)) return batch.length > 0;
  return false;
}

export async function createReportsAdapter(options: ReportsAdapterOptions): Promise<SellerDataSource> {
  const { t, warn } = options;
  const folder = await scanReportsFolder(options.dir, options.encoding, t);
  const files = (kind: ReportKind) => folder.byKind.get(kind) ?? [];
  const missing = (kind: ReportKind): Provision<never> => ({
    available: false,
    reason: { key: 'reports.missing', params: { report: t(`reports.kind.${kind}`) } },
  });
  const provide = <T>(data: T): Provision<T> => ({ available: true, data });

  for (const skipped of folder.skipped) warn(t(`reports.skipped.${skipped.reason}`, { file: skipped.name }));
  const today = toIsoDate(options.now);
  for (const list of folder.byKind.values()) {
    for (const file of list) {
      const age = daysBetween(toIsoDate(file.modified), today);
      if (age > STALE_AFTER_DAYS) warn(t('reports.stale', { file: file.name, days: age }));
    }
  }

  // Reading the orders also learns the marketplaces (from the sales channels) and how far back
  // the reports reach, so that neither needs a second pass over a large file.
  let reading: OrdersReading | null = null;
  const allOrders = (since: string | null) => {
    const current: OrdersReading = { marketplaces: new Set(), earliestTime: Infinity };
    reading = current;
    return { current, stream: concat(files('all-orders'), (file) => readOrders(file, since, current)) };
  };

  return {
    id: 'reports',
    isDemo: false,
    account: async () => ({ sellerId: null, displayName: null, sellingPlan: null }),
    orders: async (since) => {
      if (files('all-orders').length === 0) return missing('all-orders');
      const { current, stream } = allOrders(since);
      const coversFrom = () => {
        const day = earliestDay(current);
        return day !== null && day < since ? since : day;
      };
      return { available: true, data: stream, coversFrom };
    },
    marketplaces: async () => {
      if (files('all-orders').length === 0) return { ...missing('all-orders'), askSeller: true };
      let known: OrdersReading | null = reading;
      if (!known) {
        const { current, stream } = allOrders(null);
        for await (const _ of stream); // read only for the sales channels
        known = current;
      }
      const participations: MarketplaceParticipation[] = [...known.marketplaces].map((marketplaceId) => ({
        marketplaceId,
        participating: true,
        hasSuspendedListings: null,
      }));
      return provide(participations);
    },
    inventory: async () => (files('fba-inventory').length > 0 ? provide(concat(files('fba-inventory'), inventoryOf)) : missing('fba-inventory')),
    listings: async () => {
      if (files('all-listings').length > 0) return provide(concat(files('all-listings'), listingsOf));
      // Active Listings cannot show inactive listings: it proves listings are left, never that none are.
      const active = files('active-listings');
      for (const file of active) if (await hasRows(file)) return provide(concat(active, listingsOf));
      return missing('all-listings');
    },
    removalOrders: async () => (files('removal-orders').length > 0 ? provide(concat(files('removal-orders'), removalsOf)) : missing('removal-orders')),
    returns: async () => (files('returns').length > 0 ? provide(concat(files('returns'), returnsOf)) : missing('returns')),
    claims: async () => ({ available: false, reason: { key: 'reports.no-claims' }, askSeller: true }),
    balance: async () => ({ available: false, reason: { key: 'reports.no-balance' }, askSeller: true }),
    close: async () => {},
  };
}
