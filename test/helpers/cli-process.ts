// Runs the built CLI (dist/cli.cjs) as a separate process, as a user or a script would.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI = join(ROOT, 'dist', 'cli.cjs');

export function assertBuilt(): void {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` (npm test does it first).`);
}

/** A home of its own for each test, so nothing touches the real user's data directory. */
export function sandbox(): { home: string; env: Record<string, string>; db: string } {
  const home = mkdtempSync(join(tmpdir(), 'close-account-home-'));
  return {
    home,
    db: join(home, '.local', 'share', 'close-account', 'audit.db'),
    // TMPDIR: the child's temporary files go under the test file's own folder (temp-root.ts), removed
    // after it. CLOSE_ACCOUNT_TEST_NO_WAIT: rate waits and backoff against the fakes end at once
    // (src/http/outbound.ts clockFromEnv); a test that wants the real clock sets it to '0'.
    env: { PATH: process.env.PATH ?? '', HOME: home, XDG_DATA_HOME: join(home, '.local', 'share'), LANG: 'C.UTF-8', TMPDIR: tmpdir(), CLOSE_ACCOUNT_TEST_NO_WAIT: '1' },
  };
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], env: Record<string, string>, input?: string): CliResult {
  assertBuilt();
  const result = spawnSync(process.execPath, [CLI, ...args], { env, input: input ?? '', encoding: 'utf8', timeout: 30_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
