#!/usr/bin/env node
// Start-up time of close-account as ratios to `node -e 0`, measured side by side: every round
// runs each command once, in turn, so machine noise hits them all alike. Medians are reported.
// Usage: node bench/startup.mjs [rounds] [other-checkout]   (build first: npm run build)
// With another checkout (built, e.g. a `git worktree` of main), its commands are timed in the same
// rounds, for a before/after measured side by side.

import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const rounds = Number(process.argv[2] ?? 30);
const other = process.argv[3];
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli.cjs');
const home = mkdtempSync(join(tmpdir(), 'close-account-bench-'));
const env = { PATH: process.env.PATH, HOME: home, XDG_DATA_HOME: home };

// The same build without its code cache (src/program-loader.cts), to show what the cache gives.
const uncached = join(home, 'uncached');
cpSync(join(root, 'dist'), join(uncached, 'dist'), { recursive: true });
rmSync(join(uncached, 'dist', 'close-account.code-cache'));
cpSync(join(root, 'package.json'), join(uncached, 'package.json'));
symlinkSync(join(root, 'node_modules'), join(uncached, 'node_modules'));

const commands = {
  'node -e 0': ['-e', '0'],
  'close-account --version': [cli, '--version'],
  'close-account --help': [cli, '--help'],
  'close-account check (demo)': [cli, 'check'],
  'close-account check --json': [cli, 'check', '--json'],
  'check, without code cache': [join(uncached, 'dist', 'cli.cjs'), 'check'],
};
if (other) {
  const otherCli = join(other, 'dist', 'cli.cjs');
  Object.assign(commands, {
    'other: --version': [otherCli, '--version'],
    'other: --help': [otherCli, '--help'],
    'other: check (demo)': [otherCli, 'check'],
    'other: check --json': [otherCli, 'check', '--json'],
  });
}

const samples = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
const time = (args) => {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { env, stdio: 'ignore' });
  if (result.status !== 0 && result.status !== 3) throw new Error(`${args.join(' ')} exited ${result.status}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
};

for (const args of Object.values(commands)) time(args); // warm the file cache
for (let round = 0; round < rounds; round++) {
  for (const [name, args] of Object.entries(commands)) samples[name].push(time(args));
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const base = median(samples['node -e 0']);
console.log(`start-up, ${rounds} interleaved rounds, median wall time and ratio to node -e 0 (Node ${process.version})`);
for (const [name, values] of Object.entries(samples)) {
  const m = median(values);
  console.log(`  ${name.padEnd(30)} ${m.toFixed(1).padStart(7)} ms   ${(m / base).toFixed(2)}×`);
}
