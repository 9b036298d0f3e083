// portfolio check --notify-webhook: the changes since the last run, signed like submissions, sent
// once per change (nothing when nothing changed), never after a redirect, the hook's token never
// shown; the results are printed and recorded even when the notification fails.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/main.js';
import { fakeTerminal } from '../helpers/fake-terminal.js';
import { startAttacker, startRedirector } from '../helpers/hostile-servers.js';
import { startWebhookServer } from '../helpers/webhook-server.js';

const SECRET = 'whsec-portfolio-CANARY-4242';
const home = mkdtempSync(join(tmpdir(), 'ca-portfolio-notify-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));
const accounts = join(home, 'accounts.yaml');
const file = (scenario: string) =>
  writeFileSync(
    accounts,
    `version: 1\naccounts:\n  - { name: Client A, sellerId: A1CLIENTA0001, region: europe, source: { kind: demo, scenario: ${scenario} } }\n  - { name: Client B, sellerId: A2CLIENTB0001, region: japan, source: { kind: demo, scenario: blocked } }\n`,
  );

async function check(url: string, env: Record<string, string> = { CLOSE_ACCOUNT_WEBHOOK_SECRET: SECRET }) {
  const term = fakeTerminal({ env: { HOME: home, XDG_STATE_HOME: join(home, 'state'), ...env } });
  const code = await main(['portfolio', 'check', '--accounts', accounts, '--audit-db', join(home, 'audit.db'), '--attest', 'all', '--notify-webhook', url], term, { version: '1' });
  return { code, stdout: term.output(), stderr: term.errors() };
}

describe('--notify-webhook', () => {
  it('posts the changes, signed; nothing when nothing changed; the account that became ready when it did', async () => {
    const hook = await startWebhookServer(SECRET);
    try {
      file('waiting');
      expect((await check(hook.url)).code).toBe(3);
      expect(hook.received).toHaveLength(1);
      expect(hook.received[0]!.signatureValid).toBe(true);
      const first = JSON.parse(hook.received[0]!.body) as { kind: string; changes: { name: string; kind: string }[] };
      expect(first.kind).toBe('close-account.portfolio-changes');
      expect(first.changes.map((c) => [c.name, c.kind])).toEqual([['Client A', 'first-run'], ['Client B', 'first-run']]);

      const again = await check(hook.url);
      expect(again.stderr).toContain('Nothing changed since the last run');
      expect(hook.received).toHaveLength(1);

      file('ready');
      const ready = await check(hook.url);
      expect(ready.stderr).toContain('Sent 1 change to http://127.0.0.1');
      const change = JSON.parse(hook.received[1]!.body) as { changes: Record<string, unknown>[] };
      expect(change.changes).toEqual([
        expect.objectContaining({ name: 'Client A', kind: 'changed', verdict: 'ready', previousVerdict: 'blocked', becameReady: true, cleared: ['last-sale-window'] }),
      ]);
      expect(hook.received[1]!.signatureValid).toBe(true);
    } finally {
      await hook.close();
    }
  });

  it('a missing secret is refused before any account is checked', async () => {
    const result = await check('http://127.0.0.1:9/hook', {});
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
  });

  it('never follows a redirect with the signed body, and never shows the hook token in its path', async () => {
    const attacker = await startAttacker();
    const redirector = await startRedirector(307, attacker.url);
    try {
      file('blocked');
      const token = 'T0KEN-IN-PATH-9f8e7d6c5b4a39281706';
      const result = await check(`${redirector.url}/services/${token}`);
      expect(result.code).toBe(4);
      expect(result.stdout).toContain('Client A'); // the results were shown all the same
      expect(attacker.received).toHaveLength(0);
      expect(result.stderr).toMatch(/redirect/i);
      expect(result.stdout + result.stderr).not.toContain(token);
      expect(result.stdout + result.stderr).not.toContain(SECRET);
    } finally {
      await Promise.all([attacker.close(), redirector.close()]);
    }
  });
});

describe('--notify-webhook when a notification is not delivered (outside testing)', () => {
  it('the changes it carried are sent with the next run, not lost as "nothing changed"', async () => {
    const hook = await startWebhookServer(SECRET);
    const db = join(home, 'undelivered.db');
    const run = async () => {
      const term = fakeTerminal({ env: { HOME: home, XDG_STATE_HOME: join(home, 'state'), CLOSE_ACCOUNT_WEBHOOK_SECRET: SECRET, CLOSE_ACCOUNT_TEST_NO_WAIT: '1' } });
      const code = await main(['portfolio', 'check', '--accounts', accounts, '--audit-db', db, '--attest', 'all', '--notify-webhook', hook.url], term, { version: '1' });
      return { code, stderr: term.errors() };
    };
    try {
      file('waiting');
      expect((await run()).code).toBe(3);
      expect(hook.received).toHaveLength(1);

      file('ready');
      hook.answers.push(400); // the receiver refuses this one: Client A's becoming ready is not told
      const failed = await run();
      expect(failed.code).toBe(4);
      expect(failed.stderr).not.toContain('recorded as submitted');
      expect(hook.received).toHaveLength(2);

      const next = await run();
      expect(next.stderr).not.toContain('Nothing changed');
      expect(hook.received).toHaveLength(3);
      const change = JSON.parse(hook.received[2]!.body) as { changes: Record<string, unknown>[] };
      expect(change.changes).toEqual([expect.objectContaining({ name: 'Client A', verdict: 'ready', becameReady: true })]);

      // Delivered now: the run after says nothing changed.
      expect((await run()).stderr).toContain('Nothing changed');
      expect(hook.received).toHaveLength(3);
    } finally {
      await hook.close();
    }
  });
});

describe('--notify-webhook with --json (outside testing)', () => {
  it('a notification not delivered: the document still printed, and its exitCode is the exit code (4)', async () => {
    const hook = await startWebhookServer(SECRET);
    try {
      file('blocked');
      hook.answers.push(400);
      const term = fakeTerminal({ env: { HOME: home, XDG_STATE_HOME: join(home, 'state'), CLOSE_ACCOUNT_WEBHOOK_SECRET: SECRET } });
      const code = await main(['portfolio', 'check', '--accounts', accounts, '--audit-db', join(home, 'json.db'), '--json', '--notify-webhook', hook.url], term, { version: '1' });
      expect(code).toBe(4);
      const doc = JSON.parse(term.output()) as { exitCode: number; accounts: unknown[] };
      expect(doc.accounts).toHaveLength(2);
      expect(doc.exitCode).toBe(code);
    } finally {
      await hook.close();
    }
  });
});
