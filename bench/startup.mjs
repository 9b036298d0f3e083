#!/usr/bin/env node
// Start-up time of close-account as ratios to `node -e 0`, measured side by side: every round
// runs each command once, in turn, so machine noise hits them all alike. Medians are reported.
// Usage: node bench/startup.mjs [rounds] [other-checkout]   (build first: npm run build)
// With another checkout (built, e.g. a `git worktree` of main), its commands are timed in the same
// rounds, for a before/after measured side by side.
//
// `check` verifies the whole audit log before it appends (src/audit/open-audit-log.ts), so its
// time depends on the log: each `check` starts from a fresh copy of a log holding 10 earlier runs
// (a seller who has checked a few times), and once from one holding 1,000 (bench/audit-log-fixture.mjs).
// Each log was last closed by a run of this checkout's program, as a seller's log is: a run that
// finds the file byte for byte as that run left it skips the per-record walk (AuditLog.verifyBeforeAppend).
// The copy is made between timings, never timed.

import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeAuditLogFixture } from './audit-log-fixture.mjs';

const rounds = Number(process.argv[2] ?? 30);
const other = process.argv[3];
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli.cjs');
const work = mkdtempSync(join(tmpdir(), 'close-account-bench-'));

// The same build without its code cache (src/program-loader.cts), to show what the cache gives.
const uncached = join(work, 'uncached');
cpSync(join(root, 'dist'), join(uncached, 'dist'), { recursive: true });
rmSync(join(uncached, 'dist', 'close-account.code-cache'));
cpSync(join(root, 'package.json'), join(uncached, 'package.json'));
symlinkSync(join(root, 'node_modules'), join(uncached, 'node_modules'));

// Homes (HOME = XDG_DATA_HOME) with an audit log of 10 and of 1,000 earlier runs of `check`.
// Each is made at the path it is timed at (the copy of the head in the state folder is named
// after the log's path, as on a seller's machine), then put aside.
const home = join(work, 'home');
const logs = { small: join(work, 'log-10'), large: join(work, 'log-1000') };
for (const [log, runs] of [[logs.small, 10], [logs.large, 1000]]) {
  await makeAuditLogFixture({ cli, home, runs });
  renameSync(home, log);
}

const commands = {
  'node -e 0': { args: ['-e', '0'] },
  'close-account --version': { args: [cli, '--version'] },
  'close-account --help': { args: [cli, '--help'] },
  'close-account check (demo)': { args: [cli, 'check'], log: logs.small },
  'close-account check --json': { args: [cli, 'check', '--json'], log: logs.small },
  'check, 1,000-run log': { args: [cli, 'check'], log: logs.large },
  'check, without code cache': { args: [join(uncached, 'dist', 'cli.cjs'), 'check'], log: logs.small },
};
if (other) {
  const otherCli = join(other, 'dist', 'cli.cjs');
  Object.assign(commands, {
    'other: --version': { args: [otherCli, '--version'] },
    'other: --help': { args: [otherCli, '--help'] },
    'other: check (demo)': { args: [otherCli, 'check'], log: logs.small },
    'other: check --json': { args: [otherCli, 'check', '--json'], log: logs.small },
    'other: check, 1,000-run log': { args: [otherCli, 'check'], log: logs.large },
  });
}

const samples = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
const time = ({ args, log }) => {
  rmSync(home, { recursive: true, force: true });
  if (log) cpSync(log, home, { recursive: true });
  const env = { PATH: process.env.PATH, HOME: home, XDG_DATA_HOME: home };
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { env, stdio: 'ignore' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0 && result.status !== 3) throw new Error(`${args.join(' ')} exited ${result.status}`);
  return ms;
};

try {
  for (const command of Object.values(commands)) time(command); // warm the file cache
  for (let round = 0; round < rounds; round++) {
    for (const [name, command] of Object.entries(commands)) samples[name].push(time(command));
  }
} finally {
  rmSync(work, { recursive: true, force: true });
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
