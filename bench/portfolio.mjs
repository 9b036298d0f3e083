#!/usr/bin/env node
// `close-account portfolio check` at scale, against the fake SP-API (test/helpers/fake-sp-api.ts,
// bundled here with esbuild): one fake per seller, each with Amazon's documented per-seller rate
// buckets enforced (a call beyond them is a 429) and a round trip of --latency ms on every call.
// Time runs --scale times faster for the fakes and the program alike (CLOSE_ACCOUNT_TEST_TIME_SCALE),
// so minutes of Amazon's report and rate waits take seconds; every figure is a ratio measured side by
// side in this one run, with each run's peak memory (/usr/bin/time).
//
// Accounts differ as real ones do: Amazon takes --fast (virtual) seconds to produce most sellers'
// reports and --slow for one seller in ten. Printed, side by side:
//   - single accounts alone (a slow one and quick ones), then all --accounts at --concurrency: a
//     first run (no history: the file's order) and the next run (the audit log says which accounts
//     took longest: they start first);
//   - every account alike (the worst case for a pool: waves of --concurrency), at --concurrency and
//     with every account at once.
// Usage: node bench/portfolio.mjs [--accounts 50] [--concurrency 16] [--scale 10] [--latency 150]
//        [--fast 30] [--slow 300] [--sample 2]   (npm run build first)

import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { setTimeout } from 'node:timers';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const ACCOUNTS = option('--accounts', 50);
const CONCURRENCY = option('--concurrency', 16);
const SCALE = option('--scale', 10);
const LATENCY_MS = option('--latency', 150);
const FAST_S = option('--fast', 30);
const SLOW_S = option('--slow', 300);
const SAMPLE = option('--sample', 2);

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli.cjs');
const data = join(root, 'bench', '.data', 'portfolio');
rmSync(data, { recursive: true, force: true });
mkdirSync(data, { recursive: true });

// The fake, bundled from its TypeScript (two folders below the root, as in test/helpers, so that it
// finds Amazon's models beside the project the same way).
const fakeBundle = join(root, 'bench', '.data', 'fake-sp-api.mjs');
await build({ entryPoints: [join(root, 'test', 'helpers', 'fake-sp-api.ts')], bundle: true, platform: 'node', format: 'esm', outfile: fakeBundle, logLevel: 'error' });
const { startFakeSpApi, provenReadySeller, NO_FAULTS, FAKE_CREDENTIALS } = await import(pathToFileURL(fakeBundle).href);

// The fakes' clock runs at the program's pace (the same scale from a shared start is not needed:
// each side compares only its own times).
const start = Date.now();
const now = () => start + (Date.now() - start) * SCALE;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms / SCALE));

const sellerId = (i) => `A${String(i).padStart(11, '0')}BX`;
async function startFakes(count, slowEvery) {
  const fakes = [];
  for (let i = 0; i < count; i++) {
    const slow = slowEvery > 0 && i % slowEvery === slowEvery - 1;
    const fake = await startFakeSpApi(provenReadySeller(now()), { ...NO_FAULTS, reportDelayMs: (slow ? SLOW_S : FAST_S) * 1000, latencyMs: LATENCY_MS, enforceRates: true }, { now, sleep });
    fakes.push({ fake, slow });
  }
  return fakes;
}

function accountsFile(name, fakes) {
  const lines = ['version: 1', 'accounts:'];
  fakes.forEach(({ fake }, i) => {
    lines.push(`  - name: Client ${i + 1}`, `    sellerId: ${sellerId(i)}`, '    region: north-america', '    source:', '      kind: sp-api', '      credentials: { clientId: BENCH_ID, clientSecret: BENCH_SECRET, refreshToken: BENCH_REFRESH }', `      endpoint: ${fake.url}`, `      lwaEndpoint: ${fake.lwaUrl}`);
  });
  const path = join(data, `${name}.yaml`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

/**
 * One run of the built program in `home` (its audit log kept for the next run there, its saved rate
 * buckets not: each measured run starts from full buckets, as after a quiet night): wall ms, peak MB.
 */
function measure(name, file, concurrency, homeName = name) {
  const home = join(data, `home-${homeName}`);
  mkdirSync(home, { recursive: true });
  rmSync(join(home, 'data', 'close-account', 'sp-api-rates.json'), { force: true });
  const env = {
    ...process.env,
    HOME: home,
    XDG_DATA_HOME: join(home, 'data'),
    XDG_STATE_HOME: join(home, 'state'),
    CLOSE_ACCOUNT_TEST_TIME_SCALE: String(SCALE),
    BENCH_ID: FAKE_CREDENTIALS.SP_API_CLIENT_ID,
    BENCH_SECRET: FAKE_CREDENTIALS.SP_API_CLIENT_SECRET,
    BENCH_REFRESH: FAKE_CREDENTIALS.SP_API_REFRESH_TOKEN,
  };
  return new Promise((resolve, reject) => {
    const began = process.hrtime.bigint();
    const child = spawn('/usr/bin/time', ['-f', '%M', process.execPath, cli, 'portfolio', 'check', '--accounts', file, '--attest', 'all', '--json', '--concurrency', String(concurrency)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    child.on('exit', (code) => {
      const ms = Number(process.hrtime.bigint() - began) / 1e6;
      if (code !== 0 && code !== 3) return reject(new Error(`${name}: exit ${code}\n${err}`));
      const doc = JSON.parse(out);
      const failed = doc.accounts.filter((a) => a.status !== 'checked');
      if (failed.length > 0) return reject(new Error(`${name}: ${failed.length} accounts failed: ${failed[0].error.message}`));
      resolve({ ms, mb: Number(err.trim().split('\n').at(-1)) / 1024, ready: doc.summary.ready, accounts: doc.summary.accounts });
    });
  });
}

const throttled = (fakes) => fakes.reduce((sum, { fake }) => sum + fake.requests.filter((r) => r.status === 429).length, 0);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s (${((ms * SCALE) / 60_000).toFixed(1)} min on Amazon's clock)`;

const ratio = (run, single) => `${(run.ms / single.ms).toFixed(2)}× the slowest single account`;
const perAccount = (run, singlePeak) => (run.mb - singlePeak) / (ACCOUNTS - 1);

async function singles(fakes, label) {
  const slow = fakes.map((f, i) => ({ ...f, i })).filter((f) => f.slow).slice(0, 1);
  const quick = fakes.map((f, i) => ({ ...f, i })).filter((f) => !f.slow).slice(0, SAMPLE);
  const results = [];
  for (const pick of [...slow, ...quick]) {
    const result = await measure(`single-${label}-${pick.i}`, accountsFile(`single-${label}-${pick.i}`, [pick]), 1);
    results.push(result);
    console.log(`  one account alone (${pick.slow ? 'slow reports' : 'quick reports'}): ${seconds(result.ms)}, peak ${result.mb.toFixed(1)} MB`);
  }
  return { slowest: results.reduce((a, b) => (b.ms > a.ms ? b : a)), peak: Math.max(...results.map((r) => r.mb)) };
}

async function mixed() {
  console.log('\nAccounts as they come (one in ten with slow reports):');
  const fakes = await startFakes(ACCOUNTS, 10);
  try {
    const single = await singles(fakes, 'mixed');
    const file = accountsFile('all-mixed', fakes);
    const first = await measure('all-mixed-first', file, CONCURRENCY, 'all-mixed');
    console.log(`  ${ACCOUNTS} accounts at --concurrency ${CONCURRENCY}, first run (file order): ${seconds(first.ms)}, peak ${first.mb.toFixed(1)} MB: ${ratio(first, single.slowest)}`);
    const next = await measure('all-mixed-next', file, CONCURRENCY, 'all-mixed');
    console.log(`  ${ACCOUNTS} accounts at --concurrency ${CONCURRENCY}, next run (longest first): ${seconds(next.ms)}, peak ${next.mb.toFixed(1)} MB: ${ratio(next, single.slowest)} (target ≤ 1.5×)`);
    console.log(`  memory: +${perAccount(next, single.peak).toFixed(2)} MB per added account over the single run's peak (target < 2 MB)`);
    console.log(`  429s the fakes answered (Amazon's per-seller buckets enforced): ${throttled(fakes)}`);
    return { first: first.ms / single.slowest.ms, next: next.ms / single.slowest.ms, mb: perAccount(next, single.peak) };
  } finally {
    await Promise.all(fakes.map(({ fake }) => fake.close()));
  }
}

async function alike() {
  console.log('\nEvery account alike (the worst case for a pool: it works in waves of --concurrency):');
  const fakes = await startFakes(ACCOUNTS, 0);
  try {
    const single = await singles(fakes, 'alike');
    const file = accountsFile('all-alike', fakes);
    const pooled = await measure('all-alike-pooled', file, CONCURRENCY);
    console.log(`  ${ACCOUNTS} accounts at --concurrency ${CONCURRENCY}: ${seconds(pooled.ms)}, peak ${pooled.mb.toFixed(1)} MB: ${ratio(pooled, single.slowest)} (${Math.ceil(ACCOUNTS / CONCURRENCY)} waves)`);
    const all = await measure('all-alike-all', file, Math.min(64, ACCOUNTS));
    console.log(`  ${ACCOUNTS} accounts at --concurrency ${Math.min(64, ACCOUNTS)}: ${seconds(all.ms)}, peak ${all.mb.toFixed(1)} MB: ${ratio(all, single.slowest)}`);
    console.log(`  memory: +${perAccount(all, single.peak).toFixed(2)} MB per added account with all ${ACCOUNTS} at once`);
    return { pooled: pooled.ms / single.slowest.ms, all: all.ms / single.slowest.ms, mb: perAccount(all, single.peak) };
  } finally {
    await Promise.all(fakes.map(({ fake }) => fake.close()));
  }
}

console.log(`portfolio check against ${ACCOUNTS} fake sellers; time ×${SCALE}, ${LATENCY_MS} ms per call, reports in ${FAST_S} s (one account in ten: ${SLOW_S} s)`);
const m = await mixed();
const a = await alike();
console.log(`\nSummary (× the slowest single account): mixed accounts ${m.first.toFixed(2)}× on a first run, ${m.next.toFixed(2)}× on the next (longest first), +${m.mb.toFixed(2)} MB per account; accounts alike ${a.pooled.toFixed(2)}× at --concurrency ${CONCURRENCY}, ${a.all.toFixed(2)}× all at once, +${a.mb.toFixed(2)} MB per account.`);
rmSync(data, { recursive: true, force: true });
