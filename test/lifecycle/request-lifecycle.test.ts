// A closure request's life after submission: Amazon's answer recorded with `status --record`,
// a rejection matched to the check that should have caught it; and plans, refused when stale.
// main() runs in this process (runMain, with the real date and time); the built CLI is run for
// these commands by test/cli/spawned.test.ts.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { matchRejection } from '../../src/core/rejection-reasons.js';
import { readAudit } from '../helpers/audit.js';
import { runMain } from '../helpers/cli-in-process.js';
import { sandbox } from '../helpers/cli-process.js';

const SELLER = 'A2DEMO5ELLER7Q';
const REQUEST = ['--seller-id', SELLER, '--reason', 'stopped-selling', '--email', 'o@example.com'];
const SUBMIT = ['submit', '--demo-scenario', 'ready', '--attest', 'all', ...REQUEST, '--confirm', SELLER];

describe('request lifecycle', () => {
  it('goes draft → submitted → under review → closed, each step recorded', async () => {
    const { env, db } = sandbox();
    expect((await runMain(['check', '--demo-scenario', 'ready', '--attest', 'all', ...REQUEST], env)).code).toBe(0);
    expect((await runMain(['status'], env)).stdout).toMatch(/: draft\n[\s\S]*checked ready and never submitted\. Submit it with `close-account`/);
    expect((await runMain(SUBMIT, env)).code).toBe(0);
    expect((await runMain(['status'], env)).stdout).toContain(': submitted');
    expect((await runMain(['status', '--record', 'under-review'], env)).code).toBe(0);
    const closed = await runMain(['status', '--record', 'closed'], env);
    expect(closed.code).toBe(0);
    // The demo seller's submission was simulated: "closed" is recorded, never said to be Amazon's doing.
    expect(closed.stdout).not.toContain('Amazon closed the account');
    expect(closed.stdout).toContain('nothing reached Amazon');
    const audit = readAudit(db);
    expect(audit.requests[0]).toMatchObject({ state: 'closed', statuses: [{ state: 'under-review' }, { state: 'closed' }] });
    expect(audit.intact).toBe(true);
  });

  it('matches a rejection to the check that should have caught it, and says what to fix', async () => {
    const { env } = sandbox();
    await runMain(SUBMIT, env);
    const rejected = await runMain(['status', '--record', 'rejected', '--amazon-reason', 'Your account has an open A-to-z Guarantee claim.'], env);
    expect(rejected.code).toBe(0);
    expect(rejected.stdout).toContain("Amazon's reason points at: A-to-z, chargeback and SAFE-T claims");
    expect(rejected.stdout).toContain('Respond to each claim until Amazon closes it');
    const json = JSON.parse((await runMain(['status', '--json'], env)).stdout);
    expect(json.requests[0].statuses[0]).toMatchObject({ state: 'rejected', matchedCheck: 'claims' });
  });

  it('refuses answers that do not fit where the request stands', async () => {
    const { env } = sandbox();
    await runMain(['check', '--demo-scenario', 'ready', '--attest', 'all', ...REQUEST], env);
    const early = await runMain(['status', '--record', 'closed'], env);
    expect(early.code).toBe(2);
    expect(early.stderr).toMatch(/is draft: it cannot become closed/);
    expect((await runMain(['status', '--record', 'rejected'], env)).stderr).toContain('--amazon-reason');
    expect((await runMain(['status', '--record', 'lost'], env)).stderr).toContain('under-review, closed, rejected, withdrawn');
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

  it('--dry-run --out saves the checked request; submit --plan submits it', async () => {
    const { env, home, db } = sandbox();
    const plan = join(home, 'plan.json');
    const saved = await runMain(planArgs(plan), env);
    expect(saved.code).toBe(0);
    expect(saved.stderr).toContain(`Closure request saved to ${plan} (sha256:`);
    const content = JSON.parse(readFileSync(plan, 'utf8'));
    expect(content).toMatchObject({ kind: 'close-account.plan', version: 1, verdict: 'ready', request: { sellerId: SELLER } });
    const submitted = await runMain(['submit', '--request-file', plan, '--confirm', SELLER], env);
    expect(submitted.code, submitted.stderr).toBe(0);
    expect(readAudit(db).types).toContain('plan-used');
  });

  it('refuses a plan whose data changed, saying what changed', async () => {
    const { env, home } = sandbox();
    const plan = join(home, 'plan.json');
    await runMain(planArgs(plan), env);
    // The seller's data moves on: here, the demo seller's situation.
    const content = JSON.parse(readFileSync(plan, 'utf8'));
    content.source.demoScenario = 'waiting';
    writeFileSync(plan, JSON.stringify(content));
    const result = await runMain(['submit', '--plan', plan, '--confirm', SELLER], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('The data has changed since the closure-request file');
    expect(result.stderr).toContain('last-sale-window: pass (0) → fail (1)');
  });

  it('refuses a plan older than --max-age', async () => {
    const { env, home } = sandbox();
    const plan = join(home, 'plan.json');
    await runMain(planArgs(plan), env);
    const content = JSON.parse(readFileSync(plan, 'utf8'));
    content.createdAt = new Date(Date.now() - 30 * 3_600_000).toISOString();
    writeFileSync(plan, JSON.stringify(content));
    const result = await runMain(['submit', '--plan', plan, '--confirm', SELLER], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/was saved 30 hours ago, more than the 24 allowed/);
    expect((await runMain(['submit', '--plan', plan, '--confirm', SELLER, '--max-age', '48'], env)).code).toBe(0);
  });

  it('refuses a file that is not a plan, naming what is wrong', async () => {
    const { env, home } = sandbox();
    const plan = join(home, 'plan.json');
    writeFileSync(plan, '{"kind":"close-account.plan","version":2}');
    const result = await runMain(['submit', '--plan', plan, '--confirm', SELLER], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('is not a close-account closure-request file: version');
  });
});
