// A column with no name in a report's header: Amazon pads some files with empty ones (the older
// Manage FBA Inventory report, report-formats.md §5), which are read as nothing. A value under one
// cannot be accounted for (a bucket whose name was lost, the cells shifted): it stops the run,
// naming the file, the line and the column, never passes over units no name vouches for.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createReportsAdapter } from '../../src/adapters/reports/reports-adapter.js';
import type { CheckId } from '../../src/core/check-result.js';
import { evaluateReadiness } from '../../src/core/readiness.js';
import { t } from '../helpers/records.js';
import { HEADERS, readySellerReports, row, writeReport, ZERO_STOCK } from '../helpers/report-fixtures.js';

const NOW = new Date('2026-11-26T12:00:00Z');
const attested = new Set<CheckId>(['data-export', 'bank-account', 'performance-notifications', 'selling-plan', 'claims', 'balance', 'marketplaces']);

/** A ready seller's folder with its Manage FBA Inventory report replaced by these lines, checked. */
async function checkWithInventory(lines: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'unnamed-'));
  readySellerReports(dir);
  writeFileSync(join(dir, 'inventory.txt'), lines.join('\n') + '\n');
  const source = await createReportsAdapter({ dir, encoding: null, t, warn: () => {}, now: NOW });
  return evaluateReadiness(source, { asOf: '2026-11-26', t, attested });
}

const empty = { sku: 'MP-1', fnsku: 'X001', ...ZERO_STOCK };

describe('a column with no name in the header', () => {
  it('is read as nothing when it is empty on every row (the older report pads with them)', async () => {
    const readiness = await checkWithInventory([`${HEADERS.manageInventory}\t\t`, `${row(HEADERS.manageInventory, empty)}\t\t`]);
    expect(readiness.verdict).toBe('ready');
  });

  it.each(['afn-future-supply-buyable', 'afn-reserved-future-supply'])('holding the units of %s, its name lost, stops the run naming the line and column', async (bucket) => {
    const header = HEADERS.manageInventory.replace(bucket, '');
    const column = HEADERS.manageInventory.split('\t').indexOf(bucket) + 1;
    await expect(checkWithInventory([header, row(HEADERS.manageInventory, { ...empty, [bucket]: '7' })])).rejects.toThrow(
      `inventory.txt, line 2: column ${column} has no name in the header but holds "7"; what it counts cannot be told.`,
    );
  });

  it('after the named ones, holding a value, stops the run', async () => {
    await expect(checkWithInventory([`${HEADERS.manageInventory}\t`, `${row(HEADERS.manageInventory, empty)}\t7`])).rejects.toThrow(/line 2: column 22 has no name in the header but holds "7"/);
  });

  it('in a listings report, holding a value, stops the run too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'unnamed-'));
    readySellerReports(dir);
    writeReport(dir, 'listings.txt', [`${HEADERS.allListings}\t`, `${row(HEADERS.allListings, {})}\tActive`]);
    const source = await createReportsAdapter({ dir, encoding: null, t, warn: () => {}, now: NOW });
    await expect(evaluateReadiness(source, { asOf: '2026-11-26', t, attested })).rejects.toThrow(/listings\.txt, line 2: column 30 has no name/);
  });
});

describe('a Manage FBA Inventory report without a future-supply column', () => {
  // The report has afn-researching-quantity, so it is of the current layout (report-formats.md
  // §5, 21 columns), which has both future-supply columns: one renamed beyond recognition holds units no name vouches for.
  it.each(['afn-future-supply-buyable', 'afn-reserved-future-supply'])('%s renamed: fba-inventory is unknown, naming it', async (bucket) => {
    const readiness = await checkWithInventory([HEADERS.manageInventory.replace(bucket, 'column-19'), row(HEADERS.manageInventory, { ...empty, [bucket]: '7' })]);
    const check = readiness.checks.find((c) => c.id === 'fba-inventory')!;
    expect(check.status).toBe('unknown');
    expect(check.summary).toContain(`inventory.txt, line 2: "${bucket}" is blank or missing and no total in the row vouches for it`);
    expect(readiness.verdict).toBe('blocked');
  });
});
