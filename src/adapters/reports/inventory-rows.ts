// Stock from Manage FBA Inventory and Reserved Inventory reports, every quantity column
// accounted for. Each bucket Amazon documents counts; a quantity column Amazon added later
// (afn-…-quantity) counts too; Amazon's totals are a cross-check: units they count beyond the
// buckets are units. A blank means 0 only where a total vouches for it: a blank no total covers
// (researching, future supply) or a bucket column the file lacks cannot prove a SKU empty.

import type { Doubt, InventoryItem } from '../../core/seller-data.js';
import type { RecordStream } from '../../core/seller-data-source.js';
import { ByteArena } from './byte-arena.js';
import type { ReportFile, RowView } from './report-file.js';
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

/** Quantity columns Amazon added that close-account does not know by name: read, never ignored. */
function unknownQuantityColumns(file: ReportFile): number[] {
  const known = new Set(Object.values(file.spec?.columns ?? {}));
  return file.headers.flatMap((name, i) => {
    const key = normaliseHeader(name);
    return /^afn-.+-quantity$/.test(key) && !known.has(key) ? [i] : [];
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
  return file.batches(Math.max(sku, name, warehouse, total, ...covered, ...uncovered, ...extra), (row) => {
    const read = (column: number, logical: string) => quantityField(file, row, column, logical);
    const q = covered.map((column, i) => read(column, COVERED[i]!));
    const u = uncovered.map((column, i) => read(column, UNCOVERED[i]!));
    const x = extra.map((column) => read(column, file.headers[column]!));
    const warehouseUnits = read(warehouse, 'warehouse');
    const totalUnits = read(total, 'total');
    const inWarehouse = q.slice(0, IN_WAREHOUSE).reduce<number>((sum, v) => sum + (v ?? 0), 0);
    const inCovered = q.reduce<number>((sum, v) => sum + (v ?? 0), 0);
    const beyondTotals = Math.max(0, (totalUnits ?? 0) - inCovered, (warehouseUnits ?? 0) - inWarehouse);
    const otherUnits = beyondTotals + (u[1] ?? 0) + (u[2] ?? 0) + x.reduce<number>((sum, v) => sum + (v ?? 0), 0);
    const stock = new ReportStock(file, row, columns, {
      fulfillable: q[0]!,
      unfulfillable: q[1]!,
      reserved: q[2]!,
      inboundWorking: q[3]!,
      inboundShipped: q[4]!,
      inboundReceiving: q[5]!,
      researching: u[0]!,
      otherUnits,
    });
    if (!doubted && inCovered + (u[0] ?? 0) + otherUnits === 0) noteUnproven(file, row, { q, u, x, warehouseUnits, totalUnits, covered, uncovered, extra }, doubt);
    return stock;
  });
}

interface RowQuantities {
  q: (number | null)[];
  u: (number | null)[];
  x: (number | null)[];
  warehouseUnits: number | null;
  totalUnits: number | null;
  covered: number[];
  uncovered: number[];
  extra: number[];
}

/** A row that shows no units: is every blank in it vouched for? If not, says which is not. */
function noteUnproven(file: ReportFile, row: RowView, r: RowQuantities, doubt: (line: number, column: string) => void): void {
  const header = (logical: string) => file.spec?.columns[logical] ?? logical;
  // Amazon always writes its totals: a blank one is a value lost, not a zero.
  if (r.totalUnits === null && file.column('total') >= 0) return doubt(row.line, header('total'));
  if (r.warehouseUnits === null && file.column('warehouse') >= 0) return doubt(row.line, header('warehouse'));
  for (let i = 0; i < COVERED.length; i++) {
    if (r.q[i] !== null) continue;
    const vouched = r.totalUnits !== null || (i < IN_WAREHOUSE && r.warehouseUnits !== null);
    if (!vouched) return doubt(row.line, header(COVERED[i]!));
  }
  for (let i = 0; i < UNCOVERED.length; i++) {
    // A future-supply column a file predates is not a blank; researching always existed.
    if (r.u[i] === null && (r.uncovered[i]! >= 0 || UNCOVERED[i] === 'researching')) return doubt(row.line, header(UNCOVERED[i]!));
  }
  for (let i = 0; i < r.extra.length; i++) if (r.x[i] === null) return doubt(row.line, file.headers[r.extra[i]!]!);
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
