// Seller Central makes the Returns and Removal Order Detail reports one marketplace at a time,
// as it does listings and stock, and a file does not say which: an older file beside a newer one
// may be the only one for its marketplace, so it too must be fresh for the check to pass.

import { mkdtempSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createReportsAdapter } from '../../src/adapters/reports/reports-adapter.js';
import type { CheckId } from '../../src/core/check-result.js';
import { evaluateReadiness } from '../../src/core/readiness.js';
import { t } from '../helpers/records.js';
import { HEADERS, readySellerReports, row, writeReport } from '../helpers/report-fixtures.js';

const NOW = new Date('2026-11-26T12:00:00Z');
const attested = new Set<CheckId>(['data-export', 'bank-account', 'performance-notifications', 'selling-plan', 'claims', 'balance', 'marketplaces']);

async function checkWith(add: (dir: string) => void) {
  const dir = mkdtempSync(join(tmpdir(), 'stale-other-'));
  readySellerReports(dir);
  for (const name of ['29817364510.txt', 'listings.txt', 'listings-ca.txt', 'listings-mx.txt', 'inventory.txt', 'removals.txt', 'returns.txt']) utimesSync(join(dir, name), NOW, NOW);
  add(dir);
  const source = await createReportsAdapter({ dir, encoding: null, t, warn: () => {}, now: NOW });
  const readiness = await evaluateReadiness(source, { asOf: '2026-11-26', t, attested });
  return { verdict: readiness.verdict, byId: Object.fromEntries(readiness.checks.map((c) => [c.id, c])) };
}

const OLD = new Date('2026-10-01T12:00:00Z');

describe('an older report of a per-marketplace kind beside a newer one', () => {
  it('is fresh: both read, the check passes', async () => {
    const { verdict } = await checkWith((dir) => writeReport(dir, 'returns-mx.txt', [HEADERS.returns]));
    expect(verdict).toBe('ready');
  });

  it.each([
    ['returns-refunds', 'returns-mx.txt', HEADERS.returns, {}],
    ['removal-orders', 'removals-mx.txt', HEADERS.removalOrders, { 'request-date': '2026-08-01T09:00:00+00:00', 'order-id': 'RMV9', 'order-type': 'Return', 'order-status': 'Completed', 'in-process-quantity': '0' }],
  ] as const)('%s: stale, it keeps the check from passing, naming it', async (id, name, header, values) => {
    const { byId, verdict } = await checkWith((dir) => {
      writeReport(dir, name, Object.keys(values).length > 0 ? [header, row(header, values)] : [header]);
      utimesSync(join(dir, name), OLD, OLD);
    });
    expect(byId[id]!.status).toBe('unknown');
    expect(byId[id]!.summary).toContain(`${name} (`);
    expect(byId[id]!.summary).toContain('it may be the only one for its marketplace');
    expect(verdict).toBe('blocked');
  });
});
