// Stock from Manage FBA Inventory and Reserved Inventory reports, every quantity column
// accounted for. Each bucket Amazon documents counts; a quantity column Amazon added later
// (afn-…-quantity) counts too; Amazon's totals are a cross-check: units they count beyond the
// buckets are units. A blank means 0 only where a total vouches for it: a blank no total covers
// (researching, future supply) or a bucket column the file lacks cannot prove a SKU empty.

import type { Doubt, InventoryItem } from '../../core/seller-data.js';
import type { RecordStream } from '../../core/seller-data-source.js';
import { ByteArena } from './byte-arena.js';
import type { ReportFile } from './report-file.js';
import { normaliseHeader } from './report-kinds.js';
import { ReportStock } from './report-records.js';
import { quantityField } from './row-values.js';

/** What reading a file noticed besides its records: what it could not account for. */
export interface ReadingNotes {
  doubts: Doubt[];
}

/** The buckets afn-total-quantity adds up (report-formats.md §5), warehouse ones first. */
const COVERED = ['fulfillable', 'unfulfillable', 'reserved', 'inboundWorking', 'inboundShipped', 'inboundReceiving'] as const;
const IN_WAREHOUSE = 3;
/** Buckets no total covers. */
const UNCOVERED = ['researching', 'reservedFutureSupply', 'futureSupplyBuyable'] as const;

/**
 * Quantity columns Amazon added that close-account does not know by name: read, never ignored.
 * Any afn- column that speaks of units (…-quantity, …-quantity-remote, …-supply, …-qty, …-units),
 * wherever the word falls in the name, since Amazon splits buckets by suffix as well as prefix.
 */
const UNITS_WORD = /(^|-)(quantity|qty|supply|units)(-|$)/;
function unknownQuantityColumns(file: ReportFile): number[] {
  const known = new Set(Object.values(file.spec?.columns ?? {}));
  return file.headers.flatMap((name, i) => {
    const key = normaliseHeader(name);
    return key.startsWith('afn-') && UNITS_WORD.test(key.slice(4)) && !known.has(key) ? [i] : [];
  });
}

export function inventoryOf(file: ReportFile, notes: ReadingNotes = { doubts: [] }): RecordStream<InventoryItem> {
  const sku = file.column('sku');
  const name = file.column('name');
  const covered = COVERED.map((c) => file.column(c));
  const uncovered = UNCOVERED.map((c) => file.column(c));
  const extra = unknownQuantityColumns(file);
  const warehouse = file.column('warehouse');
  const total = file.column('total');
  const columns = { sku, name, arena: new ByteArena() };
  let doubted = false;
  const doubt = (line: number, column: string) => {
    if (doubted) return;
    doubted = true;
    notes.doubts.push({ reason: { key: 'reports.unproven-quantity', params: { file: file.name, line, column } }, check: 'fba-inventory' });
  };
  const [f, u, r, iw, is, ir] = covered as [number, number, number, number, number, number];
  const [res, rfs, fsb] = uncovered as [number, number, number];
  // Plain locals, no array per row: a large report has a hundred thousand SKUs.
  return file.batches(Math.max(sku, name, warehouse, total, ...covered, ...uncovered, ...extra), (row) => {
    const fulfillable = quantityField(file, row, f, 'fulfillable');
    const unfulfillable = quantityField(file, row, u, 'unfulfillable');
    const reserved = quantityField(file, row, r, 'reserved');
    const inboundWorking = quantityField(file, row, iw, 'inboundWorking');
    const inboundShipped = quantityField(file, row, is, 'inboundShipped');
    const inboundReceiving = quantityField(file, row, ir, 'inboundReceiving');
    const researching = quantityField(file, row, res, 'researching');
    const reservedFuture = quantityField(file, row, rfs, 'reservedFutureSupply');
    const futureBuyable = quantityField(file, row, fsb, 'futureSupplyBuyable');
    const warehouseUnits = quantityField(file, row, warehouse, 'warehouse');
    const totalUnits = quantityField(file, row, total, 'total');
    let extraUnits = 0;
    let extraBlank = -1;
    for (let i = 0; i < extra.length; i++) {
      const value = quantityField(file, row, extra[i]!, file.headers[extra[i]!]!);
      if (value === null) extraBlank = extraBlank < 0 ? i : extraBlank;
      else extraUnits += value;
    }
    const inWarehouse = (fulfillable ?? 0) + (unfulfillable ?? 0) + (reserved ?? 0);
    const inCovered = inWarehouse + (inboundWorking ?? 0) + (inboundShipped ?? 0) + (inboundReceiving ?? 0);
    const beyondTotals = Math.max(0, (totalUnits ?? 0) - inCovered, (warehouseUnits ?? 0) - inWarehouse);
    const otherUnits = beyondTotals + (reservedFuture ?? 0) + (futureBuyable ?? 0) + extraUnits;
    const stock = new ReportStock(file, row, columns, { fulfillable, unfulfillable, reserved, inboundWorking, inboundShipped, inboundReceiving, researching, otherUnits });
    if (!doubted && inCovered + (researching ?? 0) + otherUnits === 0) {
      // No units shown: is every blank in the row vouched for by a total? If not, say which is not.
      const header = (logical: string) => file.spec?.columns[logical] ?? logical;
      const buckets = [fulfillable, unfulfillable, reserved, inboundWorking, inboundShipped, inboundReceiving];
      const unvouched = buckets.findIndex((value, i) => value === null && totalUnits === null && !(i < IN_WAREHOUSE && warehouseUnits !== null));
      // Amazon always writes its totals: a blank one is a value lost, not a zero.
      if (totalUnits === null && total >= 0) doubt(row.line, header('total'));
      else if (warehouseUnits === null && warehouse >= 0) doubt(row.line, header('warehouse'));
      else if (unvouched >= 0) doubt(row.line, header(COVERED[unvouched]!));
      // researching always existed. A file with it is of the current layout (report-formats.md §5,
      // 21 columns), which has both future-supply columns: one it lacks was renamed or lost, and
      // the units under it are unseen; the older 18-column report lacks researching, doubted above.
      else if (researching === null) doubt(row.line, header('researching'));
      else if (reservedFuture === null) doubt(row.line, header('reservedFutureSupply'));
      else if (futureBuyable === null) doubt(row.line, header('futureSupplyBuyable'));
      else if (extraBlank >= 0) doubt(row.line, file.headers[extra[extraBlank]!]!);
    }
    return stock;
  });
}

/** The Reserved Inventory report: reserved units, cross-checked against their three reasons. */
export function reservedOf(file: ReportFile): RecordStream<InventoryItem> {
  const sku = file.column('sku');
  const name = file.column('name');
  const parts = ['customerOrders', 'transfers', 'processing'].map((c) => file.column(c));
  const reserved = file.column('reserved');
  const columns = { sku, name, arena: new ByteArena() };
  return file.batches(Math.max(sku, name, reserved, ...parts), (row) => {
    const units = quantityField(file, row, reserved, 'reserved');
    const byReason = parts.reduce<number>((sum, column, i) => sum + (quantityField(file, row, column, ['customerOrders', 'transfers', 'processing'][i]!) ?? 0), 0);
    return new ReportStock(file, row, columns, {
      fulfillable: 0,
      unfulfillable: 0,
      reserved: units,
      inboundWorking: 0,
      inboundShipped: 0,
      inboundReceiving: 0,
      researching: 0,
      otherUnits: Math.max(0, byReason - (units ?? 0)),
    });
  });
}
