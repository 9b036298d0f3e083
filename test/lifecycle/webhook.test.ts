// The webhook submitter against a real HTTP server on 127.0.0.1: signed, idempotent, retried
// with backoff, failing clearly; the secret never printed or stored.

import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startCli } from '../helpers/cli-async.js';
import { runMain } from '../helpers/cli-in-process.js';
import { sandbox } from '../helpers/cli-process.js';
import { readAudit } from '../helpers/audit.js';
import { startWebhookServer, type WebhookServer } from '../helpers/webhook-server.js';

const SELLER = 'A2DEMO5ELLER7Q';
const SECRET = 'whsec-RECOGNISABLE-7c1d';
const servers: WebhookServer[] = [];
afterEach(async () => Promise.all(servers.splice(0).map((s) => s.close())));

// main() runs in this process (runMain), but the scrubbing test runs the built program: a
// process of its own starts with no secret registered but those of its own run.
async function submit(url: string, env: Record<string, string>, extra: string[] = [], spawned = false) {
  const args = ['submit', '--demo-scenario', 'ready', '--attest', 'all', '--seller-id', SELLER, '--reason', 'stopped-selling', '--email', 'o@example.com', '--confirm', SELLER, '--submitter', 'webhook', '--webhook-url', url, ...extra];
  if (!spawned) return runMain(args, env);
  const running = startCli(args, env);
  return { code: await running.exit(), stdout: running.stdout(), stderr: running.stderr() };
}

async function server() {
  const s = await startWebhookServer(SECRET);
  servers.push(s);
  return s;
}

describe('webhook submitter', () => {
  it('a token in the hook URL\'s path reaches neither the terminal nor the audit log', async () => {
    const hook = await server();
    hook.answers.push(400);
    const { env, db } = sandbox();
    const token = 'PATHTOKEN9x8y7z6w5v4u';
    const failed = await submit(`${hook.url}/services/T0/${token}`, { ...env, CLOSE_ACCOUNT_WEBHOOK_SECRET: SECRET }, [], true);
    expect(failed.code).toBe(4);
    expect(hook.received).toHaveLength(1);
    expect(failed.stdout + failed.stderr).not.toContain(token);
    expect(readFileSync(db).includes(token)).toBe(false);
  });

  it('POSTs the request signed, with the request id as Idempotency-Key, and records the ticket', async () => {
    const hook = await server();
    const { env, db } = sandbox();
    const result = await submit(hook.url, { ...env, CLOSE_ACCOUNT_WEBHOOK_SECRET: SECRET }, ['--json']);
    expect(result.code, result.stderr).toBe(0);
    const doc = JSON.parse(result.stdout);
    expect(doc.submission).toMatchObject({ submitter: 'webhook', reference: 'TICKET-1' });
    expect(hook.received).toHaveLength(1);
    const post = hook.received[0]!;
    expect(post.signatureValid).toBe(true);
    expect(post.headers['idempotency-key']).toBe(doc.request.id);
    expect(post.headers['content-type']).toBe('application/json');
    expect(JSON.parse(post.body)).toMatchObject({ kind: 'close-account.closure-request', demo: true, verdict: 'ready', request: { sellerId: SELLER } });
    for (const text of [result.stdout, result.stderr, readFileSync(db).toString('latin1')]) expect(text).not.toContain(SECRET);
    expect(readAudit(db).submissions).toBe(1);
  });

  it('retries 503s, 429s and dropped connections with backoff, then succeeds', async () => {
    const hook = await server();
    hook.answers.push(503, 0, 429);
    const { env } = sandbox();
    const result = await submit(hook.url, { ...env, CLOSE_ACCOUNT_WEBHOOK_SECRET: SECRET });
    expect(result.code, result.stderr).toBe(0);
    expect(hook.received).toHaveLength(4);
    expect(new Set(hook.received.map((r) => r.headers['idempotency-key'])).size).toBe(1);
    expect(hook.tickets.size).toBe(1);
  });

  it('fails clearly (exit 4) on a refusal, records no submission, and a rerun is safe', async () => {
    const hook = await server();
    hook.answers.push(400);
    const { env, db } = sandbox();
    const failed = await submit(hook.url, { ...env, CLOSE_ACCOUNT_WEBHOOK_SECRET: SECRET });
    expect(failed.code).toBe(4);
    // A 400 cannot succeed on retry: one attempt, and the message says one.
    // Named by its origin: a hook URL's path may carry its token.
    expect(failed.stderr).toContain(`The webhook ${new URL(hook.url).origin} did not accept the request (attempts: 1,`);
    expect(failed.stderr).toContain('HTTP 400');
    expect(hook.received).toHaveLength(1);
    expect(failed.stderr).toContain('Nothing was recorded as submitted');
    expect(failed.stderr).not.toMatch(/\n\s+at /);
    expect(readAudit(db).submissions).toBe(0);
    const retried = await submit(hook.url, { ...env, CLOSE_ACCOUNT_WEBHOOK_SECRET: SECRET });
    expect(retried.code).toBe(0);
    expect(readAudit(db).submissions).toBe(1);
  });

  it('with the wrong secret the receiver refuses it (401), and says so', async () => {
    const hook = await server();
    const { env } = sandbox();
    const result = await submit(hook.url, { ...env, CLOSE_ACCOUNT_WEBHOOK_SECRET: 'not-the-secret' });
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('HTTP 401');
    expect(hook.received[0]!.signatureValid).toBe(false);
  });

  it('names what is missing: the URL, or the secret (never taken from a flag)', async () => {
    const { env } = sandbox();
    const noSecret = await submit('http://127.0.0.1:9/x', env);
    expect(noSecret.code).toBe(2);
    expect(noSecret.stderr).toContain('CLOSE_ACCOUNT_WEBHOOK_SECRET');
    const noUrl = await runMain(['submit', '--demo-scenario', 'ready', '--attest', 'all', '--seller-id', SELLER, '--reason', 'stopped-selling', '--email', 'o@example.com', '--confirm', SELLER, '--submitter', 'webhook'], { ...env, CLOSE_ACCOUNT_WEBHOOK_SECRET: SECRET });
    expect(noUrl.code).toBe(2);
    expect(noUrl.stderr).toContain('--webhook-url');
  });
});
