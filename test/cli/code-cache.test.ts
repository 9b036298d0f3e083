// The program is one bundled file that starts from V8's code cache, made at build time
// (src/program-loader.cts, scripts/save-code-cache.mjs). These tests hold that a plain start
// takes the cache, that a cache made from other code is never run, and that the bundled SQLite
// driver still finds its addon.

import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { assertBuilt, ROOT, sandbox } from '../helpers/cli-process.js';

const DIST = join(ROOT, 'dist');

/** Whether a new Node process, with no flags (as a user runs it), takes the cache of `dist`. */
function cacheUsed(dist: string): boolean {
  const script = `process.stdout.write(String(require(${JSON.stringify(join(dist, 'program-loader.cjs'))}).loadProgram(${JSON.stringify(dist)}).cacheUsed))`;
  const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  expect(result.stderr).toBe('');
  return result.stdout === 'true';
}

/** A copy of the built program in a folder of its own, finding its packages in this project's. */
function copyOfBuild(nodeModules = join(ROOT, 'node_modules')): { root: string; dist: string } {
  const root = mkdtempSync(join(tmpdir(), 'close-account-build-copy-'));
  cpSync(DIST, join(root, 'dist'), { recursive: true });
  cpSync(join(ROOT, 'package.json'), join(root, 'package.json'));
  symlinkSync(nodeModules, join(root, 'node_modules'));
  return { root, dist: join(root, 'dist') };
}

function run(dist: string, args: string[]) {
  const { env } = sandbox();
  return spawnSync(process.execPath, [join(dist, 'cli.cjs'), ...args], { env, encoding: 'utf8' });
}

describe('the code cache', () => {
  it('is taken when the program starts', () => {
    assertBuilt();
    expect(cacheUsed(DIST)).toBe(true);
  });

  it('is not run for a program other than the one it was made from, even one of the same length', () => {
    assertBuilt();
    const { dist } = copyOfBuild();
    const program = join(dist, 'close-account.cjs');
    const edited = readFileSync(program, 'utf8').replace('DEMO DATA: an embedded', 'DEMO_DATA: an embedded');
    writeFileSync(program, edited);

    expect(cacheUsed(dist)).toBe(false);
    const result = run(dist, ['--dry-run']);
    expect(result.status).toBe(3);
    expect(result.stdout).toContain('DEMO_DATA: an embedded sample seller');

    // Why the cache carries a digest of its program: V8 compares only the length, and would run
    // the code of the old program. Give the stale cache the new program's digest to see it.
    const cacheFile = join(dist, 'close-account.code-cache');
    const cache = readFileSync(cacheFile);
    writeFileSync(cacheFile, Buffer.concat([createHash('sha1').update(edited).digest(), cache.subarray(20)]));
    expect(run(dist, ['--dry-run']).stdout).toContain('DEMO DATA: an embedded sample seller');
  });

  it('is not needed: without it the program runs the same', () => {
    assertBuilt();
    const { dist } = copyOfBuild();
    renameSync(join(dist, 'close-account.code-cache'), join(dist, 'moved-away'));
    expect(cacheUsed(dist)).toBe(false);
    const withCache = run(DIST, ['check', '--json', '--as-of', '2026-11-26']);
    const without = run(dist, ['check', '--json', '--as-of', '2026-11-26']);
    expect(without.status).toBe(3);
    const comparable = (stdout: string) => ({ ...JSON.parse(stdout), audit: null });
    expect(comparable(without.stdout)).toEqual(comparable(withCache.stdout));
  });
});

describe('the bundled SQLite driver', () => {
  it('finds its addon in build/Release, or wherever `bindings` finds it when built otherwise', () => {
    assertBuilt();
    const nodeModules = join(mkdtempSync(join(tmpdir(), 'close-account-packages-')), 'node_modules');
    mkdirSync(nodeModules);
    for (const name of ['bindings', 'file-uri-to-path']) symlinkSync(join(ROOT, 'node_modules', name), join(nodeModules, name));
    // better-sqlite3 as a debug build leaves it: the addon in build/Debug, no build/Release.
    const driver = join(nodeModules, 'better-sqlite3');
    mkdirSync(join(driver, 'build', 'Debug'), { recursive: true });
    cpSync(join(ROOT, 'node_modules', 'better-sqlite3', 'package.json'), join(driver, 'package.json'));
    cpSync(join(ROOT, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'), join(driver, 'build', 'Debug', 'better_sqlite3.node'));
    const { dist } = copyOfBuild(nodeModules);

    const result = run(dist, ['check', '--json']);
    expect(result.stderr).not.toContain('went wrong');
    expect(result.status).toBe(3);
    expect(JSON.parse(result.stdout).audit.runId).toMatch(/^run-/);
  });
});
