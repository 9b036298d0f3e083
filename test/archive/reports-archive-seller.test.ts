// A reports-folder archive and `data-export` (outside testing, issue 16's leftovers): report files
// never name their seller, so the seller is the one named with --seller-id, when the archive is made
// and when the data is checked. Named on both, the archive feeds data-export (here it fails, naming
// the gaps a reports folder leaves); not named, data-export stays the seller's confirmation and says
// why; another seller named finds nothing. Never matched on a guess.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { fakeTerminal } from '../helpers/fake-terminal.js';
import { readySellerReports } from '../helpers/report-fixtures.js';

const home = mkdtempSync(join(tmpdir(), 'ca-reports-seller-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));
const db = join(home, 'audit.db');
const reports = join(home, 'reports');
mkdirSync(reports);
readySellerReports(reports);
const SOURCE = ['--adapter', 'reports', '--reports-dir', reports, '--as-of', '2026-11-26'];

async function run(argv: string[]) {
  const term = fakeTerminal({ env: { HOME: home, XDG_STATE_HOME: join(home, 'state') } });
  const code = await main([...argv, '--audit-db', db], term, { version: '1' });
  return { code, stdout: term.output(), stderr: term.errors() };
}
interface CheckDoc { checks: { id: string; status: string; basis: string; summary: string }[] }
const dataExport = async (...extra: string[]) => {
  const result = await run(['check', ...SOURCE, '--json', ...extra]);
  return (JSON.parse(result.stdout) as CheckDoc).checks.find((c) => c.id === 'data-export')!;
};

describe('a reports-folder archive feeds data-export only for the seller named', () => {
  it('an archive made without --seller-id says it is filed under no seller, and feeds nothing', async () => {
    const made = await run(['archive', ...SOURCE, '--out', join(home, 'unnamed')]);
    expect(made.stderr).toContain('this archive is filed under no seller, so the data-export check cannot be judged from it');
    const check = await dataExport();
    expect(check.status).toBe('manual');
    expect(check.summary).toContain('report files do not say whose they are; name the seller with --seller-id');
  });

  it('archived and checked with the same --seller-id: data-export is judged from the archive (basis data), naming its gaps', async () => {
    const made = await run(['archive', ...SOURCE, '--seller-id', 'A1ACMEEXAMPLE1', '--out', join(home, 'named')]);
    expect(made.stderr).not.toContain('filed under no seller');
    const check = await dataExport('--seller-id', 'a1acmeexample1');
    expect(check.status).toBe('fail');
    expect(check.basis).toBe('data');
    expect(check.summary).toMatch(/gaps/);
    // plan takes --seller-id too: the archive's gaps keep the records step even with the seller's word.
    const steps = async (...extra: string[]) => {
      const plan = await run(['plan', ...SOURCE, '--attest', 'data-export', '--json', ...extra]);
      expect(plan.code, plan.stderr).toBe(0);
      return (JSON.parse(plan.stdout) as { steps: { id: string }[] }).steps.map((s) => s.id);
    };
    expect(await steps('--seller-id', 'A1ACMEEXAMPLE1')).toContain('download-records');
    expect(await steps()).not.toContain('download-records');
  });

  it('another seller named finds no archive: a plain confirmation, not the archive of A1ACMEEXAMPLE1', async () => {
    const check = await dataExport('--seller-id', 'A9OTHERSELLER9');
    expect(check.status).toBe('manual');
    expect(check.basis).not.toBe('data');
    expect(check.summary).not.toContain('report files do not say');
  });

  it('the reason is said in zh-CN and ja', async () => {
    for (const [lang, words] of [['zh-CN', '报告文件不写明属于哪个卖家'], ['ja', 'レポートファイルにはどのセラーのものかが書かれていません']] as const) {
      const result = await run(['check', ...SOURCE, '--lang', lang]);
      expect(result.stdout).toContain(words);
    }
  });

  it('portfolio: the accounts file names each account\'s seller, so its archive counts there too; another seller\'s does not', async () => {
    const other = join(home, 'other-reports');
    mkdirSync(other);
    readySellerReports(other);
    const accounts = join(home, 'accounts.yaml');
    writeFileSync(
      accounts,
      `version: 1
accounts:
  - { name: Acme, sellerId: A1ACMEEXAMPLE1, region: north-america, source: { kind: reports, folder: reports } }
  - { name: Other, sellerId: A9OTHERSELLER9, region: north-america, source: { kind: reports, folder: other-reports } }
`,
    );
    const result = await run(['portfolio', 'check', '--accounts', accounts, '--as-of', '2026-11-26', '--json']);
    const doc = JSON.parse(result.stdout) as { accounts: { name: string; checks: { id: string; status: string; summary: string }[] }[] };
    const exportOf = (name: string) => doc.accounts.find((a) => a.name === name)!.checks.find((c) => c.id === 'data-export')!;
    expect(exportOf('Acme').status).toBe('fail');
    expect(exportOf('Acme').summary).toMatch(/gaps/);
    expect(exportOf('Other').status).toBe('manual');
  });
});

describe('an old settlement flat file in a reports folder (outside attack, att-x-3)', () => {
  it('is still archived as a settlement, though skipped by the checks for what it is', async () => {
    const { reportsArchiveSource } = await import('../../src/archive/reports-archive.js');
    const { t } = await import('../helpers/records.js');
    const folder = join(home, 'old-settlement');
    mkdirSync(folder);
    writeFileSync(join(folder, 'v1.txt'), 'settlement-id\tsettlement-start-date\tsettlement-end-date\tdeposit-date\ttotal-amount\tcurrency\ttransaction-type\tprice-type\tprice-amount\n123\t2026-11-01 07:00:00 UTC\t2026-11-15 07:00:00 UTC\t2026-11-17 07:00:00 UTC\t-9.00\tUSD\t\t\t\n');
    const source = await reportsArchiveSource(folder, null, '2026-11-26', t);
    expect((await source.units([])).map((u) => u.kind)).toEqual(['settlements']);
  });
});
