// A report file is read once to find its header, a CSV report's header after its preamble
// included: open() looks for it in the bytes it has already read instead of reading the file
// again (found in review, 2026-12-03).

import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { DATE_RANGE_PREAMBLE, dateRangeLines, HEADERS, readySellerReports } from '../helpers/report-fixtures.js';
import { t } from '../helpers/records.js';

/** Every file this process opens from JavaScript through node:fs/promises or a read stream, by path. */
const opened: string[] = [];
vi.mock('node:fs/promises', async (original) => {
  const fs = await original<typeof import('node:fs/promises')>();
  const open = ((path: string, ...rest: unknown[]) => {
    opened.push(String(path));
    return (fs.open as (...args: unknown[]) => Promise<unknown>)(path, ...rest);
  }) as typeof fs.open;
  return { ...fs, default: { ...fs, open }, open };
});
vi.mock('node:fs', async (original) => {
  const fs = await original<typeof import('node:fs')>();
  const createReadStream = ((path: string, ...rest: unknown[]) => {
    opened.push(String(path));
    return (fs.createReadStream as (...args: unknown[]) => unknown)(path, ...rest);
  }) as typeof fs.createReadStream;
  return { ...fs, default: { ...fs, createReadStream }, createReadStream };
});

// The files of a vitest worker share their modules (vitest.config.ts, isolate: false): loaded
// afresh here, the report reader sees the counting fs above.
vi.resetModules();
const { ReportFile } = await import('../../src/adapters/reports/report-file.js');

const dir = mkdtempSync(join(tmpdir(), 'report-file-reads-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sale = (n: number) => ({ 'date/time': 'Sep 1, 2026 9:15:02 AM PDT', 'settlement id': '12345678901', type: 'Order', 'order id': `111-1111111-${String(n).padStart(7, '0')}`, sku: 'MP-1', description: 'Ceramic mug', quantity: '1', marketplace: 'amazon.com', fulfillment: 'Amazon', 'product sales': '12.50', 'selling fees': '-1.88', 'fba fees': '-3.22', total: '7.40' });

describe('a report file is read once to find its header', () => {
  // Small, and past the 64 KB looked through for a preamble; plain and gzipped (as SP-API delivers).
  // A gzip is opened twice: its first bytes say it is one, then a stream inflates it.
  it.each([
    ['a small Date Range CSV', 3, false, 1],
    ['a Date Range CSV past 64 KB', 2000, false, 1],
    ['a gzipped Date Range CSV', 2000, true, 2],
  ])('%s: its header found after the preamble, the file opened no more than open() needs', async (name, rows, gzip, opens) => {
    const path = join(dir, `${name.replace(/\W+/g, '-')}.csv`);
    const text = `${dateRangeLines(Array.from({ length: rows }, (_, i) => sale(i))).join('\r\n')}\r\n`;
    writeFileSync(path, gzip ? gzipSync(text) : text);
    opened.length = 0;
    const file = await ReportFile.open(path, null, t);
    expect(file.spec?.kind).toBe('date-range');
    expect(file.headerLine).toBe(DATE_RANGE_PREAMBLE.length + 1);
    expect(file.headers).toEqual(HEADERS.dateRange.split('\t'));
    expect(opened.filter((p) => p === path)).toHaveLength(opens);
  });

  it('a tab-delimited report: opened once, as before', async () => {
    const reports = join(dir, 'tab');
    mkdirSync(reports);
    readySellerReports(reports);
    for (const name of readdirSync(reports)) {
      opened.length = 0;
      const file = await ReportFile.open(join(reports, name), null, t);
      expect(file.spec, name).not.toBeNull();
      expect(opened.filter((p) => p === join(reports, name)), name).toHaveLength(1);
    }
  });
});
