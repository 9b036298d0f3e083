// Every command, run with recognisable fake secrets set: none of them may appear, in any encoding
// (raw, URL-encoded either way, form-encoded, JSON-escaped, base64 at any offset), in stdout,
// stderr, any file the tool writes (plans, calendars, CSV files, the audit database and its -wal,
// the chain heads), or the bytes of anything under the seller's home directory afterwards; also
// when every server echoes back everything it was sent, in every encoding.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runScenarios, startCli } from '../helpers/cli-async.js';
import { sandbox } from '../helpers/cli-process.js';
import { FAKE_CREDENTIALS, NO_FAULTS, provenReadySeller, startFakeSpApi, type FakeSpApi } from '../helpers/fake-sp-api.js';
import { startWebhookServer, type WebhookServer } from '../helpers/webhook-server.js';
import { startEchoingAmazon } from '../helpers/hostile-servers.js';
import { secretForms } from '../helpers/secret-forms.js';

const WEBHOOK_SECRET = 'whsec-CANARY-LEAK-0451';
const SECRETS = [FAKE_CREDENTIALS.SP_API_CLIENT_SECRET, FAKE_CREDENTIALS.SP_API_REFRESH_TOKEN, WEBHOOK_SECRET, 'Atza|fake-access-token'];
const closers: { close(): Promise<void> }[] = [];
type Closable = FakeSpApi | WebhookServer;
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
    closers.push(fake, hook as Closable);
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
    // --version and --help are answered by the executable itself (src/cli.cts): real processes. The
    // rest run in one process, each with the program loaded afresh (an empty secret registry).
    for (const args of commands.slice(0, 2)) {
      const run = startCli(args, all);
      expect(await run.exit(), `${args.join(' ')}: ${run.stderr()}`).toBe(0);
      outputs.push(run.stdout(), run.stderr());
    }
    // Failures echo what they got: a refused token and an unreachable webhook must not echo secrets.
    const revoked = await startFakeSpApi('ready', { ...NO_FAULTS, revoked: true });
    closers.push(revoked);
    const failing = [['check', '--adapter', 'sp-api'], ['submit', '--demo-scenario', 'ready', '--attest', 'all', '--seller-id', 'A2DEMO5ELLER7Q', '--reason', 'fees-too-high', '--email', 'other@example.com', '--confirm', 'A2DEMO5ELLER7Q', '--submitter', 'webhook', '--webhook-url', 'http://127.0.0.1:9/x', '--audit-db', join(home, 'second.db')]];
    const rest = commands.slice(2);
    const results = await runScenarios(
      [...rest.map((args) => ({ args, env: all })), ...failing.map((args) => ({ args, env: { ...env, ...revoked.env, CLOSE_ACCOUNT_WEBHOOK_SECRET: WEBHOOK_SECRET } }))],
      home,
    );
    results.forEach((run, i) => {
      const args = [...rest, ...failing][i]!;
      if (i < rest.length) expect([0, 3], `${args.join(' ')}: ${run.stderr}`).toContain(run.code);
      else expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(4);
      outputs.push(run.stdout, run.stderr);
    });
    const files = filesUnder(home);
    expect(files.some((f) => f.endsWith('audit.db'))).toBe(true);
    expect(files.some((f) => f.endsWith('plan.ics'))).toBe(true);
    expect(files.some((f) => f.endsWith('listings-to-close.csv'))).toBe(true);
    expectNoSecret(SECRETS, outputs, files);
    // The secrets did do their work: the webhook checked the signature made with one.
    expect(hook.received.length).toBeGreaterThan(0);
    expect(hook.received.every((r) => r.signatureValid)).toBe(true);
  });
});

/** Every output and every byte of every file, scanned for every form of every secret. */
function expectNoSecret(secrets: string[], outputs: string[], files: string[]) {
  const forms = secrets.flatMap((secret) => secretForms(secret).map((form) => ({ secret, form })));
  const texts = [...outputs.map((text, i) => ({ name: `output ${i}`, text })), ...files.map((file) => ({ name: file, text: readFileSync(file).toString('latin1') }))];
  for (const { name, text } of texts) {
    for (const { secret, form } of forms) expect(text.includes(form), `${name} holds ${secret} as ${form}`).toBe(false);
  }
}

describe('leak scan, against servers that echo everything back', () => {
  it('no secret, issued token or URL credential, in any encoding, reaches any output or file', async () => {
    const echoLwa = await startEchoingAmazon('echo');
    const echoApi = await startEchoingAmazon('issue');
    const hook = await startWebhookServer(WEBHOOK_SECRET);
    closers.push(echoLwa, echoApi, hook);
    const { env, home } = sandbox();
    const base = { ...env, ...FAKE_CREDENTIALS, CLOSE_ACCOUNT_WEBHOOK_SECRET: WEBHOOK_SECRET };
    const password = 'PASSWORD-CANARY-7781';
    const query = 'QUERY-CANARY-5521';
    const withCredentials = (url: string) => url.replace('http://', `http://agent:${password}@`) + `?token=${query}`;
    const runs: { args: string[]; env: Record<string, string>; codes: number[] }[] = [
      { args: ['check', '--adapter', 'sp-api'], env: { ...base, ...echoLwa.env }, codes: [4] },
      { args: ['check', '--adapter', 'sp-api', '--json', '--verbose'], env: { ...base, ...echoLwa.env }, codes: [4] },
      { args: ['fix', 'listings', '--adapter', 'sp-api'], env: { ...base, ...echoLwa.env }, codes: [4] },
      { args: ['check', '--adapter', 'sp-api', '--verbose'], env: { ...base, ...echoApi.env }, codes: [4] },
      { args: ['plan', '--adapter', 'sp-api', '--json'], env: { ...base, ...echoApi.env }, codes: [4] },
      // The webhook answers with everything it got (URL and headers, every encoding): refused, exit 4.
      { args: ['submit', '--demo-scenario', 'ready', '--attest', 'all', '--seller-id', 'A2DEMO5ELLER7Q', '--reason', 'fees-too-high', '--email', 'o@example.com', '--confirm', 'A2DEMO5ELLER7Q', '--submitter', 'webhook', '--webhook-url', withCredentials(`${echoApi.url}/closures`), '--verbose'], env: base, codes: [4] },
      // A real agency, reached with basic auth in the URL and a token in the query: the same
      // request, resumed (one seller has one request at a time), is submitted.
      { args: ['submit', '--demo-scenario', 'ready', '--attest', 'all', '--seller-id', 'A2DEMO5ELLER7Q', '--reason', 'fees-too-high', '--email', 'o@example.com', '--confirm', 'A2DEMO5ELLER7Q', '--submitter', 'webhook', '--webhook-url', withCredentials(hook.url)], env: base, codes: [0] },
      { args: ['status'], env: base, codes: [0] },
      { args: ['audit', 'list'], env: base, codes: [0] },
      { args: ['audit', 'export', '--format', 'json'], env: base, codes: [0] },
      { args: ['audit', 'export', '--format', 'md', '--out', join(home, 'dossier.md')], env: base, codes: [0] },
    ];
    const outputs: string[] = [];
    // One process, each run with the program loaded afresh (an empty secret registry).
    const results = await runScenarios(runs.map(({ args, env: runEnv }) => ({ args, env: runEnv })), home);
    results.forEach((run, i) => {
      const { args, codes } = runs[i]!;
      expect(codes, `${args.join(' ')}: ${run.stderr}`).toContain(run.code);
      outputs.push(run.stdout, run.stderr);
    });
    // The servers did get the secrets (so they were there to leak), and echoed them.
    expect(echoLwa.received.some((r) => r.body.includes(encodeURIComponent(FAKE_CREDENTIALS.SP_API_REFRESH_TOKEN)))).toBe(true);
    expect(echoApi.received.some((r) => r.headers['x-amz-access-token'] === echoApi.accessToken)).toBe(true);
    expect(hook.received.at(-1)!.headers.authorization).toBe(`Basic ${Buffer.from(`agent:${password}`).toString('base64')}`);
    const files = filesUnder(home);
    expect(files.some((f) => f.endsWith('audit.db'))).toBe(true);
    expectNoSecret([...SECRETS, echoApi.accessToken, password, query], outputs, files);
  });
});
