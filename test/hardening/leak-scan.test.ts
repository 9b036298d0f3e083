// Every command, run with recognisable fake secrets set: none of them may appear in stdout,
// stderr, any file the tool writes (plans, calendars, CSV files, the audit database), or the
// bytes of anything under the seller's home directory afterwards.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startCli } from '../helpers/cli-async.js';
import { sandbox } from '../helpers/cli-process.js';
import { FAKE_CREDENTIALS, NO_FAULTS, provenReadySeller, startFakeSpApi, type FakeSpApi } from '../helpers/fake-sp-api.js';
import { startWebhookServer, type WebhookServer } from '../helpers/webhook-server.js';

const WEBHOOK_SECRET = 'whsec-CANARY-LEAK-0451';
const SECRETS = [FAKE_CREDENTIALS.SP_API_CLIENT_SECRET, FAKE_CREDENTIALS.SP_API_REFRESH_TOKEN, WEBHOOK_SECRET, 'Atza|fake-access-token'];
const closers: (FakeSpApi | WebhookServer)[] = [];
afterAll(async () => Promise.all(closers.map((c) => c.close())));

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('leak scan', () => {
  it('no secret reaches any output or any file, whatever the command', async () => {
    const fake = await startFakeSpApi(provenReadySeller(), NO_FAULTS);
    const hook = await startWebhookServer(WEBHOOK_SECRET);
    closers.push(fake, hook);
    const { env, home } = sandbox();
    const all = { ...env, ...fake.env, CLOSE_ACCOUNT_WEBHOOK_SECRET: WEBHOOK_SECRET };
    const request = ['--seller-id', 'A2DEMO5ELLER7Q', '--reason', 'stopped-selling', '--email', 'o@example.com'];
    const sp = ['--adapter', 'sp-api', '--attest', 'all'];
    const commands = [
      ['--version'],
      ['--help'],
      ['--dry-run', ...sp, '--verbose'],
      ['check', ...sp, '--json', '--verbose'],
      ['check', ...sp, ...request, '--out', join(home, 'plan.json')],
      ['plan', ...sp, '--ics', join(home, 'plan.ics'), '--csv-dir', join(home, 'csv'), '--json'],
      ['reports'],
      ['fix', 'listings', '--adapter', 'sp-api'],
      ['submit', '--plan', join(home, 'plan.json'), '--confirm', 'A2DEMO5ELLER7Q', '--submitter', 'webhook', '--webhook-url', hook.url, '--verbose'],
      ['submit', ...sp, ...request, '--confirm', 'A2DEMO5ELLER7Q', '--sent'],
      ['status'],
      ['status', '--json'],
      ['status', '--record', 'under-review'],
      ['audit', 'list'],
      ['audit', 'verify', '--json'],
      ['audit', 'export', '--format', 'md'],
      ['audit', 'export', '--format', 'html'],
      ['audit', 'export', '--format', 'json'],
      ['audit', 'export', '--format', 'csv'],
      ['--lang', 'ja', 'check', ...sp],
    ];
    const outputs: string[] = [];
    for (const args of commands) {
      const run = startCli(args, all);
      const code = await run.exit();
      expect([0, 3], `${args.join(' ')}: ${run.stderr()}`).toContain(code);
      outputs.push(run.stdout(), run.stderr());
    }
    // Failures echo what they got: a refused token and an unreachable webhook must not echo secrets.
    const revoked = await startFakeSpApi('ready', { ...NO_FAULTS, revoked: true });
    closers.push(revoked);
    for (const args of [['check', '--adapter', 'sp-api'], ['submit', '--demo-scenario', 'ready', '--attest', 'all', '--seller-id', 'A2DEMO5ELLER7Q', '--reason', 'fees-too-high', '--email', 'other@example.com', '--confirm', 'A2DEMO5ELLER7Q', '--submitter', 'webhook', '--webhook-url', 'http://127.0.0.1:9/x']]) {
      const run = startCli(args, { ...env, ...revoked.env, CLOSE_ACCOUNT_WEBHOOK_SECRET: WEBHOOK_SECRET });
      expect(await run.exit()).toBe(4);
      outputs.push(run.stdout(), run.stderr());
    }
    const files = filesUnder(home);
    expect(files.some((f) => f.endsWith('audit.db'))).toBe(true);
    expect(files.some((f) => f.endsWith('plan.ics'))).toBe(true);
    expect(files.some((f) => f.endsWith('listings-to-close.csv'))).toBe(true);
    for (const secret of SECRETS) {
      for (const text of outputs) expect(text).not.toContain(secret);
      for (const file of files) expect(readFileSync(file).toString('latin1'), file).not.toContain(secret);
    }
    // The secrets did do their work: the webhook checked the signature made with one.
    expect(hook.received.length).toBeGreaterThan(0);
    expect(hook.received.every((r) => r.signatureValid)).toBe(true);
  });
});
