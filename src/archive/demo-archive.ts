// The demo seller's archive, made offline: the same kinds, windows and file formats an SP-API
// archive has (Amazon's report headers, report-formats.md), filled from the embedded demo seller,
// so a newcomer sees what an archive looks like. A window with no records is an empty answer, as
// Amazon cancels a report with no data.

import { addDays, type IsoDate } from '../core/dates.js';
import { marketplaceById } from '../core/marketplaces.js';
import { windowsOf, type Period, type Requirement } from '../core/archive-coverage.js';
import type { DemoSeller } from '../adapters/demo/demo-seller.js';
import { lineCounter, type ArchiveSource, type ArchiveUnit, type UnitResult } from './build-archive.js';
import { ARCHIVE_REPORT_PLAN } from './report-plan.js';

const ORDERS_HEADER = ['amazon-order-id', 'merchant-order-id', 'purchase-date', 'last-updated-date', 'order-status', 'fulfillment-channel', 'sales-channel'];
const RETURNS_HEADER = ['Order ID', 'Order date', 'Return request date', 'Return request status', 'Merchant SKU', 'Return quantity'];
const REMOVALS_HEADER = ['request-date', 'order-id', 'order-type', 'order-status', 'last-updated-date', 'sku', 'fnsku', 'disposition', 'requested-quantity', 'cancelled-quantity', 'disposed-quantity', 'shipped-quantity', 'in-process-quantity', 'removal-fee', 'currency'];
const SETTLEMENT_HEADER = ['settlement-id', 'settlement-start-date', 'settlement-end-date', 'deposit-date', 'total-amount', 'currency', 'transaction-type', 'order-id', 'marketplace-name', 'posted-date', 'sku', 'quantity-purchased', 'price-type', 'price-amount'];
const LEDGER_HEADER = ['Date', 'FNSKU', 'ASIN', 'MSKU', 'Title', 'Event Type', 'Reference ID', 'Quantity', 'Fulfillment Center', 'Disposition', 'Reason', 'Country'];

const STATUS_TEXT: Record<string, string> = { Pending: 'Pending', PendingAvailability: 'Pending', Unshipped: 'Unshipped', PartiallyShipped: 'PartiallyShipped', Shipped: 'Shipped - Delivered to Buyer', Canceled: 'Cancelled' };

const tsv = (header: string[], rows: string[][]) => `${[header, ...rows].map((r) => r.map((v) => v.replace(/[\t\r\n]/g, ' ')).join('\t')).join('\n')}\n`;
const inPeriod = (day: IsoDate, period: Period) => day >= period.from && day <= period.to;

export function demoArchiveSource(seller: DemoSeller): ArchiveSource {
  const sellerId = seller.account.sellerId ?? 'DEMO';
  const marketplaces = seller.participations.filter((p) => p.participating).map((p) => p.marketplaceId);
  const shipped = seller.orders.filter((o) => o.status === 'Shipped');

  function content(unit: ArchiveUnit): { text: string; rows: number } | null {
    const { period } = unit;
    switch (unit.kind) {
      case 'all-orders': {
        const rows = seller.orders.filter((o) => inPeriod(o.purchaseDate.slice(0, 10), period)).map((o) => [o.orderId, '', o.purchaseDate, o.purchaseDate, STATUS_TEXT[o.status] ?? o.status, o.fulfilment === 'AFN' ? 'Amazon' : 'Merchant', o.marketplaceId ?? '']);
        return rows.length ? { text: tsv(ORDERS_HEADER, rows), rows: rows.length } : null;
      }
      case 'returns': {
        const rows = seller.returns.filter((r) => inPeriod(r.requestDate, period)).map((r) => [r.orderId, '', r.requestDate, r.status, r.sku ?? '', '1']);
        return rows.length ? { text: tsv(RETURNS_HEADER, rows), rows: rows.length } : null;
      }
      case 'removal-orders': {
        const rows = seller.removalOrders.filter((r) => inPeriod(r.requestDate, period)).map((r) => [`${r.requestDate}T08:00:00+00:00`, r.orderId, 'Return', r.status, `${r.requestDate}T08:00:00+00:00`, r.sku, '', 'Sellable', String(r.requested ?? ''), '0', '0', '0', String(r.inProcess ?? ''), '0.00', 'USD']);
        return rows.length ? { text: tsv(REMOVALS_HEADER, rows), rows: rows.length } : null;
      }
      case 'settlements': {
        const rows = shipped.filter((o) => inPeriod(o.purchaseDate.slice(0, 10), period)).map((o) => [`DEMO${period.from.replace(/-/g, '')}`, `${period.from}T00:00:00+00:00`, `${period.to}T23:59:59+00:00`, `${addDays(period.to, 2)}T00:00:00+00:00`, '', 'USD', 'Order', o.orderId, o.marketplaceId ?? '', o.purchaseDate, '', '1', 'Principal', '19.99']);
        return rows.length ? { text: tsv(SETTLEMENT_HEADER, rows), rows: rows.length } : null;
      }
      case 'inventory-ledger': {
        const rows = seller.inventory.map((i) => [period.to, '', '', i.sku, i.name ?? '', 'Snapshot', '', String(i.fulfillable ?? 0), 'DEMO1', 'SELLABLE', '', 'US']);
        return rows.length ? { text: tsv(LEDGER_HEADER, rows), rows: rows.length } : null;
      }
      case 'seller-performance': {
        const report = { accountStatuses: marketplaces.map((id) => ({ marketplaceId: id, status: 'NORMAL' })), performanceMetrics: [] };
        return { text: `${JSON.stringify(report, null, 2)}\n`, rows: marketplaces.length };
      }
      case 'financial-events': {
        const events = shipped.filter((o) => inPeriod(o.purchaseDate.slice(0, 10), period)).map((o) => ({ AmazonOrderId: o.orderId, PostedDate: o.purchaseDate, MarketplaceName: o.marketplaceId }));
        return events.length ? { text: `${JSON.stringify({ ShipmentEventList: events }, null, 2)}\n`, rows: events.length } : null;
      }
      default:
        // FBA reimbursements, VAT: the demo seller has none.
        return null;
    }
  }

  return {
    id: 'demo',
    sellerId,
    regions: [...new Set(marketplaces.map((id) => marketplaceById(id)?.closureRegion ?? 'other'))].filter((r) => r !== 'other'),
    async units(required: readonly Requirement[]) {
      return planUnits(required, marketplaces);
    },
    async fetch(unit: ArchiveUnit): Promise<UnitResult> {
      const plan = ARCHIVE_REPORT_PLAN[unit.kind];
      const made = content(unit);
      const origin = { type: 'demo' as const, reportType: plan?.reportType ?? unit.kind };
      if (!made) return { type: 'empty', origin };
      const counter = lineCounter();
      const json = unit.kind === 'seller-performance' || unit.kind === 'financial-events';
      return {
        type: 'file',
        name: fileNameOf(unit, json ? 'json' : 'txt'),
        chunks: json ? [Buffer.from(made.text)] : counter.count([Buffer.from(made.text)]),
        rows: json ? () => made.rows : counter.rows,
        origin,
      };
    },
  };
}

/** The units a required coverage is cut into: each kind in the window size its report accepts. */
export function planUnits(required: readonly Requirement[], marketplaces: readonly string[]): ArchiveUnit[] {
  const units: ArchiveUnit[] = [];
  for (const requirement of required) {
    const plan = ARCHIVE_REPORT_PLAN[requirement.kind];
    if (!plan) continue;
    const windows = requirement.snapshot ? [requirement.period] : plan.windowDays ? windowsOf(requirement.period, plan.windowDays) : [requirement.period];
    const groups = plan.perMarketplace ? marketplaces.map((m) => [m]) : [[...marketplaces]];
    for (const group of groups) {
      for (const window of windows) units.push({ id: `${requirement.kind}:${group.join('+')}:${window.from}:${window.to}`, kind: requirement.kind, marketplaces: group, period: window });
    }
  }
  return units;
}

/** A unit's file name: its kind, marketplaces and period (plain characters only). */
export function fileNameOf(unit: ArchiveUnit, extension: string): string {
  return `${unit.kind}_${unit.marketplaces.join('+')}_${unit.period.from}_${unit.period.to}.${extension}`.replace(/[^A-Za-z0-9._+-]/g, '-');
}
