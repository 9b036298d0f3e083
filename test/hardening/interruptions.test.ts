// Ctrl-C (SIGINT) during the checks and during a submission, to a real process: exit 130, the
// audit log consistent and recording the interruption, and a submission cut short resumed once.

import { afterEach, describe, expect, it } from 'vitest';
import { readAudit } from '../helpers/audit.js';
import { startCli } from '../helpers/cli-async.js';
import { runMain } from '../helpers/cli-in-process.js';
import { sandbox } from '../helpers/cli-process.js';
import { startWebhookServer, type WebhookServer } from '../helpers/webhook-server.js';

const SELLER = 'A2DEMO5ELLER7Q';
const servers: WebhookServer[] = [];
afterEach(async () => Promise.all(servers.splice(0).map((s) => s.close())));

describe('Ctrl-C', () => {
  it('during the checks: exit 130, the run recorded as interrupted, nothing half written', async () => {
    const { env, db } = sandbox();
    const run = startCli(['check', '--demo-scenario', 'ready'], { ...env, CLOSE_ACCOUNT_FAILPOINT: 'during-checks' });
    await run.waitForStderr('failpoint reached: during-checks');
    run.child.kill('SIGINT');
    expect(await run.exit()).toBe(130);
    expect(run.stderr()).toContain('Interrupted. Nothing was submitted, and no check had finished: the audit log records only that run');
    expect(run.stderr()).toMatch(/close-account audit show run-/);
    const audit = readAudit(db);
    expect(audit.runs[0]).toMatchObject({ outcome: 'interrupted', exit_code: 130 });
    expect(audit.types).toEqual(['run-started', 'interrupted', 'run-finished']);
    expect(audit.intact).toBe(true);
  });

  it('during a submission: exit 130, and the next run resumes it, once', async () => {
    const hook = await startWebhookServer('ctrl-c-secret');
    servers.push(hook);
    const { env, db } = sandbox();
    const all = { ...env, CLOSE_ACCOUNT_WEBHOOK_SECRET: 'ctrl-c-secret' };
    const args = ['submit', '--demo-scenario', 'ready', '--attest', 'all', '--seller-id', SELLER, '--reason', 'stopped-selling', '--email', 'o@example.com', '--confirm', SELLER, '--submitter', 'webhook', '--webhook-url', hook.url];
    const cut = startCli(args, { ...all, CLOSE_ACCOUNT_FAILPOINT: 'after-submission-started' });
    await cut.waitForStderr('failpoint reached: after-submission-started');
    cut.child.kill('SIGINT');
    expect(await cut.exit()).toBe(130);
    // The request had started to leave (it may have reached the webhook, or the seller may have
    // pressed Send): "Nothing was submitted" would be a claim the tool cannot make.
    expect(cut.stderr()).not.toContain('Nothing was submitted');
    expect(cut.stderr()).toMatch(/while closure request CR-[0-9A-F]+ was being submitted: it may have been sent/);
    expect(cut.stderr()).toContain('never sent twice');
    let audit = readAudit(db);
    expect(audit.runs[0]).toMatchObject({ outcome: 'interrupted', exit_code: 130 });
    expect(audit.requests[0]).toMatchObject({ state: 'submitting' });
    expect(audit.intact).toBe(true);

    // The next run needs no process of its own (the interrupted one did): main() in this process.
    const again = await runMain(args, all);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('Resuming: it will not be submitted twice.');
    audit = readAudit(db);
    expect(audit.submissions).toBe(1);
    expect(hook.tickets.size).toBe(1);
  });
});
