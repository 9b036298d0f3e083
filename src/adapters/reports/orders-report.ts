// Orders from All Orders reports, read row by row at the byte level: a seller with years of
// history has a million rows, and the checks need little of each.

import { marketplaceById } from '../../core/marketplaces.js';
import type { OrderStatus } from '../../core/seller-data.js';
import { orderStatusOf } from './order-status.js';
import type { ReportFile } from './report-file.js';
import { ReportOrder } from './report-order.js';
import { bytesAre, sameBytes } from './bytes.js';
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
  earliestTime: number;
}

/** Day-first marketplaces, to read a slashed date that carries no time zone. */
function dateOrderOf(marketplaceId: string | null): DateOrder | null {
  if (!marketplaceId) return null;
  return marketplaceById(marketplaceId)?.closureRegion === 'north-america' ? 'month-first' : 'day-first';
}

/**
 * The orders of one report purchased on or after `since`, in batches. Consecutive rows of one
 * order (a row per item) make one order.
 */
export function readOrders(file: ReportFile, since: string | null, reading: OrdersReading): AsyncGenerator<ReportOrder[]> {
  const idColumn = file.column('orderId');
  const dateColumn = file.column('purchaseDate');
  const statusColumn = file.column('status');
  const fulfilmentColumn = file.column('fulfilment');
  const channelColumn = file.column('salesChannel');
  // The contract's days are UTC days.
  const sinceTime = since === null ? -Infinity : Date.parse(`${since}T00:00:00Z`);
  const timestamps = new TimestampReader(file, 'purchaseDate');
  // The previous row's order id and sales channel, where they lie (no copy is made).
  let idBytes: Buffer | null = null;
  let idFrom = 0;
  let idTo = 0;
  let channelBytes: Buffer | null = null;
  let channelFrom = 0;
  let channelTo = 0;
  let marketplaceId: string | null = null;
  let dateOrder: DateOrder | null = null;

  return file.batches(Math.max(idColumn, dateColumn, statusColumn, fulfilmentColumn, channelColumn), (row) => {
    const { bytes, starts, ends, fields } = row;
    const idStart = idColumn < fields ? starts[idColumn]! : 0;
    const idEnd = idColumn < fields ? ends[idColumn]! : 0;
    if (idBytes !== null && sameBytes(idBytes, idFrom, idTo, bytes, idStart, idEnd)) return undefined; // another item of the same order
    idBytes = bytes;
    idFrom = idStart;
    idTo = idEnd;

    const channelStart = channelColumn >= 0 && channelColumn < fields ? starts[channelColumn]! : 0;
    const channelEnd = channelColumn >= 0 && channelColumn < fields ? ends[channelColumn]! : 0;
    if (channelBytes === null || !sameBytes(channelBytes, channelFrom, channelTo, bytes, channelStart, channelEnd)) {
      channelBytes = bytes;
      channelFrom = channelStart;
      channelTo = channelEnd;
      marketplaceId = channelEnd > channelStart ? marketplaceOfSalesChannel(file.text(row, channelColumn)) : null;
      dateOrder = dateOrderOf(marketplaceId);
      if (marketplaceId) reading.marketplaces.add(marketplaceId);
    }

    const time = timestamps.read(row, dateColumn, dateOrder);
    if (time < reading.earliestTime) reading.earliestTime = time;
    if (time < sinceTime) return undefined;

    const statusStart = statusColumn < fields ? starts[statusColumn]! : 0;
    const statusEnd = statusColumn < fields ? ends[statusColumn]! : 0;
    let status: OrderStatus;
    if (bytesAre(bytes, statusStart, statusEnd, SHIPPED, true)) status = 'Shipped';
    else if (bytesAre(bytes, statusStart, statusEnd, CANCELLED)) status = 'Canceled';
    else if (bytesAre(bytes, statusStart, statusEnd, PENDING)) status = 'Pending';
    else status = orderStatusOf(file.text(row, statusColumn));

    let fulfilment: 'AFN' | 'MFN' | null = null;
    if (fulfilmentColumn >= 0 && fulfilmentColumn < fields) {
      const from = starts[fulfilmentColumn]!;
      const to = ends[fulfilmentColumn]!;
      fulfilment = bytesAre(bytes, from, to, AMAZON) ? 'AFN' : bytesAre(bytes, from, to, MERCHANT) ? 'MFN' : null;
    }
    const dateStart = dateColumn < fields ? starts[dateColumn]! : 0;
    const dateEnd = dateColumn < fields ? ends[dateColumn]! : 0;
    return new ReportOrder(bytes, idStart, idEnd, status, time, timestamps.rewritten, dateStart, dateEnd, marketplaceId, fulfilment);
  });
}

/** The first day the orders reach back to, as the contract's coversFrom. */
export function earliestDay(reading: OrdersReading): string | null {
  return Number.isFinite(reading.earliestTime) ? new Date(Math.floor(reading.earliestTime / DAY_MS) * DAY_MS).toISOString().slice(0, 10) : null;
}
