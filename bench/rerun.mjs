#!/usr/bin/env node
// Re-runs are quick (issue 17): `check --adapter sp-api` twice against the fake SP-API, whose
// reports take realistic minutes to produce, on one virtual clock (Amazon's minutes pass in
// milliseconds, measured exactly). Prints side by side, in one run: each check's time at Amazon
// (virtual: report production and rate waits), its wall time here, its createReport and getReport
// calls, and the ratio first/second of the time a seller waits (virtual + wall) and of the wall time.
// The second check comes 20 minutes after the first, within the hour.
// Usage: node bench/rerun.mjs [--delay-minutes 5] [--gap-minutes 20] [--rounds 3]
// (bundles the fake and the adapter from source with esbuild; no build needed)

import { mkdirSync, rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const DELAY_MIN = option('--delay-minutes', 5);
const GAP_MIN = option('--gap-minutes', 20);
const ROUNDS = option('--rounds', 3);

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'bench', '.data', 'rerun-bundle.mjs');
mkdirSync(dirname(out), { recursive: true });

// The same pieces the tests use: the fake SP-API, a virtual clock and the real adapter and checks.
const entry = `
export { virtualClock } from './src/adapters/sp-api/clock.ts';
export { createSpApiAdapter } from './src/adapters/sp-api/sp-api-adapter.ts';
export { spApiSettings } from './src/adapters/sp-api/sp-api-settings.ts';
export { evaluateReadiness } from './src/core/readiness.ts';
export { translator } from './src/messages/catalogue.ts';
export { startFakeSpApi, provenReadySeller, NO_FAULTS } from './test/helpers/fake-sp-api.ts';
`;
await build({ stdin: { contents: entry, resolveDir: root, loader: 'ts', sourcefile: 'rerun-entry.ts' }, bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: out, packages: 'external', logLevel: 'error' });
const m = await import(pathToFileURL(out).href);

const t = m.translator();
const NOW = Date.parse('2026-11-26T12:00:00Z');
const POLL = { firstMs: 500, maxMs: 30_000, deadlineMs: 20 * 60_000 };

async function round() {
  const clock = m.virtualClock(NOW);
  const fake = await m.startFakeSpApi(m.provenReadySeller(NOW), { ...m.NO_FAULTS, reportDelayMs: DELAY_MIN * 60_000, tokenLifetime: 3600 }, { now: clock.now });
  const settings = m.spApiSettings(fake.env, null, t, () => {});
  let rates = {};
  const count = (op) => fake.requests.filter((r) => r.operation === op).length;
  const check = async () => {
    const before = { virtual: clock.now(), wall: performance.now(), create: count('createReport'), get: count('getReport'), calls: fake.requests.length };
    const adapter = await m.createSpApiAdapter({ settings, t, asOf: '2026-11-26', note: () => {}, verbose: false, userAgent: 'bench', poll: POLL, clock, rates, saveRates: (s) => (rates = s) });
    const readiness = await m.evaluateReadiness(adapter, { asOf: '2026-11-26', t, attested: new Set() });
    await adapter.close();
    return {
      virtualS: (clock.now() - before.virtual) / 1000,
      wallMs: performance.now() - before.wall,
      createReport: count('createReport') - before.create,
      getReport: count('getReport') - before.get,
      calls: fake.requests.length - before.calls,
      verdict: readiness.verdict,
    };
  };
  try {
    const first = await check();
    await clock.sleep(GAP_MIN * 60_000);
    const second = await check();
    return { first, second };
  } finally {
    await fake.close();
  }
}

console.log(`Re-run against the fake SP-API: reports take ${DELAY_MIN} min to produce; second check ${GAP_MIN} min after the first.`);
console.log('round  check   at Amazon (virtual s)  wall (ms)  createReport  getReport  calls  verdict');
const ratios = [];
for (let i = 1; i <= ROUNDS; i++) {
  const { first, second } = await round();
  for (const [name, r] of [['first', first], ['second', second]]) {
    console.log(`${String(i).padStart(5)}  ${name.padEnd(6)}  ${r.virtualS.toFixed(1).padStart(21)}  ${r.wallMs.toFixed(0).padStart(9)}  ${String(r.createReport).padStart(12)}  ${String(r.getReport).padStart(9)}  ${String(r.calls).padStart(5)}  ${r.verdict}`);
  }
  // Elapsed as a seller would wait: Amazon's minutes (virtual) plus the work done here (wall).
  const elapsed = (r) => r.virtualS + r.wallMs / 1000;
  ratios.push({ elapsed: elapsed(first) / elapsed(second), wall: first.wallMs / second.wallMs });
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`first/second, median of ${ROUNDS}: ${median(ratios.map((r) => r.elapsed)).toFixed(0)}x elapsed (Amazon's waits + work here); ${median(ratios.map((r) => r.wall)).toFixed(1)}x in work here alone (no report to wait for either way)`);
rmSync(out, { force: true });
