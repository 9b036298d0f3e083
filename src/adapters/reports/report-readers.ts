// Reading each kind of report into the contract's records, in batches: shared by the reports
// adapter (files from Seller Central) and the SP-API adapter (documents from the Reports API).

import type { Claim, Listing, RemovalOrderLine, ReturnRequest } from '../../core/seller-data.js';
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

/** SAFE-T claim states after which Amazon has decided (the full value set is UNCONFIRMED: any other is not final). */
const FINAL_SAFET_STATE = /^(closed|decided|resolved|reimbursed|granted|denied|rejected|declined)$/i;

/**
 * Whether a Returns report can show claims: it has the A-to-Z Claim column or a SAFE-T one
 * (report-formats.md §8). A file without the A-to-Z flag still shows the SAFE-T claims it lists.
 */
export function showsClaims(file: ReportFile): boolean {
  return ['aToZ', 'safeTId', 'safeTState', 'safeTCreated'].some((column) => file.column(column) >= 0);
}

/**
 * Claims the Returns report shows (issue 17): a return with "A-to-Z Claim" = Y is a claim the
 * report does not show decided (not final), and so is a SAFE-T claim whose state is not a known
 * final one. A flag other than Y or N cannot be accounted for and counts as a claim.
 */
export async function* claimsOf(file: ReportFile): RecordStream<Claim> {
  const [orderId, requestDate, aToZ, safeTId, safeTState, safeTCreated] = columnsOf(file, ['orderId', 'requestDate', 'aToZ', 'safeTId', 'safeTState', 'safeTCreated']) as [number, number, number, number, number, number];
  const rows = file.batches(Math.max(orderId, requestDate, aToZ, safeTId, safeTState, safeTCreated), (row) => {
    const found: Claim[] = [];
    const order = file.text(row, orderId).trim();
    const flag = aToZ >= 0 && aToZ < row.fields ? file.text(row, aToZ).trim().toUpperCase() : '';
    const day = () => parsedField(file, row, requestDate, 'requestDate', (text) => parseReportDay(text));
    // Only N (or No, spelt out) says "no claim": a blank flag (whitespace-only is blank) says nothing, so it counts too.
    if (aToZ >= 0 && flag !== 'N' && flag !== 'NO') found.push({ claimId: order, orderId: order || null, kind: 'a-to-z', openedOn: day(), open: true, shownBy: 'returns-report' });
    const id = safeTId >= 0 && safeTId < row.fields ? file.text(row, safeTId).trim() : '';
    const state = safeTState >= 0 && safeTState < row.fields ? file.text(row, safeTState).trim() : '';
    const created = safeTCreated >= 0 && safeTCreated < row.fields ? file.text(row, safeTCreated).trim() : '';
    // A SAFE-T state or creation time without the claim's id is still a claim: the order names it.
    if (id !== '' || state !== '' || created !== '') {
      let openedOn = day();
      if (created !== '') {
        try {
          openedOn = parseReportDay(created);
        } catch {
          // An unreadable creation time: the return's request date dates the claim.
        }
      }
      found.push({ claimId: id || order, orderId: order || null, kind: 'safe-t', openedOn, open: !FINAL_SAFET_STATE.test(state), shownBy: 'returns-report' });
    }
    return found;
  });
  for await (const batch of rows) {
    const flat = batch.flat();
    if (flat.length > 0) yield flat;
  }
}
