// On a Node older than package.json's `engines`, the executable says so and exits 2, before it
// loads anything an older Node cannot (the program needs require() of ES modules, Node 20.19+).
// The old Node is simulated: the check takes the version as a parameter, and the built executable
// runs with process.version replaced by a --require'd preload.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { leastSupported, unsupportedNodeMessage } from '../../src/node-support.cjs';
import { assertBuilt, CLI, ROOT } from '../helpers/cli-process.js';

const engines = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } }).engines.node;
const dir = mkdtempSync(join(tmpdir(), 'close-account-old-node-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runAs(version: string, args: string[], locale: Record<string, string> = {}) {
  assertBuilt();
  const preload = join(dir, `node-${version}.cjs`);
  writeFileSync(preload, `Object.defineProperty(process, 'version', { value: ${JSON.stringify(version)} });\n`);
  return spawnSync(process.execPath, ['--require', preload, CLI, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: dir, XDG_DATA_HOME: dir, ...locale }, timeout: 30_000 });
}

describe('the Node version check', () => {
  it('reads the least version from engines, and refuses only what is older', () => {
    expect(leastSupported('>=20.19')).toEqual([20, 19, 0]);
    expect(leastSupported('^20 || ^22')).toBeNull();
    expect(unsupportedNodeMessage('v20.19.0', '>=20.19')).toBeNull();
    expect(unsupportedNodeMessage('v20.20.2', '>=20.19')).toBeNull();
    expect(unsupportedNodeMessage('v22.1.0', '>=20.19')).toBeNull();
    expect(unsupportedNodeMessage('v20.18.3', '>=20.19')).toContain('needs Node.js 20.19.0 or newer');
    expect(unsupportedNodeMessage('v18.20.4', '>=20.19')).toContain('this is Node.js v18.20.4');
    expect(unsupportedNodeMessage('v4.0.0', '>=20.19.1')).toContain('20.19.1');
    // What cannot be read is not refused: the program tries to run.
    expect(unsupportedNodeMessage('nonsense', '>=20.19')).toBeNull();
    expect(unsupportedNodeMessage('v18.0.0', 'latest')).toBeNull();
  });

  it.each([['check'], ['--version'], ['--help'], ['audit', 'list', '--json']])('an older Node running `%s` gets a sentence and exit 2, no stack trace', (...args) => {
    const result = runAs('v18.20.4', args);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`close-account needs Node.js 20.19.0 or newer (package.json "engines": "${engines}"); this is Node.js v18.20.4.`);
    expect(result.stderr).not.toMatch(/\n\s+at |Error/);
  });

  it('the sentence follows --lang, then the locale, like every other message (en, zh-CN, ja)', () => {
    expect(unsupportedNodeMessage('v18.20.4', '>=20.19', 'zh-CN')).toContain('close-account 需要 Node.js 20.19.0 或更新版本');
    expect(unsupportedNodeMessage('v18.20.4', '>=20.19', 'ja')).toContain('close-account には Node.js 20.19.0 以降が必要です');
    const cases = [
      [['check', '--lang', 'ja'], {}, '以降が必要です'],
      [['--version'], { LANG: 'zh_CN.UTF-8' }, '或更新版本'],
      [['--help', '--lang=zh-CN'], { LANG: 'ja_JP.UTF-8' }, '或更新版本'],
      [['check'], { LC_ALL: 'ja_JP.UTF-8', LANG: 'zh_CN.UTF-8' }, '以降が必要です'],
      [['check', '--lang', 'en'], { LANG: 'ja_JP.UTF-8' }, 'or newer'],
    ] as const;
    for (const [args, locale, words] of cases) {
      const result = runAs('v18.20.4', [...args], locale);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr, args.join(' ')).toContain(words);
      expect(result.stderr).toContain('v18.20.4');
      expect(result.stderr).not.toMatch(/\n\s+at |Error/);
    }
  });

  it('a supported Node is let through', () => {
    const result = runAs('v20.19.0', ['--version']);
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
