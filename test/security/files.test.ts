// Files in and out: config and plan files are size-checked before they are read (/dev/zero is
// refused at once, memory stays flat); --out, --ics, --csv-dir and audit export --out write the
// whole file or, when they cannot, fail with exit 2 naming the path and leave nothing behind.

import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { runMain } from '../helpers/cli-in-process.js';
import { runCli, sandbox } from '../helpers/cli-process.js';
import { HEADERS } from '../helpers/report-fixtures.js';

const SELLER = 'A2DEMO5ELLER7Q';
const REQUEST = ['--demo-scenario', 'ready', '--attest', 'all', '--seller-id', SELLER, '--reason', 'stopped-selling', '--email', 'o@example.com'];

function everything(dir: string): string[] {
  return readdirSync(dir, { recursive: true }).map(String).sort();
}

// /dev/zero and the endless gzip row stay in a real process: were they read whole, that process,
// not the test runner, would hang or run out of memory. The rest run main() in this process.
describe('inputs are size-checked', () => {
  it.each([
    ['--config', ['--config', '/dev/zero', 'check'], 'is larger than 1,048,576 bytes'],
    ['--plan', ['submit', '--plan', '/dev/zero', '--confirm', SELLER], 'is larger than 4,194,304 bytes'],
  ])('%s /dev/zero: refused at once (exit 2), not read into memory', (_, args, says) => {
    const { env } = sandbox();
    const result = runCli(args, env);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain(says);
  });

  it('a config file over the cap is refused before it is read', async () => {
    const { env, home } = sandbox();
    const path = join(home, 'big.json');
    writeFileSync(path, `{"adapter":"demo",${' '.repeat(2 * 1024 * 1024)}}`);
    const result = await runMain(['--config', path, 'check'], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`The config file ${path} is larger than`);
  });
});

describe('outputs work or fail cleanly', async () => {
  it('--out to a folder, or into a missing folder: exit 2, the path named, no temporary file left', async () => {
    const { env, home } = sandbox();
    const folder = join(home, 'plans');
    mkdirSync(folder);
    for (const target of [folder, join(home, 'missing', 'plan.json')]) {
      const before = everything(home).filter((f) => !f.startsWith('.local'));
      const result = await runMain(['--dry-run', ...REQUEST, '--out', target], env);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain(`Cannot write ${target}`);
      expect(result.stderr).not.toContain('Something went wrong');
      expect(everything(home).filter((f) => !f.startsWith('.local'))).toEqual(before);
    }
    expect(everything(folder)).toEqual([]);
  });

  it('--out to a good path writes the plan, 0600', async () => {
    const { env, home } = sandbox();
    const path = join(home, 'plan.json');
    expect((await runMain(['--dry-run', ...REQUEST, '--out', path], env)).code).toBe(0);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(everything(home).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('plan --ics into a missing folder and --csv-dir onto a file: exit 2, nothing left', async () => {
    const { env, home } = sandbox();
    const ics = await runMain(['plan', '--ics', join(home, 'nope', 'plan.ics')], env);
    expect(ics.code, ics.stderr).toBe(2);
    expect(ics.stderr).toContain('Cannot write');
    const file = join(home, 'taken');
    writeFileSync(file, 'x');
    const csv = await runMain(['plan', '--csv-dir', file], env);
    expect(csv.code, csv.stderr).toBe(2);
    expect(csv.stderr).toContain(`Cannot write ${file}`);
    expect(everything(home).filter((f) => !f.startsWith('.local'))).toEqual(['taken']);
  });

  it('audit export --out writes the dossier, or fails with exit 2 and leaves nothing', async () => {
    const { env, home } = sandbox();
    expect((await runMain(['check'], env)).code).toBe(3);
    const good = await runMain(['audit', 'export', '--format', 'json', '--out', join(home, 'dossier.json')], env);
    expect(good.code, good.stderr).toBe(0);
    expect(good.stdout).toBe('');
    expect(good.stderr).toContain('The dossier was written to');
    expect(JSON.parse(readFileSync(join(home, 'dossier.json'), 'utf8')).chain.intact).toBe(true);
    const bad = await runMain(['audit', 'export', '--out', join(home, 'missing', 'd.md')], env);
    expect(bad.code).toBe(2);
    expect(everything(home).filter((f) => !f.startsWith('.local'))).toEqual(['dossier.json']);
  });
});

describe('report inputs', () => {
  it('a report whose row never ends (a gzip that inflates to megabytes without a line break): exit 2, not read whole', () => {
    const { env, home } = sandbox();
    const dir = join(home, 'reports');
    mkdirSync(dir);
    const header = `${HEADERS.manageInventory}\n`;
    writeFileSync(join(dir, 'inventory.txt.gz'), gzipSync(Buffer.concat([Buffer.from(header), Buffer.alloc(64 * 1024 * 1024, 'a')])));
    const result = runCli(['check', '--adapter', 'reports', '--reports-dir', dir], env);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain('without a line break');
  });
});
