// `close-account check --adapter sp-api` (main() in this process) against the fake SP-API, every
// fault on at once; and every command of the built program, spawned, run with recognisable
// secrets set, none of which may appear in stdout, stderr or any byte of the audit database
// (--version and --help, answered by the executable before the program loads, are scanned with
// the same secrets set, in every encoding, by test/hardening/leak-scan.test.ts).

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readinessJsonSchema } from '../../src/render/json-schema.js';
import { runScenarios } from '../helpers/cli-async.js';
import { runMain } from '../helpers/cli-in-process.js';
import { sandbox } from '../helpers/cli-process.js';
import { ALL_FAULTS, FAKE_CREDENTIALS, NO_FAULTS, provenReadySeller, startFakeSpApi } from '../helpers/fake-sp-api.js';
import { startEchoingAmazon } from '../helpers/hostile-servers.js';
import { secretForms } from '../helpers/secret-forms.js';
import { secrets } from '../../src/security/secret-registry.js';
import { t } from '../helpers/records.js';

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => Promise.all(servers.splice(0).map((s) => s.close())));

describe('check --adapter sp-api, against the fake with every fault on', () => {
  // The quiet ("ready") seller has no returns in 60 days and no removals in CA or MX: Amazon
  // cancels those reports (no data, or asked too soon, it does not say which), so those checks
  // are unknown and the verdict is blocked: never ready on data Amazon did not give.
  it.each([
    ['blocked', 3, 'blocked', ['open-orders', 'last-sale-window', 'claims', 'fba-inventory', 'listings', 'balance', 'performance-notifications']],
    ['ready', 3, 'blocked', []],
    ['proven ready', 0, 'ready', []],
  ] as const)('the %s seller: exit %i, verdict %s', async (scenario, exitCode, verdict, failing) => {
    // main() in this process, against the fake over HTTP, its waits ended at once by the fake's env
    // (CLOSE_ACCOUNT_TEST_NO_WAIT): reports are ready after the fake's two polls. The secrets test
    // below runs the built program.
    const fake = await startFakeSpApi(scenario === 'proven ready' ? provenReadySeller() : scenario, { ...ALL_FAULTS, reportDelayMs: 0 });
    servers.push(fake);
    const { env } = sandbox();
    const started = Date.now();
    const result = await runMain(['check', '--adapter', 'sp-api', '--attest', 'all', '--json', '--verbose'], { ...env, ...fake.env });
    const seconds = (Date.now() - started) / 1000;
    expect(result.code, result.stderr).toBe(exitCode);
    const doc = readinessJsonSchema.parse(JSON.parse(result.stdout));
    expect(doc).toMatchObject({ adapter: 'sp-api', demo: false, verdict });
    const checks = (JSON.parse(result.stdout) as { checks: { id: string; status: string }[] }).checks;
    expect(checks.filter((c) => c.status === 'fail').map((c) => c.id)).toEqual(failing);
    expect(checks.filter((c) => c.status === 'unknown').map((c) => c.id)).toEqual(scenario === 'proven ready' ? [] : ['returns-refunds', 'removal-orders']);
    expect(fake.requests.flatMap((r) => r.problems)).toEqual([]);
    const calls = /SP-API: (\d+) calls \((\d+) token exchanges\) in ([\d.]+) s; the documented rates allow no less than ([\d.]+) s/.exec(result.stderr);
    expect(calls, result.stderr).not.toBeNull();
    expect(result.stderr).toMatch(/searchOrders 429 \d+ ms/); // --verbose lists the calls
    console.log(`sp-api ${scenario}: ${calls![1]} calls, ${calls![2]} token exchanges, ${calls![3]} s in the adapter (${seconds.toFixed(1)} s in all), floor ${calls![4]} s; fake saw ${fake.requests.length} requests`);
  });
});

describe('secrets', () => {
  it('never reach stdout, stderr or the audit database, whatever the command', async () => {
    const fake = await startFakeSpApi('ready', NO_FAULTS);
    servers.push(fake);
    const { env, home, db } = sandbox();
    const secrets = [FAKE_CREDENTIALS.SP_API_CLIENT_SECRET, FAKE_CREDENTIALS.SP_API_REFRESH_TOKEN, 'whsec-LEAK-CANARY-31337', 'Atza|fake-access-token'];
    const all = { ...env, ...fake.env, CLOSE_ACCOUNT_WEBHOOK_SECRET: secrets[2]! };
    const plan = join(home, 'plan.json');
    const request = ['--seller-id', 'A2DEMO5ELLER7Q', '--reason', 'stopped-selling', '--email', 'o@example.com'];
    // The program's own --version and --help answer before it loads (src/cli.cts): they print
    // the same text whatever the environment, and test/hardening/leak-scan.test.ts scans them.
    const outputs: string[] = [];
    const runs = [
      ['check', '--adapter', 'sp-api', '--attest', 'all', '--verbose'],
      ['check', '--adapter', 'sp-api', '--attest', 'all', '--json'],
      ['--dry-run', '--adapter', 'sp-api', '--attest', 'all', ...request, '--out', plan],
      ['submit', '--adapter', 'sp-api', '--attest', 'all', ...request, '--confirm', 'A2DEMO5ELLER7Q', '--sent'],
      ['submit', '--plan', plan, '--confirm', 'A2DEMO5ELLER7Q', '--sent'],
      ['status'],
      ['status', '--json'],
      ['reports'],
      ['audit', 'list', '--json'],
      ['audit', 'verify'],
      ['audit', 'export', '--format', 'json'],
      ['audit', 'export', '--format', 'html'],
    ];
    // A refused refresh token must not come back in the error either.
    const revoked = await startFakeSpApi('ready', { ...NO_FAULTS, revoked: true });
    servers.push(revoked);
    // Every other command in one spawned process, one after another, each with the program loaded
    // afresh (an empty secret registry) and its own real stdout and stderr (runScenarios).
    const results = await runScenarios([...runs.map((args) => ({ args, env: all })), { args: ['check', '--adapter', 'sp-api'], env: { ...env, ...revoked.env } }], home);
    const refused = results.pop()!;
    expect(refused.code).toBe(4);
    // Each ran to an answer (the ready seller is blocked on what Amazon cancels: exit 3), none refused its input.
    for (const [i, r] of results.entries()) expect([0, 3], `${runs[i]!.join(' ')}: ${r.stderr}`).toContain(r.code);
    for (const result of [...results, refused]) outputs.push(result.stdout, result.stderr);
    expect(JSON.parse(results[1]!.stdout)).toMatchObject({ adapter: 'sp-api' }); // each run's own output, split right
    const database = readFileSync(db).toString('latin1') + readFileSync(plan, 'utf8');
    for (const secret of secrets) {
      for (const text of outputs) expect(text).not.toContain(secret);
      expect(database).not.toContain(secret);
    }
    expect(outputs.join('')).toContain('renew it in Seller Central');
  });

  it('warns when a config file holding a secret can be read by others', async () => {
    const fake = await startFakeSpApi(provenReadySeller(), NO_FAULTS);
    servers.push(fake);
    const { env, home } = sandbox();
    const config = join(home, 'close-account.json');
    writeFileSync(config, JSON.stringify({ spApi: { clientId: FAKE_CREDENTIALS.SP_API_CLIENT_ID, clientSecret: FAKE_CREDENTIALS.SP_API_CLIENT_SECRET, refreshToken: FAKE_CREDENTIALS.SP_API_REFRESH_TOKEN, sellerId: 'A2DEMO5ELLER7Q', endpoint: fake.url, lwaEndpoint: fake.lwaUrl } }), { mode: 0o644 });
    const result = await runMain(['check', '--adapter', 'sp-api', '--config', config, '--attest', 'all'], { ...env, CLOSE_ACCOUNT_TEST_NO_WAIT: '1' });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`holds SP-API secrets and other users can read it: chmod 600 ${config}`);
    expect(result.stderr + result.stdout).not.toContain(FAKE_CREDENTIALS.SP_API_CLIENT_SECRET);
  });

  it('knows the secrets a config file gives: out of what it prints when the token endpoint echoes them back, and scrubbed wherever else they would surface', async () => {
    const echoing = await startEchoingAmazon('echo');
    servers.push(echoing);
    const { env, home } = sandbox();
    const config = join(home, 'close-account.json');
    // Secrets no other test of this worker has registered: only the config file can make them known.
    const given = { clientId: 'amzn1.application-oa2-client.CONFIG-CANARY-ID', clientSecret: 'CONFIG-CANARY-SECRET-93f1', refreshToken: 'Atzr|CONFIG-CANARY-REFRESH-27c4' };
    writeFileSync(config, JSON.stringify({ spApi: { ...given, sellerId: 'A2DEMO5ELLER7Q', endpoint: echoing.env.SP_API_ENDPOINT, lwaEndpoint: echoing.env.SP_API_LWA_ENDPOINT } }), { mode: 0o600 });
    for (const args of [['check', '--adapter', 'sp-api', '--config', config], ['check', '--adapter', 'sp-api', '--config', config, '--json', '--verbose']]) {
      const result = await runMain(args, { ...env, CLOSE_ACCOUNT_TEST_NO_WAIT: '1' });
      expect(result.code, result.stderr).toBe(4);
      const printed = result.stdout + result.stderr;
      for (const secret of [given.clientSecret, given.refreshToken]) {
        expect(secretForms(secret).filter((form) => printed.includes(form)), printed).toEqual([]);
      }
    }
    // Known to the registry, so scrubbed wherever else it would surface (a message with no field name to go by).
    for (const secret of Object.values(given)) expect(secrets.scrub(`Amazon said: ${secret}.`)).not.toContain(secret);
  });

  it("a config file's secrets are known the moment it is read, whatever the adapter (the SP-API settings add them again)", async () => {
    const { home } = sandbox();
    const config = join(home, 'close-account.json');
    const given = { clientId: 'amzn1.application-oa2-client.READ-CANARY-ID', clientSecret: 'Qv8rT2yLm5Nz0Wd3Hk6P', refreshToken: 'Atzr|READ-CANARY-REFRESH-90bd' };
    writeFileSync(config, JSON.stringify({ spApi: given }), { mode: 0o600 });
    // Unknown before (a refresh token, Atzr|..., is recognised by its form alone).
    expect(secrets.scrub(given.clientSecret)).toBe(given.clientSecret);
    const { loadConfigFile } = await import('../../src/config/config-file.js');
    loadConfigFile(config, t);
    for (const secret of Object.values(given)) expect(secrets.scrub(`Amazon said: ${secret}.`)).not.toContain(secret);
  });
});
