// `portfolio check` end to end, in-process, on an accounts file that mixes the demo seller, a
// folder of report files and two accounts on the fake SP-API (one whose refresh token Amazon
// refuses): the table, the one JSON document (held to its schema), the exit code, the audit log's
// runs per seller, and what changed on the next run.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/audit/audit-log.js';
import { main } from '../../src/main.js';
import { portfolioJsonSchema } from '../../src/render/portfolio-json-schema.js';
import { FAKE_CREDENTIALS, NO_FAULTS, provenReadySeller, startFakeSpApi, type FakeSpApi } from '../helpers/fake-sp-api.js';
import { fakeTerminal } from '../helpers/fake-terminal.js';
import { readySellerReports } from '../helpers/report-fixtures.js';

const home = mkdtempSync(join(tmpdir(), 'ca-portfolio-'));
const db = join(home, 'audit.db');
let good: FakeSpApi;
let revoked: FakeSpApi;
const CREDENTIALS = { GOOD_ID: FAKE_CREDENTIALS.SP_API_CLIENT_ID, GOOD_SECRET: FAKE_CREDENTIALS.SP_API_CLIENT_SECRET, GOOD_REFRESH: FAKE_CREDENTIALS.SP_API_REFRESH_TOKEN };

beforeAll(async () => {
  good = await startFakeSpApi(provenReadySeller(), NO_FAULTS);
  revoked = await startFakeSpApi('ready', { ...NO_FAULTS, revoked: true });
  mkdirSync(join(home, 'acme-reports'));
  readySellerReports(join(home, 'acme-reports'));
  writeFileSync(
    join(home, 'accounts.yaml'),
    `version: 1
accounts:
  - name: Demo client
    sellerId: A1DEMOCLIENT01
    region: north-america
    source: { kind: demo, scenario: blocked }
  - name: Acme reports
    sellerId: A3ACMEREPORTS1
    region: north-america
    source: { kind: reports, folder: acme-reports }
  - name: Live US
    sellerId: ${FAKE_CREDENTIALS.SP_API_SELLER_ID}
    region: north-america
    protected: true
    source:
      kind: sp-api
      credentials: { clientId: GOOD_ID, clientSecret: GOOD_SECRET, refreshToken: GOOD_REFRESH }
      endpoint: ${good.url}
      lwaEndpoint: ${good.lwaUrl}
  - name: Revoked EU
    sellerId: A4REVOKEDEU001
    region: europe
    source:
      kind: sp-api
      credentials: { clientId: GOOD_ID, clientSecret: GOOD_SECRET, refreshToken: GOOD_REFRESH }
      endpoint: ${revoked.url}
      lwaEndpoint: ${revoked.lwaUrl}
`,
  );
});
afterAll(async () => {
  await Promise.all([good.close(), revoked.close()]);
  rmSync(home, { recursive: true, force: true });
});

async function portfolio(args: string[], options: { tty?: boolean } = {}) {
  const term = fakeTerminal({
    tty: options.tty,
    env: { HOME: home, XDG_STATE_HOME: join(home, 'state'), XDG_DATA_HOME: join(home, 'data'), CLOSE_ACCOUNT_TEST_NO_WAIT: '1', COLUMNS: '200', ...CREDENTIALS },
  });
  const code = await main(['portfolio', 'check', '--accounts', join(home, 'accounts.yaml'), '--audit-db', db, '--attest', 'all', ...args], term, { version: '1' });
  return { code, stdout: term.output(), stderr: term.errors() };
}

describe('portfolio check', () => {
  it('reports every account, the failing source included, in one JSON document; exit 4', async () => {
    const { code, stdout, stderr } = await portfolio(['--json', '--concurrency', '3']);
    expect(code, stderr).toBe(4);
    const doc = portfolioJsonSchema.parse(JSON.parse(stdout));
    const byName = Object.fromEntries(doc.accounts.map((a) => [a.name, a]));
    expect(byName['Demo client']).toMatchObject({ status: 'checked', verdict: 'blocked', demo: true, firstBlocker: { id: 'open-orders' } });
    expect(byName['Acme reports']).toMatchObject({ status: 'checked', source: 'reports', verdict: 'ready' });
    expect(byName['Live US']).toMatchObject({ status: 'checked', source: 'sp-api', protected: true, verdict: 'ready', blockers: [] });
    expect(byName['Revoked EU']).toMatchObject({ status: 'failed', verdict: null, error: { code: 'data-source' } });
    expect(doc.summary).toEqual({ accounts: 4, ready: 2, notReady: 1, failed: 1 });
    expect(doc.accounts.every((a) => a.status === 'failed' || a.changes?.previous === null)).toBe(true);
    // Each live account used its own server, and so its own token.
    expect(good.requests.some((r) => r.path.includes('/auth/o2/token'))).toBe(true);
    // No secret in the document.
    for (const secret of [FAKE_CREDENTIALS.SP_API_CLIENT_SECRET, FAKE_CREDENTIALS.SP_API_REFRESH_TOKEN]) expect(stdout + stderr).not.toContain(secret);
  });

  it('records each account as its own run under its seller, and the next run says what changed', async () => {
    const audit = AuditLog.open(db);
    const started = [...audit.allRecords()].filter((r) => r.type === 'run-started').map((r) => (r.body as { account?: { sellerId: string } }).account?.sellerId);
    audit.close();
    expect(started.sort()).toEqual(['A1DEMOCLIENT01', 'A2DEMO5ELLER7Q', 'A3ACMEREPORTS1', 'A4REVOKEDEU001']);

    const { code, stdout } = await portfolio([]);
    expect(code).toBe(4);
    expect(stdout).toMatch(/Demo client \[sample\] +North America +blocked +\S+ +Open orders \(\+\d+ more\) +no change/);
    expect(stdout).toMatch(/Live US \[protected\] +North America +ready/);
    expect(stdout).toMatch(/Revoked EU +Europe +source failed/);
    expect(stdout).toContain('Revoked EU: ');
    expect(stdout).toContain('Each region is closed by its own request');
    expect(stdout).toContain('Ready: 2. Not ready: 1. Source failed: 1.');
  });

  it('a blocker cleared since the last run is named', async () => {
    const yaml = join(home, 'accounts.yaml');
    const { readFileSync } = await import('node:fs');
    const before = readFileSync(yaml, 'utf8');
    writeFileSync(yaml, before.replace('scenario: blocked', 'scenario: waiting'));
    try {
      const { stdout } = await portfolio(['--json']);
      const demo = portfolioJsonSchema.parse(JSON.parse(stdout)).accounts.find((a) => a.name === 'Demo client')!;
      expect(demo.changes?.previous?.verdict).toBe('blocked');
      expect(demo.changes?.cleared).toContain('open-orders');
      expect(demo.changes?.added).toEqual([]);
    } finally {
      writeFileSync(yaml, before);
    }
  });

  it('on a terminal, one progress line per account on stderr', async () => {
    const { stderr } = await portfolio(['--dry-run', '--concurrency', '2'], { tty: true });
    for (const name of ['Demo client', 'Acme reports', 'Live US', 'Revoked EU']) expect(stderr).toContain(name);
    expect(stderr).toContain('\x1b[4A'); // the first account's line, redrawn in place
  });

  it('exit 0 when every account is ready; a bad --concurrency is a usage error', async () => {
    const only = join(home, 'ready.yaml');
    writeFileSync(only, 'version: 1\naccounts:\n  - { name: R, sellerId: A1READY000001, region: japan, source: { kind: demo, scenario: ready } }\n');
    const term = fakeTerminal({ env: { HOME: home, XDG_STATE_HOME: join(home, 'state') } });
    expect(await main(['portfolio', 'check', '--accounts', only, '--audit-db', db, '--attest', 'all'], term, { version: '1' }), term.errors()).toBe(0);
    const bad = fakeTerminal({ env: { HOME: home } });
    expect(await main(['portfolio', 'check', '--accounts', only, '--concurrency', '0', '--dry-run'], bad, { version: '1' })).toBe(2);
  });
});
