// The wizard end to end in a real pseudo-terminal: arrow keys and typing through to a submission.

import { describe, expect, it } from 'vitest';
import { readAudit } from '../helpers/audit.js';
import { sandbox } from '../helpers/cli-process.js';
import { KEY, PtySession } from '../helpers/pty.js';

describe('the wizard in a terminal', () => {
  it('goes from the intro to a submitted request on the ready demo seller', async () => {
    const { env, db } = sandbox();
    const session = new PtySession([], { ...env, TERM: 'xterm-256color' });
    let at = await session.waitFor('Closing is permanent');
    at = await session.waitFor('Downgrade to the Individual plan', at);
    at = await session.waitFor('Check whether this account can be closed now?', at);
    await session.type(KEY.enter);

    at = await session.waitFor('Where should the seller data come from?', at);
    await session.type(KEY.enter); // demo

    at = await session.waitFor('Which demo situation?', at);
    await session.type(KEY.down);
    await session.type(KEY.down);
    await session.type(KEY.enter); // ready

    at = await session.waitFor('DEMO DATA', at);
    at = await session.waitFor('Open orders', at);
    for (const question of [
      'Order history, reports, invoices and tax documents downloaded?',
      'Bank account on file current',
      'No open performance notification',
      'No other account or region left on the Professional plan',
    ]) {
      at = await session.waitFor(question, at);
      await session.type('y');
      await session.type(KEY.enter);
    }
    at = await session.waitFor('READY', at);

    at = await session.waitFor('Seller ID (merchant token)', at);
    await session.type(KEY.enter); // keep the merchant token the data knows
    at = await session.waitFor('Reason for closing', at);
    await session.type(KEY.down);
    await session.type(KEY.enter); // business-closed
    at = await session.waitFor('Anything to add for Amazon?', at);
    await session.type('Retiring after ten years');
    await session.type(KEY.enter);

    at = await session.waitFor('Contact email', at);
    await session.type('owner@');
    await session.type(KEY.enter);
    at = await session.waitFor('That is not an email address', at); // asked again
    await session.type(KEY.backspace.repeat(6));
    await session.type('owner@example.com');
    await session.type(KEY.enter);
    at = await session.waitFor('Contact phone (optional)', at);
    await session.type(KEY.enter);

    at = await session.waitFor('You are about to submit this closure request', at);
    at = await session.waitFor('My business has closed — Retiring after ten years', at);
    at = await session.waitFor('Type your seller ID A2DEMO5ELLER7Q to submit', at);
    await session.type('A2DEMO5ELLER7X');
    await session.type(KEY.enter);
    at = await session.waitFor('That is not A2DEMO5ELLER7Q', at);
    await session.type(KEY.backspace);
    await session.type('Q');
    await session.type(KEY.enter);

    await session.waitFor('Closure request submitted.', at);
    expect(await session.exitCode()).toBe(0);

    const audit = readAudit(db);
    expect(audit.runs.find((r) => r.command === 'wizard')).toMatchObject({ outcome: 'completed', exit_code: 0, verdict: 'ready' });
    expect(audit.submissions).toBe(1);
    expect(audit.confirmations).toEqual([
      { checkId: 'bank-account', how: 'prompt' },
      { checkId: 'data-export', how: 'prompt' },
      { checkId: 'performance-notifications', how: 'prompt' },
      { checkId: 'selling-plan', how: 'prompt' },
    ]);
    expect(audit.requests[0]!.request).toMatchObject({ sellerId: 'A2DEMO5ELLER7Q', reason: 'business-closed', email: 'owner@example.com', marketplaces: ['CA', 'MX', 'US'] });
    expect(audit.intact).toBe(true);
  });

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
    at = await session.waitFor('Order history, reports, invoices and tax documents downloaded?', at);
    await session.type(KEY.ctrlC);
    await session.waitFor('Interrupted', at);
    expect(await session.exitCode()).toBe(130);
    const audit = readAudit(db);
    expect(audit.runs[0]).toMatchObject({ outcome: 'interrupted', exit_code: 130 });
    expect(audit.types.filter((type) => type === 'interrupted')).toHaveLength(1);
    expect(audit.submissions).toBe(0);
  });
});

describe('the wizard in a terminal, on report files', () => {
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
    at = await session.waitFor('Folder with the reports', at);
    await session.type(dir);
    await session.type(KEY.enter);
    at = await session.waitFor('Listings', at);
    at = await session.waitFor('1 listing left (0 active)', at);
    await session.waitFor('Café crème', at);
    expect(await session.exitCode()).toBe(3);
  });
});
