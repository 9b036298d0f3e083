// Attack round 2: combinations single-issue testers missed, one test each.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { fakeTerminal } from '../helpers/fake-terminal.js';

const db = () => join(mkdtempSync(join(tmpdir(), 'attack-r2-')), 'audit.db');

async function run(argv: string[], today = '2026-12-03') {
  const term = fakeTerminal({ today });
  const code = await main(argv, term, { version: '1' }).catch((error: unknown) => ({ error }));
  return { code, out: term.output(), err: term.errors() };
}

describe('a future --as-of answers "will I be ready?", it never submits today', () => {
  const request = ['--attest', 'all', '--seller-id', 'A2DEMO5ELLER7Q', '--reason', 'stopped-selling', '--email', 'o@example.com'];

  it('submit --as-of a future day on a seller not ready today submits nothing (exit 2)', async () => {
    const path = db();
    // Not ready today: the waiting seller sold within 90 days.
    expect((await run(['check', '--demo-scenario', 'waiting', ...request, '--audit-db', path])).code).toBe(3);
    // Ready on a day ahead...
    expect((await run(['check', '--demo-scenario', 'waiting', ...request, '--as-of', '2027-06-01', '--audit-db', path])).code).toBe(0);
    // ...but a request is sent today, so it is refused.
    const submitted = await run(['submit', '--demo-scenario', 'waiting', ...request, '--as-of', '2027-06-01', '--confirm', 'A2DEMO5ELLER7Q', '--audit-db', path]);
    expect(submitted.code).toBe(2);
    expect(submitted.out + submitted.err).not.toContain('DEMO-CR-');
    expect(submitted.err).toContain('--as-of');
    const status = await run(['status', '--json', '--audit-db', path]);
    expect(status.out).not.toContain('"submitted"');
  });

  it('a plan saved with a future --as-of cannot be submitted with that --as-of', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'attack-r2-'));
    const path = join(dir, 'audit.db');
    const plan = join(dir, 'plan.json');
    expect((await run(['check', '--demo-scenario', 'waiting', ...request, '--as-of', '2027-06-01', '--out', plan, '--audit-db', path])).code).toBe(0);
    const submitted = await run(['submit', '--plan', plan, '--demo-scenario', 'waiting', '--as-of', '2027-06-01', '--confirm', 'A2DEMO5ELLER7Q', '--audit-db', path]);
    expect(submitted.code).toBe(2);
    expect(submitted.out + submitted.err).not.toContain('DEMO-CR-');
  });

  it('submit --as-of today still submits', async () => {
    const path = db();
    const submitted = await run(['submit', '--demo-scenario', 'ready', ...request, '--as-of', '2026-12-03', '--confirm', 'A2DEMO5ELLER7Q', '--audit-db', path]);
    expect(submitted.code).toBe(0);
  });
});

describe('a saved plan sends only the request that was checked', () => {
  const request = ['--attest', 'all', '--seller-id', 'A2DEMO5ELLER7Q', '--reason', 'stopped-selling', '--email', 'o@example.com'];
  const edits: [string, (r: Record<string, unknown>) => void][] = [
    ['another region and marketplaces', (r) => { r.region = 'europe'; r.marketplaces = ['UK', 'DE']; }],
    ['a marketplace dropped', (r) => { r.marketplaces = ['US']; }],
    ['no email', (r) => { delete r.email; }],
    ['an email that is not one', (r) => { r.email = 'nobody'; }],
    ['reason other without its text', (r) => { r.reason = 'other'; r.reasonText = ''; }],
  ];
  it.each(edits)('an edited plan (%s) submits nothing (exit 2)', async (_, edit) => {
    const { readFileSync, writeFileSync } = await import('node:fs');
    const dir = mkdtempSync(join(tmpdir(), 'attack-r2-'));
    const path = join(dir, 'audit.db');
    const plan = join(dir, 'plan.json');
    expect((await run(['check', '--demo-scenario', 'ready', ...request, '--out', plan, '--audit-db', path])).code).toBe(0);
    const saved = JSON.parse(readFileSync(plan, 'utf8')) as { request: Record<string, unknown> };
    edit(saved.request);
    writeFileSync(plan, JSON.stringify(saved));
    const submitted = await run(['submit', '--plan', plan, '--confirm', 'A2DEMO5ELLER7Q', '--audit-db', path]);
    expect(submitted.code).toBe(2);
    expect(submitted.out + submitted.err).not.toContain('DEMO-CR-');
    // The unedited plan still goes.
    expect((await run(['check', '--demo-scenario', 'ready', ...request, '--out', plan, '--audit-db', path])).code).toBe(0);
    expect((await run(['submit', '--plan', plan, '--confirm', 'A2DEMO5ELLER7Q', '--audit-db', path])).code).toBe(0);
  });
});

describe('submit --plan with another --reports-dir', () => {
  it('is refused (exit 2), not silently submitted from the plan\'s folder', async () => {
    const { mkdirSync } = await import('node:fs');
    const { readySellerReports, writeReport, HEADERS, row } = await import('../helpers/report-fixtures.js');
    const dir = mkdtempSync(join(tmpdir(), 'attack-r2-'));
    const path = join(dir, 'audit.db');
    const plan = join(dir, 'plan.json');
    const ready = join(dir, 'ready');
    const other = join(dir, 'other');
    mkdirSync(ready);
    mkdirSync(other);
    readySellerReports(ready);
    readySellerReports(other);
    // The other folder has an order still open.
    writeReport(other, 'orders-new.txt', [
      HEADERS.allOrders,
      row(HEADERS.allOrders, { 'amazon-order-id': '111-1111111-0000009', 'purchase-date': '2026-06-03T10:00:00+00:00', 'order-status': 'Unshipped', 'fulfillment-channel': 'Merchant', 'sales-channel': 'Amazon.com' }),
    ]);
    const answers = ['--attest', 'all', '--seller-id', 'A1B2C3D4E5F6G7', '--reason', 'stopped-selling', '--email', 'o@example.com'];
    expect((await run(['check', '--adapter', 'reports', '--reports-dir', other, ...answers, '--audit-db', path])).code).toBe(3);
    const made = await run(['check', '--adapter', 'reports', '--reports-dir', ready, ...answers, '--out', plan, '--audit-db', path]);
    expect(made.code, made.err).toBe(0);
    const submitted = await run(['submit', '--plan', plan, '--reports-dir', other, '--sent', '--confirm', 'A1B2C3D4E5F6G7', '--audit-db', path]);
    expect(submitted.code, submitted.err).toBe(2);
    expect(submitted.err).toContain('--reports-dir');
  });
});

describe('audit list and show --json on a log that does not verify', () => {
  it('say so in the document, not only on stderr', async () => {
    const Database = (await import('better-sqlite3')).default;
    const path = db();
    expect((await run(['check', '--demo-scenario', 'ready', '--attest', 'all', '--audit-db', path])).code).toBe(0);
    expect((await run(['check', '--demo-scenario', 'ready', '--attest', 'all', '--audit-db', path])).code).toBe(0);
    const intact = JSON.parse((await run(['audit', 'list', '--json', '--audit-db', path])).out) as { chain: { intact: boolean }; runs: { id: string }[] };
    expect(intact.chain.intact).toBe(true);
    const sql = new Database(path);
    sql.exec('DROP TRIGGER records_no_delete; DELETE FROM records WHERE seq > (SELECT max(seq) - 5 FROM records);');
    sql.close();
    const list = JSON.parse((await run(['audit', 'list', '--json', '--audit-db', path])).out) as { chain: { intact: boolean; problem: unknown } };
    expect(list.chain.intact).toBe(false);
    expect(list.chain.problem).not.toBeNull();
    const show = JSON.parse((await run(['audit', 'show', intact.runs[0]!.id, '--json', '--audit-db', path])).out) as { chain: { intact: boolean } };
    expect(show.chain.intact).toBe(false);
  });
});

describe('the wizard with a future --as-of', () => {
  it('never submits for the waiting seller, who is not ready today', async () => {
    const { scriptedPrompter } = await import('../helpers/scripted-prompter.js');
    const { readAudit } = await import('../helpers/audit.js');
    const path = db();
    const term = fakeTerminal({ tty: true, today: '2026-12-03' });
    const prompter = scriptedPrompter([
      { kind: 'confirm', match: 'can be closed now', answer: true },
      ...['SAFE-T claim', 'downloaded', 'Bank account', 'Professional plan'].map((match) => ({ kind: 'confirm' as const, match, answer: true })),
      { kind: 'input', match: 'seller ID (merchant token)', answer: 'A2DEMO5ELLER7Q' },
      { kind: 'select', match: 'Why are you closing the account', answer: 'stopped-selling' },
      { kind: 'input', match: 'Anything to add', answer: '' },
      { kind: 'input', match: 'email address', answer: 'owner@example.com' },
      { kind: 'input', match: 'phone', answer: '' },
      { kind: 'input', match: 'Type your seller ID', answer: 'A2DEMO5ELLER7Q' },
    ]);
    const code = await main(['--audit-db', path, '--adapter', 'demo', '--demo-scenario', 'waiting', '--as-of', '2027-06-01'], term, { version: '1', prompter }).catch((error: unknown) => ({ error }));
    expect(code).toBe(2);
    expect(readAudit(path).submissions).toBe(0);
  });
});
