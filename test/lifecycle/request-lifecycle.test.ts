// A closure request's life after submission: Amazon's answer recorded with `status --record`,
// a rejection matched to the check that should have caught it; and plans, refused when stale.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { matchRejection } from '../../src/core/rejection-reasons.js';
import { readAudit } from '../helpers/audit.js';
import { runCli, sandbox } from '../helpers/cli-process.js';

const SELLER = 'A2DEMO5ELLER7Q';
const REQUEST = ['--seller-id', SELLER, '--reason', 'stopped-selling', '--email', 'o@example.com'];
const SUBMIT = ['submit', '--demo-scenario', 'ready', '--attest', 'all', ...REQUEST, '--confirm', SELLER];

describe('request lifecycle', () => {
  it('goes draft → submitted → under review → closed, each step recorded', () => {
    const { env, db } = sandbox();
    expect(runCli(['check', '--demo-scenario', 'ready', '--attest', 'all', ...REQUEST], env).code).toBe(0);
    expect(runCli(['status'], env).stdout).toMatch(/: draft\n[\s\S]*checked ready and never submitted\. Submit it with `close-account`/);
    expect(runCli(SUBMIT, env).code).toBe(0);
    expect(runCli(['status'], env).stdout).toContain(': submitted');
    expect(runCli(['status', '--record', 'under-review'], env).code).toBe(0);
    const closed = runCli(['status', '--record', 'closed'], env);
    expect(closed.code).toBe(0);
    expect(closed.stdout).toContain('Amazon closed the account');
    const audit = readAudit(db);
    expect(audit.requests[0]).toMatchObject({ state: 'closed', statuses: [{ state: 'under-review' }, { state: 'closed' }] });
    expect(audit.intact).toBe(true);
  });

  it('matches a rejection to the check that should have caught it, and says what to fix', () => {
    const { env } = sandbox();
    runCli(SUBMIT, env);
    const rejected = runCli(['status', '--record', 'rejected', '--amazon-reason', 'Your account has an open A-to-z Guarantee claim.'], env);
    expect(rejected.code).toBe(0);
    expect(rejected.stdout).toContain("Amazon's reason points at: A-to-z, chargeback and SAFE-T claims");
    expect(rejected.stdout).toContain('Respond to each claim until Amazon closes it');
    const json = JSON.parse(runCli(['status', '--json'], env).stdout);
    expect(json.requests[0].statuses[0]).toMatchObject({ state: 'rejected', matchedCheck: 'claims' });
  });

  it('refuses answers that do not fit where the request stands', () => {
    const { env } = sandbox();
    runCli(['check', '--demo-scenario', 'ready', '--attest', 'all', ...REQUEST], env);
    const early = runCli(['status', '--record', 'closed'], env);
    expect(early.code).toBe(2);
    expect(early.stderr).toMatch(/is draft: it cannot become closed/);
    expect(runCli(['status', '--record', 'rejected'], env).stderr).toContain('--amazon-reason');
    expect(runCli(['status', '--record', 'lost'], env).stderr).toContain('under-review, closed, rejected, withdrawn');
  });

  it.each([
    ['You still have orders pending shipment (open orders).', 'open-orders'],
    ['We need 90 days after your last sale.', 'last-sale-window'],
    ['Your account balance must be zero.', 'balance'],
    ['Inventory remains in our fulfillment centers.', 'fba-inventory'],
    ['Please resolve outstanding refunds.', 'returns-refunds'],
    ['Something else entirely.', null],
  ])('reads "%s" as %s', (reason, check) => {
    expect(matchRejection(reason)).toBe(check);
  });
});

describe('plans', () => {
  const planArgs = (out: string, scenario = 'ready') => ['--dry-run', '--demo-scenario', scenario, '--attest', 'all', ...REQUEST, '--out', out];

  it('--dry-run --out saves the checked request; submit --plan submits it', () => {
    const { env, home, db } = sandbox();
    const plan = join(home, 'plan.json');
    const saved = runCli(planArgs(plan), env);
    expect(saved.code).toBe(0);
    expect(saved.stderr).toContain(`Closure request saved to ${plan} (sha256:`);
    const content = JSON.parse(readFileSync(plan, 'utf8'));
    expect(content).toMatchObject({ kind: 'close-account.plan', version: 1, verdict: 'ready', request: { sellerId: SELLER } });
    const submitted = runCli(['submit', '--request-file', plan, '--confirm', SELLER], env);
    expect(submitted.code, submitted.stderr).toBe(0);
    expect(readAudit(db).types).toContain('plan-used');
  });

  it('refuses a plan whose data changed, saying what changed', () => {
    const { env, home } = sandbox();
    const plan = join(home, 'plan.json');
    runCli(planArgs(plan), env);
    // The seller's data moves on: here, the demo seller's situation.
    const content = JSON.parse(readFileSync(plan, 'utf8'));
    content.source.demoScenario = 'waiting';
    writeFileSync(plan, JSON.stringify(content));
    const result = runCli(['submit', '--plan', plan, '--confirm', SELLER], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('The data has changed since the closure-request file');
    expect(result.stderr).toContain('last-sale-window: pass (0) → fail (1)');
  });

  it('refuses a plan older than --max-age', () => {
    const { env, home } = sandbox();
    const plan = join(home, 'plan.json');
    runCli(planArgs(plan), env);
    const content = JSON.parse(readFileSync(plan, 'utf8'));
    content.createdAt = new Date(Date.now() - 30 * 3_600_000).toISOString();
    writeFileSync(plan, JSON.stringify(content));
    const result = runCli(['submit', '--plan', plan, '--confirm', SELLER], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/was saved 30 hours ago, more than the 24 allowed/);
    expect(runCli(['submit', '--plan', plan, '--confirm', SELLER, '--max-age', '48'], env).code).toBe(0);
  });

  it('refuses a file that is not a plan, naming what is wrong', () => {
    const { env, home } = sandbox();
    const plan = join(home, 'plan.json');
    writeFileSync(plan, '{"kind":"close-account.plan","version":2}');
    const result = runCli(['submit', '--plan', plan, '--confirm', SELLER], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is not a close-account closure-request file: version');
  });
});
