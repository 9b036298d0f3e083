// Credentials never follow a redirect. Amazon's token URL, the SP-API endpoint and the agency's
// webhook each redirect (301, 302, 303, 307, 308) to an attacker on 127.0.0.2: nothing reaches
// the attacker, the run fails with exit 4 naming the Location, no submission is recorded, and a
// later run to the real webhook still submits (nothing blocks a resend).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../helpers/cli-in-process.js';
import { sandbox } from '../helpers/cli-process.js';
import { readAudit } from '../helpers/audit.js';
import { FAKE_CREDENTIALS, NO_FAULTS, startFakeSpApi, type FakeSpApi } from '../helpers/fake-sp-api.js';
import { ATTACKER_TOKEN, startAttacker, startRedirector, type HostileServer } from '../helpers/hostile-servers.js';
import { startWebhookServer } from '../helpers/webhook-server.js';

const SECRET = 'whsec-redirect-test-4242';
const SELLER = 'A2DEMO5ELLER7Q';
const SUBMIT = ['submit', '--demo-scenario', 'ready', '--attest', 'all', '--seller-id', SELLER, '--reason', 'stopped-selling', '--email', 'o@example.com', '--confirm', SELLER, '--submitter', 'webhook'];

let attacker: HostileServer;
let fake: FakeSpApi;
const closers: { close(): Promise<void> }[] = [];
beforeAll(async () => {
  attacker = await startAttacker();
  fake = await startFakeSpApi('ready', NO_FAULTS);
  closers.push(attacker, fake);
});
afterAll(async () => Promise.all(closers.map((c) => c.close())));

// main() in this process (runMain): what reaches the attacker is decided by the HTTP layer the
// program uses, over real sockets; the built program's own runs are in the leak scans.
const run = runMain;

describe('redirects', () => {
  it('reaches the attacker on 127.0.0.2 when asked directly (the test can tell)', async () => {
    const response = await fetch(`${attacker.url}/probe`, { method: 'POST', body: 'grant_type=x' });
    expect(response.status).toBe(200);
    attacker.received.length = 0;
  });

  it.each([302, 307])('a %i from the token URL: the token form stays, nothing from the attacker is used (exit 4, names the Location)', async (status) => {
    const redirector = await startRedirector(status, attacker.url);
    closers.push(redirector);
    const { env } = sandbox();
    const result = await run(['check', '--adapter', 'sp-api'], { ...env, ...fake.env, SP_API_LWA_ENDPOINT: `${redirector.url}/auth/o2/token` });
    expect(result.code, result.stderr).toBe(4);
    expect(result.stderr).toContain(`answered ${status}, a redirect to ${attacker.url}/auth/o2/token`);
    expect(attacker.received).toHaveLength(0);
    expect(result.stderr + result.stdout).not.toContain(ATTACKER_TOKEN);
    expect(fake.requests.some((r) => r.token === ATTACKER_TOKEN)).toBe(false);
  });

  it.each([302, 307])('a %i from the SP-API endpoint: the access token is not sent on, and no check runs on the attacker\'s data', async (status) => {
    const redirector = await startRedirector(status, attacker.url);
    closers.push(redirector);
    const { env } = sandbox();
    const result = await run(['check', '--adapter', 'sp-api', '--json'], { ...env, ...fake.env, SP_API_ENDPOINT: redirector.url });
    expect(result.code, result.stderr).toBe(4);
    expect(result.stderr).toContain(`a redirect to ${attacker.url}/`);
    // --json prints one document, and it is the error: no verdict from the attacker's data.
    const document = JSON.parse(result.stdout) as { error?: { exitCode: number }; verdict?: unknown };
    expect(document.error?.exitCode).toBe(4);
    expect(document.verdict).toBeUndefined();
    expect(attacker.received).toHaveLength(0);
  });

  it.each([301, 302, 303, 307, 308])('a %i from the webhook: no signed body to the attacker, no submission recorded, and the resend works', async (status) => {
    const redirector = await startRedirector(status, attacker.url);
    const hook = await startWebhookServer(SECRET);
    closers.push(redirector, hook);
    const { env, db } = sandbox();
    const all = { ...env, CLOSE_ACCOUNT_WEBHOOK_SECRET: SECRET };
    const failed = await run([...SUBMIT, '--webhook-url', `${redirector.url}/closures`], all);
    expect(failed.code, failed.stderr).toBe(4);
    expect(failed.stderr).toContain(`Redirect refused: the webhook answered ${status}, a redirect to ${attacker.url}/closures`);
    expect(attacker.received).toHaveLength(0);
    expect(redirector.received).toHaveLength(1);
    expect(readAudit(db).submissions).toBe(0);
    const resent = await run([...SUBMIT, '--webhook-url', hook.url], all);
    expect(resent.code, resent.stderr).toBe(0);
    expect(readAudit(db).submissions).toBe(1);
    expect(hook.tickets.size).toBe(1);
  });

  it('refuses a file: endpoint at once (exit 2), never retried', async () => {
    const { env } = sandbox();
    const started = Date.now();
    const result = await run(['check', '--adapter', 'sp-api'], { ...env, ...FAKE_CREDENTIALS, SP_API_ENDPOINT: 'file:///etc/passwd', SP_API_LWA_ENDPOINT: fake.lwaUrl });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain('is a file: address; close-account only uses https');
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('refuses plain http to another machine (exit 2), naming the opt-in', async () => {
    const { env } = sandbox();
    const refused = await run(['check', '--adapter', 'sp-api'], { ...env, ...FAKE_CREDENTIALS, SP_API_ENDPOINT: 'http://sellingpartnerapi-na.amazon.com', SP_API_LWA_ENDPOINT: fake.lwaUrl });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('plain http to another machine');
    expect(refused.stderr).toContain('CLOSE_ACCOUNT_ALLOW_HTTP=1');
  });
});
