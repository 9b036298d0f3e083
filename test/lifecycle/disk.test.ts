// A full disk or a read-only audit log: a clear error before anything is submitted. Uses small
// tmpfs mounts (root in the sandbox and CI); where mounting is not allowed the test says so.
// main() runs in this process (runMain): the error and the exit code are the program's own.

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runMain } from '../helpers/cli-in-process.js';
import { sandbox } from '../helpers/cli-process.js';
import { startWebhookServer, type WebhookServer } from '../helpers/webhook-server.js';

const SELLER = 'A2DEMO5ELLER7Q';
const SECRET = 'disk-test-secret';

function canMount(): boolean {
  const probe = mkdtempSync(join(tmpdir(), 'mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const mounted: string[] = [];
const servers: WebhookServer[] = [];
afterEach(async () => {
  for (const dir of mounted.splice(0)) execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

function tmpfs(sizeKb: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'audit-fs-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k`, 'tmpfs', dir]);
  mounted.push(dir);
  return dir;
}

const submitArgs = (db: string, url: string) => [
  'submit', '--demo-scenario', 'ready', '--attest', 'all', '--seller-id', SELLER, '--reason', 'stopped-selling',
  '--email', 'o@example.com', '--confirm', SELLER, '--audit-db', db, '--submitter', 'webhook', '--webhook-url', url,
];

describe.skipIf(!canMount())('the audit log on a disk that will not take it', () => {
  it('a full disk: a clear error, exit 2, and nothing sent', async () => {
    const hook = await startWebhookServer(SECRET);
    servers.push(hook);
    const { env } = sandbox();
    const dir = tmpfs(512);
    const db = join(dir, 'audit.db');
    expect((await runMain(['check', '--audit-db', db], env)).code).toBe(3); // the log exists and works
    // Fill the disk to the last byte.
    try {
      writeFileSync(join(dir, 'filler'), Buffer.alloc(1024 * 1024));
    } catch {
      // ENOSPC: full, as wanted
    }
    const running = await runMain(submitArgs(db, hook.url), { ...env, CLOSE_ACCOUNT_WEBHOOK_SECRET: SECRET });
    expect(running.code, running.stderr).toBe(2);
    expect(running.stderr).toMatch(/Cannot (write to|use) the audit log .*(SQLITE_FULL|SQLITE_IOERR)/);
    expect(running.stderr).not.toMatch(/\n\s+at /);
    expect(hook.received).toHaveLength(0);
  });

  it('a read-only log: a clear error, exit 2, and nothing sent', async () => {
    const hook = await startWebhookServer(SECRET);
    servers.push(hook);
    const { env } = sandbox();
    const dir = tmpfs(1024);
    mkdirSync(join(dir, 'logs'));
    const db = join(dir, 'logs', 'audit.db');
    expect((await runMain(['check', '--audit-db', db], env)).code).toBe(3);
    execFileSync('mount', ['-o', 'remount,ro', dir]);
    const running = await runMain(submitArgs(db, hook.url), { ...env, CLOSE_ACCOUNT_WEBHOOK_SECRET: SECRET });
    expect(running.code, running.stderr).toBe(2);
    expect(running.stderr).toMatch(/(Cannot use|Cannot write to) the audit log/);
    expect(running.stderr).toContain('--audit-db');
    expect(hook.received).toHaveLength(0);
  });
});
