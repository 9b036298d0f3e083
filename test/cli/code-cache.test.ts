// The program is one bundled file that starts from V8's code cache, made at build time
// (src/program-loader.cts, scripts/save-code-cache.mjs). These tests hold that a plain start
// takes the cache, that a cache made from other code is never run, and that the bundled SQLite
// driver still finds its addon. Whether V8 took the cache and what the program then does are seen
// in one process (start()): the program is loaded as the executable loads it, then run.

import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { assertBuilt, ROOT, sandbox } from '../helpers/cli-process.js';

const DIST = join(ROOT, 'dist');

/**
 * A new Node process, with no flags (as a user runs it), that loads the program of `dist` as the
 * executable does (dist/cli.cjs: loadProgram(its folder)), says on file descriptor 3 whether V8
 * took the cache, then runs the program with `args` in a home of its own.
 */
function start(dist: string, args: string[]): { cacheUsed: boolean; status: number | null; stdout: string; stderr: string } {
  const { env } = sandbox();
  const script = [
    `const loaded = require(${JSON.stringify(join(dist, 'program-loader.cjs'))}).loadProgram(${JSON.stringify(dist)});`,
    `require('node:fs').writeSync(3, String(loaded.cacheUsed));`,
    `loaded.program.main(${JSON.stringify(args)}, loaded.program.processTerminal(), { version: '0.1.0' }).then((code) => { process.exitCode = code; });`,
  ].join('\n');
  const result = spawnSync(process.execPath, ['-e', script], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
  const said = result.output[3];
  expect(said === 'true' || said === 'false', `fd 3: ${said}; stderr: ${result.stderr}`).toBe(true);
  return { cacheUsed: said === 'true', status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `check --json` by the built program with its cache (made once: two tests read it). */
const CHECK = ['check', '--json', '--as-of', '2026-11-26'];
let withCache: ReturnType<typeof start> | undefined;
const startWithCache = () => (withCache ??= start(DIST, CHECK));

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
    const started = startWithCache();
    expect(started.cacheUsed).toBe(true);
    expect(started.stderr).toBe('');
    expect(started.status).toBe(3);
  });

  it('is not run for a program other than the one it was made from, even one of the same length', () => {
    assertBuilt();
    const { dist } = copyOfBuild();
    const program = join(dist, 'close-account.cjs');
    const edited = readFileSync(program, 'utf8').replace('DEMO DATA: an embedded', 'DEMO_DATA: an embedded');
    writeFileSync(program, edited);

    const result = start(dist, ['--dry-run']);
    expect(result.cacheUsed).toBe(false);
    expect(result.status).toBe(3);
    expect(result.stdout).toContain('DEMO_DATA: an embedded sample seller');

    // Why the cache carries a digest of its program: V8 compares only the length, and would run
    // the code of the old program. Give the stale cache the new program's digest to see it.
    const cacheFile = join(dist, 'close-account.code-cache');
    const cache = readFileSync(cacheFile);
    writeFileSync(cacheFile, Buffer.concat([createHash('sha1').update(edited).digest(), cache.subarray(20)]));
    const stale = start(dist, ['--dry-run']);
    expect(stale.cacheUsed).toBe(true);
    expect(stale.stdout).toContain('DEMO DATA: an embedded sample seller');
    // A cache turned down is said nowhere: the run's stderr is what it is with the cache taken.
    expect(result.stderr).toBe(stale.stderr);
  });

  it('is not needed: without it the program runs the same', () => {
    assertBuilt();
    const { dist } = copyOfBuild();
    renameSync(join(dist, 'close-account.code-cache'), join(dist, 'moved-away'));
    const without = start(dist, CHECK);
    expect(without.cacheUsed).toBe(false);
    expect(without.stderr).toBe('');
    expect(without.status).toBe(3);
    const comparable = (stdout: string) => ({ ...JSON.parse(stdout), audit: null });
    expect(comparable(without.stdout)).toEqual(comparable(startWithCache().stdout));
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
