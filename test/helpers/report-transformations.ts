// The model, the writing styles and the oracle of the transformation (metamorphic) tests of the
// reports adapter (test/reports/transformations-*.test.ts, one file per property so that the
// suite's two workers share them).
//
// A generated seller is ready, or blocked for one or more known reasons (an open order of any
// age, a recent sale, a listing, units in any inventory bucket or only in Amazon's totals, a
// removal in process, an open return). It is written as report folders the way Seller Central
// writes them. Then:
// - what keeps the meaning (line endings LF, CRLF, CR or mixed; UTF-8, BOM or Windows-1252;
//   gzip; column order; extra unknown columns; header case and spacing; a report split in two
//   files; duplicated rows; unrelated files beside) must keep the verdict and the failing checks;
// - what loses information (a file truncated inside a row or its header, a file dropped, a cell
//   blanked, a byte damaged, a file made older) may only give unknown or an input error: never
//   ready, and no check that failed passes.

import { closeSync, ftruncateSync, futimesSync, mkdtempSync, openSync, readdirSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { createReportsAdapter } from '../../src/adapters/reports/reports-adapter.js';
import type { CheckId } from '../../src/core/check-result.js';
import { evaluateReadiness } from '../../src/core/readiness.js';
import { CliError } from '../../src/errors.js';
import { csvLine, DATE_RANGE_PREAMBLE, encode, HEADERS } from './report-fixtures.js';
import { t } from './records.js';

export const AS_OF = '2026-11-26';
const NOW = new Date(`${AS_OF}T12:00:00Z`);
export const DAY = 86_400_000;
const at = (daysAgo: number, hour = 10) => new Date(Date.parse(`${AS_OF}T00:00:00Z`) - daysAgo * DAY + hour * 3_600_000).toISOString().replace('.000Z', '+00:00');
/** METAMORPHIC_SCALE=10 runs ten times the cases (a soak before a release); CI runs the default. */
export const SCALE = Number(process.env.METAMORPHIC_SCALE ?? 1);
export const attested = new Set<CheckId>(['data-export', 'bank-account', 'performance-notifications', 'selling-plan', 'claims', 'balance', 'marketplaces']);

// ---- The seller, as a model with a known answer ---------------------------------------------

const REASONS = ['old-open-order', 'recent-sale', 'recent-open-order', 'listing', 'stock', 'removal', 'return', 'owed', 'reserve', 'ads'] as const;
type Reason = (typeof REASONS)[number];
const FAILS: Record<Reason, CheckId[]> = {
  'old-open-order': ['open-orders'],
  'recent-sale': ['last-sale-window'],
  'recent-open-order': ['open-orders', 'last-sale-window'],
  listing: ['listings'],
  stock: ['fba-inventory'],
  removal: ['removal-orders'],
  return: ['returns-refunds'],
  // The last settlement (flat file V2) shows money owed to Amazon, or a reserve held (issue 17).
  owed: ['balance'],
  reserve: ['balance'],
  // Amazon Ads billed in the last 60 days (Date Range report): a warning, never a blocker.
  ads: [],
};
/** Where a blocked SKU's units are: each bucket Amazon documents, or only in its totals. */
const STOCK_PLACES = [
  'afn-fulfillable-quantity', 'afn-unsellable-quantity', 'afn-reserved-quantity', 'afn-inbound-working-quantity', 'afn-inbound-shipped-quantity',
  'afn-inbound-receiving-quantity', 'afn-researching-quantity', 'afn-reserved-future-supply', 'afn-future-supply-buyable', 'only-total', 'only-warehouse',
] as const;
const OPEN_STATUSES = ['Pending', 'Unshipped', 'PartiallyShipped', 'Pending - Waiting for Pick Up', 'Shipping', 'InvoiceUnconfirmed'];
const SHIPPED_STATUSES = ['Shipped', 'Shipped - Delivered to Buyer', 'Shipped - Returned to Seller', 'Shipped - Out for Delivery', 'Shipped - Picked Up'];
const NAMES = ['Café crème mug', 'Tasse à thé', 'Linen napkins', 'Crème brûlée dish', 'Bamboo board'];

export interface Seller {
  reasons: Reason[];
  filler: number;
  openStatus: string;
  stockPlace: (typeof STOCK_PLACES)[number];
  units: number;
  listingStatus: 'Active' | 'Inactive';
}

export const sellerArb: fc.Arbitrary<Seller> = fc.record({
  reasons: fc.subarray([...REASONS], { maxLength: 3 }),
  filler: fc.integer({ min: 1, max: 4 }),
  openStatus: fc.constantFrom(...OPEN_STATUSES),
  stockPlace: fc.constantFrom(...STOCK_PLACES),
  units: fc.integer({ min: 1, max: 250 }),
  listingStatus: fc.constantFrom('Active' as const, 'Inactive' as const),
});

export type Doc = { kind: 'orders' | 'listings' | 'inventory' | 'removals' | 'returns' | 'settlement' | 'date-range'; header: string[]; rows: string[][]; csv?: boolean };

function cells(header: string, values: Record<string, string>): string[] {
  return header.split('\t').map((name) => values[name] ?? '');
}

/** The seller's reports, as Seller Central writes them: every cell Amazon fills, filled. */
function documents(seller: Seller): Doc[] {
  const has = (reason: Reason) => seller.reasons.includes(reason);
  const order = (id: number, daysAgo: number, status: string, hour = 10) =>
    cells(HEADERS.allOrders, {
      'amazon-order-id': `111-0000000-${String(id).padStart(7, '0')}`,
      'merchant-order-id': `111-0000000-${String(id).padStart(7, '0')}`,
      'purchase-date': at(daysAgo, hour),
      'last-updated-date': at(Math.max(0, daysAgo - 2), hour),
      'order-status': status,
      'fulfillment-channel': id % 2 ? 'Amazon' : 'Merchant',
      'sales-channel': 'Amazon.com',
      'product-name': NAMES[id % NAMES.length]!,
      sku: `SKU-${id}`,
      'item-status': status.startsWith('Shipped') ? 'Shipped' : 'Unshipped',
      quantity: '1',
      currency: 'USD',
      'item-price': '12.50',
    });
  // History that reaches back past the 90 days, none of it open or recent.
  const orders = Array.from({ length: seller.filler + 1 }, (_, i) => order(i + 1, 150 - i * 9, SHIPPED_STATUSES[i % SHIPPED_STATUSES.length]!));
  orders.push(order(90, 100, 'Cancelled'));
  if (has('old-open-order')) orders.push(order(91, 200, seller.openStatus));
  if (has('recent-sale')) orders.push(order(92, 10, 'Shipped - Delivered to Buyer', 23));
  if (has('recent-open-order')) orders.push(order(93, 4, seller.openStatus));

  const listings = has('listing')
    ? [cells(HEADERS.allListings, { 'item-name': NAMES[1]!, 'listing-id': 'L1', 'seller-sku': 'SKU-L1', price: '9.99', quantity: '3', 'fulfillment-channel': 'AMAZON_NA', status: seller.listingStatus })]
    : [];

  const zero = Object.fromEntries(HEADERS.manageInventory.split('\t').filter((n) => n.startsWith('afn-') && n !== 'afn-listing-exists').map((n) => [n, '0']));
  const stockRow = (sku: string, quantities: Record<string, string>) =>
    cells(HEADERS.manageInventory, { sku, fnsku: `X${sku}`, asin: 'B000000000', 'product-name': NAMES[0]!, condition: 'New', 'your-price': '12.50', 'mfn-listing-exists': 'No', 'afn-listing-exists': 'Yes', ...zero, ...quantities });
  const inventory = Array.from({ length: seller.filler }, (_, i) => stockRow(`SKU-${i}`, {}));
  if (has('stock')) {
    const u = String(seller.units);
    const place = seller.stockPlace;
    const q: Record<string, string> =
      place === 'only-total' ? { 'afn-total-quantity': u }
      : place === 'only-warehouse' ? { 'afn-warehouse-quantity': u, 'afn-total-quantity': u }
      : { [place]: u };
    // Amazon's totals add up what they cover (report-formats.md §5).
    if (['afn-fulfillable-quantity', 'afn-unsellable-quantity', 'afn-reserved-quantity'].includes(place)) Object.assign(q, { 'afn-warehouse-quantity': u, 'afn-total-quantity': u });
    if (place.startsWith('afn-inbound')) q['afn-total-quantity'] = u;
    inventory.push(stockRow('SKU-STOCK', q));
  }

  const removal = (id: string, status: string, inProcess: string) =>
    cells(HEADERS.removalOrders, { 'request-date': at(60), 'order-id': id, 'order-type': 'Return', 'service-speed': 'Standard', 'order-status': status, 'last-updated-date': at(50), sku: 'SKU-1', fnsku: 'X1', disposition: 'Sellable', 'requested-quantity': '5', 'cancelled-quantity': '0', 'disposed-quantity': '0', 'shipped-quantity': inProcess === '0' ? '5' : '0', 'in-process-quantity': inProcess, 'removal-fee': '1.50', currency: 'USD' });
  const removals = [removal('R1', 'Completed', '0'), removal('R2', 'Cancelled', '0')];
  if (has('removal')) removals.push(removal('R3', 'Pending', String(seller.units)));

  const ret = (id: string, status: string) =>
    cells(HEADERS.returns, { 'Order ID': id, 'Order date': '10-Oct-2026', 'Return request date': '14-Oct-2026', 'Return request status': status, 'Amazon RMA ID': 'RMA1', 'Merchant RMA ID': ' ', 'A-to-Z Claim': 'N', 'Is prime': 'N', 'Merchant SKU': 'SKU-1', 'Return quantity': '1' });
  const returns = [ret('111-0000000-0000001', 'Closed'), ret('111-0000000-0000002', 'Refunded')];
  if (has('return')) returns.push(ret('111-0000000-0000003', 'Approved'));

  // The last settlement: paid out before the as-of day, or owed, or with a reserve held back.
  const settle = (values: Record<string, string>) => cells(HEADERS.settlementV2, { 'settlement-id': '24601', ...values });
  const txn = (type: string, amountType: string, description: string, amount: string) =>
    settle({ 'transaction-type': type, 'order-id': type === 'Order' ? '111-0000000-0000001' : '', 'marketplace-name': 'Amazon.com', 'amount-type': amountType, 'amount-description': description, amount, 'posted-date': '2026-11-10' });
  const totalAmount = has('owed') ? '-37.25' : '412.80';
  const settlement = [
    settle({ 'settlement-start-date': '2026-11-01 07:00:00 UTC', 'settlement-end-date': '2026-11-15 07:00:00 UTC', 'deposit-date': '2026-11-17 07:00:00 UTC', 'total-amount': totalAmount, currency: 'USD' }),
    txn('Order', 'ItemPrice', 'Principal', '25.00'),
    txn('Order', 'ItemFees', 'Commission', '-3.75'),
    txn('other-transaction', 'other-transaction', 'Previous Reserve Amount Balance', '12.00'),
  ];
  // The Date Range transaction report (CSV): sales reaching back past the 60 days, an ads charge.
  const us = (daysAgo: number) => {
    const d = new Date(Date.parse(`${AS_OF}T12:00:00Z`) - daysAgo * DAY);
    return `${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()} 4:05:06 AM PST`;
  };
  const transaction = (daysAgo: number, type: string, description: string, total: string) =>
    cells(HEADERS.dateRange, { 'date/time': us(daysAgo), 'settlement id': '24601', type, 'order id': type === 'Order' ? '111-0000000-0000001' : '', description, quantity: type === 'Order' ? '1' : '', marketplace: 'amazon.com', total });
  const transactions = [transaction(80, 'Order', NAMES[2]!, '7.40'), transaction(20, 'Order', NAMES[0]!, '1,207.40'), transaction(15, 'Transfer', 'To account ending in: 123', '-1,214.80')];
  if (has('ads')) transactions.push(transaction(9, 'Service Fee', 'Cost of Advertising', '-87.50'));
  if (has('reserve')) settlement.push(txn('other-transaction', 'other-transaction', 'Current Reserve Amount', `-${seller.units}.00`));

  return [
    { kind: 'orders', header: HEADERS.allOrders.split('\t'), rows: orders },
    { kind: 'listings', header: HEADERS.allListings.split('\t'), rows: listings },
    { kind: 'inventory', header: HEADERS.manageInventory.split('\t'), rows: inventory },
    { kind: 'removals', header: HEADERS.removalOrders.split('\t'), rows: removals },
    { kind: 'returns', header: HEADERS.returns.split('\t'), rows: returns },
    { kind: 'settlement', header: HEADERS.settlementV2.split('\t'), rows: settlement },
    { kind: 'date-range', header: HEADERS.dateRange.split('\t'), rows: transactions, csv: true },
  ];
}

const expectedFailing = (seller: Seller) => [...new Set(seller.reasons.flatMap((r) => FAILS[r]))].sort();

// ---- Writing a folder, in one style or another ----------------------------------------------

export interface Style {
  eol: 'lf' | 'crlf' | 'cr' | 'mixed';
  /** utf-16le with a BOM, as Excel's "Unicode Text" save writes it; utf-16be without one. */
  encoding: 'utf-8' | 'utf-8-bom' | 'windows-1252' | 'utf-16le' | 'utf-16be';
  gzip: boolean;
  /** A seed for the column order (0: Amazon's order). */
  shuffle: number;
  extraColumns: number;
  headerCase: 'as-is' | 'upper' | 'spaced';
  split: boolean;
  duplicate: boolean;
  unrelated: boolean;
}

export const styleArb: fc.Arbitrary<Style> = fc.record({
  eol: fc.constantFrom('lf' as const, 'crlf' as const, 'cr' as const, 'mixed' as const),
  encoding: fc.constantFrom('utf-8' as const, 'utf-8-bom' as const, 'windows-1252' as const, 'utf-16le' as const, 'utf-16be' as const),
  gzip: fc.boolean(),
  shuffle: fc.integer({ min: 0, max: 1000 }),
  extraColumns: fc.integer({ min: 0, max: 3 }),
  headerCase: fc.constantFrom('as-is' as const, 'upper' as const, 'spaced' as const),
  split: fc.boolean(),
  duplicate: fc.boolean(),
  unrelated: fc.boolean(),
});

function random(seed: number): () => number {
  let state = seed * 2654435761 + 1;
  return () => ((state = (state * 1103515245 + 12345) >>> 0) / 4294967296);
}

/** The columns in another order, with unknown ones added: each row moved the same way. */
function reshape(doc: Doc, style: Style): Doc {
  const rand = random(style.shuffle + doc.kind.length);
  let header = [...doc.header];
  let rows = doc.rows.map((r) => [...r]);
  for (let i = 0; i < style.extraColumns; i++) {
    const where = Math.floor(rand() * (header.length + 1));
    header.splice(where, 0, `Custom note ${i + 1}`);
    rows.forEach((r, j) => r.splice(where, 0, j % 2 ? `note ${j}` : ''));
  }
  if (style.shuffle > 0) {
    const order = header.map((_, i) => i).sort(() => rand() - 0.5);
    header = order.map((i) => header[i]!);
    rows = rows.map((r) => order.map((i) => r[i]!));
  }
  if (style.headerCase === 'upper') header = header.map((h) => h.toUpperCase());
  if (style.headerCase === 'spaced') header = header.map((h) => ` ${h.replace(/ /g, '  ')} `);
  if (style.duplicate && rows.length > 0) rows.push([...rows[Math.floor(rand() * rows.length)]!]);
  return { ...doc, header, rows };
}

export function bytesOf(lines: string[][], style: Style, seed: number, csv = false): Buffer {
  const rand = random(seed);
  const breaks = { lf: '\n', crlf: '\r\n', cr: '\r' } as const;
  const eol = () => (style.eol === 'mixed' ? [breaks.lf, breaks.crlf, breaks.cr][Math.floor(rand() * 3)]! : breaks[style.eol]);
  const text = csv ? [...DATE_RANGE_PREAMBLE, ...lines.map(csvLine)].map((line) => line + eol()).join('') : lines.map((cells) => cells.join('\t') + eol()).join('');
  let bytes = style.encoding === 'windows-1252' ? encode(text, 'windows-1252') : Buffer.from(text, 'utf8');
  if (style.encoding === 'utf-8-bom') bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
  if (style.encoding === 'utf-16le') bytes = Buffer.from(`\ufeff${text}`, 'utf16le');
  if (style.encoding === 'utf-16be') bytes = Buffer.from(text, 'utf16le').swap16();
  return bytes;
}

export interface WrittenFile {
  kind: Doc['kind'];
  csv: boolean;
  name: string;
  lines: string[][];
  style: Style;
  seed: number;
}

/** The files of a folder, not yet written: each a header and rows, in its style. */
export function files(seller: Seller, style: Style): WrittenFile[] {
  const out: WrittenFile[] = [];
  documents(seller).forEach((doc, i) => {
    const shaped = reshape(doc, style);
    const half = Math.ceil(shaped.rows.length / 2);
    // A Date Range report covers the days from its first row to its last only: two halves leave the
    // days between them unspanned (an ads charge there would not show), which loses what the one
    // report showed. Its split keeps the meaning as two overlapping reports (rows both have count once).
    const second = doc.kind === 'date-range' ? shaped.rows : shaped.rows.slice(half);
    const parts = style.split && shaped.rows.length > 1 ? [shaped.rows.slice(0, half), second] : [shaped.rows];
    parts.forEach((rows, part) => out.push({ kind: doc.kind, csv: doc.csv === true, name: `${1000 + i * 10 + part}.txt`, lines: [shaped.header, ...rows], style, seed: style.shuffle + i * 7 + part }));
  });
  return out;
}

export type Edit = (name: string, bytes: Buffer) => Buffer;
export const unchanged: Edit = (_, bytes) => bytes;

/**
 * The one folder a property's cases are written to in turn, so that the adapter finds exactly the
 * case's files: a file of the last case the case does not have is removed, and the others are
 * written over in place. On this project's machines (ext4) making a file costs some 0.5 ms of CPU,
 * more than the adapter takes to read it, and a file emptied and written again is flushed to disk
 * when closed, which a read of it then waits for; bytes written over the old ones and the file cut
 * to their length are neither. Every file is written for every case, so none keeps an earlier
 * case's bytes or modification time.
 */
export class CaseFolder {
  readonly dir = mkdtempSync(join(tmpdir(), 'metamorphic-'));
  private present = new Set<string>();

  /** Writes the files; `edit` changes a file's text bytes, `editStored` its bytes as stored (gzipped). */
  write(list: WrittenFile[], style: Style, edit: Edit = unchanged, editStored: Edit = unchanged): string {
    const contents = new Map<string, Buffer>();
    for (const file of list) {
      let bytes = edit(file.name, bytesOf(file.lines, file.style, file.seed, file.csv));
      if (file.style.gzip) bytes = gzipSync(bytes);
      contents.set(file.name, editStored(file.name, bytes));
    }
    if (style.unrelated) {
      contents.set('notes.txt', Buffer.from('Things to do before closing\n- ship the last orders\n'));
      contents.set('prices.csv', Buffer.from('sku,price\nSKU-1,12.50\n'));
    }
    for (const name of this.present) if (!contents.has(name)) unlinkSync(join(this.dir, name));
    for (const [name, bytes] of contents) {
      const fd = openSync(join(this.dir, name), this.present.has(name) ? 'r+' : 'wx');
      try {
        writeSync(fd, bytes, 0, bytes.length, 0);
        ftruncateSync(fd, bytes.length);
        // An empty file's bytes change nothing: its time is set as a write would set it.
        if (bytes.length === 0) futimesSync(fd, new Date(), new Date());
      } finally {
        closeSync(fd);
      }
    }
    this.present = new Set(contents.keys());
    // The folder holds the case's files and nothing else (a file left from an earlier case would
    // be read with this one's).
    const found = readdirSync(this.dir).sort();
    if (found.join('/') !== [...this.present].sort().join('/')) throw new Error(`the case folder holds ${found.join(', ')}, not the case's files`);
    return this.dir;
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface Outcome {
  verdict: string;
  failing: string[];
  status: Record<string, string>;
}

export async function outcome(dir: string): Promise<Outcome | CliError> {
  try {
    const source = await createReportsAdapter({ dir, encoding: null, t, warn: () => {}, now: NOW, asOf: AS_OF });
    const readiness = await evaluateReadiness(source, { asOf: AS_OF, t, attested });
    return {
      verdict: readiness.verdict,
      failing: readiness.checks.filter((c) => c.status === 'fail').map((c) => c.id).sort(),
      status: Object.fromEntries(readiness.checks.map((c) => [c.id, c.status])),
    };
  } catch (error) {
    if (error instanceof CliError && error.exitCode === 2) return error;
    throw error;
  }
}

/** What the model says the answer is: the oracle every generated folder is held to. */
export function expected(seller: Seller): Outcome {
  const failing = expectedFailing(seller);
  const status: Record<string, string> = Object.fromEntries(failing.map((id) => [id, 'fail']));
  if (seller.reasons.includes('ads')) status['hidden-charges'] = 'warn';
  return { verdict: failing.length === 0 ? 'ready' : 'blocked', failing, status };
}

/** Information lost may make the answer stricter, never looser. */
export function onlyStricter(before: Outcome, after: Outcome | CliError): boolean {
  if (after instanceof CliError) return true;
  // An ads charge the Date Range report showed never turns into "no charges".
  if (before.status['hidden-charges'] === 'warn' && after.status['hidden-charges'] === 'pass') return false;
  if (before.verdict !== 'ready' && after.verdict === 'ready') return false;
  return before.failing.every((id) => after.status[id] === 'fail' || after.status[id] === 'unknown');
}

/** A blocked seller in a folder of whole reports: the start of each change that loses information. */
export const losing = fc.record({
  seller: sellerArb.filter((s) => s.reasons.length > 0),
  style: styleArb.map((s) => ({ ...s, split: false, unrelated: false })),
  file: fc.nat(),
  where: fc.nat(),
  what: fc.nat(),
});
