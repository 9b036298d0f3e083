// Rows of an All Orders report, one per item: the rows of one order are read as one order only
// when they agree. A row that repeats the order id above it but says something else (open, a
// later purchase, another marketplace) is read too: it can only make the checks stricter.
// An order row with a blank sales channel names no marketplace: the marketplaces cannot all be told.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createReportsAdapter } from '../../src/adapters/reports/reports-adapter.js';
import type { CheckId } from '../../src/core/check-result.js';
import { evaluateReadiness } from '../../src/core/readiness.js';
import { t } from '../helpers/records.js';
import { HEADERS, readySellerReports, row } from '../helpers/report-fixtures.js';

const NOW = new Date('2026-11-26T12:00:00Z');
const attested = new Set<CheckId>(['data-export', 'bank-account', 'performance-notifications', 'selling-plan', 'claims', 'balance', 'marketplaces']);
const ORDERS = '29817364510.txt';

/** A ready seller's folder with one more row at the end of its All Orders report, checked. */
async function checkWithRow(values: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'order-rows-'));
  readySellerReports(dir);
  const path = join(dir, ORDERS);
  writeFileSync(path, readFileSync(path, 'utf8') + row(HEADERS.allOrders, { 'fulfillment-channel': 'Merchant', ...values }) + '\n');
  const source = await createReportsAdapter({ dir, encoding: null, t, warn: () => {}, now: NOW });
  const readiness = await evaluateReadiness(source, { asOf: '2026-11-26', t, attested });
  return { verdict: readiness.verdict, byId: Object.fromEntries(readiness.checks.map((c) => [c.id, c])) };
}

// The ready seller's last row: a cancelled Amazon.ca order of 1 September.
const LAST = { 'amazon-order-id': '701-1111111-0000003', 'purchase-date': '2026-09-01T08:00:00+00:00', 'order-status': 'Cancelled', 'sales-channel': 'Amazon.ca' };

describe('a row repeating the order id of the row above', () => {
  it('is the same order when it agrees: nothing changes', async () => {
    const { verdict } = await checkWithRow(LAST);
    expect(verdict).toBe('ready');
  });

  it('saying the order is open fails open-orders', async () => {
    const { byId, verdict } = await checkWithRow({ ...LAST, 'order-status': 'Pending' });
    expect(byId['open-orders']).toMatchObject({ status: 'fail' });
    expect(verdict).toBe('blocked');
  });

  it('with a later purchase date moves the last sale', async () => {
    const { byId } = await checkWithRow({ ...LAST, 'purchase-date': '2026-11-01T08:00:00+00:00', 'order-status': 'Shipped' });
    expect(byId['last-sale-window']).toMatchObject({ status: 'fail' });
  });

  it('in another marketplace counts that marketplace (its listings report is missing)', async () => {
    const { byId } = await checkWithRow({ ...LAST, 'sales-channel': 'Amazon.co.uk' });
    expect(byId['listings']!.status).not.toBe('pass');
  });
});

describe('an order row with a blank sales channel', () => {
  it('keeps marketplaces and listings from passing, naming the file', async () => {
    const { byId, verdict } = await checkWithRow({ 'amazon-order-id': '111-1111111-0000009', 'purchase-date': '2026-07-20T10:00:00+00:00', 'order-status': 'Shipped', 'sales-channel': '' });
    for (const id of ['marketplaces', 'listings'] as const) {
      expect(byId[id]!.status, id).toBe('unknown');
      expect(byId[id]!.summary, id).toContain(`${ORDERS} has orders with no sales channel (line 5)`);
    }
    expect(verdict).toBe('blocked');
  });
});
