// Outside testing of `portfolio check`: an account is ready only on data that is its own. A report
// folder whose marketplaces are all of another region says nothing of the region listed, and one
// folder cannot prove two accounts (report files never name their seller).

import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { fakeTerminal } from '../helpers/fake-terminal.js';
import { readySellerReports } from '../helpers/report-fixtures.js';

const home = mkdtempSync(join(tmpdir(), 'ca-portfolio-evidence-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));
mkdirSync(join(home, 'na-reports'));
readySellerReports(join(home, 'na-reports'));

async function check(yaml: string) {
  const file = join(home, 'accounts.yaml');
  writeFileSync(file, yaml);
  const term = fakeTerminal({ env: { HOME: home, XDG_STATE_HOME: join(home, 'state'), XDG_DATA_HOME: join(home, 'data'), COLUMNS: '200' } });
  const code = await main(['portfolio', 'check', '--accounts', file, '--audit-db', join(home, 'audit.db'), '--attest', 'all', '--json'], term, { version: '1' });
  return { code, stdout: term.output(), stderr: term.errors() };
}

describe('portfolio check on data that is not the account\'s', () => {
  it('a folder of North America reports listed as Europe is never ready for Europe (exit 4, the others still reported)', async () => {
    const result = await check(`version: 1
accounts:
  - { name: Acme NA, sellerId: A1ACMEEXAMPLE1, region: north-america, source: { kind: reports, folder: na-reports } }
  - { name: Acme EU, sellerId: A1ACMEEXAMPLE1, region: europe, source: { kind: demo, scenario: ready } }
`);
    expect(result.code).toBe(0);
    const wrong = await check(`version: 1
accounts:
  - { name: Acme EU, sellerId: A1ACMEEXAMPLE1, region: europe, source: { kind: reports, folder: na-reports } }
  - { name: Sample, sellerId: A2DEMO5ELLER7Q, region: japan, source: { kind: demo, scenario: ready } }
`);
    expect(wrong.code).toBe(4);
    const doc = JSON.parse(wrong.stdout) as { accounts: { name: string; status: string; verdict?: string; error?: { message: string } }[] };
    const eu = doc.accounts.find((a) => a.name === 'Acme EU')!;
    expect(eu.status).not.toBe('checked');
    expect(eu.verdict ?? null).toBeNull();
    expect(eu.error?.message).toMatch(/North America/);
    expect(doc.accounts.find((a) => a.name === 'Sample')?.verdict).toBe('ready');
  });

  it('one report folder listed for two accounts is refused: nothing in it says whose it is', async () => {
    const result = await check(`version: 1
accounts:
  - { name: Acme, sellerId: A1ACMEEXAMPLE1, region: north-america, source: { kind: reports, folder: na-reports } }
  - { name: Other client, sellerId: B9OTHERSELLER1, region: north-america, source: { kind: reports, folder: ./na-reports/ } }
`);
    expect(result.code).toBe(2);
    const said = result.stdout + result.stderr;
    expect(said).toMatch(/line 4: the report folder .*na-reports is already the source of the account on line 3/);
  });

  it('a link to a folder already listed is the same folder', async () => {
    symlinkSync(join(home, 'na-reports'), join(home, 'same-reports'));
    const result = await check(`version: 1
accounts:
  - { name: Acme, sellerId: A1ACMEEXAMPLE1, region: north-america, source: { kind: reports, folder: na-reports } }
  - { name: Other client, sellerId: B9OTHERSELLER1, region: north-america, source: { kind: reports, folder: same-reports } }
`);
    expect(result.code).toBe(2);
    expect(result.stdout + result.stderr).toMatch(/already the source of the account on line 3/);
  });
});
