#!/usr/bin/env node
// Wall and CPU time of `npm test` here against a base commit, measured side by side: the two checkouts
// run in turn (base, this one, base, this one, ...) so that load from other work on the machine
// hits both alike. Reports each run, the medians, their ratio, and the load averages (uptime)
// before each run, since these machines are shared.
//
// Usage: node bench/suite-time.mjs [--base <commit>] [--pairs <n>]
//   --base   the commit to compare with (default d3d8946, before issue 15's speed work)
//   --pairs  rounds of (base, this one) (default 2)
// The base is checked out once as a git worktree in the system's temporary folder, with this
// checkout's node_modules linked in (hard links: nothing is downloaded) and ../shared linked
// beside it; it is kept for reruns (remove it with `git worktree remove`).
// Each run gets a TMPDIR of its own, removed after it, so what the base's tests leave behind
// does not pile up in /tmp; what a run leaves there or in /dev/shm is counted.

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
};
const baseRef = arg('--base', 'd3d8946');
const pairs = Number(arg('--pairs', '2'));
const here = join(dirname(fileURLToPath(import.meta.url)), '..');
const git = (...args) => execFileSync('git', args, { cwd: here, encoding: 'utf8' }).trim();

const baseCommit = git('rev-parse', '--short', baseRef);
const headCommit = git('rev-parse', '--short', 'HEAD');
// The checkout sits in a folder of its own beside a link to ../shared (the SP-API models and the
// reference the tests read from the checkout's parent), as this one does.
const benchDir = join(tmpdir(), `close-account-bench-${baseCommit}`);
const baseDir = join(benchDir, 'base');
if (!existsSync(join(baseDir, 'package.json'))) {
  rmSync(baseDir, { recursive: true, force: true });
  mkdirSync(benchDir, { recursive: true });
  git('worktree', 'add', '--detach', baseDir, baseCommit);
}
if (existsSync(join(here, '..', 'shared')) && !existsSync(join(benchDir, 'shared'))) symlinkSync(join(here, '..', 'shared'), join(benchDir, 'shared'));
if (!existsSync(join(baseDir, 'node_modules'))) execFileSync('cp', ['-al', join(here, 'node_modules'), join(baseDir, 'node_modules')]);

const load = () => loadavg().map((n) => n.toFixed(2)).join(' ');
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * CPU seconds (user + system) of this process's finished children and their descendants, from
 * /proc (Linux); null elsewhere. Wall time on a shared machine grows with the others' load; the CPU
 * a run costs much less so.
 */
function childrenCpu() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    return (Number(fields[13]) + Number(fields[14])) / ticks;
  } catch {
    return null;
  }
}

/**
 * The host's speed at page faults just now, in ms: a fresh Node touching 2,000 new 256 KiB
 * buffers. The same suite's time on these virtual machines follows this more than the load (it
 * was seen to double in a day); printed beside each run so that two runs far apart can be compared.
 */
function faultProbe() {
  const code = 'const t = process.hrtime.bigint(); for (let i = 0; i < 2000; i++) Buffer.alloc(262144).fill(1); console.log(Number(process.hrtime.bigint() - t) / 1e6)';
  const out = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8' }).stdout;
  return Number(out.trim()).toFixed(0);
}

/** Folders a run left in /dev/shm (test/helpers/suite-temp.ts makes the run's folder there). */
function leftInMemory() {
  try {
    return readdirSync('/dev/shm').filter((name) => name.startsWith('close-account-suite-')).length;
  } catch {
    return 0;
  }
}

/** One `npm test` in `dir`: its wall and CPU time, whether it passed, and vitest's count line. */
function runSuite(dir) {
  const tmp = mkdtempSync(join(tmpdir(), 'cab-'));
  const probe = faultProbe();
  const loadBefore = load();
  const cpuBefore = childrenCpu();
  const start = process.hrtime.bigint();
  const result = spawnSync('npm', ['test', '--silent'], { cwd: dir, env: { ...process.env, TMPDIR: tmp, NO_COLOR: '1', FORCE_COLOR: '0' }, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpuAfter = childrenCpu();
  const cpu = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;
  // The suite's own folder is in /dev/shm where the machine has one (test/helpers/suite-temp.ts).
  const left = readdirSync(tmp).length + leftInMemory();
  rmSync(tmp, { recursive: true, force: true });
  const tests = /Tests\s+(.*)/.exec(result.stdout ?? '')?.[1]?.trim() ?? '?';
  // The failed tests' names, so a run that failed under load can be told from a broken one.
  // eslint-disable-next-line no-control-regex -- colour codes are what is removed
  const failed = [...new Set(`${result.stdout ?? ''}\n${result.stderr ?? ''}`.replace(/\u001b\[[0-9;]*m/g, '').split('\n').filter((line) => /^\s*(FAIL|×)\s/.test(line)).map((line) => line.trim()))];
  // A failed run's whole output is kept (a property's counterexample is in it), and its file named.
  if (result.status !== 0) {
    const kept = join(tmpdir(), `suite-time-failed-${Date.now()}.txt`);
    writeFileSync(kept, `${result.stdout ?? ''}\n${result.stderr ?? ''}`);
    failed.push(`output kept in ${kept}`);
  }
  return { seconds, cpu, ok: result.status === 0, tests, loadBefore, probe, left, failed };
}

const runs = { base: [], head: [] };
const cpus = { base: [], head: [] };
console.log(`npm test, ${pairs} pairs; base ${baseCommit} (${baseDir}), this ${headCommit} (${here})`);
console.log('run   checkout  wall s   CPU s  passed  load before (1/5/15 min)  fault probe ms  left in TMPDIR  tests');
let n = 0;
for (let i = 0; i < pairs; i++) {
  for (const [name, dir] of [['base', baseDir], ['head', here]]) {
    const r = runSuite(dir);
    runs[name].push(r.seconds);
    if (r.cpu !== null) cpus[name].push(r.cpu);
    n += 1;
    console.log(`${String(n).padEnd(5)} ${name.padEnd(9)} ${r.seconds.toFixed(1).padStart(6)}  ${(r.cpu === null ? '?' : r.cpu.toFixed(1)).padStart(6)}  ${(r.ok ? 'yes' : 'NO').padEnd(6)}  ${r.loadBefore.padEnd(24)}  ${r.probe.padStart(14)}  ${String(r.left).padStart(14)}  ${r.tests}`);
    for (const line of r.failed) console.log(`        ${line}`);
  }
}
const b = median(runs.base);
const h = median(runs.head);
console.log(`median wall: base ${b.toFixed(1)} s, this ${h.toFixed(1)} s; this/base = ${(h / b).toFixed(2)} (base takes ${(b / h).toFixed(2)}x as long)`);
if (cpus.base.length && cpus.head.length) {
  const [cb, ch] = [median(cpus.base), median(cpus.head)];
  console.log(`median CPU (user + system, npm test and everything it ran): base ${cb.toFixed(1)} s, this ${ch.toFixed(1)} s; this/base = ${(ch / cb).toFixed(2)}`);
}
console.log(`load averages now: ${load()}; cores: ${availableParallelism()}`);
