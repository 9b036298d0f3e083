// Kill the process (SIGKILL) at each step of a submission: the next run finds a consistent log,
// says what happened, resumes, and the request is never submitted twice. Two processes on one
// log at once: no corruption, no lost record.

import { afterEach, describe, expect, it } from 'vitest';
import { readAudit } from '../helpers/audit.js';
import { startCli } from '../helpers/cli-async.js';
import { runMain } from '../helpers/cli-in-process.js';
import { sandbox } from '../helpers/cli-process.js';
import { startWebhookServer, type WebhookServer } from '../helpers/webhook-server.js';

const SELLER = 'A2DEMO5ELLER7Q';
const SECRET = 'test-webhook-secret-a7f3';
const servers: WebhookServer[] = [];
afterEach(async () => Promise.all(servers.splice(0).map((s) => s.close())));

const submitArgs = (url: string) => [
  'submit', '--demo-scenario', 'ready', '--attest', 'all', '--seller-id', SELLER, '--reason', 'stopped-selling',
  '--email', 'owner@example.com', '--confirm', SELLER, '--submitter', 'webhook', '--webhook-url', url,
];

describe('a submission killed at any step', () => {
  it.each(['before-submission-started', 'after-submission-started', 'after-submitter', 'after-submission-recorded'])(
    'killed at %s: the next run resumes, one submission, one ticket, the chain intact',
    async (step) => {
      const server = await startWebhookServer(SECRET);
      servers.push(server);
      const { env, db } = sandbox();
      const secretEnv = { ...env, CLOSE_ACCOUNT_WEBHOOK_SECRET: SECRET };

      const doomed = startCli(submitArgs(server.url), { ...secretEnv, CLOSE_ACCOUNT_FAILPOINT: step });
      await doomed.waitForStderr(`failpoint reached: ${step}`);
      doomed.child.kill('SIGKILL');
      await doomed.exit();
      const afterKill = readAudit(db);
      expect(afterKill.intact).toBe(true);
      expect(afterKill.submissions).toBe(step === 'after-submission-recorded' ? 1 : 0);

      // The next run needs no process of its own (the killed one did): main() in this process,
      // which also keeps the webhook server here answering.
      const next = await runMain(submitArgs(server.url), secretEnv);
      expect(next.code, next.stderr).toBe(0);
      // The killed run is noticed and recorded as interrupted.
      expect(next.stderr).toMatch(/stopped without finishing \(its process is gone\): recorded as interrupted/);
      if (step === 'after-submission-started' || step === 'after-submitter') {
        expect(next.stderr).toContain('when its run stopped. Resuming: it will not be submitted twice.');
      }
      if (step === 'after-submission-recorded') expect(next.stdout).toContain('was already submitted');

      const audit = readAudit(db);
      expect(audit.submissions).toBe(1);
      expect(audit.intact).toBe(true);
      expect(audit.runs.map((r) => r.outcome).sort()).toEqual(['completed', 'interrupted']);
      expect(audit.requests[0]!.state).toBe('submitted');
      // The receiving end saw the request at most twice, under one key: one ticket.
      expect(server.tickets.size).toBe(1);
      // Killed after the POST: it was sent again on resume, and the key kept it to one ticket.
      if (step === 'after-submitter') expect(server.received).toHaveLength(2);
      expect(new Set(server.received.map((r) => r.headers['idempotency-key'])).size).toBe(1);
      expect(server.received.every((r) => r.signatureValid)).toBe(true);
    },
  );
});

describe('two processes on one audit log', () => {
  it('keep the chain linear and lose no record', async () => {
    const { env, db } = sandbox();
    await runMain(['check', '--demo-scenario', 'ready'], env); // create the log first
    const runs = Array.from({ length: 6 }, (_, i) => startCli(['check', '--demo-scenario', i % 2 ? 'ready' : 'blocked', '--attest', 'all'], env));
    const codes = await Promise.all(runs.map((r) => r.exit()));
    expect(codes.sort()).toEqual([0, 0, 0, 3, 3, 3]);
    const audit = readAudit(db);
    expect(audit.intact).toBe(true);
    expect(audit.runs).toHaveLength(7);
    expect(audit.runs.every((r) => r.outcome === 'completed')).toBe(true);
    expect(audit.types.filter((type) => type === 'readiness')).toHaveLength(7);
  });
});
