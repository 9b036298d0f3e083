// The wizard's logic in-process, with scripted answers: every step, stopping, and confirmations
// declined. The real-terminal run is in wizard-pty.test.ts.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { readAudit } from '../helpers/audit.js';
import { fakeTerminal } from '../helpers/fake-terminal.js';
import { scriptedPrompter, type Answer } from '../helpers/scripted-prompter.js';

const db = () => join(mkdtempSync(join(tmpdir(), 'wiz-')), 'audit.db');
const confirmAll: Answer[] = ['downloaded', 'Bank account', 'Professional plan'].map((match) => ({
  kind: 'confirm',
  match,
  answer: true,
}));

async function wizard(script: Answer[], argv: string[] = []) {
  const path = db();
  const term = fakeTerminal({ tty: true });
  const prompter = scriptedPrompter(script);
  const code = await main(['--audit-db', path, ...argv], term, { version: '1', prompter });
  prompter.assertDone();
  const audit = readAudit(path);
  return { code, term, runs: audit.runs, types: audit.types, submissions: audit.submissions, prompter };
}

describe('wizard', () => {
  it('submits on the ready seller and tells what happens next', async () => {
    const { code, term, runs, submissions } = await wizard([
      { kind: 'confirm', match: 'can be closed now', answer: true },
      { kind: 'select', match: 'seller data', answer: 'demo' },
      { kind: 'select', match: 'demo situation', answer: 'ready' },
      ...confirmAll,
      { kind: 'input', match: 'seller ID (merchant token)', answer: 'a2demo5eller7q' },
      { kind: 'select', match: 'Why are you closing the account', answer: 'fees-too-high' },
      { kind: 'input', match: 'Anything to add', answer: '' },
      { kind: 'input', match: 'email address', answer: 'owner@example.com' },
      { kind: 'input', match: 'phone', answer: '+1 206 555 0100' },
      { kind: 'input', match: 'Type your seller ID', answer: 'A2DEMO5ELLER7Q' },
    ]);
    expect(code).toBe(0);
    expect(term.output()).toContain('Closure request submitted.');
    expect(term.output()).toContain('Contact phone: +1 206 555 0100');
    expect(term.errors()).toContain('DEMO DATA');
    expect(runs[0]).toMatchObject({ command: 'wizard', adapter: 'demo', outcome: 'completed', exit_code: 0 });
    expect(submissions).toBe(1);
  });

  it('stops at the blockers on the blocked seller, with the earliest date, skipping what flags answered', async () => {
    const { code, term } = await wizard([{ kind: 'confirm', match: 'can be closed now', answer: true }], ['--adapter', 'demo', '--demo-scenario', 'blocked']);
    expect(code).toBe(3);
    expect(term.output()).toContain('Earliest possible closure: 2027-02-18');
    expect(term.output()).toContain('Nothing was submitted.');
  });

  it('stops at the intro when the seller says no, and records that', async () => {
    const { code, runs, types, submissions } = await wizard([{ kind: 'confirm', match: 'can be closed now', answer: false }]);
    expect(code).toBe(0);
    expect(runs[0]).toMatchObject({ outcome: 'completed', exit_code: 0 });
    expect(types).toEqual(['run-started', 'stopped', 'run-finished']);
    expect(submissions).toBe(0);
  });

  it('is not ready while a confirmation is declined', async () => {
    const { code, term, runs } = await wizard(
      [{ kind: 'confirm', match: 'can be closed now', answer: true }, ...confirmAll.slice(0, 2), { ...confirmAll[2]!, answer: false }],
      ['--adapter', 'demo', '--demo-scenario', 'ready'],
    );
    expect(code).toBe(3);
    expect(term.output()).toContain('NEEDS CONFIRMATION');
    expect(runs[0]).toMatchObject({ verdict: 'needs-confirmation' });
  });

  it('does not ask again what --attest already confirmed', async () => {
    const { code, prompter } = await wizard(
      [
        { kind: 'confirm', match: 'can be closed now', answer: true },
        { kind: 'input', match: 'seller ID (merchant token)', answer: 'A2DEMO5ELLER7Q' },
        { kind: 'select', match: 'Why are you closing the account', answer: 'other' },
        { kind: 'input', match: 'why are you closing', answer: 'Retiring' },
        { kind: 'input', match: 'email address', answer: 'owner@example.com' },
        { kind: 'input', match: 'phone', answer: '' },
        { kind: 'input', match: 'Type your seller ID', answer: 'A2DEMO5ELLER7Q' },
      ],
      ['--adapter', 'demo', '--demo-scenario', 'ready', '--attest', 'all'],
    );
    expect(code).toBe(0);
    expect(prompter.asked.some((q) => q.includes('downloaded'))).toBe(false);
  });
});

describe('wizard on report files', () => {
  it('asks for the folder, lists the reports it lacks, and checks with what it has', async () => {
    const { mkdirSync } = await import('node:fs');
    const { HEADERS, row, writeReport } = await import('../helpers/report-fixtures.js');
    const dir = mkdtempSync(join(tmpdir(), 'wiz-reports-'));
    mkdirSync(join(dir, 'downloads'));
    writeReport(join(dir, 'downloads'), '1.txt', [HEADERS.allListings, row(HEADERS.allListings, { 'item-name': 'Café crème', 'listing-id': 'L', 'seller-sku': 'CAFE', status: 'Active' })], { encoding: 'windows-1252' });
    const { code, term } = await wizard([
      { kind: 'confirm', match: 'can be closed now', answer: true },
      { kind: 'select', match: 'seller data', answer: 'reports' },
      { kind: 'input', match: 'Which folder holds the reports', answer: join(dir, 'downloads') },
      { kind: 'confirm', match: 'Check with the reports the folder has?', answer: true },
    ]);
    expect(code).toBe(3);
    // eslint-disable-next-line no-control-regex -- colour codes
    const errors = term.errors().replace(/\u001b\[[0-9;]*m/g, '');
    expect(errors).toMatch(/✖ All Orders \(needed\)[\s\S]*Reports → Fulfillment → Sales: All Orders/);
    expect(errors).not.toContain('✖ All Listings');
    expect(term.output()).toContain('Café crème');
    expect(term.output()).toContain('no All Orders report in the reports folder');
  });
});

describe('wizard confirmations of what the data shows (issue 17)', () => {
  it('shows what the data says before asking, and records the confirmation on both, as --attest does', async () => {
    const { HEADERS, readySellerReports, row, writeReport } = await import('../helpers/report-fixtures.js');
    const dir = mkdtempSync(join(tmpdir(), 'wiz-evidence-'));
    readySellerReports(dir);
    const S = HEADERS.settlementV2;
    writeReport(dir, 'settlement.txt', [
      S,
      row(S, { 'settlement-id': '9005', 'settlement-start-date': '2026-11-01 07:00:00 UTC', 'settlement-end-date': '2026-11-15 07:00:00 UTC', 'deposit-date': '2026-11-17 07:00:00 UTC', 'total-amount': '1234.56', currency: 'USD' }),
      row(S, { 'settlement-id': '9005', 'transaction-type': 'Order', 'amount-type': 'ItemPrice', 'amount-description': 'Principal', amount: '1234.56' }),
    ]);
    // A SAFE-T claim Amazon has decided, inside the 90 days: listed for the seller, not blocking.
    writeReport(dir, 'returns.txt', [HEADERS.returns, row(HEADERS.returns, { 'Order ID': '111-1111111-0000001', 'Order date': '02-Jun-2026', 'Return request date': '10-Oct-2026', 'Return request status': 'Closed', 'A-to-Z Claim': 'N', 'SafeT claim id': 'ST-77310', 'SafeT claim state': 'Closed', 'SafeT claim creation time': '12-Oct-2026' })]);
    const path = db();
    const term = fakeTerminal({ tty: true });
    const prompter = scriptedPrompter([
      { kind: 'confirm', match: 'can be closed now', answer: true },
      { kind: 'confirm', match: /^The data shows 1 .*No open A-to-z/, answer: true },
      { kind: 'confirm', match: /^The last settlement shows nothing owed or held \(1,234\.56 USD for 2026-11-01 to 2026-11-15.*\)/, answer: true },
      { kind: 'confirm', match: 'downloaded', answer: true },
      { kind: 'confirm', match: 'Bank account', answer: true },
      { kind: 'confirm', match: 'performance notification', answer: true },
      { kind: 'confirm', match: 'Professional plan', answer: true },
      { kind: 'input', match: 'seller ID (merchant token)', answer: 'a2demo5eller7q' },
      { kind: 'select', match: 'Why are you closing the account', answer: 'fees-too-high' },
      { kind: 'input', match: 'Anything to add', answer: '' },
      { kind: 'input', match: 'email address', answer: 'owner@example.com' },
      { kind: 'input', match: 'phone', answer: '+1 206 555 0100' },
      { kind: 'input', match: 'Type your seller ID', answer: 'A2DEMO5ELLER7Q' },
      { kind: 'confirm', match: 'Open Seller Central in your browser now?', answer: false },
      { kind: 'confirm', match: 'Did you press Send in Seller Central?', answer: false },
    ]);
    const code = await main(['--audit-db', path, '--adapter', 'reports', '--reports-dir', dir, '--as-of', '2026-11-26'], term, { version: '1', prompter });
    prompter.assertDone();
    expect(code).not.toBe(1);
    // eslint-disable-next-line no-control-regex -- colour codes
    const errors = term.errors().replace(/\u001b\[[0-9;]*m/g, '');
    // What the data shows is on screen before the question: the claims check's sources, the settlement.
    expect(errors).toMatch(/ST-77310[\s\S]*Check Performance → A-to-z Guarantee Claims/);
    expect(prompter.asked.find((q) => q.includes('1,234.56 USD'))).toMatch(/^The last settlement shows nothing owed.*\? *$/s);
    const { AuditLog } = await import('../../src/audit/audit-log.js');
    const log = AuditLog.open(path);
    try {
      const readiness = [...log.allRecords()].filter((r) => r.type === 'readiness').at(-1)!.body as { checks: { id: string; basis: string; summary: string; confirmed: boolean | null }[]; confirmations: { checkId: string; how: string }[] };
      const byId = Object.fromEntries(readiness.checks.map((c) => [c.id, c]));
      // Confirmed in the wizard, each keeps the data's sentence and rests on both, as --attest gives.
      expect(byId['claims']).toMatchObject({ confirmed: true, basis: 'both' });
      expect(byId['claims']!.summary).toMatch(/The data shows 1 /);
      expect(byId['balance']).toMatchObject({ confirmed: true, basis: 'both' });
      expect(byId['balance']!.summary).toContain('1,234.56 USD');
      expect(byId['bank-account']).toMatchObject({ confirmed: true, basis: 'seller' });
      expect(readiness.confirmations).toEqual(expect.arrayContaining([{ checkId: 'claims', how: 'prompt' }, { checkId: 'balance', how: 'prompt' }]));
    } finally {
      log.close();
    }
  });
});

describe('a wizard run that ends before the data source is chosen', () => {
  const list = async (path: string, json: boolean) => {
    const term = fakeTerminal();
    const code = await main(['audit', 'list', '--audit-db', path, ...(json ? ['--json'] : [])], term, { version: '1' });
    return { code, out: term.output() };
  };

  it('is listed as no data source chosen, not as the demo seller: stopped at the intro, or Ctrl-C at the source question', async () => {
    const stopped = await wizard([{ kind: 'confirm', match: 'can be closed now', answer: false }]);
    const path = db();
    const scripted = scriptedPrompter([{ kind: 'confirm', match: 'can be closed now', answer: true }]);
    const { InterruptedError } = await import('../../src/errors.js');
    const interrupting = { ...scripted, select: async () => { throw new InterruptedError(); } };
    expect(await main(['--audit-db', path], fakeTerminal({ tty: true }), { version: '1', prompter: interrupting })).toBe(130);
    const interrupted = readAudit(path);
    for (const runs of [stopped.runs, interrupted.runs]) {
      expect(runs[0]).toMatchObject({ command: 'wizard', adapter: 'none', demo: false, demo_scenario: null });
    }
    expect(interrupted.runs[0]).toMatchObject({ outcome: 'interrupted' });
    const human = await list(path, false);
    expect(human.code).toBe(0);
    expect(human.out).toContain('no data source chosen');
    expect(human.out).not.toMatch(/demo/);
    const json = JSON.parse((await list(path, true)).out) as { runs: { adapter: string; demo: boolean; demoScenario: string | null }[] };
    expect(json.runs[0]).toMatchObject({ adapter: 'none', demo: false, demoScenario: null });
  });

  it('still records the source the command line gave, before any question; the demo situation only once given', async () => {
    const { runs } = await wizard([{ kind: 'confirm', match: 'can be closed now', answer: false }], ['--adapter', 'demo', '--demo-scenario', 'waiting']);
    expect(runs[0]).toMatchObject({ adapter: 'demo', demo: true, demo_scenario: 'waiting' });
    const unchosen = await wizard([{ kind: 'confirm', match: 'can be closed now', answer: false }], ['--adapter', 'demo']);
    expect(unchosen.runs[0]).toMatchObject({ adapter: 'demo', demo: true, demo_scenario: null });
    const chosen = await wizard([{ kind: 'confirm', match: 'can be closed now', answer: true }, { kind: 'select', match: 'demo situation', answer: 'waiting' }], ['--adapter', 'demo']);
    expect(chosen.runs[0]).toMatchObject({ adapter: 'demo', demo: true, demo_scenario: 'waiting' });
  });
});

describe('Ctrl-C in the wizard says what the audit log kept', () => {
  const interruptedAt = async (answers: Answer[], interruptConfirm: string | null) => {
    const path = db();
    const term = fakeTerminal({ tty: true });
    const scripted = scriptedPrompter(answers);
    const { InterruptedError } = await import('../../src/errors.js');
    const prompter = {
      ...scripted,
      select: interruptConfirm === null ? async () => { throw new InterruptedError(); } : scripted.select,
      confirm: async (options: Parameters<typeof scripted.confirm>[0]) => {
        if (interruptConfirm !== null && options.message.includes(interruptConfirm)) throw new InterruptedError();
        return scripted.confirm(options);
      },
    };
    expect(await main(['--audit-db', path], term, { version: '1', prompter })).toBe(130);
    return term.errors();
  };

  it('at the data source question: no check had finished, and it says so', async () => {
    const errors = await interruptedAt([{ kind: 'confirm', match: 'can be closed now', answer: true }], null);
    expect(errors).toContain('no check had finished');
    expect(errors).not.toContain('the check results known');
  });

  it('at a confirmation after the checks ran: the check results the log keeps', async () => {
    const errors = await interruptedAt([
      { kind: 'confirm', match: 'can be closed now', answer: true },
      { kind: 'select', match: 'seller data', answer: 'demo' },
      { kind: 'select', match: 'demo situation', answer: 'ready' },
    ], 'downloaded');
    expect(errors).toContain('the check results known');
  });
});
