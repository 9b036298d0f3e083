// Orders from All Orders reports, read row by row at the byte level: a seller with years of
// history has a million rows, and the checks need little of each.

import { marketplaceById } from '../../core/marketplaces.js';
import type { OrderStatus } from '../../core/seller-data.js';
import { orderStatusOf } from './order-status.js';
import type { ReportFile } from './report-file.js';
import { ReportOrder } from './report-order.js';
import { bytesAre, RecentBytes } from './bytes.js';
import { ByteArena } from './byte-arena.js';
import type { DateOrder } from './report-values.js';
import { TimestampReader } from './row-values.js';
import { marketplaceOfSalesChannel } from './sales-channels.js';

const SHIPPED = Buffer.from('Shipped');
const CANCELLED = Buffer.from('Cancelled');
const PENDING = Buffer.from('Pending');
const AMAZON = Buffer.from('Amazon');
const MERCHANT = Buffer.from('Merchant');
const DAY_MS = 86_400_000;

/** What reading the orders learns besides the orders: marketplaces, and how far back they go. */
export interface OrdersReading {
  marketplaces: Set<string>;
  /**
   * From when the file is known to hold every order: its earliest last-updated-date. Every
   * order purchased since then was updated since then, so it is in the file whether the report
   * was requested by order date or by last-update date; the earliest purchase-date alone would
   * overstate what a last-update report covers.
   */
  earliestTime: number;
  /** False when the file has no last-updated-date: the period it covers cannot be established. */
  periodKnown?: boolean;
  /** Sales channels no marketplace is known by (not "Non-Amazon"): sales in a marketplace unnamed. */
  unknownChannels?: Set<string>;
  /** The first line of an order with a blank sales channel: a sale in a marketplace unnamed. */
  blankChannelLine?: number;
}

/** Multi-channel fulfilment orders: sold elsewhere, in no Amazon marketplace. */
const NON_AMAZON = /^non-amazon$/i;

/** Day-first marketplaces: a hint only; a zoneless date that reads both ways is taken as the later (report-values.ts). */
function dateOrderOf(marketplaceId: string | null): DateOrder | null {
  if (!marketplaceId) return null;
  return marketplaceById(marketplaceId)?.closureRegion === 'north-america' ? 'month-first' : 'day-first';
}

/**
 * The orders of one report purchased on or after `since`, and every open order whatever its
 * age, in batches. Consecutive rows of one order (a row per item) make one order.
 */
export function readOrders(file: ReportFile, since: string | null, reading: OrdersReading): AsyncGenerator<ReportOrder[]> {
  const idColumn = file.column('orderId');
  const dateColumn = file.column('purchaseDate');
  const statusColumn = file.column('status');
  const fulfilmentColumn = file.column('fulfilment');
  const channelColumn = file.column('salesChannel');
  const updatedColumn = file.column('lastUpdated');
  reading.periodKnown = updatedColumn >= 0;
  const updates = new TimestampReader(file, 'lastUpdated');
  // The contract's days are UTC days.
  const sinceTime = since === null ? -Infinity : Date.parse(`${since}T00:00:00Z`);
  const timestamps = new TimestampReader(file, 'purchaseDate');
  const arena = new ByteArena();
  // The previous row's order id, status, purchase date and sales channel (RecentBytes: its chunk
  // stays valid while the next row is read).
  const previousId = new RecentBytes();
  const previousStatus = new RecentBytes();
  const previousDate = new RecentBytes();
  const previousChannel = new RecentBytes();
  let marketplaceId: string | null = null;
  let dateOrder: DateOrder | null = null;

  return file.batches(Math.max(idColumn, dateColumn, statusColumn, fulfilmentColumn, channelColumn, updatedColumn), (row) => {
    const { bytes, starts, ends, fields } = row;
    const idStart = idColumn < fields ? starts[idColumn]! : 0;
    const idEnd = idColumn < fields ? ends[idColumn]! : 0;
    const statusStart = statusColumn < fields ? starts[statusColumn]! : 0;
    const statusEnd = statusColumn < fields ? ends[statusColumn]! : 0;
    const dateStart = dateColumn < fields ? starts[dateColumn]! : 0;
    const dateEnd = dateColumn < fields ? ends[dateColumn]! : 0;
    const channelStart = channelColumn >= 0 && channelColumn < fields ? starts[channelColumn]! : 0;
    const channelEnd = channelColumn >= 0 && channelColumn < fields ? ends[channelColumn]! : 0;
    // Another item of the same order: only when it agrees with the row above. A row of the same
    // id that says otherwise (open, bought later, in another marketplace) is read as an order too:
    // it can only make the checks stricter, never be lost.
    if (
      previousId.is(bytes, idStart, idEnd) &&
      previousStatus.is(bytes, statusStart, statusEnd) &&
      previousDate.is(bytes, dateStart, dateEnd) &&
      previousChannel.is(bytes, channelStart, channelEnd)
    ) {
      // Kept pointing at the row just read: a run of rows longer than a chunk would otherwise
      // compare with bytes already overwritten.
      previousId.set(bytes, idStart, idEnd);
      previousStatus.set(bytes, statusStart, statusEnd);
      previousDate.set(bytes, dateStart, dateEnd);
      previousChannel.set(bytes, channelStart, channelEnd);
      return undefined;
    }
    previousId.set(bytes, idStart, idEnd);
    previousStatus.set(bytes, statusStart, statusEnd);
    previousDate.set(bytes, dateStart, dateEnd);

    if (!previousChannel.is(bytes, channelStart, channelEnd)) {
      previousChannel.set(bytes, channelStart, channelEnd);
      const channel = channelEnd > channelStart ? file.text(row, channelColumn).trim() : '';
      marketplaceId = channel === '' ? null : marketplaceOfSalesChannel(channel);
      dateOrder = dateOrderOf(marketplaceId);
      if (marketplaceId) reading.marketplaces.add(marketplaceId);
      else if (channel !== '' && !NON_AMAZON.test(channel)) reading.unknownChannels?.add(channel);
      else if (channel === '' && channelColumn >= 0) reading.blankChannelLine ??= row.line;
    }

    const time = timestamps.read(row, dateColumn, dateOrder);
    // An order is updated at or after its purchase: only a row bought before the earliest update
    // seen so far can hold an earlier one, so the column is read for few rows.
    if (time < reading.earliestTime && updatedColumn >= 0 && ends[updatedColumn]! > starts[updatedColumn]!) {
      const updated = updates.read(row, updatedColumn, dateOrder);
      if (updated < reading.earliestTime) reading.earliestTime = updated;
    }

    let status: OrderStatus;
    if (bytesAre(bytes, statusStart, statusEnd, SHIPPED, true)) status = 'Shipped';
    else if (bytesAre(bytes, statusStart, statusEnd, CANCELLED)) status = 'Canceled';
    else if (bytesAre(bytes, statusStart, statusEnd, PENDING)) status = 'Pending';
    else status = orderStatusOf(file.text(row, statusColumn));
    // Older than the look-back only matters when still open: an open order of any age blocks.
    if (time < sinceTime && (status === 'Shipped' || status === 'Canceled')) return undefined;

    let fulfilment: 'AFN' | 'MFN' | null = null;
    if (fulfilmentColumn >= 0 && fulfilmentColumn < fields) {
      const from = starts[fulfilmentColumn]!;
      const to = ends[fulfilmentColumn]!;
      fulfilment = bytesAre(bytes, from, to, AMAZON) ? 'AFN' : bytesAre(bytes, from, to, MERCHANT) ? 'MFN' : null;
    }
    // One copy from the id to the date when the date follows it (as in Amazon's layout).
    if (dateStart >= idEnd) {
      const at = arena.keep(bytes, idStart, dateEnd) - idStart;
      return new ReportOrder(arena.current, at + idStart, at + idEnd, at + dateStart, at + dateEnd, status, time, timestamps.rewritten, marketplaceId, fulfilment);
    }
    const at = arena.keep(bytes, idStart, idEnd, dateStart, dateEnd);
    const dateAt = at + idEnd - idStart;
    return new ReportOrder(arena.current, at, dateAt, dateAt, dateAt + dateEnd - dateStart, status, time, timestamps.rewritten, marketplaceId, fulfilment);
  });
}

/** The first whole day the orders are known to cover, as the contract's coversFrom. */
export function earliestDay(reading: OrdersReading): string | null {
  return Number.isFinite(reading.earliestTime) ? new Date(Math.ceil(reading.earliestTime / DAY_MS) * DAY_MS).toISOString().slice(0, 10) : null;
}
