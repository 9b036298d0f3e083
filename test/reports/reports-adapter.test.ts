// The reports adapter on files written as Seller Central writes them, in every variant, and on
// broken ones.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createReportsAdapter } from '../../src/adapters/reports/reports-adapter.js';
import { CliError } from '../../src/errors.js';
import { evaluateReadiness } from '../../src/core/readiness.js';
import type { CheckId } from '../../src/core/check-result.js';
import { runAdapterContract } from '../contract/adapter-contract.js';
import { HEADERS, readySellerReports, row, writeReport, type WriteOptions } from '../helpers/report-fixtures.js';
import { t } from '../helpers/records.js';

const NOW = new Date('2026-11-26T12:00:00Z');
const folder = () => mkdtempSync(join(tmpdir(), 'reports-'));
const open = (dir: string, warnings: string[] = [], encoding: 'utf-8' | 'windows-1252' | 'shift_jis' | null = null) =>
  createReportsAdapter({ dir, encoding, t, warn: (m) => warnings.push(m), now: NOW });
const allAttested = new Set<CheckId>(['data-export', 'bank-account', 'performance-notifications', 'selling-plan', 'claims', 'balance', 'marketplaces']);

async function check(dir: string, attested = allAttested) {
  const warnings: string[] = [];
  const readiness = await evaluateReadiness(await open(dir, warnings), { asOf: '2026-11-26', t, attested });
  const byId = Object.fromEntries(readiness.checks.map((c) => [c.id, c]));
  return { readiness, byId, warnings };
}

async function collect<T>(stream: AsyncIterable<readonly T[]>): Promise<T[]> {
  const items: T[] = [];
  for await (const batch of stream) items.push(...batch);
  return items;
}

/** A seller still selling: open orders, stock, listings, a removal in process, an open return. */
function blockedSellerReports(dir: string, options: WriteOptions = {}, names = { a: 'Café crème', b: 'Tasse à thé' }) {
  writeReport(dir, '1001.txt', [
    HEADERS.allOrders,
    row(HEADERS.allOrders, { 'amazon-order-id': '111-2222222-0000001', 'purchase-date': '2026-11-20T18:22:05+00:00', 'order-status': 'Shipped - Delivered to Buyer', 'fulfillment-channel': 'Amazon', 'sales-channel': 'Amazon.com' }),
    // Two items of one open order: one order.
    row(HEADERS.allOrders, { 'amazon-order-id': '111-2222222-0000002', 'purchase-date': '2026-11-24T09:00:00+00:00', 'order-status': 'Unshipped', 'fulfillment-channel': 'Merchant', 'sales-channel': 'Amazon.com' }),
    row(HEADERS.allOrders, { 'amazon-order-id': '111-2222222-0000002', 'purchase-date': '2026-11-24T09:00:00+00:00', 'order-status': 'Unshipped', 'fulfillment-channel': 'Merchant', 'sales-channel': 'Amazon.com' }),
    row(HEADERS.allOrders, { 'amazon-order-id': '203-2222222-0000003', 'purchase-date': '2026-11-25T09:00:00+00:00', 'order-status': 'Cancelled', 'fulfillment-channel': 'Merchant', 'sales-channel': 'Amazon.co.uk' }),
  ], options);
  writeReport(dir, '1002.txt', [
    HEADERS.allListings,
    row(HEADERS.allListings, { 'item-name': names.a, 'listing-id': 'L1', 'seller-sku': 'MP-CAFE', 'fulfillment-channel': 'AMAZON_NA', status: 'Active' }),
    row(HEADERS.allListings, { 'item-name': names.b, 'listing-id': 'L2', 'seller-sku': 'MP-TASSE', 'fulfillment-channel': 'DEFAULT', status: 'Inactive' }),
  ], options);
  writeReport(dir, '1003.txt', [
    HEADERS.manageInventory,
    row(HEADERS.manageInventory, { sku: 'MP-CAFE', fnsku: 'X1', 'product-name': names.a, 'afn-fulfillable-quantity': '7', 'afn-unsellable-quantity': '', 'afn-researching-quantity': '1' }),
    row(HEADERS.manageInventory, { sku: 'MP-TASSE', fnsku: 'X2', 'product-name': names.b, 'afn-fulfillable-quantity': '', 'afn-reserved-quantity': '' }),
  ], options);
  writeReport(dir, '1004.txt', [
    HEADERS.removalOrders,
    row(HEADERS.removalOrders, { 'request-date': '2026-11-10T09:00:00+00:00', 'order-id': 'RMV9', 'order-type': 'Return', 'order-status': 'Pending', sku: 'MP-CAFE', 'requested-quantity': '12', 'in-process-quantity': '12' }),
  ], options);
  writeReport(dir, '1005.txt', [
    HEADERS.returns,
    row(HEADERS.returns, { 'Order ID': '111-2222222-0000001', 'Order date': '20-Nov-2026', 'Return request date': '23-Nov-2026', 'Return request status': 'Approved', 'Merchant SKU': 'MP-CAFE' }),
  ], options);
}

runAdapterContract('reports (ready seller)', async () => {
  const dir = folder();
  readySellerReports(dir);
  return open(dir);
});

runAdapterContract('reports (blocked seller, Windows-1252, CRLF, gzip)', async () => {
  const dir = folder();
  blockedSellerReports(dir, { encoding: 'windows-1252', crlf: true, gzip: true });
  return open(dir);
});

runAdapterContract('reports (empty folder)', async () => open(folder()));

describe('reports adapter', () => {
  it('finds a ready seller ready, once the seller confirms what files cannot show', async () => {
    const dir = folder();
    readySellerReports(dir);
    const { readiness, byId } = await check(dir);
    expect(readiness.verdict).toBe('ready');
    // The last sale (15 July) is before the 120 days read; the file reaches back to June.
    expect(byId['last-sale-window']).toMatchObject({ status: 'pass', summary: 'No sale since 2026-07-29: the 90-day A-to-z window has passed.' });
    expect(byId.marketplaces!.summary).toContain('US, CA, MX');
    const unconfirmed = await check(dir, new Set());
    expect(unconfirmed.byId.balance).toMatchObject({ status: 'manual', confirmed: false });
    expect(unconfirmed.byId.claims).toMatchObject({ status: 'manual', confirmed: false });
    expect(unconfirmed.readiness.verdict).toBe('needs-confirmation');
  });

  it('finds every blocker in the files, an order with two items counted once', async () => {
    const dir = folder();
    blockedSellerReports(dir);
    const { readiness, byId } = await check(dir);
    expect(readiness.verdict).toBe('blocked');
    expect(byId['open-orders']).toMatchObject({ status: 'fail', count: 1 });
    expect(byId['open-orders']!.items[0]).toMatchObject({ orderId: '111-2222222-0000002', status: 'Unshipped' });
    // 09:00 UTC on 24 November is still the 24th in Los Angeles: 90 days there end on the 23rd of February.
    expect(byId['last-sale-window']).toMatchObject({ status: 'fail', clearsOn: '2027-02-23' });
    expect(byId['fba-inventory']).toMatchObject({ status: 'fail', count: 1 });
    expect(byId['fba-inventory']!.items[0]).toMatchObject({ sku: 'MP-CAFE', name: 'Café crème', fulfillable: 7, researching: 1, unfulfillable: 0 });
    expect(byId.listings).toMatchObject({ status: 'fail', count: 2 });
    expect(byId['removal-orders']).toMatchObject({ status: 'fail', count: 1 });
    expect(byId['returns-refunds']).toMatchObject({ status: 'fail', count: 1 });
    expect(byId.marketplaces).toMatchObject({ status: 'warn' });
    expect(readiness.earliestCloseDate).toBe('2027-02-23');
  });

  it.each<[string, WriteOptions]>([
    ['UTF-8 with BOM', { bom: true }],
    ['CRLF line ends', { crlf: true }],
    ['Windows-1252', { encoding: 'windows-1252' }],
    ['gzip', { gzip: true }],
    ['Windows-1252, CRLF, gzipped', { encoding: 'windows-1252', crlf: true, gzip: true }],
  ])('reads %s and decodes names right', async (_name, options) => {
    const dir = folder();
    blockedSellerReports(dir, options);
    const { byId } = await check(dir);
    expect(byId.listings!.items.map((i) => i.name)).toEqual(['Café crème', 'Tasse à thé']);
    expect(byId['open-orders']!.count).toBe(1);
  });

  it('reads Shift_JIS files with Japanese names', async () => {
    const dir = folder();
    blockedSellerReports(dir, { encoding: 'shift_jis', crlf: true }, { a: '湯呑み', b: '急須セット 黒' });
    const { byId } = await check(dir);
    expect(byId.listings!.items.map((i) => i.name)).toEqual(['湯呑み', '急須セット 黒']);
    expect(byId['fba-inventory']!.items[0]!.name).toBe('湯呑み');
  });

  it('reads a file whose first non-ASCII byte comes after a megabyte of ASCII', async () => {
    const dir = folder();
    const filler = Array.from({ length: 20_000 }, (_, i) =>
      row(HEADERS.allListings, { 'item-name': `Plain mug ${i}`, 'listing-id': `L${i}`, 'seller-sku': `SKU-${i}`, status: 'Active' }),
    );
    writeReport(dir, 'listings.txt', [HEADERS.allListings, ...filler, row(HEADERS.allListings, { 'item-name': 'Café crème', 'listing-id': 'LX', 'seller-sku': 'SKU-X', status: 'Active' })], {
      encoding: 'windows-1252',
    });
    const listings = await (await open(dir)).listings();
    if (!listings.available) throw new Error('listings unavailable');
    const all = await collect(listings.data);
    expect(all).toHaveLength(20_001);
    expect(all.at(-1)!.name).toBe('Café crème');
  });

  it('takes --encoding over detection', async () => {
    const dir = folder();
    blockedSellerReports(dir, { encoding: 'windows-1252' });
    const adapter = await open(dir, [], 'windows-1252');
    const listings = await adapter.listings();
    if (!listings.available) throw new Error('listings unavailable');
    expect((await collect(listings.data)).map((l) => l.name)).toEqual(['Café crème', 'Tasse à thé']);
  });

  it('accepts extra columns, other column orders and missing optional columns; refuses a short row', async () => {
    const dir = folder();
    // Columns reordered, two unknown ones added, product-name missing.
    const header = 'afn-fulfillable-quantity\textra-one\tsku\tfnsku\tafn-reserved-quantity\tMinimum order quantity';
    writeReport(dir, 'inv.txt', [header, '0\tx\tSKU-A\tF1\t0\t5', '3\t\tSKU-B\tF2\t\t']);
    const inventory = await (await open(dir)).inventory();
    if (!inventory.available) throw new Error('inventory unavailable');
    const items = await collect(inventory.data);
    expect(items.map((i) => [i.sku, i.fulfillable, i.reserved, i.name])).toEqual([
      ['SKU-A', 0, 0, null],
      ['SKU-B', 3, null, null],
    ]);
    // A row that stops before a column the check reads: cut off, never blanks read as 0.
    writeReport(dir, 'inv.txt', [header, '0\tx\tSKU-A\tF1\t0\t5', '\t\tSKU-C']);
    const again = await (await open(dir)).inventory();
    if (!again.available) throw new Error('inventory unavailable');
    await expect(collect(again.data)).rejects.toThrow(/inv\.txt, line 3: the row stops after 3 cells, before the "afn-reserved-quantity" column/);
  });

  it('reads the older Manage Inventory header with empty trailing columns', async () => {
    const dir = folder();
    writeReport(dir, 'inv.txt', [`${HEADERS.manageInventoryOld}${'\t'.repeat(11)}`, `${row(HEADERS.manageInventoryOld, { sku: 'A', fnsku: 'F', 'afn-fulfillable-quantity': '2' })}${'\t'.repeat(11)}`]);
    const { byId } = await check(dir);
    expect(byId['fba-inventory']).toMatchObject({ status: 'fail', count: 1 });
  });

  it('reads UK dates as day first', async () => {
    const dir = folder();
    writeReport(dir, 'orders.txt', [
      HEADERS.allOrders,
      row(HEADERS.allOrders, { 'amazon-order-id': '203-1', 'purchase-date': '08/07/2026 10:12:40 BST', 'order-status': 'Shipped', 'sales-channel': 'Amazon.co.uk' }),
      row(HEADERS.allOrders, { 'amazon-order-id': '203-2', 'purchase-date': '02/09/2026', 'order-status': 'Shipped', 'sales-channel': 'Amazon.co.uk' }),
    ]);
    const { byId } = await check(dir);
    // Without a zone the moment is taken at its latest (Honolulu's offset): the window never shorter.
    expect(byId['last-sale-window']!.items[0]).toMatchObject({ orderId: '203-2', purchaseDate: '2026-09-02T00:00:00-10:00' });
    expect(byId['last-sale-window']!.clearsOn).toBe('2026-12-02');
    expect(byId.marketplaces!.summary).toContain('UK');
  });

  it('passes the 90 days when the file reaches back past the window with no sale in it', async () => {
    const dir = folder();
    writeReport(dir, 'orders.txt', [
      HEADERS.allOrders,
      row(HEADERS.allOrders, { 'amazon-order-id': '111-1', 'purchase-date': '2026-01-10T10:00:00+00:00', 'order-status': 'Shipped', 'sales-channel': 'Amazon.com' }),
    ]);
    expect((await check(dir)).byId['last-sale-window']).toMatchObject({ status: 'pass' });
  });

  it('says unknown, never pass, for every check whose report is missing', async () => {
    const { readiness, byId } = await check(folder());
    for (const id of ['open-orders', 'last-sale-window', 'fba-inventory', 'listings', 'removal-orders', 'returns-refunds'] as const) {
      expect(byId[id]!.status, id).toBe('unknown');
      expect(byId[id]!.summary).toContain('report in the reports folder');
    }
    expect(readiness.verdict).toBe('blocked');
    expect(readiness.earliestCloseDate).toBeNull();
  });

  it('does not take an Active Listings report without rows as "no listings"', async () => {
    const dir = folder();
    writeReport(dir, 'active.txt', [HEADERS.activeListingsFr]);
    expect((await check(dir)).byId.listings!.status).toBe('unknown');
    writeReport(dir, 'active.txt', [HEADERS.activeListingsFr, row(HEADERS.activeListingsFr, { 'item-name': 'Bol', 'listing-id': 'L', 'seller-sku': 'BOL' })]);
    expect((await check(dir)).byId.listings).toMatchObject({ status: 'fail', count: 1 });
  });

  it('recognises every kind by its header, whatever the file is called, and skips the rest with a warning', async () => {
    const dir = folder();
    readySellerReports(dir);
    writeReport(dir, 'reserved.txt', [HEADERS.reservedInventory]);
    writeReport(dir, 'fba-returns.txt', [HEADERS.fbaCustomerReturns]);
    writeReport(dir, 'notes.txt', ['Dear diary', 'today I sold a mug']);
    writeReport(dir, 'jp.txt', ['注文番号\t購入日\t注文ステータス']);
    writeFileSync(join(dir, 'empty.txt'), '');
    const warnings: string[] = [];
    await open(dir, warnings);
    expect(warnings).toEqual([
      expect.stringContaining('Skipped empty.txt'),
      expect.stringMatching(/Skipped jp\.txt: .*Japanese.*Language for feed processing report/),
      expect.stringMatching(/Skipped notes\.txt: its header is not one of the reports/),
    ]);
  });

  it('warns about a report older than a few days', async () => {
    const dir = folder();
    readySellerReports(dir);
    const { utimesSync } = await import('node:fs');
    const old = new Date('2026-11-10T12:00:00Z');
    utimesSync(join(dir, 'listings.txt'), old, old);
    const warnings: string[] = [];
    await open(dir, warnings);
    expect(warnings).toEqual(['listings.txt is 16 days old: orders and stock have moved since. Download it again for a true answer.']);
  });

  describe('broken files stop the run with where and what', () => {
    const failure = async (dir: string): Promise<CliError> => {
      try {
        await check(dir);
      } catch (error) {
        if (error instanceof CliError) return error;
        throw error;
      }
      throw new Error('no error');
    };

    it('a quantity that is not a number', async () => {
      const dir = folder();
      writeReport(dir, 'inv.txt', [HEADERS.manageInventory, row(HEADERS.manageInventory, { sku: 'A', fnsku: 'F', 'afn-fulfillable-quantity': '1' }), row(HEADERS.manageInventory, { sku: 'B', fnsku: 'F', 'afn-fulfillable-quantity': 'lots' })]);
      const error = await failure(dir);
      expect(error.exitCode).toBe(2);
      expect(error.message).toBe(`${join(dir, 'inv.txt')}, line 3, column "afn-fulfillable-quantity": found "lots", expected a whole number of units, or blank.`);
      expect(error.hint).toContain('Download the report again');
    });

    it('a date that is not a date', async () => {
      const dir = folder();
      writeReport(dir, 'orders.txt', [HEADERS.allOrders, row(HEADERS.allOrders, { 'amazon-order-id': '1', 'purchase-date': 'last Tuesday', 'order-status': 'Shipped' })], { crlf: true });
      const error = await failure(dir);
      expect(error.exitCode).toBe(2);
      expect(error.message).toBe(`${join(dir, 'orders.txt')}, line 2, column "purchase-date": found "last Tuesday", expected a date such as 2026-11-20T18:22:05+00:00, 20-Nov-2026 or 20/11/2026.`);
    });

    it('a truncated gzip', async () => {
      const dir = folder();
      const lines = [HEADERS.allOrders, ...Array.from({ length: 5000 }, (_, i) => row(HEADERS.allOrders, { 'amazon-order-id': `111-${i}`, 'purchase-date': '2026-01-01T00:00:00Z', 'order-status': 'Shipped' }))];
      const path = writeReport(dir, 'orders.txt.gz', lines, { gzip: true });
      const bytes = readFileSync(path);
      writeFileSync(path, bytes.subarray(0, Math.floor(bytes.length / 2)));
      const error = await failure(dir);
      expect(error.exitCode).toBe(2);
      expect(error.message).toMatch(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is a damaged or truncated gzip file \\(around line \\d+\\): unexpected end of file\\.$`));
    });

    it('a corrupt gzip', async () => {
      const dir = folder();
      const path = writeReport(dir, 'orders.txt.gz', [HEADERS.allOrders], { gzip: true });
      const bytes = readFileSync(path);
      bytes.fill(0x41, 10, 30);
      writeFileSync(path, bytes);
      const error = await failure(dir);
      expect(error.exitCode).toBe(2);
      expect(error.message).toContain('is a damaged or truncated gzip file');
    });

    it('a recognised report without a column the checks need', async () => {
      const dir = folder();
      writeReport(dir, 'removals.txt', ['order-id\torder-type\tin-process-quantity\tsku']);
      const error = await failure(dir);
      expect(error.message).toBe(`${join(dir, 'removals.txt')}, line 1: the header lacks request-date, order-status.`);
    });

    it('a folder that is not there', async () => {
      const error = await failure(join(folder(), 'nope'));
      expect(error.message).toMatch(/Cannot read the reports folder .*nope \(ENOENT\)\./);
    });
  });
});
