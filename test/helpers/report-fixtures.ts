// Writes Seller Central report files as Amazon does, byte for byte: tab-separated with the real
// headers (report-formats.md), in UTF-8 (with or without BOM), Windows-1252 or Shift_JIS, with
// LF or CRLF, optionally gzipped.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextDecoder } from 'node:util';
import { gzipSync } from 'node:zlib';

export const HEADERS = {
  allOrders:
    'amazon-order-id	merchant-order-id	purchase-date	last-updated-date	order-status	fulfillment-channel	sales-channel	order-channel	url	ship-service-level	product-name	sku	asin	item-status	quantity	currency	item-price	item-tax	shipping-price	shipping-tax	gift-wrap-price	gift-wrap-tax	item-promotion-discount	ship-promotion-discount	ship-city	ship-state	ship-postal-code	ship-country	promotion-ids	is-business-order	purchase-order-number	price-designation',
  allListings:
    'item-name	item-description	listing-id	seller-sku	price	quantity	open-date	image-url	item-is-marketplace	product-id-type	zshop-shipping-fee	item-note	item-condition	zshop-category1	zshop-browse-path	zshop-storefront-feature	asin1	asin2	asin3	will-ship-internationally	expedited-shipping	zshop-boldface	product-id	bid-for-featured-placement	add-delete	pending-quantity	fulfillment-channel	merchant-shipping-group	status',
  activeListingsFr:
    'item-name	listing-id	seller-sku	price	quantity	open-date	product-id-type	item-note	item-condition	will-ship-internationally	expedited-shipping	product-id	pending-quantity	fulfillment-channel	merchant-shipping-group',
  manageInventory:
    'sku	fnsku	asin	product-name	condition	your-price	mfn-listing-exists	mfn-fulfillable-quantity	afn-listing-exists	afn-warehouse-quantity	afn-fulfillable-quantity	afn-unsellable-quantity	afn-reserved-quantity	afn-total-quantity	per-unit-volume	afn-inbound-working-quantity	afn-inbound-shipped-quantity	afn-inbound-receiving-quantity	afn-researching-quantity	afn-reserved-future-supply	afn-future-supply-buyable',
  manageInventoryOld:
    'sku	fnsku	asin	product-name	condition	your-price	mfn-listing-exists	mfn-fulfillable-quantity	afn-listing-exists	afn-warehouse-quantity	afn-fulfillable-quantity	afn-unsellable-quantity	afn-reserved-quantity	afn-total-quantity	per-unit-volume	afn-inbound-working-quantity	afn-inbound-shipped-quantity	afn-inbound-receiving-quantity',
  reservedInventory: 'sku	fnsku	asin	product-name	reserved_qty	reserved_customerorders	reserved_fc-transfers	reserved_fc-processing',
  removalOrders:
    'request-date	order-id	order-type	service-speed	order-status	last-updated-date	sku	fnsku	disposition	requested-quantity	cancelled-quantity	disposed-quantity	shipped-quantity	in-process-quantity	removal-fee	currency',
  returns:
    'Order ID	Order date	Return request date	Return request status	Amazon RMA ID	Merchant RMA ID	Label type	Label cost	Currency code	Return carrier	Tracking ID	Label to be paid by	A-to-Z Claim	Is prime	ASIN	Merchant SKU	Item Name	Return quantity	Return Reason	In policy	Return type	Resolution	Invoice number	Return delivery date	Order Amount	Order quantity	SafeT Action reason	SafeT claim id	SafeT claim state	SafeT claim creation time	SafeT claim reimbursement amount	Refunded Amount',
  fbaCustomerReturns:
    'return-date	order-id	sku	asin	fnsku	product-name	quantity	fulfillment-center-id	detailed-disposition	reason	status	license-plate-number	customer-comments',
  /**
   * GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2, in the order of Amazon's "Settlement reports
   * attributes" page (developer-docs.amazon.com/sp-api/docs/settlement-reports-attributes); the
   * page's list was read up to quantity-purchased, promotion-id after it from a secondary source.
   */
  settlementV2:
    'settlement-id	settlement-start-date	settlement-end-date	deposit-date	total-amount	currency	transaction-type	order-id	merchant-order-id	adjustment-id	shipment-id	marketplace-name	amount-type	amount-description	amount	fulfillment-id	posted-date	posted-date-time	order-item-code	merchant-order-item-id	merchant-adjustment-item-id	sku	quantity-purchased	promotion-id',
  /**
   * The Date Range Reports page's Transaction Report (CSV), columns as Seller Central help
   * 200989190 lists them for the US ("columns in the report might vary by country").
   */
  dateRange:
    'date/time	settlement id	type	order id	sku	description	quantity	marketplace	fulfillment	order city	order state	order postal	tax collection model	product sales	product sales tax	shipping credits	shipping credits tax	gift wrap credits	giftwrap credits tax	promotional rebates	promotional rebates tax	marketplace withheld tax	selling fees	fba fees	other transaction fees	other	total',
} as const;

/** The text lines Seller Central writes before a Date Range transaction report's header (as seen in files: UNCONFIRMED). */
export const DATE_RANGE_PREAMBLE = [
  '"Includes Amazon Marketplace, Fulfillment by Amazon (FBA), and Amazon Webstore transactions"',
  '"All amounts in USD, unless specified"',
  '"Definitions:"',
  '"Sales tax collected: Includes sales tax collected from buyers for product sales, shipping, and gift wrap."',
];

/** Cells as one CSV line, every cell quoted (a quote inside doubled), as the Date Range report writes them. */
export function csvLine(cells: readonly string[]): string {
  return cells.map((cell) => `"${cell.replace(/"/g, '""')}"`).join(',');
}

/** A Date Range transaction report: the preamble, the header, then rows by header name. */
export function dateRangeLines(rows: Record<string, string>[], header: readonly string[] = HEADERS.dateRange.split('\t')): string[] {
  return [...DATE_RANGE_PREAMBLE, csvLine(header), ...rows.map((values) => csvLine(header.map((name) => values[name] ?? '')))];
}

/** A row by header name: every other column left blank, as Amazon leaves unused ones. */
export function row(header: string, values: Record<string, string>): string {
  // An order's last update is at or after its purchase; Amazon never leaves it blank.
  if (values['purchase-date'] !== undefined && values['last-updated-date'] === undefined && header.includes('last-updated-date')) {
    values = { ...values, 'last-updated-date': values['purchase-date'] };
  }
  return header
    .split('\t')
    .map((name) => values[name] ?? '')
    .join('\t');
}

let reverse: Map<string, Map<string, number[]>> | null = null;

/** Encodes text in a legacy encoding by inverting Node's decoder (Node encodes only UTF-8). */
export function encode(text: string, encoding: 'windows-1252' | 'shift_jis'): Buffer {
  reverse ??= new Map();
  let table = reverse.get(encoding);
  if (!table) {
    table = new Map();
    const decoder = new TextDecoder(encoding, { fatal: true });
    const tryBytes = (bytes: number[]) => {
      try {
        const ch = decoder.decode(Buffer.from(bytes));
        if ([...ch].length === 1 && !table!.has(ch)) table!.set(ch, bytes);
      } catch {
        // not a character
      }
    };
    for (let a = 0; a < 256; a++) tryBytes([a]);
    if (encoding === 'shift_jis') for (let a = 0x81; a <= 0xfc; a++) for (let b = 0x40; b <= 0xfc; b++) tryBytes([a, b]);
    reverse.set(encoding, table);
  }
  const bytes: number[] = [];
  for (const ch of text) {
    const code = table.get(ch);
    if (!code) throw new Error(`${JSON.stringify(ch)} has no ${encoding} encoding`);
    bytes.push(...code);
  }
  return Buffer.from(bytes);
}

export interface WriteOptions {
  encoding?: 'utf-8' | 'windows-1252' | 'shift_jis';
  bom?: boolean;
  crlf?: boolean;
  gzip?: boolean;
}

export function writeReport(dir: string, name: string, lines: string[], options: WriteOptions = {}): string {
  const text = lines.join(options.crlf ? '\r\n' : '\n') + (options.crlf ? '\r\n' : '\n');
  let bytes = !options.encoding || options.encoding === 'utf-8' ? Buffer.from(text, 'utf8') : encode(text, options.encoding);
  if (options.bom) bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
  if (options.gzip) bytes = gzipSync(bytes);
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

/** Every quantity of a Manage FBA Inventory row at 0, as Amazon writes an empty SKU. */
export const ZERO_STOCK: Record<string, string> = Object.fromEntries(
  HEADERS.manageInventory.split('\t').filter((name) => name.startsWith('afn-') && name !== 'afn-listing-exists').map((name) => [name, '0']),
);

/** A folder with every needed report of a seller whose account is ready on 2026-11-26. */
export function readySellerReports(dir: string): void {
  writeReport(dir, '29817364510.txt', [
    HEADERS.allOrders,
    row(HEADERS.allOrders, { 'amazon-order-id': '111-1111111-0000001', 'purchase-date': '2026-06-02T10:00:00+00:00', 'order-status': 'Shipped - Delivered to Buyer', 'fulfillment-channel': 'Amazon', 'sales-channel': 'Amazon.com' }),
    row(HEADERS.allOrders, { 'amazon-order-id': '702-1111111-0000002', 'purchase-date': '2026-07-15T18:22:05+00:00', 'order-status': 'Shipped', 'fulfillment-channel': 'Merchant', 'sales-channel': 'Amazon.com.mx' }),
    row(HEADERS.allOrders, { 'amazon-order-id': '701-1111111-0000003', 'purchase-date': '2026-09-01T08:00:00+00:00', 'order-status': 'Cancelled', 'fulfillment-channel': 'Merchant', 'sales-channel': 'Amazon.ca' }),
  ]);
  // Seller Central makes one All Listings report per marketplace: one for each the orders show.
  writeReport(dir, 'listings.txt', [HEADERS.allListings]);
  writeReport(dir, 'listings-ca.txt', [HEADERS.allListings]);
  writeReport(dir, 'listings-mx.txt', [HEADERS.allListings]);
  writeReport(dir, 'inventory.txt', [HEADERS.manageInventory, row(HEADERS.manageInventory, { sku: 'MP-1', fnsku: 'X001', ...ZERO_STOCK })]);
  writeReport(dir, 'removals.txt', [HEADERS.removalOrders, row(HEADERS.removalOrders, { 'request-date': '2026-08-01T09:00:00+00:00', 'order-id': 'RMV1', 'order-type': 'Return', 'order-status': 'Completed', sku: 'MP-1', 'requested-quantity': '5', 'in-process-quantity': '0' })]);
  writeReport(dir, 'returns.txt', [HEADERS.returns, row(HEADERS.returns, { 'Order ID': '111-1111111-0000001', 'Order date': '02-Jun-2026', 'Return request date': '10-Jun-2026', 'Return request status': 'Closed', 'A-to-Z Claim': 'N' })]);
}
