// --adapter reports end to end: a folder of real-format files, the JSON contract, broken files with
// their exact errors, and the `reports` guide. `check` and `reports` each run once in the built
// program, both in one spawned process (runEach: the bundle loaded afresh for each); the rest run
// main() in this process (runMain), which decides and prints the same.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readinessJsonSchema } from '../../src/render/json-schema.js';
import { readAudit } from '../helpers/audit.js';
import { runMain } from '../helpers/cli-in-process.js';
import { runEach } from '../helpers/cli-async.js';
import { sandbox, type CliResult } from '../helpers/cli-process.js';
import { HEADERS, readySellerReports, row, writeReport } from '../helpers/report-fixtures.js';

function sellerFolder(home: string): string {
  const dir = join(home, 'reports');
  mkdirSync(dir);
  writeReport(dir, '20261126-1.txt', [
    HEADERS.allOrders,
    row(HEADERS.allOrders, { 'amazon-order-id': '249-1111111-0000001', 'purchase-date': '2026-11-20T10:00:00+09:00', 'order-status': 'Pending', 'fulfillment-channel': 'Amazon', 'sales-channel': 'Amazon.co.jp' }),
  ], { encoding: 'shift_jis' });
  writeReport(dir, '20261126-2.txt', [
    HEADERS.allListings,
    row(HEADERS.allListings, { 'item-name': '湯呑み', 'listing-id': 'L1', 'seller-sku': 'JP-YUNOMI', status: 'Active' }),
  ], { encoding: 'shift_jis', crlf: true });
  writeReport(dir, '20261126-3.txt.gz', [
    HEADERS.manageInventory,
    row(HEADERS.manageInventory, { sku: 'EU-CAFE', fnsku: 'X', 'product-name': 'Café crème', 'afn-fulfillable-quantity': '4' }),
  ], { encoding: 'windows-1252', gzip: true });
  return dir;
}

/** `check --json` and `reports` on the seller's folder, run by the built program (one process for both, made once). */
let built: Promise<{ env: Record<string, string>; dir: string; check: CliResult; reports: CliResult }> | undefined;
function builtRuns() {
  built ??= (async () => {
    const { env, home } = sandbox();
    const dir = sellerFolder(home);
    const [check, reports] = (await runEach([['check', '--adapter', 'reports', '--reports-dir', dir, '--json'], ['reports']], env, home)) as [CliResult, CliResult];
    return { env, dir, check, reports };
  })();
  return built;
}

describe('--adapter reports end to end', () => {
  it('check --json decodes names from every encoding and says what blocks', async () => {
    const result = (await builtRuns()).check;
    expect(result.code).toBe(3);
    const doc = readinessJsonSchema.parse(JSON.parse(result.stdout));
    const byId = Object.fromEntries(doc.checks.map((c) => [c.id, c]));
    expect(byId.listings!.items).toEqual([{ sku: 'JP-YUNOMI', name: '湯呑み', status: 'Active', fulfilment: null }]);
    expect(byId['fba-inventory']!.items[0]).toMatchObject({ sku: 'EU-CAFE', name: 'Café crème', fulfillable: 4 });
    expect(byId['open-orders']).toMatchObject({ status: 'fail', count: 1 });
    expect(byId['removal-orders']!.status).toBe('unknown');
    expect(byId.balance!.status).toBe('manual');
    expect(byId.marketplaces!.summary).toContain('JP');
    expect(doc.adapter).toBe('reports');
    expect(doc.demo).toBe(false);
    expect(doc.warnings).toEqual([]);
  });

  it('is ready on a ready seller once the seller confirms balance and claims', async () => {
    const { env, home } = sandbox();
    const dir = join(home, 'reports');
    mkdirSync(dir);
    readySellerReports(dir);
    const result = await runMain(['check', '--adapter', 'reports', '--reports-dir', dir, '--attest', 'all', '--json'], env);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).verdict).toBe('ready');
  });

  it('stops with exit 2 and where the bad value is, recording the failure and no results', async () => {
    const { env, home, db } = sandbox();
    const dir = join(home, 'reports');
    mkdirSync(dir);
    writeReport(dir, 'inventory.txt', [HEADERS.manageInventory, row(HEADERS.manageInventory, { sku: 'A', fnsku: 'F', 'afn-fulfillable-quantity': '1O' })]);
    const result = await runMain(['check', '--adapter', 'reports', '--reports-dir', dir], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`error: ${join(dir, 'inventory.txt')}, line 2, column "afn-fulfillable-quantity": found "1O", expected a whole number of units, or blank.`);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe('');
    const audit = readAudit(db);
    expect(audit.runs[0]).toMatchObject({ outcome: 'failed', exit_code: 2 });
    expect(audit.types).not.toContain('readiness');
  });

  it('warns on stderr about skipped files, and says so in the JSON', async () => {
    const { env, home } = sandbox();
    const dir = join(home, 'reports');
    mkdirSync(dir);
    readySellerReports(dir);
    writeFileSync(join(dir, 'shopping-list.txt'), 'milk\neggs\n');
    const result = await runMain(['check', '--adapter', 'reports', '--reports-dir', dir, '--json'], env);
    expect(result.stderr).toContain('warning: Skipped shopping-list.txt');
    expect(JSON.parse(result.stdout).warnings).toEqual([expect.stringContaining('Skipped shopping-list.txt')]);
  });

  it('`reports` lists what to download, where, which range, and what the folder has', async () => {
    const { env, dir, reports: plain } = await builtRuns();
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('All Orders (needed)');
    expect(plain.stdout).toContain('the last 120 days at least');
    expect(plain.stdout).toContain('Reports → Fulfillment → Removals: Removal Order Detail');
    const withFolder = await runMain(['reports', '--reports-dir', dir, '--no-color'], env);
    expect(withFolder.stdout).toMatch(/✔ All Orders \(needed\)[\s\S]*found: 20261126-1\.txt \(0 days old\)/);
    expect(withFolder.stdout).toMatch(/✖ Removal Order Detail \(needed\)[\s\S]*not in the folder/);
    const json = JSON.parse((await runMain(['reports', '--reports-dir', dir, '--json'], env)).stdout);
    expect(json.reports.find((r: { kind: string }) => r.kind === 'fba-inventory').files[0].name).toBe('20261126-3.txt.gz');
  });
  it('--max-report-age: a report older than it makes its checks unknown and the verdict blocked; wider, it counts', async () => {
    const { env, home } = sandbox();
    const dir = join(home, 'reports');
    mkdirSync(dir);
    readySellerReports(dir);
    const { utimesSync } = await import('node:fs');
    const old = new Date('2026-11-10T08:00:00Z');
    for (const name of ['listings.txt', 'inventory.txt']) utimesSync(join(dir, name), old, old);
    const args = ['check', '--adapter', 'reports', '--reports-dir', dir, '--json', '--as-of', '2026-11-26', '--attest', 'all'];
    const strict = await runMain(args, env);
    expect(strict.code).toBe(3);
    const doc = readinessJsonSchema.parse(JSON.parse(strict.stdout));
    const listings = doc.checks.find((c) => c.id === 'listings')!;
    expect(listings.status).toBe('unknown');
    expect(listings.evidence!.files).toHaveLength(3); // one All Listings report per marketplace the orders show
    expect(listings.evidence!.files).toContainEqual({ file: 'listings.txt', kind: 'all-listings', rows: 0, from: '2026-11-10', to: '2026-11-10', ageDays: 16 });
    expect((await runMain([...args, '--max-report-age', '20'], env)).code).toBe(0);
    const bad = await runMain([...args, '--max-report-age', 'a week'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--max-report-age takes a whole number of days (0 or more), not "a week".');
  });
});
