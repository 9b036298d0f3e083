// Seller data from report files downloaded from Seller Central (--adapter reports). Each check's
// data is streamed from its report; what the files cannot tell (the balance, claims) is left to
// the seller to confirm, and a missing report makes its checks unknown, never pass.

import { daysBetween, toIsoDate } from '../../core/dates.js';
import type { MarketplaceParticipation, Provision } from '../../core/seller-data.js';
import type { SellerDataSource } from '../../core/seller-data-source.js';
import type { Translate } from '../../messages/catalogue.js';
import { earliestDay, readOrders, type OrdersReading } from './orders-report.js';
import type { ReportKind } from './report-kinds.js';
import { concat, hasRows, inventoryOf, listingsOf, removalsOf, returnsOf } from './report-readers.js';
import { scanReportsFolder } from './reports-folder.js';
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

export async function createReportsAdapter(options: ReportsAdapterOptions): Promise<SellerDataSource> {
  const { t, warn } = options;
  const folder = await scanReportsFolder(options.dir, options.encoding, t);
  const files = (kind: ReportKind) => folder.byKind.get(kind) ?? [];
  const missing = (kind: ReportKind): Provision<never> => ({
    available: false,
    reason: { key: 'reports.missing', params: { report: t(`reports.kind.${kind}`) } },
  });
  const provide = <T>(data: T): Provision<T> => ({ available: true, data });

  for (const skipped of folder.skipped) warn(t(`reports.skipped.${skipped.reason}`, { file: skipped.name, code: skipped.code ?? '' }));
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
