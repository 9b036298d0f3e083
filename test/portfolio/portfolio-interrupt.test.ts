// Ctrl-C (SIGINT) in the middle of a portfolio run, to the real built program (outside testing,
// issue 18's leftovers): exit 130 like every command; the account whose check was cut short is
// recorded as interrupted at once (not left "running" until a later run notices), the one checked
// before it is kept, the audit chain verifies, no --ics/--html file or temporary file is left, and
// the seller is told what was kept (not "nothing was checked or recorded"). The process is stopped
// at a failpoint (no waiting on time) and then signalled.

import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAudit } from '../helpers/audit.js';
import { startCli } from '../helpers/cli-async.js';
import { sandbox } from '../helpers/cli-process.js';

const FIRST = 'A1DEMOFIRST01';
const CUT = 'A2DEMOCUTSHORT';

function setUp() {
  const box = sandbox();
  const out = join(box.home, 'out');
  mkdirSync(out);
  const accounts = join(box.home, 'accounts.yaml');
  writeFileSync(
    accounts,
    `version: 1
accounts:
  - { name: First, sellerId: ${FIRST}, region: north-america, source: { kind: demo, scenario: blocked } }
  - { name: Cut short, sellerId: ${CUT}, region: japan, source: { kind: demo, scenario: ready } }
`,
  );
  // One account at a time: the first is checked whole, the second is stopped once its run is recorded.
  const args = ['--accounts', accounts, '--concurrency', '1', '--audit-db', box.db];
  return { ...box, out, args, env: { ...box.env, CLOSE_ACCOUNT_FAILPOINT: `portfolio-account-started-${CUT}` } };
}

describe('Ctrl-C during a portfolio run', () => {
  it('portfolio plan: exit 130, the cut account recorded as interrupted, the finished one kept, nothing half-written', async () => {
    const { args, env, db, out } = setUp();
    const run = startCli(['portfolio', 'plan', ...args, '--ics', join(out, 'plan.ics'), '--html', join(out, 'plan.html')], env);
    await run.waitForStderr(`failpoint reached: portfolio-account-started-${CUT}`);
    run.child.kill('SIGINT');
    expect(await run.exit()).toBe(130);
    expect(run.stderr()).toContain('Interrupted. Nothing was submitted. The 1 account still being checked is recorded as interrupted in');
    expect(run.stderr()).not.toContain('Nothing was checked, recorded');
    expect(run.stderr()).not.toMatch(/\n\s+at |Error/);
    const audit = readAudit(db);
    expect(audit.intact).toBe(true);
    const outcomes = Object.fromEntries(audit.runs.map((r) => [r.demo_scenario, [r.outcome, r.exit_code]]));
    expect(outcomes).toEqual({ blocked: ['completed', 3], ready: ['interrupted', 130] });
    expect(audit.types.filter((t) => t === 'interrupted')).toHaveLength(1);
    // No plan file, and no temporary file beside where they would have gone.
    expect(readdirSync(out)).toEqual([]);
    expect(existsSync(join(out, 'plan.ics'))).toBe(false);
  });

  it('portfolio check --json in Japanese: one JSON error document (interrupted, 130) and the message in Japanese', async () => {
    const { args, env, db } = setUp();
    const run = startCli(['portfolio', 'check', ...args, '--json', '--lang', 'ja'], env);
    await run.waitForStderr(`failpoint reached: portfolio-account-started-${CUT}`);
    run.child.kill('SIGINT');
    expect(await run.exit()).toBe(130);
    const doc = JSON.parse(run.stdout()) as { error: { code: string; message: string; exitCode: number } };
    expect(doc).toMatchObject({ error: { code: 'interrupted', exitCode: 130 } });
    expect(doc.error.message).toContain('中断として記録しました');
    expect(run.stderr()).toContain('中断として記録しました');
    const audit = readAudit(db);
    expect(audit.intact).toBe(true);
    expect(audit.runs.map((r) => r.outcome).sort()).toEqual(['completed', 'interrupted']);
  });

  it('--dry-run: exit 130, nothing recorded, and it says so', async () => {
    const { args, env, db } = setUp();
    const run = startCli(['portfolio', 'check', ...args, '--dry-run'], env);
    await run.waitForStderr(`failpoint reached: portfolio-account-started-${CUT}`);
    run.child.kill('SIGINT');
    expect(await run.exit()).toBe(130);
    expect(run.stderr()).toContain('Interrupted. Nothing was recorded, written or submitted (--dry-run).');
    expect(existsSync(db)).toBe(false);
  });
});
