// Outside testing of `portfolio check`: the accounts file names environment variables, and the
// values they hold are secrets. An "Amazon" that echoes them back (every encoding), with --json,
// --notify-webhook and the audit log: no value reaches stdout, stderr, the webhook body or the
// audit database file.

import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { fakeTerminal } from '../helpers/fake-terminal.js';
import { echoes, startEchoingAmazon, type HostileServer } from '../helpers/hostile-servers.js';
import { startWebhookServer, type WebhookServer } from '../helpers/webhook-server.js';

const home = mkdtempSync(join(tmpdir(), 'ca-portfolio-secrets-'));
const SECRETS = {
  ACME_ID: 'amzn1.application-oa2-client.0123456789abcdefcafe',
  ACME_SECRET: 'amzn1.oa2-cs.v1.feedfacefeedfacefeedface0000secret',
  ACME_REFRESH: 'Atzr|IwEBIREFRESHTOKENVALUEthatmustneverleak0001',
};
let echoLwa: HostileServer & { env: Record<string, string> };
let echoApi: HostileServer & { env: Record<string, string> };
let hook: WebhookServer;

beforeAll(async () => {
  echoLwa = await startEchoingAmazon('echo');
  echoApi = await startEchoingAmazon('issue');
  hook = await startWebhookServer('hook-secret-0123456789');
  const account = (name: string, seller: string, server: { env: Record<string, string> }) => `  - name: ${name}
    sellerId: ${seller}
    region: north-america
    source:
      kind: sp-api
      credentials: { clientId: ACME_ID, clientSecret: ACME_SECRET, refreshToken: ACME_REFRESH }
      endpoint: ${server.env.SP_API_ENDPOINT}
      lwaEndpoint: ${server.env.SP_API_LWA_ENDPOINT}
`;
  writeFileSync(
    join(home, 'accounts.yaml'),
    `version: 1\naccounts:\n${account('Echo LWA', 'A1ECHOLWA00001', echoLwa)}${account('Echo API', 'A1ECHOAPI00001', echoApi)}  - { name: Sample, sellerId: A2DEMO5ELLER7Q, region: japan, source: { kind: demo, scenario: ready } }\n`,
  );
});
afterAll(async () => {
  await Promise.all([echoLwa.close(), echoApi.close(), hook.close()]);
  rmSync(home, { recursive: true, force: true });
});

describe('portfolio check with credentials that an echoing Amazon sends back', () => {
  it('no credential value, in any encoding, reaches stdout, stderr, the webhook body or the audit database', async () => {
    const db = join(home, 'audit.db');
    const term = fakeTerminal({
      env: { HOME: home, XDG_STATE_HOME: join(home, 'state'), XDG_DATA_HOME: join(home, 'data'), CLOSE_ACCOUNT_TEST_NO_WAIT: '1', CLOSE_ACCOUNT_WEBHOOK_SECRET: 'hook-secret-0123456789', ...SECRETS },
    });
    const code = await main(['portfolio', 'check', '--accounts', join(home, 'accounts.yaml'), '--audit-db', db, '--json', '--attest', 'all', '--notify-webhook', hook.url], term, { version: '1' });
    expect(code).toBe(4);
    const doc = JSON.parse(term.output()) as { accounts: { name: string; status: string; verdict: string | null }[] };
    expect(doc.accounts.find((a) => a.name === 'Sample')?.verdict).toBe('ready');
    expect(hook.received.length).toBe(1);
    // The echo did come back (and was scrubbed): the test is not passing on silence.
    expect(hook.received[0]!.body).toContain("[redacted]");
    const dbBytes = readdirSync(home)
      .filter((f) => f.startsWith('audit.db'))
      .map((f) => readFileSync(join(home, f)).toString('latin1'))
      .join('\n');
    const places = { stdout: term.output(), stderr: term.errors(), webhook: hook.received.map((r) => r.body + JSON.stringify(r.headers)).join('\n'), db: dbBytes };
    for (const value of Object.values(SECRETS)) {
      for (const form of echoes(value)) {
        for (const [where, text] of Object.entries(places)) expect(text.includes(form), `${where} holds ${form}`).toBe(false);
      }
    }
  });
});
