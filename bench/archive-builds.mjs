#!/usr/bin/env node
// Building an archive with two builds of the program side by side: this checkout's dist/cli.cjs
// and another's (main's, by default), the same archives in the same rounds, in turn (the order
// swapped every round), so machine noise hits both alike. Medians of wall time and the ratio
// other/this are printed. The archives: the demo seller's (90 units, 33 files) and a reports folder
// of N files copied (--adapter reports), for each N given: a build linear in its files takes about
// N times as long per file at any N, a quadratic one longer per file as N grows.
// Usage: node bench/archive-builds.mjs [--other /work/main/dist] [--rounds 5] [--files 100,400]
// (build first: npm run build)

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const other = flag('--other', '/work/main/dist');
const rounds = Number(flag('--rounds', '5'));
const sizes = flag('--files', '100,400').split(',').map(Number);
const builds = { this: join(root, 'dist', 'cli.cjs'), other: join(other, 'cli.cjs') };

const DAY = '2026-11-26';
const HEADER = ['amazon-order-id', 'merchant-order-id', 'purchase-date', 'last-updated-date', 'order-status', 'fulfillment-channel', 'sales-channel'].join('\t');
const work = mkdtempSync(join(tmpdir(), 'bench-archive-builds-'));
try {
  // One Seller Central orders file per day, each with one order of that day.
  const folders = new Map();
  for (const n of sizes) {
    const dir = join(work, `reports-${n}`);
    mkdirSync(dir);
    for (let i = 0; i < n; i++) {
      const day = new Date(Date.parse(`${DAY}T12:00:00Z`) - i * 86_400_000).toISOString().slice(0, 10);
      writeFileSync(join(dir, `orders-${String(i).padStart(5, '0')}.txt`), `${HEADER}\n111-0000000-${String(i).padStart(7, '0')}\t\t${day}T10:00:00+00:00\t${day}T10:00:00+00:00\tShipped\tAmazon\tAmazon.com\n`);
    }
    folders.set(n, dir);
  }
  const cases = [['demo (33 files)', ['archive', '--as-of', DAY]], ...sizes.map((n) => [`reports, ${n} files`, ['archive', '--adapter', 'reports', '--reports-dir', folders.get(n), '--seller-id', 'A1BENCHSELLER1', '--as-of', DAY]])];
  const times = new Map(cases.map(([name]) => [name, { this: [], other: [] }]));
  let run = 0;
  for (let round = 0; round < rounds; round++) {
    for (const [name, argv] of cases) {
      for (const which of round % 2 === 0 ? ['other', 'this'] : ['this', 'other']) {
        const home = join(work, `home-${run++}`);
        const env = { PATH: process.env.PATH ?? '', HOME: home, XDG_DATA_HOME: join(home, '.local', 'share'), LANG: 'C.UTF-8', TMPDIR: work };
        const start = process.hrtime.bigint();
        const result = spawnSync(process.execPath, [builds[which], ...argv, '--out', join(home, 'archive')], { env, encoding: 'utf8' });
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        if (result.status !== 0 && result.status !== 3) throw new Error(`${which} ${name}: exit ${result.status}\n${result.stderr}`);
        times.get(name)[which].push(ms);
        rmSync(home, { recursive: true, force: true });
      }
    }
  }
  const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
  console.log(`${rounds} rounds, medians (this: ${builds.this}; other: ${builds.other})`);
  console.log('archive            |   other ms |    this ms | other/this');
  for (const [name] of cases) {
    const { this: mine, other: theirs } = times.get(name);
    console.log(`${name.padEnd(18)} | ${median(theirs).toFixed(0).padStart(10)} | ${median(mine).toFixed(0).padStart(10)} | ${(median(theirs) / median(mine)).toFixed(2)}×`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
