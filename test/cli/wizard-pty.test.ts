// The wizard end to end in a real pseudo-terminal: arrow keys and typing through to a submission.

import { describe, expect, it } from 'vitest';
import { readAudit } from '../helpers/audit.js';
import { sandbox } from '../helpers/cli-process.js';
import { KEY, PTY_TEST_TIMEOUT, PtySession } from '../helpers/pty.js';

describe('the wizard in a terminal', { timeout: PTY_TEST_TIMEOUT }, () => {
  // From the intro to the receipt, in each language at 80 columns: wizard-languages-pty.test.ts.

  it('stops at the blockers on the blocked seller, exit 3, nothing submitted', async () => {
    const { env, db } = sandbox();
    const session = new PtySession(['--adapter', 'demo'], env);
    let at = await session.waitFor('Check whether this account can be closed now?');
    await session.type(KEY.enter);
    at = await session.waitFor('Which demo situation?', at);
    await session.type(KEY.enter); // blocked
    at = await session.waitFor('What to do', at);
    await session.waitFor('Earliest possible closure: 2027-02-18', at);
    expect(await session.exitCode()).toBe(3);
    expect(readAudit(db).runs[0]).toMatchObject({ outcome: 'completed', exit_code: 3, verdict: 'blocked' });
  });

  it('Ctrl-C at a prompt exits 130 and records the interruption', async () => {
    const { env, db } = sandbox();
    const session = new PtySession(['--adapter', 'demo', '--demo-scenario', 'ready'], env);
    let at = await session.waitFor('Check whether this account can be closed now?');
    await session.type(KEY.enter);
    at = await session.waitFor('? Order history, reports, invoices and tax documents downloaded?', at); // the prompt, not the table's row
    await session.type(KEY.ctrlC);
    await session.waitFor('Interrupted', at);
    expect(await session.exitCode()).toBe(130);
    const audit = readAudit(db);
    expect(audit.runs[0]).toMatchObject({ outcome: 'interrupted', exit_code: 130 });
    expect(audit.types.filter((type) => type === 'interrupted')).toHaveLength(1);
    expect(audit.submissions).toBe(0);
  });
});

describe('the wizard in a terminal, on report files', { timeout: PTY_TEST_TIMEOUT }, () => {
  it('takes the folder, checks the files and shows names decoded right', async () => {
    const { mkdirSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { HEADERS, readySellerReports, row, writeReport } = await import('../helpers/report-fixtures.js');
    const { env, home } = sandbox();
    const dir = join(home, 'amazon reports');
    mkdirSync(dir);
    readySellerReports(dir);
    writeReport(dir, 'listings.txt', [HEADERS.allListings, row(HEADERS.allListings, { 'item-name': 'Café crème', 'listing-id': 'L', 'seller-sku': 'CAFE', status: 'Inactive' })], { encoding: 'windows-1252', crlf: true });
    const session = new PtySession([], env);
    let at = await session.waitFor('Check whether this account can be closed now?');
    await session.type(KEY.enter);
    at = await session.waitFor('Where should the seller data come from?', at);
    await session.type(KEY.down);
    await session.type(KEY.enter); // reports
    at = await session.waitFor('Which folder holds the reports', at);
    await session.type(dir);
    await session.type(KEY.enter);
    at = await session.waitFor('Listings', at);
    at = await session.waitFor('1 listing left (0 active)', at);
    await session.waitFor('Café crème', at);
    expect(await session.exitCode()).toBe(3);
  });
});
