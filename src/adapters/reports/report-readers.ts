// Reading each kind of report into the contract's records, in batches: shared by the reports
// adapter (files from Seller Central) and the SP-API adapter (documents from the Reports API).

import type { Listing, RemovalOrderLine, ReturnRequest } from '../../core/seller-data.js';
import type { RecordStream } from '../../core/seller-data-source.js';
import { ByteArena } from './byte-arena.js';
import { bytesAre } from './bytes.js';
import type { ReportFile } from './report-file.js';
import { ReportListing } from './report-records.js';
import { parseQuantity, parseReportDay } from './report-values.js';
import { parsedField, quantityField } from './row-values.js';

/** Return statuses after which nothing is left to do for the seller. */
const CLOSED_RETURN = /^(closed|completed|rejected|cancell?ed|refunded)$/i;

export async function* concat<T>(files: ReportFile[], each: (file: ReportFile) => RecordStream<T>): RecordStream<T> {
  for (const file of files) yield* each(file);
}

function columnsOf(file: ReportFile, names: readonly string[]): number[] {
  return names.map((name) => file.column(name));
}

const ACTIVE = Buffer.from('Active');
/** All Listings writes DEFAULT for merchant-fulfilled listings, AMAZON_NA, AMAZON_EU or AFN for FBA. */
const MERCHANT_CHANNEL = Buffer.from('DEFAULT');
const INACTIVE = Buffer.from('Inactive');

export function listingsOf(file: ReportFile): RecordStream<Listing> {
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

export function removalsOf(file: ReportFile): RecordStream<RemovalOrderLine> {
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

export function returnsOf(file: ReportFile): RecordStream<ReturnRequest> {
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
