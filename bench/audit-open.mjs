#!/usr/bin/env node
// What verifying the audit log before appending costs `check`: `check --json` on the demo seller
// with a new log each round, and with a log of N records built by bench/audit-verify.mjs (a copy
// per round, as check appends to it), side by side in one run with `node -e 0`.
// Usage: node bench/audit-verify.mjs N first (it builds the log), then node bench/audit-open.mjs [N] [rounds]

import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RECORDS = Number(process.argv[2] ?? 100_000);
const ROUNDS = Number(process.argv[3] ?? 7);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli.cjs');
const big = join(root, 'bench', '.data', `audit-${RECORDS}.db`);
if (!existsSync(big)) throw new Error(`run node bench/audit-verify.mjs ${RECORDS} first: it builds ${big}`);
const bigName = `check --json, ${RECORDS.toLocaleString('en')}-record log`;

const samples = { 'node -e 0': [], 'check --json, new log': [], [bigName]: [] };
for (let round = 0; round < ROUNDS; round++) {
  const home = mkdtempSync(join(tmpdir(), 'bench-open-'));
  const env = { PATH: process.env.PATH, HOME: home, XDG_DATA_HOME: join(home, 'data') };
  const copy = join(home, 'big.db');
  copyFileSync(big, copy);
  const runs = {
    'node -e 0': [process.execPath, ['-e', '0']],
    'check --json, new log': [process.execPath, [cli, 'check', '--json', '--audit-db', join(home, 'new.db')]],
    [bigName]: [process.execPath, [cli, 'check', '--json', '--audit-db', copy]],
  };
  for (const [name, [command, args]] of Object.entries(runs)) {
    const start = process.hrtime.bigint();
    const result = spawnSync(command, args, { env, encoding: 'utf8' });
    if (result.status !== 0 && result.status !== 3) throw new Error(`${name}: exit ${result.status}\n${result.stderr}`);
    samples[name].push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  rmSync(home, { recursive: true, force: true });
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const base = median(samples['node -e 0']);
console.log(`check with the audit log verified before appending, ${ROUNDS} interleaved rounds, medians (Node ${process.version})`);
for (const [name, values] of Object.entries(samples)) {
  const m = median(values);
  console.log(`  ${name.padEnd(34)} ${(m / 1000).toFixed(3).padStart(7)} s   ${(m / base).toFixed(1).padStart(6)}× node -e 0`);
}
